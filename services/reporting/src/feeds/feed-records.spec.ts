import { AICC_FEED, feedCaseSchema, feedReportSchema, type ReportAttributed } from '@cc/contracts';
import { FeedPseudonyms } from './feed-pseudonyms';
import { feedCase, feedReport } from './feed-records';
import { mayConcernOfficeBearer } from './feed-redaction';
import { caseEvent, report, SENDER, WORKER } from './fixtures/feed.fixtures';

const pseudonyms = new FeedPseudonyms('feed-secret-for-unit-tests-0123456789');
const RECORD_ID = 'fr_abcdefghijklmnopqrstuvwxyz012345';
const PHONE_LIKE = /\+91|[6-9]\d{9}|[०-९]{10}/;
const ACCUSED = 'mbr_kanke0president';

const complaintAboutPresident = (overrides: Partial<ReportAttributed> = {}) =>
  report({
    text: 'प्रखंड अध्यक्ष जी ने राशन कार्ड के लिए पैसे मांगे, मेरा नंबर 9812348765',
    keywords: [{ category: 'office-bearer', matched: 'अध्यक्ष' }],
    location: { latitude: 23.43219, longitude: 85.36151, name: 'मेरा घर' },
    attribution: { memberId: WORKER, trust: 'verified-member', unitCode: 'JH-RAN-KANKE-P07', unitPath: ['IN', 'JH', 'JH-RAN', 'JH-RAN-KANKE', 'JH-RAN-KANKE-P07'], unitSource: 'member-home', posts: [] },
    ...overrides,
  });

describe(feedReport.name, () => {
  it('shows the reporter of a plain report as the feed’s pseudonym, never the member id or sender pseudonym', () => {
    const sut = feedReport(report(), 'JH', RECORD_ID, pseudonyms);
    expect(feedReportSchema.parse(sut)).toEqual(sut);
    expect(sut.reporter).toEqual({ shown: true, memberRef: pseudonyms.member('JH', WORKER), trust: 'verified-member', posts: [] });
    expect(JSON.stringify(sut)).not.toContain(WORKER);
    expect(JSON.stringify(sut)).not.toContain(SENDER);
  });

  it('removes phone-like numbers from the text, the declared subject and the keywords', () => {
    const sut = feedReport(
      report({
        text: 'BDO से मिलना है, संपर्क +91 98123 48765 या ०९८१२३४८७६५, बैठक 26-11-2026 को',
        declaredComplaint: { category: 'bdo-conduct', subject: 'BDO Kanke, call 98123-48765' },
      }),
      'JH',
      RECORD_ID,
      pseudonyms,
    );
    expect(sut.text).toBe('BDO से मिलना है, संपर्क [number removed] या [number removed], बैठक 26-11-2026 को');
    expect(sut.declaredComplaint).toEqual({ category: 'bdo-conduct', subject: 'BDO Kanke, call [number removed]' });
    expect(JSON.stringify(sut)).not.toMatch(PHONE_LIKE);
  });

  it('names a member id in free text by the feed’s pseudonym and drops a sender pseudonym', () => {
    const sut = feedReport(report({ text: `about ${ACCUSED}, from ${SENDER}` }), 'JH', RECORD_ID, pseudonyms);
    expect(sut.text).toBe(`about ${pseudonyms.member('JH', ACCUSED)}, from [sender removed]`);
  });

  it('withholds the reporter of what may be a complaint about an office-bearer, and everything that would point at them', () => {
    const sut = feedReport(complaintAboutPresident(), 'JH', RECORD_ID, pseudonyms);
    expect(feedReportSchema.parse(sut)).toEqual(sut);
    expect(sut.reporter).toEqual({ shown: false, trust: 'verified-member', reason: 'may-concern-office-bearer' });
    expect(sut.reportId).toBeUndefined();
    expect(sut.location).toBeUndefined();
    expect(sut.unitPath).toEqual(['IN', 'JH', 'JH-RAN']);
    expect(sut.unitCode).toBe('JH-RAN');
    const json = JSON.stringify(sut);
    for (const secret of [WORKER, pseudonyms.member('JH', WORKER), SENDER, 'JH-RAN-KANKE', complaintAboutPresident().reportId]) expect(json).not.toContain(secret);
    expect(json).not.toMatch(PHONE_LIKE);
  });

  it('rounds a shown reporter’s location to about a kilometre and keeps only media types', () => {
    const sut = feedReport(
      report({ location: { latitude: 23.43219, longitude: 85.36151, address: 'Ward 4' }, media: [{ type: 'image', providerMediaId: '1234567890', caption: 'call 9812348765' }] }),
      'JH',
      RECORD_ID,
      pseudonyms,
    );
    expect(sut.location).toEqual({ latitude: 23.43, longitude: 85.36 });
    expect(sut.media).toEqual([{ type: 'image' }]);
  });

  it('names each member differently on each feed, the same way every time', () => {
    expect(pseudonyms.member('JH', WORKER)).toBe(pseudonyms.member('JH', WORKER));
    expect(pseudonyms.member('JH', WORKER)).toMatch(/^mbrp_[A-Za-z0-9_-]{22}$/);
    expect(pseudonyms.member(AICC_FEED, WORKER)).not.toBe(pseudonyms.member('JH', WORKER));
    expect(new FeedPseudonyms('another-feed-secret-0123456789abcdef').member('JH', WORKER)).not.toBe(pseudonyms.member('JH', WORKER));
  });
});

