import { assessSeverity, maxSeverity } from './severity';

describe(assessSeverity.name, () => {
  const sut = assessSeverity;

  it.each([
    ['प्रखंड अध्यक्ष के लोगों ने मारपीट की और धमकी दी', 'critical', ['मारपीट']],
    ['they attacked our worker', 'critical', ['attacked']],
    ['BDO ne rishwat maangi', 'high', ['rishwat']],
    ['जान से मारने की धमकी', 'critical', ['जान से मारने']],
    ['उत्पीड़न हो रहा है', 'high', ['उत्पीड़न']],
    ['राशन नहीं मिला', 'normal', []],
  ])('rates %j as %s', (text, severity, cues) => {
    expect(sut(text)).toEqual({ severity, cues });
  });

  it('keeps the higher of two severities', () => {
    expect(maxSeverity('normal', 'high')).toBe('high');
    expect(maxSeverity('critical', 'high')).toBe('critical');
  });
});
