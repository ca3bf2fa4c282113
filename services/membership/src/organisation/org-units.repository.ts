import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { OrgUnitEvent } from '@cc/contracts';
import { outboxEntry, withPendingOutbox } from '@cc/messaging';
import { duplicateIndexes } from '@cc/persistence';
import type { OrgTree } from './org-tree';
import { OrgUnitDocument } from './org-unit.schema';
import type { Unit } from './unit';

@Injectable()
export class OrgUnitsRepository {
  constructor(@InjectModel(OrgUnitDocument.name) private readonly model: Model<OrgUnitDocument>) {}

  async all(): Promise<Unit[]> {
    const documents = await this.model.find({}, { outbox: 0 }).lean<OrgUnitDocument[]>().exec();
    return documents.map(({ _id, level, parentCode, nameEn, nameHi }) => ({
      code: _id,
      level,
      ...(parentCode ? { parentCode } : {}),
      nameEn,
      ...(nameHi ? { nameHi } : {}),
    }));
  }

  /**
   * Stores units the store does not have yet, each with its unit-changed event. Units already
   * stored are left alone (another replica, or an earlier start, put them there), so seeding is
   * idempotent and safe to run on every replica at once. Resolves to the codes it inserted.
   */
  async insertNew(units: readonly Unit[], tree: OrgTree, now: Date): Promise<string[]> {
    if (units.length === 0) return [];
    const documents = units.map((unit) => ({
      _id: unit.code,
      level: unit.level,
      ...(unit.parentCode ? { parentCode: unit.parentCode } : {}),
      nameEn: unit.nameEn,
      ...(unit.nameHi ? { nameHi: unit.nameHi } : {}),
      updatedAt: now,
      ...withPendingOutbox([outboxEntry(OrgUnitEvent, unitEvent(unit, tree, now))]),
    }));
    try {
      await this.model.insertMany(documents, { ordered: false });
      return documents.map((document) => document._id);
    } catch (error) {
      const skipped = duplicateIndexes(error);
      return documents.filter((_, index) => !skipped.has(index)).map((document) => document._id);
    }
  }
}

export function unitEvent(unit: Unit, tree: OrgTree, now: Date) {
  return {
    code: unit.code,
    level: unit.level,
    ...(unit.parentCode ? { parentCode: unit.parentCode } : {}),
    nameEn: unit.nameEn,
    ...(unit.nameHi ? { nameHi: unit.nameHi } : {}),
    path: tree.pathOf(unit.code) ?? [unit.code],
    committeeFormed: false,
    updatedAt: now.toISOString(),
  };
}
