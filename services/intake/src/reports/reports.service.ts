import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type ReportReceived, ReportReceivedEvent } from '@cc/contracts';
import { EventPublisher } from '@cc/messaging';

export interface IncomingReport {
  channel: ReportReceived['channel'];
  providerMessageId: string;
  /** The channel's sender identity (phone, WhatsApp id, app user id); it never leaves intake. */
  senderIdentity: string;
  text: string;
  declaredUnitCode?: string;
}

/**
 * Turns a channel message into the canonical report and publishes it before the channel is
 * answered. The channels themselves (webhooks, signatures, deduplication) arrive with the intake
 * issue; this is the seam they will call.
 */
@Injectable()
export class ReportsService {
  constructor(private readonly publisher: EventPublisher) {}

  async accept(incoming: IncomingReport): Promise<ReportReceived> {
    const report: ReportReceived = {
      reportId: randomUUID(),
      channel: incoming.channel,
      providerMessageId: incoming.providerMessageId,
      senderKey: senderKey(incoming.channel, incoming.senderIdentity),
      text: incoming.text,
      receivedAt: new Date().toISOString(),
      ...(incoming.declaredUnitCode ? { declaredUnitCode: incoming.declaredUnitCode } : {}),
    };
    await this.publisher.publish(ReportReceivedEvent, report, { id: report.reportId });
    return report;
  }
}

/** A stable pseudonym: orders one sender's reports without putting a phone number on the wire. */
export function senderKey(channel: string, identity: string): string {
  return `snd_${createHash('sha256').update(`${channel}:${identity}`).digest('hex').slice(0, 32)}`;
}
