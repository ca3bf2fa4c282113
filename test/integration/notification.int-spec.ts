import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel, type Message, type Producer } from 'kafkajs';
import mongoose from 'mongoose';
import {
  type CaseEvent,
  CASE_EVENT_DEFINITIONS,
  CaseAssignedEvent,
  type DeliveryStatus,
  DeliveryStatusEvent,
  type Member,
  MemberEvent,
  type OrgUnit,
  OrgUnitEvent,
  type ReportReceived,
  ReportReceivedEvent,
  Topics,
} from '@cc/contracts';
import { cloudEventRecord } from '@cc/messaging';
import { principalToken, type ServiceProcess, spawnService, startGroupAtEnd, waitFor, waitUntilReady } from '@cc/testing';
import { FakeAppBackend, FakeGupshup, FakeTwilio, FakeWhatsAppCloudApi } from '../../services/notification/src/fakes';
import { notificationIdOf } from '../../services/notification/src/reliability/idempotency';
import { bundledTemplates } from '../../services/notification/src/templates/fixtures';

const WA_TOKEN = 'EAAG-whatsapp-access-token-for-tests';
const PHONE_NUMBER_ID = '106540352242922';
const GUPSHUP_USER = '2000123456';
const GUPSHUP_PASSWORD = 'gupshup-password-for-tests';
const TWILIO_SID = `AC${'0123456789abcdef'.repeat(2)}`;
const TWILIO_TOKEN = 'twilio-auth-token-for-tests';
const PUSH_SECRET = 'app-push-secret-of-at-least-32-characters';
const JWT_SECRET = 'notification-jwt-secret-0123456789abcdef';
const ISSUER = 'https://id.party.example';
const DLT_ENTITY = '1101000000000000001';

/** `GET /v1/notifications/:id` as these tests read it (or an error body). */
interface StoredNotification {
  state: string;
  channel?: string;
  providerMessageId: string;
  delivery?: string;
  claims: number;
  code?: string;
  attempts: Array<{ channel: string; outcome: string; code?: string }>;
  skipped: Array<{ channel: string; code: string; reason: string }>;
  sends: Array<{ channel: string; delivery: string; history: Array<{ state: string; errorCodes?: number[] }> }>;
  [field: string]: unknown;
}

const CONSUMED = [Topics.ReportReceived, Topics.CaseEvents, Topics.DeliveryStatus, Topics.Member, Topics.OrgUnit];


/**
 * Notification as its own built process, against the real broker and store and the four provider
 * fakes on loopback: real events in, real HTTP requests out, the records read back through the
 * ops API. At the end its whole log is searched for the phone numbers it sent to.
 */
