/** Registration of unknown senders by keyword (JOIN / जुड़ें), pending until an office-bearer decides. */
export { parseRegistrationMessage, plausibleName, type RegistrationMessageCode, type RegistrationRequest } from './registration-message';
export { REGISTRATION_LEVELS, resolveRegistrationUnit, type RegistrationUnitResult, type UnitCandidate } from './registration-unit';
export {
  approvalAuthority,
  decideRegistration,
  openRegistration,
  renewRegistration,
  type HeadquartersRole,
  type PendingRegistration,
  type RenewalAction,
  type RenewalRequest,
  type RegistrationDecision,
  type RegistrationDecisionCode,
  type RegistrationDecisionRecord,
  type RegistrationStatus,
} from './pending-registration';
export { headquartersRoleOf } from './headquarters-role';
export {
  registrationLanguageOf,
  registrationRequestOf,
  type RegistrationRequestCode,
  type RegistrationRequestOfReport,
  type RegistrationRequestResult,
} from './registration-request';
