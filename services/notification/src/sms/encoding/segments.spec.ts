import { gsm7Septets, smsEncodingOf } from './gsm7';
import { countSmsSegments } from './segments';

describe(smsEncodingOf.name, () => {
  it.each([
    ['Your report CC-2026-000123 is received.', 'GSM-7'],
    ['Price: 10€ [approx] {x} ~y | z ^ \\', 'GSM-7'],
    ['Grüße aus Köln, señor', 'GSM-7'],
    ['आपकी रिपोर्ट मिल गई', 'UCS-2'],
    ['Report received 👍', 'UCS-2'],
    ['français ç', 'UCS-2'],
    ['`backtick`', 'UCS-2'],
    ['', 'GSM-7'],
  ] as const)('%j is %s', (text, encoding) => {
    expect(smsEncodingOf(text)).toBe(encoding);
  });
});

describe(gsm7Septets.name, () => {
  it.each([
    ['A', 1],
    ['@', 1],
    ['\n', 1],
    ['€', 2],
    ['{', 2],
    ['\f', 2],
    ['\u001b', undefined],
    ['क', undefined],
  ] as const)('%j takes %s', (char, septets) => {
    expect(gsm7Septets(char)).toBe(septets);
  });
});

describe(countSmsSegments.name, () => {
  const sut = countSmsSegments;

  it.each([
    ['', 0, 0],
    ['a'.repeat(1), 1, 1],
    ['a'.repeat(160), 160, 1],
    ['a'.repeat(161), 161, 2],
    ['a'.repeat(306), 306, 2],
    ['a'.repeat(307), 307, 3],
    ['a'.repeat(459), 459, 3],
  ])('GSM-7 of %# characters', (text, units, segments) => {
    expect(sut(text)).toMatchObject({ encoding: 'GSM-7', units, segments });
  });

  it('counts an extension character as two septets', () => {
    expect(sut(`${'a'.repeat(158)}€`)).toMatchObject({ units: 160, segments: 1, remaining: 0 });
    expect(sut(`${'a'.repeat(159)}€`)).toMatchObject({ units: 161, segments: 2 });
  });

  it('never splits an escape sequence across parts', () => {
    // 152 septets, then € (2): it does not fit in part one's last septet, so part one carries 152.
    const text = `${'a'.repeat(152)}€${'a'.repeat(152)}`;
    expect(sut(text)).toMatchObject({ units: 306, segments: 3 });
  });

  it.each([
    ['क'.repeat(70), 70, 1],
    ['क'.repeat(71), 71, 2],
    ['क'.repeat(134), 134, 2],
    ['क'.repeat(135), 135, 3],
  ])('UCS-2 of %# characters', (text, units, segments) => {
    expect(sut(text)).toMatchObject({ encoding: 'UCS-2', units, segments });
  });

  it('counts Devanagari combining marks as characters of their own', () => {
    // कि = क + ि: two code units.
    expect(sut('कि'.repeat(35))).toMatchObject({ encoding: 'UCS-2', units: 70, segments: 1 });
  });

  it('counts a surrogate pair as two units and never splits it', () => {
    expect(sut('😀'.repeat(35))).toMatchObject({ units: 70, segments: 1 });
    // 66 units, then a pair: 68 would overflow the 67-unit part, so it moves to part two.
    const text = `${'क'.repeat(66)}😀${'क'.repeat(66)}`;
    expect(sut(text)).toMatchObject({ units: 134, segments: 3 });
  });

  it('turns a single Devanagari letter into UCS-2 for the whole text', () => {
    expect(sut(`${'a'.repeat(100)}क`)).toMatchObject({ encoding: 'UCS-2', units: 101, segments: 2 });
  });
});
