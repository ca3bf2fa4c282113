/** The organisation: units national > state > district > block > panchayat, as an in-memory tree. */
export {
  canParent,
  canonicalUnitCode,
  parentLevelOf,
  parseUnit,
  UNIT_LEVELS,
  type Unit,
  type UnitCode,
  type UnitInput,
  type UnitLevel,
} from './unit';
export { nameKey, nameKeys } from './unit-name';
export {
  OrgTree,
  type AddUnitsResult,
  type BuildTreeResult,
  type FindUnitOptions,
  type OrgProblemCode,
  type UnitMatch,
  type UnitProblem,
} from './org-tree';
export { importOrgUnitsCsv, ORG_UNIT_COLUMNS, orgTreeFromCsv, parseOrgUnitsCsv, type OrgUnitsImport, type ParsedOrgUnits } from './org-units-csv';
