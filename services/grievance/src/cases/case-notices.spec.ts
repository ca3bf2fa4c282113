import { M } from '../org/fixtures/org.fixtures';
import { BLOCK_PRESIDENT_FROM_PITHORIA, opened, REPORTER_KEY } from '../opening/fixtures/case.fixtures';
import type { Desk } from './case';
import { deskFeeds, recipientsFor } from './case-notices';

describe(recipientsFor.name, () => {
  const c = opened(BLOCK_PRESIDENT_FROM_PITHORIA).case;
  const kankeHq: Desk = { kind: 'role', role: 'state-hq', unitCode: 'JH-RAN-KANKE', level: 'block', unitPath: ['IN', 'JH', 'JH-RAN', 'JH-RAN-KANKE'] };
  const jharkhandHq: Desk = { kind: 'role', role: 'state-hq', unitCode: 'JH', level: 'state', unitPath: ['IN', 'JH'] };

  it('drops whoever the case names and any desk inside an excluded unit, whoever asked for them', () => {
    expect(recipientsFor(c, { memberIds: [M.kankePresident, M.ranchiPresident, undefined, M.ranchiPresident], desks: [kankeHq, jharkhandHq, c.handler.desk], reporters: true, feeds: ['state', 'state'] })).toEqual({
      memberIds: [M.ranchiPresident],
      desks: [{ kind: 'role', role: 'state-hq', unitCode: 'JH', level: 'state' }],
      reporters: [REPORTER_KEY],
      feeds: ['state'],
    });
  });

  it('tells only the reporters asked for', () => {
    expect(recipientsFor(c, { reporterKeys: ['snd_somebody_else_1'] }).reporters).toEqual([]);
    expect(recipientsFor(c, { reporterKeys: [REPORTER_KEY] }).reporters).toEqual([REPORTER_KEY]);
  });
});

describe(deskFeeds.name, () => {
  it('puts state HQ cases on the state feed, AICC cases on both', () => {
    expect(deskFeeds({ level: 'district' })).toEqual([]);
    expect(deskFeeds({ level: 'state' })).toEqual(['state']);
    expect(deskFeeds({ level: 'national' })).toEqual(['state', 'national']);
  });
});
