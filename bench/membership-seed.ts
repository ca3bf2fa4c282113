import { performance } from 'node:perf_hooks';
import type { Connection, Model } from 'mongoose';
import { importMembers, newMember, type MemberSink, type MemberUpsertCommand, type SinkResult } from '../services/membership/src/members';
import { identityKeysOf } from '../services/membership/src/members/member-identity';
import { MemberDocument, MemberIdentityDocument, MemberIdentitySchema, MemberSchema, type StoredTenure } from '../services/membership/src/members/store/member.schema';
import { memberIdFor, MembersRepository } from '../services/membership/src/members/store/members.repository';
import { MongoMemberSink } from '../services/membership/src/members/store/mongo-member-sink';
import type { OrgTree } from '../services/membership/src/organisation/org-tree';
import { memberCsv, memberUnits } from './membership-members';

/** Written last: a database holding it with the same member count is complete and is reused. */
const SEED_INFO = 'bench_seed';
const BULK_BATCH = 2000;

export interface SeedReport {
  members: number;
  identities: number;
  /** false: the database already held this seed, and these figures are from the run that made it. */
  seededNow: boolean;
  seededAt: string;
  bulk: { method: string; members: number; seconds: number; membersPerSecond: number };
  /** The service's own import path (importMembers + MongoMemberSink) for the last members, on the full store. */
  importPath: { members: number; seconds: number; membersPerSecond: number } | null;
}

export interface SeedOptions {
  members: number;
  /** Members of the total imported through MongoMemberSink at the end; 0 to skip. */
  importSample: number;
  log: (message: string) => void;
}

export function memberModels(connection: Connection): { members: Model<MemberDocument>; identities: Model<MemberIdentityDocument> } {
  return {
    members: connection.models[MemberDocument.name] ?? connection.model(MemberDocument.name, MemberSchema),
    identities: connection.models[MemberIdentityDocument.name] ?? connection.model(MemberIdentityDocument.name, MemberIdentitySchema),
  };
}

/**
 * Seeds `members` members into the connection's database unless it already holds exactly that
 * seed. Every member goes through the service's CSV import front end (`importMembers`: parsing,
 * phone normalisation, validation, in-file duplicate checks) and its documents are built by
 * `MembersRepository.insert` (toDocument, the member event validated into the outbox); only the
 * per-row matching of `MongoMemberSink` is skipped, since the store is empty (see BulkMemberSink).
 */
export async function seedMembers(connection: Connection, tree: OrgTree, options: SeedOptions): Promise<SeedReport> {
  const info = connection.db!.collection<SeedReport & { _id: string }>(SEED_INFO);
  const cached = await info.findOne({ _id: 'seed' });
  if (cached && cached.members === options.members) {
    const { _id: _ignored, ...report } = cached;
    options.log(`store already seeded with ${report.members} members on ${report.seededAt}: seeding skipped`);
    return { ...report, seededNow: false };
  }
  if ((await connection.db!.listCollections().toArray()).length > 0) {
    options.log(`database ${connection.name} holds an incomplete or different seed: dropping it`);
    await connection.dropDatabase();
  }

  const models = memberModels(connection);
  await Promise.all([models.members.init(), models.identities.init()]);
  const units = memberUnits(tree);
  const sample = Math.min(options.importSample, options.members);
  const bulkCount = options.members - sample;

  const bulkSink = new BulkMemberSink(models, tree);
  let started = performance.now();
  let lastLog = started;
  const progress = (done: number) => {
    if (performance.now() - lastLog < 30_000) return;
    lastLog = performance.now();
    options.log(`  seeded ${done} of ${bulkCount} members (${Math.round(done / ((lastLog - started) / 1000))}/s)`);
  };
  bulkSink.onBatch = progress;
  const bulk = await importMembers(memberCsv(0, bulkCount, units), tree, bulkSink, { batchSize: BULK_BATCH });
  if (bulk.rejected > 0 || bulk.created !== bulkCount) throw new Error(`seeding created ${bulk.created} of ${bulkCount} members; first errors: ${JSON.stringify(bulk.errors.slice(0, 3))}`);
  const bulkSeconds = (performance.now() - started) / 1000;
  options.log(`bulk: ${bulkCount} members, ${bulkSink.identities} identities in ${bulkSeconds.toFixed(0)} s (${Math.round(bulkCount / bulkSeconds)} members/s)`);

  let importPath: SeedReport['importPath'] = null;
  if (sample > 0) {
    started = performance.now();
    // Stored as relayed too: otherwise the service's relay would publish their member events at its
    // first boot, in the middle of the measurement; and marking them afterwards costs a scan of the
    // collection per member on FerretDB (an update by _id does not use its index there).
    const repository = new MembersRepository(asRelayed(models.members), models.identities);
    const summary = await importMembers(memberCsv(bulkCount, options.members, units), tree, new MongoMemberSink(repository, tree));
    if (summary.created !== sample) throw new Error(`the import path created ${summary.created} of ${sample} members: ${JSON.stringify(summary.errors.slice(0, 3))}`);
    const seconds = (performance.now() - started) / 1000;
    importPath = { members: sample, seconds, membersPerSecond: sample / seconds };
    options.log(`import path (MongoMemberSink) on the full store: ${sample} members in ${seconds.toFixed(1)} s (${(sample / seconds).toFixed(1)} members/s)`);
  }

  const report: SeedReport = {
    members: options.members,
    identities: await models.identities.estimatedDocumentCount().exec(),
    seededNow: true,
    seededAt: new Date().toISOString(),
    bulk: { method: BulkMemberSink.METHOD, members: bulkCount, seconds: bulkSeconds, membersPerSecond: bulkCount / bulkSeconds },
    importPath,
  };
  await info.replaceOne({ _id: 'seed' }, report, { upsert: true });
  return report;
}

