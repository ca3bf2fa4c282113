import { serviceConfigSchema } from '@cc/config';

export const intakeConfigSchema = serviceConfigSchema('intake', 3001);
