import { z } from 'zod';
import { LANGUAGES } from '../shared/channel';

/** Who a template is written for: it decides what it may say (see `personal`). */
export const AUDIENCES = ['reporter', 'office-bearer', 'applicant'] as const;
export type Audience = (typeof AUDIENCES)[number];

/**
 * How a value is checked and written: `reference` is never shortened (a truncated case number is
 * useless), `datetime` is written in Indian time, `integer` as digits, `text` is cut at `maxLength`.
 */
export const VARIABLE_TYPES = ['text', 'reference', 'datetime', 'integer'] as const;
export type VariableType = (typeof VARIABLE_TYPES)[number];

const variableSchema = z.strictObject({
  type: z.enum(VARIABLE_TYPES),
  maxLength: z.number().int().min(4).max(1000).optional(),
  /** Identifies a person (a name, a number): never allowed in what office-bearers receive. */
  personal: z.boolean().optional(),
});

// Meta: lower-case letters, digits and underscores.
const WHATSAPP_TEMPLATE_NAME = /^[a-z0-9_]{1,512}$/;

const whatsappTemplateSchema = z.strictObject({
  name: z.string().regex(WHATSAPP_TEMPLATE_NAME, 'is lower-case letters, digits and underscores'),
  /** The body as approved by Meta, `{{1}}`, `{{2}}` for its parameters. */
  body: z.string().min(1).max(1024),
  /** The variable that fills each positional parameter, in order. */
  parameters: z.array(z.string()).max(20),
  buttons: z
    .array(
      z.strictObject({
        type: z.literal('quick_reply'),
        /** The button label as approved (fixed; only the payload is sent). */
        text: z.string().min(1).max(25),
        payload: z.string().min(1).max(128),
      }),
    )
    .max(3)
    .optional(),
});

const variantSchema = z.strictObject({
  /** Free text: WhatsApp inside the customer-service window. */
  text: z.string().min(1).max(4096),
  app: z.strictObject({ title: z.string().min(1).max(100), body: z.string().min(1).max(1000) }).optional(),
  whatsappTemplate: whatsappTemplateSchema.optional(),
  /** The SMS text with named variables; with each `{{name}}` as `{#var#}` it is the DLT-registered text. */
  sms: z.strictObject({ dltTemplateId: z.string().min(1), text: z.string().min(1).max(2000) }).optional(),
});

const templateSchema = z.strictObject({
  audience: z.enum(AUDIENCES),
  description: z.string().min(1).max(500),
  variables: z.record(z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'is a camelCase variable name'), variableSchema),
  languages: z.partialRecord(z.enum(LANGUAGES), variantSchema),
});

export const catalogueSchema = z.strictObject({
  version: z.literal(1),
  templates: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/, 'is a kebab-case template key'), templateSchema),
});

export type CatalogueData = z.infer<typeof catalogueSchema>;
export type TemplateDefinition = z.infer<typeof templateSchema>;
export type TemplateVariant = z.infer<typeof variantSchema>;
export type VariableDefinition = z.infer<typeof variableSchema>;
export type WhatsAppTemplateDefinition = z.infer<typeof whatsappTemplateSchema>;
