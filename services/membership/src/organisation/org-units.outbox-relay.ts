import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { SERVICE_CONFIG, type ServiceConfig } from '@cc/config';
import { EventPublisher, OutboxRelay } from '@cc/messaging';
import { OrgUnitDocument } from './org-unit.schema';

@Injectable()
export class OrgUnitsOutboxRelay extends OutboxRelay<OrgUnitDocument> {
  constructor(
    @InjectModel(OrgUnitDocument.name) model: Model<OrgUnitDocument>,
    publisher: EventPublisher,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    super(model, publisher, config.OUTBOX_SWEEP_INTERVAL_MS);
  }
}
