import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { waitFor } from '@cc/testing';

const ROOT = join(__dirname, '..', '..');
const SERVICES = ['intake', 'membership', 'grievance', 'notification', 'reporting'] as const;

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

interface Spawned {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
}

/** The built service, started as `npm start` and the container image start it. */
function spawnService(service: string, env: Record<string, string>): Spawned {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'services', service, 'src', 'main.js')], {
    env: { PATH: process.env.PATH, KAFKA_BROKERS: process.env.KAFKA_BROKERS, MONGODB_URI: process.env.MONGODB_URI, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const spawned: Spawned = { child, stdout: [], stderr: [] };
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => spawned.stdout.push(...chunk.split('\n').filter(Boolean)));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => spawned.stderr.push(chunk));
  return spawned;
}

describe('a service process', () => {
  it.each(SERVICES)('%s stops at boot with a message naming each bad variable', async (service) => {
    const { child, stderr } = spawnService(service, { PORT: 'eighty', KAFKA_BROKERS: 'localhost' });
    const [code] = await once(child, 'exit');
    expect(code).toBe(78);
    expect(stderr.join('')).toMatch(/PORT: must be a whole number \(got "eighty"\)/);
    expect(stderr.join('')).toMatch(/KAFKA_BROKERS: each broker must be host:port/);
  });

  it('boots, logs JSON with the correlation id, and shuts down gracefully on SIGTERM', async () => {
    const port = await freePort();
    const service = spawnService('notification', {
      PORT: String(port),
      MONGODB_DB: 'connect_center_notification_process_test',
      KAFKA_GROUP_ID: `connect-center-notification-process-test-${port}`,
      LOG_LEVEL: 'info',
    });
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitFor('the service to be ready', async () => (await fetch(`${url}/health/ready`)).status === 200, {
        timeoutMs: 60000,
      });
      await fetch(`${url}/no-such-page`, { headers: { 'x-correlation-id': 'process-test-0001' } });
      const lines = await waitFor('the request log line', () => {
        const parsed = service.stdout.map((line) => JSON.parse(line) as Record<string, unknown>);
        return parsed.some((line) => line.correlationId === 'process-test-0001') && parsed;
      });
      expect(lines.every((line) => line.service === 'notification' && typeof line.level === 'number')).toBe(true);

      service.child.kill('SIGTERM');
      const [code] = await once(service.child, 'exit');
      expect(code).toBe(0);
      expect(service.stdout.join('\n')).toMatch(/SIGTERM received: shutting down/);
      expect(service.stdout.join('\n')).toMatch(/shutdown complete/);
    } finally {
      service.child.kill('SIGKILL');
    }
  });
});
