import { LANGUAGES } from '../shared/channel';
import { DLT_VARIABLE } from '../sms/dlt/dlt-matcher';
import type { DltRegistry } from '../sms/dlt/dlt-registry';
import { replaceNamed } from './placeholders';
import type { TemplateCatalogue } from './template-catalogue';

/**
 * Problems between the catalogue's SMS texts and the DLT registry: a text whose registration is
 * missing, or that differs from what was registered. Checked at start-up, because a drift found
 * at send time means no SMS for anyone until the catalogue is fixed.
 */
export function dltProblems(catalogue: TemplateCatalogue, registry: DltRegistry): string[] {
  return catalogue.keys().flatMap((key) =>
    LANGUAGES.flatMap((language) => {
      const sms = catalogue.get(key)?.languages[language]?.sms;
      if (!sms) return [];
      const registered = registry.get(sms.dltTemplateId);
      const where = `${key}.${language}.sms`;
      if (!registered) return [`${where}: DLT template ${sms.dltTemplateId} is not in the registry`];
      if (replaceNamed(sms.text, DLT_VARIABLE) !== registered.text) {
        return [`${where}: the text differs from DLT template ${sms.dltTemplateId} as registered`];
      }
      return [];
    }),
  );
}
