import { parseAppReport } from '../../../services/intake/src/channels/app/app-report';
import { parseGupshupInbound } from '../../../services/intake/src/channels/sms/gupshup-inbound.parser';
import { parseTwilioInbound } from '../../../services/intake/src/channels/sms/twilio-inbound.parser';
import { verifyTwilioSignature } from '../../../services/intake/src/channels/sms/twilio-signature';
import { verifyWhatsAppSignature } from '../../../services/intake/src/channels/whatsapp/whatsapp-signature';
import { parseWhatsAppWebhook } from '../../../services/intake/src/channels/whatsapp/whatsapp-webhook.parser';
import { SenderRateLimiter } from '../../../services/intake/src/reports/sender-rate-limiter';
import { loadGeography } from './geography';
import { Pacer } from './pacer';
import { membersOf } from './people';
import { type PlannedRequest, TrafficGenerator, type TrafficOptions, WHATSAPP_TYPES } from './traffic';

const geography = loadGeography();
const credentials = {
  whatsappAppSecret: 'wa-secret-0123456789',
  twilioAuthToken: 'twilio-token-0123456789',
  twilioWebhookUrl: 'http://127.0.0.1:3001/webhooks/sms/twilio',
  gupshupToken: 'gupshup-token-0123456789',
  appIntegrator: 'party-app',
  appApiKey: 'party-app-key-0123456789abcdef0123456789',
};
const endpoints = {
  whatsappPhoneNumberId: '100000000000001',
  whatsappDisplayNumber: '916512000001',
  twilioAccountSid: 'AC00000000000000000000000000000001',
  twilioNumber: '+916512000002',
  gupshupLongCode: '916512000003',
};
const members = membersOf(100, geography);
const options = (overrides: Partial<TrafficOptions> = {}): TrafficOptions => ({
  seed: 42,
  members,
  geography,
  credentials,
  endpoints,
  complaintShare: 0.25,
  retryShare: 0.05,
  senderBurst: 30,
  senderPerMinute: 20,
  clock: () => Date.UTC(2026, 10, 26, 4, 0, 0),
  ...overrides,
});

/** `count` requests at `rate` messages/s, as the run loop would plan them. */
function plan(sut: TrafficGenerator, count: number, rate = 50): Array<{ at: number; request: PlannedRequest }> {
  const pacer = new Pacer(rate);
  return Array.from({ length: count }, () => {
    const at = pacer.nextDueMs();
    const request = sut.next(at);
    pacer.advance(request.weight);
    return { at, request };
  });
}

const query = (path: string) => Object.fromEntries(new URL(path, 'http://intake').searchParams);

