import { CHANNELS, type Channel } from '../shared/channel';

export interface OptOutCommand {
  action: 'opt-out' | 'opt-in';
  /** `channel`: the channel the keyword came on, as carriers treat STOP; `all`: every channel. */
  scope: 'channel' | 'all';
}

const key = (text: string) =>
  text
    .normalize('NFC')
    .toLowerCase()
    .replace(/\u0901/g, '\u0902') // chandrabindu written for anusvara: रोकेँ = रोकें
    .replace(/[\s\p{P}\p{S}]+/gu, ' ')
    .trim();

const COMMANDS: ReadonlyMap<string, OptOutCommand> = new Map(
  (
    [
      [['stop', 'unsubscribe', 'cancel', 'end', 'quit', 'optout', 'opt out', 'बंद', 'बन्द', 'बंद करें', 'बंद करो', 'बंद कीजिए', 'रोकें', 'रोको', 'band', 'band karo', 'band karen', 'rokein', 'roko'], 'opt-out', 'channel'],
      [['stop all', 'stopall', 'सब बंद', 'सब बंद करें', 'सभी बंद', 'sab band', 'sab band karo'], 'opt-out', 'all'],
      [['start', 'unstop', 'subscribe', 'शुरू', 'शुरू करें', 'चालू', 'चालू करें', 'shuru', 'chalu', 'chalu karo'], 'opt-in', 'channel'],
      [['start all', 'सब शुरू', 'सब चालू करें', 'sab shuru'], 'opt-in', 'all'],
    ] as const
  ).flatMap(([words, action, scope]) => words.map((word): [string, OptOutCommand] => [key(word), { action, scope }])),
);

/**
 * Reads STOP / बंद (and START / शुरू to come back) from an inbound message. Only a message that
 * is the keyword alone counts, so a complaint like "BDO ne kaam band kar diya" stays a report.
 * Case, punctuation and the chandrabindu/anusvara spelling do not matter.
 */
export function parseOptOutKeyword(text: string): OptOutCommand | undefined {
  if (text.length > 40) return undefined;
  return COMMANDS.get(key(text));
}

/** The channels a person has opted out of, after a command that arrived on `channel`. */
export function applyOptOut(optedOut: ReadonlySet<Channel>, command: OptOutCommand, channel: Channel): Set<Channel> {
  const affected = command.scope === 'all' ? CHANNELS : [channel];
  const next = new Set(optedOut);
  for (const each of affected) {
    if (command.action === 'opt-out') next.add(each);
    else next.delete(each);
  }
  return next;
}
