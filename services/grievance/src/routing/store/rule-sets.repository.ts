import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { isDuplicateKeyError } from '@cc/persistence';
import { DEFAULT_RULE_SET } from '../default-rules';
import type { RuleSet } from '../routing-rule';
import { RuleSetDocument } from './rule-set.schema';

/** Routing rule sets by version; the highest version is in force. */
@Injectable()
export class RuleSetsRepository {
  constructor(@InjectModel(RuleSetDocument.name) private readonly model: Model<RuleSetDocument>) {}

  /** Writes the default rules as version 1 unless some version exists; every replica may try at once. */
  async seedDefault(): Promise<void> {
    if (await this.model.exists({})) return;
    await this.insert(DEFAULT_RULE_SET);
  }

  async current(): Promise<RuleSet | undefined> {
    const [latest] = await this.model.find().sort({ _id: -1 }).limit(1).lean<RuleSetDocument[]>().exec();
    return latest && toRuleSet(latest);
  }

  /** False when that version exists already: someone else revised the rules first. */
  async insert(ruleSet: RuleSet): Promise<boolean> {
    try {
      await this.model.collection.insertOne({
        _id: ruleSet.version,
        rules: ruleSet.rules,
        escalation: ruleSet.escalation,
        createdAt: ruleSet.createdAt,
        createdBy: ruleSet.createdBy,
      } as never);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }
}

function toRuleSet(document: RuleSetDocument): RuleSet {
  return {
    version: document._id,
    rules: document.rules,
    escalation: document.escalation,
    createdAt: new Date(document.createdAt),
    createdBy: document.createdBy,
  };
}
