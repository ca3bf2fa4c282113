import { applyOptOut, parseOptOutKeyword } from './opt-out';

describe(parseOptOutKeyword.name, () => {
  it.each([
    ['STOP', 'opt-out', 'channel'],
    ['stop.', 'opt-out', 'channel'],
    [' Stop! ', 'opt-out', 'channel'],
    ['UNSUBSCRIBE', 'opt-out', 'channel'],
    ['बंद', 'opt-out', 'channel'],
    ['बन्द', 'opt-out', 'channel'],
    ['बंद करें।', 'opt-out', 'channel'],
    ['रोकें', 'opt-out', 'channel'],
    ['रोकेँ', 'opt-out', 'channel'],
    ['Band karo', 'opt-out', 'channel'],
    ['STOP ALL', 'opt-out', 'all'],
    ['stopall', 'opt-out', 'all'],
    ['सब बंद', 'opt-out', 'all'],
    ['START', 'opt-in', 'channel'],
    ['शुरू', 'opt-in', 'channel'],
    ['चालू करें', 'opt-in', 'channel'],
    ['start all', 'opt-in', 'all'],
  ])('%j → %s (%s)', (text, action, scope) => {
    expect(parseOptOutKeyword(text)).toEqual({ action, scope });
  });

  it.each(['BDO ne kaam band kar diya', 'stop the BDO', 'प्रखंड कार्यालय बंद है', 'please stop', 'started', '', 'STOP '.repeat(10)])(
    '%j is not a command',
    (text) => {
      expect(parseOptOutKeyword(text)).toBeUndefined();
    },
  );
});

describe(applyOptOut.name, () => {
  it('opts out of the channel the keyword came on', () => {
    expect(applyOptOut(new Set(), { action: 'opt-out', scope: 'channel' }, 'sms')).toEqual(new Set(['sms']));
  });

  it('opts out of every channel with STOP ALL, and back in with START ALL', () => {
    const all = applyOptOut(new Set(['sms']), { action: 'opt-out', scope: 'all' }, 'whatsapp');
    expect(all).toEqual(new Set(['whatsapp', 'sms', 'app']));
    expect(applyOptOut(all, { action: 'opt-in', scope: 'all' }, 'sms')).toEqual(new Set());
  });

  it('opts back in on one channel only', () => {
    expect(applyOptOut(new Set(['whatsapp', 'sms']), { action: 'opt-in', scope: 'channel' }, 'whatsapp')).toEqual(new Set(['sms']));
  });

  it('leaves the given set alone', () => {
    const before = new Set<'sms'>(['sms']);
    applyOptOut(before, { action: 'opt-in', scope: 'channel' }, 'sms');
    expect(before).toEqual(new Set(['sms']));
  });
});
