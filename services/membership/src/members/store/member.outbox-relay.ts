import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { SERVICE_CONFIG, type ServiceConfig } from '@cc/config';
import { EventPublisher, OutboxRelay } from '@cc/messaging';
import { MemberDocument } from './member.schema';

@Injectable()
export class MemberOutboxRelay extends OutboxRelay<MemberDocument> {
  constructor(
    @InjectModel(MemberDocument.name) model: Model<MemberDocument>,
    publisher: EventPublisher,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    super(model, publisher, config.OUTBOX_SWEEP_INTERVAL_MS);
  }
}
