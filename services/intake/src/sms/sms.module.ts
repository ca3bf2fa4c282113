import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module';
import { SmsWebhookController } from './sms-webhook.controller';

@Module({ imports: [ReportsModule], controllers: [SmsWebhookController] })
export class SmsModule {}
