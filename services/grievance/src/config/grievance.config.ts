import { serviceConfigSchema } from '@cc/config';

export const grievanceConfigSchema = serviceConfigSchema('grievance', 3003);
