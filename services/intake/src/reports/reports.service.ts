import { Inject, Injectable } from '@nestjs/common';
import { ReportReceivedEvent } from '@cc/contracts';
import { SERVICE_CONFIG, type ServiceConfig } from '@cc/config';
import { outboxEntry } from '@cc/messaging';
import type { HttpMappedError } from '@cc/platform';
import type { ChannelMessage } from '../channels/channel-message';
import { canonicalReport } from './canonical-report';
import { IntakeReportOutboxRelay } from './intake-report.outbox-relay';
import { IntakeReportRepository } from './intake-report.repository';

export interface AcceptedReport {
  reportId: string;
  senderKey: string;
  /** True when the channel sent this message before: the first acceptance stands. */
  duplicate: boolean;
}

/** Kafka did not acknowledge in time: the channel must be told to retry (503), not that all is well. */
export class BrokerUnavailableError extends Error implements HttpMappedError {
  readonly httpStatus = 503;
  readonly code = 'INTAKE.BROKER_UNAVAILABLE';
  readonly retryAfterSeconds = 5;

  constructor(cause: unknown) {
    super(`the event broker did not acknowledge: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'BrokerUnavailableError';
  }
}

/**
 * Turns a channel message into the canonical report. The report and its report-received event are
 * written in one document, then the event is published; `accept` resolves only once Kafka has
 * acknowledged it (acks=all), so a channel is never answered 200 for a report that could be lost.
 * When the broker does not answer within INTAKE_PUBLISH_TIMEOUT_MS it rejects with
 * {@link BrokerUnavailableError}: the event stays in the outbox for the relay, and the provider's
 * retry finds the stored report (one report per provider message, across restarts and replicas).
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly reports: IntakeReportRepository,
    private readonly relay: IntakeReportOutboxRelay,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig & { INTAKE_PUBLISH_TIMEOUT_MS: number },
  ) {}

  async accept(message: ChannelMessage, declaredUnitCode?: string): Promise<AcceptedReport> {
    const report = canonicalReport(message, new Date(), declaredUnitCode);
    const { stored, duplicate } = await this.reports.insertWithEvent(report, outboxEntry(ReportReceivedEvent, report, report.reportId));
    // A provider's retry of a message whose event is still pending publishes it too.
    if (!duplicate || stored.outboxPending) await this.publish(stored._id);
    return { reportId: stored._id, senderKey: stored.senderKey, duplicate };
  }

  private publish(reportId: string): Promise<void> {
    return acknowledgedWithin(this.relay.publishNow(reportId), this.config.INTAKE_PUBLISH_TIMEOUT_MS);
  }
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
