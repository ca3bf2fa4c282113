import type { Case } from '../cases/case';
import type { CaseContext } from '../cases/case-context';
import { transition, type CaseCode, type TransitionResult } from '../cases/case-lifecycle';
import { appeal } from '../sla/escalation';
import type { EscalationTargetCode } from '../guard/escalation-target';
import type { Rejection } from '../shared/rejection';

/**
 * What a reporter can do to their own case from the channel they reported on, by sending the
 * keyword and the case reference they were given (`REOPEN JH-2026-7F3A9C21E4`), optionally
 * followed by why. The resolved-case notification tells them to (its WhatsApp template carries a
 * quick-reply button whose payload is the same text).
 *
 * - `reopen`: back to the same desk (within the reopen window);
 * - `appeal`: to the desk above (within the same window);
 * - `close`: confirms a resolution, or withdraws a case still being handled.
 */
export type ReporterCommandType = 'reopen' | 'appeal' | 'close';

export interface ReporterCommand {
  readonly type: ReporterCommandType;
  readonly reference: string;
  /** What the reporter wrote after the reference, if anything. */
  readonly reason?: string;
}

/** Keywords as workers type them, Hindi and English; matched case-insensitively at the start of the message. */
const KEYWORDS: ReadonlyArray<readonly [ReporterCommandType, readonly string[]]> = [
  ['reopen', ['REOPEN', 'RE-OPEN', 'RE OPEN', 'पुनः खोलें', 'फिर से खोलें', 'दोबारा खोलें', 'फिर खोलें']],
  ['appeal', ['APPEAL', 'अपील']],
  ['close', ['CLOSE', 'CONFIRM', 'WITHDRAW', 'संतुष्ट', 'वापस लें']],
];

/** The reference `referenceFor` gives: state code, year, 10 hex digits. */
const REFERENCE = /^([A-Z0-9]{1,8}-\d{4}-[0-9A-F]{10})(?=$|[\s.,:;!?।])/;

/**
 * Reads a reporter command, or `undefined` when the message is anything else (an ordinary report,
 * a keyword without a reference, a reference in the middle of a sentence). Only a message that
 * *starts* with a keyword and the reference is a command, so a complaint that quotes a reference
 * still opens its own case.
 */
export function parseReporterCommand(text: string | undefined): ReporterCommand | undefined {
  if (!text) return undefined;
  const message = text.normalize('NFC').trim().replace(/\s+/g, ' ');
  for (const [type, words] of KEYWORDS) {
    for (const word of words) {
      if (message.length <= word.length || message.slice(0, word.length).toUpperCase() !== word) continue;
      const rest = message.slice(word.length);
      if (!/^[\s:#-]/.test(rest)) continue;
      const afterKeyword = rest.replace(/^[\s:#-]+/, '');
      const matched = REFERENCE.exec(afterKeyword.toUpperCase());
      if (!matched) return undefined;
      const reason = afterKeyword.slice(matched[1]!.length).replace(/^[\s.,:;!?।-]+/, '').trim();
      return { type, reference: matched[1]!, ...(reason ? { reason: reason.slice(0, 2000) } : {}) };
    }
  }
  return undefined;
}

const DEFAULT_REASON: Record<Exclude<ReporterCommandType, 'close'>, string> = {
  reopen: 'the reporter reopened the case from their channel',
  appeal: 'the reporter appealed the resolution from their channel',
};

/** Applies a reporter's command to the case it names, as that reporter (the lifecycle checks they are one). */
export function applyReporterCommand(
  c: Case,
  command: ReporterCommand,
  senderKey: string,
  at: Date,
  ctx: CaseContext,
): TransitionResult | Rejection<CaseCode | EscalationTargetCode> {
  const reporter = { kind: 'reporter', senderKey } as const;
  switch (command.type) {
    case 'reopen':
      return transition(c, { type: 'reopen', reason: command.reason ?? DEFAULT_REASON.reopen }, reporter, at, ctx.policy);
    case 'appeal':
      return appeal(c, senderKey, command.reason ?? DEFAULT_REASON.appeal, at, ctx);
    case 'close':
      return transition(c, { type: 'close', ...(command.reason ? { note: command.reason } : {}) }, reporter, at, ctx.policy);
  }
}
