import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Counter } from 'prom-client';
import type { DeliveryStatus } from '@cc/contracts';
import { SERVICE_CONFIG } from '@cc/config';
import { isTransient } from '@cc/messaging';
import { MetricsService } from '@cc/observability';
import { memberRecipient, reporterRecipient } from '../contacts/contact';
import { ContactsRepository } from '../contacts/contacts.repository';
import type { NotificationConfig } from '../config/notification.config';
import { applyDeliveryStatus, followUpOfFailure, statusReportOf, type StatusReport } from '../delivery/delivery-state';
import { dispatchNotification, type DispatchResult, type Senders } from '../delivery/dispatcher';
import type { Recipient } from '../delivery/recipient';
import { DirectoryRepository } from '../directory/directory.repository';
import type { Notice } from '../notices/notice';
import { recipientKeyOf } from '../notices/notice';
import { noticeValues } from '../notices/notice-values';
import type { TokenBucketLimiter } from '../reliability/rate-limiter';
import { notificationIdOf } from '../reliability/idempotency';
import type { Provider } from '../providers/send-outcome';
import type { Channel } from '../shared/channel';
import { reject, type Rejection } from '../shared/rejection';
import type { NotificationTemplates } from '../templates/bundled-templates';
import { normalizeLanguage } from '../templates/language';
import type { NotificationDocument, SkipRecord } from './notification.schema';
import { type NotificationRecord, NotificationsRepository, type Outcome } from './notifications.repository';

export const TEMPLATES = Symbol('NOTIFICATION_TEMPLATES');
export const SENDERS = Symbol('NOTIFICATION_SENDERS');
export const LIMITERS = Symbol('NOTIFICATION_LIMITERS');

/** Notices of one event are sent this many at a time: the rate limiters pace each provider. */
const CONCURRENCY = 8;
const SWEEP_BATCH = 50;

/** A notice and the event it came from (`ce_id`, which with recipient and template makes its id). */
export interface SourcedNotice {
  sourceEventId: string;
  sourceType: string;
  notice: Notice;
}

interface ResolvedRecipient {
  recipient: Recipient;
  /** The sender pseudonyms an opt-out a provider reports is recorded under. */
  contactKeys: string[];
  lastChannel?: Channel;
}

/**
 * Turns notices into sent messages, once: claims each under its notification id, finds how to
 * reach the person, writes the values in their language, dispatches (plan, render, rate limit,
 * send, retry, fall back) and records the result before the event is acknowledged. Delivery
 * callbacks move the record on; a failure the provider reports later sends the next channel.
 */
