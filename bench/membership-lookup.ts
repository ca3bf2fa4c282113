import type { Connection } from 'mongoose';
import mongoose from 'mongoose';
import { MembersRepository } from '../services/membership/src/members/store/members.repository';
import { primaryPhone, senderOf, unknownPhone } from './membership-members';
import { memberModels } from './membership-seed';
import { type Latency, seededRandom, timeEach } from './membership-stats';

export const BATCH_KEYS = 100;
const BASELINE_DOCS = 1000;

export interface LookupOptions {
  members: number;
  singles: number;
  batches: number;
  knownShare: number;
  budgetMs: number;
  /** Time for each single diagnostic query on the full collections. */
  diagnosticBudgetMs: number;
  mongoUri: string;
  baselineDb: string;
  log: (message: string) => void;
}

export interface LookupRow {
  name: string;
  what: string;
  latency: Latency;
}

export interface QueryPlan {
  query: string;
  filterPushdown: unknown;
  plan: unknown;
}

export interface LookupReport {
  rows: LookupRow[];
  /** ours / baseline, of p50 and p99. */
  ratios: Array<{ ours: string; baseline: string; p50: number; p99: number }>;
  plans: QueryPlan[];
  knownFound: { asked: number; found: number };
}

/** Sender keys, `knownShare` of them members' (first phone) and the rest nobody's. */
export function senderKeys(count: number, options: Pick<LookupOptions, 'members' | 'knownShare'>, seed: number): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const index = Math.floor(random() * options.members);
    return senderOf(random() < options.knownShare ? primaryPhone(index) : unknownPhone(index)).senderKey;
  });
}

/**
 * Identity lookup as the report consumer does it (MembersRepository.membersByIdentity: per key a
 * point read of the identity, then of its member, pipelined), for one key and for a batch of 100, against the same number of
 * raw `_id` reads with the plain driver on a 1000-document collection. Then, to tell the store's
 * cost from ours, a few raw point reads on the full collections, the relay's sweep query, and what
 * the store says about how it runs each shape (explain).
 */
