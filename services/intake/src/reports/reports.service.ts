import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type ReportReceived, ReportReceivedEvent } from '@cc/contracts';
import { outboxEntry } from '@cc/messaging';
import { IntakeReportRepository } from './intake-report.repository';
import { IntakeReportOutboxRelay } from './intake-report.outbox-relay';

export interface IncomingReport {
  channel: ReportReceived['channel'];
  providerMessageId: string;
  /** The channel's sender identity (phone, WhatsApp id, app user id); it never leaves intake. */
  senderIdentity: string;
  text: string;
  declaredUnitCode?: string;
}

export interface AcceptedReport {
  reportId: string;
  senderKey: string;
  /** True when the channel sent this message before: the first acceptance stands. */
  duplicate: boolean;
}

/**
 * Turns a channel message into the canonical report. The report and its report-received event
 * are written in one document, then the event is published; `accept` resolves only once Kafka has
 * acknowledged it (acks=all), so a channel is never answered 200 for a report that could be lost,
 * and rejects when the broker is unreachable — the event then stays in the outbox for the relay,
 * and the provider's retry finds the stored report. The channels themselves (webhooks,
 * signatures) arrive with the intake issue; this is the seam they call.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly reports: IntakeReportRepository,
    private readonly relay: IntakeReportOutboxRelay,
  ) {}

  async accept(incoming: IncomingReport): Promise<AcceptedReport> {
    const report: ReportReceived = {
      reportId: randomUUID(),
      channel: incoming.channel,
      providerMessageId: incoming.providerMessageId,
      senderKey: senderKey(incoming.channel, incoming.senderIdentity),
      text: incoming.text,
      receivedAt: new Date().toISOString(),
      ...(incoming.declaredUnitCode ? { declaredUnitCode: incoming.declaredUnitCode } : {}),
    };
    const { stored, duplicate } = await this.reports.insertWithEvent(report, outboxEntry(ReportReceivedEvent, report, report.reportId));
    // A provider's retry of a message whose event is still pending publishes it too.
    if (!duplicate || stored.outboxPending) await this.relay.publishNow(stored._id);
    return { reportId: stored._id, senderKey: stored.senderKey, duplicate };
  }
}

/** A stable pseudonym: orders one sender's reports without putting a phone number on the wire. */
export function senderKey(channel: string, identity: string): string {
  return `snd_${createHash('sha256').update(`${channel}:${identity}`).digest('hex').slice(0, 32)}`;
}
