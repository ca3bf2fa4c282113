import type { Language } from '../shared/channel';
import { reject, type Rejection } from '../shared/rejection';
import { countSmsSegments, type SmsSegmentCount } from '../sms/encoding/segments';
import { DLT_VARIABLE_MAX_LENGTH } from '../sms/dlt/dlt-matcher';
import type { DltCheckCode, DltRegistry } from '../sms/dlt/dlt-registry';
import { fillNamed, fillPositional } from './placeholders';
import type { ChosenVariant, Rendering, TemplateCatalogue } from './template-catalogue';
import { formatVariables, type VariableCode, type VariableValues } from './variables';

export type RenderCode = VariableCode | DltCheckCode | 'TEMPLATE.UNKNOWN' | 'TEMPLATE.NO_VARIANT' | 'TEMPLATE.TOO_LONG';

export interface RenderedWhatsAppText {
  rendering: 'whatsapp-text';
  key: string;
  language: Language;
  body: string;
}

export interface RenderedWhatsAppTemplate {
  rendering: 'whatsapp-template';
  key: string;
  language: Language;
  name: string;
  bodyParameters: string[];
  /** Payloads of the template's quick-reply buttons, in button order. */
  buttonPayloads: string[];
  /** The body as the recipient will read it: for logs of what was sent and for tests. */
  preview: string;
}

export interface RenderedSms {
  rendering: 'sms';
  key: string;
  language: Language;
  text: string;
  dlt: { templateId: string; entityId: string; header: string };
  segments: SmsSegmentCount;
}

export interface RenderedApp {
  rendering: 'app';
  key: string;
  language: Language;
  title: string;
  body: string;
  /** The formatted values, for the app to link to the case. */
  data: Record<string, string>;
}

export type RenderResult<T> = T | Rejection<RenderCode>;

export interface SmsRenderOptions {
  /** Parts a single notification may cost; a longer text is refused. */
  maxSegments?: number;
}

// Meta's limits: a text message body, and a template body once its parameters are filled in.
const WHATSAPP_TEXT_MAX = 4096;
const WHATSAPP_TEMPLATE_BODY_MAX = 1024;
const DEFAULT_MAX_SMS_SEGMENTS = 4;

export function renderWhatsAppText(
  catalogue: TemplateCatalogue,
  key: string,
  language: string | undefined,
  values: VariableValues,
): RenderResult<RenderedWhatsAppText> {
  const prepared = prepare(catalogue, key, 'whatsapp-text', language, values);
  if (!prepared.ok) return prepared;
  const body = fillNamed(prepared.chosen.variant.text, prepared.values);
  if (body.length > WHATSAPP_TEXT_MAX) return tooLong(key, `WhatsApp text is ${body.length} characters; Meta allows ${WHATSAPP_TEXT_MAX}`);
  return { rendering: 'whatsapp-text', key, language: prepared.chosen.language, body };
}

export function renderWhatsAppTemplate(
  catalogue: TemplateCatalogue,
  key: string,
  language: string | undefined,
  values: VariableValues,
): RenderResult<RenderedWhatsAppTemplate> {
  const prepared = prepare(catalogue, key, 'whatsapp-template', language, values);
  if (!prepared.ok) return prepared;
  const definition = prepared.chosen.variant.whatsappTemplate;
  if (!definition) return noVariant(key, 'whatsapp-template');
  const bodyParameters = definition.parameters.map((name) => prepared.values[name] ?? '');
  const preview = fillPositional(definition.body, bodyParameters);
  if (preview.length > WHATSAPP_TEMPLATE_BODY_MAX) {
    return tooLong(key, `the filled WhatsApp template body is ${preview.length} characters; Meta allows ${WHATSAPP_TEMPLATE_BODY_MAX}`);
  }
  return {
    rendering: 'whatsapp-template',
    key,
    language: prepared.chosen.language,
    name: definition.name,
    bodyParameters,
    buttonPayloads: (definition.buttons ?? []).map((button) => fillNamed(button.payload, prepared.values)),
    preview,
  };
}

/**
 * The SMS text, checked against the DLT template it is registered under before anything is
 * sent: every value cut to DLT's 30 characters, the text compared with the registered one, the
 * parts counted.
 */
export function renderSms(
  catalogue: TemplateCatalogue,
  registry: DltRegistry,
  key: string,
  language: string | undefined,
  values: VariableValues,
  options: SmsRenderOptions = {},
): RenderResult<RenderedSms> {
  const prepared = prepare(catalogue, key, 'sms', language, values, DLT_VARIABLE_MAX_LENGTH);
  if (!prepared.ok) return prepared;
  const sms = prepared.chosen.variant.sms;
  if (!sms) return noVariant(key, 'sms');
  const text = fillNamed(sms.text, prepared.values);
  const checked = registry.check(sms.dltTemplateId, text);
  if (!checked.ok) return checked;
  const segments = countSmsSegments(text);
  const maxSegments = options.maxSegments ?? DEFAULT_MAX_SMS_SEGMENTS;
  if (segments.segments > maxSegments) {
    return tooLong(key, `the SMS takes ${segments.segments} parts (${segments.encoding}); at most ${maxSegments} are allowed`);
  }
  const { templateId, entityId, header } = checked.template;
  return { rendering: 'sms', key, language: prepared.chosen.language, text, dlt: { templateId, entityId, header }, segments };
}

export function renderApp(
  catalogue: TemplateCatalogue,
  key: string,
  language: string | undefined,
  values: VariableValues,
): RenderResult<RenderedApp> {
  const prepared = prepare(catalogue, key, 'app', language, values);
  if (!prepared.ok) return prepared;
  const app = prepared.chosen.variant.app;
  if (!app) return noVariant(key, 'app');
  return {
    rendering: 'app',
    key,
    language: prepared.chosen.language,
    title: fillNamed(app.title, prepared.values),
    body: fillNamed(app.body, prepared.values),
    data: prepared.values,
  };
}

function prepare(
  catalogue: TemplateCatalogue,
  key: string,
  rendering: Rendering,
  language: string | undefined,
  values: VariableValues,
  maxLength?: number,
): { ok: true; chosen: ChosenVariant; values: Record<string, string> } | Rejection<RenderCode> {
  const template = catalogue.get(key);
  if (!template) return reject('TEMPLATE.UNKNOWN', `there is no template "${key}"`);
  const chosen = catalogue.choose(key, rendering, language);
  if (!chosen) return noVariant(key, rendering);
  const formatted = formatVariables(template.variables, values, maxLength === undefined ? {} : { maxLength });
  if (!formatted.ok) return reject(formatted.code, `${key}: ${formatted.reason}`);
  return { ok: true, chosen, values: formatted.values };
}

function noVariant(key: string, rendering: Rendering): Rejection<RenderCode> {
  return reject('TEMPLATE.NO_VARIANT', `template "${key}" has no ${rendering} form in any language`);
}

function tooLong(key: string, why: string): Rejection<RenderCode> {
  return reject('TEMPLATE.TOO_LONG', `${key}: ${why}`);
}
