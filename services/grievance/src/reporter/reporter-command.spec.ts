import { transition, type Actor } from '../cases/case-lifecycle';
import { M } from '../org/fixtures/org.fixtures';
import { context, ok, rationCaseAtKanke, T0 } from '../opening/fixtures/case.fixtures';
import { days, hours } from '../shared/duration';
import { applyReporterCommand, parseReporterCommand } from './reporter-command';

const REF = 'JH-2026-7F3A9C21E4';

describe(parseReporterCommand.name, () => {
  const sut = parseReporterCommand;

  it.each([
    [`REOPEN ${REF}`, { type: 'reopen', reference: REF }],
    [`reopen ${REF.toLowerCase()}`, { type: 'reopen', reference: REF }],
    [`  Re-Open:  ${REF}  `, { type: 'reopen', reference: REF }],
    [`फिर से खोलें ${REF}`, { type: 'reopen', reference: REF }],
    [`APPEAL ${REF} block ne kuch nahi kiya`, { type: 'appeal', reference: REF, reason: 'block ne kuch nahi kiya' }],
    [`अपील ${REF}। काम नहीं हुआ`, { type: 'appeal', reference: REF, reason: 'काम नहीं हुआ' }],
    [`CLOSE ${REF}`, { type: 'close', reference: REF }],
    [`संतुष्ट ${REF}`, { type: 'close', reference: REF }],
  ])('reads %j', (text, expected) => {
    expect(sut(text)).toEqual(expected);
  });

  it.each([
    ['REOPEN', 'a keyword without a reference'],
    ['REOPEN please', 'a keyword and no reference'],
    [`REOPEN ${REF}X`, 'a reference running into other characters'],
    [`मेरा मामला ${REF} फिर से खोलें`, 'a reference in the middle of a sentence'],
    [`REOPENED ${REF}`, 'a longer word that starts like a keyword'],
    ['BDO के खिलाफ शिकायत', 'an ordinary report'],
    ['', 'nothing'],
    [undefined, 'no text (a photo)'],
  ])('ignores %j: %s', (text, _why) => {
    expect(sut(text)).toBeUndefined();
  });
});

describe(applyReporterCommand.name, () => {
  const ctx = context();
  const at = (ms: number) => new Date(T0.getTime() + ms);
  const convenor: Actor = { kind: 'member', memberId: M.kankeConvenor };
  const resolved = () => {
    const acknowledged = ok(transition(rationCaseAtKanke(), { type: 'acknowledge' }, convenor, at(hours(1)), ctx.policy)).case;
    return ok(transition(acknowledged, { type: 'resolve', outcome: 'actioned', note: 'ration delivered' }, convenor, at(hours(2)), ctx.policy)).case;
  };
  const reporterOf = (c: ReturnType<typeof resolved>) => c.reporters[0]!.senderKey;

  it('reopens at the same desk, as the reporter, with the default reason in the audit trail', () => {
    const c = resolved();
    const result = ok(applyReporterCommand(c, { type: 'reopen', reference: c.reference }, reporterOf(c), at(days(1)), ctx));

    expect(result.case).toMatchObject({ status: 'acknowledged', handler: { desk: c.handler.desk } });
    expect(result.case.audit.at(-1)).toMatchObject({ action: 'reopen', actor: 'reporter:R1', reason: expect.stringContaining('the reporter reopened the case from their channel') });
    expect(result.events.map(({ type }) => type)).toEqual(['reopened']);
  });

  it('appeals to the desk above, with the reporter’s own reason', () => {
    const c = resolved();
    const result = ok(applyReporterCommand(c, { type: 'appeal', reference: c.reference, reason: 'nothing was delivered' }, reporterOf(c), at(days(1)), ctx));

    expect(result.case).toMatchObject({ status: 'open', handler: { desk: { unitCode: 'JH-RAN' }, via: 'appeal' } });
    expect(result.case.audit.some((entry) => entry.reason?.includes('nothing was delivered'))).toBe(true);
  });

  it('closes a resolved case the reporter confirms', () => {
    const c = resolved();
    expect(ok(applyReporterCommand(c, { type: 'close', reference: c.reference }, reporterOf(c), at(days(1)), ctx)).case.status).toBe('closed');
  });

  it('refuses anyone who is not a reporter of the case, and a reopen after the window', () => {
    const c = resolved();
    expect(applyReporterCommand(c, { type: 'reopen', reference: c.reference }, 'snd_somebody_else_1', at(days(1)), ctx)).toMatchObject({ ok: false, code: 'CASE.NOT_REPORTER' });
    expect(applyReporterCommand(c, { type: 'reopen', reference: c.reference }, reporterOf(c), at(days(30)), ctx)).toMatchObject({ ok: false, code: 'CASE.REOPEN_WINDOW_CLOSED' });
  });
});
