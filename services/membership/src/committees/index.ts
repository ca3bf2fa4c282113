/** Committees at state, district, block and panchayat level, their posts, and who held them when. */
export { COMMITTEE_LEVELS, committeeOf, hasCommittee, type Committee, type CommitteeCode, type CommitteeLevel } from './committee';
export { parsePostKind, POST_KIND_NAMES, POST_KINDS, type PostKind } from './post-kind';
export { isHeldAt, overlaps, type Tenure } from './tenure';
export { PostRegister, type AssignPost, type TenureCode } from './post-register';
export {
  assignPost,
  committeeListing,
  endPost,
  postRegisterOf,
  tenureIdOf,
  type AssignPostResult,
  type CommitteeTenure,
  type EndPostResult,
  type PostHolder,
  type PostRecord,
} from './post-records';
