import type { Attribution, ReportReceived } from '@cc/contracts';
import type { StoredMember } from '../members/store/members.repository';
import type { OrgTree } from '../organisation/org-tree';
import type { UnitNameIndex } from './unit-names';

export interface AttributionContext {
  tree: OrgTree;
  names: UnitNameIndex;
  /** Channel number or id → the state it serves (MEMBERSHIP_CHANNEL_STATES). */
  channelStates: ReadonlyMap<string, string>;
  at: Date;
}

/**
 * Who sent a report and where in the organisation it belongs. A member's report belongs to their
 * home unit; anyone else's to the unit they declared, else the one their text names, else to no
 * unit ("unassigned") in the state whose channel number they wrote to — or national.
 */
export function attribute(report: ReportReceived, sender: StoredMember | undefined, context: AttributionContext): Attribution {
  const { tree } = context;
  const placed = placeOf(report, sender, context);
  const posts = (sender?.posts ?? [])
    .filter((tenure) => tenure.from <= context.at && (!tenure.to || tenure.to > context.at))
    .map(({ unitCode, post }) => ({ unitCode, post }));
  return {
    ...(sender ? { memberId: sender.member.id } : {}),
    trust: !sender ? 'unknown' : sender.member.status === 'active' ? 'verified-member' : 'known-number',
    unitCode: placed.unitCode,
    unitPath: tree.pathOf(placed.unitCode) ?? [tree.root.code],
    unitSource: placed.source,
    posts,
  };
}

function placeOf(report: ReportReceived, sender: StoredMember | undefined, { tree, names, channelStates }: AttributionContext) {
  if (sender && tree.has(sender.member.homeUnitCode)) return { unitCode: sender.member.homeUnitCode, source: 'member-home' } as const;
  if (report.declaredUnitCode && tree.has(report.declaredUnitCode)) return { unitCode: report.declaredUnitCode, source: 'declared' } as const;
  const named = names.namedIn(report.text);
  if (named) return { unitCode: named, source: 'named-in-text' } as const;
  const endpoint = report.channelEndpoint;
  const state = [endpoint?.id, endpoint?.address].map((key) => (key ? channelStates.get(key) : undefined)).find((code) => code && tree.has(code));
  return { unitCode: state ?? tree.root.code, source: 'unassigned' } as const;
}