describe(TrafficGenerator.name, () => {
  it('sends the same traffic for the same seed and clock, and other traffic for another seed', () => {
    const first = plan(new TrafficGenerator(options()), 300);
    expect(plan(new TrafficGenerator(options()), 300)).toEqual(first);
    expect(plan(new TrafficGenerator(options({ seed: 43 })), 300)).not.toEqual(first);
  });

  it('covers every channel and WhatsApp message type, with multi-message POSTs, complaints and retries', () => {
    const requests = plan(new TrafficGenerator(options()), 2000).map(({ request }) => request);
    const channels = new Set(requests.map((request) => request.channel));
    expect([...channels].sort()).toEqual(['app', 'gupshup', 'twilio', 'whatsapp', 'whatsapp-status']);
    const types = new Set(requests.filter((request) => request.channel === 'whatsapp').flatMap((request) => request.types));
    for (const type of WHATSAPP_TYPES) expect(types).toContain(type);
    expect(requests.some((request) => request.channel === 'whatsapp' && request.weight >= 3)).toBe(true);
    const retries = requests.filter((request) => request.retry);
    expect(retries.length / requests.length).toBeGreaterThan(0.02);
    for (const retry of retries.slice(0, 20)) {
      const original = requests.find((request) => !request.retry && request.path === retry.path && request.body === retry.body);
      expect(original).toBeDefined();
      expect(original!.seq).toBeLessThan(retry.seq);
    }
    const bodies = requests.map((request) => decodeURIComponent(`${request.body ?? ''} ${request.path}`.replace(/\+/g, ' '))).join('\n');
    expect(bodies).toMatch(/[\u0900-\u097F]/);
    expect(bodies).toMatch(/shikayat|Shikayat/);
    expect(bodies).toMatch(/Complaint|complaint/);
    expect(bodies).toMatch(/BDO/);
    expect(bodies).toMatch(/ CO | CO:|CO of/);
  });

  it('builds requests that intake verifies and parses, each report id as intake derives it', async () => {
    for (const { request } of plan(new TrafficGenerator(options()), 600)) {
      switch (request.channel) {
        case 'whatsapp':
        case 'whatsapp-status': {
          expect(verifyWhatsAppSignature(Buffer.from(request.body!), request.headers['x-hub-signature-256'], credentials.whatsappAppSecret)).toBe(true);
          const parsed = parseWhatsAppWebhook(JSON.parse(request.body!));
          if (!parsed.ok) throw new Error(parsed.reason);
          expect(parsed.messages.map((message) => message.providerMessageId)).toEqual(request.reportIds);
          expect(parsed.messages.every((message) => message.kind !== 'unsupported')).toBe(true);
          expect(parsed.ignored.every((item) => item.reason === 'a reaction is not a report')).toBe(true);
          expect(parsed.statuses).toHaveLength(request.channel === 'whatsapp-status' ? request.weight : 0);
          break;
        }
        case 'twilio': {
          const params = Object.fromEntries(new URLSearchParams(request.body!));
          expect(verifyTwilioSignature(credentials.twilioWebhookUrl, params, request.headers['x-twilio-signature'], credentials.twilioAuthToken)).toBe(true);
          const parsed = parseTwilioInbound(params);
          expect(parsed.ok && parsed.message.providerMessageId).toBe(request.reportIds[0]);
          break;
        }
        case 'gupshup': {
          const { token, ...fields } = query(request.path);
          expect(token).toBe(credentials.gupshupToken);
          const parsed = parseGupshupInbound(fields);
          expect(parsed.ok && parsed.message.providerMessageId).toBe(request.reportIds[0]);
          break;
        }
        case 'app': {
          expect(request.headers['x-api-key']).toBe(credentials.appApiKey);
          const parsed = parseAppReport(credentials.appIntegrator, request.headers['idempotency-key'], JSON.parse(request.body!));
          if (!parsed.ok) throw new Error(parsed.reason);
          expect(parsed.message.providerMessageId).toBe(request.reportIds[0]);
          break;
        }
      }
    }
  });

  it('keeps every sender under intake’s per-sender limit at 50 messages/s for a minute', () => {
    const sut = new TrafficGenerator(options({ retryShare: 0 }));
    const limiter = { now: 0 };
    const intakeLimiter = new SenderRateLimiter({ burst: 30, perMinute: 20 }, () => limiter.now);
    let refused = 0;
    for (const { at, request } of plan(sut, 2500)) {
      limiter.now = at;
      for (const sender of sendersOf(request)) if (!intakeLimiter.take(sender).ok) refused += 1;
    }
    expect(refused).toBe(0);
  });
});

/** The rate-limited identity of each report in a request (reactions and statuses are not reports). */
function sendersOf(request: PlannedRequest): string[] {
  switch (request.channel) {
    case 'whatsapp': {
      const parsed = parseWhatsAppWebhook(JSON.parse(request.body!));
      return parsed.ok ? parsed.messages.map((message) => JSON.stringify(message.sender)) : [];
    }
    case 'twilio':
      return [new URLSearchParams(request.body!).get('From')!];
    case 'gupshup':
      return [`+91${query(request.path).msisdn!.slice(-10)}`];
    case 'app':
      return [`app:${(JSON.parse(request.body!) as { reporter: { appUserId: string } }).reporter.appUserId}`];
    default:
      return [];
  }
}
