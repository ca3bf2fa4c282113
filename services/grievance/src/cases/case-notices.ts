import type { CaseEvent, CaseEventOf, CaseEventType, DeskRef, Feed, Recipients } from '@cc/contracts';
import { isActive, type Case, type Desk } from './case';
import { isDeskExcluded, isMemberExcluded } from './case-guard';

export interface NoticeSpec {
  readonly memberIds?: readonly (string | undefined)[];
  /** Role desks are told as desks; a post desk is told through its holders' member ids. */
  readonly desks?: readonly Desk[];
  readonly reporters?: boolean;
  /** Only these of the case's reporters (by sender key), e.g. those a merge brought in. */
  readonly reporterKeys?: readonly string[];
  readonly feeds?: readonly Feed[];
}

/**
 * Who is told, with the guard applied last so that no caller can forget it: an excluded member,
 * or a role desk inside an excluded unit, is dropped whoever asked for them.
 */
export function recipientsFor(c: Case, spec: NoticeSpec): Recipients {
  const desks = (spec.desks ?? []).filter((desk) => desk.kind === 'role' && !isDeskExcluded(c.guard, desk));
  const memberIds = (spec.memberIds ?? []).filter((id): id is string => id !== undefined && !isMemberExcluded(c.guard, id));
  return {
    memberIds: [...new Set(memberIds)],
    desks: uniqueDesks(desks).map(deskRef),
    reporters: [...new Set(c.reporters.map(({ senderKey }) => senderKey).filter((key) => spec.reporters || spec.reporterKeys?.includes(key)))],
    feeds: [...new Set(spec.feeds ?? [])],
  };
}

/** Everyone behind the current desk: its role, or the holders it was handed to. */
export function deskAudience(c: Case): NoticeSpec {
  return { desks: [c.handler.desk], memberIds: [...c.handler.memberIds, c.assigneeId] };
}

/** A case handled at the state HQ is on the state feed; at AICC on the national one as well. */
export function deskFeeds(desk: Pick<Desk, 'level'>): Feed[] {
  if (desk.level === 'national') return ['state', 'national'];
  return desk.level === 'state' ? ['state'] : [];
}

export function deskRef(desk: Desk): DeskRef {
  const { unitPath: _path, ...ref } = desk;
  return ref;
}

type BaseKey =
  | 'eventId'
  | 'caseId'
  | 'reference'
  | 'version'
  | 'occurredAt'
  | 'category'
  | 'severity'
  | 'partyUnitCode'
  | 'partyUnitPath'
  | 'desk'
  | 'actor'
  | 'notify'
  | 'type';

export type EventDetails<T extends CaseEventType> = Omit<CaseEventOf<T>, BaseKey>;

/** An event about the case as it stands after the change (its version, its desk). */
export function caseEvent<T extends CaseEventType>(c: Case, type: T, actor: string, notify: Recipients, details: EventDetails<T>): CaseEventOf<T> {
  const event = {
    eventId: `${c.id}:${c.version}:${type}`,
    caseId: c.id,
    reference: c.reference,
    version: c.version,
    occurredAt: c.audit[c.audit.length - 1]?.at.toISOString() ?? c.openedAt.toISOString(),
    category: c.category,
    severity: c.severity,
    partyUnitCode: c.partyUnit.code,
    partyUnitPath: [...c.partyUnit.path],
    desk: deskRef(c.handler.desk),
    ...deskDeadline(c),
    actor,
    notify,
    type,
    ...details,
  } satisfies Omit<CaseEvent, 'type'> & { type: T };
  return event as unknown as CaseEventOf<T>;
}

/** What the desk must do next, by when: acknowledge an open case, resolve an active one. */
function deskDeadline(c: Case): { dueAt?: string } {
  if (!isActive(c.status)) return {};
  const deadline = c.status === 'open' ? (c.timers.acknowledgeBy ?? c.timers.resolveBy) : c.timers.resolveBy;
  return deadline ? { dueAt: deadline.toISOString() } : {};
}

function uniqueDesks(desks: readonly Desk[]): Desk[] {
  const byKey = new Map(desks.map((desk) => [`${desk.unitCode}/${desk.kind === 'role' ? desk.role : desk.post}`, desk]));
  return [...byKey.values()];
}
