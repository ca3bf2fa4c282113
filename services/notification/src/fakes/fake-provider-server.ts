import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The raw body, as the provider would have hashed or parsed it. */
  body: string;
}

export interface FakeReply {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

interface RateLimit {
  perSecond: number;
  burst: number;
  buckets: Map<string, { tokens: number; at: number }>;
}

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * A provider stand-in on 127.0.0.1 and a random port. Subclasses validate requests as the real
 * provider does and answer in its formats; this base records every request and can be told to
 * fail the next requests, to answer slowly, or to rate-limit (per sender, as providers meter).
 */
export abstract class FakeProviderServer {
  /** Every request received, in order, whatever was answered. */
  readonly requests: RecordedRequest[] = [];
  private server?: Server;
  private baseUrl?: string;
  private readonly faults: FakeReply[] = [];
  private latencyMs = 0;
  private rateLimit?: RateLimit;

  protected abstract handle(request: RecordedRequest): FakeReply;
  /** The provider's own answer when its rate limit is exceeded. */
  protected abstract rateLimited(): FakeReply;
  /** What the provider meters a request against (a sender number, an account). */
  protected rateKey(_request: RecordedRequest): string {
    return 'all';
  }

  get url(): string {
    if (!this.baseUrl) throw new Error(`${this.constructor.name} is not started`);
    return this.baseUrl;
  }

  async start(): Promise<this> {
    const server = createServer((request, response) => void this.serve(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    this.server = server;
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The next `count` requests get `reply` instead of being handled (after they are recorded). */
  failNext(count: number, reply: FakeReply): this {
    for (let index = 0; index < count; index += 1) this.faults.push(reply);
    return this;
  }

  /** Every answer waits this long: for client timeouts. */
  delay(latencyMs: number): this {
    this.latencyMs = latencyMs;
    return this;
  }

  /** A token bucket per rate key, on the wall clock: beyond it, the provider's rate-limit answer. */
  limitRate(perSecond: number, burst: number = perSecond): this {
    this.rateLimit = { perSecond, burst, buckets: new Map() };
    return this;
  }

  reset(): this {
    this.requests.length = 0;
    this.faults.length = 0;
    this.latencyMs = 0;
    this.rateLimit = undefined;
    return this;
  }

  private async serve(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    response.on('error', () => undefined);
    const body = await readBody(incoming);
    const url = new URL(incoming.url ?? '/', 'http://fake');
    const request: RecordedRequest = { method: incoming.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: incoming.headers, body };
    this.requests.push(request);
    const reply = this.faults.shift() ?? (this.overRate(request) ? this.rateLimited() : this.handle(request));
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    if (response.destroyed) return;
    response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers }).end(reply.body);
  }

  private overRate(request: RecordedRequest): boolean {
    const limit = this.rateLimit;
    if (!limit) return false;
    const key = this.rateKey(request);
    const now = performance.now();
    const bucket = limit.buckets.get(key) ?? { tokens: limit.burst, at: now };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * limit.perSecond);
    bucket.at = now;
    limit.buckets.set(key, bucket);
    if (bucket.tokens < 1) return true;
    bucket.tokens -= 1;
    return false;
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) break;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export const json = (status: number, value: unknown, headers?: Record<string, string>): FakeReply => ({
  status,
  body: JSON.stringify(value),
  ...(headers ? { headers } : {}),
});

/** Form-encoded or query parameters, as providers read either. */
export function formOf(request: RecordedRequest): URLSearchParams {
  return request.method === 'GET' ? request.query : new URLSearchParams(request.body);
}
