import type { z } from 'zod';
import { serviceConfigSchema } from '@cc/config';
import { feedsConfigSchema } from '../feeds/feeds.config';
import { aggregatesConfigSchema } from '../aggregates/aggregates.config';
import { digestsConfigSchema } from '../digests/digests.config';

export const reportingConfigSchema = serviceConfigSchema('reporting', 3005).and(feedsConfigSchema).and(aggregatesConfigSchema).and(digestsConfigSchema);

export type ReportingConfig = z.output<typeof reportingConfigSchema>;
