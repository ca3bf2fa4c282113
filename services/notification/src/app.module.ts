import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@cc/platform';
import type { NotificationConfig } from './config/notification.config';
import { NotificationsModule } from './notifications/notifications.module';
import type { NotificationTemplates } from './templates/bundled-templates';

@Module({})
export class AppModule {
  static register(config: NotificationConfig, templates?: NotificationTemplates): DynamicModule {
    return { module: AppModule, imports: [PlatformModule.forRoot(config), NotificationsModule.register(config, templates)] };
  }
}
