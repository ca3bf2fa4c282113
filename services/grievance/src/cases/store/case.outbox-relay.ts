import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { SERVICE_CONFIG, type ServiceConfig } from '@cc/config';
import { EventPublisher, OutboxRelay } from '@cc/messaging';
import { CaseDocument } from './case.schema';

/** Publishes the case events stored with each case on `cc.grievance.case-events.v1`. */
@Injectable()
export class CaseOutboxRelay extends OutboxRelay<CaseDocument> {
  constructor(@InjectModel(CaseDocument.name) model: Model<CaseDocument>, publisher: EventPublisher, @Inject(SERVICE_CONFIG) config: ServiceConfig) {
    super(model, publisher, config.OUTBOX_SWEEP_INTERVAL_MS);
  }
}
