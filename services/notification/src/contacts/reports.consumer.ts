import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type ReportReceived, Topics } from '@cc/contracts';
import type { ConsumedEvent } from '@cc/messaging';
import { reportNotice } from '../notices/case-notices';
import { NotificationSender } from '../notifications/notification-sender.service';
import { type Contact, contactAfterReport } from './contact';
import { ContactsRepository } from './contacts.repository';

/**
 * Every report: the sender's contact record moves on (addresses, language, last message per
 * channel), a STOP or START is recorded and answered with nothing, and anything else is
 * acknowledged with its reference. One sender's reports share a partition, in order.
 */
@Controller()
export class ReportsConsumer {
  constructor(
    private readonly contacts: ContactsRepository,
    private readonly sender: NotificationSender,
  ) {}

  @EventPattern(Topics.ReportReceived)
  async received(@Payload() events: Array<ConsumedEvent<ReportReceived>>): Promise<void> {
    const known = await this.contacts.find(events.map((event) => event.data.senderKey));
    const changed = new Map<string, Contact>();
    const acknowledgements: Array<ConsumedEvent<ReportReceived>> = [];
    for (const event of events) {
      const update = contactAfterReport(known.get(event.data.senderKey), event.data);
      known.set(event.data.senderKey, update.contact);
      changed.set(event.data.senderKey, update.contact);
      if (!update.command) acknowledgements.push(event);
    }
    for (const contact of changed.values()) await this.contacts.save(contact);
    await this.sender.deliver(acknowledgements.map((event) => ({ sourceEventId: event.id, sourceType: 'report-received', notice: reportNotice(event.data) })));
  }
}
