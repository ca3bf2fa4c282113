import { z } from 'zod';
import { reject, type Rejection } from '../../shared/rejection';
import type { RegistrationStatus } from '../pending-registration';

export const DEFAULT_LIST_LIMIT = 100;
export const MAX_LIST_LIMIT = 500;

const listSchema = z.strictObject({
  unit: z.string().trim().min(1).max(32).optional(),
  status: z.enum(['pending', 'approved', 'rejected'], 'is pending, approved or rejected').default('pending'),
  limit: z.coerce.number('is a number').int('is a whole number').min(1).max(MAX_LIST_LIMIT).default(DEFAULT_LIST_LIMIT),
});

const approveSchema = z.strictObject({ name: z.string().trim().min(1).max(100).optional() });
const rejectSchema = z.strictObject({ reason: z.string().max(500).refine((text) => !text.includes('\u0000'), 'must not contain U+0000 (NUL)').optional() });

type Invalid = Rejection<'REGISTRATION.INVALID_REQUEST'>;

export function parseListQuery(query: unknown): { ok: true; unitCode?: string; status: RegistrationStatus; limit: number } | Invalid {
  const parsed = parse(listSchema, query);
  if (!parsed.ok) return parsed;
  const { unit, status, limit } = parsed.value;
  return { ok: true, ...(unit ? { unitCode: unit.toUpperCase() } : {}), status, limit };
}

/** `{name?}`: the name to create the member with when the request had none, or a corrected one. */
export function parseApproveBody(body: unknown): { ok: true; name?: string } | Invalid {
  const parsed = parse(approveSchema, body);
  return parsed.ok ? { ok: true, ...parsed.value } : parsed;
}

/** `{reason}`: required by the rule that the applicant is told why (REGISTRATION.REASON_REQUIRED). */
export function parseRejectBody(body: unknown): { ok: true; reason?: string } | Invalid {
  const parsed = parse(rejectSchema, body);
  return parsed.ok ? { ok: true, ...parsed.value } : parsed;
}

function parse<T>(schema: z.ZodType<T>, input: unknown): { ok: true; value: T } | Invalid {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return { ok: true, value: parsed.data };
  return reject('REGISTRATION.INVALID_REQUEST', parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'} ${issue.message}`).join('; '));
}
