import { failed, type Provider, type SendFailed } from './send-outcome';

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
}

export interface HttpOptions {
  timeoutMs: number;
  /** Injected in tests; global fetch otherwise. */
  fetch?: typeof fetch;
}

// Errors undici reports before any byte of the request left: safe to retry with no duplicate.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
// Answers larger than this are not a provider's; reading them would only cost memory.
const MAX_RESPONSE_BYTES = 1024 * 1024;

/**
 * One HTTP exchange with a provider, bounded by a timeout. Failures to get an answer come back
 * classified: a connection refused is `retryable` (nothing was sent); a timeout or a connection
 * lost mid-way is `ambiguous` (the provider may have acted on it).
 */
export async function exchange(provider: Provider, request: HttpRequest, options: HttpOptions): Promise<HttpResponse | SendFailed> {
  const send = options.fetch ?? fetch;
  try {
    const response = await send(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(options.timeoutMs),
      redirect: 'error',
    });
    const text = await readBounded(response);
    return { status: response.status, headers: response.headers, text };
  } catch (error: unknown) {
    return transportFailure(provider, error, options.timeoutMs);
  }
}

async function readBounded(response: Response): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_RESPONSE_BYTES) {
    await response.body?.cancel();
    return '';
  }
  const text = await response.text();
  return text.length > MAX_RESPONSE_BYTES ? '' : text;
}

function transportFailure(provider: Provider, error: unknown, timeoutMs: number): SendFailed {
  const name = field(error, 'name');
  if (name === 'TimeoutError' || name === 'AbortError') {
    return failed(provider, 'ambiguous', 'PROVIDER.TIMEOUT', `${provider} did not answer within ${timeoutMs} ms`);
  }
  const code = causeCode(error);
  if (code !== undefined && NOT_SENT.has(code)) {
    return failed(provider, 'retryable', 'PROVIDER.NETWORK', `could not reach ${provider} (${code})`);
  }
  return failed(provider, 'ambiguous', 'PROVIDER.NETWORK', `the connection to ${provider} failed (${code ?? 'unknown error'})`);
}

// Duck-typed: fetch's errors come from another realm under test runners, where instanceof fails.
function causeCode(error: unknown): string | undefined {
  const cause = typeof error === 'object' && error !== null ? (error as { cause?: unknown }).cause : undefined;
  return field(cause, 'code');
}

function field(value: unknown, name: string): string | undefined {
  const found = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
  return typeof found === 'string' ? found : undefined;
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds from `now`. */
export function retryAfterMs(headers: Headers, now: Date = new Date()): number | undefined {
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now.getTime());
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