describe(mayConcernOfficeBearer.name, () => {
  it.each([
    ['a post in Hindi', { text: 'जिलाध्यक्ष जी ने धमकी दी' }],
    ['a post with a zero-width joiner', { text: 'प्रखंड अध्\u200Dयक्ष ने पैसे मांगे' }],
    ['a post in Hinglish', { text: 'block adhyaksh ne paise maange' }],
    ['a post in English', { text: 'The district President threatened me' }],
    ['a member id', { text: `complaint about ${ACCUSED}` }],
    ['intake’s office-bearer hint', { text: 'शिकायत', keywords: [{ category: 'office-bearer', matched: 'पदाधिकारी' }] }],
    ['a declared office-bearer complaint', { text: 'see subject', declaredComplaint: { category: 'office-bearer-conduct' as const } }],
    ['a declared subject naming a post', { text: 'x', declaredComplaint: { category: 'bdo-conduct' as const, subject: 'BDO and the block secretary' } }],
    ['a caption naming a post', { text: '', media: [{ type: 'image' as const, caption: 'मंडल अध्यक्ष की करतूत' }] }],
  ])('counts %s', (_what, overrides) => {
    expect(mayConcernOfficeBearer(report(overrides))).toBe(true);
  });

  it.each([
    ['an activity report', { text: 'आज प्रखंड में बैठक हुई' }],
    ['a BDO complaint naming no office-bearer', { text: 'BDO ऑफिस में घूस मांगी गई, शिकायत', declaredComplaint: { category: 'bdo-conduct' as const, subject: 'BDO Kanke' } }],
  ])('does not count %s', (_what, overrides) => {
    expect(mayConcernOfficeBearer(report(overrides))).toBe(false);
  });
});

describe(feedCase.name, () => {
  it('leaves out whom grievance notifies and names the actor and the assignee by the feed’s pseudonyms', () => {
    const source = caseEvent('assigned', { actor: 'mbr_ranchi0convenor', assigneeId: 'mbr_ranchi0secretary', notify: { memberIds: ['mbr_ranchi0convenor'], desks: [], reporters: [SENDER], feeds: ['state'] } });
    const sut = feedCase(source, 'JH', RECORD_ID, pseudonyms);
    expect(feedCaseSchema.parse(sut)).toEqual(sut);
    expect(sut).toMatchObject({ type: 'assigned', caseId: source.caseId, actor: pseudonyms.member('JH', 'mbr_ranchi0convenor'), assigneeRef: pseudonyms.member('JH', 'mbr_ranchi0secretary'), stateCode: 'JH' });
    const json = JSON.stringify(sut);
    for (const secret of ['mbr_', SENDER, 'notify', 'eventId']) expect(json).not.toContain(secret);
  });

  it('keeps a system or reporter actor as it is', () => {
    expect(feedCase(caseEvent('opened', { actor: 'system' }), 'JH', RECORD_ID, pseudonyms).actor).toBe('system');
    expect(feedCase(caseEvent('reopened', { actor: 'reporter:R1' }), AICC_FEED, RECORD_ID, pseudonyms).actor).toBe('reporter:R1');
  });
});
