import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { SERVICE_CONFIG, type ServiceConfig } from '@cc/config';
import { EventPublisher, OutboxRelay } from '@cc/messaging';
import { AttributionDocument } from './attribution.schema';

@Injectable()
export class AttributionOutboxRelay extends OutboxRelay<AttributionDocument> {
  constructor(
    @InjectModel(AttributionDocument.name) model: Model<AttributionDocument>,
    publisher: EventPublisher,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    super(model, publisher, config.OUTBOX_SWEEP_INTERVAL_MS, true);
  }
}
