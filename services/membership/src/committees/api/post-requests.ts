import { z } from 'zod';
import { reject, type Rejection } from '../../shared/rejection';
import { parsePostKind, POST_KIND_NAMES, type PostKind } from '../post-kind';

const instant = z.iso.datetime({ offset: true, error: 'is an ISO 8601 date-time with an offset, e.g. 2025-04-01T00:00:00+05:30' });

const assignSchema = z.strictObject({
  unitCode: z.string().trim().min(1).max(32),
  post: z.string().trim().min(1).max(64),
  from: instant.optional(),
});

const endSchema = z.strictObject({
  unitCode: z.string().trim().min(1).max(32),
  post: z.string().trim().min(1).max(64),
  to: instant.optional(),
});

export interface AssignPostRequest {
  unitCode: string;
  post: PostKind;
  from?: Date;
}

export interface EndPostRequest {
  unitCode: string;
  post: PostKind;
  to?: Date;
}

type RequestResult<T> = { ok: true; request: T } | Rejection<'COMMITTEE.INVALID_REQUEST'>;

/** `{unitCode, post, from?}`; the post as a form writes it (`president`, `अध्यक्ष`, `mahasachiv`). */
export function parseAssignPostRequest(body: unknown): RequestResult<AssignPostRequest> {
  const parsed = parseWith(assignSchema, body);
  if (!parsed.ok) return parsed;
  const { unitCode, post, from } = parsed.value;
  const kind = postKindOf(post);
  if (!kind.ok) return kind;
  return { ok: true, request: { unitCode: unitCode.toUpperCase(), post: kind.post, ...(from ? { from: new Date(from) } : {}) } };
}

/** `{unitCode, post, to?}`: the end, exclusive, defaults to now. */
export function parseEndPostRequest(body: unknown): RequestResult<EndPostRequest> {
  const parsed = parseWith(endSchema, body);
  if (!parsed.ok) return parsed;
  const { unitCode, post, to } = parsed.value;
  const kind = postKindOf(post);
  if (!kind.ok) return kind;
  return { ok: true, request: { unitCode: unitCode.toUpperCase(), post: kind.post, ...(to ? { to: new Date(to) } : {}) } };
}

function parseWith<T>(schema: z.ZodType<T>, body: unknown): { ok: true; value: T } | Rejection<'COMMITTEE.INVALID_REQUEST'> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return { ok: true, value: parsed.data };
  const reasons = parsed.error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')} ${issue.message}` : issue.message));
  return reject('COMMITTEE.INVALID_REQUEST', reasons.join('; '));
}

function postKindOf(text: string): { ok: true; post: PostKind } | Rejection<'COMMITTEE.INVALID_REQUEST'> {
  const post = parsePostKind(text);
  if (!post) return reject('COMMITTEE.INVALID_REQUEST', `post "${text}" is not one of ${POST_KIND_NAMES.join(', ')}`);
  return { ok: true, post };
}
