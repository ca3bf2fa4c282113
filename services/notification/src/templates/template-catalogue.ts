import { LANGUAGES, type Language } from '../shared/channel';
import { reject, type Rejection } from '../shared/rejection';
import { chooseLanguage } from './language';
import { namedPlaceholders, positionalPlaceholders } from './placeholders';
import { catalogueSchema, type TemplateDefinition, type TemplateVariant } from './template-catalogue.schema';

export type CatalogueCode = 'TEMPLATE.INVALID_CATALOGUE';

/** The forms a template takes: each channel writes the same news differently. */
export const RENDERINGS = ['whatsapp-text', 'whatsapp-template', 'sms', 'app'] as const;
export type Rendering = (typeof RENDERINGS)[number];

const HAS: Record<Rendering, (variant: TemplateVariant) => boolean> = {
  'whatsapp-text': () => true,
  'whatsapp-template': (variant) => variant.whatsappTemplate !== undefined,
  sms: (variant) => variant.sms !== undefined,
  app: (variant) => variant.app !== undefined,
};

export interface ChosenVariant {
  key: string;
  language: Language;
  template: TemplateDefinition;
  variant: TemplateVariant;
}

/**
 * The notification templates: text as data, in Hindi and English, one form per channel. Loaded
 * once at start-up; every inconsistency (a placeholder without a variable, a WhatsApp body whose
 * `{{n}}` do not match its parameters, a personal variable in an office-bearer's template) is
 * reported at once, so a bad catalogue never starts.
 */
export class TemplateCatalogue {
  private constructor(private readonly templates: ReadonlyMap<string, TemplateDefinition>) {}

  static load(raw: unknown): { ok: true; catalogue: TemplateCatalogue } | Rejection<CatalogueCode> {
    const parsed = catalogueSchema.safeParse(raw);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
      return reject('TEMPLATE.INVALID_CATALOGUE', problems.join('; '));
    }
    const problems = Object.entries(parsed.data.templates).flatMap(([key, template]) => problemsOf(key, template));
    problems.push(...whatsAppNameClashes(parsed.data.templates));
    if (problems.length > 0) return reject('TEMPLATE.INVALID_CATALOGUE', problems.join('; '));
    return { ok: true, catalogue: new TemplateCatalogue(new Map(Object.entries(parsed.data.templates))) };
  }

  keys(): string[] {
    return [...this.templates.keys()];
  }

  get(key: string): TemplateDefinition | undefined {
    return this.templates.get(key);
  }

  /** Languages in which the template has the given rendering. */
  languagesWith(key: string, rendering: Rendering): Language[] {
    const template = this.templates.get(key);
    if (!template) return [];
    return LANGUAGES.filter((language) => {
      const variant = template.languages[language];
      return variant !== undefined && HAS[rendering](variant);
    });
  }

  /** The variant to render for a recipient's language, falling back as `chooseLanguage` does. */
  choose(key: string, rendering: Rendering, preferredLanguage: string | undefined): ChosenVariant | undefined {
    const template = this.templates.get(key);
    const language = chooseLanguage(preferredLanguage, this.languagesWith(key, rendering));
    const variant = language ? template?.languages[language] : undefined;
    if (!template || !language || !variant) return undefined;
    return { key, language, template, variant };
  }

  /** Every WhatsApp template the catalogue uses, for provisioning and for the fake Cloud API. */
  whatsappTemplates(): { name: string; language: Language; body: string; parameterCount: number; buttonCount: number }[] {
    return [...this.templates.values()].flatMap((template) =>
      LANGUAGES.flatMap((language) => {
        const definition = template.languages[language]?.whatsappTemplate;
        if (!definition) return [];
        const { name, body, parameters, buttons } = definition;
        return [{ name, language, body, parameterCount: parameters.length, buttonCount: buttons?.length ?? 0 }];
      }),
    );
  }
}

function problemsOf(key: string, template: TemplateDefinition): string[] {
  const problems: string[] = [];
  const declared = new Set(Object.keys(template.variables));
  const languages = LANGUAGES.filter((language) => template.languages[language] !== undefined);
  if (languages.length === 0) problems.push(`${key}: has no language`);

  if (template.audience === 'office-bearer') {
    const personal = Object.entries(template.variables).filter(([, variable]) => variable.personal);
    for (const [name] of personal) {
      problems.push(`${key}: office-bearers must not learn who reported (personal variable "${name}")`);
    }
  }

  for (const language of languages) {
    const variant = template.languages[language] as TemplateVariant;
    const where = `${key}.${language}`;
    const named: [string, string][] = [
      ['text', variant.text],
      ...(variant.app ? ([['app.title', variant.app.title], ['app.body', variant.app.body]] as [string, string][]) : []),
      ...(variant.sms ? ([['sms.text', variant.sms.text]] as [string, string][]) : []),
      ...(variant.whatsappTemplate?.buttons ?? []).map((button, index): [string, string] => [`button ${index + 1} payload`, button.payload]),
    ];
    for (const [field, text] of named) {
      const { found, stray } = namedPlaceholders(text);
      if (stray > 0) problems.push(`${where}.${field}: has braces that are not a {{variable}}`);
      for (const name of found.filter((name) => !declared.has(name))) {
        problems.push(`${where}.${field}: uses {{${name}}}, which is not a declared variable`);
      }
    }
    const whatsapp = variant.whatsappTemplate;
    if (whatsapp) {
      const { found, stray } = positionalPlaceholders(whatsapp.body);
      const expected = whatsapp.parameters.map((_, index) => index + 1);
      const used = [...new Set(found)].sort((a, b) => a - b);
      if (stray > 0 || namedPlaceholders(whatsapp.body).found.length > 0) {
        problems.push(`${where}.whatsappTemplate.body: uses placeholders other than {{1}}, {{2}}, ...`);
      }
      if (used.join() !== expected.join()) {
        const usage = used.map((index) => `{{${index}}}`).join(', ') || 'no parameter';
        problems.push(`${where}.whatsappTemplate: the body uses ${usage} but ${expected.length} parameters are listed`);
      }
      for (const name of whatsapp.parameters.filter((name) => !declared.has(name))) {
        problems.push(`${where}.whatsappTemplate: parameter "${name}" is not a declared variable`);
      }
    }
  }
  return problems;
}

function whatsAppNameClashes(templates: Record<string, TemplateDefinition>): string[] {
  const owners = new Map<string, string>();
  const problems: string[] = [];
  for (const [key, template] of Object.entries(templates)) {
    for (const language of LANGUAGES) {
      const name = template.languages[language]?.whatsappTemplate?.name;
      if (!name) continue;
      const id = `${name}/${language}`;
      const owner = owners.get(id);
      if (owner && owner !== key) problems.push(`${key}: WhatsApp template ${id} is already used by ${owner}`);
      owners.set(id, key);
    }
  }
  return problems;
}
