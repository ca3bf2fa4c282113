import { Inject, Injectable } from '@nestjs/common';
import { DeliveryStatusEvent } from '@cc/contracts';
import { SERVICE_CONFIG } from '@cc/config';
import { canonicalSenderKey } from '@cc/identity';
import { EventPublisher } from '@cc/messaging';
import type { DeliveryStatus } from '../channels/channel-message';
import type { IntakeConfig } from '../config/intake.config';
import { acknowledgedWithin } from './reports.service';

/**
 * Providers' delivery callbacks (WhatsApp statuses, Twilio status callbacks) onto the
 * delivery-status topic, the recipient as the same pseudonym a report from them would carry —
 * never the number. Resolves once Kafka acknowledged every one, else the webhook answers 503.
 */
@Injectable()
export class DeliveryStatusPublisher {
  constructor(
    private readonly publisher: EventPublisher,
    @Inject(SERVICE_CONFIG) private readonly config: IntakeConfig,
  ) {}

  async publish(statuses: readonly DeliveryStatus[]): Promise<void> {
    if (statuses.length === 0) return;
    await acknowledgedWithin(
      Promise.all(
        statuses.map((status) =>
          this.publisher.publish(DeliveryStatusEvent, {
            channel: status.channel,
            provider: status.provider,
            providerMessageId: status.providerMessageId,
            status: status.status,
            timestamp: status.timestamp,
            recipientKey: canonicalSenderKey(status.recipient),
            ...(status.errors ? { errors: status.errors } : {}),
          }),
        ),
      ),
      this.config.INTAKE_PUBLISH_TIMEOUT_MS,
    );
  }
}
