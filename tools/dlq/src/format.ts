import { DeadLetterHeaders } from '@cc/contracts';
import { type DeadLetter, type DeadLetterSummary, bytesText, headerEntries, headerText } from './dead-letter';
import type { PartitionWatermarks } from './dlq-reader';
import type { ReplayPlan, ReplayResult } from './dlq-replayer';
import { deadLetterAddress } from './replay-message';

/** What `list` found for one DLQ topic. */
export interface TopicListing {
  readonly topic: string;
  readonly source: string;
  /** False when the topic is not on the broker yet. */
  readonly exists: boolean;
  /** Records held: the sum of high - low watermarks over the partitions. */
  readonly count: number;
  readonly partitions: readonly PartitionWatermarks[];
  /** The most recent first. */
  readonly deadLetters: readonly DeadLetterSummary[];
}

export const REASON_WIDTH = 100;

// Payloads are other people's text: control characters (a terminal would act on escape sequences)
// and bidirectional overrides (they reorder what is shown) are printed as \u escapes.
const UNSAFE = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;
const KEPT = new Set(['\n', '\t']);

export function safeText(text: string): string {
  return text.replace(UNSAFE, (char) => (KEPT.has(char) ? char : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/** One line of at most `width` characters. */
export function oneLine(text: string, width: number): string {
  const line = safeText(text.replace(/\s+/g, ' ').trim());
  return line.length <= width ? line : `${line.slice(0, Math.max(0, width - 1))}…`;
}

export function formatListing(listings: readonly TopicListing[], reasonWidth = REASON_WIDTH): string {
  return listings.map((listing) => formatTopicListing(listing, reasonWidth)).join('\n');
}

function formatTopicListing(listing: TopicListing, reasonWidth: number): string {
  const title = `${listing.topic} (dead letters of ${listing.source})`;
  if (!listing.exists) return `${title}: topic not created yet\n`;
  const counted = `${title}: ${plural(listing.count, 'dead letter')}`;
  if (listing.deadLetters.length === 0) return `${counted}\n`;
  const shown = listing.deadLetters.length < listing.count ? `, the latest ${listing.deadLetters.length}` : '';
  const rows = listing.deadLetters.map((deadLetter) => [
    String(deadLetter.partition),
    String(deadLetter.offset),
    deadLetter.failedAt ?? deadLetter.timestamp,
    source(deadLetter),
    oneLine(deadLetter.consumerGroup ?? '-', 60),
    oneLine(deadLetter.reason ?? '-', reasonWidth),
  ]);
  const header = ['PARTITION', 'OFFSET', 'FAILED AT', 'SOURCE (TOPIC/PARTITION/OFFSET)', 'CONSUMER GROUP', 'REASON'];
  return `${counted}${shown}\n${table(header, rows)}`;
}

function source(deadLetter: DeadLetterSummary): string {
  if (deadLetter.sourceTopic === undefined) return '-';
  return oneLine(`${deadLetter.sourceTopic}/${deadLetter.sourcePartition ?? '?'}/${deadLetter.sourceOffset ?? '?'}`, 120);
}

/** `list --json`: the full reasons, untruncated. */
export function listingJson(listings: readonly TopicListing[]): string {
  return `${JSON.stringify({ topics: listings }, null, 2)}\n`;
}

export function formatDeadLetter(deadLetter: DeadLetter): string {
  const headers = headerEntries(deadLetter);
  const width = Math.max(0, ...headers.map(([name]) => name.length));
  const value = describeValue(deadLetter.value);
  return [
    deadLetterAddress(deadLetter),
    `  appended  ${deadLetter.timestamp}`,
    `  key       ${deadLetter.key === null ? '(none)' : safeText(bytesText(deadLetter.key))}`,
    `headers${headers.length === 0 ? ' (none)' : ''}`,
    ...headers.map(([name, text]) => `  ${safeText(name).padEnd(width)}  ${indentContinuation(safeText(text), width + 4)}`),
    `value (${value.kind})`,
    safeText(value.text),
    '',
  ].join('\n');
}

/**
 * `show --json`: headers as [name, value] pairs (a name may repeat); the value parsed when
 * `valueFormat` is "JSON", else as text ("text", or "binary" as base64:…), or null ("none").
 */
export function deadLetterJson(deadLetter: DeadLetter): string {
  const value = describeValue(deadLetter.value);
  return `${JSON.stringify(
    {
      topic: deadLetter.topic,
      partition: deadLetter.partition,
      offset: deadLetter.offset,
      timestamp: deadLetter.timestamp,
      key: deadLetter.key === null ? null : bytesText(deadLetter.key),
      headers: headerEntries(deadLetter),
      valueFormat: value.kind,
      value: value.kind === 'JSON' ? value.json : value.kind === 'none' ? null : value.text,
    },
    null,
    2,
  )}\n`;
}

function describeValue(value: Buffer | null): { kind: 'none' | 'binary' | 'text' | 'JSON'; text: string; json?: unknown } {
  if (value === null) return { kind: 'none', text: '(null)' };
  const text = bytesText(value);
  if (text.startsWith('base64:')) return { kind: 'binary', text };
  const parsed = parseJson(text);
  return parsed === undefined ? { kind: 'text', text } : { kind: 'JSON', text: JSON.stringify(parsed.json, null, 2), json: parsed.json };
}

function parseJson(text: string): { json: unknown } | undefined {
  try {
    return { json: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

export function formatPlan(plan: ReplayPlan, reasonWidth = REASON_WIDTH): string {
  const ready = plan.items.filter((item) => item.target.ok && !item.alreadyReplayed).length;
  const done = plan.items.filter((item) => item.alreadyReplayed).length;
  const bad = plan.items.filter((item) => !item.target.ok).length;
  const counts = [`${ready} to replay`, `${done} already replayed`, ...(bad > 0 ? [`${bad} cannot be replayed`] : [])].join(', ');
  const rows = plan.items.map(({ deadLetter, target, alreadyReplayed }) => {
    const what = !target.ok ? `cannot: ${target.problem}` : alreadyReplayed ? 'already replayed' : `replay to ${target.topic}`;
    return [
      `${deadLetter.partition}/${deadLetter.offset}`,
      oneLine(what, 120),
      oneLine(deadLetter.key === null ? '(no key)' : bytesText(deadLetter.key), 40),
      oneLine(headerText(deadLetter, DeadLetterHeaders.reason) ?? '-', reasonWidth),
    ];
  });
  const heading = `${plan.topic.name} → ${plan.topic.source}: ${plural(plan.items.length, 'dead letter')} selected; ${counts}`;
  return rows.length === 0 ? `${heading}\n` : `${heading}\n${table(['PARTITION/OFFSET', 'ACTION', 'KEY', 'REASON'], rows)}`;
}

export function formatReplayResult(plan: ReplayPlan, result: ReplayResult): string {
  const skipped = result.skipped.length > 0 ? `; ${result.skipped.length} skipped, replayed meanwhile by another run` : '';
  return `replayed ${plural(result.replayed.length, 'dead letter')} from ${plan.topic.name} to ${plan.topic.source}${skipped}\n`;
}

function indentContinuation(text: string, indent: number): string {
  return text.replace(/\n/g, `\n${' '.repeat(indent)}`);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Columns padded to their widest cell, two spaces apart, each row indented by two. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: readonly string[]) =>
    `  ${cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]))).join('  ')}`.trimEnd();
  return `${[header, ...rows].map(line).join('\n')}\n`;
}
