import { parsePostKind, POST_KIND_NAMES, POST_KINDS, type PostKind } from './post-kind';

describe(parsePostKind.name, () => {
  const sut = parsePostKind;

  it.each<[string, PostKind]>([
    ['president', 'president'],
    ['President', 'president'],
    ['अध्यक्ष', 'president'],
    ['Adhyaksh', 'president'],
    ['vice-president', 'vice-president'],
    ['Vice President', 'vice-president'],
    ['VICE_PRESIDENT', 'vice-president'],
    ['उपाध्यक्ष', 'vice-president'],
    ['general secretary', 'general-secretary'],
    ['Mahasachiv', 'general-secretary'],
    ['महामंत्री', 'general-secretary'],
    ['सचिव', 'secretary'],
    ['कोषाध्यक्ष', 'treasurer'],
    ['Grievance Cell', 'grievance-convenor'],
    ['सदस्य', 'member'],
  ])('reads %j as %s', (text, kind) => {
    expect(sut(text)).toBe(kind);
  });

  it.each(['', 'king', 'presidents', 'vice'])('reads %j as no post', (text) => {
    expect(sut(text)).toBeUndefined();
  });

  it('finds every post by its own name and labels', () => {
    for (const kind of POST_KIND_NAMES) {
      expect([sut(kind), sut(POST_KINDS[kind].en), sut(POST_KINDS[kind].hi)]).toEqual([kind, kind, kind]);
    }
  });

  it('gives no two posts the same name', () => {
    const owners = new Map<string, Set<PostKind>>();
    for (const kind of POST_KIND_NAMES) {
      for (const name of [kind, POST_KINDS[kind].en, POST_KINDS[kind].hi, ...POST_KINDS[kind].aliases]) {
        const key = name.toLowerCase().replace(/[\s_-]+/g, ' ');
        owners.set(key, new Set([...(owners.get(key) ?? []), kind]));
      }
    }

    expect([...owners].filter(([, kinds]) => kinds.size > 1)).toEqual([]);
  });

  it('makes every post but member an office-bearer, and the president a single holder', () => {
    expect(POST_KIND_NAMES.filter((kind) => !POST_KINDS[kind].officeBearer)).toEqual(['member']);
    expect(POST_KINDS.president.singleHolder).toBe(true);
  });
});
