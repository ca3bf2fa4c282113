import { CaseAssignedEvent, CaseEscalatedEvent, type CaseEvent, CaseOpenedEvent, CaseResolvedEvent, CaseEventTypes, ReportReceivedEvent } from '@cc/contracts';
import { bundledTemplates } from '../templates/fixtures';
import { CASE_NOTICE_RULES, caseNotices, reportNotice, reportReferenceOf } from './case-notices';

const REPORTER = 'snd_7a4c1e9b2d3f5a6c';
const CONVENOR = 'mbr_4f7d2c9a1b3e5d6f';
const ASSIGNEE = 'mbr_9a8b7c6d5e4f3a2b';
const HQ_MEMBER = 'mbr_0000000000hqstaff';
const noPosts = () => undefined;

describe(caseNotices.name, () => {
  it('tells the desk of a new case and not the reporter, who had the acknowledgement', () => {
    const sut = caseNotices(CaseOpenedEvent.example as CaseEvent, noPosts);
    expect(sut).toEqual([{ templateKey: 'case-new-in-queue', recipient: { kind: 'member', memberId: CONVENOR }, facts: expect.objectContaining({ reference: 'JH-2026-7F3A9C21', category: 'bdo-conduct', unitCode: 'JH-RAN-KANKE' }) }]);
  });

  it('tells the reporter who handles an assigned case, and only the assignee that it is theirs', () => {
    const event = { ...CaseAssignedEvent.example, notify: { ...CaseAssignedEvent.example.notify, memberIds: [CONVENOR, ASSIGNEE] } } as CaseEvent;
    const sut = caseNotices(event, noPosts);
    expect(sut.map((notice) => [notice.templateKey, notice.recipient])).toEqual([
      ['case-assigned', { kind: 'reporter', senderKey: REPORTER }],
      ['case-new-in-queue', { kind: 'member', memberId: ASSIGNEE }],
    ]);
    expect(sut[0]?.facts.desk).toEqual(event.desk);
  });

  it('gives a case sent up by hand to the holders of the desk it went to, and nothing to the previous handler', () => {
    const to = { kind: 'post' as const, unitCode: 'JH', level: 'state' as const, post: 'grievance-convenor' as const };
    const event = { ...CaseEscalatedEvent.example, reason: 'manual', missedDeadline: undefined, to, desk: to, notify: { ...CaseEscalatedEvent.example.notify, memberIds: [CONVENOR, HQ_MEMBER] } } as CaseEvent;
    const posts = new Map([[HQ_MEMBER, [{ unitCode: 'JH', post: 'grievance-convenor' as const }]], [CONVENOR, [{ unitCode: 'JH-RAN', post: 'grievance-convenor' as const }]]]);
    const sut = caseNotices(event, (memberId) => posts.get(memberId));
    expect(sut.map((notice) => [notice.templateKey, notice.recipient])).toEqual([
      ['case-escalated', { kind: 'reporter', senderKey: REPORTER }],
      ['case-escalated-to-you', { kind: 'member', memberId: HQ_MEMBER }],
    ]);
    expect(sut[0]?.facts).toMatchObject({ desk: to, fromUnitCode: 'JH-RAN' });
  });

  it('tells the previous desk it missed its deadline when the SLA moved the case, with the deadline it missed', () => {
    const to = { kind: 'post' as const, unitCode: 'JH', level: 'state' as const, post: 'grievance-convenor' as const };
    const missedDeadline = '2026-03-03T04:00:00.000Z';
    const event = {
      ...CaseEscalatedEvent.example,
      to,
      desk: to,
      dueAt: '2026-03-04T04:00:00.000Z',
      missedDeadline,
      notify: { ...CaseEscalatedEvent.example.notify, memberIds: [CONVENOR, HQ_MEMBER] },
    } as CaseEvent;
    const posts = new Map([[HQ_MEMBER, [{ unitCode: 'JH', post: 'grievance-convenor' as const }]], [CONVENOR, [{ unitCode: 'JH-RAN', post: 'grievance-convenor' as const }]]]);
    const sut = caseNotices(event, (memberId) => posts.get(memberId));
    expect(sut.map((notice) => [notice.templateKey, notice.recipient, notice.facts.dueAt])).toEqual([
      ['case-escalated', { kind: 'reporter', senderKey: REPORTER }, '2026-03-04T04:00:00.000Z'],
      ['deadline-breached', { kind: 'member', memberId: CONVENOR }, missedDeadline],
      ['case-escalated-to-you', { kind: 'member', memberId: HQ_MEMBER }, '2026-03-04T04:00:00.000Z'],
    ]);
  });

  it('never tells anyone grievance left out of notify', () => {
    const event = { ...CaseResolvedEvent.example, notify: { memberIds: [], desks: [], reporters: [], feeds: [] } } as CaseEvent;
    expect(caseNotices(event, noPosts)).toEqual([]);
  });

  it('names only templates the catalogue has, for every case event type', () => {
    const { catalogue } = bundledTemplates();
    for (const type of CaseEventTypes) {
      const rule = CASE_NOTICE_RULES[type];
      for (const key of [rule.reporters, ...(rule.members ?? []).map(({ templateKey }) => templateKey)].filter(Boolean)) expect(catalogue.get(key as string)).toBeDefined();
    }
  });
});

describe(reportNotice.name, () => {
  it('acknowledges a report to its sender on the channel it came on, with a reference that fits a DLT variable', () => {
    const sut = reportNotice(ReportReceivedEvent.example);
    expect(sut).toEqual({ templateKey: 'report-acknowledged', recipient: { kind: 'reporter', senderKey: REPORTER }, facts: { reference: 'R-3F1C2A9E8D4B' }, preferredChannel: 'whatsapp' });
    expect(reportReferenceOf('3f1c2a9e-8d4b-4e2a-9c1f-0a6b7d5e4c3b').length).toBeLessThanOrEqual(30);
  });
});
