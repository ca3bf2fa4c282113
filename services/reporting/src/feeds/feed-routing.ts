import {
  AICC_FEED,
  type CaseEvent,
  type FeedId,
  type FeedTopic,
  isFeedState,
  type ReportAttributed,
  stateFeedTopic,
  Topics,
  type UnitLevel,
  UnitLevels,
} from '@cc/contracts';
import type { FeedPolicy } from './feed-policy';

export type FeedRouting = { ok: true; feeds: FeedId[] } | { ok: false; code: 'FEED.NO_STATE_FEED'; reason: string };

/** A unit path runs national down to the unit: its second entry is the state, if there is one. */
export function stateOf(unitPath: readonly string[]): string | undefined {
  return unitPath[1];
}

export function feedTopic(feed: FeedId): FeedTopic {
  return feed === AICC_FEED ? Topics.AiccFeed : stateFeedTopic(feed);
}

/** The state's feed, or a refusal naming what to do: a state without a provisioned topic must not lose its records silently. */
function stateFeed(state: string): FeedRouting | FeedId {
  if (isFeedState(state)) return state;
  return {
    ok: false,
    code: 'FEED.NO_STATE_FEED',
    reason: `state ${state} has no HQ feed topic: add it to FEED_STATE_CODES in libs/contracts, deploy, then replay this dead letter`,
  };
}

export function routeReport(report: ReportAttributed, policy: FeedPolicy): FeedRouting {
  const state = stateOf(report.attribution.unitPath);
  if (state === undefined) return { ok: true, feeds: policy.aicc.reports === 'none' ? [] : [AICC_FEED] };
  const feed = stateFeed(state);
  if (typeof feed !== 'string') return feed;
  return {
    ok: true,
    feeds: [...(policy.state.reports ? [feed] : []), ...(policy.aicc.reports === 'all' ? [AICC_FEED] : [])],
  };
}

const rank = (level: UnitLevel) => UnitLevels.indexOf(level);

function aiccWants(event: CaseEvent, policy: FeedPolicy['aicc']['caseEvents']): boolean {
  if (policy.types.includes(event.type)) return true;
  if (event.type === 'escalated' && policy.escalatedToLevel !== null && rank(event.to.level) <= rank(policy.escalatedToLevel)) return true;
  if (policy.severities.includes(event.severity)) return true;
  return policy.namedByGrievance && event.notify.feeds.includes('national');
}

export function routeCaseEvent(event: CaseEvent, policy: FeedPolicy): FeedRouting {
  const state = stateOf(event.partyUnitPath);
  if (state === undefined) return { ok: true, feeds: [AICC_FEED] };
  const feed = stateFeed(state);
  if (typeof feed !== 'string') return feed;
  const toState = policy.state.caseEvents === 'all' || policy.state.caseEvents.includes(event.type);
  return { ok: true, feeds: [...(toState ? [feed] : []), ...(aiccWants(event, policy.aicc.caseEvents) ? [AICC_FEED] : [])] };
}
