import type { Channels, ComplaintCategory, Languages, PostKind, TrustLevels, UnitLevel, ClosedAs, DeskRef, EscalationReason, Feed, ResolutionOutcome } from '@cc/contracts';
import type { Severity } from '../recognition/severity';

export const CASE_STATUSES = ['open', 'acknowledged', 'assigned', 'in-progress', 'resolved', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** A case someone must act on: its clocks run. `open` means its current desk has not acknowledged it. */
export const ACTIVE_STATUSES: readonly CaseStatus[] = ['open', 'acknowledged', 'assigned', 'in-progress'];

export function isActive(status: CaseStatus): boolean {
  return ACTIVE_STATUSES.includes(status);
}

/** A unit as the case keeps it: with its path, so subtree questions need no lookup. */
export interface UnitRef {
  readonly code: string;
  readonly level: UnitLevel;
  readonly path: readonly string[];
}

/** Who handles a case: a post of a unit's committee, or a role desk at an HQ. */
export type Desk = DeskRef & { readonly unitPath: readonly string[] };

export interface Handler {
  readonly desk: Desk;
  /** Holders of the desk's post who may receive it when it was handed over (none for a role desk). */
  readonly memberIds: readonly string[];
  readonly since: Date;
  /** How the desk was chosen: the routing rule's own desk, a fallback past a vacancy or conflict, an escalation. */
  readonly via: 'rule' | 'fallback' | 'escalation' | 'appeal';
  readonly ruleId?: string;
  readonly ruleSetVersion?: number;
}

/**
 * Whom a complaint is about, resolved against the organisation at the time it was made. An
 * office-bearer named without a place is resolved to every committee on the reporter's path below
 * the state (see the guard), so `unitCodes` may hold several units and `memberIds` several people.
 */
export type CaseSubject =
  | {
      readonly kind: 'office-bearer';
      readonly post?: PostKind;
      readonly level?: UnitLevel;
      readonly unitCodes: readonly string[];
      readonly memberIds: readonly string[];
      /** False when the report did not say which unit: the guard then covers them all. */
      readonly certain: boolean;
    }
  | { readonly kind: 'member'; readonly memberId: string }
  | { readonly kind: 'government-office'; readonly office: 'bdo' | 'co' }
  | { readonly kind: 'none' };

/**
 * Who must never handle, see or be told about the case, and where it must not go: grows, never
 * shrinks (see guard/). A unit excludes its whole subtree.
 */
export interface CaseGuard {
  readonly excludedMemberIds: readonly string[];
  readonly excludedUnitCodes: readonly string[];
}

/** A reporter as the case knows them. `pseudonym` is all that people below an unmasking see. */
export interface Reporter {
  /** R1, R2, ... in the order they joined this case; means nothing outside it. */
  readonly pseudonym: string;
  readonly senderKey: string;
  readonly memberId?: string;
  readonly trust: (typeof TrustLevels)[number];
  readonly unitCode: string;
  readonly channel: (typeof Channels)[number];
  readonly language: (typeof Languages)[number];
}

export interface CaseReport {
  readonly reportId: string;
  readonly reporter: string;
  readonly receivedAt: Date;
  readonly channel: (typeof Channels)[number];
  readonly text: string;
}

export const AUDIT_ACTIONS = [
  'open',
  'acknowledge',
  'assign',
  'start',
  'resolve',
  'close',
  'reopen',
  'escalate',
  'merge',
  'absorb',
  'comment',
  'attach',
  'unmask',
  'remind',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One line of the audit trail: every change of a case, and every unmasking of its reporters. */
export interface AuditEntry {
  readonly at: Date;
  /** `system`, a member id, or `reporter:R1`. */
  readonly actor: string;
  readonly action: AuditAction;
  readonly from: CaseStatus | null;
  readonly to: CaseStatus;
  readonly reason?: string;
  /** The case version this entry produced. */
  readonly version: number;
}

export interface CaseComment {
  readonly id: string;
  readonly at: Date;
  readonly author: string;
  readonly text: string;
}

/** An attachment by reference: the media stays with the channel provider or the app. */
export interface AttachmentRef {
  readonly id: string;
  readonly type: 'image' | 'audio' | 'video' | 'document';
  readonly providerMediaId?: string;
  readonly url?: string;
  readonly mimeType?: string;
  readonly sha256?: string;
  readonly addedBy: string;
  readonly addedAt: Date;
}

export interface EscalationRecord {
  readonly at: Date;
  readonly from: Desk;
  readonly to: Desk;
  readonly reason: EscalationReason;
}

/** Absolute instants, so a restarted or second replica reads the same clock from the store. */
export interface CaseTimers {
  readonly acknowledgeBy?: Date;
  readonly resolveBy?: Date;
  /** The hard ceiling: by then the case must be at the state HQ (or above). */
  readonly ceilingBy?: Date;
  /** A resolved case closes by itself when the reporter's window to reopen it has passed. */
  readonly closeBy?: Date;
  /** When the desk is reminded of its deadline (the policy's `reminderAt`), unless it was already. */
  readonly remindAt?: Date;
}

export interface Resolution {
  readonly outcome: ResolutionOutcome;
  readonly note: string;
  readonly by: string;
  readonly at: Date;
}

export interface Case {
  readonly id: string;
  readonly reference: string;
  readonly status: CaseStatus;
  readonly closedAs?: ClosedAs;
  readonly category: ComplaintCategory;
  readonly severity: Severity;
  readonly subject: CaseSubject;
  readonly subjectText?: string;
  /** The unit the complaint concerns: the named office-bearer's, else the reporter's. */
  readonly partyUnit: UnitRef;
  /** The block (or circle) whose BDO or CO it concerns. */
  readonly governmentUnitCode?: string;
  readonly recognisedVia: 'declared' | 'keyword';
  readonly reports: readonly CaseReport[];
  readonly reporters: readonly Reporter[];
  readonly reporterCount: number;
  readonly handler: Handler;
  readonly assigneeId?: string;
  readonly escalations: readonly EscalationRecord[];
  readonly feeds: readonly Feed[];
  readonly guard: CaseGuard;
  readonly openedAt: Date;
  /** When the current desk's clock started: opening, escalation, reopening. */
  readonly clockStartedAt: Date;
  readonly acknowledgedAt?: Date;
  readonly resolvedAt?: Date;
  readonly closedAt?: Date;
  readonly resolution?: Resolution;
  readonly timers: CaseTimers;
  /** The deadline the desk was last reminded of: one reminder per deadline. */
  readonly remindedFor?: Date;
  /** The earliest timer that calls for action: what the store indexes and the sweeper queries. */
  readonly dueAt?: Date;
  readonly mergedInto?: { readonly caseId: string; readonly reference: string };
  readonly mergedFrom: readonly string[];
  readonly comments: readonly CaseComment[];
  readonly attachments: readonly AttachmentRef[];
  readonly audit: readonly AuditEntry[];
  /** Incremented by every change; the store writes only over the version a change was computed from. */
  readonly version: number;
}
