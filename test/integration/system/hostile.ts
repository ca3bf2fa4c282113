import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { principalToken } from '@cc/testing';
import { twilioSignatureHeader, whatsAppSignatureHeader } from '../../../services/intake/src/channels/fixtures';
import { CHANNEL, SECRETS } from './env';
import type { Population } from './population';
import type { Delivery, SentMessage, TrafficGenerator } from './traffic';

/** Markup and Mongo operators, in every text a channel carries: data, to be stored and published exactly as sent. */
export const INJECTION = `{"$gt": ""} {"$where": "sleep(1000)"} $ne <script>alert("e2e")</script> <img src=x onerror=alert(1)>`;

export interface HostileOutcome {
  name: string;
  expected: number[];
  status: number;
  /** Where the answer may legitimately differ (see `note`), the statuses also taken. */
  note?: string;
}

export interface HostileContext {
  run: string;
  urls: { intake: string; membership: string; grievance: string; reporting: string };
  traffic: TrafficGenerator;
  people: Population;
  /** App users the app-backend fake has a device for (an accepted app report is acknowledged by push). */
  appUsersWithDevices: Set<string>;
  /** A case of a Ranchi worker: another district's office-bearer must not see it. */
  ranchiCaseId: string | undefined;
}

export interface HostileRun {
  outcomes: HostileOutcome[];
  /** Messages refused as they should be: none of these ids may reach a report, a feed or a store. */
  refusedIds: string[];
  /** Text markers of refused bodies. */
  refusedMarkers: string[];
  /** Hostile input accepted as data: in the ledger, its text to be found verbatim downstream. */
  acceptedAsData: SentMessage[];
  /** Invalid Unicode intake accepted (it replaces what it cannot read): text must be well-formed downstream. */
  acceptedInvalidUnicode: SentMessage[];
}

const token = (claims: { unit: string; roles: string[] }) => principalToken(SECRETS.jwtSecret, SECRETS.jwtIssuer, claims);
const expired = (claims: { unit: string; roles: string[] }) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(`user-${claims.unit}`)
    .setIssuer(SECRETS.jwtIssuer)
    .setAudience('connect-center')
    .setExpirationTime(Math.floor(Date.now() / 1000) - 600)
    .sign(new TextEncoder().encode(SECRETS.jwtSecret));
/** A valid token whose claims were edited afterwards: a district president making themselves AICC. */
const tampered = async (claims: { unit: string; roles: string[] }) => {
  const [header, , signature] = (await token(claims)).split('.');
  const forged = Buffer.from(JSON.stringify({ unit: 'IN', roles: ['aicc-admin'], sub: 'user-IN', iss: SECRETS.jwtIssuer, aud: 'connect-center', exp: 4102444800 })).toString('base64url');
  return `${header}.${forged}.${signature}`;
};

/**
 * Every hostile request of the suite, against the running services: forged and replayed
 * signatures, oversized and malformed bodies, operator and markup injection in every text field
 * and query parameter, invalid Unicode, tokens for another district, expired and tampered tokens.
 */
