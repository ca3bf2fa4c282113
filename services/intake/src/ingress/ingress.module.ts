import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module';
import { ChannelMessageIngressConsumer } from './channel-message-ingress.consumer';

@Module({ imports: [ReportsModule], controllers: [ChannelMessageIngressConsumer] })
export class IngressModule {}
