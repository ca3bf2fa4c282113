import { DEAD_LETTER_CATALOGUE, DeadLetterHeaders } from '@cc/contracts';
import type { DeadLetter } from './dead-letter';
import type { ReplayPlan } from './dlq-replayer';
import { deadLetterJson, formatDeadLetter, formatListing, formatPlan, oneLine, safeText, type TopicListing } from './format';

const dlq = DEAD_LETTER_CATALOGUE[0];

const deadLetter: DeadLetter = {
  topic: dlq.name,
  partition: 0,
  offset: 7,
  timestamp: '2026-11-26T10:00:00.100Z',
  key: Buffer.from('snd_7a4c1e9b2d3f5a6c'),
  value: Buffer.from('{"reportId":"not-a-uuid","text":"प्रखंड कार्यालय"}'),
  headers: {
    ce_type: Buffer.from('org.connectcenter.intake.report.received.v1'),
    [DeadLetterHeaders.reason]: Buffer.from('schema: reportId: Invalid UUID'),
    [DeadLetterHeaders.sourceTopic]: Buffer.from(dlq.source),
  },
};

describe(formatListing.name, () => {
  const listing: TopicListing = {
    topic: dlq.name,
    source: dlq.source,
    exists: true,
    count: 12,
    partitions: [{ partition: 0, low: 0, high: 12 }],
    deadLetters: [
      {
        topic: dlq.name,
        partition: 0,
        offset: 11,
        timestamp: '2026-11-26T10:00:00.100Z',
        failedAt: '2026-11-26T10:00:00.000Z',
        sourceTopic: dlq.source,
        sourcePartition: '4',
        sourceOffset: '1234',
        consumerGroup: 'connect-center-reporting',
        reason: `schema: reportId: Invalid UUID;\n channel: ${'x'.repeat(200)}`,
        key: 'snd_1',
      },
    ],
  };

  it('prints the count, the latest dead letters and each reason on one truncated line', () => {
    const sut = formatListing([listing], 40);
    const lines = sut.trimEnd().split('\n');
    expect(lines[0]).toBe(`${dlq.name} (dead letters of ${dlq.source}): 12 dead letters, the latest 1`);
    expect(lines[1].trim().split(/ {2,}/)).toEqual([
      'PARTITION',
      'OFFSET',
      'FAILED AT',
      'SOURCE (TOPIC/PARTITION/OFFSET)',
      'CONSUMER GROUP',
      'REASON',
    ]);
    expect(lines[2].indexOf(dlq.source)).toBe(lines[1].indexOf('SOURCE'));
    expect(lines[2]).toContain(`2026-11-26T10:00:00.000Z  ${dlq.source}/4/1234`);
    expect(lines[2]).toContain('connect-center-reporting');
    expect(lines[2].endsWith('schema: reportId: Invalid UUID; channel…')).toBe(true);
    expect(lines).toHaveLength(3);
  });

  it('says when a topic is missing or empty', () => {
    const title = `${dlq.name} (dead letters of ${dlq.source})`;
    expect(formatListing([{ ...listing, exists: false, count: 0, deadLetters: [] }])).toBe(`${title}: topic not created yet\n`);
    expect(formatListing([{ ...listing, count: 0, deadLetters: [] }])).toBe(`${title}: 0 dead letters\n`);
  });
});

describe(formatDeadLetter.name, () => {
  it('prints the address, key, every header and the value as indented JSON', () => {
    const sut = formatDeadLetter(deadLetter);
    expect(sut).toContain(`${dlq.name}/0/7\n`);
    expect(sut).toContain('  key       snd_7a4c1e9b2d3f5a6c\n');
    expect(sut).toContain('  dlq_reason        schema: reportId: Invalid UUID\n');
    expect(sut).toContain('value (JSON)\n{\n  "reportId": "not-a-uuid",\n  "text": "प्रखंड कार्यालय"\n}\n');
  });

  it('prints a value that is not UTF-8 as base64 and says so', () => {
    expect(formatDeadLetter({ ...deadLetter, value: Buffer.from([0xff, 0xfe, 0x00]) })).toContain('value (binary)\nbase64://4A\n');
  });

  it('prints text that is not JSON as it is', () => {
    expect(formatDeadLetter({ ...deadLetter, value: Buffer.from('not json') })).toContain('value (text)\nnot json\n');
  });
});

describe(deadLetterJson.name, () => {
  it('keeps header pairs and the parsed value', () => {
    const sut = JSON.parse(deadLetterJson(deadLetter));
    expect(sut).toMatchObject({ topic: dlq.name, partition: 0, offset: 7, key: 'snd_7a4c1e9b2d3f5a6c' });
    expect(sut.headers).toContainEqual([DeadLetterHeaders.sourceTopic, dlq.source]);
    expect(sut.valueFormat).toBe('JSON');
    expect(sut.value).toEqual({ reportId: 'not-a-uuid', text: 'प्रखंड कार्यालय' });
  });

  it('gives a value that is not JSON as text', () => {
    const text = JSON.parse(deadLetterJson({ ...deadLetter, value: Buffer.from('{oops') }));
    expect(text).toMatchObject({ valueFormat: 'text', value: '{oops' });
    expect(JSON.parse(deadLetterJson({ ...deadLetter, value: null }))).toMatchObject({ valueFormat: 'none', value: null });
  });
});

describe(safeText.name, () => {
  it('escapes terminal control sequences and bidirectional overrides, keeps newlines, tabs and Devanagari', () => {
    const sut = safeText('a\u001b[2Jb\u009bc\u202ed\n\te कार्यालय');
    expect(sut).toBe('a\\u001b[2Jb\\u009bc\\u202ed\n\te कार्यालय');
  });
});

describe(oneLine.name, () => {
  it('joins lines and cuts to the width with an ellipsis', () => {
    expect(oneLine('one\n  two\tthree', 50)).toBe('one two three');
    expect(oneLine('abcdefghij', 5)).toBe('abcd…');
  });
});

describe(formatPlan.name, () => {
  it('says what would happen to each selected dead letter', () => {
    const plan: ReplayPlan = {
      topic: dlq,
      watermarks: [{ partition: 0, low: 0, high: 10 }],
      items: [
        { deadLetter, target: { ok: true, topic: dlq.source }, alreadyReplayed: false },
        { deadLetter: { ...deadLetter, offset: 8 }, target: { ok: true, topic: dlq.source }, alreadyReplayed: true },
        { deadLetter: { ...deadLetter, offset: 9 }, target: { ok: false, problem: 'no dlq_source_topic header' }, alreadyReplayed: false },
      ],
    };
    const sut = formatPlan(plan);
    expect(sut).toContain('3 dead letters selected; 1 to replay, 1 already replayed, 1 cannot be replayed');
    expect(sut).toMatch(/0\/7 +replay to cc\.intake\.report-received\.v1 +snd_7a4c1e9b2d3f5a6c +schema: reportId: Invalid UUID\n/);
    expect(sut).toMatch(/0\/8 +already replayed/);
    expect(sut).toMatch(/0\/9 +cannot: no dlq_source_topic header/);
  });
});
