import { hasPhoneLike, redactPhoneLike } from './phone-redaction';

describe(redactPhoneLike.name, () => {
  it.each([
    ['call me on 9812348765', 'call me on [number removed]'],
    ['मेरा नंबर +91 98123 48765 है', 'मेरा नंबर [number removed] है'],
    ['+91-98123-48765', '[number removed]'],
    ['०९८१२३४८७६५ पर फोन करें', '[number removed] पर फोन करें'],
    ['landline 0651 2345678', 'landline [number removed]'],
  ])('removes the number from %j', (text, expected) => {
    expect(redactPhoneLike(text)).toBe(expected);
  });

  it.each(['on 26-11-2026 at 10:30', 'ward 12, 400 families', 'reference JH-2026-000123'])('leaves %j alone', (text) => {
    expect(redactPhoneLike(text)).toBe(text);
    expect(hasPhoneLike(text)).toBe(false);
  });
});
