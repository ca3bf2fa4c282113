/** Identities of people across channels: phone normalisation and masking, the sender pseudonym. */
export { maskPhone, normalizeIndianPhone, type PhoneNormalization, type PhoneRejection } from './phone-number';
export { hasPhoneLike, REDACTED_NUMBER, redactPhoneLike } from './phone-redaction';
export { canonicalSenderKey, useSenderKeySecret } from './sender-key';
