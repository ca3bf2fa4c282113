import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { type Admin, type IHeaders, type Kafka, type Message, Partitioners, type Producer } from 'kafkajs';
import {
  CLOUDEVENTS_SPEC_VERSION,
  CloudEventHeaders,
  DEAD_LETTER_CATALOGUE,
  DeadLetterHeaders,
  EVENT_CONTENT_TYPE,
  ReportReceivedEvent,
  TOPIC_CATALOGUE,
  topicConfig,
  Topics,
  ReplayHeaders,
} from '@cc/contracts';
import { type CliIo, run } from './cli';
import { listDeadLetters } from './commands';
import { bytesText, type DeadLetter, headerText } from './dead-letter';
import { DeadLetterReader } from './dlq-reader';
import { DeadLetterReplayer, toReplay } from './dlq-replayer';
import { createKafka, loadToolConfig } from './kafka-client';
import { ReplayLedger } from './replay-ledger';

const dlq = DEAD_LETTER_CATALOGUE.find((topic) => topic.source === Topics.ReportReceived)!;
const builtCli = join(__dirname, '../../../dist/tools/dlq/src/main.js');

/** The CLI against the real broker. The broker is shared and keeps data: every test uses its own keys and replay group. */
describe('dlq tool', () => {
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let reader: DeadLetterReader;
  const groups: string[] = [];

  beforeAll(async () => {
    kafka = createKafka(loadToolConfig(process.env), process.stderr);
    admin = kafka.admin();
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await Promise.all([admin.connect(), producer.connect()]);
    // The services provision these at boot; this test starts none.
    const existing = new Set(await admin.listTopics());
    const missing = [...TOPIC_CATALOGUE, ...DEAD_LETTER_CATALOGUE].filter((topic) => !existing.has(topic.name));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic: topic.name,
          numPartitions: topic.partitions,
          configEntries: Object.entries(topicConfig(topic)).map(([name, value]) => ({ name, value })),
        })),
      });
    }
    reader = new DeadLetterReader(kafka, admin, `dlq-tool-test-${randomUUID()}`);
  });

  afterAll(async () => {
    if (groups.length > 0) await admin?.deleteGroups(groups).catch(() => undefined);
    await producer?.disconnect();
    await admin?.disconnect();
  });

  function replayGroup(): string {
    const groupId = `connect-center-dlq-replay-test-${randomUUID()}`;
    groups.push(groupId);
    return groupId;
  }

  /** The record as intake published it: CloudEvents headers, a valid report as JSON, keyed by sender. */
  function original(senderKey: string): Message & { headers: IHeaders } {
    const report = { ...ReportReceivedEvent.example, reportId: randomUUID(), senderKey };
    return {
      key: senderKey,
      value: JSON.stringify(report),
      headers: {
        [CloudEventHeaders.id]: report.reportId,
        [CloudEventHeaders.source]: '/connect-center/intake',
        [CloudEventHeaders.type]: ReportReceivedEvent.type,
        [CloudEventHeaders.specversion]: CLOUDEVENTS_SPEC_VERSION,
        [CloudEventHeaders.time]: new Date().toISOString(),
        [CloudEventHeaders.subject]: report.reportId,
        [CloudEventHeaders.contentType]: EVENT_CONTENT_TYPE,
        [CloudEventHeaders.correlationId]: randomUUID(),
      },
    };
  }

  /** What EventConsumer.deadLetter writes: the original key, value and headers plus the dlq_* ones. */
  function deadLettered(message: Message & { headers: IHeaders }, reason: string, sourceTopic: string = Topics.ReportReceived): Message {
    return {
      ...message,
      headers: {
        ...message.headers,
        [DeadLetterHeaders.reason]: reason,
        [DeadLetterHeaders.sourceTopic]: sourceTopic,
        [DeadLetterHeaders.sourcePartition]: '4',
        [DeadLetterHeaders.sourceOffset]: '1234',
        [DeadLetterHeaders.consumerGroup]: 'connect-center-reporting',
        [DeadLetterHeaders.failedAt]: new Date().toISOString(),
      },
    };
  }

  /** One send, one key: one batch on one partition, so the offsets are consecutive. */
  async function produceDeadLetters(messages: Message[]): Promise<{ partition: number; offsets: number[] }> {
    const [written] = await producer.send({ topic: dlq.name, acks: -1, messages });
    const base = Number(written.baseOffset);
    return { partition: written.partition, offsets: messages.map((_, index) => base + index) };
  }

  function captured(): { io: CliIo; stdout: () => string; stderr: () => string } {
    let stdout = '';
    let stderr = '';
    const io: CliIo = {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      stdin: Readable.from([]),
      env: process.env,
    };
    return { io, stdout: () => stdout, stderr: () => stderr };
  }

  /** Records appended to the source topic since `before`, with that key. */
  async function sourceRecordsSince(before: Array<{ partition: number; high: string }>, key: string): Promise<DeadLetter[]> {
    const after = await admin.fetchTopicOffsets(Topics.ReportReceived);
    const ranges = after.map(({ partition, high }) => ({
      topic: Topics.ReportReceived,
      partition,
      from: Number(before.find((one) => one.partition === partition)?.high ?? 0),
      to: Number(high) - 1,
    }));
    return (await reader.read(ranges)).filter((record) => record.key !== null && bytesText(record.key) === key);
  }

  it('lists how many dead letters there are and the latest, with their reasons', async () => {
    const [before] = await listDeadLetters(reader, [dlq], 0);
    const key = `snd_dlq_list_${randomUUID()}`;
    const reasons = ['schema: reportId: Invalid UUID', 'unexpected ce_type "x"\nsecond line'];
    const { partition, offsets } = await produceDeadLetters(reasons.map((reason) => deadLettered(original(key), reason)));

    const [after] = await listDeadLetters(reader, [dlq], 50);
    expect(after.count - before.count).toBeGreaterThanOrEqual(2);
    expect(after.count).toBe(after.partitions.reduce((sum, { low, high }) => sum + high - low, 0));
    const mine = after.deadLetters.filter((deadLetter) => deadLetter.key === key);
    expect(mine.map((deadLetter) => [deadLetter.offset, deadLetter.reason])).toEqual([
      [offsets[1], reasons[1]],
      [offsets[0], reasons[0]],
    ]);
    expect(mine[0]).toMatchObject({
      partition,
      sourceTopic: Topics.ReportReceived,
      sourcePartition: '4',
      sourceOffset: '1234',
      consumerGroup: 'connect-center-reporting',
    });

    const table = captured();
    expect(await run(['list', '--topic', dlq.name, '--limit', '50'], table.io)).toBe(0);
    expect(table.stdout()).toMatch(new RegExp(`^${dlq.name.replaceAll('.', '\\.')} \\(dead letters of .*\\): \\d+ dead letters`));
    const source = `${Topics.ReportReceived.replaceAll('.', '\\.')}/4/1234`;
    const row = `  ${partition} +${offsets[1]} +\\S+ +${source} +connect-center-reporting +unexpected ce_type "x" second line\n`;
    expect(table.stdout()).toMatch(new RegExp(row));

    const json = captured();
    expect(await run(['list', '--json', '--limit', '50'], json.io)).toBe(0);
    const listed = JSON.parse(json.stdout()).topics.find((topic: { topic: string }) => topic.topic === dlq.name);
    expect(listed.deadLetters.filter((deadLetter: { key: string }) => deadLetter.key === key)).toHaveLength(2);
  });

  it('shows one dead letter in full, and refuses an offset that is not there', async () => {
    const key = `snd_dlq_show_${randomUUID()}`;
    const message = deadLettered(original(key), 'schema: text: Too big');
    const {
      partition,
      offsets: [offset],
    } = await produceDeadLetters([message]);

    const shown = captured();
    expect(await run(['show', dlq.name, String(offset), '--partition', String(partition)], shown.io)).toBe(0);
    expect(shown.stdout()).toContain(`${dlq.name}/${partition}/${offset}\n`);
    expect(shown.stdout()).toContain(`  key       ${key}\n`);
    expect(shown.stdout()).toMatch(/^ {2}dlq_reason +schema: text: Too big$/m);
    expect(shown.stdout()).toMatch(new RegExp(`^ {2}ce_id +${message.headers![CloudEventHeaders.id]}$`, 'm'));
    expect(shown.stdout()).toContain(`value (JSON)\n{\n  "reportId": "${message.headers![CloudEventHeaders.id]}",\n`);

    const json = captured();
    expect(await run(['show', dlq.name, String(offset), '--partition', String(partition), '--json'], json.io)).toBe(0);
    const parsed = JSON.parse(json.stdout());
    expect(parsed.value).toEqual(JSON.parse(String(message.value)));
    expect(parsed.headers).toContainEqual([DeadLetterHeaders.sourceTopic, Topics.ReportReceived]);

    const missing = captured();
    const [{ high }] = (await admin.fetchTopicOffsets(dlq.name)).filter((one) => one.partition === partition);
    expect(await run(['show', dlq.name, String(Number(high) + 1000), '--partition', String(partition)], missing.io)).toBe(2);
    expect(missing.stderr()).toMatch(/partition \d+ holds offsets \d+\.\.\d+; offset \d+ is not there/);
  });

  it('replays dead letters to their source topic as they were, each once', async () => {
    const groupId = replayGroup();
    const key = `snd_dlq_replay_${randomUUID()}`;
    const originals = [original(key), original(key), original(key)];
    const { partition, offsets } = await produceDeadLetters(originals.map((message) => deadLettered(message, 'handler bug, fixed since')));
    const range = ['--from', String(offsets[0]), '--to', String(offsets[2]), '--partition', String(partition)];
    const sourceBefore = await admin.fetchTopicOffsets(Topics.ReportReceived);

    // The last one first, out of order: the ledger must remember it without skipping the two below.
    const replayer = new DeadLetterReplayer(kafka, admin, reader, groupId);
    const single = await replayer.plan(dlq, { kind: 'offset', partition, offset: offsets[2] });
    expect(toReplay(single)).toHaveLength(1);
    expect((await replayer.replay(single)).replayed.map((deadLetter) => deadLetter.offset)).toEqual([offsets[2]]);

    const unconfirmed = captured();
    expect(await run(['replay', dlq.name, ...range], unconfirmed.io, { replayGroupId: groupId })).toBe(2);
    expect(unconfirmed.stderr()).toContain('pass --yes');

    const dryRun = captured();
    expect(await run(['replay', dlq.name, ...range, '--dry-run'], dryRun.io, { replayGroupId: groupId })).toBe(0);
    expect(dryRun.stdout()).toContain('3 dead letters selected; 2 to replay, 1 already replayed');
    expect(dryRun.stdout()).toContain('dry run: nothing was replayed');

    const confirmed = captured();
    expect(await run(['replay', dlq.name, ...range, '--yes'], confirmed.io, { replayGroupId: groupId })).toBe(0);
    expect(confirmed.stdout()).toContain(`replayed ${dlq.name}/${partition}/${offsets[0]} → ${Topics.ReportReceived}\n`);
    expect(confirmed.stdout()).toContain(`replayed 2 dead letters from ${dlq.name}`);

    const again = captured();
    expect(await run(['replay', dlq.name, ...range, '--yes'], again.io, { replayGroupId: groupId })).toBe(0);
    expect(again.stdout()).toContain('0 to replay, 3 already replayed');
    expect(again.stdout()).toContain('nothing to replay');

    const republished = await sourceRecordsSince(sourceBefore, key);
    expect(republished.map((record) => headerText(record, ReplayHeaders.replayedFrom)).sort()).toEqual(
      offsets.map((offset) => `${dlq.name}/${partition}/${offset}`).sort(),
    );
    for (const record of republished) {
      const from = Number(headerText(record, ReplayHeaders.replayedFrom)?.split('/').pop());
      const expected = originals[offsets.indexOf(from)];
      expect(bytesText(record.value!)).toBe(expected.value);
      const headers = Object.fromEntries(Object.entries(record.headers).map(([name, value]) => [name, String(value)]));
      expect(headers).toEqual({
        ...expected.headers,
        [ReplayHeaders.replayedFrom]: `${dlq.name}/${partition}/${from}`,
        [ReplayHeaders.replayedAt]: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      });
    }

    const [committed] = await admin.fetchOffsets({ groupId, topics: [dlq.name] });
    const ledger = ReplayLedger.decode(committed.partitions.find((one) => one.partition === partition)!, 0);
    expect(offsets.map((offset) => ledger.has(offset))).toEqual([true, true, true]);
    expect(ledger.has(offsets[2] + 1)).toBe(false);
  });

  it('refuses to replay a dead letter from a topic outside the catalogue', async () => {
    const groupId = replayGroup();
    const key = `snd_dlq_foreign_${randomUUID()}`;
    const {
      partition,
      offsets: [offset],
    } = await produceDeadLetters([deadLettered(original(key), 'whatever', 'legacy-orders')]);
    const sourceBefore = await admin.fetchTopicOffsets(Topics.ReportReceived);

    const refused = captured();
    const args = ['replay', dlq.name, '--offset', String(offset), '--partition', String(partition), '--yes'];
    expect(await run(args, refused.io, { replayGroupId: groupId })).toBe(1);
    expect(refused.stdout()).toContain('cannot: dlq_source_topic "legacy-orders" is not a catalogue topic');
    expect(refused.stderr()).toContain('1 of the selected dead letters cannot be replayed (see above); nothing was replayed');
    expect(await sourceRecordsSince(sourceBefore, key)).toEqual([]);
  });

  it('refuses to replay while another replay holds the group', async () => {
    const groupId = replayGroup();
    const key = `snd_dlq_busy_${randomUUID()}`;
    const {
      partition,
      offsets: [offset],
    } = await produceDeadLetters([deadLettered(original(key), 'handler bug')]);
    const sourceBefore = await admin.fetchTopicOffsets(Topics.ReportReceived);
    const other = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    await other.connect();
    await other.subscribe({ topic: dlq.name });
    const joined = new Promise((resolve) => other.on(other.events.GROUP_JOIN, resolve));
    await other.run({ autoCommit: false, eachMessage: async () => undefined });
    await joined;

    try {
      const busy = captured();
      const args = ['replay', dlq.name, '--offset', String(offset), '--partition', String(partition), '--yes'];
      expect(await run(args, busy.io, { replayGroupId: groupId })).toBe(1);
      expect(busy.stderr()).toContain(`another replay is running (consumer group ${groupId} has members)`);
    } finally {
      await other.disconnect();
    }
    expect(await sourceRecordsSince(sourceBefore, key)).toEqual([]);
  });

  (existsSync(builtCli) ? it : it.skip)('runs as the built CLI: list --json', async () => {
    const key = `snd_dlq_cli_${randomUUID()}`;
    await produceDeadLetters([deadLettered(original(key), 'schema: channel')]);

    const args = [builtCli, 'list', '--json', '--topic', dlq.name, '--limit', '50'];
    const { stdout, stderr } = await promisify(execFile)(process.execPath, args, { env: process.env });
    const [listed] = JSON.parse(stdout).topics;
    expect(listed.topic).toBe(dlq.name);
    expect(listed.deadLetters.find((deadLetter: { key: string }) => deadLetter.key === key)).toMatchObject({ reason: 'schema: channel' });
    expect(stderr).toBe('');
  });
});
