import { canonicalSenderKey } from '@cc/identity';
import { PostRegister, type AssignPost } from '../committees/post-register';
import { jharkhandTree } from '../organisation/fixtures/org-units.fixtures';
import { approvalAuthority, decideRegistration, openRegistration, renewRegistration, type PendingRegistration } from './pending-registration';

const tree = jharkhandTree();
const at = (iso: string) => new Date(`${iso}T10:00:00+05:30`);

function registerWith(...assignments: Omit<AssignPost, 'id' | 'from'>[]): PostRegister {
  const register = new PostRegister(tree);
  assignments.forEach((assignment, index) => {
    const result = register.assign({ id: `t${index}`, from: at('2025-01-01'), ...assignment });
    if (!result.ok) throw new Error(result.reason);
  });
  return register;
}

const register = registerWith(
  { memberId: 'angara-president', unitCode: 'JH-RAN-ANGARA', post: 'president' },
  { memberId: 'angara-member', unitCode: 'JH-RAN-ANGARA', post: 'member' },
  { memberId: 'ranchi-secretary', unitCode: 'JH-RAN', post: 'secretary' },
  { memberId: 'khunti-president', unitCode: 'JH-KHU', post: 'president' },
  { memberId: 'panchayat-treasurer', unitCode: '345001', post: 'treasurer' },
);

function pending(unitCode = '345001'): PendingRegistration {
  const opened = openRegistration(
    { id: 'r1', sender: { kind: 'phone', e164: '+919812348765' }, unitCode, name: 'Sita Devi', language: 'hi', requestedAt: at('2025-05-01') },
    tree,
  );
  if (!opened.ok) throw new Error(opened.reason);
  return opened.registration;
}

describe(openRegistration.name, () => {
  it('opens a pending registration keyed by the sender key intake uses', () => {
    expect(pending()).toEqual({
      id: 'r1',
      sender: { kind: 'phone', e164: '+919812348765' },
      senderKey: canonicalSenderKey({ kind: 'phone', e164: '+919812348765' }),
      unitCode: '345001',
      name: 'Sita Devi',
      language: 'hi',
      requestedAt: at('2025-05-01'),
      status: 'pending',
    });
  });

  it('refuses an unknown unit', () => {
    const result = openRegistration({ id: 'r1', sender: { kind: 'app-user', id: 'a' }, unitCode: 'NOPE', language: 'en', requestedAt: at('2025-05-01') }, tree);

    expect(result).toMatchObject({ ok: false, code: 'REGISTRATION.UNKNOWN_UNIT' });
  });
});

describe(approvalAuthority.name, () => {
  const sut = (memberId: string, unitCode = '345001', when = at('2025-05-02')) => approvalAuthority(tree, register, memberId, unitCode, when);

  it.each([
    ['panchayat-treasurer', '345001', 'an office-bearer of the panchayat'],
    ['angara-president', 'JH-RAN-ANGARA', 'the president of its block'],
    ['ranchi-secretary', 'JH-RAN', 'a secretary of its district'],
  ])('lets %s decide (%s)', (memberId, unitCode) => {
    expect(sut(memberId)).toMatchObject({ ok: true, tenure: { memberId, unitCode } });
  });

  it.each([
    ['angara-member', 'an ordinary committee member'],
    ['khunti-president', 'the president of another district'],
    ['nobody', 'someone with no post'],
  ])('does not let %s decide (%s)', (memberId) => {
    expect(sut(memberId)).toEqual({
      ok: false,
      code: 'REGISTRATION.NOT_AN_OFFICE_BEARER',
      reason: `member ${memberId} holds no office-bearer post of 345001 or a unit above it at 2025-05-02T04:30:00.000Z`,
    });
  });

  it('does not let an office-bearer of a unit below decide', () => {
    expect(sut('panchayat-treasurer', 'JH-RAN-ANGARA')).toMatchObject({ ok: false, code: 'REGISTRATION.NOT_AN_OFFICE_BEARER' });
  });

  it('counts the post held when deciding, not today', () => {
    const ended = registerWith({ memberId: 'former', unitCode: 'JH-RAN-ANGARA', post: 'president' });
    ended.end('t0', at('2025-04-01'));

    expect(approvalAuthority(tree, ended, 'former', '345001', at('2025-03-01')).ok).toBe(true);
    expect(approvalAuthority(tree, ended, 'former', '345001', at('2025-05-01')).ok).toBe(false);
  });

  it('prefers the nearest post', () => {
    const both = registerWith(
      { memberId: 'm', unitCode: 'JH-RAN', post: 'president' },
      { memberId: 'm', unitCode: 'JH-RAN-ANGARA', post: 'secretary' },
    );

    expect(approvalAuthority(tree, both, 'm', '345001', at('2025-05-01'))).toMatchObject({ tenure: { unitCode: 'JH-RAN-ANGARA' } });
  });
});

