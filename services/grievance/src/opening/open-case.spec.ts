import { caseEventSchema } from '@cc/contracts';
import { M, member, postHoldersWith } from '../org/fixtures/org.fixtures';
import { attributedReport } from '../recognition/fixtures/report.fixtures';
import { recogniseComplaint, type RecognisedComplaint } from '../recognition/recognise-complaint';
import { days, hours } from '../shared/duration';
import {
  BDO_FROM_PITHORIA,
  BLOCK_PRESIDENT_FROM_PITHORIA,
  context,
  FROM_KANKE,
  nextIds,
  opened,
  RATION_AT_KANKE,
  REPORTER_KEY,
  T0,
} from './fixtures/case.fixtures';
import { openCase } from './open-case';

const after = (ms: number) => new Date(T0.getTime() + ms);

describe(openCase.name, () => {
  const sut = openCase;

  it('opens a BDO complaint at the district grievance cell, on the state feed, and tells the desk and the reporter', () => {
    const { case: c, events } = opened(BDO_FROM_PITHORIA);

    expect(c).toMatchObject({
      status: 'open',
      category: 'bdo-conduct',
      subject: { kind: 'government-office', office: 'bdo' },
      partyUnit: { code: '345101', level: 'panchayat' },
      governmentUnitCode: 'JH-RAN-KANKE',
      handler: { desk: { kind: 'post', post: 'grievance-convenor', unitCode: 'JH-RAN' }, memberIds: [M.ranchiConvenor], via: 'rule', ruleId: 'bdo', ruleSetVersion: 1 },
      feeds: ['state'],
      reporterCount: 1,
      reporters: [{ pseudonym: 'R1', senderKey: REPORTER_KEY, memberId: M.worker, unitCode: '345101' }],
      guard: { excludedMemberIds: [], excludedUnitCodes: [] },
      version: 1,
      timers: { acknowledgeBy: after(hours(12)), resolveBy: after(days(5)), ceilingBy: after(days(21)) },
      dueAt: after(hours(9)), // the reminder, three quarters into the 12 hours to acknowledge
    });
    expect(c.audit).toEqual([
      { at: T0, actor: 'system', action: 'open', from: null, to: 'open', version: 1, reason: expect.stringContaining('rule bdo of rule set v1') },
    ]);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'opened',
        eventId: `${c.id}:1:opened`,
        desk: { kind: 'post', post: 'grievance-convenor', unitCode: 'JH-RAN', level: 'district' },
        notify: { memberIds: [M.ranchiConvenor], desks: [], reporters: [REPORTER_KEY], feeds: ['state'] },
        governmentUnitCode: 'JH-RAN-KANKE',
      }),
    ]);
    expect(caseEventSchema.parse(events[0])).toEqual(events[0]);
  });

  it('sends a complaint about the block president to the district president, and keeps it from him', () => {
    const { case: c, events } = opened(BLOCK_PRESIDENT_FROM_PITHORIA);

    expect(c).toMatchObject({
      category: 'office-bearer-conduct',
      subject: { kind: 'office-bearer', post: 'president', level: 'block', unitCodes: ['JH-RAN-KANKE'], memberIds: [M.kankePresident], certain: true },
      partyUnit: { code: 'JH-RAN-KANKE', level: 'block' },
      guard: { excludedMemberIds: [M.kankePresident], excludedUnitCodes: ['JH-RAN-KANKE'] },
      handler: { desk: { post: 'president', unitCode: 'JH-RAN' }, memberIds: [M.ranchiPresident], ruleId: 'office-bearer' },
    });
    expect(JSON.stringify(events)).not.toContain(M.kankePresident);
  });

  it('resolves the post to whoever held it when the complaint was made, not to who holds it now', () => {
    const { case: c } = opened(BLOCK_PRESIDENT_FROM_PITHORIA, { report: { receivedAt: '2024-06-01T00:00:00.000Z' } });

    expect(c.subject).toMatchObject({ memberIds: [M.kankeFormerPresident] });
    expect(c.guard.excludedMemberIds).toEqual([M.kankeFormerPresident]);
  });

  it('passes over every committee the accused sits on, up to the state HQ', () => {
    const posts = postHoldersWith(
      member(M.kankePresident, 'JH-RAN-KANKE', [
        { unitCode: 'JH-RAN-KANKE', post: 'president' },
        { unitCode: 'JH-RAN', post: 'general-secretary' },
      ]),
    );

    const { case: c } = opened(BLOCK_PRESIDENT_FROM_PITHORIA, { ctx: context({ posts }) });

    expect(c.guard.excludedUnitCodes).toEqual(['JH-RAN', 'JH-RAN-KANKE']);
    expect(c.handler).toMatchObject({ desk: { kind: 'role', role: 'state-hq', unitCode: 'JH' }, memberIds: [], via: 'fallback' });
    expect(c.feeds).toEqual(['state']);
    expect(c.audit[0].reason).toContain('JH-RAN skipped (conflict-of-interest)');
  });

  it('keeps a complaint about "the president" away from every president on the reporter’s path, so the state HQ reads it', () => {
    const { case: c } = opened('अध्यक्ष जी पैसे मांगते हैं, शिकायत');

    expect(c.subject).toMatchObject({ kind: 'office-bearer', post: 'president', unitCodes: ['JH-RAN', 'JH-RAN-KANKE', '345101'], certain: false });
    expect(c.guard.excludedMemberIds).toEqual([M.kankePresident, M.pithoriaPresident, M.ranchiPresident].sort());
    expect(c.handler.desk).toMatchObject({ kind: 'role', role: 'state-hq', unitCode: 'JH' });
  });

  it('opens a ration complaint at the reporter’s own block grievance cell', () => {
    const { case: c } = opened(RATION_AT_KANKE, { report: FROM_KANKE });

    expect(c).toMatchObject({ category: 'government-service', subject: { kind: 'none' }, partyUnit: { code: 'JH-RAN-KANKE' } });
    expect(c.handler).toMatchObject({ desk: { post: 'grievance-convenor', unitCode: 'JH-RAN-KANKE' }, memberIds: [M.kankeConvenor] });
    expect(c.timers).toEqual({ acknowledgeBy: after(days(1)), resolveBy: after(days(3)), ceilingBy: after(days(21)), remindAt: after(hours(18)) });
  });

  it('shortens the clocks of a critical complaint', () => {
    const { case: c } = opened(`${RATION_AT_KANKE}, और मारपीट की`, { report: FROM_KANKE });

    expect(c.severity).toBe('critical');
    expect(c.timers).toMatchObject({ acknowledgeBy: after(hours(6)), resolveBy: after(hours(18)) });
  });

  it('keeps media as attachments by reference, with the reporter’s pseudonym', () => {
    const { case: c } = opened(RATION_AT_KANKE, {
      report: {
        ...FROM_KANKE,
        media: [
          { type: 'image', providerMediaId: 'wa-media-1', mimeType: 'image/jpeg' },
          { type: 'document', url: 'http://insecure.example/doc.pdf' },
        ],
      },
    });

    expect(c.attachments).toEqual([
      { id: `${c.reports[0].reportId}/1`, type: 'image', providerMediaId: 'wa-media-1', mimeType: 'image/jpeg', addedBy: 'reporter:R1', addedAt: T0 },
    ]);
  });

  it('places a reporter in the nearest unit it knows when the read model has not caught up', () => {
    const report = attributedReport({
      text: RATION_AT_KANKE,
      attribution: { trust: 'unknown', unitCode: '999999', unitPath: ['IN', 'JH', 'JH-RAN', 'JH-RAN-KANKE', '999999'], unitSource: 'declared', posts: [] },
    });

    const result = sut({ ...nextIds(), report, recognition: recogniseComplaint(report) as RecognisedComplaint, at: T0 }, context());

    expect(result).toMatchObject({ ok: true, case: { partyUnit: { code: 'JH-RAN-KANKE' }, reporters: [{ trust: 'unknown', unitCode: 'JH-RAN-KANKE' }] } });
  });

  it('refuses a reporter in no known unit, and a malformed id', () => {
    const report = attributedReport({
      text: RATION_AT_KANKE,
      attribution: { trust: 'unknown', unitCode: 'XX', unitPath: ['XX'], unitSource: 'unassigned', posts: [] },
    });
    const recognition = recogniseComplaint(report) as RecognisedComplaint;

    expect(sut({ ...nextIds(), report, recognition, at: T0 }, context())).toMatchObject({ ok: false, code: 'CASE.UNKNOWN_UNIT' });
    expect(sut({ caseId: 'nope', reference: 'JH-1', report, recognition, at: T0 }, context())).toMatchObject({ ok: false, code: 'CASE.INVALID_ID' });
  });

  it('publishes no phone number, even when the complaint text holds one', () => {
    const { events } = opened(`${BDO_FROM_PITHORIA}, मेरा नंबर +91 98123 48765`);

    expect(JSON.stringify(events)).not.toMatch(/98123|48765/);
    expect(() => caseEventSchema.parse(events[0])).not.toThrow();
  });
});
