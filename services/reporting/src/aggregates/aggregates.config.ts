import { z } from 'zod';
import { wholeNumber } from '@cc/config';
import { authConfigSchema } from '@cc/auth';

const HOUR = 60 * 60 * 1000;

/**
 * The aggregates' and the war-room API's settings. The JWT variables are the ones every API of the
 * Connect Center takes (without them the API answers 503 `AUTH.NOT_CONFIGURED`).
 */
export const aggregatesConfigSchema = z
  .object({
    /** How often a replica reads the aggregates the other replicas wrote (each consumes some partitions only). */
    REPORTING_REFRESH_MS: wholeNumber(100, 600_000).default(5_000),
    /**
     * How long a desk has to acknowledge, and a case to be resolved, before reporting counts it
     * overdue (severity high halves, critical quarters them). Grievance's defaults: 1 and 3 days.
     */
    REPORTING_SLA_ACKNOWLEDGE_MS: wholeNumber(1000, 365 * 24 * HOUR).default(24 * HOUR),
    REPORTING_SLA_RESOLVE_MS: wholeNumber(1000, 365 * 24 * HOUR).default(72 * HOUR),
    /** A block or panchayat with no report for this many days is silent (the default of `?days=`). */
    REPORTING_SILENT_DAYS: wholeNumber(1, 365).default(7),
    /** How often the live stream looks for changes to send to a dashboard. */
    REPORTING_LIVE_INTERVAL_MS: wholeNumber(200, 60_000).default(2_000),
  })
  .and(authConfigSchema);

export type AggregatesConfig = z.output<typeof aggregatesConfigSchema>;
