import { createHash, createHmac } from 'node:crypto';
import type { FeedId } from '@cc/contracts';

/** Development and tests only: production always has SENDER_KEY_SECRET to derive from (libs/config). */
const DEVELOPMENT_SECRET = 'connect-center-development-reporting-feed-secret';

/**
 * The key of the feeds' member pseudonyms: REPORTING_FEED_SECRET when set (rotating it renames
 * every member on every feed, and nothing else), else one derived from SENDER_KEY_SECRET for this
 * purpose only, so a deployment needs no extra secret.
 */
export function feedPseudonymKey(feedSecret: string | undefined, senderKeySecret: string | undefined): string {
  if (feedSecret) return feedSecret;
  if (senderKeySecret) return createHmac('sha256', senderKeySecret).update('connect-center/reporting/feed-pseudonyms/v1').digest('base64url');
  return DEVELOPMENT_SECRET;
}

/**
 * Member pseudonyms, one name per member and feed: `mbrp_` and 22 characters of an HMAC-SHA256 of
 * the feed and the member id. Stable, so a feed's readers can count a member's reports over time;
 * different on each feed, so two feeds cannot be joined on it; keyed, so nobody holding member ids
 * (an export, another topic) can compute it.
 */
export class FeedPseudonyms {
  constructor(private readonly key: string) {}

  member(feed: FeedId, memberId: string): string {
    return `mbrp_${createHmac('sha256', this.key).update(`member\n${feed}\n${memberId}`).digest('base64url').slice(0, 22)}`;
  }
}

/**
 * The id of the record a source event gives on a feed: `fr_` and 32 characters of SHA-256 of the
 * feed, the source topic and the source event's `ce_id`. The same event delivered again, by
 * either replica, gives the same id, which consumers deduplicate on. Not keyed, so it survives a
 * rotation of the pseudonym key; it reveals nothing a reader could not already see.
 */
export function feedRecordId(feed: FeedId, sourceTopic: string, sourceEventId: string): string {
  return `fr_${createHash('sha256').update(`${feed}\n${sourceTopic}\n${sourceEventId}`).digest('base64url').slice(0, 32)}`;
}

/**
 * The id of a state's daily digest on the AICC feed: from the feed, the state and the day only, so
 * that publishing it again — a retry, a restart before the mark was written, two replicas at once —
 * gives the same record, which consumers deduplicate on.
 */
export function feedDigestRecordId(state: string, day: string): string {
  return `fr_${createHash('sha256').update(`AICC\ndigest\n${state}\n${day}`).digest('base64url').slice(0, 32)}`;
}
