import { parseAssignPostRequest, parseEndPostRequest } from './post-requests';

describe(parseAssignPostRequest.name, () => {
  const sut = parseAssignPostRequest;

  it('reads the unit (upper case), the post as people write it, and the start', () => {
    expect(sut({ unitCode: 'jh-ran', post: 'अध्यक्ष', from: '2025-04-01T00:00:00+05:30' })).toEqual({
      ok: true,
      request: { unitCode: 'JH-RAN', post: 'president', from: new Date('2025-03-31T18:30:00.000Z') },
    });
    expect(sut({ unitCode: 'JH-RAN', post: 'mahasachiv' })).toEqual({ ok: true, request: { unitCode: 'JH-RAN', post: 'general-secretary' } });
  });

  it.each([
    [{ unitCode: 'JH-RAN', post: 'chief' }, 'post "chief" is not one of'],
    [{ unitCode: 'JH-RAN' }, 'post'],
    [{ unitCode: 'JH-RAN', post: 'president', from: 'yesterday' }, 'from is an ISO 8601 date-time'],
    [{ unitCode: 'JH-RAN', post: 'president', to: '2025-01-01T00:00:00Z' }, 'to'],
    [undefined, 'unitCode'],
  ])('refuses %j', (body, reason) => {
    expect(sut(body)).toMatchObject({ ok: false, code: 'COMMITTEE.INVALID_REQUEST', reason: expect.stringContaining(reason) });
  });
});

describe(parseEndPostRequest.name, () => {
  it('reads the end, optional', () => {
    expect(parseEndPostRequest({ unitCode: 'JH-RAN', post: 'Treasurer', to: '2025-06-01T00:00:00Z' })).toEqual({
      ok: true,
      request: { unitCode: 'JH-RAN', post: 'treasurer', to: new Date('2025-06-01T00:00:00Z') },
    });
    expect(parseEndPostRequest({ unitCode: 'JH-RAN', post: 'treasurer' })).toEqual({ ok: true, request: { unitCode: 'JH-RAN', post: 'treasurer' } });
  });
});
