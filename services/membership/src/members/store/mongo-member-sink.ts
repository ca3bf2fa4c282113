import { maskPhone } from '@cc/identity';
import type { OrgTree } from '../../organisation/org-tree';
import { rejectLine, type LineRejection } from '../../shared/rejection';
import { newMember, updateMember } from '../member';
import type { MemberSink, SinkResult } from '../member-import/member-sink';
import { decideUpsert, type MemberUpsertCommand } from '../member-import/member-upsert';
import { identityKeysOf } from '../member-identity';
import type { StoredTenure } from './member.schema';
import { memberIdFor, type MembersRepository, type StoredMember } from './members.repository';

/**
 * The import's writes against the store. Per batch: one read of every member the batch could be
 * about (by identity and external id), a decision per row (`decideUpsert`), new members inserted
 * in one write, changed members each written with compare-and-set, then their identities
 * claimed. Everything is keyed so that a batch applied twice after a crash changes nothing more.
 */
export class MongoMemberSink implements MemberSink {
  constructor(
    private readonly repository: MembersRepository,
    private readonly tree: OrgTree,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async upsertBatch(commands: readonly MemberUpsertCommand[]): Promise<SinkResult> {
    const at = this.now();
    const known = await this.candidates(commands);
    const rejected: LineRejection[] = [];
    const creations: Array<{ command: MemberUpsertCommand; stored: Omit<StoredMember, 'version'> }> = [];
    let updated = 0;

    for (const command of commands) {
      const candidates = this.candidatesFor(command, known);
      const decision = decideUpsert(command, candidates.map((candidate) => candidate.member));
      if (!decision.ok) {
        rejected.push(rejectLine(command.line, decision.code, decision.reason));
        continue;
      }
      if (decision.action === 'create') {
        const member = newMember(command.fields, { id: memberIdFor(command.key), now: at });
        creations.push({ command, stored: { member, posts: withPost([], command, at) } });
        continue;
      }
      const stored = candidates.find((candidate) => candidate.member.id === decision.member.id)!;
      const change = updateMember(stored.member, command.fields, at);
      if (!change.ok) {
        rejected.push(rejectLine(command.line, change.code, change.reason));
        continue;
      }
      if (!(await this.repository.update(stored, change.member, withPost(stored.posts, command, at), this.tree))) {
        rejected.push(rejectLine(command.line, 'IMPORT.CONCURRENT_UPDATE', `member ${stored.member.id} changed while this row was applied; import the file again`));
        continue;
      }
      const conflicts = await this.claim(command, change.member.id, identityKeysOf(change.member));
      rejected.push(...conflicts);
      if (conflicts.length === 0) updated += 1;
    }

    const inserted = new Set(await this.repository.insert(creations.map(({ stored }) => stored), this.tree));
    let created = 0;
    for (const { command, stored } of creations) {
      const conflicts = await this.claim(command, stored.member.id, identityKeysOf(stored.member));
      rejected.push(...conflicts);
      // A member already inserted by an earlier attempt of this batch counts as updated.
      if (conflicts.length > 0) continue;
      if (inserted.has(stored.member.id)) created += 1;
      else updated += 1;
    }
    return { created, updated, rejected };
  }

  private async candidates(commands: readonly MemberUpsertCommand[]): Promise<StoredMember[]> {
    const keys = commands.flatMap((command) => identityKeysOf(command.fields));
    const byIdentity = await this.repository.memberIdsByIdentity(keys);
    const externalIds = commands.flatMap((command) => (command.fields.externalId ? [command.fields.externalId] : []));
    const [byId, byExternal] = await Promise.all([this.repository.byIds([...byIdentity.values()]), this.repository.byExternalIds(externalIds)]);
    return [...new Map([...byId, ...byExternal].map((stored) => [stored.member.id, stored])).values()];
  }

  private candidatesFor(command: MemberUpsertCommand, known: readonly StoredMember[]): StoredMember[] {
    const keys = new Set(identityKeysOf(command.fields));
    return known.filter(
      (stored) =>
        (command.fields.externalId !== undefined && stored.member.externalId === command.fields.externalId) ||
        identityKeysOf(stored.member).some((key) => keys.has(key)),
    );
  }

  /** A phone another member took meanwhile is reported on the row, masked. */
  private async claim(command: MemberUpsertCommand, memberId: string, keys: string[]): Promise<LineRejection[]> {
    const taken = await this.repository.claimIdentities(memberId, keys);
    if (taken.length === 0) return [];
    const phones = command.fields.phones.filter((e164) => taken.includes(identityKeysOf({ phones: [e164] })[0]!));
    const what = phones.length > 0 ? `phone ${phones.map(maskPhone).join(', ')}` : 'an identity';
    return [rejectLine(command.line, 'IMPORT.IDENTITY_CONFLICT', `${what} was given to another member while this file was imported`)];
  }
}

/** The row's post at the home unit, added as a new tenure unless the member already holds it there. */
function withPost(posts: readonly StoredTenure[], command: MemberUpsertCommand, at: Date): StoredTenure[] {
  const post = command.post;
  if (!post) return [...posts];
  const unitCode = command.fields.homeUnitCode;
  if (posts.some((tenure) => tenure.post === post && tenure.unitCode === unitCode && !tenure.to)) return [...posts];
  return [...posts, { unitCode, post, from: at }];
}
