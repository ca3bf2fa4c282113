import { maskPhone } from '@cc/identity';

// Digit runs long enough to be a phone number, with the separators people and providers put in
// them. Provider error texts echo the number they refused ("The 'To' number +9198... is not valid").
const PHONE_LIKE = /\+?\d[\d\s().-]{6,}\d/g;
const BSUID = /^([A-Z]{2}(?:\.ENT)?)\.(\S+)$/;

/** Masks anything phone-shaped in a text that came from outside (a provider's error message). */
export function redactPhones(text: string): string {
  return text.replace(PHONE_LIKE, (match) => {
    const digits = match.replace(/\D/g, '');
    return digits.length < 8 ? match : maskPhone(`+${digits}`);
  });
}

/**
 * A recipient address as it may appear in a log line or a reason: an E.164 number or a WhatsApp
 * business-scoped user id, masked to the last four characters.
 */
export function maskAddress(address: string): string {
  if (address.startsWith('+')) return maskPhone(address);
  const bsuid = BSUID.exec(address);
  if (bsuid) return `${bsuid[1]}.${'*'.repeat(Math.max(0, bsuid[2].length - 4))}${bsuid[2].slice(-4)}`;
  return '***';
}
