import type { FeedId, ReportAttributed } from '@cc/contracts';
import { redactPhoneLike } from '@cc/identity';
import type { FeedPseudonyms } from './feed-pseudonyms';

const MEMBER_ID = /\bmbr_[A-Za-z0-9_-]{8,64}/g;
const SENDER_KEY = /\bsnd_[A-Za-z0-9_-]{8,124}/g;
export const REDACTED_SENDER = '[sender removed]';

/**
 * Free text as a feed shows it: anything phone-like removed (the rule grievance's case views use),
 * a member id renamed to the feed's pseudonym, a sender pseudonym removed (it is an HMAC of the
 * phone number, the same on every topic).
 */
export function redactFeedText(text: string, feed: FeedId, pseudonyms: FeedPseudonyms): string {
  return redactPhoneLike(text)
    .replace(MEMBER_ID, (memberId) => pseudonyms.member(feed, memberId))
    .replace(SENDER_KEY, REDACTED_SENDER);
}

/**
 * Words that name a party office-bearer, or could: posts in Hindi (stems, so that sandhi forms like
 * जिलाध्यक्ष and कोषाध्यक्ष match), in English and in Hinglish, and a member id. Deliberately wider
 * than grievance's recogniser — मंत्री, नेता, leader, प्रभारी match too — because reporting cannot ask
 * grievance, and a miss would show the accused who complained.
 */
const OFFICE_BEARER_CUES = [
  'ध्यक्ष',
  'सचिव',
  'मंत्री',
  'पदाधिकारी',
  'संयोजक',
  'प्रभारी',
  'नेता',
  'president',
  'secretary',
  'treasurer',
  'convenor',
  'convener',
  'office bearer',
  'office-bearer',
  'officebearer',
  'adhyaksh',
  'adhyax',
  'sachiv',
  'mantri',
  'padadhikari',
  'sanyojak',
  'prabhari',
  'neta',
  'leader',
  'incharge',
  'in-charge',
  'mbr_',
];

/** Declared categories that are, or may be, about a party office-bearer. */
const OFFICE_BEARER_CATEGORIES = new Set(['office-bearer-conduct', 'organisational', 'other']);

// Nukta and zero-width (non-)joiners: "अध्‍यक्ष" with a ZWJ is still अध्यक्ष.
const IGNORABLE = /[\u093C\u200C\u200D]/g;

function normalise(text: string): string {
  return text.normalize('NFC').replace(IGNORABLE, '').toLowerCase();
}

/**
 * Whether a report may be a complaint about a party office-bearer, which no feed may attribute to
 * its reporter. Reporting cannot run grievance's recogniser (services do not import each other),
 * so it fails safe: any report that names or might name an office-bearer anywhere — its text, a
 * caption, the subject it declared, intake's `office-bearer` keyword hint — or that declares a
 * complaint of a category that may concern one counts, complaint or not. "जिला अध्यक्ष जी का
 * स्वागत किया" loses its reporter too: a feed reader is spared nothing but an attribution.
 */
export function mayConcernOfficeBearer(report: ReportAttributed): boolean {
  if (report.declaredComplaint && OFFICE_BEARER_CATEGORIES.has(report.declaredComplaint.category)) return true;
  if (report.keywords.some((keyword) => keyword.category === 'office-bearer')) return true;
  const texts = [
    report.text,
    report.declaredComplaint?.subject,
    report.interactive?.title,
    report.interactive?.description,
    report.location?.name,
    report.location?.address,
    ...report.media.flatMap((media) => [media.caption, media.filename]),
  ];
  return texts.some((text) => text !== undefined && OFFICE_BEARER_CUES.some((cue) => normalise(text).includes(cue)));
}
