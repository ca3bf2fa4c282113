import { Injectable, Logger } from '@nestjs/common';
import type { LineRejection } from '../../shared/rejection';
import { OrgUnitsRepository } from '../org-units.repository';
import { OrganisationService } from '../organisation.service';
import { UNIT_LEVELS } from '../unit';
import { OrgUnitNamesRepository } from './org-unit-names.repository';
import { UnitOutbox } from './unit-outbox';
import { planUnitsImport } from './units-import';

export const MAX_ERRORS_KEPT = 100;

export interface UnitsImportSummary {
  /** `file-rejected`: the header was unusable and no row was read. */
  status: 'completed' | 'file-rejected';
  rowsRead: number;
  added: number;
  renamed: number;
  unchanged: number;
  rejected: number;
  /** Codes of the units added and renamed. */
  units: { added: string[]; renamed: string[] };
  /** The first errors, by line; the rest are only counted. */
  errors: LineRejection[];
  errorsNotKept: number;
}

/**
 * Applies a units file: plans it against the stored tree (reloaded first), stores new units a
 * level at a time from the top (so that a crash never leaves a unit stored without its parent,
 * which would stop every replica from loading the tree), stores renames, then reloads the tree
 * and publishes the unit events.
 */
@Injectable()
export class UnitsImportService {
  private readonly logger = new Logger(UnitsImportService.name);

  constructor(
    private readonly organisation: OrganisationService,
    private readonly units: OrgUnitsRepository,
    private readonly names: OrgUnitNamesRepository,
    private readonly outbox: UnitOutbox,
  ) {}

  async import(text: string, scope: string): Promise<UnitsImportSummary> {
    await this.organisation.refresh();
    const plan = planUnitsImport(this.organisation.tree, scope, text);
    const now = new Date();
    const added: string[] = [];
    for (const level of UNIT_LEVELS) {
      const atLevel = plan.added.filter((unit) => unit.level === level);
      added.push(...(await this.units.insertNew(atLevel, plan.tree, now)));
    }
    const renamed = await this.names.rename(plan.renamed, plan.tree, now);
    if (added.length + renamed.length > 0) {
      await this.organisation.refresh();
      this.logger.log(`units imported: ${added.length} added, ${renamed.length} renamed`, { scope });
      await this.outbox.publishNow([...added, ...renamed]);
    }
    const rejected = plan.errors.length;
    return {
      status: plan.rowsRead === 0 && plan.errors.some((error) => error.line === 1) ? 'file-rejected' : 'completed',
      rowsRead: plan.rowsRead,
      added: added.length,
      renamed: renamed.length,
      // Added by a concurrent import between planning and storing: there now, as the file says.
      unchanged: plan.unchanged.length + (plan.added.length - added.length) + (plan.renamed.length - renamed.length),
      rejected,
      units: { added, renamed },
      errors: plan.errors.slice(0, MAX_ERRORS_KEPT),
      errorsNotKept: Math.max(0, rejected - MAX_ERRORS_KEPT),
    };
  }
}
