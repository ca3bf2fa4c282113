/** Members, their channel identities, and the bulk CSV import. */
export {
  MAX_PHONES,
  MEMBER_LANGUAGES,
  MEMBER_STATUSES,
  newMember,
  parseMemberFields,
  updateMember,
  type Member,
  type MemberCode,
  type MemberFields,
  type MemberLanguage,
  type MemberStatus,
} from './member';
export { identityKeysOf, senderIdentitiesOf } from './member-identity';
export * from './member-import';