/**
 * Creates every command as a new member, in two bulk writes per batch: the members through
 * `MembersRepository.insert` (the service's document and member event), their identities with one
 * unordered insertMany of what `claimIdentities` writes (`{_id: senderKey, memberId}`).
 *
 * Why not `MongoMemberSink`: per batch it first looks every row up by identity and external id,
 * then claims each member's identities with a write of its own, so 1M members would take a
 * million round trips — and on FerretDB each lookup scans the collection (see bench/README.md).
 * The store starts empty and `importMembers` already refuses duplicates within the file, so every
 * row is a creation and the lookup would find nothing.
 *
 * The members' events are stored as already relayed (outboxRelayed = 1, no outboxPending), as in
 * a store whose relay has long caught up; otherwise the service's first boot would publish a
 * million member events while it is being measured.
 */
class BulkMemberSink implements MemberSink {
  static readonly METHOD =
    'importMembers (CSV front end) + MembersRepository.insert (2000 per write, outbox marked relayed) + one insertMany of the identities per batch';

  identities = 0;
  private done = 0;
  onBatch: (done: number) => void = () => undefined;
  private readonly repository: MembersRepository;

  constructor(
    private readonly models: { members: Model<MemberDocument>; identities: Model<MemberIdentityDocument> },
    private readonly tree: OrgTree,
  ) {
    this.repository = new MembersRepository(asRelayed(models.members), models.identities);
  }

  async upsertBatch(commands: readonly MemberUpsertCommand[]): Promise<SinkResult> {
    const at = new Date();
    const created = commands.map((command) => ({
      member: newMember(command.fields, { id: memberIdFor(command.key), now: at }),
      posts: command.post ? [{ unitCode: command.fields.homeUnitCode, post: command.post, from: at } satisfies StoredTenure] : [],
    }));
    const identities = created.flatMap(({ member }) => identityKeysOf(member).map((key) => ({ _id: key, memberId: member.id })));
    const [inserted] = await Promise.all([
      this.repository.insert(created, this.tree),
      this.models.identities.insertMany(identities, { ordered: false, lean: true }),
    ]);
    this.identities += identities.length;
    this.done += inserted.length;
    this.onBatch(this.done);
    return { created: inserted.length, updated: 0 };
  }
}

/** The members model, but what `insertMany` stores has its outbox marked as published. */
function asRelayed(model: Model<MemberDocument>): Model<MemberDocument> {
  const insertMany = (documents: Array<Record<string, unknown> & { outbox: unknown[] }>, options: object) =>
    model.insertMany(
      documents.map(({ outboxPending: _pending, ...document }) => ({ ...document, outboxRelayed: document.outbox.length })),
      options,
    );
  return new Proxy(model, { get: (target, property, receiver) => (property === 'insertMany' ? insertMany : Reflect.get(target, property, receiver)) });
}
