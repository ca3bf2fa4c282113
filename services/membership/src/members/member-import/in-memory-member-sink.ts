import type { PostKind } from '../../committees/post-kind';
import { rejectLine, type LineRejection } from '../../shared/rejection';
import { newMember, updateMember, type Member } from '../member';
import type { MemberSink, SinkResult } from './member-sink';
import { decideUpsert, type MemberUpsertCommand } from './member-upsert';

/**
 * The sink contract kept in memory: members indexed by every key an import can match them by.
 * The reference the store is tested against, and a dry run for an import.
 */
export class InMemoryMemberSink implements MemberSink {
  private readonly members = new Map<string, Member>();
  private readonly index = new Map<string, string>();
  readonly posts = new Map<string, PostKind>();
  private batchCount = 0;

  constructor(private readonly clock: () => Date = () => new Date()) {}

  get batches(): number {
    return this.batchCount;
  }

  get size(): number {
    return this.members.size;
  }

  all(): Member[] {
    return [...this.members.values()];
  }

  findByExternalId(externalId: string): Member | undefined {
    return this.byIndex(`external-id:${externalId}`);
  }

  findByPhone(e164: string): Member | undefined {
    return this.byIndex(`phone:${e164}`);
  }

  async upsertBatch(commands: readonly MemberUpsertCommand[]): Promise<SinkResult> {
    this.batchCount += 1;
    const result: SinkResult & { rejected: LineRejection[] } = { created: 0, updated: 0, rejected: [] };
    const now = this.clock();
    for (const command of commands) {
      const decision = decideUpsert(command, this.candidates(command));
      if (!decision.ok) {
        result.rejected.push(rejectLine(command.line, decision.code, decision.reason));
        continue;
      }
      if (decision.action === 'create') {
        this.save(newMember(command.fields, { id: `m${this.members.size + 1}`, now }), command);
        result.created += 1;
        continue;
      }
      const updated = updateMember(decision.member, command.fields, now);
      if (!updated.ok) {
        result.rejected.push(rejectLine(command.line, updated.code, updated.reason));
        continue;
      }
      this.save(updated.member, command);
      result.updated += 1;
    }
    return result;
  }

  private candidates({ fields }: MemberUpsertCommand): Member[] {
    return [
      fields.externalId ? `external-id:${fields.externalId}` : '',
      ...fields.phones.map((e164) => `phone:${e164}`),
      fields.whatsappBsuid ? `bsuid:${fields.whatsappBsuid}` : '',
      fields.appUserId ? `app-user:${fields.appUserId}` : '',
    ].flatMap((key) => this.byIndex(key) ?? []);
  }

  private save(member: Member, command: MemberUpsertCommand): void {
    const previous = this.members.get(member.id);
    for (const key of previous ? keysOf(previous) : []) this.index.delete(key);
    this.members.set(member.id, member);
    for (const key of keysOf(member)) this.index.set(key, member.id);
    if (command.post) this.posts.set(member.id, command.post);
  }

  private byIndex(key: string): Member | undefined {
    const id = this.index.get(key);
    return id === undefined ? undefined : this.members.get(id);
  }
}

function keysOf(member: Member): string[] {
  return [
    ...(member.externalId ? [`external-id:${member.externalId}`] : []),
    ...member.phones.map((e164) => `phone:${e164}`),
    ...(member.whatsappBsuid ? [`bsuid:${member.whatsappBsuid}`] : []),
    ...(member.appUserId ? [`app-user:${member.appUserId}`] : []),
  ];
}
