import { type DynamicModule, Module } from '@nestjs/common';
import type { ServiceConfig } from '@cc/config';
import { PlatformModule } from '@cc/platform';
import { AppReportsModule } from './app-reports/app-reports.module';
import { DeduplicatorModule } from './deduplicator/deduplicator.module';
import { IngressModule } from './ingress/ingress.module';
import { ReportsModule } from './reports/reports.module';
import { SmsModule } from './sms/sms.module';
import { WhatsAppModule } from './whatsapp/whatsapp.module';

@Module({})
export class AppModule {
  static register(config: ServiceConfig): DynamicModule {
    return { module: AppModule, imports: [PlatformModule.forRoot(config), ReportsModule, WhatsAppModule, SmsModule, AppReportsModule, IngressModule, DeduplicatorModule] };
  }
}
