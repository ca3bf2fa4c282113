import { Inject, Injectable } from '@nestjs/common';
import { ReportReceivedEvent } from '@cc/contracts';
import { SERVICE_CONFIG } from '@cc/config';
import { isTransient, outboxEntry } from '@cc/messaging';
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
  /** True when the channel sent this message before: the first acceptance stands. */
  duplicate: boolean;
}

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
 * Turns a channel message into the canonical report. The report and its report-received event are
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
  constructor(
    private readonly reports: IntakeReportRepository,
    private readonly writer: ReportWriter,
    private readonly relay: IntakeReportOutboxRelay,
    @Inject(SENDER_RATE_LIMITER) private readonly limiter: SenderRateLimiter,
    @Inject(SERVICE_CONFIG) private readonly config: IntakeConfig,
  ) {}

  async accept(message: ChannelMessage, options: AcceptOptions = {}): Promise<AcceptedReport> {
    const report = canonicalReport(message, new Date());
    const rateLimited = options.rateLimited ?? true;
    if (rateLimited) {
      const token = this.limiter.take(report.senderKey);
      if (!token.ok) {
        const dedupeKey = dedupeKeyOf(report);
        const inFlight = await this.writer.inFlightCopy(dedupeKey);
        if (inFlight) return this.acceptedAgain(inFlight.stored, options.fingerprint, inFlight.acknowledged);
        const earlier = await storeCall(() => this.reports.findByDedupeKey(dedupeKey));
        if (!earlier) throw new SenderRateLimitedError(token.retryAfterSeconds);
        return this.acceptedAgain(earlier, options.fingerprint);
      }
    }
    const entry = outboxEntry(ReportReceivedEvent, report, report.reportId);
    const written = await storeCall(() => this.writer.write({ report, event: entry, fingerprint: options.fingerprint }));
    if (!written.duplicate) {
      await acknowledgedWithin(written.acknowledged, this.config.INTAKE_PUBLISH_TIMEOUT_MS);
      return accepted(written.stored, false);
    }
    if (rateLimited) this.limiter.refund(report.senderKey);
    return this.acceptedAgain(written.stored, options.fingerprint, written.acknowledged);
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

function accepted(stored: IntakeReport, duplicate: boolean): AcceptedReport {
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
