/** SMS in India: GSM-7/UCS-2 segment counting, the TRAI DLT registry and matcher, Twilio and Gupshup. */
export { gsm7Septets, smsEncodingOf, type SmsEncoding } from './encoding/gsm7';
export { countSmsSegments, type SmsSegmentCount } from './encoding/segments';
export { compileDltTemplate, DLT_VARIABLE, DLT_VARIABLE_MAX_LENGTH, type DltMatcher, type DltMatchCode } from './dlt/dlt-matcher';
export { DltRegistry, type DltCheck, type DltCheckCode } from './dlt/dlt-registry';
export { DLT_CATEGORIES, dltTemplateSchema, type DltCategory, type DltTemplate } from './dlt/dlt-template';
export { GupshupClient, type GupshupClientOptions } from './gupshup/gupshup-client';
export { buildGupshupRequest, type GupshupConfig, type GupshupOutbound } from './gupshup/gupshup-request';
export { parseGupshupResponse } from './gupshup/gupshup-response';
export { TwilioClient, type TwilioClientOptions } from './twilio/twilio-client';
export { buildTwilioRequest, type TwilioConfig, type TwilioOutbound } from './twilio/twilio-request';
export { parseTwilioResponse, twilioErrorRule } from './twilio/twilio-response';
export { gupshupSmsSender, twilioSmsSender, type SmsSender } from './sms-sender';
