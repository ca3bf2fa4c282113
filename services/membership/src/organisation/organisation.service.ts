import { readFileSync } from 'node:fs';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { SERVICE_CONFIG } from '@cc/config';
import type { MembershipConfig } from '../config/membership.config';
import { OrgTree } from './org-tree';
import { orgTreeFromCsv } from './org-units-csv';
import { OrgUnitsRepository } from './org-units.repository';
import { seedFilePath } from './seed-file';

/** Reloads from the store at most this often when asked about a unit it does not know. */
const REFRESH_AFTER_MS = 5000;

/**
 * The organisation tree every request and every attribution consults, held in memory (a few
 * thousand units) and backed by the store. At start-up the reference units are stored if missing
 * (the outbox relay publishes them on the compacted unit topic); units added later (CSV import,
 * API) by any replica reach the others through the store, reloaded when a code is not found.
 */
@Injectable()
export class OrganisationService implements OnModuleInit {
  private readonly logger = new Logger(OrganisationService.name);
  private current!: OrgTree;
  private loadedAt = 0;

  constructor(
    private readonly units: OrgUnitsRepository,
    @Inject(SERVICE_CONFIG) private readonly config: MembershipConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const seed = orgTreeFromCsv(readFileSync(seedFilePath(this.config.MEMBERSHIP_SEED_FILE), 'utf8'));
    if (!seed.ok) throw new Error(`the reference units file is invalid: ${seed.reason}; ${seed.problems.map((p) => `line ${p.line}: ${p.reason}`).join('; ')}`);
    const stored = new Set((await this.units.all()).map((unit) => unit.code));
    const missing = [...seed.tree.values()].filter((unit) => !stored.has(unit.code));
    const inserted = await this.units.insertNew(missing, seed.tree, new Date());
    // Their unit-changed events go out with the relay's start-up sweep, in the background: start-up
    // does not wait on the broker, and an outage only delays them.
    if (inserted.length > 0) this.logger.log(`stored ${inserted.length} reference units; publishing them`);
    await this.refresh();
  }

  get tree(): OrgTree {
    return this.current;
  }

  /** The tree, reloaded first if `code` is unknown and the last load is a few seconds old. */
  async treeKnowing(code: string): Promise<OrgTree> {
    if (!this.current.has(code) && Date.now() - this.loadedAt > REFRESH_AFTER_MS) await this.refresh();
    return this.current;
  }

  async refresh(): Promise<void> {
    const built = OrgTree.build(await this.units.all());
    if (!built.ok) throw new Error(`the stored organisation is not a valid tree: ${built.reason}`);
    this.current = built.tree;
    this.loadedAt = Date.now();
  }
}
