import { seedTree } from '../../organisation/fixtures/org-units.fixtures';
import { InMemoryMemberSink } from './in-memory-member-sink';
import type { MemberUpsertCommand } from './member-upsert';
import { ScopedMemberSink } from './scoped-sink';

const command = (line: number, homeUnitCode: string, phone: string): MemberUpsertCommand => ({
  line,
  key: { kind: 'phone', e164: phone },
  fields: { name: `Member ${line}`, phones: [phone], homeUnitCode, language: 'hi', consentToContact: true },
});

describe('ScopedMemberSink', () => {
  it('applies the rows inside the importer’s subtree and refuses the others on their lines', async () => {
    const inner = new InMemoryMemberSink();
    const sut = new ScopedMemberSink(inner, seedTree(), 'JH-RAN');
    const result = await sut.upsertBatch([command(2, 'JH-RAN-KANKE', '+919812340001'), command(3, 'JH-DHN', '+919812340002'), command(4, 'JH', '+919812340003')]);
    expect(result.created).toBe(1);
    expect(result.rejected?.map(({ line, code }) => [line, code])).toEqual([
      [3, 'ACCESS.OUTSIDE_SUBTREE'],
      [4, 'ACCESS.OUTSIDE_SUBTREE'],
    ]);
    expect(inner.size).toBe(1);
  });
});
