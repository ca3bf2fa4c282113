import { caseEventSchema } from '@cc/contracts';
import { M } from '../org/fixtures/org.fixtures';
import { BDO_FROM_PITHORIA, FROM_KANKE, ok, opened, OTHER_REPORTER_KEY, rationCaseAtKanke, REPORTER_KEY, T0 } from '../opening/fixtures/case.fixtures';
import { DEFAULT_SLA_POLICY } from '../sla/sla-policy';
import { hours } from '../shared/duration';
import { transition } from './case-lifecycle';
import { mergeCases } from './case-merge';

const policy = DEFAULT_SLA_POLICY;
const later = new Date(T0.getTime() + hours(2));

describe(mergeCases.name, () => {
  const sut = mergeCases;

  it('folds a duplicate into the target: reports kept, reporters counted once each, the duplicate closed with a pointer', () => {
    const target = opened(BDO_FROM_PITHORIA).case;
    const duplicate = opened('BDO sahab office nahi aate, complaint', { report: { ...FROM_KANKE, media: [{ type: 'image', providerMediaId: 'wa-1' }] } }).case;

    const result = ok(sut(target, duplicate, M.ranchiConvenor, later, policy));

    expect(result.target).toMatchObject({
      status: 'open',
      version: 2,
      reporterCount: 2,
      reporters: [{ pseudonym: 'R1', senderKey: REPORTER_KEY }, { pseudonym: 'R2', senderKey: OTHER_REPORTER_KEY }],
      mergedFrom: [duplicate.id],
      attachments: [expect.objectContaining({ providerMediaId: 'wa-1', addedBy: 'reporter:R1' })],
    });
    expect(result.target.reports.map(({ reporter }) => reporter)).toEqual(['R1', 'R2']);
    expect(result.duplicate).toMatchObject({
      status: 'closed',
      closedAs: 'merged',
      mergedInto: { caseId: target.id, reference: target.reference },
      version: 2,
      timers: {},
    });
    expect(result.duplicate.audit.at(-1)).toMatchObject({ action: 'merge', from: 'open', to: 'closed', actor: M.ranchiConvenor, reason: `merged into ${target.reference}` });
    expect(result.target.audit.at(-1)).toMatchObject({ action: 'absorb', reason: `merged ${duplicate.reference}: 1 more reporter(s), 1 more report(s)` });
  });

  it('tells the duplicate’s reporters where their complaint went, and the desks', () => {
    const target = opened(BDO_FROM_PITHORIA).case;
    const duplicate = opened('BDO complaint', { report: FROM_KANKE }).case;

    const { events } = ok(sut(target, duplicate, M.ranchiConvenor, later, policy));

    expect(events.target).toEqual([
      expect.objectContaining({ type: 'merged', mergedCaseId: duplicate.id, reporterCount: 2, notify: expect.objectContaining({ reporters: [OTHER_REPORTER_KEY] }) }),
    ]);
    expect(events.duplicate).toEqual([expect.objectContaining({ type: 'closed', closedAs: 'merged', mergedInto: { caseId: target.id, reference: target.reference } })]);
    for (const event of [...events.target, ...events.duplicate]) expect(() => caseEventSchema.parse(event)).not.toThrow();
  });

  it('counts a reporter who complained twice once', () => {
    const target = opened(BDO_FROM_PITHORIA).case;
    const again = opened('BDO complaint, again', { at: later }).case;

    const result = ok(sut(target, again, M.ranchiConvenor, later, policy));

    expect(result.target.reporterCount).toBe(1);
    expect(result.target.reports).toHaveLength(2);
  });

  it('keeps the higher severity and every exclusion of both', () => {
    const target = opened(BDO_FROM_PITHORIA).case;
    const duplicate = opened('BDO ne rishwat maangi, block president bhi saath the, complaint', { report: FROM_KANKE }).case;

    const result = ok(sut(target, duplicate, M.ranchiConvenor, later, policy));

    expect(result.target.severity).toBe('high');
    expect(result.target.guard).toEqual({ excludedMemberIds: [M.kankePresident], excludedUnitCodes: ['JH-RAN-KANKE'] });
  });

  it('finishes a merge interrupted after the target was written: only the duplicate is left to close', () => {
    const target = opened(BDO_FROM_PITHORIA).case;
    const duplicate = opened('BDO complaint', { report: FROM_KANKE }).case;
    const first = ok(sut(target, duplicate, M.ranchiConvenor, later, policy));

    const retried = ok(sut(first.target, duplicate, M.ranchiConvenor, later, policy));

    expect(retried.changed).toEqual({ target: false, duplicate: true });
    expect(retried.target).toBe(first.target);
    expect(retried.target.reporterCount).toBe(2);
    expect(retried.events.target).toEqual([]);
    expect(retried.duplicate).toMatchObject({ status: 'closed', closedAs: 'merged' });
    expect(ok(sut(retried.target, retried.duplicate, M.ranchiConvenor, later, policy)).changed).toEqual({ target: false, duplicate: false });
  });

  it.each([
    ['into itself', 'CASE.MERGE_SAME_CASE'],
    ['across categories', 'CASE.MERGE_CATEGORY_MISMATCH'],
    ['into a resolved case', 'CASE.MERGE_NOT_OPEN'],
  ])('refuses a merge %s', (scenario, code) => {
    const bdo = opened(BDO_FROM_PITHORIA).case;
    const other = scenario === 'across categories' ? rationCaseAtKanke() : opened('BDO complaint', { report: FROM_KANKE }).case;
    const target =
      scenario === 'into a resolved case'
        ? ok(transition(ok(transition(bdo, { type: 'acknowledge' }, { kind: 'member', memberId: M.ranchiConvenor }, later, policy)).case, { type: 'resolve', outcome: 'actioned', note: 'done' }, { kind: 'member', memberId: M.ranchiConvenor }, later, policy)).case
        : bdo;

    expect(sut(target, scenario === 'into itself' ? target : other, M.ranchiConvenor, later, policy)).toMatchObject({ ok: false, code });
  });

  it('refuses a merge that would hand the combined case to someone the duplicate names', () => {
    const target = rationCaseAtKanke();
    const duplicate = opened('प्रखंड अध्यक्ष राशन कार्ड नहीं बनने दे रहे', { report: { declaredComplaint: { category: 'government-service' } } }).case;

    expect(duplicate.guard.excludedUnitCodes).toEqual(['JH-RAN-KANKE']);
    expect(sut(target, duplicate, M.ranchiConvenor, later, policy)).toMatchObject({ ok: false, code: 'CASE.CONFLICT_OF_INTEREST' });
    expect(sut(duplicate, target, M.kankePresident, later, policy)).toMatchObject({ ok: false, code: 'CASE.CONFLICT_OF_INTEREST' });
  });
});
