import { serviceConfigSchema } from '@cc/config';

export const reportingConfigSchema = serviceConfigSchema('reporting', 3005);
