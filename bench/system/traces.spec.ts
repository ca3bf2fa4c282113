import { stepFigures, type Trace, verdict } from './traces';

const fed = (acceptedAt: number, feedReadAt: number, extra: Partial<Trace> = {}): Trace => ({
  step: 0,
  sentAt: acceptedAt - 10,
  acceptedAt,
  reportId: `r${acceptedAt}`,
  receivedTs: acceptedAt - 2,
  attributedTs: acceptedAt + 100,
  feedTs: feedReadAt - 5,
  feedReadAt,
  ...extra,
});

describe('stepFigures', () => {
  it('measures end to end from the 2xx to the feed read, and each stage between its records', () => {
    const figures = stepFigures([fed(1000, 1200), fed(2000, 2600, { caseOpenedTs: 2150 })]);
    expect(figures).toMatchObject({ reports: 2, fed: 2, notFed: 0, complaintsOpened: 1 });
    expect(figures.endToEnd).toMatchObject({ count: 2, p50: 200, max: 600 });
    expect(figures.stages.intakeAnswer.p50).toBe(10);
    expect(figures.stages.membership.max).toBe(102);
    expect(figures.stages.grievanceCase).toMatchObject({ count: 1, max: 50 });
    expect(figures.stages.feedToReader.max).toBe(5);
  });

  it('counts an accepted report missing from the feed as infinitely late, so that a loss cannot lower the p99', () => {
    const traces = [...Array.from({ length: 99 }, (_, i) => fed(i * 10, i * 10 + 100)), { step: 0, sentAt: 0, acceptedAt: 5, reportId: 'lost' }];
    const figures = stepFigures(traces);
    expect(figures).toMatchObject({ reports: 100, fed: 99, notFed: 1 });
    expect(figures.endToEnd.p99).toBe(100);
    expect(figures.endToEnd.max).toBe(Infinity);
  });

  it('leaves out messages that were never accepted', () => {
    expect(stepFigures([{ step: 0, sentAt: 0 }, fed(10, 20)])).toMatchObject({ reports: 1, fed: 1 });
  });
});

describe('verdict', () => {
  const figures = stepFigures(Array.from({ length: 200 }, (_, i) => fed(i, i + 300)));

  it('keeps up when everything offered was taken, fed, and the p99 is under the target', () => {
    expect(verdict({ figures, sent: 250, accepted: 250, missed: 0, targetP99Ms: 1000 })).toEqual({ keptUp: true, reasons: [] });
  });

  it('falls behind on a p99 at the target, refusals over 0.5%, late sends or reports not fed', () => {
    expect(verdict({ figures, sent: 250, accepted: 250, missed: 0, targetP99Ms: 300 }).reasons).toEqual(['end-to-end p99 300 ms ≥ 300 ms']);
    expect(verdict({ figures, sent: 1000, accepted: 994, missed: 0, targetP99Ms: 1000 }).reasons).toEqual(['6 of 1000 messages not answered 2xx']);
    expect(verdict({ figures, sent: 1000, accepted: 995, missed: 0, targetP99Ms: 1000 }).keptUp).toBe(true);
    expect(verdict({ figures, sent: 250, accepted: 250, missed: 3, targetP99Ms: 1000 }).reasons).toEqual(['3 sends missed their time (every connection busy)']);
    const lost = stepFigures([fed(0, 100), { step: 0, sentAt: 0, acceptedAt: 1 }]);
    expect(verdict({ figures: lost, sent: 2, accepted: 2, missed: 0, targetP99Ms: 1000 }).reasons).toEqual([
      '1 accepted reports not on the state feed by the drain deadline',
      'end-to-end p99 ∞ ≥ 1000 ms',
    ]);
  });
});
