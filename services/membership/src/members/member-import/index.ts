/** Streaming, idempotent CSV import of members: rows in, upsert commands to a sink, a summary out. */
export { DEFAULT_BATCH_SIZE, importMembers, MemberImportAbortedError, type MemberImportOptions } from './member-import';
export { openMemberCsv, type MemberCsv, type MemberCsvFileCode, type MemberCsvRowResult } from './member-csv';
export { MEMBER_COLUMNS, type MemberColumn } from './member-columns';
export { MemberRowValidator, type MemberRowCode, type MemberRowOptions, type MemberRowResult } from './member-row';
export { decideUpsert, type MemberKey, type MemberUpsertCommand, type UpsertConflictCode, type UpsertDecision } from './member-upsert';
export type { MemberSink, SinkResult } from './member-sink';
export { DEFAULT_MAX_ERRORS_KEPT, type ImportSummary } from './import-summary';
export { InMemoryMemberSink } from './in-memory-member-sink';
