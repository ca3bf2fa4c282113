import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type Member, type OrgUnit, Topics } from '@cc/contracts';
import type { ConsumedEvent } from '@cc/messaging';
import { OrgReadModels } from './store/org-read-models';

/**
 * Membership's compacted topics, folded into grievance's read models a batch at a time: one read
 * of the stored versions, one write of what is new. Latest `updatedAt` per key wins, so a
 * redelivered or replayed record changes nothing.
 */
@Controller()
export class OrgEventsConsumer {
  constructor(private readonly readModels: OrgReadModels) {}

  @EventPattern(Topics.OrgUnit)
  async units(@Payload() events: Array<ConsumedEvent<OrgUnit>>): Promise<void> {
    await this.readModels.receiveUnits(events.map((event) => event.data));
  }

  @EventPattern(Topics.Member)
  async members(@Payload() events: Array<ConsumedEvent<Member>>): Promise<void> {
    await this.readModels.receiveMembers(events.map((event) => event.data));
  }
}
