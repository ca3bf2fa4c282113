import { parseCloudApiResponse } from './cloud-api-response';
import { whatsAppErrorRule, whatsAppFailureFallsBack } from './cloud-api-errors';

const response = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  headers: new Headers(headers),
  text: typeof body === 'string' ? body : JSON.stringify(body),
});

const graphError = (code: number, message: string, extra: Record<string, unknown> = {}) => ({
  error: { message, type: 'OAuthException', code, fbtrace_id: 'AbCdEf123', ...extra },
});

describe(parseCloudApiResponse.name, () => {
  const sut = parseCloudApiResponse;

  it('returns the wamid of an accepted message', () => {
    const body = { messaging_product: 'whatsapp', contacts: [{ input: '+919876543210', wa_id: '919876543210' }], messages: [{ id: 'wamid.HBgM' }] };
    expect(sut(response(200, body))).toEqual({ ok: true, provider: 'meta-cloud-api', providerMessageId: 'wamid.HBgM' });
  });

  it('calls a success without a message id ambiguous', () => {
    expect(sut(response(200, '<html>'))).toMatchObject({ ok: false, kind: 'ambiguous', code: 'PROVIDER.MALFORMED_RESPONSE' });
  });

  it.each([
    [130429, 429, 'retryable', 'PROVIDER.RATE_LIMITED'],
    [130429, 400, 'retryable', 'PROVIDER.RATE_LIMITED'],
    [131056, 400, 'retryable', 'PROVIDER.RATE_LIMITED'],
    [131000, 500, 'retryable', 'PROVIDER.UNAVAILABLE'],
    [131016, 503, 'retryable', 'PROVIDER.UNAVAILABLE'],
    [131026, 400, 'permanent', 'PROVIDER.RECIPIENT_UNREACHABLE'],
    [131047, 400, 'permanent', 'PROVIDER.OUTSIDE_WINDOW'],
    [132001, 404, 'permanent', 'PROVIDER.TEMPLATE_REJECTED'],
    [131051, 400, 'permanent', 'PROVIDER.INVALID_REQUEST'],
    [190, 401, 'permanent', 'PROVIDER.AUTH'],
    [200, 403, 'permanent', 'PROVIDER.AUTH'],
    [131042, 400, 'permanent', 'PROVIDER.ACCOUNT_RESTRICTED'],
  ])('classifies error %d (HTTP %d) as %s %s', (code, status, kind, failure) => {
    expect(sut(response(status, graphError(code, `(#${code}) title`)))).toMatchObject({
      ok: false,
      provider: 'meta-cloud-api',
      kind,
      code: failure,
      providerCode: String(code),
      httpStatus: status,
    });
  });

  it('classifies an unknown code by its HTTP status', () => {
    expect(sut(response(503, graphError(999999, 'new')))).toMatchObject({ kind: 'retryable', code: 'PROVIDER.UNAVAILABLE' });
    expect(sut(response(400, graphError(999999, 'new')))).toMatchObject({ kind: 'permanent', code: 'PROVIDER.REJECTED' });
  });

  it('keeps Meta details and the subcode in the reason, with phone numbers masked', () => {
    const body = graphError(131026, '(#131026) Message Undeliverable', {
      error_subcode: 2494010,
      error_data: { messaging_product: 'whatsapp', details: 'Recipient +919876543210 cannot receive this message' },
    });
    const result = sut(response(400, body));
    expect(result).toMatchObject({
      reason: 'WhatsApp error 131026 (subcode 2494010), (#131026) Message Undeliverable: Recipient +91******3210 cannot receive this message',
    });
  });

  it("passes on the provider's Retry-After for retryable errors", () => {
    expect(sut(response(429, graphError(130429, 'Rate limit hit'), { 'retry-after': '2' }))).toMatchObject({ retryAfterMs: 2000 });
  });

  it('falls back to the HTTP status when the body is not a Graph error', () => {
    expect(sut(response(502, 'Bad Gateway'))).toMatchObject({ kind: 'retryable', code: 'PROVIDER.UNAVAILABLE', httpStatus: 502 });
    expect(sut(response(401, ''))).toMatchObject({ kind: 'permanent', code: 'PROVIDER.AUTH' });
  });
});

describe(whatsAppErrorRule.name, () => {
  it('knows the documented codes and not others', () => {
    expect(whatsAppErrorRule(131047)?.title).toContain('Re-engagement');
    expect(whatsAppErrorRule(42)).toBeUndefined();
  });
});

describe(whatsAppFailureFallsBack.name, () => {
  it.each([
    [131047, true],
    [131026, true],
    [132001, true],
    [130429, false],
    [131000, false],
    [424242, false],
  ])('%d → %s', (code, expected) => {
    expect(whatsAppFailureFallsBack(code)).toBe(expected);
  });
});
