import type { Member, ReportReceived } from '@cc/contracts';
import type { Recipient } from '../delivery/recipient';
import { applyOptOut, parseOptOutKeyword, type OptOutCommand } from '../delivery/opt-out';
import { CHANNELS, type Channel } from '../shared/channel';

/**
 * What notification knows of a person who wrote in, under their sender pseudonym: how to answer
 * them on each channel, their language, when they last wrote on each channel (WhatsApp's 24-hour
 * window) and the channels they opted out of. Personal data: addresses never reach a log.
 */
export interface Contact {
  senderKey: string;
  language?: string;
  /** E.164 (WhatsApp and SMS senders), the WhatsApp business-scoped user id, the app user. */
  whatsappPhone?: string;
  whatsappBsuid?: string;
  phone?: string;
  appUserId?: string;
  lastInboundAt: Partial<Record<Channel, Date>>;
  lastChannel?: Channel;
  optedOut: Channel[];
  /** When the last STOP/START was sent: an older one delivered late changes nothing. */
  optOutChangedAt?: Date;
  updatedAt: Date;
}

export interface ContactUpdate {
  contact: Contact;
  /** The report was an opt-out or opt-in keyword: recorded, and nothing is sent for it. */
  command?: OptOutCommand;
}

/** The contact after one report; reports may arrive late or twice, so nothing moves backwards. */
export function contactAfterReport(existing: Contact | undefined, report: ReportReceived): ContactUpdate {
  const at = new Date(report.receivedAt);
  const contact: Contact = existing
    ? { ...existing, lastInboundAt: { ...existing.lastInboundAt }, optedOut: [...existing.optedOut] }
    : { senderKey: report.senderKey, lastInboundAt: {}, optedOut: [], updatedAt: at };
  const latestBefore = Math.max(0, ...Object.values(contact.lastInboundAt).map((date) => date.getTime()));
  const newest = at.getTime() >= latestBefore;

  const { sender, channel } = report;
  if (sender.kind === 'phone') {
    if (channel === 'whatsapp') contact.whatsappPhone = sender.e164;
    if (newest || !contact.phone) contact.phone = sender.e164;
  } else if (sender.kind === 'whatsapp-bsuid') {
    contact.whatsappBsuid = sender.id;
  } else {
    contact.appUserId = sender.id;
  }
  const seen = contact.lastInboundAt[channel];
  if (!seen || seen.getTime() < at.getTime()) contact.lastInboundAt[channel] = at;
  if (newest) {
    contact.lastChannel = channel;
    if (report.language === 'hi' || report.language === 'en' || report.language === 'hi-Latn') contact.language = report.language;
  }

  const command = parseOptOutKeyword(report.text);
  if (command && (!contact.optOutChangedAt || contact.optOutChangedAt.getTime() <= at.getTime())) {
    const next = applyOptOut(new Set(contact.optedOut), command, channel);
    contact.optedOut = CHANNELS.filter((each) => next.has(each));
    contact.optOutChangedAt = at;
  }
  contact.updatedAt = new Date(Math.max(contact.updatedAt.getTime(), at.getTime()));
  return command ? { contact, command } : { contact };
}

/** A reporter as the dispatcher reaches them. */
export function reporterRecipient(contact: Contact): Recipient {
  return {
    key: contact.senderKey,
    language: contact.language,
    ...(contact.whatsappPhone || contact.whatsappBsuid
      ? { whatsapp: { ...(contact.whatsappPhone ? { phone: contact.whatsappPhone } : {}), ...(contact.whatsappBsuid ? { bsuid: contact.whatsappBsuid } : {}) } }
      : {}),
    ...(contact.phone ? { phone: contact.phone } : {}),
    ...(contact.appUserId ? { appUserId: contact.appUserId } : {}),
    optedOut: new Set(contact.optedOut),
    ...(contact.lastInboundAt.whatsapp ? { lastWhatsAppInboundAt: contact.lastInboundAt.whatsapp } : {}),
  };
}

export type DirectoryMember = Pick<Member, 'memberId' | 'language' | 'phones' | 'whatsappBsuid' | 'appUserId' | 'identityKeys'>;

/**
 * An office-bearer as the dispatcher reaches them: the first phone on WhatsApp and SMS, the app
 * account, their language. What they did as a sender counts too: a STOP from any of their
 * identities, and the 24-hour window of their latest WhatsApp message.
 */
export function memberRecipient(member: DirectoryMember, contacts: readonly Contact[]): Recipient {
  const phone = member.phones[0];
  const optedOut = new Set(contacts.flatMap((contact) => contact.optedOut));
  const lastWhatsApp = contacts
    .map((contact) => contact.lastInboundAt.whatsapp)
    .filter((date): date is Date => date !== undefined)
    .sort((a, b) => b.getTime() - a.getTime())[0];
  return {
    key: member.memberId,
    language: member.language,
    ...(phone || member.whatsappBsuid ? { whatsapp: { ...(phone ? { phone } : {}), ...(member.whatsappBsuid ? { bsuid: member.whatsappBsuid } : {}) } } : {}),
    ...(phone ? { phone } : {}),
    ...(member.appUserId ? { appUserId: member.appUserId } : {}),
    optedOut,
    ...(lastWhatsApp ? { lastWhatsAppInboundAt: lastWhatsApp } : {}),
  };
}