describe(decideRegistration.name, () => {
  const sut = decideRegistration;
  const authority = { tree, register };

  it('approves, recording who, when and by which post', () => {
    expect(sut(pending(), { by: 'angara-president', approve: true, at: at('2025-05-02') }, authority)).toEqual({
      ok: true,
      registration: {
        ...pending(),
        status: 'approved',
        decision: { by: 'angara-president', at: at('2025-05-02'), asPost: { id: 't0', unitCode: 'JH-RAN-ANGARA', post: 'president' } },
      },
    });
  });

  it('rejects with the reason given', () => {
    const result = sut(pending(), { by: 'panchayat-treasurer', approve: false, at: at('2025-05-02'), reason: ' Not known in the village ' }, authority);

    expect(result).toMatchObject({ ok: true, registration: { status: 'rejected', decision: { reason: 'Not known in the village' } } });
  });

  it('needs a reason to reject', () => {
    expect(sut(pending(), { by: 'angara-president', approve: false, at: at('2025-05-02'), reason: '  ' }, authority)).toMatchObject({
      ok: false,
      code: 'REGISTRATION.REASON_REQUIRED',
    });
  });

  it('decides once', () => {
    const decided = sut(pending(), { by: 'angara-president', approve: true, at: at('2025-05-02') }, authority);
    if (!decided.ok) throw new Error(decided.reason);

    expect(sut(decided.registration, { by: 'ranchi-secretary', approve: false, at: at('2025-05-03'), reason: 'no' }, authority)).toEqual({
      ok: false,
      code: 'REGISTRATION.ALREADY_DECIDED',
      reason: 'registration r1 was already approved',
    });
  });

  it('refuses a decision dated before the request', () => {
    expect(sut(pending(), { by: 'angara-president', approve: true, at: at('2025-04-30') }, authority)).toMatchObject({
      code: 'REGISTRATION.DECIDED_BEFORE_REQUEST',
    });
  });

  it('refuses a decision by someone not entitled, and leaves the registration pending', () => {
    const registration = pending();

    expect(sut(registration, { by: 'khunti-president', approve: true, at: at('2025-05-02') }, authority)).toMatchObject({
      code: 'REGISTRATION.NOT_AN_OFFICE_BEARER',
    });
    expect(registration.status).toBe('pending');
  });
});

