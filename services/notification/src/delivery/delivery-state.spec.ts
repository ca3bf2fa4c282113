import { DeliveryStatusEvent } from '@cc/contracts';
import { applyDeliveryStatus, followUpOfFailure, reportedStateOf, statusReportOf, type DeliveryState, type ReportedState } from './delivery-state';

describe(applyDeliveryStatus.name, () => {
  it.each<[DeliveryState, ReportedState, DeliveryState, boolean]>([
    ['accepted', 'sent', 'sent', true],
    ['sent', 'delivered', 'delivered', true],
    ['delivered', 'read', 'read', true],
    ['sent', 'read', 'read', true],
    ['accepted', 'read', 'read', true],
    ['read', 'delivered', 'read', false],
    ['delivered', 'sent', 'delivered', false],
    ['sent', 'sent', 'sent', false],
    ['accepted', 'failed', 'failed', true],
    ['sent', 'failed', 'failed', true],
    ['delivered', 'failed', 'delivered', false],
    ['read', 'failed', 'read', false],
    ['failed', 'failed', 'failed', false],
    ['failed', 'sent', 'failed', false],
    ['failed', 'delivered', 'delivered', true],
    ['failed', 'read', 'read', true],
  ])('%s + %s → %s', (current, reported, state, changed) => {
    expect(applyDeliveryStatus(current, reported)).toMatchObject({ state, changed });
  });

  it('says why a report was ignored', () => {
    expect(applyDeliveryStatus('read', 'failed').ignored).toBe('failed-after-delivery');
    expect(applyDeliveryStatus('delivered', 'sent').ignored).toBe('behind');
    expect(applyDeliveryStatus('failed', 'sent').ignored).toBe('sent-after-failure');
  });

  it('ends at the furthest state whatever order the callbacks come in', () => {
    const callbacks: ReportedState[] = ['read', 'sent', 'delivered'];
    const permutations = [callbacks, [...callbacks].reverse(), ['delivered', 'read', 'sent'] as ReportedState[]];
    for (const order of permutations) {
      expect(order.reduce<DeliveryState>((state, reported) => applyDeliveryStatus(state, reported).state, 'accepted')).toBe('read');
    }
  });
});

describe(reportedStateOf.name, () => {
  it.each([
    ['meta-cloud-api', 'delivered', 'delivered'],
    ['meta-cloud-api', 'deleted', undefined],
    ['twilio', 'undelivered', 'failed'],
    ['twilio', 'queued', undefined],
    ['twilio', 'sent', 'sent'],
    ['gupshup', 'DELIVRD', 'delivered'],
    ['gupshup', 'SUCCESS', 'delivered'],
    ['gupshup', 'UNDELIV', 'failed'],
    ['gupshup', 'EXPIRED', 'failed'],
    ['gupshup', 'SUBMITTED', 'sent'],
  ] as const)('%s %s → %s', (provider, status, expected) => {
    expect(reportedStateOf(provider, status)).toBe(expected);
  });
});

describe(followUpOfFailure.name, () => {
  it('falls back after a failure outside the window', () => {
    expect(followUpOfFailure('meta-cloud-api', [131047])).toEqual({ fallback: true });
  });

  it("records a carrier STOP on Twilio's 21610", () => {
    expect(followUpOfFailure('twilio', [21610])).toEqual({ fallback: true, optedOutOf: 'sms' });
  });

  it('does not take a marketing opt-out as a WhatsApp opt-out', () => {
    expect(followUpOfFailure('meta-cloud-api', [131050])).toEqual({ fallback: true });
  });
});

describe(statusReportOf.name, () => {
  it('reads the delivery-status event intake publishes', () => {
    expect(statusReportOf(DeliveryStatusEvent.example)).toEqual({
      providerMessageId: DeliveryStatusEvent.example.providerMessageId,
      provider: 'meta-cloud-api',
      reported: 'failed',
      at: new Date('2026-11-26T04:05:00.000Z'),
      errorCodes: [131047],
    });
  });
});
