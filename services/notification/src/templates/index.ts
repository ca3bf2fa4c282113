/** Notification texts as data (Hindi and English, per channel), strict rendering, language choice. */
export { loadBundledTemplates, type NotificationTemplates } from './bundled-templates';
export { dltProblems } from './catalogue-dlt';
export { chooseLanguage, normalizeLanguage } from './language';
export {
  renderApp,
  renderSms,
  renderWhatsAppTemplate,
  renderWhatsAppText,
  type RenderCode,
  type RenderedApp,
  type RenderedSms,
  type RenderedWhatsAppTemplate,
  type RenderedWhatsAppText,
  type RenderResult,
  type SmsRenderOptions,
} from './render';
export { RENDERINGS, TemplateCatalogue, type ChosenVariant, type Rendering } from './template-catalogue';
export { AUDIENCES, VARIABLE_TYPES, type Audience, type TemplateDefinition, type VariableType } from './template-catalogue.schema';
export { formatVariables, indianDateTime, type VariableCode, type VariableValue, type VariableValues } from './variables';
