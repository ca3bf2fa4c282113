import { type Admin, type Consumer, type Kafka, Partitioners } from 'kafkajs';
import type { DeadLetterTopicDefinition } from '@cc/contracts';
import type { ReplaySelection } from './cli-args';
import type { DeadLetter } from './dead-letter';
import { assertHeld, type DeadLetterReader, type OffsetRange, type PartitionWatermarks } from './dlq-reader';
import { DlqError, UsageError } from './errors';
import { MAX_LEDGER_METADATA_LENGTH, ReplayLedger } from './replay-ledger';
import { deadLetterAddress, replayMessage, replayTarget, type ReplayTarget } from './replay-message';

/** Its commits on the DLQ topics are the record of what has been replayed (see {@link ReplayLedger}). */
export const REPLAY_GROUP_ID = 'connect-center-dlq-replay';

const JOIN_TIMEOUT_MS = 30000;

export interface ReplayItem {
  readonly deadLetter: DeadLetter;
  readonly target: ReplayTarget;
  readonly alreadyReplayed: boolean;
}

export interface ReplayPlan {
  readonly topic: DeadLetterTopicDefinition;
  readonly watermarks: readonly PartitionWatermarks[];
  /** Every selected dead letter, in offset order per partition. */
  readonly items: readonly ReplayItem[];
}

export interface ReplayResult {
  readonly replayed: readonly DeadLetter[];
  /** Recorded as replayed by the time this run could take them. */
  readonly skipped: readonly DeadLetter[];
}

export const toReplay = (plan: ReplayPlan) => plan.items.filter((item) => item.target.ok && !item.alreadyReplayed);
export const unreplayable = (plan: ReplayPlan) => plan.items.filter((item) => !item.target.ok);

/**
 * Puts dead letters back on their source topic, each at most once. What has been replayed is the
 * commit of {@link REPLAY_GROUP_ID} on the DLQ partition, written after each message is
 * acknowledged by all in-sync replicas and read again after this run has joined the group, so
 * only one replay runs at a time and a second one skips what the first did. A crash between a
 * send and its commit would republish that one message: consumers apply events idempotently.
 */
