import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module';
import { AppAuthenticator } from './app-authenticator';
import { AppReportsController } from './app-reports.controller';

@Module({ imports: [ReportsModule], controllers: [AppReportsController], providers: [AppAuthenticator] })
export class AppReportsModule {}
