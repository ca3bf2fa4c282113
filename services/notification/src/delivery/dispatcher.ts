import type { AppPushClient } from '../app-push/app-push-client';
import type { FailureKind, Provider, SendFailed } from '../providers/send-outcome';
import { decideAfterFailure, DEFAULT_RETRY_POLICIES, type RetryPolicy } from '../reliability/retry-policy';
import type { TokenBucketLimiter } from '../reliability/rate-limiter';
import type { Channel } from '../shared/channel';
import type { Rejection } from '../shared/rejection';
import type { SmsSender } from '../sms/sms-sender';
import type { NotificationTemplates } from '../templates/bundled-templates';
import { renderApp, renderSms, renderWhatsAppTemplate, renderWhatsAppText } from '../templates/render';
import type { VariableValues } from '../templates/variables';
import type { WhatsAppCloudClient } from '../whatsapp/cloud-api-client';
import { whatsAppMessageOf } from '../whatsapp/whatsapp-message';
import { planDelivery, type PlanStep, type SkippedChannel } from './channel-plan';
import type { Recipient } from './recipient';

export interface Senders {
  whatsapp?: { phoneNumberId: string; client: Pick<WhatsAppCloudClient, 'send'> };
  sms?: SmsSender;
  app?: { client: Pick<AppPushClient, 'send'> };
}

export interface DispatchDependencies {
  templates: NotificationTemplates;
  senders: Senders;
  /** One limiter per provider; keys are `<provider>:<sender>`. */
  limiters?: Partial<Record<Provider, TokenBucketLimiter>>;
  retryPolicies?: Partial<Record<Provider, RetryPolicy>>;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  random?: () => number;
  smsMaxSegments?: number;
}

export interface DispatchRequest {
  notificationId: string;
  templateKey: string;
  values: VariableValues;
  recipient: Recipient;
  preferredChannel?: Channel;
}

export interface AttemptRecord {
  channel: Channel;
  provider: Provider;
  attempt: number;
  at: Date;
  outcome: 'accepted' | FailureKind;
  code?: string;
  providerCode?: string;
}

interface DispatchTrail {
  attempts: AttemptRecord[];
  skipped: SkippedChannel[];
  /** Channels a provider said the person opted out of: to be recorded for the next notification. */
  optedOut: Channel[];
}

export type DispatchResult =
  | ({ status: 'accepted'; channel: Channel; provider: Provider; providerMessageId: string } & DispatchTrail)
  | ({ status: 'dead-lettered'; code: string; reason: string } & DispatchTrail)
  | ({ status: 'not-sent'; code: string; reason: string } & DispatchTrail);

interface PreparedStep {
  provider: Provider;
  senderKey: string;
  send: () => ReturnType<SmsSender['send']>;
}

/**
 * Sends one notification: plans the channels, renders each in the recipient's language, waits
 * for the sender's rate limit, retries what may succeed later, falls back to the next channel
 * when one cannot deliver, and stops — dead-lettered with the reason — when nothing is left or
 * when a retry could send the message twice. Nothing here is stored: the caller records the
 * result under the notification id before acknowledging the event.
 */
