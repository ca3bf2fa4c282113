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
 * Turns a channel message into the canonical report. It resolves once the report and its
 * report-received event are durable in one document write — the moment the channel may be
 * answered — and the outbox relay publishes the event. The channels themselves (webhooks,
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
    if (!duplicate) this.relay.nudge(stored._id);
    return { reportId: stored._id, senderKey: stored.senderKey, duplicate };
  }
}

/** A stable pseudonym: orders one sender's reports without putting a phone number on the wire. */
export function senderKey(channel: string, identity: string): string {
  return `snd_${createHash('sha256').update(`${channel}:${identity}`).digest('hex').slice(0, 32)}`;
}
