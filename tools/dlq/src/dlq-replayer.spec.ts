import { selectedRanges as sut } from './dlq-replayer';
import { UsageError } from './errors';

describe(sut.name, () => {
  const topic = 'cc.intake.report-received.v1.dlq';
  const watermarks = [
    { partition: 0, low: 3, high: 10 },
    { partition: 1, low: 0, high: 0 },
    { partition: 2, low: 5, high: 6 },
  ];

  it('covers what every partition holds for --all, skipping empty ones', () => {
    expect(sut(topic, watermarks, { kind: 'all' })).toEqual([
      { topic, partition: 0, from: 3, to: 9 },
      { topic, partition: 2, from: 5, to: 5 },
    ]);
    expect(sut(topic, watermarks, { kind: 'all', partition: 2 })).toEqual([{ topic, partition: 2, from: 5, to: 5 }]);
  });

  it('takes a range or one offset as given when the partition holds it', () => {
    expect(sut(topic, watermarks, { kind: 'range', partition: 0, from: 3, to: 9 })).toEqual([{ topic, partition: 0, from: 3, to: 9 }]);
    expect(sut(topic, watermarks, { kind: 'offset', partition: 0, offset: 4 })).toEqual([{ topic, partition: 0, from: 4, to: 4 }]);
  });

  it.each([
    [{ kind: 'offset', partition: 0, offset: 2 } as const, `${topic} partition 0 holds offsets 3..9; offset 2 is not there`],
    [{ kind: 'range', partition: 0, from: 5, to: 10 } as const, `${topic} partition 0 holds offsets 3..9; offsets 5..10 is not there`],
    [{ kind: 'offset', partition: 1, offset: 0 } as const, `${topic} partition 1 is empty (next offset 0); offset 0 is not there`],
    [{ kind: 'offset', partition: 7, offset: 0 } as const, `${topic} has no partition 7`],
  ])('refuses %j as a usage error', (selection, message) => {
    expect(() => sut(topic, watermarks, selection)).toThrow(new UsageError(message));
  });
});
