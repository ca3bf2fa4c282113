/** Registration of unknown senders by keyword (JOIN / जुड़ें), pending until an office-bearer decides. */
export { parseRegistrationMessage, type RegistrationMessageCode, type RegistrationRequest } from './registration-message';
export { REGISTRATION_LEVELS, resolveRegistrationUnit, type RegistrationUnitResult, type UnitCandidate } from './registration-unit';
export {
  approvalAuthority,
  decideRegistration,
  openRegistration,
  type PendingRegistration,
  type RegistrationDecision,
  type RegistrationDecisionCode,
  type RegistrationDecisionRecord,
  type RegistrationStatus,
} from './pending-registration';
