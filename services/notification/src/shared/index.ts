export { CHANNELS, DEFAULT_LANGUAGE, LANGUAGES, type Channel, type Language } from './channel';
export { maskAddress, redactPhones } from './redact';
export { reject, type Rejection } from './rejection';
