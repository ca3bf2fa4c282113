import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { SERVICE_CONFIG, type ServiceConfig } from '@cc/config';
import { EventPublisher, OutboxRelay } from '@cc/messaging';
import { IntakeReport } from './intake-report.schema';

@Injectable()
export class IntakeReportOutboxRelay extends OutboxRelay<IntakeReport> {
  constructor(
    @InjectModel(IntakeReport.name) model: Model<IntakeReport>,
    publisher: EventPublisher,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    super(model, publisher, config.OUTBOX_SWEEP_INTERVAL_MS, true);
  }
}
