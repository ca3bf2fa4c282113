import type { z } from 'zod';
import { serviceConfigSchema } from '@cc/config';
import { feedsConfigSchema } from '../feeds/feeds.config';

export const reportingConfigSchema = serviceConfigSchema('reporting', 3005).and(feedsConfigSchema);

export type ReportingConfig = z.output<typeof reportingConfigSchema>;