export async function measureLookups(store: Connection, options: LookupOptions): Promise<LookupReport> {
  const models = memberModels(store);
  const repository = new MembersRepository(models.members, models.identities);
  const lookup = async (keys: string[]) => {
    const found = await repository.membersByIdentity(keys);
    return { members: [...found.values()].filter((member) => member !== null) };
  };
  const singles = senderKeys(options.singles, options, 1);
  const batches = Array.from({ length: options.batches }, (_, i) => senderKeys(BATCH_KEYS, options, 1000 + i));
  const rows: LookupRow[] = [];
  const row = (name: string, what: string, latency: Latency) => {
    rows.push({ name, what, latency });
    options.log(`  ${name}: ${latency.count} timed`);
  };

  // A warm-up lookup of each shape, untimed: connections, the driver's first round trips.
  await lookup(singles.slice(0, 1));
  let found = 0;
  const knownAsked = { asked: 0 };
  row(
    'ours, 1 key',
    'membersByIdentity([key]): identity + member point reads, on the seeded store',
    await timeEach(singles.length, options.budgetMs, async (i) => {
      const result = await lookup([singles[i]!]);
      found += result.members.length;
      knownAsked.asked += 1;
    }),
  );
  row(
    `ours, ${BATCH_KEYS} keys`,
    `membersByIdentity(${BATCH_KEYS} keys): point reads, 16 keys in flight`,
    await timeEach(batches.length, options.budgetMs, (i) => lookup(batches[i]!)),
  );

  const client = await new mongoose.mongo.MongoClient(options.mongoUri).connect();
  try {
    const small = client.db(options.baselineDb).collection<{ _id: string; memberId: string }>('identities');
    await small.drop().catch(() => undefined);
    const smallKeys = senderKeys(BASELINE_DOCS, { members: options.members, knownShare: 1 }, 7);
    await small.insertMany([...new Set(smallKeys)].map((key, i) => ({ _id: key, memberId: `mbr_bench_${i}` })));
    const pick = (i: number) => smallKeys[(i * 7919) % smallKeys.length]!;
    await small.findOne({ _id: pick(0) });
    row(
      'baseline, 1 key',
      `raw driver findOne({_id}) on a ${BASELINE_DOCS}-document collection`,
      await timeEach(singles.length, options.budgetMs, (i) => small.findOne({ _id: i % 2 === 0 ? pick(i) : singles[i]! })),
    );
    row(
      `baseline, ${BATCH_KEYS} keys`,
      `raw driver find({_id: {$in: ${BATCH_KEYS} keys}}) on a ${BASELINE_DOCS}-document collection`,
      await timeEach(batches.length, options.budgetMs, (i) =>
        small.find({ _id: { $in: batches[i]!.map((key, j) => (j % 2 === 0 ? pick(i * BATCH_KEYS + j) : key)) } }).toArray(),
      ),
    );

    const seeded = client.db(store.name);
    const identities = seeded.collection<{ _id: string }>('member_identities');
    const members = seeded.collection<{ _id: string; outboxPending?: boolean }>('members');
    const someMemberIds = [...(await repository.memberIdsByIdentity(singles.slice(0, 20))).values()];
    row(
      'store: raw point read, member_identities',
      'raw driver findOne({_id: key}) on the seeded identities (what FerretDB pushes down)',
      await timeEach(5, options.diagnosticBudgetMs, (i) => identities.findOne({ _id: singles[i]! })),
    );
    if (someMemberIds.length > 0) {
      row(
        'store: raw point read, members',
        'raw driver findOne({_id: memberId}) on the seeded members',
        await timeEach(5, options.diagnosticBudgetMs, (i) => members.findOne({ _id: someMemberIds[i % someMemberIds.length]! }, { projection: { outbox: 0 } })),
      );
    }
    row(
      'store: outbox sweep query, members',
      'find({outboxPending: true}).limit(500) on members: what each relay sweep runs every OUTBOX_SWEEP_INTERVAL_MS',
      await timeEach(2, options.diagnosticBudgetMs, () => members.find({ outboxPending: true }, { projection: { _id: 1 } }).limit(500).toArray()),
    );

    const plans: QueryPlan[] = [];
    const explain = async (query: string, cursor: { explain(): Promise<unknown> }) => {
      const result = (await cursor.explain()) as { filterPushdown?: unknown; queryPlanner?: { Plan?: unknown } };
      plans.push({ query, filterPushdown: result.filterPushdown, plan: result.queryPlanner?.Plan ?? result.queryPlanner });
    };
    await explain('member_identities.find({_id: {$in: keys}}) ($in, for comparison)', identities.find({ _id: { $in: singles.slice(0, 3) } }));
    await explain('members.find({_id: {$in: ids}}) ($in, for comparison)', members.find({ _id: { $in: someMemberIds.slice(0, 3) } }));
    await explain('member_identities.find({_id: key}) (a point read)', identities.find({ _id: singles[0]! }));
    await explain('members.find({outboxPending: true}) (relay sweep)', members.find({ outboxPending: true }).limit(500));

    const ratio = (ours: string, baseline: string) => {
      const a = rows.find((each) => each.name === ours)!.latency;
      const b = rows.find((each) => each.name === baseline)!.latency;
      return { ours, baseline, p50: a.p50Ms / b.p50Ms, p99: a.p99Ms / b.p99Ms };
    };
    return {
      rows,
      ratios: [ratio('ours, 1 key', 'baseline, 1 key'), ratio(`ours, ${BATCH_KEYS} keys`, `baseline, ${BATCH_KEYS} keys`)],
      plans,
      knownFound: { asked: knownAsked.asked, found },
    };
  } finally {
    await client.db(options.baselineDb).dropDatabase().catch(() => undefined);
    await client.close();
  }
}
