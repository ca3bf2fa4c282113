import { Inject, Injectable } from '@nestjs/common';
import { ReportAcceptedEvent, type ReportReceived, ReportReceivedEvent } from '@cc/contracts';
import { SERVICE_CONFIG } from '@cc/config';
import { EventPublisher, isTransient, outboxEntry } from '@cc/messaging';
import type { HttpMappedError } from '@cc/platform';
import type { ChannelMessage } from '../channels/channel-message';
import type { IntakeConfig } from '../config/intake.config';
import { canonicalReport } from './canonical-report';
import { IntakeReportOutboxRelay } from './intake-report.outbox-relay';
import { dedupeKeyOf, IntakeReportRepository } from './intake-report.repository';
import type { IntakeReport } from './intake-report.schema';
import { ReportWriter } from './report-writer';
import { SENDER_RATE_LIMITER } from './reports.tokens';
import { SenderRateLimitedError, type SenderRateLimiter } from './sender-rate-limiter';

export interface AcceptedReport {
  reportId: string;
  senderKey: string;
  receivedAt: string;
  /**
   * True when the channel sent this message before: the first acceptance stands. From
   * {@link ReportsService.admit}, only as far as this process remembers (the store decides behind).
   */
  duplicate: boolean;
}

/** Webhook messages whose admission this process remembers, to answer a provider's retry without publishing it again. */
const REMEMBERED_ADMISSIONS = 20_000;

export interface AcceptOptions {
  /** Integrators on the Kafka ingress are trusted producers under broker quotas, not senders to throttle. */
  rateLimited?: boolean;
  /** See {@link IntakeReport.fingerprint}. */
  fingerprint?: string;
}

/** Kafka did not acknowledge in time: the channel must be told to retry (503), not that all is well. */
export class BrokerUnavailableError extends Error implements HttpMappedError {
  readonly httpStatus = 503;
  readonly code = 'INTAKE.BROKER_UNAVAILABLE';
  readonly retryAfterSeconds = 5;
  /** An outage: a consumer retries the message rather than dead-lettering it. */
  readonly retriable = true;

  constructor(cause: unknown) {
    super(`the event broker did not acknowledge: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'BrokerUnavailableError';
  }
}

/** The store did not answer (an outage, a restart): like a broker outage, the channel must retry (503). */
export class StoreUnavailableError extends Error implements HttpMappedError {
  readonly httpStatus = 503;
  readonly code = 'INTAKE.STORE_UNAVAILABLE';
  readonly retryAfterSeconds = 5;
  readonly retriable = true;

  constructor(cause: unknown) {
    super(`the report store did not answer: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'StoreUnavailableError';
  }
}

/** Store work whose failure from an outage is the channel's cue to retry, not an internal error. */
async function storeCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw isTransient(error) ? new StoreUnavailableError(error) : error;
  }
}

/** An idempotency key sent again with a different report: answering with the first would hide a client bug. */
export class IdempotencyKeyReusedError extends Error implements HttpMappedError {
  readonly httpStatus = 422;
  readonly code = 'INTAKE.IDEMPOTENCY_KEY_REUSED';

  constructor() {
    super('this Idempotency-Key was already used for a different report');
    this.name = 'IdempotencyKeyReusedError';
  }
}

/**
 * Turns a channel message into the canonical report, by one of two paths that end in the same
 * place: one stored report and one report-received event per channel message. Webhooks are
 * {@link admit}ted log first (answered once the report is on Kafka, stored behind); the app API and
 * the Kafka ingress are {@link accept}ed store first, because an app's reused idempotency key must
 * be refused (422) at once.
 *
 * Store first: the report and its report-received event are
 * written in one document (by group commit with the reports of concurrent requests, see
 * {@link ReportWriter}), then the event is published; `accept` resolves only once Kafka has
 * acknowledged it (acks=all), so a channel is never answered 200 for a report that could be lost.
 * When the broker does not answer within INTAKE_PUBLISH_TIMEOUT_MS it rejects with
 * {@link BrokerUnavailableError}: the event stays in the outbox for the relay, and the provider's
 * retry finds the stored report (one report per provider message, across restarts and replicas).
 *
 * Each message is either accepted whole or refused whole (429 before anything is stored), and a
 * provider's retry of an accepted message is never refused for the rate: it is answered from the
 * store and costs the sender no token.
 */
@Injectable()
export class ReportsService {
  /** By dedupe key, oldest first: webhook messages this process admitted or is admitting now. */
  private readonly admitted = new Map<string, Promise<AcceptedReport>>();

  constructor(
    private readonly reports: IntakeReportRepository,
    private readonly writer: ReportWriter,
    private readonly relay: IntakeReportOutboxRelay,
    private readonly publisher: EventPublisher,
    @Inject(SENDER_RATE_LIMITER) private readonly limiter: SenderRateLimiter,
    @Inject(SERVICE_CONFIG) private readonly config: IntakeConfig,
  ) {}

  /** Store first (the app API, the Kafka ingress): answered once the report is stored and its event acknowledged. */
  async accept(message: ChannelMessage, options: AcceptOptions = {}): Promise<AcceptedReport> {
    const report = canonicalReport(message, new Date());
    const rateLimited = options.rateLimited ?? true;
    if (rateLimited) {
      const token = this.limiter.take(report.senderKey);
      if (!token.ok) return this.acceptedBefore(report, token.retryAfterSeconds, options.fingerprint);
    }
    return this.store(report, options);
  }

