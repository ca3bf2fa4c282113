import { performance } from 'node:perf_hooks';
import type { SimulatorOptions } from './cli-args';
import { loadGeography } from './geography';
import { ProfileError, profileTraffic, resolveProfile, type SimulatorProfile } from './local-profile';
import { Pacer } from './pacer';
import { type Member, membersCsv, membersOf } from './people';
import { Semaphore } from './semaphore';
import { type Outcome, Summary } from './summary';
import { type PlannedRequest, TrafficGenerator } from './traffic';

interface Output {
  write(text: string): unknown;
}

export interface SimulatorIo {
  stdout: Output;
  stderr: Output;
  env: Record<string, string | undefined>;
}

export interface SimulationResult {
  exitCode: 0 | 1;
  summary?: Summary;
  elapsedMs: number;
}

const REQUEST_TIMEOUT_MS = 15_000;
const IMPORT_TIMEOUT_MS = 120_000;

/** Runs the whole simulation and reports on `io`; never exits the process. */
export async function simulate(options: SimulatorOptions, io: SimulatorIo): Promise<SimulationResult> {
  const say = (line: string) => io.stdout.write(`${line}\n`);
  const fail = (line: string): SimulationResult => {
    io.stderr.write(`simulate: ${line}\n`);
    return { exitCode: 1, elapsedMs: 0 };
  };

  let profile: SimulatorProfile;
  try {
    profile = await resolveProfile(io.env, options.intakeUrl);
  } catch (error) {
    if (error instanceof ProfileError) return fail(error.message);
    throw error;
  }
  const geography = loadGeography();
  const intakeDown = await unreachable(`${options.intakeUrl}/health/ready`);
  if (intakeDown) return fail(`intake does not answer at ${options.intakeUrl} (${intakeDown}); is \`npm start\` running?`);

  const members = membersOf(options.members, geography);
  if (members.length > 0) {
    say(`importing ${members.length} known members into ${options.membershipUrl} …`);
    const imported = await importMembers(options.membershipUrl, members, profile);
    if (!imported.ok) return fail(imported.reason);
    say(`members: ${imported.line}`);
  }
  say(
    `sending ${options.rate} messages/s for ${options.durationSeconds} s to ${options.intakeUrl} ` +
      `(seed ${options.seed}, ${members.length} known members, complaint share ${options.complaintShare}, retry share ${options.retryShare})`,
  );

  const traffic = new TrafficGenerator(profileTraffic(profile, options, members, geography));
  const summary = new Summary();
  const pacer = new Pacer(options.rate);
  const slots = new Semaphore(options.concurrency);
  const durationMs = options.durationSeconds * 1000;
  const inFlight = new Set<Promise<void>>();
  let weightInFlight = 0;
  const start = performance.now();
  const progress = setInterval(() => {
    const { messages, ok, rateLimited } = summary.totals();
    say(`  ${Math.round((performance.now() - start) / 1000)} s: ${messages} messages sent, ${ok} requests answered 2xx, ${rateLimited} 429`);
  }, 10_000);
  try {
    for (let due = pacer.nextDueMs(); due < durationMs; due = pacer.nextDueMs()) {
      const wait = start + due - performance.now();
      if (wait > 1) await sleep(wait);
      await slots.acquire();
      // Open loop: what intake was too slow to take in time is not sent late, it is counted missed.
      if (performance.now() - start >= durationMs) {
        slots.release();
        summary.notSent = Math.max(0, Math.round((durationMs / 1000) * options.rate) - summary.totals().messages - weightInFlight);
        break;
      }
      summary.maxLagMs = Math.max(summary.maxLagMs, performance.now() - start - due);
      const request = traffic.next(due);
      pacer.advance(request.weight);
      weightInFlight += request.weight;
      const sending = send(options.intakeUrl, request)
        .then((outcome) => summary.record(request, outcome))
        .finally(() => {
          weightInFlight -= request.weight;
          slots.release();
          inFlight.delete(sending);
        });
      inFlight.add(sending);
    }
    await Promise.all(inFlight);
  } finally {
    clearInterval(progress);
  }
  const elapsedMs = performance.now() - start;
  say('');
  say(summary.format(elapsedMs));
  const unexpected = summary.unexpected();
  if (unexpected > 0) io.stderr.write(`simulate: ${unexpected} requests were not answered 2xx or 429 (see above)\n`);
  return { exitCode: unexpected > 0 ? 1 : 0, summary, elapsedMs };
}

async function send(baseUrl: string, request: PlannedRequest): Promise<Outcome> {
  const started = performance.now();
  try {
    const response = await fetch(`${baseUrl}${request.path}`, {
      method: request.method,
      headers: request.headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    const latencyMs = performance.now() - started;
    const body = parseJson(text);
    if (response.ok) return { status: response.status, latencyMs, duplicates: duplicatesIn(body) };
    const reason = isRecord(body) ? [body.code, body.message].filter((part) => typeof part === 'string').join(' ') : undefined;
    return { status: response.status, latencyMs, duplicates: 0, ...(reason ? { reason } : {}) };
  } catch (error) {
    return { latencyMs: performance.now() - started, duplicates: 0, reason: networkReason(error) };
  }
}

/** WhatsApp answers `{reports: [{duplicate}]}`, Gupshup and the app `{duplicate}`; Twilio TwiML says nothing. */
function duplicatesIn(body: unknown): number {
  if (!isRecord(body)) return 0;
  if (Array.isArray(body.reports)) return body.reports.filter((report) => isRecord(report) && report.duplicate === true).length;
  return body.duplicate === true ? 1 : 0;
}

export type ImportResult = { ok: true; line: string } | { ok: false; reason: string };

/** Membership's CSV import, as an AICC admin: the same file again updates the same members. */
export async function importMembers(membershipUrl: string, members: readonly Member[], profile: SimulatorProfile): Promise<ImportResult> {
  const url = `${membershipUrl}/v1/members/import`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'text/csv; charset=utf-8', authorization: `Bearer ${await profile.adminToken()}` },
      body: membersCsv(members),
      signal: AbortSignal.timeout(IMPORT_TIMEOUT_MS),
    });
  } catch (error) {
    return { ok: false, reason: `membership did not answer the member import at ${membershipUrl} (${networkReason(error, IMPORT_TIMEOUT_MS)}); start it, or pass --members 0` };
  }
  const body = parseJson(await response.text());
  if (!response.ok || !isRecord(body)) {
    const reason = isRecord(body) ? [body.code, body.message].filter((part) => typeof part === 'string').join(' ') : `HTTP ${response.status}`;
    return { ok: false, reason: `the member import was refused: ${response.status} ${reason}` };
  }
  const { rowsRead, created, updated, rejected } = body;
  const errors = Array.isArray(body.errors) ? body.errors.filter(isRecord).slice(0, 3) : [];
  const detail = errors.map((error) => `line ${String(error.line)} ${String(error.code)}`).join(', ');
  return {
    ok: true,
    line: `${String(rowsRead)} rows imported into ${membershipUrl}: ${String(created)} created, ${String(updated)} updated, ${String(rejected)} rejected${detail ? ` (${detail})` : ''}`,
  };
}

async function unreachable(url: string): Promise<string | undefined> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(5000) });
    return undefined;
  } catch (error) {
    return networkReason(error);
  }
}

function networkReason(error: unknown, timeoutMs = REQUEST_TIMEOUT_MS): string {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no answer within ${timeoutMs / 1000} s`;
  return error instanceof Error ? error.message : String(error);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
