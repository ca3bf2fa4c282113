import type { OrgTree } from '../organisation/org-tree';
import type { Unit, UnitLevel } from '../organisation/unit';
import { reject, type Rejection } from '../shared/rejection';
import type { RegistrationRequest } from './registration-message';

/** A worker joins where an office-bearer can know them: not at a whole state. */
export const REGISTRATION_LEVELS: readonly UnitLevel[] = ['panchayat', 'block', 'district'];

export interface UnitCandidate {
  code: string;
  /** "Chainpur, Gumla, Jharkhand", for the sender to choose from. */
  nameEn: string;
  nameHi: string;
}

export type RegistrationUnitResult =
  | { ok: true; unit: Unit }
  | Rejection<'REGISTRATION.UNIT_NOT_FOUND'>
  | (Rejection<'REGISTRATION.UNIT_AMBIGUOUS'> & { candidates: UnitCandidate[] });

/**
 * The unit a registration names. Several units of that name are sent back for the sender to
 * choose from, never guessed: a wrong guess would put a worker under office-bearers who do not
 * know them. `within` keeps the search to a state, e.g. the one whose number the message reached.
 */
export function resolveRegistrationUnit(
  tree: OrgTree,
  request: Pick<RegistrationRequest, 'unitQuery' | 'level'>,
  options: { within?: string } = {},
): RegistrationUnitResult {
  const levels = request.level ? [request.level] : REGISTRATION_LEVELS;
  const match = tree.findByName(request.unitQuery, { levels, ...options });
  if (match.kind === 'found') return { ok: true, unit: match.unit };
  if (match.kind === 'not-found') {
    return reject('REGISTRATION.UNIT_NOT_FOUND', `no ${levels.join(', ')} is called "${request.unitQuery}"`);
  }
  const candidates = match.candidates.map((unit) => ({
    code: unit.code,
    nameEn: tree.qualifiedName(unit.code, 'en')!,
    nameHi: tree.qualifiedName(unit.code, 'hi')!,
  }));
  return {
    ...reject(
      'REGISTRATION.UNIT_AMBIGUOUS',
      `${candidates.length} units are called "${request.unitQuery}": ${candidates.map(({ nameEn }) => nameEn).join('; ')}. ` +
        'Name the block or district after a comma ("Chainpur, Gumla") or add block or panchayat ("Angara block")',
    ),
    candidates,
  };
}