  /**
   * Log first (the WhatsApp and SMS webhooks, docs/intake-log-first.md): the canonical report goes
   * to intake's own report-accepted topic, and the channel is answered once Kafka has acknowledged
   * it (acks=all); the store is not on this path. Intake's deduplicator reads the topic back and
   * {@link record}s each message, once. A retry this process has admitted already is answered
   * with the same report id and not published again; a rate-limited sender's retry of a message
   * stored before is answered too (429 only for what is new).
   */
  async admit(message: ChannelMessage): Promise<AcceptedReport> {
    const report = canonicalReport(message, new Date());
    const dedupeKey = dedupeKeyOf(report);
    const earlier = this.admitted.get(dedupeKey);
    if (earlier) return { ...(await earlier), duplicate: true };

    const token = this.limiter.take(report.senderKey);
    if (!token.ok) return this.acceptedBefore(report, token.retryAfterSeconds);
    const admission = acknowledgedWithin(this.publisher.publish(ReportAcceptedEvent, report), this.config.INTAKE_PUBLISH_TIMEOUT_MS).then(
      () => accepted({ _id: report.reportId, senderKey: report.senderKey, report }, false),
    );
    this.remember(dedupeKey, admission);
    return admission;
  }

  /**
   * Stores a report admitted by a webhook and publishes its report-received event, unless the
   * same channel message was stored before (then its event goes out now only if still pending).
   * Rejects while the store or Kafka is out, for the deduplicator to retry.
   */
  async record(report: ReportReceived): Promise<AcceptedReport> {
    return this.store(report, { rateLimited: false });
  }

  private async store(report: ReportReceived, options: AcceptOptions): Promise<AcceptedReport> {
    const entry = outboxEntry(ReportReceivedEvent, report, report.reportId);
    const written = await storeCall(() => this.writer.write({ report, event: entry, fingerprint: options.fingerprint }));
    if (!written.duplicate) {
      await acknowledgedWithin(written.acknowledged, this.config.INTAKE_PUBLISH_TIMEOUT_MS);
      return accepted(written.stored, false);
    }
    if (options.rateLimited ?? true) this.limiter.refund(report.senderKey);
    return this.acceptedAgain(written.stored, options.fingerprint, written.acknowledged);
  }

  /** A sender over the rate: only a retry of a message accepted before is answered (and costs no token). */
  private async acceptedBefore(report: ReportReceived, retryAfterSeconds: number, fingerprint?: string): Promise<AcceptedReport> {
    const dedupeKey = dedupeKeyOf(report);
    const inFlight = await this.writer.inFlightCopy(dedupeKey);
    if (inFlight) return this.acceptedAgain(inFlight.stored, fingerprint, inFlight.acknowledged);
    const earlier = await storeCall(() => this.reports.findByDedupeKey(dedupeKey));
    if (!earlier) throw new SenderRateLimitedError(retryAfterSeconds);
    return this.acceptedAgain(earlier, fingerprint);
  }

  /** Remembers an admission while it is in flight and after it succeeded; a failed one is forgotten, for the retry to publish. */
  private remember(dedupeKey: string, admission: Promise<AcceptedReport>): void {
    this.admitted.set(dedupeKey, admission);
    admission.catch(() => {
      if (this.admitted.get(dedupeKey) === admission) this.admitted.delete(dedupeKey);
    });
    if (this.admitted.size > REMEMBERED_ADMISSIONS) this.admitted.delete(this.admitted.keys().next().value!);
  }

  /**
   * A provider's retry: the first report stands, and its event goes out now if it is still pending
   * — or, when this process is publishing it right now (`publishing`), once that is acknowledged.
   */
  private async acceptedAgain(stored: IntakeReport, fingerprint: string | undefined, publishing?: Promise<void>): Promise<AcceptedReport> {
    // Only two HTTP requests can be compared: the Kafka ingress carries the same report in another shape.
    if (fingerprint !== undefined && stored.fingerprint !== undefined && stored.fingerprint !== fingerprint) {
      throw new IdempotencyKeyReusedError();
    }
    if (publishing) await acknowledgedWithin(publishing, this.config.INTAKE_PUBLISH_TIMEOUT_MS);
    else if (stored.outboxPending) await this.publish(stored._id);
    return accepted(stored, true);
  }

  private publish(reportId: string): Promise<void> {
    return acknowledgedWithin(this.relay.publishNow(reportId), this.config.INTAKE_PUBLISH_TIMEOUT_MS);
  }
}

function accepted(stored: Pick<IntakeReport, '_id' | 'senderKey' | 'report'>, duplicate: boolean): AcceptedReport {
  return { reportId: stored._id, senderKey: stored.senderKey, receivedAt: stored.report.receivedAt, duplicate };
}

/** Resolves when `publication` does; rejects with {@link BrokerUnavailableError} on failure or timeout. */
export async function acknowledgedWithin<T>(publication: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no acknowledgement within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([publication, timeout]);
  } catch (error) {
    throw new BrokerUnavailableError(error);
  } finally {
    clearTimeout(timer);
  }
}
