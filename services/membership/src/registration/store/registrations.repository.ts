import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { isDuplicateKeyError } from '@cc/persistence';
import type { PendingRegistration, RegistrationDecisionRecord, RegistrationStatus } from '../pending-registration';
import { RegistrationDocument } from './registration.schema';

/** A sender's one registration id: derived from their sender key, so every JOIN of theirs finds it. */
export function registrationIdFor(senderKey: string): string {
  return `reg_${createHash('sha256').update(senderKey).digest('base64url').slice(0, 22)}`;
}

export interface StoredRegistration {
  registration: PendingRegistration;
  unitPath: string[];
  reportId: string;
  previousDecisions: RegistrationDecisionRecord[];
  memberId?: string;
  version: number;
}

@Injectable()
export class RegistrationsRepository {
  constructor(@InjectModel(RegistrationDocument.name) private readonly registrations: Model<RegistrationDocument>) {}

  async byId(id: string): Promise<StoredRegistration | undefined> {
    const found = await this.registrations.findById(id).lean<RegistrationDocument>().exec();
    return found ? fromDocument(found) : undefined;
  }

  /** Registrations of a status whose unit is `within` or below it, oldest request first. */
  async list(within: string, status: RegistrationStatus, limit: number): Promise<StoredRegistration[]> {
    const found = await this.registrations.find({ unitPath: within, status }).sort({ requestedAt: 1, _id: 1 }).limit(limit).lean<RegistrationDocument[]>().exec();
    return found.map(fromDocument);
  }

  /** Stores a sender's first registration; false when they already have one (a concurrent delivery). */
  async insert(stored: Omit<StoredRegistration, 'version'>): Promise<boolean> {
    try {
      await this.registrations.create(toDocument({ ...stored, version: 1 }, new Date()));
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  /** Compare-and-set on `version`: false when the registration changed since it was read. */
  async replace(stored: StoredRegistration, next: Omit<StoredRegistration, 'version'>): Promise<boolean> {
    const { _id, createdAt: _createdAt, ...state } = toDocument({ ...next, version: stored.version + 1 }, new Date());
    const unset = { ...(state.decision ? {} : { decision: '' }), ...(state.name ? {} : { name: '' }), ...(state.memberId ? {} : { memberId: '' }) };
    const result = await this.registrations
      .updateOne({ _id, version: stored.version }, { $set: state, ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}) })
      .exec();
    return result.matchedCount === 1;
  }
}

function toDocument(stored: StoredRegistration, now: Date) {
  const { registration, unitPath, reportId, previousDecisions, memberId, version } = stored;
  return {
    _id: registration.id,
    senderKey: registration.senderKey,
    sender: registration.sender,
    ...(registration.name ? { name: registration.name } : {}),
    unitCode: registration.unitCode,
    unitPath,
    language: registration.language,
    requestedAt: registration.requestedAt,
    reportId,
    status: registration.status,
    ...(registration.decision ? { decision: registration.decision } : {}),
    previousDecisions,
    ...(memberId ? { memberId } : {}),
    version,
    createdAt: now,
    updatedAt: now,
  };
}

function fromDocument(document: RegistrationDocument): StoredRegistration {
  return {
    registration: {
      id: document._id,
      sender: document.sender,
      senderKey: document.senderKey,
      unitCode: document.unitCode,
      ...(document.name ? { name: document.name } : {}),
      language: document.language,
      requestedAt: new Date(document.requestedAt),
      status: document.status,
      ...(document.decision ? { decision: decisionOf(document.decision) } : {}),
    },
    unitPath: document.unitPath,
    reportId: document.reportId,
    previousDecisions: (document.previousDecisions ?? []).map(decisionOf),
    ...(document.memberId ? { memberId: document.memberId } : {}),
    version: document.version,
  };
}

function decisionOf(stored: RegistrationDecisionRecord): RegistrationDecisionRecord {
  return { ...stored, at: new Date(stored.at) };
}
