import { applyToObject } from './increments';
import { reportIncrements } from './report-contributions';

describe(reportIncrements.name, () => {
  it('counts a report on every unit of its path, by channel and category, and under the next unit down', () => {
    const sut = reportIncrements({ unitPath: ['IN', 'JH', 'JH-RAN', 'JH-RAN-KANKE'], day: '2026-11-26', channel: 'sms', category: 'none' });

    expect([...sut.keys()]).toEqual(['r|IN|2026-11', 'r|JH|2026-11', 'r|JH-RAN|2026-11', 'r|JH-RAN-KANKE|2026-11']);
    const district: Record<string, unknown> = {};
    applyToObject(district, sut.get('r|JH-RAN|2026-11')!);
    expect(district).toEqual({ d: { '26': { n: 1, ch: { sms: 1 }, cat: { none: 1 }, k: { 'JH-RAN-KANKE': { n: 1, ch: { sms: 1 } } } } } });
  });

  it('keeps a unit code with a dot one field', () => {
    const sut = reportIncrements({ unitPath: ['IN', 'JH', 'JH-RAN', 'JH-RAN-KANKE', 'LGD.345101'], day: '2026-11-26', channel: 'app', category: 'bdo-conduct' });

    expect(sut.get('r|JH-RAN-KANKE|2026-11')!.get('d.26.k.LGD~345101.n')).toBe(1);
  });
});
