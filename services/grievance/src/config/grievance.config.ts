import { z } from 'zod';
import { authConfigSchema } from '@cc/auth';
import { serviceConfigSchema, wholeNumber } from '@cc/config';
import { DEFAULT_SLA_POLICY, parseSlaPolicy, type SlaPolicy } from '../sla/sla-policy';


/**
 * `GRIEVANCE_SLA_POLICY`: the SLA policy as JSON (durations in milliseconds, the shape of
 * `SlaPolicy`), validated by `parseSlaPolicy` at boot; the default policy when unset. Short
 * durations are how integration tests watch a case escalate.
 */
const slaPolicy = z
  .string()
  .optional()
  .transform((text, context): SlaPolicy => {
    if (text === undefined || text.trim() === '') return DEFAULT_SLA_POLICY;
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch {
      context.addIssue({ code: 'custom', message: 'is not JSON' });
      return z.NEVER;
    }
    const parsed = parseSlaPolicy(input);
    if (!parsed.ok) {
      context.addIssue({ code: 'custom', message: parsed.reason });
      return z.NEVER;
    }
    return parsed.policy;
  });

export const grievanceConfigSchema = serviceConfigSchema('grievance', 3003)
  .and(
    z.object({
      /** How often the SLA sweeper looks for cases whose deadline has come (every replica sweeps; compare-and-set keeps one write per case). */
      GRIEVANCE_SWEEP_INTERVAL_MS: wholeNumber(100, 3_600_000).default(60_000),
      /** The most cases one sweep pass handles. */
      GRIEVANCE_SWEEP_BATCH: wholeNumber(1, 1000).default(100),
      /**
       * How often a replica re-reads the units, post holders and routing rules that other replicas
       * stored (each replica consumes only some partitions of the units and members topics).
       */
      GRIEVANCE_READ_MODEL_REFRESH_MS: wholeNumber(100, 600_000).default(5_000),
      GRIEVANCE_SLA_POLICY: slaPolicy,
    }),
  )
  .and(authConfigSchema);

export type GrievanceConfig = z.output<typeof grievanceConfigSchema>;
