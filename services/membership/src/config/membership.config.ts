import { z } from 'zod';
import { authConfigSchema } from '@cc/auth';
import { serviceConfigSchema, wholeNumber } from '@cc/config';

const UNIT = /^[A-Z0-9][A-Z0-9._-]{1,31}$/;

/**
 * `endpoint=STATE,endpoint=STATE`: which state each of the party's channel numbers serves (the
 * WhatsApp phone_number_id or display number, the SMS long code or Twilio number). An unknown
 * sender's report with no unit is placed as unassigned in that state.
 */
const channelStates = z
  .string()
  .default('')
  .transform((list, context) => {
    const states = new Map<string, string>();
    for (const entry of list.split(',').map((part) => part.trim()).filter(Boolean)) {
      const [endpoint, state] = entry.split('=').map((part) => part.trim());
      if (!endpoint || !state || !UNIT.test(state)) {
        context.addIssue({ code: 'custom', message: `"${entry}" is not <channel number or id>=<state code>` });
        return z.NEVER;
      }
      states.set(endpoint, state);
    }
    return states;
  });

export const membershipConfigSchema = serviceConfigSchema('membership', 3002).and(
  z.object({
    MEMBERSHIP_CHANNEL_STATES: channelStates,
    /** Another reference units file than the one shipped (services/membership/data/org-units.csv). */
    MEMBERSHIP_SEED_FILE: z.string().min(1).optional(),
    /** The largest member CSV one import takes (100 000 rows are about 10 MB). */
    MEMBERSHIP_IMPORT_MAX_BYTES: wholeNumber(1024, 1024 ** 4).default(64 * 1024 * 1024),
    /**
     * How long attribution trusts what it last read about a sender (the member, or nobody): a
     * change made through another replica reaches attribution within this. 0 turns the cache off.
     */
    MEMBERSHIP_SENDER_CACHE_TTL_MS: wholeNumber(0, 600_000).default(10_000),
    /** The most senders it keeps (about 1 KB each with the member's record). */
    MEMBERSHIP_SENDER_CACHE_MAX_ENTRIES: wholeNumber(0, 10_000_000).default(50_000),
  }),
).and(authConfigSchema);

export type MembershipConfig = z.output<typeof membershipConfigSchema>;
