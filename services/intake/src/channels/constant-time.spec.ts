import { constantTimeEqual } from './constant-time';

describe(constantTimeEqual.name, () => {
  it('is true only for identical strings, whatever their lengths', () => {
    expect(constantTimeEqual('s3cret', 's3cret')).toBe(true);
    expect(constantTimeEqual('s3cret', 's3creT')).toBe(false);
    expect(constantTimeEqual('s3cret', 's3cret!')).toBe(false);
    expect(constantTimeEqual('', 's3cret')).toBe(false);
    expect(constantTimeEqual('टोकन', 'टोकन')).toBe(true);
  });
});
