import { serviceConfigSchema } from '@cc/config';

export const notificationConfigSchema = serviceConfigSchema('notification', 3004);
