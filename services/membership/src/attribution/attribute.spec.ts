import { type ReportReceived, ReportReceivedEvent } from '@cc/contracts';
import type { StoredMember } from '../members/store/members.repository';
import { jharkhandTree } from '../organisation/fixtures/org-units.fixtures';
import { attribute, type AttributionContext } from './attribute';
import { UnitNameIndex } from './unit-names';

const tree = jharkhandTree();
const at = new Date('2026-11-26T06:00:00Z');
const context: AttributionContext = { tree, names: new UnitNameIndex(tree), channelStates: new Map([['106540352242922', 'JH']]), at };
const report = (overrides: Partial<ReportReceived> = {}): ReportReceived => ({
  ...ReportReceivedEvent.example,
  text: 'सड़क टूटी है',
  declaredUnitCode: undefined,
  channelEndpoint: undefined,
  ...overrides,
});
const member = (status: StoredMember['member']['status'], posts: StoredMember['posts'] = []): StoredMember => ({
  member: {
    id: 'mbr_0123456789abcdefghijkl',
    name: 'Sunita Devi',
    phones: ['+919812348765'],
    homeUnitCode: 'JH-RAN-KANKE',
    language: 'hi',
    status,
    consent: { contact: true, at },
    createdAt: at,
    updatedAt: at,
  },
  posts,
  version: 1,
});

describe('attribute', () => {
  it('places an active member at their home unit with the posts they hold now, not those they left', () => {
    const sender = member('active', [
      { unitCode: 'JH-RAN-KANKE', post: 'president', from: new Date('2025-01-01') },
      { unitCode: 'JH-RAN', post: 'secretary', from: new Date('2024-01-01'), to: new Date('2025-01-01') },
      { unitCode: 'JH-RAN', post: 'treasurer', from: new Date('2027-01-01') },
    ]);
    expect(attribute(report({ declaredUnitCode: 'JH-DHN' }), sender, context)).toEqual({
      memberId: 'mbr_0123456789abcdefghijkl',
      trust: 'verified-member',
      unitCode: 'JH-RAN-KANKE',
      unitPath: ['IN', 'JH', 'JH-RAN', 'JH-RAN-KANKE'],
      unitSource: 'member-home',
      posts: [{ unitCode: 'JH-RAN-KANKE', post: 'president' }],
    });
  });

  it('trusts a pending or suspended member’s number, but not as a verified member', () => {
    expect(attribute(report(), member('pending'), context).trust).toBe('known-number');
    expect(attribute(report(), member('suspended'), context).trust).toBe('known-number');
  });

  it('places an unknown sender by the unit declared, ignoring a code nobody knows', () => {
    expect(attribute(report({ declaredUnitCode: 'JH-RAN-BERO' }), undefined, context)).toMatchObject({ trust: 'unknown', unitCode: 'JH-RAN-BERO', unitSource: 'declared' });
    expect(attribute(report({ declaredUnitCode: 'XX-NOWHERE' }), undefined, context)).toMatchObject({ unitCode: 'IN', unitSource: 'unassigned' });
  });

  it('places by a unit the text names, in English or Hindi', () => {
    expect(attribute(report({ text: 'Kanke block office band hai' }), undefined, context)).toMatchObject({ unitCode: 'JH-RAN-KANKE', unitSource: 'named-in-text' });
    expect(attribute(report({ text: 'अनगड़ा प्रखंड में राशन नहीं' }), undefined, context)).toMatchObject({ unitCode: 'JH-RAN-ANGARA', unitSource: 'named-in-text' });
  });

  it('falls back to the state of the channel number, then to national', () => {
    expect(attribute(report({ channelEndpoint: { id: '106540352242922' } }), undefined, context)).toMatchObject({ unitCode: 'JH', unitPath: ['IN', 'JH'], unitSource: 'unassigned' });
    expect(attribute(report({ channelEndpoint: { address: '+910000000000' } }), undefined, context)).toMatchObject({ unitCode: 'IN', unitPath: ['IN'] });
  });
});