export async function sendHostileInput(ctx: HostileContext): Promise<HostileRun> {
  const outcomes: HostileOutcome[] = [];
  const refusedIds: string[] = [];
  const refusedMarkers: string[] = [];
  const acceptedAsData: SentMessage[] = [];
  const acceptedInvalidUnicode: SentMessage[] = [];
  let serial = 0;
  const marker = () => `hostile-${ctx.run}-${++serial}`;
  const check = async (name: string, expected: number[], request: () => Promise<Response>, note?: string) => {
    const response = await request();
    await response.arrayBuffer();
    outcomes.push({ name, expected, status: response.status, ...(note ? { note } : {}) });
    return response.status;
  };

  // WhatsApp, with bodies written here (not through the ledger): if one got in, it would be a report nobody sent.
  const member = ctx.people.phoneSenders[0]!;
  const waBody = (message: Record<string, unknown>) =>
    JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [{ id: '102290129340398', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: CHANNEL.waDisplayNumber, phone_number_id: CHANNEL.waPhoneNumberId }, contacts: [{ profile: { name: 'X' }, wa_id: member.phone!.slice(1) }], messages: [message] } }] }],
    });
  const waText = (text: string) => {
    const id = `wamid.HOSTILE${ctx.run}${randomBytes(8).toString('hex')}`;
    refusedIds.push(id);
    return waBody({ from: member.phone!.slice(1), id, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: text } });
  };
  const postWhatsApp = (raw: string | Buffer, signature: string) => () =>
    fetch(`${ctx.urls.intake}/webhooks/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body: raw });
  const signed = (raw: string | Buffer) => whatsAppSignatureHeader(raw, SECRETS.whatsAppAppSecret);
  /** Meta is answered 200 for a message intake cannot use (or it would retry it forever): then with no report in the answer. */
  const ignoredOr400 = (request: () => Promise<Response>) => async () => {
    const response = await request();
    if (response.status !== 200) return response;
    const answer = (await response.json()) as { reports?: unknown[]; ignored?: unknown[] };
    return new Response(null, { status: answer.reports?.length === 0 && (answer.ignored?.length ?? 0) > 0 ? 200 : 299 });
  };

  const forgedText = marker();
  refusedMarkers.push(forgedText);
  await check('WhatsApp: signature taken from another (accepted) body', [401], postWhatsApp(waText(forgedText), signed(waText('something harmless'))));
  const otherSecret = marker();
  refusedMarkers.push(otherSecret);
  await check('WhatsApp: signed with another secret', [401], postWhatsApp(waText(otherSecret), whatsAppSignatureHeader(waText(otherSecret), 'not-the-app-secret-0123456789')));
  const unsigned = marker();
  refusedMarkers.push(unsigned);
  await check('WhatsApp: no signature', [401], postWhatsApp(waText(unsigned), ''));

  const replayed = ctx.traffic.acceptedWhatsAppPosts[0];
  if (replayed) {
    const response = await postWhatsApp(replayed.raw, replayed.signature)();
    const answer = (await response.json()) as { reports?: Array<{ reportId: string; duplicate: boolean }> };
    // The same report ids; `duplicate` is true only if the intake process that answered first is
    // still the one answering (the suite SIGKILLs it), and the accounting checks it stays one report.
    const same = answer.reports?.every((report, index) => report.reportId === replayed.messages[index]?.answeredReportId);
    outcomes.push({ name: 'WhatsApp: replay of an accepted POST, byte for byte (same report ids)', expected: [200], status: same ? response.status : -response.status });
  }
  const huge = marker();
  refusedMarkers.push(huge);
  const hugeBody = waText(`${huge} ${'x'.repeat(1_100_000)}`);
  await check('WhatsApp: body over 1 MiB', [413], postWhatsApp(hugeBody, signed(hugeBody)));
  const truncated = waText(marker()).slice(0, -7);
  await check('WhatsApp: malformed JSON, signed', [400], postWhatsApp(truncated, signed(truncated)));
  const operatorFrom = waBody({ from: { $ne: null }, id: `wamid.HOSTILE${ctx.run}from`, timestamp: '1795665600', type: 'text', text: { body: marker() } });
  refusedIds.push(`wamid.HOSTILE${ctx.run}from`);
  await check('WhatsApp: {"$ne": null} as the sender (400, or 200 with the message ignored)', [400, 200], ignoredOr400(postWhatsApp(operatorFrom, signed(operatorFrom))));
  const operatorId = waBody({ from: member.phone!.slice(1), id: { $gt: '' }, timestamp: '1795665600', type: 'text', text: { body: marker() } });
  await check('WhatsApp: {"$gt": ""} as the message id (400, or 200 with the message ignored)', [400, 200], ignoredOr400(postWhatsApp(operatorId, signed(operatorId))));

  // Injection accepted as data: through the generator, so that each is accounted like any message.
  const accept = async (name: string, delivery: Delivery, expected: number[], into: SentMessage[]) => {
    const [message] = delivery.messages;
    const response = await delivery.request();
    const text = await response.text();
    outcomes.push({ name, expected, status: response.status });
    if (response.status >= 200 && response.status < 300) {
      message!.accepted = true;
      message!.statuses.push(response.status);
      delivery.answered?.(text.startsWith('{') ? JSON.parse(text) : {});
      into.push(message!);
    }
  };
  const data = (text: string) => ({ text, complaint: false, aboutOfficeBearer: false, optOut: false });
  await accept('WhatsApp: $-operators and <script> in the text, stored as text', ctx.traffic.whatsAppDelivery([{ sender: member, content: data(`${INJECTION} ${marker()}`) }]), [200], acceptedAsData);
  const twilioSender = ctx.people.phoneSenders[1]!;
  await accept('Twilio: $-operators and <script> in Body, stored as text', ctx.traffic.twilioDelivery(twilioSender, data(`${INJECTION} ${marker()}`)), [200], acceptedAsData);
  await accept('Gupshup: $-operators and <script> in content, stored as text', ctx.traffic.gupshupDelivery(twilioSender, data(`${INJECTION} ${marker()}`)), [200], acceptedAsData);
  const operatorUser = { label: 'operator-app-user', appUserId: '{"$ne": null}', declaredUnit: 'JH-RAN' };
  ctx.appUsersWithDevices.add(operatorUser.appUserId);
  await accept(
    'App: $-operators and <script> in text, app user id and name, stored as text',
    ctx.traffic.appDelivery(operatorUser, data(`${INJECTION} ${marker()}`), { reporter: { appUserId: operatorUser.appUserId, name: '<script>alert(1)</script>' } }),
    [201],
    acceptedAsData,
  );

  // Invalid Unicode: refused as malformed, or read with U+FFFD in place of what cannot be read;
  // either way nothing downstream may carry an ill-formed string.
  const unicodeNote = 'intake accepts it and stores U+FFFD in place of what it cannot read';
  const lone = ctx.traffic.whatsAppDelivery([{ sender: member, content: data(`lone surrogate ${marker()}`) }]);
  const loneRaw = lone.body!.replace('lone surrogate', 'lone \\ud800 surrogate');
  await acceptRaw('WhatsApp: lone surrogate (\\ud800) in the text', lone, loneRaw);
  const bytes = ctx.traffic.whatsAppDelivery([{ sender: member, content: data(`invalid bytes ${marker()}`) }]);
  const [before, after] = bytes.body!.split('invalid bytes');
  await acceptRaw('WhatsApp: invalid UTF-8 bytes (FF FE) in the text', bytes, Buffer.concat([Buffer.from(before!), Buffer.from([0x69, 0xff, 0xfe, 0x62]), Buffer.from(after!)]));
  const appLone = ctx.traffic.appDelivery(ctx.people.appSenders[0]!, data(`app lone ${marker()}`));
  await acceptRawApp('App: lone surrogate (\\udc00) in the text', appLone);

  async function acceptRaw(name: string, delivery: Delivery, raw: string | Buffer) {
    await accept(name, { ...delivery, request: postWhatsApp(raw, signed(raw)) }, [400], acceptedInvalidUnicode);
    outcomes.at(-1)!.note = unicodeNote;
  }
  async function acceptRawApp(name: string, delivery: Delivery) {
    const body = delivery.body!.replace('app lone', 'app \\udc00 lone');
    const key = delivery.messages[0]!.providerMessageId.split(':').slice(1).join(':');
    const request = () => fetch(`${ctx.urls.intake}/v1/reports`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': SECRETS.appApiKey, 'idempotency-key': key }, body });
    await accept(name, { ...delivery, request }, [400], acceptedInvalidUnicode);
    outcomes.at(-1)!.note = unicodeNote;
  }

  // Twilio.
  const twilio = (params: Record<string, string>, url = `${ctx.urls.intake}/webhooks/sms/twilio`, body = new URLSearchParams(params).toString()) => () =>
    fetch(`${ctx.urls.intake}/webhooks/sms/twilio`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignatureHeader(params, SECRETS.twilioAuthToken, url) },
      body,
    });
  const sms = (overrides: Record<string, string>) => {
    const sid = `SMHOSTILE${ctx.run}${randomBytes(8).toString('hex')}`;
    refusedIds.push(sid);
    const text = marker();
    refusedMarkers.push(text);
    return { MessageSid: sid, SmsSid: sid, AccountSid: `AC${'e2e0'.repeat(8)}`, From: twilioSender.phone!, To: CHANNEL.twilioNumber, Body: text, NumMedia: '0', ...overrides };
  };
  await check('Twilio: signed for another URL', [401], twilio(sms({}), 'https://attacker.example/webhooks/sms/twilio'));
  const { From: _from, ...withoutFrom } = sms({});
  await check('Twilio: form without From, signed', [400], twilio(withoutFrom));
  const operatorForm = sms({});
  const { From: _sender, ...rest } = operatorForm;
  await check('Twilio: From[$ne]=1 instead of From, signed', [400], twilio({ ...rest, 'From[$ne]': '1' }));
  await check('Twilio: JSON posted as a form, signed over nothing', [400, 401], twilio({}, undefined, JSON.stringify(sms({}))));
  const bigForm = sms({ Body: `${marker()} ${'y'.repeat(1_100_000)}` });
  await check('Twilio: form over 1 MiB', [413], twilio(bigForm));

  // Gupshup.
  const gupshup = (query: Record<string, string>) => () => fetch(`${ctx.urls.intake}/webhooks/sms/gupshup?${new URLSearchParams(query).toString()}`);
  const gsQuery = () => {
    const content = marker();
    refusedMarkers.push(content);
    return { phonecode: CHANNEL.gupshupLongCode, msisdn: twilioSender.phone!.slice(3), timestamp: String(Date.now()), content, token: SECRETS.gupshupToken };
  };
  await check('Gupshup: wrong token', [401], gupshup({ ...gsQuery(), token: 'not-the-gupshup-token-0123456789' }));
  const { msisdn: _msisdn, ...noMsisdn } = gsQuery();
  await check('Gupshup: msisdn[$ne]=1', [400], gupshup({ ...noMsisdn, 'msisdn[$ne]': '1' }));
  const { timestamp: _timestamp, ...noTimestamp } = gsQuery();
  await check('Gupshup: timestamp[$gt]=0', [400], gupshup({ ...noTimestamp, 'timestamp[$gt]': '0' }));

  // The app API.
  const app = (body: string, headers: Record<string, string> = {}) => () =>
    fetch(`${ctx.urls.intake}/v1/reports`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': SECRETS.appApiKey, 'idempotency-key': `hostile-${randomUUID()}`, ...headers }, body });
  const appReport = (extra: Record<string, unknown> = {}) => {
    const text = marker();
    refusedMarkers.push(text);
    return JSON.stringify({ reporter: { appUserId: ctx.people.appSenders[0]!.appUserId }, text, ...extra });
  };
  await check('App: no API key', [401], app(appReport(), { 'x-api-key': '' }));
  await check('App: wrong API key', [401], app(appReport(), { 'x-api-key': `${SECRETS.appApiKey}x` }));
  await check('App: malformed JSON', [400], app(appReport().slice(0, -3)));
  await check('App: body over 1 MiB', [413], app(appReport({ text: `${marker()} ${'z'.repeat(1_100_000)}` })));
  await check('App: {"$ne": null} as the app user id', [400], app(JSON.stringify({ reporter: { appUserId: { $ne: null } }, text: marker() })));
  await check('App: $where as the declared unit', [400], app(appReport({ declaredUnitCode: '$where' })));
  const original = ctx.traffic.appDelivery(ctx.people.appSenders[0]!, data(`idempotency ${marker()}`));
  await accept('App: a report under a fresh Idempotency-Key (the next case reuses the key)', original, [201], acceptedAsData);
  const reusedKey = original.messages[0]!.providerMessageId.slice(`${SECRETS.appIntegrator}:`.length);
  await check('App: the same Idempotency-Key with another body', [422], app(appReport(), { 'idempotency-key': reusedKey }));

  // Query parameters and tokens on the office-bearers' and HQs' APIs.
  const get = (url: string, jwt?: string) => () => fetch(url, { headers: jwt ? { authorization: `Bearer ${jwt}` } : {} });
  const stateHq = await token({ unit: 'JH', roles: ['state-hq'] });
  const ranchi = await token({ unit: 'JH-RAN', roles: ['office-bearer'] });
  const dhanbad = await token({ unit: 'JH-DHN', roles: ['office-bearer'] });
  const bihar = await token({ unit: 'BR', roles: ['state-hq'] });
  const script = encodeURIComponent('<script>alert(1)</script>');

  await check('membership: ?unit[$ne]=JH', [400], get(`${ctx.urls.membership}/v1/members?${encodeURIComponent('unit[$ne]')}=JH`, stateHq));
  await check('membership: ?unit=<script> (400, or 403 as a unit outside the caller’s subtree)', [400, 403], get(`${ctx.urls.membership}/v1/members?unit=${script}`, stateHq));
  await check('membership: a Ranchi token on Dhanbad’s members', [403], get(`${ctx.urls.membership}/v1/members?unit=JH-DHN`, ranchi));
  await check('membership: an expired token', [401], get(`${ctx.urls.membership}/v1/members?unit=JH-RAN`, await expired({ unit: 'JH-RAN', roles: ['office-bearer'] })));
  await check('membership: a tampered token', [401], get(`${ctx.urls.membership}/v1/members?unit=JH-RAN`, await tampered({ unit: 'JH-RAN', roles: ['office-bearer'] })));

  await check('grievance: ?state[$ne]=JH', [400], get(`${ctx.urls.grievance}/v1/cases?${encodeURIComponent('state[$ne]')}=JH`, stateHq));
  await check('grievance: ?reference=<script>', [400], get(`${ctx.urls.grievance}/v1/cases?reference=${script}`, stateHq));
  await check('grievance: Bihar’s HQ searching Jharkhand', [403], get(`${ctx.urls.grievance}/v1/cases?state=JH`, bihar));
  if (ctx.ranchiCaseId) {
    await check('grievance: a Dhanbad token on a Ranchi case (hidden like a missing one)', [404], get(`${ctx.urls.grievance}/v1/cases/${ctx.ranchiCaseId}`, dhanbad));
  }
  await check('grievance: an expired token', [401], get(`${ctx.urls.grievance}/v1/cases/queue`, await expired({ unit: 'JH-RAN', roles: ['office-bearer'] })));
  await check('grievance: a tampered token', [401], get(`${ctx.urls.grievance}/v1/cases?state=JH`, await tampered({ unit: 'JH-RAN', roles: ['office-bearer'] })));

  await check('reporting: ?unit[$ne]=JH', [400], get(`${ctx.urls.reporting}/v1/aggregates/activity?${encodeURIComponent('unit[$ne]')}=JH`, stateHq));
  await check('reporting: ?unit=<script>', [400], get(`${ctx.urls.reporting}/v1/aggregates/activity?unit=${script}`, stateHq));
  await check('reporting: a Ranchi token on Dhanbad’s activity', [403], get(`${ctx.urls.reporting}/v1/aggregates/activity?unit=JH-DHN`, ranchi));
  await check('reporting: an expired token', [401], get(`${ctx.urls.reporting}/v1/aggregates/activity?unit=JH-RAN`, await expired({ unit: 'JH-RAN', roles: ['office-bearer'] })));
  await check('reporting: a tampered token', [401], get(`${ctx.urls.reporting}/v1/aggregates/activity?unit=JH-RAN`, await tampered({ unit: 'JH-RAN', roles: ['office-bearer'] })));

  return { outcomes, refusedIds, refusedMarkers, acceptedAsData, acceptedInvalidUnicode };
}
