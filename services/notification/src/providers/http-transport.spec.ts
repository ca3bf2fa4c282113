import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exchange, retryAfterMs } from './http-transport';

describe(exchange.name, () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/slow') {
        setTimeout(() => response.end('late'), 500);
        return;
      }
      if (request.url === '/hang-up') {
        request.socket.destroy();
        return;
      }
      response.writeHead(201, { 'content-type': 'application/json' }).end('{"id":"1"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('returns the status and body', async () => {
    const result = await exchange('twilio', { method: 'POST', url: `${base}/ok`, headers: {}, body: 'x' }, { timeoutMs: 1000 });
    expect(result).toMatchObject({ status: 201, text: '{"id":"1"}' });
  });

  it('calls a timeout ambiguous: the provider may have acted on the request', async () => {
    const result = await exchange('twilio', { method: 'POST', url: `${base}/slow`, headers: {} }, { timeoutMs: 50 });
    expect(result).toEqual({ ok: false, provider: 'twilio', kind: 'ambiguous', code: 'PROVIDER.TIMEOUT', reason: 'twilio did not answer within 50 ms' });
  });

  it('calls a connection lost after sending ambiguous', async () => {
    const result = await exchange('gupshup', { method: 'POST', url: `${base}/hang-up`, headers: {}, body: 'x' }, { timeoutMs: 1000 });
    expect(result).toMatchObject({ ok: false, kind: 'ambiguous', code: 'PROVIDER.NETWORK' });
  });

  it('calls a refused connection retryable: nothing was sent', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));

    const result = await exchange('meta-cloud-api', { method: 'POST', url: `http://127.0.0.1:${port}/`, headers: {} }, { timeoutMs: 1000 });
    expect(result).toEqual({
      ok: false,
      provider: 'meta-cloud-api',
      kind: 'retryable',
      code: 'PROVIDER.NETWORK',
      reason: 'could not reach meta-cloud-api (ECONNREFUSED)',
    });
  });
});

describe(retryAfterMs.name, () => {
  const now = new Date('2026-11-26T04:00:00Z');

  it.each([
    ['5', 5000],
    ['0', 0],
    ['Thu, 26 Nov 2026 04:00:30 GMT', 30_000],
    ['Thu, 26 Nov 2026 03:00:00 GMT', 0],
    ['soon', undefined],
  ])('%j → %s', (value, expected) => {
    expect(retryAfterMs(new Headers({ 'retry-after': value }), now)).toBe(expected);
  });

  it('is undefined without the header', () => {
    expect(retryAfterMs(new Headers(), now)).toBeUndefined();
  });
});
