import { BDO_FROM_PITHORIA, opened } from '../opening/fixtures/case.fixtures';
import { CASE_EVENT_CLOUD_TYPES, caseEventSchema, recipientsSchema } from '@cc/contracts';

describe('caseEventSchema (libs/contracts) and the events the domain produces', () => {
  const event = opened(BDO_FROM_PITHORIA).events[0];

  it('accepts an event the domain produced', () => {
    expect(caseEventSchema.safeParse(event).success).toBe(true);
  });

  it('refuses a field the contract does not name: no text, no phone can ride along', () => {
    expect(caseEventSchema.safeParse({ ...event, text: BDO_FROM_PITHORIA }).success).toBe(false);
    expect(caseEventSchema.safeParse({ ...event, notify: { ...event.notify, phones: ['+919812348765'] } }).success).toBe(false);
  });

  it('refuses a phone number where a reporter pseudonym belongs', () => {
    expect(recipientsSchema.safeParse({ memberIds: [], desks: [], reporters: ['+919812348765'], feeds: [] }).success).toBe(false);
    expect(recipientsSchema.safeParse({ memberIds: [], desks: [], reporters: ['snd_7a4c1e9b2d3f5a6c'], feeds: [] }).success).toBe(true);
  });

  it('refuses an actor that is neither the system, a member, nor a reporter pseudonym', () => {
    expect(caseEventSchema.safeParse({ ...event, actor: 'snd_7a4c1e9b2d3f5a6c' }).success).toBe(false);
    expect(caseEventSchema.safeParse({ ...event, actor: 'reporter:R3' }).success).toBe(true);
  });

  it('names each event as the contracts library names the others', () => {
    expect(CASE_EVENT_CLOUD_TYPES.escalated).toBe('org.connectcenter.grievance.case.escalated.v1');
    expect(Object.keys(CASE_EVENT_CLOUD_TYPES)).toEqual(['opened', 'acknowledged', 'assigned', 'escalated', 'resolved', 'reopened', 'merged', 'closed', 'deadline-approaching']);
  });
});
