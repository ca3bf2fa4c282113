import type mongoose from 'mongoose';
import { type CaseEvent, type FeedRecord, type ReportReceived, stateFeedTopic, Topics } from '@cc/contracts';
import type { EventReader } from '@cc/testing';
import { caseIdFor } from '../../../services/grievance/src/opening/case-ids';
import { notificationIdOf } from '../../../services/notification/src/reliability/idempotency';
import { feedRecordId } from '../../../services/reporting/src/feeds/feed-pseudonyms';
import type { ProviderFakes } from './env';
import type { SentMessage } from './traffic';

export const JH_FEED = stateFeedTopic('JH');

/** One stage of the pipeline, accounted by id: what should be there, what is, what is missing or there twice. */
export interface Stage {
  name: string;
  expected: number;
  found: number;
  lost: string[];
  duplicated: string[];
}

export interface Accounting {
  stages: Stage[];
  lost: number;
  duplicated: number;
  /**
   * Messages a provider took twice because the notification process was SIGKILLed between the
   * provider's answer and its record of it: see {@link resentAcrossCrash}. Listed, not duplicates.
   */
  resentAcrossCrash: string[];
  /** Report id of each accepted message (once intake has published it). */
  reportIds: Map<string, string>;
  /** For the summary. */
  totals: { reported: number; feedRecords: number; cases: number; acknowledgements: number; sendsAtFakes: number };
}

/** The reference the acknowledgement quotes (notification's README): `R-` and 12 hex digits of the report id. */
export const referenceOf = (reportId: string) => `R-${reportId.replaceAll('-', '').slice(0, 12).toUpperCase()}`;

/** How long before a SIGKILL a send may have been taken and still have been in flight (its record not yet written). */
const IN_FLIGHT_MS = 5000;
/**
 * How long after the SIGKILL was sent the fake may still read a request the killed process had
 * already written: the fakes run in this process, whose event loop reads it after `crash()`.
 */
const ON_THE_WIRE_MS = 1000;

/**
 * WhatsApp's Cloud API and Gupshup take no idempotency key (the app backend does, and dedupes), so a
 * sender killed after the provider took a message and before its record was written cannot know
 * it was sent: the lease runs out and the message goes again. Two sends of one notification are
 * that and nothing else when the first was taken around a SIGKILL of notification (sent before it)
 * and the second after the lease ran out, well after it; any other repeat is a duplicate.
 */
export function resentAcrossCrash(sentAt: readonly number[], notificationKills: readonly number[]): boolean {
  if (sentAt.length !== 2) return false;
  const [first, second] = [...sentAt].sort((a, b) => a - b) as [number, number];
  return notificationKills.some((killedAt) => first >= killedAt - IN_FLIGHT_MS && first <= killedAt + ON_THE_WIRE_MS && second > killedAt + ON_THE_WIRE_MS);
}

/**
 * Which notification an SMS is. An acknowledgement is one per report reference (`R-…`; only
 * acknowledgements quote one) whatever its text: notification renders at send time in the
 * recipient's language, so a copy sent again after a restart may read differently. Other SMS
 * (case notices quote their case's reference in several notices) are told apart by their text.
 */
export function smsIdentity(params: { send_to?: unknown; msg?: unknown }): string {
  const text = String(params.msg);
  return `${String(params.send_to)}|${/R-[0-9A-F]{12}/.exec(text)?.[0] ?? text}`;
}

const groupBy = <T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const value = key(item);
    if (value === undefined) continue;
    const group = groups.get(value);
    if (group) group.push(item);
    else groups.set(value, [item]);
  }
  return groups;
};

const countBy = <T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, number> =>
  new Map([...groupBy(items, key)].map(([value, group]) => [value, group.length]));

/**
 * Follows every message of the ledger through the system by the ids each stage derives from the
 * one before: provider message id → report id (report-received) → feed record id (JH feed) →
 * case id (grievance's store and case events) → notification id (the sends at the provider fakes).
 * Counts are never compared: a lost message and a duplicated one would cancel out.
 */
