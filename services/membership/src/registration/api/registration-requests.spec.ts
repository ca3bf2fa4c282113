import { parseApproveBody, parseListQuery, parseRejectBody } from './registration-requests';

describe(parseListQuery.name, () => {
  it('defaults to pending registrations of the caller’s own unit, 100 at most', () => {
    expect(parseListQuery({})).toEqual({ ok: true, status: 'pending', limit: 100 });
  });

  it('reads a unit (in upper case), a status and a limit', () => {
    expect(parseListQuery({ unit: 'jh-ran', status: 'approved', limit: '20' })).toEqual({ ok: true, unitCode: 'JH-RAN', status: 'approved', limit: 20 });
  });

  it.each([{ status: 'all' }, { limit: '0' }, { limit: '501' }, { limit: 'ten' }, { other: 'x' }])('refuses %j', (query) => {
    expect(parseListQuery(query)).toMatchObject({ ok: false, code: 'REGISTRATION.INVALID_REQUEST' });
  });
});

describe(parseApproveBody.name, () => {
  it('takes no body, or a name', () => {
    expect(parseApproveBody(undefined)).toEqual({ ok: true });
    expect(parseApproveBody({ name: ' Sita Devi ' })).toEqual({ ok: true, name: 'Sita Devi' });
  });

  it('refuses anything else', () => {
    expect(parseApproveBody({ name: '' })).toMatchObject({ ok: false, code: 'REGISTRATION.INVALID_REQUEST' });
    expect(parseApproveBody({ memberId: 'x' })).toMatchObject({ ok: false, code: 'REGISTRATION.INVALID_REQUEST' });
  });
});

describe(parseRejectBody.name, () => {
  it('passes the reason on (the decision requires it)', () => {
    expect(parseRejectBody({ reason: 'not known here' })).toEqual({ ok: true, reason: 'not known here' });
    expect(parseRejectBody(undefined)).toEqual({ ok: true });
    expect(parseRejectBody({ reason: 5 })).toMatchObject({ ok: false, code: 'REGISTRATION.INVALID_REQUEST' });
  });
});
