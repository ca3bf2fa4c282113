import { type DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { NotificationsController } from '../api/notifications.controller';
import type { NotificationConfig } from '../config/notification.config';
import { ContactDocument, ContactSchema } from '../contacts/contact.schema';
import { ContactsRepository } from '../contacts/contacts.repository';
import { ReportsConsumer } from '../contacts/reports.consumer';
import { DirectoryConsumer } from '../directory/directory.consumer';
import { DirectoryRepository } from '../directory/directory.repository';
import { DirectoryMemberDocument, DirectoryMemberSchema, UnitNameDocument, UnitNameSchema } from '../directory/directory.schema';
import type { NotificationTemplates } from '../templates/bundled-templates';
import { CaseEventsConsumer } from './case-events.consumer';
import { limitersFrom, sendersFrom, templatesFrom } from './channels';
import { DeliveryStatusConsumer } from './delivery-status.consumer';
import { NotificationDocument, NotificationSchema, ProviderMessageDocument, ProviderMessageSchema } from './notification.schema';
import { LIMITERS, NotificationSender, SENDERS, TEMPLATES } from './notification-sender.service';
import { NotificationsRepository } from './notifications.repository';

@Module({})
export class NotificationsModule {
  static register(config: NotificationConfig, templates?: NotificationTemplates): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [
        MongooseModule.forFeature([
          { name: NotificationDocument.name, schema: NotificationSchema },
          { name: ProviderMessageDocument.name, schema: ProviderMessageSchema },
          { name: ContactDocument.name, schema: ContactSchema },
          { name: DirectoryMemberDocument.name, schema: DirectoryMemberSchema },
          { name: UnitNameDocument.name, schema: UnitNameSchema },
        ]),
      ],
      controllers: [ReportsConsumer, CaseEventsConsumer, DeliveryStatusConsumer, DirectoryConsumer, NotificationsController],
      providers: [
        { provide: TEMPLATES, useFactory: () => templates ?? templatesFrom(config) },
        { provide: SENDERS, useFactory: () => sendersFrom(config) },
        { provide: LIMITERS, useFactory: () => limitersFrom(config) },
        NotificationsRepository,
        ContactsRepository,
        DirectoryRepository,
        NotificationSender,
      ],
    };
  }
}
