import { currentInfraMode, loadLocalInfra, quietly, type RunningService, startService, waitFor } from '@cc/testing';
import { AppModule } from '../../services/membership/src/app.module';
import { membershipConfigSchema } from '../../services/membership/src/config/membership.config';

describe('service health and metrics endpoints', () => {
  let service: RunningService;

  beforeAll(async () => {
    service = await startService(membershipConfigSchema, (config) => AppModule.register(config));
  });

  afterAll(async () => {
    await service?.stop();
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${service.url}${path}`, { headers });

  it('is live and ready with both dependencies up', async () => {
    expect((await get('/health/live')).status).toBe(200);
    const ready = await get('/health/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', info: { kafka: { status: 'up' }, mongodb: { status: 'up' } } });
  });

  it('exposes default and HTTP request metrics', async () => {
    await get('/health/live');
    await get('/no/such/route');
    const body = await (await get('/metrics')).text();
    expect(body).toMatch(/^process_cpu_user_seconds_total\{service="membership"\} /m);
    expect(body).toMatch(/^http_requests_total\{method="GET",route="\/health\/live",status_code="200",service="membership"\} \d+/m);
    expect(body).toMatch(/^http_requests_total\{method="GET",route="unmatched",status_code="404",service="membership"\} \d+/m);
    expect(body).toMatch(/^http_request_duration_seconds_bucket\{.*route="\/health\/live".*\} \d+/m);
  });

  it('answers errors with a stable code and the correlation id', async () => {
    const response = await get('/no/such/route', { 'x-correlation-id': 'trace-404-12345' });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ statusCode: 404, code: 'HTTP.NOT_FOUND', correlationId: 'trace-404-12345' });
  });

  it('echoes a well-formed correlation id and invents one otherwise', async () => {
    expect((await get('/health/live', { 'x-correlation-id': 'trace-abc-12345' })).headers.get('x-correlation-id')).toBe(
      'trace-abc-12345',
    );
    expect((await get('/health/live', { 'x-correlation-id': 'bad id' })).headers.get('x-correlation-id')).toMatch(
      /^[0-9a-f-]{36}$/,
    );
  });

  // Stopping the broker needs the run's own local broker; external servers and containers are not ours to stop.
  const withLocalBroker = currentInfraMode() === 'local' ? it : it.skip;

  withLocalBroker('goes not-ready while the broker is stopped and ready again after it restarts', async () => {
    const infra = loadLocalInfra();
    await infra.down(quietly({ components: ['kafka'] }));
    try {
      const down = await waitFor('readiness to fail', async () => {
        const response = await get('/health/ready');
        return response.status === 503 && ((await response.json()) as { error: { kafka?: { status: string } } });
      });
      expect(down.error.kafka?.status).toBe('down');
      expect((await get('/health/live')).status).toBe(200);
    } finally {
      await infra.up(quietly({ components: ['kafka'] }));
    }
    const up = await waitFor(
      'readiness to return',
      async () => {
        const response = await get('/health/ready');
        return response.status === 200 && ((await response.json()) as { status: string });
      },
      { timeoutMs: 60000 },
    );
    expect(up.status).toBe('ok');
  });
});