describe('notification', () => {
  const run = randomUUID().replaceAll('-', '').slice(0, 10);
  const db = `notification_${run}`;
  const groupId = `notification-test-${run}`;
  const templates = bundledTemplates();
  const whatsapp = new FakeWhatsAppCloudApi({ accessToken: WA_TOKEN, phoneNumberIds: [PHONE_NUMBER_ID], templates: templates.catalogue.whatsappTemplates() });
  const gupshup = new FakeGupshup({ userId: GUPSHUP_USER, password: GUPSHUP_PASSWORD, dlt: templates.dlt });
  const twilio = new FakeTwilio({ accountSid: TWILIO_SID, authToken: TWILIO_TOKEN, senders: ['CONNCT'] });
  const app = new FakeAppBackend({ secret: PUSH_SECRET, usersWithDevices: new Set([`app-user-${run}`]) });
  let service: ServiceProcess;
  let producer: Producer;
  let store: mongoose.Connection;
  let adminToken: string;
  /** National parts of every number used: none may appear in the log. */
  const phonesUsed: string[] = [];
  let phoneSerial = 0;

  const phone = () => {
    const national = `70${run.replace(/\D/g, '').padEnd(4, '7').slice(0, 4)}${String(1000 + phoneSerial++).slice(-4)}`;
    phonesUsed.push(national);
    return `+91${national}`;
  };
  const senderKey = (name: string) => `snd_${run}_${name}`;
  const send = (topic: string, messages: Message[]) => producer.send({ topic, acks: -1, messages });
  const report = (overrides: Partial<ReportReceived>): ReportReceived => ({
    ...ReportReceivedEvent.example,
    reportId: randomUUID(),
    providerMessageId: `wamid.${randomUUID()}`,
    text: 'प्रखंड कार्यालय में BDO नहीं मिले',
    keywords: [],
    receivedAt: new Date().toISOString(),
    ...overrides,
  });
  const publishReport = async (data: ReportReceived, copies = 1) => {
    const record = cloudEventRecord(ReportReceivedEvent, data, { id: data.reportId, source: '/connect-center/intake' });
    await send(Topics.ReportReceived, Array.from({ length: copies }, () => record));
    return data;
  };
  const acknowledgementId = (data: ReportReceived) =>
    notificationIdOf({ sourceEventId: data.reportId, recipientKey: data.senderKey, templateKey: 'report-acknowledged' }) as string;
  const reference = (data: ReportReceived) => `R-${data.reportId.replaceAll('-', '').slice(0, 12).toUpperCase()}`;
  const whatsAppTo = (to: string) => whatsapp.accepted.filter((message) => message.body.to === to);
  const whatsAppRequestsTo = (to: string) => whatsapp.requests.filter((request) => request.body.includes(`"to":"${to}"`));
  const gupshupTo = (to: string) => gupshup.accepted.filter((message) => message.params.send_to === to.slice(1));

  const api = async (path: string, token?: string) => {
    const response = await fetch(`${service.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: response.status, body: (await response.json()) as StoredNotification };
  };
  const record = (notificationId: string) => api(`/v1/notifications/${notificationId}`, adminToken);
  const settled = (notificationId: string, state?: string) =>
    waitFor(`notification ${notificationId} to be ${state ?? 'settled'}`, async () => {
      const { status, body } = await record(notificationId);
      return status === 200 && (state ? body.state === state : body.state !== 'in-flight') ? body : undefined;
    });

  beforeAll(async () => {
    await Promise.all([whatsapp.start(), gupshup.start(), twilio.start(), app.start()]);
    await startGroupAtEnd(groupId, CONSUMED);
    service = await spawnService('notification', {
      MONGODB_DB: db,
      KAFKA_GROUP_ID: groupId,
      LOG_LEVEL: 'debug',
      WHATSAPP_API_BASE_URL: whatsapp.url,
      WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
      WHATSAPP_ACCESS_TOKEN: WA_TOKEN,
      NOTIFICATION_SMS_PROVIDER: 'gupshup',
      GUPSHUP_API_BASE_URL: gupshup.url,
      GUPSHUP_USER_ID: GUPSHUP_USER,
      GUPSHUP_PASSWORD,
      APP_PUSH_URL: app.pushUrl,
      APP_PUSH_SECRET: PUSH_SECRET,
      AUTH_JWT_SECRET: JWT_SECRET,
      AUTH_JWT_ISSUER: ISSUER,
      NOTIFICATION_SWEEP_INTERVAL_MS: '500',
      // Three days: the window test acknowledges a report received two days ago (a delayed batch).
      NOTIFICATION_MAX_EVENT_AGE_MS: String(3 * 86_400_000),
    });
    await waitUntilReady(service);
    producer = new Kafka({ clientId: 'notification-test', brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    store = await mongoose.createConnection(process.env.MONGODB_URI!, { dbName: db }).asPromise();
    adminToken = await principalToken(JWT_SECRET, ISSUER, { unit: 'IN', roles: ['aicc-admin'] });
  });

  afterAll(async () => {
    await producer?.disconnect();
    if (service && service.child.exitCode === null) {
      service.child.kill('SIGTERM');
      await service.exited;
    }
    await Promise.all([whatsapp.close(), gupshup.close(), twilio.close(), app.close()]);
    await store?.dropDatabase();
    await store?.close();
  });

  describe('WhatsApp', () => {
    it('answers a Hindi report inside the 24-hour window with free text, exactly as the Cloud API takes it', async () => {
      const to = phone();
      const data = await publishReport(report({ sender: { kind: 'phone', e164: to }, senderKey: senderKey('hindi'), language: 'hi' }));
      const [message] = await waitFor('the acknowledgement on WhatsApp', () => whatsAppTo(to).length > 0 && whatsAppTo(to));
      const request = whatsapp.requests.find((each) => each.body.includes(to))!;
      expect(request.path).toBe(`/v23.0/${PHONE_NUMBER_ID}/messages`);
      expect(request.headers.authorization).toBe(`Bearer ${WA_TOKEN}`);
      expect(JSON.parse(request.body)).toEqual({
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to,
        biz_opaque_callback_data: acknowledgementId(data),
        type: 'text',
        text: { preview_url: false, body: `नमस्ते! आपकी रिपोर्ट कनेक्ट सेंटर को मिल गई है।\nसंदर्भ संख्या: ${reference(data)}\nआगे की जानकारी आपको यहीं मिलेगी।` },
      });
      const stored = await settled(acknowledgementId(data), 'accepted');
      expect(stored).toMatchObject({ channel: 'whatsapp', provider: 'meta-cloud-api', providerMessageId: message!.wamid, delivery: 'accepted', language: 'hi', templateKey: 'report-acknowledged' });
      expect(JSON.stringify(stored)).not.toContain(to.slice(3));
    });

    it('sends the approved template in the reporter language once the window has closed', async () => {
      const to = phone();
      const twoDaysAgo = new Date(Date.now() - 48 * 3600_000).toISOString();
      const data = await publishReport(report({ sender: { kind: 'phone', e164: to }, senderKey: senderKey('english'), language: 'en', text: 'Road broken', receivedAt: twoDaysAgo }));
      const [message] = await waitFor('the template on WhatsApp', () => whatsAppTo(to).length > 0 && whatsAppTo(to));
      expect(message!.body).toEqual({
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to,
        biz_opaque_callback_data: acknowledgementId(data),
        type: 'template',
        template: { name: 'cc_report_acknowledged', language: { code: 'en' }, components: [{ type: 'body', parameters: [{ type: 'text', text: reference(data) }] }] },
      });
    });

    it('acknowledges nothing older than NOTIFICATION_MAX_EVENT_AGE_MS (a replay), and still records the sender', async () => {
      const to = phone();
      const key = senderKey('replayed');
      const old = await publishReport(report({ sender: { kind: 'phone', e164: to }, senderKey: key, receivedAt: new Date(Date.now() - 4 * 86_400_000).toISOString() }));
      // The same sender's next report (same partition, so consumed after the old one) is answered.
      const fresh = await publishReport(report({ sender: { kind: 'phone', e164: to }, senderKey: key }));
      await settled(acknowledgementId(fresh), 'accepted');
      expect(whatsAppTo(to)).toHaveLength(1);
      expect((await record(acknowledgementId(old))).status).toBe(404);
      expect(await store.collection('contacts').countDocuments({ _id: key } as never)).toBe(1);
    });

    it('retries a 5xx and a 429 with backoff, then one message is accepted', async () => {
      const to = phone();
      whatsapp.failNextWith(1, 131000).failNextWith(1, 130429);
      const data = await publishReport(report({ sender: { kind: 'phone', e164: to }, senderKey: senderKey('retry') }));
      const stored = await settled(acknowledgementId(data), 'accepted');
      expect(stored.attempts.map((attempt) => [attempt.outcome, attempt.code])).toEqual([
        ['retryable', 'PROVIDER.UNAVAILABLE'],
        ['retryable', 'PROVIDER.RATE_LIMITED'],
        ['accepted', undefined],
      ]);
      expect(whatsAppRequestsTo(to)).toHaveLength(3);
      expect(whatsAppTo(to)).toHaveLength(1);
    });

    it('sends once for an event delivered twice', async () => {
      const to = phone();
      const key = senderKey('redelivered');
      const data = await publishReport(report({ sender: { kind: 'phone', e164: to }, senderKey: key }), 2);
      await settled(acknowledgementId(data), 'accepted');
      // A later report of the same sender shares the partition: once it is answered, both copies were consumed.
      const marker = await publishReport(report({ sender: { kind: 'phone', e164: to }, senderKey: key }));
      await settled(acknowledgementId(marker), 'accepted');
      await publishReport(data);
      const again = await publishReport(report({ sender: { kind: 'phone', e164: to }, senderKey: key }));
      await settled(acknowledgementId(again), 'accepted');
      const references = whatsAppTo(to).map((message) => JSON.stringify(message.body).includes(reference(data)));
      expect(references.filter(Boolean)).toHaveLength(1);
      expect(whatsAppTo(to)).toHaveLength(3);
      expect((await record(acknowledgementId(data))).body.claims).toBe(1);
    });
  });

  describe('SMS and the app', () => {
    it('sends a DLT-registered Hindi SMS through Gupshup with the DLT ids, for a report that came by SMS', async () => {
      const to = phone();
      const data = await publishReport(report({ channel: 'sms', provider: 'gupshup', providerMessageId: `gs-${randomUUID()}`, sender: { kind: 'phone', e164: to }, senderKey: senderKey('sms') }));
      const [message] = await waitFor('the SMS at Gupshup', () => gupshupTo(to).length > 0 && gupshupTo(to));
      expect(message!.params).toEqual({
        method: 'SendMessage',
        send_to: to.slice(1),
        msg: `कनेक्ट सेंटर: आपकी रिपोर्ट मिल गई है। संदर्भ संख्या ${reference(data)}`,
        msg_type: 'UNICODE_TEXT',
        userid: GUPSHUP_USER,
        password: GUPSHUP_PASSWORD,
        auth_scheme: 'plain',
        v: '1.1',
        format: 'json',
        mask: 'CONNCT',
        principalEntityId: DLT_ENTITY,
        dltTemplateId: '1107000000000000001',
      });
      expect(whatsAppTo(to)).toHaveLength(0);
      expect(await settled(acknowledgementId(data), 'accepted')).toMatchObject({ channel: 'sms', provider: 'gupshup', providerMessageId: message!.id });
    });

    it('pushes to the app backend, signed, with the notification id as idempotency key', async () => {
      const appUser = `app-user-${run}`;
      const data = await publishReport(report({ channel: 'app', provider: 'app', providerMessageId: `party-app:${randomUUID()}`, sender: { kind: 'app-user', id: appUser }, senderKey: senderKey('app'), language: 'en' }));
      const [push] = await waitFor('the push at the app backend', () => app.pushes.length > 0 && app.pushes.filter((each) => each.payload.appUserId === appUser));
      expect(push!.idempotencyKey).toBe(acknowledgementId(data));
      expect(push!.payload).toMatchObject({ notificationId: acknowledgementId(data), appUserId: appUser, kind: 'report-acknowledged', language: 'en', title: 'Report received', body: `Reference number ${reference(data)}. We will keep you updated here.` });
    });

    it('falls back to SMS when WhatsApp refuses the number for good', async () => {
      const to = phone();
      whatsapp.failNextWith(1, 131026);
      const data = await publishReport(report({ sender: { kind: 'phone', e164: to }, senderKey: senderKey('fallback') }));
      await waitFor('the SMS after WhatsApp failed', () => gupshupTo(to).length > 0);
      const stored = await settled(acknowledgementId(data), 'accepted');
      expect(stored).toMatchObject({ channel: 'sms', provider: 'gupshup' });
      expect(stored.attempts.map((attempt) => [attempt.channel, attempt.outcome])).toEqual([
        ['whatsapp', 'permanent'],
        ['sms', 'accepted'],
      ]);
      expect(whatsAppTo(to)).toHaveLength(0);
    });
  });

  describe('opt-out', () => {
    it('sends nothing for STOP / बंद, and nothing more on that channel afterwards', async () => {
      const to = phone();
      const key = senderKey('stopper');
      const stop = await publishReport(report({ sender: { kind: 'phone', e164: to }, senderKey: key, text: 'बंद' }));
      const next = await publishReport(report({ sender: { kind: 'phone', e164: to }, senderKey: key, text: 'सड़क टूटी है' }));
      const stored = await settled(acknowledgementId(next), 'accepted');
      expect(stored.skipped).toContainEqual({ channel: 'whatsapp', code: 'DELIVERY.OPTED_OUT', reason: 'the recipient opted out of whatsapp' });
      expect(stored.channel).toBe('sms');
      expect(whatsappRequestsFor(to)).toHaveLength(0);
      expect((await record(acknowledgementId(stop))).status).toBe(404);

      await publishReport(report({ sender: { kind: 'phone', e164: to }, senderKey: key, text: 'STOP ALL' }));
      const last = await publishReport(report({ sender: { kind: 'phone', e164: to }, senderKey: key, text: 'फिर से सड़क टूटी' }));
      const nothing = await settled(acknowledgementId(last), 'not-sent');
      expect(nothing.code).toBe('DELIVERY.NO_CHANNEL');
      expect(whatsappRequestsFor(to)).toHaveLength(0);
      expect(gupshupTo(to)).toHaveLength(1);
    });

    const whatsappRequestsFor = (to: string) => whatsAppRequestsTo(to);
  });

  describe('delivery status', () => {
    const status = (providerMessageId: string, state: DeliveryStatus['status'], key: string, errors?: DeliveryStatus['errors']): Message =>
      cloudEventRecord(
        DeliveryStatusEvent,
        { channel: 'whatsapp', provider: 'meta-cloud-api', providerMessageId, status: state, timestamp: new Date().toISOString(), recipientKey: key, ...(errors ? { errors } : {}) },
        { id: randomUUID(), source: '/connect-center/intake' },
      );

    it('keeps the furthest state the callbacks report: delivered, read, and a late sent changes nothing', async () => {
      const to = phone();
      const key = senderKey('statuses');
      const data = await publishReport(report({ sender: { kind: 'phone', e164: to }, senderKey: key }));
      const accepted = await settled(acknowledgementId(data), 'accepted');
      await send(Topics.DeliveryStatus, [status(accepted.providerMessageId, 'delivered', key), status(accepted.providerMessageId, 'read', key), status(accepted.providerMessageId, 'sent', key)]);
      const read = await waitFor('the read receipt on the record', async () => {
        const { body } = await record(acknowledgementId(data));
        return body.delivery === 'read' && body;
      });
      expect(read.sends[0]!.history.map((entry) => entry.state)).toEqual(['accepted', 'delivered', 'read']);
      expect(read.state).toBe('accepted');
    });

    it('falls back to SMS when WhatsApp reports a failure after accepting the message', async () => {
      const to = phone();
      const key = senderKey('late-failure');
      const data = await publishReport(report({ sender: { kind: 'phone', e164: to }, senderKey: key }));
      const accepted = await settled(acknowledgementId(data), 'accepted');
      expect(gupshupTo(to)).toHaveLength(0);
      await send(Topics.DeliveryStatus, [status(accepted.providerMessageId, 'failed', key, [{ code: 131026, title: 'Message undeliverable' }])]);
      await waitFor('the SMS after the failed callback', () => gupshupTo(to).length > 0);
      const stored = await waitFor('the SMS on the record', async () => {
        const { body } = await record(acknowledgementId(data));
        return body.sends?.length === 2 && body.state === 'accepted' && body;
      });
      expect(stored.sends.map((each) => [each.channel, each.delivery])).toEqual([
        ['whatsapp', 'failed'],
        ['sms', 'accepted'],
      ]);
      expect(stored.sends[0]!.history.at(-1)).toMatchObject({ state: 'failed', errorCodes: [131026] });
      expect(stored.skipped).toContainEqual({ channel: 'whatsapp', code: 'DELIVERY.FAILED_BEFORE', reason: 'the earlier whatsapp message failed' });
      // The same callback again sends nothing more; a later callback on the same key shows it was consumed.
      await send(Topics.DeliveryStatus, [
        status(accepted.providerMessageId, 'failed', key, [{ code: 131026, title: 'Message undeliverable' }]),
        status(accepted.providerMessageId, 'delivered', key),
      ]);
      await waitFor('the later callback', async () => (await record(acknowledgementId(data))).body.sends[0]?.delivery === 'delivered');
      expect(gupshupTo(to)).toHaveLength(1);
    });
  });

  describe('case events', () => {
    it('tells the reporter, in Hindi, which desk has the case, and the assignee that it is in their queue, with its deadline', async () => {
      const to = phone();
      const reporterKey = senderKey('complainant');
      await publishReport(report({ sender: { kind: 'phone', e164: to }, senderKey: reporterKey }));
      await waitFor('the acknowledgement', () => whatsAppTo(to).length === 1);

      const assignee = `mbr_${run}_assignee`;
      const now = new Date().toISOString();
      const ranchi: OrgUnit = { code: 'JH-RAN', level: 'district', parentCode: 'JH', nameEn: 'Ranchi', nameHi: 'रांची', path: ['IN', 'JH', 'JH-RAN'], committeeFormed: true, updatedAt: now };
      const assigneePhone = phone();
      const member: Member = { ...MemberEvent.example, memberId: assignee, phones: [assigneePhone], identityKeys: [], updatedAt: now };
      await send(Topics.OrgUnit, [cloudEventRecord(OrgUnitEvent, ranchi, { id: randomUUID(), source: '/connect-center/membership' })]);
      await send(Topics.Member, [cloudEventRecord(MemberEvent, member, { id: randomUUID(), source: '/connect-center/membership' })]);

      const caseId = `case_${run}abcdef`;
      const assigned: CaseEvent = {
        ...CaseAssignedEvent.example,
        eventId: `${caseId}:3:assigned`,
        caseId,
        assigneeId: assignee,
        dueAt: '2026-11-29T09:30:00.000Z',
        notify: { memberIds: [assignee], desks: [], reporters: [reporterKey], feeds: [] },
      };
      // Topics are not ordered with one another: let the directory have the unit's name first.
      await waitFor('the unit and the member in the directory', async () =>
        (await store.collection('units').countDocuments({ _id: 'JH-RAN' } as never)) === 1 && (await store.collection('member_directory').countDocuments({ _id: assignee } as never)) === 1,
      );
      await send(Topics.CaseEvents, [cloudEventRecord(CASE_EVENT_DEFINITIONS.assigned, assigned, { id: assigned.eventId, source: '/connect-center/grievance' })]);
      const reporterNotice = notificationIdOf({ sourceEventId: assigned.eventId, recipientKey: reporterKey, templateKey: 'case-assigned' }) as string;
      const stored = await settled(reporterNotice, 'accepted');
      const message = whatsapp.accepted.find((each) => each.wamid === stored.providerMessageId)!;
      expect(message.body.text).toEqual({ preview_url: false, body: `आपका मामला ${assigned.reference} रांची के शिकायत संयोजक को सौंपा गया है। वे इस पर कार्रवाई करेंगे।` });

      const assigneeNotice = notificationIdOf({ sourceEventId: assigned.eventId, recipientKey: assignee, templateKey: 'case-new-in-queue' }) as string;
      const queued = await settled(assigneeNotice, 'accepted');
      expect(queued).toMatchObject({ channel: 'whatsapp', recipient: { kind: 'member', memberId: assignee } });
      // No message from the office-bearer in 24 hours: the approved template, the deadline in Indian time.
      const toAssignee = whatsAppTo(assigneePhone);
      expect(toAssignee).toHaveLength(1);
      expect(toAssignee[0]!.body.type).toBe('template');
      expect(JSON.stringify(toAssignee[0]!.body)).toContain(assigned.reference);
      expect(JSON.stringify(toAssignee[0]!.body)).toContain('29-11-2026 15:00');
    });
  });

  describe('the ops API', () => {
    it('shows records to AICC only', async () => {
      const someId = `ntf_${'0'.repeat(32)}`;
      expect((await api(`/v1/notifications/${someId}`)).status).toBe(401);
      const stateHq = await principalToken(JWT_SECRET, ISSUER, { unit: 'JH', roles: ['state-hq'] });
      expect((await api(`/v1/notifications/${someId}`, stateHq)).body).toMatchObject({ statusCode: 403, code: 'ACCESS.FORBIDDEN' });
      expect((await api(`/v1/notifications/${someId}`, adminToken)).body).toMatchObject({ statusCode: 404, code: 'NOTIFICATION.NOT_FOUND' });
    });
  });

  describe('Twilio, and the DLT registry', () => {
    it('sends through Twilio when it is the SMS provider: form body, DLT header as sender, status callback with the notification id', async () => {
      const twilioGroup = `notification-twilio-${run}`;
      await startGroupAtEnd(twilioGroup, CONSUMED);
      const second = await spawnService('notification', {
        MONGODB_DB: `${db}_twilio`,
        KAFKA_GROUP_ID: twilioGroup,
        NOTIFICATION_SMS_PROVIDER: 'twilio',
        TWILIO_API_BASE_URL: twilio.url,
        TWILIO_ACCOUNT_SID: TWILIO_SID,
        TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
        TWILIO_STATUS_CALLBACK_URL: 'https://intake.party.example/webhooks/sms/twilio/status',
      });
      try {
        await waitUntilReady(second);
        const to = phone();
        const data = await publishReport(report({ channel: 'sms', provider: 'twilio', providerMessageId: `SM${run}`, sender: { kind: 'phone', e164: to }, senderKey: senderKey('twilio'), language: 'en' }));
        const [message] = await waitFor('the SMS at Twilio', () => twilio.accepted.length > 0 && twilio.accepted.filter((each) => each.form.To === to));
        expect(message!.form).toEqual({
          To: to,
          From: 'CONNCT',
          Body: `Connect Center: your report has been received. Reference number ${reference(data)}.`,
          StatusCallback: `https://intake.party.example/webhooks/sms/twilio/status?notificationId=${acknowledgementId(data)}`,
        });
        const request = twilio.requests.find((each) => each.body.includes(encodeURIComponent(to)))!;
        expect(request.path).toBe(`/2010-04-01/Accounts/${TWILIO_SID}/Messages.json`);
        expect(request.headers.authorization).toBe(`Basic ${Buffer.from(`${TWILIO_SID}:${TWILIO_TOKEN}`).toString('base64')}`);
      } finally {
        second.child.kill('SIGTERM');
        await second.exited;
      }
    });

    it('refuses to start, before sending anything, when an SMS text differs from its DLT registration', async () => {
      const registry = JSON.parse(readFileSync(join(__dirname, '../../services/notification/src/templates/catalogue/dlt-templates.json'), 'utf8')) as Array<{ templateId: string; text: string }>;
      const drifted = registry.map((entry) => (entry.templateId === '1107000000000000001' ? { ...entry, text: entry.text.replace('मिल गई है', 'प्राप्त हुई है') } : entry));
      const file = join(mkdtempSync(join(tmpdir(), 'dlt-')), 'dlt-templates.json');
      writeFileSync(file, JSON.stringify(drifted));
      const requestsBefore = gupshup.requests.length;
      const refused = await spawnService('notification', {
        MONGODB_DB: `${db}_dlt`,
        KAFKA_GROUP_ID: `notification-dlt-${run}`,
        NOTIFICATION_DLT_TEMPLATES_FILE: file,
        NOTIFICATION_SMS_PROVIDER: 'gupshup',
        GUPSHUP_API_BASE_URL: gupshup.url,
        GUPSHUP_USER_ID: GUPSHUP_USER,
        GUPSHUP_PASSWORD,
      });
      expect(await refused.exited).toBe(78);
      expect(refused.stderr.join('')).toContain('report-acknowledged.hi.sms: the text differs from DLT template 1107000000000000001 as registered');
      expect(gupshup.requests.length).toBe(requestsBefore);
    });
  });

  it('writes no phone number and no credential to its log', () => {
    const log = [...service.stdout, ...service.stderr].join('\n');
    expect(log).toContain('accepted by meta-cloud-api');
    expect(phonesUsed.length).toBeGreaterThan(10);
    for (const secret of [...phonesUsed, WA_TOKEN, GUPSHUP_PASSWORD, PUSH_SECRET, JWT_SECRET]) expect(log).not.toContain(secret);
  });
});
