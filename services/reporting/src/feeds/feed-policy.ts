import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import { z } from 'zod';
import { CaseEventTypes, CaseSeverities, UnitLevels } from '@cc/contracts';

/**
 * Which records go to which HQ feed, as data (services/reporting/data/feed-policy.json), validated
 * at boot. Every report and case event of a state goes to that state's feed as the `state` part
 * says; AICC gets what the `aicc` part names. Anything placed in no state goes to AICC, since no
 * state HQ would see it otherwise.
 */
export const feedPolicySchema = z.strictObject({
  version: z.number().int().positive(),
  state: z.strictObject({
    /** Every attributed report of the state. */
    reports: z.boolean(),
    /** `all`, or only these case event types. */
    caseEvents: z.union([z.literal('all'), z.array(z.enum(CaseEventTypes)).max(CaseEventTypes.length)], {
      error: `"all", or a list of case event types (${CaseEventTypes.join(', ')})`,
    }),
  }),
  aicc: z.strictObject({
    /** `without-state`: only reports that could be placed in no state; `all`: every report. */
    reports: z.enum(['none', 'without-state', 'all']),
    caseEvents: z.strictObject({
      /** These event types always, whatever the case. */
      types: z.array(z.enum(CaseEventTypes)).max(CaseEventTypes.length),
      /** An escalation whose new desk is at this level or above (`state`: to a state HQ or AICC); null for none. */
      escalatedToLevel: z.enum(UnitLevels).nullable(),
      /** Every event of a case of these severities. */
      severities: z.array(z.enum(CaseSeverities)).max(CaseSeverities.length),
      /** Events whose routing rule names the national feed (grievance's `alsoNotify: national-feed`). */
      namedByGrievance: z.boolean(),
    }),
    /** `daily`: one digest per state and Indian day (services/reporting/src/digests); `off`: none. */
    digests: z.enum(['daily', 'off']),
  }),
});

export type FeedPolicy = z.infer<typeof feedPolicySchema>;

export type FeedPolicyResult = { ok: true; policy: FeedPolicy } | { ok: false; code: 'FEED.INVALID_POLICY'; reason: string };

/** Every problem at once, each with the path of the field it is about. */
export function parseFeedPolicy(input: unknown): FeedPolicyResult {
  const parsed = feedPolicySchema.safeParse(input);
  if (parsed.success) return { ok: true, policy: parsed.data };
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  return { ok: false, code: 'FEED.INVALID_POLICY', reason: problems.join('; ') };
}

/** The policy in a JSON file; a file that is missing or not JSON is a problem like any other. */
export function loadFeedPolicy(path: string): FeedPolicyResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { ok: false, code: 'FEED.INVALID_POLICY', reason: `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    return { ok: false, code: 'FEED.INVALID_POLICY', reason: `${path} is not JSON: ${(error as Error).message}` };
  }
  const result = parseFeedPolicy(input);
  return result.ok ? result : { ...result, reason: `${path}: ${result.reason}` };
}

const SHIPPED = join('services', 'reporting', 'data', 'feed-policy.json');

/** The shipped policy, found above this file in the source tree, in dist/ and in the image alike. */
export function shippedFeedPolicyPath(from: string = __dirname): string {
  for (let dir = from; dir !== parse(dir).root; dir = dirname(dir)) {
    const candidate = join(dir, SHIPPED);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`${SHIPPED} not found above ${from}; set REPORTING_FEED_POLICY_FILE`);
}
