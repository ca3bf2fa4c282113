import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type DeliveryStatus, Topics } from '@cc/contracts';
import type { ConsumedEvent } from '@cc/messaging';
import { NotificationSender } from './notification-sender.service';

/** Providers' callbacks as intake published them: sent → delivered → read, or failed (then the next channel). */
@Controller()
export class DeliveryStatusConsumer {
  constructor(private readonly sender: NotificationSender) {}

  @EventPattern(Topics.DeliveryStatus)
  async statuses(@Payload() events: Array<ConsumedEvent<DeliveryStatus>>): Promise<void> {
    for (const event of events) await this.sender.applyStatus(event.data);
  }
}
