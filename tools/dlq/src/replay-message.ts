import type { IHeaders, Message } from 'kafkajs';
import { ALL_TOPICS, DeadLetterHeaders, type DeadLetterTopicDefinition, ReplayHeaders, type Topic } from '@cc/contracts';
import { type DeadLetter, headerText } from './dead-letter';

const DEAD_LETTER_HEADER_PREFIX = 'dlq_';

/** `<dlq-topic>/<partition>/<offset>`: where a replayed message was a dead letter. */
export function deadLetterAddress(deadLetter: Pick<DeadLetter, 'topic' | 'partition' | 'offset'>): string {
  return `${deadLetter.topic}/${deadLetter.partition}/${deadLetter.offset}`;
}

export type ReplayTarget = { readonly ok: true; readonly topic: Topic } | { readonly ok: false; readonly problem: string };

/**
 * The topic a dead letter goes back to: its `dlq_source_topic`, which must be the catalogue topic
 * this DLQ belongs to. A record that says otherwise was not written by our consumers; it stays.
 */
export function replayTarget(deadLetter: DeadLetter, definition: DeadLetterTopicDefinition): ReplayTarget {
  const source = headerText(deadLetter, DeadLetterHeaders.sourceTopic);
  if (source === undefined) return { ok: false, problem: `no ${DeadLetterHeaders.sourceTopic} header` };
  if (!(ALL_TOPICS as readonly string[]).includes(source)) {
    return { ok: false, problem: `${DeadLetterHeaders.sourceTopic} "${source}" is not a catalogue topic` };
  }
  if (source !== definition.source) {
    const problem = `${DeadLetterHeaders.sourceTopic} "${source}" does not feed ${definition.name} (${definition.source} does)`;
    return { ok: false, problem };
  }
  return { ok: true, topic: definition.source };
}

/** The original record again: same key and value, its own headers, and where it was replayed from. */
export function replayMessage(deadLetter: DeadLetter, replayedAt: Date): Message {
  const headers: IHeaders = {};
  for (const [name, value] of Object.entries(deadLetter.headers)) {
    if (!name.startsWith(DEAD_LETTER_HEADER_PREFIX)) headers[name] = value;
  }
  headers[ReplayHeaders.replayedFrom] = deadLetterAddress(deadLetter);
  headers[ReplayHeaders.replayedAt] = replayedAt.toISOString();
  return { key: deadLetter.key, value: deadLetter.value, headers };
}
