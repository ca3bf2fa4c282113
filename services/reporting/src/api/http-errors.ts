import { HttpException, HttpStatus } from '@nestjs/common';
import type { Caller } from './scope';
import type { Parsed } from './query';
import { scopeFor } from './scope';
import type { OrgModel, UnitInfo } from '../org/org-model';

export function badQuery(message: string): HttpException {
  return new HttpException({ code: 'QUERY.INVALID', message }, HttpStatus.BAD_REQUEST);
}

export function valueOf<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw badQuery(parsed.message);
  return parsed.value;
}

/** The unit the caller may read, or the 400/403 that says why not. */
export function scopedUnit(caller: Caller, org: OrgModel, requested: string | undefined): UnitInfo {
  const scoped = scopeFor(caller, org, requested);
  if (!scoped.ok) throw new HttpException({ code: scoped.code, message: scoped.message }, scoped.status);
  return scoped.unit;
}