export async function dispatchNotification(request: DispatchRequest, deps: DispatchDependencies): Promise<DispatchResult> {
  const trail: DispatchTrail = { attempts: [], skipped: [], optedOut: [] };
  const available = new Set<Channel>((['whatsapp', 'sms', 'app'] as const).filter((channel) => deps.senders[channel] !== undefined));
  const plan = planDelivery({ ...request, available, catalogue: deps.templates.catalogue, now: deps.now() });
  if (!plan.ok) return { status: 'not-sent', code: plan.code, reason: plan.reason, ...trail };
  trail.skipped.push(...plan.skipped);

  let last: { code: string; reason: string } | undefined;
  let previous: { step: PlanStep; failure: SendFailed } | undefined;
  for (const [index, step] of plan.steps.entries()) {
    if (step.channel === 'whatsapp' && step.mode === 'template' && previous?.step.channel === 'whatsapp' && previous.failure.code !== 'PROVIDER.OUTSIDE_WINDOW') {
      continue; // The template only helps when free text failed because the window had closed.
    }
    const prepared = prepareStep(step, request, deps);
    if ('ok' in prepared) {
      trail.skipped.push({ channel: step.channel, code: 'DELIVERY.RENDER_FAILED', reason: `${prepared.code}: ${prepared.reason}` });
      last = { code: prepared.code, reason: prepared.reason };
      continue;
    }
    const policy = deps.retryPolicies?.[prepared.provider] ?? DEFAULT_RETRY_POLICIES[prepared.provider];
    const limiter = deps.limiters?.[prepared.provider];
    const limitKey = `${prepared.provider}:${prepared.senderKey}`;
    for (let attempt = 1; ; attempt += 1) {
      const wait = limiter?.reserve(limitKey, deps.now().getTime()) ?? 0;
      if (wait > 0) await deps.sleep(wait);
      const outcome = await prepared.send();
      const at = deps.now();
      if (outcome.ok) {
        trail.attempts.push({ channel: step.channel, provider: outcome.provider, attempt, at, outcome: 'accepted' });
        return { status: 'accepted', channel: step.channel, provider: outcome.provider, providerMessageId: outcome.providerMessageId, ...trail };
      }
      trail.attempts.push({
        channel: step.channel,
        provider: outcome.provider,
        attempt,
        at,
        outcome: outcome.kind,
        code: outcome.code,
        ...(outcome.providerCode ? { providerCode: outcome.providerCode } : {}),
      });
      if (outcome.code === 'PROVIDER.RECIPIENT_OPTED_OUT' && !trail.optedOut.includes(step.channel)) trail.optedOut.push(step.channel);
      if (outcome.code === 'PROVIDER.RATE_LIMITED' && outcome.retryAfterMs) limiter?.pause(limitKey, at.getTime(), outcome.retryAfterMs);

      const decision = decideAfterFailure(outcome, attempt, policy, index < plan.steps.length - 1, deps.random);
      if (decision.action === 'retry') {
        await deps.sleep(decision.delayMs);
        continue;
      }
      if (decision.action === 'dead-letter') return { status: 'dead-lettered', code: decision.code, reason: decision.reason, ...trail };
      last = { code: decision.code, reason: decision.reason };
      previous = { step, failure: outcome };
      break;
    }
  }
  const reason = last?.reason ?? 'no channel of the plan could be used';
  return { status: 'dead-lettered', code: last?.code ?? 'DELIVERY.NO_CHANNEL', reason, ...trail };
}

function prepareStep(step: PlanStep, request: DispatchRequest, deps: DispatchDependencies): PreparedStep | Rejection {
  const { catalogue, dlt } = deps.templates;
  const { templateKey, values, recipient, notificationId } = request;
  switch (step.channel) {
    case 'whatsapp': {
      const sender = deps.senders.whatsapp as NonNullable<Senders['whatsapp']>;
      const rendered =
        step.mode === 'free-text'
          ? renderWhatsAppText(catalogue, templateKey, recipient.language, values)
          : renderWhatsAppTemplate(catalogue, templateKey, recipient.language, values);
      if ('ok' in rendered) return rendered;
      const outbound = { phoneNumberId: sender.phoneNumberId, recipient: recipient.whatsapp ?? {}, message: whatsAppMessageOf(rendered), callbackData: notificationId };
      return { provider: 'meta-cloud-api', senderKey: sender.phoneNumberId, send: () => sender.client.send(outbound) };
    }
    case 'sms': {
      const sender = deps.senders.sms as SmsSender;
      const rendered = renderSms(catalogue, dlt, templateKey, recipient.language, values, { maxSegments: deps.smsMaxSegments });
      if ('ok' in rendered) return rendered;
      return { provider: sender.provider, senderKey: sender.senderKey, send: () => sender.send(rendered, recipient.phone ?? '', notificationId) };
    }
    case 'app': {
      const sender = deps.senders.app as NonNullable<Senders['app']>;
      const rendered = renderApp(catalogue, templateKey, recipient.language, values);
      if ('ok' in rendered) return rendered;
      const { title, body, data, language } = rendered;
      const push = { notificationId, appUserId: recipient.appUserId ?? '', kind: templateKey, language, title, body, data };
      return { provider: 'app-backend', senderKey: 'backend', send: () => sender.client.send(push) };
    }
  }
}
