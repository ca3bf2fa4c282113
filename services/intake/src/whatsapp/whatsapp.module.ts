import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module';
import { WhatsAppWebhookController } from './whatsapp-webhook.controller';

@Module({ imports: [ReportsModule], controllers: [WhatsAppWebhookController] })
export class WhatsAppModule {}
