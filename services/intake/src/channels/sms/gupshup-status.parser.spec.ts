import { parseGupshupStatus } from './gupshup-status.parser';

const AT = new Date('2026-11-26T10:00:00.000Z');
const report = (fields: Record<string, string>) => ({
  externalId: '3562707498794989059-328736121207676738',
  deliveredTS: '1795694460000',
  phoneNo: '919876543210',
  noOfFrags: '1',
  mask: 'CONNCT',
  ...fields,
});

describe(parseGupshupStatus.name, () => {
  const sut = parseGupshupStatus;

  it('reads SUCCESS as delivered, at the operator’s time, the recipient in E.164', () => {
    expect(sut(report({ status: 'SUCCESS', cause: 'SUCCESS', errCode: '000' }), AT)).toEqual({
      ok: true,
      status: {
        channel: 'sms',
        provider: 'gupshup',
        providerMessageId: '3562707498794989059-328736121207676738',
        status: 'delivered',
        timestamp: new Date(1795694460000).toISOString(),
        recipient: { kind: 'phone', e164: '+919876543210' },
      },
    });
  });

  it('reads a failure with its cause and code, and takes the time of receipt when the operator gave none', () => {
    expect(sut(report({ status: 'FAIL', cause: 'ABSENT_SUBSCRIBER', errCode: '27', deliveredTS: '' }), AT)).toMatchObject({
      ok: true,
      status: { status: 'failed', timestamp: AT.toISOString(), errors: [{ code: 27, title: 'ABSENT_SUBSCRIBER' }] },
    });
  });

  it('acknowledges states that are not final without a status', () => {
    expect(sut(report({ status: 'UNKNOWN' }), AT)).toEqual({ ok: true, ignored: 'status unknown is not a final delivery state' });
  });

  it('refuses what is not a delivery report, never echoing the number', () => {
    expect(sut(report({ status: 'SUCCESS', externalId: '' }), AT)).toMatchObject({ ok: false, code: 'CHANNEL.MISSING_FIELD', reason: 'externalId is missing' });
    expect(sut({ externalId: 'x', phoneNo: '919876543210' }, AT)).toMatchObject({ ok: false, reason: 'status is missing' });
    const bad = sut(report({ status: 'SUCCESS', phoneNo: '12345' }), AT);
    expect(bad).toMatchObject({ ok: false, code: 'CHANNEL.INVALID_RECIPIENT' });
    expect(JSON.stringify(bad)).not.toContain('12345');
  });
});
