import { maskAddress, redactPhones } from './redact';

describe(redactPhones.name, () => {
  it.each([
    ["The 'To' number +919876543210 is not a valid phone number.", "The 'To' number +91******3210 is not a valid phone number."],
    ['The phone number 919876543210 is not a valid phone number.', 'The phone number +91******3210 is not a valid phone number.'],
    ['send_to 98123 48765 refused', 'send_to +******8765 refused'],
    ['error 131047 at index 12', 'error 131047 at index 12'],
    ['no digits at all', 'no digits at all'],
  ])('%j → %j', (text, expected) => {
    expect(redactPhones(text)).toBe(expected);
  });

  it('never lets the whole number through', () => {
    expect(redactPhones('to=+91 98765-43210')).not.toContain('98765');
  });
});

describe(maskAddress.name, () => {
  it.each([
    ['+919876543210', '+91******3210'],
    ['IN.1648738043044942', 'IN.************4942'],
    ['US.ENT.11815799212886844830', 'US.ENT.****************4830'],
    ['app-user-20931', '***'],
  ])('%s → %s', (address, expected) => {
    expect(maskAddress(address)).toBe(expected);
  });
});
