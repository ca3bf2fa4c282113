import type { Message, TopicMessages } from 'kafkajs';

export interface MicroBatcherOptions {
  /** How long the first message of an idle producer waits for company. */
  lingerMs: number;
  /** Messages per request to the broker. */
  maxBatchMessages: number;
  /** Accepted but unacknowledged messages; beyond this `enqueue` waits (backpressure). */
  maxPendingMessages: number;
}

interface Pending {
  topic: string;
  message: Message;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * kafkajs has no `linger.ms`: this gathers sends for a few milliseconds (or until a batch is full)
 * and writes them with one `sendBatch`. One request is in flight at a time, which the idempotent
 * producer needs to keep per-partition order. Each caller's promise settles with its own batch's
 * acknowledgement or error; nothing is fire-and-forget.
 */
export class MicroBatcher {
  private queue: Pending[] = [];
  private pending = 0;
  private draining: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly waitingForRoom: Array<() => void> = [];

  constructor(
    private readonly send: (batch: TopicMessages[]) => Promise<void>,
    private readonly options: MicroBatcherOptions,
  ) {}

  async enqueue(topic: string, message: Message): Promise<void> {
    while (this.pending >= this.options.maxPendingMessages) {
      await new Promise<void>((resolve) => this.waitingForRoom.push(resolve));
    }
    this.pending++;
    const acknowledged = new Promise<void>((resolve, reject) => this.queue.push({ topic, message, resolve, reject }));
    this.schedule();
    return acknowledged;
  }

  /** Resolves once everything enqueued so far is acknowledged or failed (used at shutdown). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.queue.length > 0 || this.draining) await (this.draining ?? this.drain());
  }

  get pendingMessages(): number {
    return this.pending;
  }

  private schedule(): void {
    if (this.draining) return; // the running drain picks the message up
    if (this.queue.length >= this.options.maxBatchMessages) {
      clearTimeout(this.timer);
      this.timer = undefined;
      void this.drain();
    } else {
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        void this.drain();
      }, this.options.lingerMs);
    }
  }

  private drain(): Promise<void> {
    this.draining ??= (async () => {
      try {
        while (this.queue.length > 0) {
          const batch = this.queue.splice(0, this.options.maxBatchMessages);
          try {
            await this.send(groupByTopic(batch));
            for (const entry of batch) entry.resolve();
          } catch (error) {
            for (const entry of batch) entry.reject(error);
          }
          this.pending -= batch.length;
          this.waitingForRoom.splice(0, batch.length).forEach((wake) => wake());
        }
      } finally {
        this.draining = undefined;
      }
    })();
    return this.draining;
  }
}

function groupByTopic(batch: Pending[]): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const { topic, message } of batch) {
    const messages = byTopic.get(topic) ?? [];
    messages.push(message);
    byTopic.set(topic, messages);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}
