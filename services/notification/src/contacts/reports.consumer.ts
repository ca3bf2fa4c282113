import { Controller, Inject, Logger } from '@nestjs/common';
import { SERVICE_CONFIG } from '@cc/config';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type ReportReceived, Topics } from '@cc/contracts';
import type { ConsumedEvent } from '@cc/messaging';
import type { NotificationConfig } from '../config/notification.config';
import { reportNotice } from '../notices/case-notices';
import { isFresh } from '../notices/freshness';
import { NotificationSender } from '../notifications/notification-sender.service';
import { type Contact, contactAfterReport } from './contact';
import { ContactsRepository } from './contacts.repository';

/**
 * Every report: the sender's contact record moves on (addresses, language, last message per
 * channel), a STOP or START is recorded and answered with nothing, and anything else is
 * acknowledged with its reference — unless it is older than NOTIFICATION_MAX_EVENT_AGE_MS (a
 * replay, an outage drained late). One sender's reports share a partition, in order.
 */
@Controller()
export class ReportsConsumer {
  private readonly logger = new Logger(ReportsConsumer.name);

  constructor(
    private readonly contacts: ContactsRepository,
    private readonly sender: NotificationSender,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
  ) {}

  @EventPattern(Topics.ReportReceived)
  async received(@Payload() events: Array<ConsumedEvent<ReportReceived>>): Promise<void> {
    const known = await this.contacts.find(events.map((event) => event.data.senderKey));
    const changed = new Map<string, Contact>();
    const acknowledgements: Array<ConsumedEvent<ReportReceived>> = [];
    const now = new Date();
    let stale = 0;
    for (const event of events) {
      const update = contactAfterReport(known.get(event.data.senderKey), event.data);
      known.set(event.data.senderKey, update.contact);
      changed.set(event.data.senderKey, update.contact);
      if (update.command) continue;
      if (isFresh(event.data.receivedAt, now, this.config.NOTIFICATION_MAX_EVENT_AGE_MS)) acknowledgements.push(event);
      else stale += 1;
    }
    for (const contact of changed.values()) await this.contacts.save(contact);
    if (stale > 0) this.logger.log(`${stale} report(s) older than NOTIFICATION_MAX_EVENT_AGE_MS: not acknowledged`);
    await this.sender.deliver(acknowledgements.map((event) => ({ sourceEventId: event.id, sourceType: 'report-received', notice: reportNotice(event.data) })));
  }
}
