import { freePort, spawnService, startGroupAtEnd, waitFor } from '@cc/testing';

const SERVICES = ['intake', 'membership', 'grievance', 'notification', 'reporting'] as const;

describe('a service process', () => {
  it.each(SERVICES)('%s stops at boot with a message naming each bad variable', async (service) => {
    const { exited, stderr } = await spawnService(service, { PORT: 'eighty', KAFKA_BROKERS: 'localhost' });
    expect(await exited).toBe(78);
    expect(stderr.join('')).toMatch(/PORT: must be a whole number \(got "eighty"\)/);
    expect(stderr.join('')).toMatch(/KAFKA_BROKERS: each broker must be host:port/);
  });

  it('boots, logs JSON with the correlation id, and shuts down gracefully on SIGTERM', async () => {
    const port = await freePort();
    const groupId = `connect-center-notification-process-test-${port}`;
    // Not the history of earlier tests on this broker: this test is about booting and stopping.
    await startGroupAtEnd(groupId);
    const service = await spawnService('notification', {
      PORT: String(port),
      MONGODB_DB: 'connect_center_notification_process_test',
      KAFKA_GROUP_ID: groupId,
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
      expect(await service.exited).toBe(0);
      expect(service.stdout.join('\n')).toMatch(/SIGTERM received: shutting down/);
      expect(service.stdout.join('\n')).toMatch(/shutdown complete/);
    } finally {
      service.child.kill('SIGKILL');
    }
  });
});
