import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type CaseEvent, Topics } from '@cc/contracts';
import type { ConsumedEvent } from '@cc/messaging';
import { DirectoryRepository } from '../directory/directory.repository';
import { caseNotices } from '../notices/case-notices';
import { NotificationSender } from './notification-sender.service';

/** Case events become notices for the reporters and office-bearers grievance named (see CASE_NOTICE_RULES). */
@Controller()
export class CaseEventsConsumer {
  constructor(
    private readonly directory: DirectoryRepository,
    private readonly sender: NotificationSender,
  ) {}

  @EventPattern(Topics.CaseEvents)
  async caseEvents(@Payload() events: Array<ConsumedEvent<CaseEvent>>): Promise<void> {
    const members = await this.directory.members(events.flatMap((event) => event.data.notify.memberIds));
    await this.sender.deliver(
      events.flatMap((event) =>
        caseNotices(event.data, (memberId) => members.get(memberId)?.currentPosts).map((notice) => ({ sourceEventId: event.id, sourceType: `case.${event.data.type}`, notice })),
      ),
    );
  }
}
