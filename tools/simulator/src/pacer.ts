/**
 * Open-loop pacing: each request has a send time fixed in advance by the rate alone, whatever the
 * answers take (a slow intake does not slow the arrivals, as it would not slow real workers). A
 * request carrying several messages takes as many slots as it has messages.
 */
export class Pacer {
  private sent = 0;

  constructor(private readonly messagesPerSecond: number) {
    if (!(messagesPerSecond > 0)) throw new Error('the rate must be above zero');
  }

  /** When the next request is due, in milliseconds since the start. */
  nextDueMs(): number {
    return (this.sent * 1000) / this.messagesPerSecond;
  }

  /** The next request, of `messages` messages, has been sent. */
  advance(messages: number): void {
    this.sent += Math.max(1, messages);
  }
}

/** Send times for requests of these sizes, up to `durationMs` (what the run loop does, as a list). */
export function schedule(messagesPerSecond: number, durationMs: number, sizes: readonly number[]): number[] {
  const pacer = new Pacer(messagesPerSecond);
  const times: number[] = [];
  for (const size of sizes) {
    const due = pacer.nextDueMs();
    if (due >= durationMs) break;
    times.push(due);
    pacer.advance(size);
  }
  return times;
}
