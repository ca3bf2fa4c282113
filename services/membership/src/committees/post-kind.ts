import { nameKey } from '../organisation/unit-name';

interface PostKindEntry {
  readonly en: string;
  readonly hi: string;
  /** Held by one member at a time in a committee. Committees name several vice-presidents and secretaries. */
  readonly singleHolder: boolean;
  /** An office-bearer (पदाधिकारी): approves registrations, and is kept away from complaints that name them. */
  readonly officeBearer: boolean;
  /** Other ways people write it in a spreadsheet, romanised Hindi included. */
  readonly aliases: readonly string[];
}

export const POST_KINDS = {
  president: { en: 'President', hi: 'अध्यक्ष', singleHolder: true, officeBearer: true, aliases: ['adhyaksh', 'adhyaksha'] },
  'vice-president': {
    en: 'Vice-President',
    hi: 'उपाध्यक्ष',
    singleHolder: false,
    officeBearer: true,
    aliases: ['vp', 'upadhyaksh', 'upadhyaksha'],
  },
  'general-secretary': {
    en: 'General Secretary',
    hi: 'महासचिव',
    singleHolder: false,
    officeBearer: true,
    aliases: ['gen secretary', 'mahasachiv', 'mahamantri', 'महामंत्री'],
  },
  secretary: { en: 'Secretary', hi: 'सचिव', singleHolder: false, officeBearer: true, aliases: ['sachiv'] },
  treasurer: { en: 'Treasurer', hi: 'कोषाध्यक्ष', singleHolder: true, officeBearer: true, aliases: ['koshadhyaksh', 'koshadhyaksha'] },
  'grievance-convenor': {
    en: 'Grievance Cell Convenor',
    hi: 'शिकायत प्रकोष्ठ संयोजक',
    singleHolder: true,
    officeBearer: true,
    aliases: ['grievance cell', 'grievance convener', 'shikayat prakoshth sanyojak'],
  },
  member: { en: 'Member', hi: 'सदस्य', singleHolder: false, officeBearer: false, aliases: ['sadasya', 'committee member'] },
} as const satisfies Record<string, PostKindEntry>;

export type PostKind = keyof typeof POST_KINDS;

export const POST_KIND_NAMES = Object.keys(POST_KINDS) as PostKind[];

const BY_KEY: ReadonlyMap<string, PostKind> = new Map(
  POST_KIND_NAMES.flatMap((kind) => {
    const { en, hi, aliases }: PostKindEntry = POST_KINDS[kind];
    return [kind, en, hi, ...aliases].map((name) => [nameKey(name), kind] as const);
  }),
);

/** A post as a spreadsheet or a form writes it: `president`, `Vice President`, `अध्यक्ष`, `mahasachiv`. */
export function parsePostKind(text: string): PostKind | undefined {
  return BY_KEY.get(nameKey(text));
}
