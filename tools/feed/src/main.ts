import { once } from 'node:events';
import { run } from './cli';

// kafkajs 2.2.4 arms a negative timer on Node 24 (tulios/kafkajs#1751), which Node clamps and
// warns about on every connection: noise to an operator. Every other warning is still printed.
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (warning.name !== 'TimeoutNegativeWarning') process.stderr.write(`${warning.name}: ${warning.message}\n`);
});

const interrupted = Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]).then(() => undefined);

run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, interrupted })
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    process.stderr.write(`feed: unexpected error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  });