export async function account(
  ledger: readonly SentMessage[],
  reader: EventReader,
  cases: mongoose.Connection,
  fakes: ProviderFakes,
  notificationKills: readonly number[] = [],
): Promise<Accounting> {
  const stage = (name: string): Stage => ({ name, expected: 0, found: 0, lost: [], duplicated: [] });
  const reported = stage('reported (report-received)');
  const fed = stage(`feed record (${JH_FEED})`);
  const opened = stage('case (store + opened event)');
  const acknowledged = stage('acknowledgement sent');
  const strays = stage('anything not traced to a message');

  const known = new Set(ledger.map((message) => message.providerMessageId));
  const reportsByMessage = new Map<string, Map<string, ReportReceived>>();
  for (const event of reader.events) {
    if (event.topic !== Topics.ReportReceived) continue;
    const report = event.data as ReportReceived;
    if (!known.has(report.providerMessageId)) {
      strays.duplicated.push(`report ${report.reportId} for a message nobody sent (${report.channel})`);
      continue;
    }
    const reports = reportsByMessage.get(report.providerMessageId) ?? new Map<string, ReportReceived>();
    reports.set(report.reportId, report);
    reportsByMessage.set(report.providerMessageId, reports);
  }

  const feedIds = countBy(
    reader.events.filter((event) => event.topic === JH_FEED && (event.data as FeedRecord).kind === 'report'),
    (event) => (event.data as FeedRecord).recordId,
  );
  const caseEvents = reader.dataOf<CaseEvent>(Topics.CaseEvents);
  const openedEvents = new Map<string, Set<string>>();
  for (const event of caseEvents) if (event.type === 'opened') openedEvents.set(event.caseId, (openedEvents.get(event.caseId) ?? new Set()).add(event.eventId));

  const reportIds = new Map<string, string>();
  const everyReportId = new Set<string>();
  for (const [providerMessageId, reports] of reportsByMessage) {
    for (const reportId of reports.keys()) {
      everyReportId.add(reportId);
      reportIds.set(providerMessageId, reportId);
    }
  }
  const storedCases = await cases
    .collection<{ _id: string; reports: Array<{ reportId: string }> }>('cases')
    .find({ 'reports.reportId': { $in: [...everyReportId] } }, { projection: { _id: 1, 'reports.reportId': 1 } })
    .toArray();
  const casesByReport = new Map<string, string[]>();
  for (const stored of storedCases) for (const { reportId } of stored.reports) casesByReport.set(reportId, [...(casesByReport.get(reportId) ?? []), stored._id]);

  const resent: string[] = [];
  // A notification taken twice across a SIGKILL of its sender counts once (see resentAcrossCrash).
  const once = <T extends { at: number }>(groups: Map<string, T[]>, what: string): Map<string, number> =>
    new Map(
      [...groups].map(([key, sends]) => {
        if (!resentAcrossCrash(sends.map((send) => send.at), notificationKills)) return [key, sends.length];
        resent.push(`${what} ${key.replace(/^\+?\d{10,}\|/, '')}`);
        return [key, 1];
      }),
    );
  const whatsAppSends = once(groupBy(fakes.whatsapp.accepted, (message) => message.body.biz_opaque_callback_data as string | undefined), 'WhatsApp notification');
  const gupshupSends = once(groupBy(fakes.gupshup.accepted, (message) => smsIdentity(message.params)), 'SMS');
  const smsSends = new Map<string, number>();
  for (const [key, count] of gupshupSends) {
    const reference = /R-[0-9A-F]{12}/.exec(key)?.[0];
    if (reference) smsSends.set(reference, (smsSends.get(reference) ?? 0) + count);
  }
  const appSends = countBy(fakes.app.pushes, (push) => push.idempotencyKey);

  for (const message of ledger) {
    const reports = reportsByMessage.get(message.providerMessageId);
    if (!message.accepted) continue;
    const id = `${message.entryPoint} ${message.providerMessageId}`;
    reported.expected += 1;
    if (!reports || reports.size === 0) {
      reported.lost.push(id);
      continue;
    }
    if (reports.size > 1) reported.duplicated.push(`${id}: reports ${[...reports.keys()].join(', ')}`);
    if (message.answeredReportId && !reports.has(message.answeredReportId)) reported.duplicated.push(`${id}: answered ${message.answeredReportId}, published ${[...reports.keys()].join(', ')}`);
    reported.found += 1;
    const [report] = reports.values() as Iterable<ReportReceived>;
    const reportId = report!.reportId;

    fed.expected += 1;
    if (feedIds.has(feedRecordId('JH', Topics.ReportAttributed, reportId))) fed.found += 1;
    else fed.lost.push(`${id} (report ${reportId})`);

    const caseIds = casesByReport.get(reportId) ?? [];
    if (message.complaint) {
      opened.expected += 1;
      const caseId = caseIdFor(reportId);
      if (caseIds.length === 0 || !openedEvents.has(caseId)) opened.lost.push(`${id} (report ${reportId}, case ${caseId}${caseIds.length ? ' stored, no opened event' : ' not stored'})`);
      else opened.found += 1;
      if (caseIds.length > 1 || caseIds.some((each) => each !== caseId)) opened.duplicated.push(`${id}: cases ${caseIds.join(', ')}`);
      if ((openedEvents.get(caseId)?.size ?? 0) > 1) opened.duplicated.push(`${id}: opened events ${[...openedEvents.get(caseId)!].join(', ')}`);
    } else if (caseIds.length > 0) {
      strays.duplicated.push(`${id}: case ${caseIds.join(', ')} for a message that is no complaint`);
    }

    const notificationId = notificationIdOf({ sourceEventId: reportId, recipientKey: report!.senderKey, templateKey: 'report-acknowledged' }) as string;
    const sends = (whatsAppSends.get(notificationId) ?? 0) + (smsSends.get(referenceOf(reportId)) ?? 0) + (appSends.get(notificationId) ?? 0);
    if (message.optOut) {
      if (sends > 0) strays.duplicated.push(`${id}: ${sends} acknowledgement(s) of an opt-out`);
      continue;
    }
    acknowledged.expected += 1;
    if (sends === 0) acknowledged.lost.push(`${id} (notification ${notificationId})`);
    else acknowledged.found += 1;
    if (sends > 1) acknowledged.duplicated.push(`${id}: notification ${notificationId} sent ${sends} times`);
  }

  // Whatever it is about, no notification reaches a provider twice (office-bearers' notices included).
  for (const [notificationId, count] of whatsAppSends) if (count > 1) strays.duplicated.push(`notification ${notificationId}: ${count} WhatsApp messages`);
  for (const [key, count] of gupshupSends) {
    if (count > 1) strays.duplicated.push(`SMS ${/R-[0-9A-F]{12}|[A-Z]{2}-\d{4}-[0-9A-F]{10}/.exec(key)?.[0] ?? 'without a reference'}: sent ${count} times`);
  }
  const expectedFeedIds = new Set([...everyReportId].map((reportId) => feedRecordId('JH', Topics.ReportAttributed, reportId)));
  for (const recordId of feedIds.keys()) if (!expectedFeedIds.has(recordId)) strays.duplicated.push(`feed record ${recordId} traced to no message`);

  const stages = [reported, fed, opened, acknowledged, strays];
  return {
    stages,
    lost: stages.reduce((sum, each) => sum + each.lost.length, 0),
    duplicated: stages.reduce((sum, each) => sum + each.duplicated.length, 0),
    resentAcrossCrash: resent,
    reportIds,
    totals: {
      reported: reported.found,
      feedRecords: fed.found,
      cases: opened.found,
      acknowledgements: acknowledged.found,
      sendsAtFakes: fakes.whatsapp.accepted.length + fakes.gupshup.accepted.length + fakes.app.pushes.length,
    },
  };
}

/** What a failed accounting says: per stage, the first few ids missing or doubled. */
export function describeAccounting({ stages }: Accounting): string {
  return stages
    .filter((each) => each.lost.length + each.duplicated.length > 0)
    .map((each) => `${each.name}: ${each.lost.length} lost, ${each.duplicated.length} duplicated\n  ${[...each.lost.slice(0, 8).map((id) => `lost ${id}`), ...each.duplicated.slice(0, 8).map((id) => `twice ${id}`)].join('\n  ')}`)
    .join('\n');
}
