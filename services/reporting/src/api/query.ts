import { z } from 'zod';
import { unitCodeSchema } from '@cc/contracts';
import { indianDay } from '../activity/unit-day';
import { addDays, daysBetween } from '../aggregates/keys';

export const MAX_RANGE_DAYS = 366;
const DEFAULT_RANGE_DAYS = 30;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day, YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'not a calendar day');
const count = (min: number, max: number) => z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(min).max(max);

const rangeFields = { unit: unitCodeSchema.optional(), from: day.optional(), to: day.optional() };

export const rangeQuerySchema = z.strictObject(rangeFields);
export const openQuerySchema = z.strictObject({ unit: unitCodeSchema.optional(), limit: count(1, 500).default(50) });
export const silentQuerySchema = z.strictObject({
  unit: unitCodeSchema.optional(),
  days: count(1, 365).optional(),
  level: z.enum(['block', 'panchayat', 'all']).default('all'),
  limit: count(1, 5000).default(500),
});
export const unitQuerySchema = z.strictObject({ unit: unitCodeSchema.optional() });
export const dashboardQuerySchema = z.strictObject({ unit: unitCodeSchema.optional(), days: count(1, 90).default(14) });
export const exportQuerySchema = z.strictObject(rangeFields);

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** Query parameters through a schema: the value, or every problem in one message (`from: a day, YYYY-MM-DD; limit: …`). */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): Parsed<z.output<S>> {
  const parsed = schema.safeParse(query ?? {});
  if (parsed.success) return { ok: true, value: parsed.data };
  const message = parsed.error.issues
    .map((issue) => (issue.code === 'unrecognized_keys' ? `unknown parameter${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}` : `${issue.path.join('.') || 'query'}: ${issue.message}`))
    .join('; ');
  return { ok: false, message };
}

export interface DayRange {
  from: string;
  to: string;
}

/** `from`/`to` with their defaults (the last 30 Indian days up to today), in order and at most a year apart. */
export function dayRange(query: { from?: string; to?: string }, now: Date): Parsed<DayRange> {
  const to = query.to ?? (query.from ? addDays(query.from, DEFAULT_RANGE_DAYS - 1) : indianDay(now.toISOString()));
  const from = query.from ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1));
  if (from > to) return { ok: false, message: `from (${from}) is after to (${to})` };
  if (daysBetween(from, to).length > MAX_RANGE_DAYS) return { ok: false, message: `from ${from} to ${to} is more than ${MAX_RANGE_DAYS} days` };
  return { ok: true, value: { from, to } };
}
