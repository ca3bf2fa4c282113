import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { type Member, Topics } from '@cc/contracts';
import { canonicalSenderKey } from '@cc/identity';
import { type EventReader, principalToken, readEvents, type RunningService, startService, waitFor } from '@cc/testing';
import { AppModule } from '../../services/membership/src/app.module';
import { membershipConfigSchema } from '../../services/membership/src/config/membership.config';

const JWT_SECRET = 'membership-api-secret-0123456789abcdef';
const ISSUER = 'https://id.party.example';

/** The members API, scoped to the caller's subtree, and the compacted member topic behind it. */
describe('membership members API', () => {
  const db = `membership_api_${randomUUID().slice(0, 8)}`;
  const digits = String(Date.now()).slice(-4);
  let membership: RunningService;
  let reader: EventReader;

  beforeAll(async () => {
    membership = await startService(membershipConfigSchema, (config) => AppModule.register(config), { MONGODB_DB: db, AUTH_JWT_SECRET: JWT_SECRET, AUTH_JWT_ISSUER: ISSUER });
    reader = await readEvents([Topics.Member]);
  });

  afterAll(async () => {
    await reader?.stop();
    await membership?.stop();
  });

  const token = (unit: string, roles: string[]) => principalToken(JWT_SECRET, ISSUER, { unit, roles });
  const call = async (method: string, path: string, jwt: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${membership.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${jwt}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const phone = (n: number) => `+9197${digits}000${n}`.slice(0, 13);
  const member = (n: number, homeUnitCode: string) => ({
    name: `Worker ${String.fromCharCode(64 + n)}`,
    phones: [phone(n)],
    homeUnitCode,
    language: 'hi',
    consentToContact: true,
  });

  it('registers, reads, lists and changes members within the caller’s district, and refuses the rest', async () => {
    const ranchi = await token('JH-RAN', ['office-bearer']);
    const dhanbad = await token('JH-DHN', ['office-bearer']);

    const created = await call('POST', '/v1/members', ranchi, member(1, 'JH-RAN-KANKE'));
    expect(created.status).toBe(201);
    const sunita = (await created.json()) as { memberId: string; version: number; unitPath: string[] };
    expect(sunita).toMatchObject({ unitPath: ['IN', 'JH', 'JH-RAN', 'JH-RAN-KANKE'], version: 1 });

    expect((await call('POST', '/v1/members', ranchi, member(2, 'JH-DHN-BAGHMARA'))).status).toBe(403);
    expect((await call('GET', `/v1/members/${sunita.memberId}`, dhanbad)).status).toBe(403);
    expect(await (await call('GET', `/v1/members?unit=JH-RAN`, dhanbad)).json()).toMatchObject({ code: 'ACCESS.OUTSIDE_SUBTREE' });
    expect((await call('POST', '/v1/members', ranchi, member(1, 'JH-RAN-BERO'))).status).toBe(409);

    const listed = (await (await call('GET', '/v1/members?unit=JH-RAN-KANKE', ranchi)).json()) as { members: Array<{ memberId: string }> };
    expect(listed.members.map((each) => each.memberId)).toEqual([sunita.memberId]);

    const moved = { ...member(1, 'JH-RAN-BERO'), phones: [phone(3)], status: 'suspended' };
    expect((await call('PATCH', `/v1/members/${sunita.memberId}`, ranchi, moved)).status).toBe(428);
    expect((await call('PATCH', `/v1/members/${sunita.memberId}`, ranchi, moved, { 'if-match': '7' })).status).toBe(412);
    const changed = await call('PATCH', `/v1/members/${sunita.memberId}`, ranchi, moved, { 'if-match': String(sunita.version) });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ homeUnitCode: 'JH-RAN-BERO', phones: [phone(3)], status: 'suspended', version: 2 });

    // The phone left out is free again: another member may have it.
    expect((await call('POST', '/v1/members', ranchi, member(1, 'JH-RAN-ANGARA'))).status).toBe(201);
  });

  it('publishes each change as the member’s latest state on a compacted topic', async () => {
    const admin = new Kafka({ clientId: 'membership-api-test', brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const described = await admin.describeConfigs({ resources: [{ type: 2, name: Topics.Member, configNames: ['cleanup.policy'] }], includeSynonyms: false });
    await admin.disconnect();
    expect(described.resources[0]!.configEntries.find((entry) => entry.configName === 'cleanup.policy')?.configValue).toBe('compact');

    const states = await waitFor('two states of the moved member', () => {
      const mine = reader.dataOf<Member>(Topics.Member).filter((event) => event.name === 'Worker A' && event.identityKeys.includes(canonicalSenderKey({ kind: 'phone', e164: phone(3) })));
      return mine.length > 0 && mine;
    });
    expect(states.at(-1)).toMatchObject({ homeUnitCode: 'JH-RAN-BERO', status: 'suspended', phones: [phone(3)] });
  });
});
