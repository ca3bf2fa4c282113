import { loadBundledTemplates, type NotificationTemplates } from './bundled-templates';

/** The shipped catalogue and registry, for tests across the service. */
export function bundledTemplates(): NotificationTemplates {
  const loaded = loadBundledTemplates();
  if (!loaded.ok) throw new Error(loaded.reason);
  return loaded.templates;
}

export const REFERENCE = 'CC-2026-000123';
/** 2026-11-26 15:30 IST. */
export const DUE_AT = new Date('2026-11-26T10:00:00.000Z');
