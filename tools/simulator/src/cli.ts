import { parseSimulatorArgs, type SimulatorCommand, UsageError, USAGE } from './cli-args';
import { simulate, type SimulatorIo } from './simulator';

/** Runs one command line to completion and returns the exit code; never exits the process. */
export async function run(argv: readonly string[], io: SimulatorIo): Promise<number> {
  let command: SimulatorCommand;
  try {
    command = parseSimulatorArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`simulate: ${error.message}\n\n${USAGE}\n`);
    return error.exitCode;
  }
  if (command.name === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  return (await simulate(command.options, io)).exitCode;
}
