import { maskPhone } from '@cc/identity';
import { committeeOf } from '../../committees/committee';
import { parsePostKind, POST_KINDS, type PostKind } from '../../committees/post-kind';
import type { CsvValues } from '../../csv/csv-header';
import type { OrgTree } from '../../organisation/org-tree';
import { rejectLine, type LineRejection } from '../../shared/rejection';
import { parseMemberFields, type MemberCode, type MemberFields, type MemberLanguage } from '../member';
import { describeCell, looksLikeSpreadsheetNumber, parseConsent, parseLanguage, splitPhones, type MemberColumn } from './member-columns';
import type { MemberKey, MemberUpsertCommand } from './member-upsert';

export type MemberRowCode =
  | 'IMPORT.INVALID_ENCODING'
  | 'IMPORT.INVALID_LANGUAGE'
  | 'IMPORT.INVALID_CONSENT'
  | 'IMPORT.UNKNOWN_POST'
  | 'IMPORT.POST_WITHOUT_COMMITTEE'
  | 'IMPORT.MISSING_KEY'
  | 'IMPORT.DUPLICATE_KEY'
  | 'IMPORT.DUPLICATE_IDENTITY'
  | 'IMPORT.DUPLICATE_POST';

export type MemberRowResult = { ok: true; command: MemberUpsertCommand } | LineRejection<MemberRowCode | MemberCode>;

export interface MemberRowOptions {
  /** For rows that leave `language` empty. */
  defaultLanguage?: MemberLanguage;
}

/**
 * Turns the rows of one file into upsert commands, in file order. Besides each row on its own, it
 * checks the file as a whole: a member, a phone or a single-holder post given twice is refused at
 * its second line, naming the first. That costs one map entry per identity of every accepted row
 * (some 100 bytes), the only memory that grows with the file.
 */
export class MemberRowValidator {
  private readonly claimed = new Map<string, number>();
  private readonly defaultLanguage: MemberLanguage;

  constructor(
    private readonly tree: OrgTree,
    options: MemberRowOptions = {},
  ) {
    this.defaultLanguage = options.defaultLanguage ?? 'hi';
  }

  validate(line: number, values: CsvValues<MemberColumn>): MemberRowResult {
    const cell = (column: MemberColumn) => values[column] ?? '';
    if (Object.values(values).some((value) => value?.includes('\uFFFD'))) {
      return rejectLine(line, 'IMPORT.INVALID_ENCODING', 'the row has bytes that are not UTF-8; save the file as "CSV UTF-8"');
    }
    const phones = splitPhones(cell('phone'));
    const asNumber = phones.findIndex(looksLikeSpreadsheetNumber);
    if (asNumber >= 0) {
      return rejectLine(
        line,
        'MEMBER.INVALID_PHONE',
        `phone ${asNumber + 1} was turned into a number by a spreadsheet (like 9.8E+09) and lost digits; format the column as text`,
      );
    }
    const language = cell('language') === '' ? this.defaultLanguage : parseLanguage(cell('language'));
    if (!language) {
      return rejectLine(line, 'IMPORT.INVALID_LANGUAGE', `language ${describeCell(cell('language'))} is not hi, en, Hindi or English`);
    }
    const consent = cell('consent') === '' ? false : parseConsent(cell('consent'));
    if (consent === undefined) {
      return rejectLine(line, 'IMPORT.INVALID_CONSENT', `consent ${describeCell(cell('consent'))} is not yes or no`);
    }
    const post = cell('post') === '' ? undefined : parsePostKind(cell('post'));
    if (cell('post') !== '' && !post) {
      return rejectLine(line, 'IMPORT.UNKNOWN_POST', `post ${describeCell(cell('post'))} is not one of the committee posts`);
    }

    const parsed = parseMemberFields(
      {
        name: cell('name'),
        phones,
        homeUnitCode: cell('home_unit'),
        language,
        consentToContact: consent,
        ...optional('externalId', cell('external_id')),
        ...optional('whatsappBsuid', cell('whatsapp_bsuid')),
        ...optional('appUserId', cell('app_user_id')),
      },
      this.tree,
    );
    if (!parsed.ok) return rejectLine(line, parsed.code, parsed.reason);
    const { fields } = parsed;
    if (post) {
      const committee = committeeOf(this.tree, fields.homeUnitCode);
      if (!committee.ok) return rejectLine(line, 'IMPORT.POST_WITHOUT_COMMITTEE', `a post needs a committee: ${committee.reason}`);
    }
    const key = keyOf(fields);
    if (!key) {
      return rejectLine(line, 'IMPORT.MISSING_KEY', 'the row needs an external_id or a phone, by which a re-import finds the member again');
    }
    return this.claim(line, key, fields, post);
  }

  private claim(line: number, key: MemberKey, fields: MemberFields, post: PostKind | undefined): MemberRowResult {
    const claims: Claim[] = [{ claim: `key:${keyString(key)}`, described: () => describeKey(key), code: 'IMPORT.DUPLICATE_KEY' }];
    const identity = (claim: string, described: () => string) => claims.push({ claim, described, code: 'IMPORT.DUPLICATE_IDENTITY' });
    for (const e164 of fields.phones) identity(`phone:${e164}`, () => `phone ${maskPhone(e164)}`);
    if (fields.whatsappBsuid) identity(`bsuid:${fields.whatsappBsuid}`, () => 'the WhatsApp BSUID');
    if (fields.appUserId) identity(`app-user:${fields.appUserId}`, () => 'the app user id');
    if (post && POST_KINDS[post].singleHolder) {
      claims.push({
        claim: `post:${fields.homeUnitCode}:${post}`,
        described: () => `the ${post} of ${fields.homeUnitCode}, a post with one holder,`,
        code: 'IMPORT.DUPLICATE_POST',
      });
    }
    for (const { claim, described, code } of claims) {
      const first = this.claimed.get(claim);
      if (first !== undefined) return rejectLine(line, code, `${described()} is also on line ${first}`);
    }
    for (const { claim } of claims) this.claimed.set(claim, line);
    return { ok: true, command: { line, key, fields, ...(post ? { post } : {}) } };
  }
}

interface Claim {
  claim: string;
  /** Only worked out for the error: masking every phone of every row would cost more than the check. */
  described: () => string;
  code: MemberRowCode;
}

function keyOf(fields: MemberFields): MemberKey | undefined {
  if (fields.externalId) return { kind: 'external-id', id: fields.externalId };
  const [first] = fields.phones;
  return first ? { kind: 'phone', e164: first } : undefined;
}

function keyString(key: MemberKey): string {
  return key.kind === 'external-id' ? `external-id:${key.id}` : `phone:${key.e164}`;
}

function describeKey(key: MemberKey): string {
  return key.kind === 'external-id' ? `external_id ${describeCell(key.id)}` : `phone ${maskPhone(key.e164)}`;
}

function optional<K extends string>(name: K, value: string): Partial<Record<K, string>> {
  return value === '' ? {} : ({ [name]: value } as Record<K, string>);
}
