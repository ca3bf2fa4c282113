import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { OrgUnitEvent } from '@cc/contracts';
import { outboxEntry } from '@cc/messaging';
import { OrgUnitDocument } from '../org-unit.schema';
import type { OrgTree } from '../org-tree';
import { unitEvent } from '../org-units.repository';
import type { Unit } from '../unit';

/**
 * Renames of stored units (a units file adding the Hindi names the reference data lacks), each
 * with its unit-changed event in the same write. New units go through OrgUnitsRepository.insertNew.
 */
@Injectable()
export class OrgUnitNamesRepository {
  constructor(@InjectModel(OrgUnitDocument.name) private readonly units: Model<OrgUnitDocument>) {}

  /** Only names change: a unit never moves or changes level (ORG.CODE_CONFLICT). Resolves to the codes written. */
  async rename(units: readonly Unit[], tree: OrgTree, now: Date): Promise<string[]> {
    const written: string[] = [];
    for (const unit of units) {
      const result = await this.units
        .updateOne(
          { _id: unit.code },
          {
            $set: { nameEn: unit.nameEn, ...(unit.nameHi ? { nameHi: unit.nameHi } : {}), updatedAt: now, outboxPending: true },
            $push: { outbox: outboxEntry(OrgUnitEvent, unitEvent(unit, tree, now)) },
          },
        )
        .exec();
      if (result.matchedCount === 1) written.push(unit.code);
    }
    return written;
  }
}
