import { z } from 'zod';
import { reject, type Rejection } from '../../shared/rejection';
import { compileDltTemplate, type DltMatchCode, type DltMatcher } from './dlt-matcher';
import { dltTemplateSchema, type DltTemplate } from './dlt-template';

export type DltRegistryCode = 'DLT.INVALID_REGISTRY';
export type DltCheckCode = DltMatchCode | 'DLT.UNKNOWN_TEMPLATE' | 'DLT.PROMOTIONAL_NOT_ALLOWED';

export interface DltCheck {
  ok: true;
  template: DltTemplate;
  values: string[];
}

/**
 * The content templates the party registered on a DLT platform. Built once at start-up from data
 * (every problem reported at once); a send asks `check` before anything leaves the process.
 */
export class DltRegistry {
  private constructor(private readonly entries: ReadonlyMap<string, { template: DltTemplate; matcher: DltMatcher }>) {}

  static load(raw: unknown): { ok: true; registry: DltRegistry } | Rejection<DltRegistryCode> {
    const parsed = z.array(dltTemplateSchema).safeParse(raw);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
      return reject('DLT.INVALID_REGISTRY', problems.join('; '));
    }
    const problems: string[] = [];
    const entries = new Map<string, { template: DltTemplate; matcher: DltMatcher }>();
    for (const template of parsed.data) {
      if (entries.has(template.templateId)) problems.push(`template ${template.templateId} is registered twice`);
      const compiled = compileDltTemplate(template.text);
      if (!compiled.ok) problems.push(`template ${template.templateId}: ${compiled.reason}`);
      else entries.set(template.templateId, { template, matcher: compiled.matcher });
    }
    if (problems.length > 0) return reject('DLT.INVALID_REGISTRY', problems.join('; '));
    return { ok: true, registry: new DltRegistry(entries) };
  }

  get(templateId: string): DltTemplate | undefined {
    return this.entries.get(templateId)?.template;
  }

  /** Whether `text` may be sent under `templateId`: registered, not promotional, and matching exactly. */
  check(templateId: string, text: string): DltCheck | Rejection<DltCheckCode> {
    const entry = this.entries.get(templateId);
    if (!entry) return reject('DLT.UNKNOWN_TEMPLATE', `no DLT template ${templateId} is registered`);
    if (entry.template.category === 'promotional') {
      return reject('DLT.PROMOTIONAL_NOT_ALLOWED', `DLT template ${templateId} is promotional; notifications use service templates`);
    }
    const matched = entry.matcher.match(text);
    if (!matched.ok) return reject(matched.code, `${matched.reason} (template ${templateId})`);
    return { ok: true, template: entry.template, values: matched.values };
  }
}
