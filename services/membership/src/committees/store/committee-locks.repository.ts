import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { isDuplicateKeyError } from '@cc/persistence';
import { CommitteeLockDocument } from './committee-lock.schema';

/** Far longer than a post assignment takes; only a holder that crashed keeps a lease this long. */
const LEASE_MS = 15_000;
const WAIT_MS = 3_000;
const POLL_MS = 50;

@Injectable()
export class CommitteeLocksRepository {
  constructor(@InjectModel(CommitteeLockDocument.name) private readonly locks: Model<CommitteeLockDocument>) {}

  /**
   * Runs `work` holding the unit's lease, waiting a few seconds for another holder to finish.
   * Resolves to undefined, without running `work`, when the lease stays taken.
   */
  async withLease<T>(unitCode: string, work: () => Promise<T>): Promise<{ value: T } | undefined> {
    const holder = randomUUID();
    const deadline = Date.now() + WAIT_MS;
    while (!(await this.take(unitCode, holder))) {
      if (Date.now() > deadline) return undefined;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    try {
      return { value: await work() };
    } finally {
      await this.locks.deleteOne({ _id: unitCode, holder }).exec();
    }
  }

  private async take(unitCode: string, holder: string): Promise<boolean> {
    const now = new Date();
    const until = new Date(now.getTime() + LEASE_MS);
    try {
      await this.locks.create({ _id: unitCode, holder, until });
      return true;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const expired = await this.locks.updateOne({ _id: unitCode, until: { $lte: now } }, { $set: { holder, until } }).exec();
    return expired.matchedCount === 1;
  }
}
