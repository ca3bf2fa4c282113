/** Grievance's own read model of the organisation and its post holders, built from membership's topics. */
export { isAbove, levelRank, OrgReadModel, type OrgReadModelCode, type OrgUnitRef, type OrgView } from './org-view';
export { OFFICE_BEARER_POSTS, PostHoldersReadModel, type PostHolderRecord, type PostHoldersView, type PostRef } from './post-holders';
