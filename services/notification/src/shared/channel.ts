/** The ways a notification reaches a person. */
export const CHANNELS = ['whatsapp', 'sms', 'app'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The languages templates are written in; Hindi first, as for most of the people served. */
export const LANGUAGES = ['hi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'hi';
