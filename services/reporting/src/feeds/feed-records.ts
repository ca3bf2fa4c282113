import type { CaseEvent, FeedCase, FeedId, FeedReport, FeedReporter, ReportAttributed } from '@cc/contracts';
import type { FeedPseudonyms } from './feed-pseudonyms';
import { mayConcernOfficeBearer, redactFeedText } from './feed-redaction';
import { stateOf } from './feed-routing';

/** National, state and district: as deep as a withheld reporter's unit goes. */
const WITHHELD_DEPTH = 3;

/** Two decimals: about a kilometre, a village rather than a house. */
const coarse = (degrees: number) => Math.round(degrees * 100) / 100;

/**
 * A report as one feed shows it. Nothing about the sender but what the feed may know: the member
 * as the feed's pseudonym, their trust and posts — or, when the report may be a complaint about an
 * office-bearer, no reporter at all, and nothing that would point at one (the report id, the
 * location, the exact unit below the district, media references).
 */
export function feedReport(report: ReportAttributed, feed: FeedId, recordId: string, pseudonyms: FeedPseudonyms): FeedReport {
  const text = (value: string) => redactFeedText(value, feed, pseudonyms);
  const withheld = mayConcernOfficeBearer(report);
  const { attribution } = report;
  const unitPath = withheld ? attribution.unitPath.slice(0, WITHHELD_DEPTH) : attribution.unitPath;
  const state = stateOf(attribution.unitPath);
  const reporter: FeedReporter = withheld
    ? { shown: false, trust: attribution.trust, reason: 'may-concern-office-bearer' }
    : {
        shown: true,
        ...(attribution.memberId ? { memberRef: pseudonyms.member(feed, attribution.memberId) } : {}),
        trust: attribution.trust,
        posts: attribution.posts,
      };
  return {
    recordId,
    feed,
    kind: 'report',
    ...(withheld ? {} : { reportId: report.reportId }),
    receivedAt: report.receivedAt,
    attributedAt: report.attributedAt,
    channel: report.channel,
    messageKind: report.kind,
    script: report.script,
    language: report.language,
    text: text(report.text),
    keywords: report.keywords.map((keyword) => ({ category: keyword.category, matched: text(keyword.matched) })),
    media: report.media.map((media) => ({ type: media.type })),
    ...(report.location && !withheld ? { location: { latitude: coarse(report.location.latitude), longitude: coarse(report.location.longitude) } } : {}),
    ...(state ? { stateCode: state } : {}),
    unitCode: unitPath[unitPath.length - 1]!,
    unitPath,
    unitSource: attribution.unitSource,
    ...(report.declaredComplaint
      ? {
          declaredComplaint: {
            category: report.declaredComplaint.category,
            ...(report.declaredComplaint.subject ? { subject: text(report.declaredComplaint.subject) } : {}),
          },
        }
      : {}),
    reporter,
  };
}

/**
 * A case event as one feed shows it: without whom grievance notifies (office-bearers' member ids,
 * reporters' sender pseudonyms, role desks) and with its actor and assignee as feed pseudonyms. A
 * reporter acting on their case stays `reporter:R1`, a name that means something in that case only.
 */
export function feedCase(event: CaseEvent, feed: FeedId, recordId: string, pseudonyms: FeedPseudonyms): FeedCase {
  const { eventId: _eventId, notify: _notify, actor, ...rest } = event;
  const state = stateOf(event.partyUnitPath);
  const common = {
    recordId,
    feed,
    kind: 'case' as const,
    ...(state ? { stateCode: state } : {}),
    actor: actor.startsWith('mbr_') ? pseudonyms.member(feed, actor) : actor,
  };
  if (rest.type === 'assigned') {
    const { assigneeId, ...assigned } = rest;
    return { ...assigned, ...common, assigneeRef: pseudonyms.member(feed, assigneeId) };
  }
  return { ...rest, ...common };
}
