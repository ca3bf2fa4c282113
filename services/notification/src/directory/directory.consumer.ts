import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type Member, type OrgUnit, Topics } from '@cc/contracts';
import type { ConsumedEvent } from '@cc/messaging';
import { DirectoryRepository } from './directory.repository';

/** Membership's compacted topics, latest `updatedAt` per key winning, a batch at a time. */
@Controller()
export class DirectoryConsumer {
  constructor(private readonly directory: DirectoryRepository) {}

  @EventPattern(Topics.Member)
  async members(@Payload() events: Array<ConsumedEvent<Member>>): Promise<void> {
    await this.directory.receiveMembers(events.map((event) => event.data));
  }

  @EventPattern(Topics.OrgUnit)
  async units(@Payload() events: Array<ConsumedEvent<OrgUnit>>): Promise<void> {
    await this.directory.receiveUnits(events.map((event) => event.data));
  }
}
