import { z } from 'zod';
import { type FeedPolicy, loadFeedPolicy, shippedFeedPolicyPath } from './feed-policy';

/** The HQ feeds' settings, part of reporting's configuration (validated once at boot). */
export const feedsConfigSchema = z.object({
  /**
   * Another routing policy file than the shipped services/reporting/data/feed-policy.json. Read
   * and validated at boot: a bad policy stops the service with every problem named.
   */
  REPORTING_FEED_POLICY_FILE: z
    .string()
    .optional()
    .transform((path, context): FeedPolicy => {
      const loaded = loadFeedPolicy(path || shippedFeedPolicyPath());
      if (loaded.ok) return loaded.policy;
      context.addIssue({ code: 'custom', message: `${loaded.code} ${loaded.reason}` });
      return z.NEVER;
    }),
  /**
   * Keys the feeds' member pseudonyms (`mbrp_…`). Optional: without it they are keyed by a key
   * derived from SENDER_KEY_SECRET. Setting or rotating it renames every member on every feed.
   */
  REPORTING_FEED_SECRET: z.string().min(32, 'at least 32 characters').optional(),
});

export type FeedsConfig = z.output<typeof feedsConfigSchema>;
