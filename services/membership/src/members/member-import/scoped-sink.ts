import type { OrgTree } from '../../organisation/org-tree';
import { rejectLine } from '../../shared/rejection';
import type { MemberSink, SinkResult } from './member-sink';
import type { MemberUpsertCommand } from './member-upsert';

/**
 * Lets through only rows whose home unit is within `scope` (the importer's own subtree): a
 * district president's file cannot create or move members in another district. Rows outside are
 * reported on their lines; the rest of the file goes in.
 */
export class ScopedMemberSink implements MemberSink {
  constructor(
    private readonly inner: MemberSink,
    private readonly tree: OrgTree,
    private readonly scope: string,
  ) {}

  async upsertBatch(commands: readonly MemberUpsertCommand[]): Promise<SinkResult> {
    const inside = commands.filter((command) => this.tree.isWithin(command.fields.homeUnitCode, this.scope));
    const outside = commands
      .filter((command) => !inside.includes(command))
      .map((command) => rejectLine(command.line, 'ACCESS.OUTSIDE_SUBTREE', `home unit ${command.fields.homeUnitCode} is outside ${this.scope}, the unit you manage`));
    const result = inside.length > 0 ? await this.inner.upsertBatch(inside) : { created: 0, updated: 0 };
    return { ...result, rejected: [...(result.rejected ?? []), ...outside] };
  }
}