@Injectable()
export class NotificationSender implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(NotificationSender.name);
  private readonly outcomes: Counter;
  private readonly statuses: Counter;
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<unknown> | undefined;

  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly contacts: ContactsRepository,
    private readonly directory: DirectoryRepository,
    @Inject(TEMPLATES) private readonly templates: NotificationTemplates,
    @Inject(SENDERS) private readonly senders: Senders,
    @Inject(LIMITERS) private readonly limiters: Record<Provider, TokenBucketLimiter>,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
    metrics: MetricsService,
  ) {
    this.outcomes = new Counter({
      name: 'notifications_total',
      help: 'Notifications by template and outcome (accepted, not-sent, dead-lettered, duplicate, waiting) and channel',
      labelNames: ['template', 'outcome', 'channel'],
      registers: [metrics.registry],
    });
    this.statuses = new Counter({
      name: 'notification_delivery_status_total',
      help: 'Delivery callbacks applied, by provider and state',
      labelNames: ['provider', 'state'],
      registers: [metrics.registry],
    });
  }

  onApplicationBootstrap(): void {
    const channels = (['whatsapp', 'sms', 'app'] as const).map((channel) => `${channel}: ${this.senders[channel] ? 'on' : 'off'}`).join(', ');
    this.logger.log(`channels ${channels}`);
    this.timer = setInterval(() => void this.sweep(), this.config.NOTIFICATION_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  /** Sends notices, a few at a time; a notice already claimed (a redelivered event) sends nothing. */
  async deliver(notices: readonly SourcedNotice[]): Promise<void> {
    await inPool(notices, CONCURRENCY, async ({ sourceEventId, sourceType, notice }) => {
      const notificationId = notificationIdOf({ sourceEventId, recipientKey: recipientKeyOf(notice.recipient), templateKey: notice.templateKey });
      if (typeof notificationId !== 'string') {
        this.logger.warn(`notice not sent: ${notificationId.reason}`, { sourceEventId, templateKey: notice.templateKey });
        return;
      }
      const claim = await this.notifications.claim({ notificationId, sourceEventId, sourceType, notice }, new Date(), this.config.NOTIFICATION_LEASE_MS);
      if (!claim.claimed) {
        this.outcomes.inc({ template: notice.templateKey, outcome: 'duplicate', channel: '' });
        this.logger.debug?.(`duplicate of ${notificationId} (${claim.record.state})`, { notificationId });
        return;
      }
      await this.run(claim.record);
    });
  }

  /** Applies a provider's callback; a message that failed after being accepted falls back to the next channel. */
  async applyStatus(event: DeliveryStatus): Promise<void> {
    const report = statusReportOf(event);
    const notificationId = await this.notifications.notificationForStatus(report.provider, report);
    if (!notificationId) {
      this.logger.debug?.('delivery status for a message not recorded (yet): kept until it is', { provider: report.provider });
      return;
    }
    await this.applyReport(notificationId, report);
  }

  /** Claims whose lease ran out: a crashed worker's, or a recipient the directory did not know yet. */
  async sweep(): Promise<number> {
    if (this.sweeping) return 0;
    const pass = (async () => {
      const taken = await this.notifications.reclaimExpired(new Date(), this.config.NOTIFICATION_LEASE_MS, SWEEP_BATCH);
      await inPool(taken, CONCURRENCY, (record) => this.run(record));
      return taken.length;
    })();
    this.sweeping = pass.catch((error: unknown) => this.logger.warn(`notification sweep failed; the next pass retries: ${(error as Error).message}`));
    try {
      return await pass;
    } catch {
      return 0;
    } finally {
      this.sweeping = undefined;
    }
  }

  private async run(record: NotificationRecord): Promise<void> {
    const now = new Date();
    const resolved = await this.resolve(record);
    if (resolved === 'unknown') {
      const waited = now.getTime() - new Date(record.createdAt).getTime();
      if (waited < this.config.NOTIFICATION_RECIPIENT_WAIT_MS) {
        const until = new Date(now.getTime() + this.config.NOTIFICATION_SWEEP_INTERVAL_MS);
        await this.notifications.postpone(record, until, 'RECIPIENT.UNKNOWN', 'the recipient is not known yet; looked for again on the next sweep', now);
        this.outcomes.inc({ template: record.templateKey, outcome: 'waiting', channel: '' });
        return;
      }
      await this.finish(record, { state: 'not-sent', attempts: [], skipped: [], code: 'RECIPIENT.UNKNOWN', reason: `the recipient was still unknown after ${Math.round(waited / 1000)} s` });
      return;
    }
    if ('ok' in resolved) {
      await this.finish(record, { state: 'not-sent', attempts: [], skipped: [], code: resolved.code, reason: resolved.reason });
      return;
    }
    const { recipient } = resolved;
    const language = normalizeLanguage(recipient.language);
    const facts = record.facts;
    const names = await this.directory.unitNames([facts.unitCode, facts.desk?.unitCode, facts.fromUnitCode].filter((code): code is string => code !== undefined));
    const values = noticeValues(record.templateKey, facts, { language, unitName: (code) => names.get(code), reopenDays: this.config.NOTIFICATION_REOPEN_DAYS });
    if (isRejection(values)) {
      await this.finish(record, { state: 'not-sent', language, attempts: [], skipped: [], code: values.code, reason: values.reason });
      return;
    }
    const failedBefore = new Set(record.sends.filter((send) => send.delivery === 'failed').map((send) => send.channel as Channel));
    const senders: Senders = Object.fromEntries(Object.entries(this.senders).filter(([channel]) => !failedBefore.has(channel as Channel)));
    const preferred = (record.preferredChannel as Channel | undefined) ?? resolved.lastChannel;
    const result = await dispatchNotification(
      { notificationId: record._id, templateKey: record.templateKey, values, recipient, ...(preferred ? { preferredChannel: preferred } : {}) },
      { templates: this.templates, senders, limiters: this.limiters, now: () => new Date(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
    );
    for (const channel of result.optedOut) await this.contacts.addOptOut(resolved.contactKeys, channel, new Date());
    await this.finish(record, outcomeOf(result, language, failedBefore));
  }

  private async finish(record: NotificationRecord, outcome: Outcome): Promise<void> {
    const early = await this.recordOutcome(record, outcome);
    this.outcomes.inc({ template: record.templateKey, outcome: outcome.state, channel: outcome.send?.channel ?? '' });
    const meta = { notificationId: record._id, templateKey: record.templateKey, recipientKey: recipientKeyOf(record.recipient), channel: outcome.send?.channel, code: outcome.code };
    if (outcome.state === 'accepted') this.logger.log(`notification ${record._id} accepted by ${outcome.send?.provider}`, meta);
    else this.logger.warn(`notification ${record._id} ${outcome.state}: ${outcome.code}: ${outcome.reason}`, meta);
    for (const report of early) await this.applyReport(record._id, report);
  }

  /**
   * Writes what became of a notice. When a message went out, this record is all that stops the
   * sweep from sending it again once the lease runs out (the providers take no idempotency key),
   * so a store outage does not end it: the write is tried again (it is idempotent: it applies only
   * to a record still in flight) for up to half the lease before the error is let through.
   */
  private async recordOutcome(record: NotificationRecord, outcome: Outcome): Promise<StatusReport[]> {
    const giveUpAt = Date.now() + this.config.NOTIFICATION_LEASE_MS / 2;
    for (let pause = 100; ; pause = Math.min(2 * pause, 2000)) {
      try {
        return await this.notifications.finish(record, outcome, new Date());
      } catch (error) {
        if (!outcome.send || !isTransient(error) || Date.now() + pause > giveUpAt) throw error;
        this.logger.warn(`notification ${record._id} sent, its record not written yet (${(error as Error).message}); trying again in ${pause} ms`, { notificationId: record._id });
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }

  private async applyReport(notificationId: string, report: StatusReport): Promise<void> {
    const now = new Date();
    const changed = await this.notifications.update(notificationId, (record) => {
      const index = record.sends.findIndex((send) => send.provider === report.provider && send.providerMessageId === report.providerMessageId);
      const send = record.sends[index];
      if (!send) return undefined;
      const transition = applyDeliveryStatus(send.delivery, report.reported);
      if (!transition.changed) return undefined;
      const entry = { state: transition.state, at: report.at, ...(report.errorCodes.length > 0 ? { errorCodes: report.errorCodes } : {}) };
      const sends = record.sends.map((each, position) => (position === index ? { ...each, delivery: transition.state, history: [...each.history, entry] } : each));
      return { sends, ...(index === record.sends.length - 1 ? { delivery: transition.state } : {}), updatedAt: now };
    });
    if (!changed) return;
    this.statuses.inc({ provider: report.provider, state: report.reported });
    const { after } = changed;
    const current = after.sends[after.sends.length - 1];
    if (report.reported !== 'failed' || after.state !== 'accepted' || current?.providerMessageId !== report.providerMessageId || current.delivery !== 'failed') return;

    const followUp = followUpOfFailure(report.provider, report.errorCodes);
    if (followUp.optedOutOf) {
      const resolved = await this.resolve(after);
      if (resolved !== 'unknown' && !('ok' in resolved)) await this.contacts.addOptOut(resolved.contactKeys, followUp.optedOutOf, now);
    }
    if (!followUp.fallback) return;
    const sendCount = after.sends.length;
    const leaseUntil = new Date(now.getTime() + this.config.NOTIFICATION_LEASE_MS);
    const claimed = await this.notifications.update(notificationId, (record) =>
      record.state === 'accepted' && record.sends.length === sendCount ? { state: 'in-flight', leaseUntil, claims: record.claims + 1, updatedAt: now } : undefined,
    );
    if (!claimed) return;
    this.logger.log(`notification ${notificationId}: ${current.channel} failed after it was accepted; trying the next channel`, { notificationId, errorCodes: report.errorCodes });
    await this.run(claimed.after);
  }

  private async resolve(record: Pick<NotificationDocument, 'recipient'>): Promise<ResolvedRecipient | 'unknown' | Rejection> {
    const ref = record.recipient;
    if (ref.kind === 'reporter') {
      const contact = (await this.contacts.find([ref.senderKey])).get(ref.senderKey);
      if (!contact) return 'unknown';
      return { recipient: reporterRecipient(contact), contactKeys: [contact.senderKey], ...(contact.lastChannel ? { lastChannel: contact.lastChannel } : {}) };
    }
    const member = (await this.directory.members([ref.memberId])).get(ref.memberId);
    if (!member) return 'unknown';
    if (member.status !== 'active') return reject('RECIPIENT.INACTIVE', `the member is ${member.status}`);
    if (!member.consentToContact) return reject('RECIPIENT.NO_CONSENT', 'the member has not agreed to be contacted');
    const contacts = await this.contacts.find(member.identityKeys);
    return { recipient: memberRecipient(member, [...contacts.values()]), contactKeys: member.identityKeys };
  }
}

function isRejection(value: object): value is Rejection {
  return (value as Partial<Rejection>).ok === false;
}

function outcomeOf(result: DispatchResult, language: string, failedBefore: ReadonlySet<Channel>): Outcome {
  const skipped: SkipRecord[] = result.skipped.map((skip) =>
    failedBefore.has(skip.channel) ? { channel: skip.channel, code: 'DELIVERY.FAILED_BEFORE', reason: `the earlier ${skip.channel} message failed` } : { ...skip },
  );
  const trail = { language, attempts: result.attempts, skipped };
  if (result.status === 'accepted') {
    const at = result.attempts[result.attempts.length - 1]?.at ?? new Date();
    return {
      state: 'accepted',
      ...trail,
      send: { channel: result.channel, provider: result.provider, providerMessageId: result.providerMessageId, at, delivery: 'accepted', history: [{ state: 'accepted', at }] },
    };
  }
  return { state: result.status, ...trail, code: result.code, reason: result.reason };
}

async function inPool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}
