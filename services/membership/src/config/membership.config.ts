import { serviceConfigSchema } from '@cc/config';

export const membershipConfigSchema = serviceConfigSchema('membership', 3002);
