import type { DeliveryStatus } from '@cc/contracts';
import type { Channel } from '../shared/channel';
import type { Provider } from '../providers/send-outcome';
import { twilioErrorRule } from '../sms/twilio/twilio-response';

/** `accepted`: the provider took the message; the rest are the delivery-status contract's states. */
export type DeliveryState = 'accepted' | 'sent' | 'delivered' | 'read' | 'failed';
export type ReportedState = Exclude<DeliveryState, 'accepted'>;

const TWILIO_STATES: ReadonlyMap<string, ReportedState> = new Map([
  ['sent', 'sent'],
  ['delivered', 'delivered'],
  ['read', 'read'],
  ['undelivered', 'failed'],
  ['failed', 'failed'],
  ['canceled', 'failed'],
]);

const PROGRESS: Record<Exclude<DeliveryState, 'failed'>, number> = { accepted: 0, sent: 1, delivered: 2, read: 3 };

export interface DeliveryTransition {
  state: DeliveryState;
  changed: boolean;
  /** Why a report was not applied: a person can tell a late callback from a lost one. */
  ignored?: 'behind' | 'failed-after-delivery' | 'sent-after-failure';
}

/**
 * Applies a provider's status callback to what is known of a message, keeping the furthest
 * state. Callbacks arrive out of order and `delivered` may never come, so:
 * - sent < delivered < read, and an earlier state arriving late changes nothing;
 * - `failed` ends a message that was only accepted or sent;
 * - evidence the person got it wins over a failure: `failed` after `delivered`/`read` is
 *   ignored, and `delivered`/`read` after `failed` replaces it (the failure was about an
 *   earlier attempt or a stale route, the phone says it arrived).
 */
export function applyDeliveryStatus(current: DeliveryState, reported: ReportedState): DeliveryTransition {
  if (reported === 'failed') {
    if (current === 'failed') return { state: current, changed: false };
    if (current === 'delivered' || current === 'read') return { state: current, changed: false, ignored: 'failed-after-delivery' };
    return { state: 'failed', changed: true };
  }
  if (current === 'failed') {
    return reported === 'sent' ? { state: current, changed: false, ignored: 'sent-after-failure' } : { state: reported, changed: true };
  }
  return PROGRESS[reported] > PROGRESS[current] ? { state: reported, changed: true } : { state: current, changed: false, ignored: 'behind' };
}

/**
 * A provider's own status word as a contract state: Twilio's `undelivered` is a failure, its
 * `queued`/`sending` say nothing new; Gupshup's delivery reports say DELIVRD/SUCCESS or
 * FAIL/UNDELIV/EXPIRED.
 */
export function reportedStateOf(provider: Provider, status: string): ReportedState | undefined {
  const word = status.trim().toLowerCase();
  if (provider === 'twilio') return TWILIO_STATES.get(word);
  if (provider === 'gupshup') {
    if (['delivrd', 'delivered', 'success'].includes(word)) return 'delivered';
    if (['fail', 'failed', 'undeliv', 'undelivered', 'expired', 'rejected'].includes(word)) return 'failed';
    return word === 'sent' || word === 'submitted' ? 'sent' : undefined;
  }
  return (['sent', 'delivered', 'read', 'failed'] as const).find((state) => state === word);
}

export interface FailureFollowUp {
  /** Try the notification's next channel: the person has not heard. */
  fallback: boolean;
  /** The provider says the person opted out here: record it so nothing else goes this way. */
  optedOutOf?: Channel;
}

/**
 * What a `failed` callback means for the notification. It always falls back — a failed message
 * never reached the person — unless it was already delivered (see `applyDeliveryStatus`).
 * Twilio's 21610 is a carrier-level STOP for SMS. WhatsApp's 131050 is not taken as an opt-out:
 * it concerns marketing messages only, and these notifications are utility messages.
 */
export function followUpOfFailure(provider: Provider, errorCodes: readonly number[]): FailureFollowUp {
  const smsOptOut = provider === 'twilio' && errorCodes.some((code) => twilioErrorRule(code)?.code === 'PROVIDER.RECIPIENT_OPTED_OUT');
  return smsOptOut ? { fallback: true, optedOutOf: 'sms' } : { fallback: true };
}

export interface StatusReport {
  providerMessageId: string;
  provider: Provider;
  reported: ReportedState;
  at: Date;
  errorCodes: number[];
}

/** A `cc.intake.delivery-status.v1` event as the state machine reads it. */
export function statusReportOf(event: DeliveryStatus): StatusReport {
  return {
    providerMessageId: event.providerMessageId,
    provider: event.provider,
    reported: event.status,
    at: new Date(event.timestamp),
    errorCodes: (event.errors ?? []).map((error) => error.code),
  };
}
