/** Authorisation scoped to the caller's subtree of the organisation. */
export { authorizeUnit, ROLE_LEVELS, type AccessCode, type Principal, type Role } from './unit-access';
