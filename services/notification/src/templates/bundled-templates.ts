import { reject, type Rejection } from '../shared/rejection';
import { DltRegistry } from '../sms/dlt/dlt-registry';
import { dltProblems } from './catalogue-dlt';
import dltTemplates from './catalogue/dlt-templates.json';
import templates from './catalogue/templates.json';
import { TemplateCatalogue } from './template-catalogue';

export interface NotificationTemplates {
  catalogue: TemplateCatalogue;
  dlt: DltRegistry;
}

/**
 * The catalogue and DLT registry shipped in `catalogue/`, checked against each other. The DLT ids
 * there are placeholders until the party's DLT registration is entered: SMS through a real
 * gateway needs the registered ids.
 */
export function loadBundledTemplates(
  catalogueData: unknown = templates,
  dltData: unknown = dltTemplates,
): { ok: true; templates: NotificationTemplates } | Rejection<'TEMPLATE.INVALID_CATALOGUE' | 'DLT.INVALID_REGISTRY'> {
  const catalogue = TemplateCatalogue.load(catalogueData);
  if (!catalogue.ok) return catalogue;
  const dlt = DltRegistry.load(dltData);
  if (!dlt.ok) return dlt;
  const problems = dltProblems(catalogue.catalogue, dlt.registry);
  if (problems.length > 0) return reject('TEMPLATE.INVALID_CATALOGUE', problems.join('; '));
  return { ok: true, templates: { catalogue: catalogue.catalogue, dlt: dlt.registry } };
}
