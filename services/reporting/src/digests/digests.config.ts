import { z } from 'zod';
import { wholeNumber } from '@cc/config';

const MINUTE = 60_000;

/** The daily digests' settings (the policy's `aicc.digests` turns them on or off). */
export const digestsConfigSchema = z.object({
  /** How many Indian days back a digest not yet published is still published (at boot, after an outage). */
  REPORTING_DIGEST_LOOKBACK_DAYS: wholeNumber(1, 30).default(2),
  /** How long after Indian midnight a day's digests wait, so that the day's last events reach reporting. */
  REPORTING_DIGEST_DELAY_MS: wholeNumber(0, 6 * 60 * MINUTE).default(10 * MINUTE),
  /** How often the job looks for a digest due. */
  REPORTING_DIGEST_CHECK_MS: wholeNumber(100, 60 * MINUTE).default(MINUTE),
  /**
   * A digest carries the end-of-day figures (active, overdue, silent), read from the present, only
   * when computed within this long after the day ended.
   */
  REPORTING_DIGEST_END_OF_DAY_WITHIN_MS: wholeNumber(MINUTE, 24 * 60 * MINUTE).default(2 * 60 * MINUTE),
});

export type DigestsConfig = z.output<typeof digestsConfigSchema>;
