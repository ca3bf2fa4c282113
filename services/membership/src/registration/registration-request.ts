import type { ReportReceived, SenderIdentity } from '@cc/contracts';
import type { MemberLanguage } from '../members/member';
import type { OrgTree } from '../organisation/org-tree';
import { reject, type Rejection } from '../shared/rejection';
import { parseRegistrationMessage, plausibleName, type RegistrationMessageCode } from './registration-message';
import { resolveRegistrationUnit, type UnitCandidate } from './registration-unit';

/** What a JOIN message asks for, ready for `openRegistration` / `renewRegistration`. */
export interface RegistrationRequestOfReport {
  sender: SenderIdentity;
  senderKey: string;
  reportId: string;
  unitCode: string;
  name?: string;
  language: MemberLanguage;
  requestedAt: Date;
}

export type RegistrationRequestCode = RegistrationMessageCode | 'REGISTRATION.UNIT_NOT_FOUND' | 'REGISTRATION.UNIT_AMBIGUOUS';

export type RegistrationRequestResult =
  | { ok: true; request: RegistrationRequestOfReport }
  | (Rejection<RegistrationRequestCode> & { candidates?: UnitCandidate[] });

type Report = Pick<
  ReportReceived,
  'reportId' | 'kind' | 'text' | 'sender' | 'senderKey' | 'senderName' | 'script' | 'language' | 'receivedAt' | 'channelEndpoint'
>;

/**
 * Reads a registration from the report of a sender who is not a member: a text message that
 * starts with JOIN / जुड़ें and names one unit. The unit is looked for first in the state whose
 * channel number the message reached, then everywhere (a worker may write to a neighbouring
 * state's number). The name is the one in the message, else the sender's profile name when it is
 * plausibly a name. Anything else is returned as a rejection with its code, for the caller to
 * count; `REGISTRATION.NOT_A_REGISTRATION` is an ordinary report.
 */
export function registrationRequestOf(
  report: Report,
  tree: OrgTree,
  options: { channelStates?: ReadonlyMap<string, string> } = {},
): RegistrationRequestResult {
  if (report.kind !== 'text') return reject('REGISTRATION.NOT_A_REGISTRATION', `a ${report.kind} message is not a registration`);
  const request = parseRegistrationMessage(report.text);
  if (!request.ok) return request;
  const state = channelStateOf(report, tree, options.channelStates);
  let unit = resolveRegistrationUnit(tree, request, state ? { within: state } : {});
  if (state && !unit.ok && unit.code === 'REGISTRATION.UNIT_NOT_FOUND') unit = resolveRegistrationUnit(tree, request);
  if (!unit.ok) return unit;
  const name = request.name ?? (report.senderName ? plausibleName(report.senderName) : undefined);
  return {
    ok: true,
    request: {
      sender: report.sender,
      senderKey: report.senderKey,
      reportId: report.reportId,
      unitCode: unit.unit.code,
      ...(name ? { name } : {}),
      language: registrationLanguageOf(report),
      requestedAt: new Date(report.receivedAt),
    },
  };
}

/**
 * The language to answer a new member in, from how they wrote: Devanagari or Hindi in Latin
 * letters ("Judein Kanke") is Hindi, other Latin text English, anything else Hindi.
 */
export function registrationLanguageOf(report: Pick<ReportReceived, 'script' | 'language'>): MemberLanguage {
  if (report.script === 'devanagari' || report.language === 'hi' || report.language === 'hi-Latn') return 'hi';
  return report.script === 'latin' ? 'en' : 'hi';
}

function channelStateOf(report: Report, tree: OrgTree, channelStates?: ReadonlyMap<string, string>): string | undefined {
  const endpoint = report.channelEndpoint;
  if (!channelStates || !endpoint) return undefined;
  return [endpoint.id, endpoint.address].map((key) => (key ? channelStates.get(key) : undefined)).find((code) => code !== undefined && tree.has(code));
}
