import type { Channel } from '../shared/channel';
import type { WhatsAppRecipient } from '../whatsapp/whatsapp-message';

/** Who a notification goes to and how they can be reached. Personal data: never logged as is. */
export interface Recipient {
  /** Member id or sender pseudonym: what logs, ids and metrics name the person by. */
  key: string;
  /** BCP 47 as the member or report says (`hi`, `en`, `hi-Latn`, `und`). */
  language?: string;
  whatsapp?: WhatsAppRecipient;
  /** E.164, for SMS. */
  phone?: string;
  appUserId?: string;
  optedOut: ReadonlySet<Channel>;
  /** Their last message to the business number: opens WhatsApp's 24-hour window. */
  lastWhatsAppInboundAt?: Date;
}