describe(`${decideRegistration.name} by headquarters`, () => {
  const sut = decideRegistration;

  it('lets a state HQ user without a post decide within their state, naming the role', () => {
    const result = sut(pending(), { by: 'hq-user', approve: true, at: at('2025-05-02') }, { tree, register, headquarters: { role: 'state-hq', unitCode: 'JH' } });
    expect(result).toEqual({
      ok: true,
      registration: { ...pending(), status: 'approved', decision: { by: 'hq-user', at: at('2025-05-02'), asRole: { role: 'state-hq', unitCode: 'JH' } } },
    });
  });

  it('names the post rather than the role when the decider holds one', () => {
    const result = sut(pending(), { by: 'angara-president', approve: true, at: at('2025-05-02') }, { tree, register, headquarters: { role: 'aicc-admin', unitCode: 'IN' } });
    expect(result).toMatchObject({ ok: true, registration: { decision: { asPost: { post: 'president', unitCode: 'JH-RAN-ANGARA' } } } });
    expect(result.ok && result.registration.decision?.asRole).toBeUndefined();
  });

  it('does not let the HQ of another state decide', () => {
    expect(sut(pending(), { by: 'bihar-hq', approve: true, at: at('2025-05-02') }, { tree, register, headquarters: { role: 'state-hq', unitCode: 'BR' } })).toMatchObject({
      ok: false,
      code: 'REGISTRATION.NOT_AN_OFFICE_BEARER',
    });
  });
});

describe(renewRegistration.name, () => {
  const sut = renewRegistration;
  const later = (iso: string, extra: Partial<Parameters<typeof renewRegistration>[1]> = {}) => ({ unitCode: 'JH-RAN-KANKE', language: 'hi' as const, requestedAt: at(iso), ...extra });
  const rejected = (): PendingRegistration => {
    const decided = decideRegistration(pending(), { by: 'angara-president', approve: false, at: at('2025-05-02'), reason: 'wrong panchayat' }, { tree, register });
    if (!decided.ok) throw new Error(decided.reason);
    return decided.registration;
  };

  it('moves a pending registration to the unit a later JOIN names, keeping the name given before', () => {
    expect(sut(pending(), later('2025-05-03'), tree)).toEqual({
      ok: true,
      action: 'updated',
      registration: { ...pending(), unitCode: 'JH-RAN-KANKE', requestedAt: at('2025-05-03') },
    });
  });

  it('takes a new name when the later JOIN gives one', () => {
    expect(sut(pending(), later('2025-05-03', { unitCode: '345001', name: 'Sita Kumari' }), tree)).toMatchObject({ action: 'updated', registration: { name: 'Sita Kumari' } });
  });

  it.each([
    ['a redelivery of the same message', '2025-05-01'],
    ['a message overtaken by the one stored', '2025-04-30'],
  ])('changes nothing for %s', (_, iso) => {
    expect(sut(pending(), later(iso), tree)).toEqual({ ok: true, action: 'unchanged', registration: pending() });
  });

  it('changes nothing when a later JOIN asks for the same', () => {
    expect(sut(pending(), later('2025-05-03', { unitCode: '345001' }), tree)).toMatchObject({ action: 'unchanged', registration: { requestedAt: at('2025-05-01') } });
  });

  it('opens a new round for a JOIN sent after a rejection, without the old decision', () => {
    const result = sut(rejected(), later('2025-05-04'), tree);
    expect(result).toMatchObject({ ok: true, action: 'reopened', registration: { status: 'pending', unitCode: 'JH-RAN-KANKE', name: 'Sita Devi' } });
    expect(result.ok && result.registration.decision).toBeUndefined();
  });

  it('does not reopen for a message sent before the rejection (a redelivery)', () => {
    expect(sut(rejected(), later('2025-05-01'), tree)).toMatchObject({ action: 'unchanged', registration: { status: 'rejected' } });
  });

  it('refuses to register an approved sender again', () => {
    const approved = decideRegistration(pending(), { by: 'angara-president', approve: true, at: at('2025-05-02') }, { tree, register });
    if (!approved.ok) throw new Error(approved.reason);
    expect(sut(approved.registration, later('2025-05-04'), tree)).toMatchObject({ ok: false, code: 'REGISTRATION.ALREADY_APPROVED' });
  });

  it('refuses a unit the tree does not know', () => {
    expect(sut(pending(), later('2025-05-04', { unitCode: 'NOPE' }), tree)).toMatchObject({ ok: false, code: 'REGISTRATION.UNKNOWN_UNIT' });
  });
});
