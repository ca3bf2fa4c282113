import { createHash } from 'node:crypto';
import { reject, type Rejection } from '../shared/rejection';

export interface NotificationIdentity {
  /** The id of the event that caused the notification (the CloudEvent `ce_id`). */
  sourceEventId: string;
  /** A member id or sender pseudonym: never the phone number, whose hash is easy to reverse. */
  recipientKey: string;
  templateKey: string;
}

const PHONE_LIKE = /^\+?\d{8,15}$/;

/**
 * The notification id: the same event, for the same person, about the same thing, always gives
 * the same id, so a redelivered event finds the notification it already made. It is the
 * idempotency key towards providers that honour one and the callback data of those that echo it.
 */
export function notificationIdOf(identity: NotificationIdentity): string | Rejection<'NOTIFICATION.INVALID_IDENTITY'> {
  const { sourceEventId, recipientKey, templateKey } = identity;
  if (!sourceEventId || !recipientKey || !templateKey) {
    return reject('NOTIFICATION.INVALID_IDENTITY', 'a notification id needs a source event, a recipient key and a template');
  }
  if (PHONE_LIKE.test(recipientKey.replace(/[\s-]/g, ''))) {
    return reject('NOTIFICATION.INVALID_IDENTITY', 'the recipient key looks like a phone number; use the member id or sender key');
  }
  // JSON array: no separator character can make two different identities hash alike.
  const digest = createHash('sha256').update(JSON.stringify(['v1', sourceEventId, recipientKey, templateKey])).digest('hex');
  return `ntf_${digest.slice(0, 32)}`;
}

export type NotificationProgress = 'in-flight' | 'accepted' | 'dead-lettered' | 'not-sent';

export interface NotificationRecord {
  notificationId: string;
  progress: NotificationProgress;
  /** While `in-flight`: until when the worker that claimed it owns it. */
  leaseUntil?: Date;
}

/**
 * Whether a (re)delivered event should send its notification: yes when nothing is recorded, or
 * when the worker that claimed it died (its lease ran out); no when it was sent, given up on, or
 * is being sent right now by another worker.
 */
export function redeliveryDecision(existing: NotificationRecord | undefined, now: Date): 'send' | 'resume' | 'duplicate' {
  if (!existing) return 'send';
  if (existing.progress !== 'in-flight') return 'duplicate';
  return existing.leaseUntil && existing.leaseUntil.getTime() <= now.getTime() ? 'resume' : 'duplicate';
}
