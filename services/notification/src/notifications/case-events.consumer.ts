import { Controller, Inject, Logger } from '@nestjs/common';
import { SERVICE_CONFIG } from '@cc/config';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type CaseEvent, Topics } from '@cc/contracts';
import type { ConsumedEvent } from '@cc/messaging';
import { DirectoryRepository } from '../directory/directory.repository';
import type { NotificationConfig } from '../config/notification.config';
import { caseNotices } from '../notices/case-notices';
import { isFresh } from '../notices/freshness';
import { NotificationSender } from './notification-sender.service';

/**
 * Case events become notices for the reporters and office-bearers grievance named (see
 * CASE_NOTICE_RULES); events older than NOTIFICATION_MAX_EVENT_AGE_MS give none.
 */
@Controller()
export class CaseEventsConsumer {
  private readonly logger = new Logger(CaseEventsConsumer.name);

  constructor(
    private readonly directory: DirectoryRepository,
    private readonly sender: NotificationSender,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
  ) {}

  @EventPattern(Topics.CaseEvents)
  async caseEvents(@Payload() all: Array<ConsumedEvent<CaseEvent>>): Promise<void> {
    const now = new Date();
    const events = all.filter((event) => isFresh(event.data.occurredAt, now, this.config.NOTIFICATION_MAX_EVENT_AGE_MS));
    if (events.length < all.length) this.logger.log(`${all.length - events.length} case event(s) older than NOTIFICATION_MAX_EVENT_AGE_MS: no notices`);
    const members = await this.directory.members(events.flatMap((event) => event.data.notify.memberIds));
    await this.sender.deliver(
      events.flatMap((event) =>
        caseNotices(event.data, (memberId) => members.get(memberId)?.currentPosts).map((notice) => ({ sourceEventId: event.id, sourceType: `case.${event.data.type}`, notice })),
      ),
    );
  }
}
