import { Readable } from 'node:stream';
import { seedTree } from '../../../services/membership/src/organisation/fixtures/org-units.fixtures';
import { InMemoryMemberSink } from '../../../services/membership/src/members/member-import/in-memory-member-sink';
import { importMembers } from '../../../services/membership/src/members/member-import/member-import';
import { loadGeography } from './geography';
import { memberAt, membersCsv, membersOf } from './people';

const geography = loadGeography();

describe('simulated members', () => {
  it('are the same people for the same index, whatever the run', () => {
    expect(memberAt(17, geography)).toEqual(memberAt(17, geography));
    expect(membersOf(50, geography).slice(0, 20)).toEqual(membersOf(20, geography));
    expect(memberAt(17, geography).phone).toBe('+919876500017');
  });

  it('import into membership with no rejected row, and import again as updates', async () => {
    const tree = seedTree();
    const sink = new InMemoryMemberSink();
    const csv = membersCsv(membersOf(300, geography));
    const first = await importMembers(Readable.from([Buffer.from(csv)]), tree, sink);
    expect(first).toMatchObject({ rowsRead: 300, created: 300, rejected: 0 });
    const again = await importMembers(Readable.from([Buffer.from(csv)]), tree, sink);
    expect(again).toMatchObject({ rowsRead: 300, created: 0, rejected: 0 });
    expect(sink.size).toBe(300);
  });

  it('live in units of membership’s reference organisation (the copy in tools/simulator/data is current)', () => {
    const tree = seedTree();
    expect(geography.districts).toHaveLength(24);
    expect(geography.blocks).toHaveLength(264);
    for (const block of geography.blocks) expect(tree.has(block.code)).toBe(true);
  });
});