export class DeadLetterReplayer {
  constructor(
    private readonly kafka: Kafka,
    private readonly admin: Admin,
    private readonly reader: DeadLetterReader,
    private readonly groupId = REPLAY_GROUP_ID,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** What a replay of the selection would do; reads, never writes. */
  async plan(topic: DeadLetterTopicDefinition, selection: ReplaySelection): Promise<ReplayPlan> {
    const watermarks = await this.reader.existingWatermarks(topic.name);
    const ranges = selectedRanges(topic.name, watermarks, selection);
    const deadLetters = await this.reader.read(ranges);
    const ledgers = await this.ledgers(topic.name, watermarks);
    const items = deadLetters.map((deadLetter) => ({
      deadLetter,
      target: replayTarget(deadLetter, topic),
      alreadyReplayed: ledgers.get(deadLetter.partition)?.has(deadLetter.offset) ?? false,
    }));
    return { topic, watermarks, items };
  }

  async replay(plan: ReplayPlan, onReplayed: (deadLetter: DeadLetter) => void = () => undefined): Promise<ReplayResult> {
    const problems = unreplayable(plan);
    if (problems.length > 0) {
      throw new DlqError('DLQ.UNREPLAYABLE', `${problems.length} of the selected dead letters cannot be replayed; nothing was replayed`);
    }
    const wanted = toReplay(plan);
    if (wanted.length === 0) return { replayed: [], skipped: [] };
    await this.assertNoOtherReplay();

    const topic = plan.topic.name;
    const partitions = new Set(wanted.map((item) => item.deadLetter.partition));
    const consumer = this.kafka.consumer({
      groupId: this.groupId,
      allowAutoTopicCreation: false,
      // It never fetches (paused), and a paused kafkajs consumer sleeps this long before it can stop.
      maxWaitTimeInMs: 200,
      retry: { retries: 3, restartOnFailure: async () => false },
    });
    const producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    const replayed: DeadLetter[] = [];
    const skipped: DeadLetter[] = [];
    try {
      await Promise.all([consumer.connect(), producer.connect()]);
      const membership = await this.joinAlone(consumer, topic, partitions);
      const ledgers = await this.ledgers(topic, plan.watermarks);
      for (const { deadLetter, target } of wanted) {
        if (!target.ok) throw new DlqError('DLQ.UNREPLAYABLE', `${deadLetterAddress(deadLetter)}: ${target.problem}`);
        membership.assertHeld();
        const ledger = ledgers.get(deadLetter.partition) ?? ReplayLedger.empty(0);
        if (ledger.has(deadLetter.offset)) {
          skipped.push(deadLetter);
          continue;
        }
        const next = ledger.with(deadLetter.offset);
        const commit = next.encode();
        if (commit.metadata.length > MAX_LEDGER_METADATA_LENGTH) {
          throw new DlqError(
            'DLQ.LEDGER_FULL',
            `the record of replays of ${topic}/${deadLetter.partition} is full (too many scattered offsets for one commit's metadata); ` +
              `replaying the dead letters left between offset ${ledger.next} and ${ledger.last} would compact it`,
          );
        }
        await producer.send({ topic: target.topic, acks: -1, messages: [replayMessage(deadLetter, this.clock())] });
        await consumer.commitOffsets([{ topic, partition: deadLetter.partition, ...commit }]);
        ledgers.set(deadLetter.partition, next);
        replayed.push(deadLetter);
        onReplayed(deadLetter);
      }
      await this.assertRecorded(topic, ledgers, partitions);
      return { replayed, skipped };
    } finally {
      await Promise.allSettled([consumer.disconnect(), producer.disconnect()]);
    }
  }

  /** The ledger of every partition, from the group's commits. */
  private async ledgers(topic: string, watermarks: readonly PartitionWatermarks[]): Promise<Map<number, ReplayLedger>> {
    const [committed] = await this.admin.fetchOffsets({ groupId: this.groupId, topics: [topic] });
    const ledgers = new Map<number, ReplayLedger>();
    for (const { partition, low, high } of watermarks) {
      const commit = committed?.partitions.find((candidate) => candidate.partition === partition);
      const ledger = commit ? ReplayLedger.decode(commit, low) : ReplayLedger.empty(low);
      if (ledger.last >= high) {
        throw new DlqError(
          'DLQ.LEDGER_STALE',
          `${this.groupId} records replays of ${topic}/${partition} up to offset ${ledger.last}, but the partition ends at ${high - 1}; ` +
            `was the topic recreated? If so, delete the group's offsets for it (kafka-consumer-groups --delete-offsets)`,
        );
      }
      ledgers.set(partition, ledger);
    }
    return ledgers;
  }

  /** Fails fast when another replay holds the group, before this one joins and takes its partitions. */
  private async assertNoOtherReplay(): Promise<void> {
    const { groups } = await this.admin.describeGroups([this.groupId]);
    const members = groups[0]?.members.length ?? 0;
    if (members > 0) throw busy(this.groupId);
  }

  /**
   * Joins the replay group without consuming (the records are in the plan) and checks that this
   * member holds every partition to replay; a rebalance that takes one away stops the replay.
   */
  private async joinAlone(consumer: Consumer, topic: string, partitions: ReadonlySet<number>) {
    let lost: DlqError | undefined;
    let timer: NodeJS.Timeout | undefined;
    const holdsAll = (assignment: Record<string, number[]>) => [...partitions].every((p) => assignment[topic]?.includes(p));
    const joined = new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new DlqError('DLQ.TIMEOUT', `timed out joining consumer group ${this.groupId}`)), JOIN_TIMEOUT_MS);
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        lost = new DlqError('DLQ.KAFKA', `the replay consumer stopped: ${payload.error.message}`);
        reject(lost);
      });
      consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
        if (holdsAll(payload.memberAssignment)) return resolve();
        lost = busy(this.groupId);
        reject(lost);
      });
    });
    // It may fail while run() is still starting, before anything awaits it.
    joined.catch(() => undefined);
    try {
      await consumer.subscribe({ topic });
      const running = consumer.run({ autoCommit: false, eachMessage: async () => undefined });
      consumer.pause([{ topic }]);
      await running;
      await joined;
    } finally {
      clearTimeout(timer);
    }
    return {
      assertHeld(): void {
        if (lost) throw lost;
      },
    };
  }

  /** A commit from a consumer that is no longer running is dropped silently by kafkajs: read it back. */
  private async assertRecorded(topic: string, ledgers: ReadonlyMap<number, ReplayLedger>, partitions: ReadonlySet<number>): Promise<void> {
    const [committed] = await this.admin.fetchOffsets({ groupId: this.groupId, topics: [topic] });
    for (const partition of partitions) {
      const expected = ledgers.get(partition)?.encode();
      const actual = committed?.partitions.find((candidate) => candidate.partition === partition);
      if (expected && (actual?.offset !== expected.offset || (actual.metadata ?? '') !== expected.metadata)) {
        throw new DlqError(
          'DLQ.LEDGER_NOT_RECORDED',
          `the record of replays of ${topic}/${partition} was not saved; a later replay may repeat them`,
        );
      }
    }
  }
}

/** The offsets a selection covers; offsets the partition does not hold are a usage error. */
export function selectedRanges(topic: string, watermarks: readonly PartitionWatermarks[], selection: ReplaySelection): OffsetRange[] {
  const partition = (number: number) => {
    const found = watermarks.find((candidate) => candidate.partition === number);
    if (!found) throw new UsageError(`${topic} has no partition ${number}`, 'DLQ.NO_SUCH_PARTITION');
    return found;
  };
  switch (selection.kind) {
    case 'offset':
      assertHeld(topic, partition(selection.partition), selection.offset, selection.offset);
      return [{ topic, partition: selection.partition, from: selection.offset, to: selection.offset }];
    case 'range':
      assertHeld(topic, partition(selection.partition), selection.from, selection.to);
      return [{ topic, partition: selection.partition, from: selection.from, to: selection.to }];
    case 'all':
      return (selection.partition === undefined ? watermarks : [partition(selection.partition)])
        .filter(({ low, high }) => high > low)
        .map(({ partition: number, low, high }) => ({ topic, partition: number, from: low, to: high - 1 }));
  }
}

function busy(groupId: string): DlqError {
  return new DlqError(
    'DLQ.REPLAY_BUSY',
    `another replay is running (consumer group ${groupId} has members); try again when it has finished`,
  );
}
