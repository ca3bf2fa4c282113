/**
 * Who sends in one run: members imported through membership's CSV API (workers in three Jharkhand
 * districts, a block president, district grievance convenors), senders nobody knows, and a few who
 * only ever send STOP. Phone numbers carry digits of the run, so runs on one broker do not share them.
 */
export interface Sender {
  label: string;
  /** E.164; absent for an app-only user. */
  phone?: string;
  appUserId?: string;
  /** Home unit of a member; absent for an unknown sender. */
  homeUnit?: string;
  post?: 'president' | 'grievance-convenor';
  /** Where an unknown app user says they are (app reports carry no channel number). */
  declaredUnit?: string;
}

export interface Population {
  members: Sender[];
  /** Members and unknown senders with a phone: WhatsApp, Twilio and Gupshup send as them. */
  phoneSenders: Sender[];
  appSenders: Sender[];
  /** Each sends one STOP (or बंद), and nothing else. */
  optOuts: Sender[];
  /** Every phone of the run, E.164: none may appear in a log line or a feed record. */
  phones: string[];
  importCsv(): string;
}

const NAMES = ['Sunita Devi', 'Ramesh Oraon', 'Ajay Kumar', 'Pushpa Munda', 'Birsa Toppo', 'Meena Kumari', 'Suresh Mahto', 'Anita Lakra', 'Rajesh Soren', 'Kavita Tirkey'];

export function population(run: string): Population {
  const digits = run.replace(/\D/g, '').padEnd(5, '7').slice(0, 5);
  let serial = 0;
  const phone = () => `+917${digits}${String(1000 + serial++).slice(-4)}`;
  const member = (label: string, homeUnit: string, extra: Partial<Sender> = {}): Sender => ({ label, phone: phone(), homeUnit, ...extra });

  const members: Sender[] = [
    member('ranchi-kanke-worker', 'JH-RAN-KANKE', { appUserId: `app-${run}-kanke` }),
    member('ranchi-angara-worker', 'JH-RAN-ANGARA'),
    member('dhanbad-baghmara-worker', 'JH-DHN-BAGHMARA', { appUserId: `app-${run}-baghmara` }),
    member('dhanbad-nirsa-worker', 'JH-DHN-NIRSA'),
    member('gumla-basia-worker', 'JH-GUM-BASIA', { appUserId: `app-${run}-basia` }),
    member('gumla-bharno-worker', 'JH-GUM-BHARNO'),
    member('kanke-block-president', 'JH-RAN-KANKE', { post: 'president' }),
    member('ranchi-convenor', 'JH-RAN', { post: 'grievance-convenor' }),
    member('dhanbad-convenor', 'JH-DHN', { post: 'grievance-convenor' }),
    member('gumla-convenor', 'JH-GUM', { post: 'grievance-convenor' }),
  ];
  const unknown: Sender[] = [1, 2, 3, 4].map((n) => ({ label: `unknown-${n}`, phone: phone() }));
  const unknownApp: Sender[] = [
    { label: 'unknown-app-1', appUserId: `app-${run}-stranger-1`, declaredUnit: 'JH-RAN-BERO' },
    { label: 'unknown-app-2', appUserId: `app-${run}-stranger-2`, declaredUnit: 'JH-DHN' },
  ];
  const optOuts: Sender[] = [1, 2, 3].map((n) => ({ label: `opt-out-${n}`, phone: phone() }));
  const workers = members.filter((each) => !each.post);
  return {
    members,
    phoneSenders: [...workers, ...unknown],
    appSenders: [...members.filter((each) => each.appUserId), ...unknownApp],
    optOuts,
    phones: [...members, ...unknown, ...optOuts].map((each) => each.phone!).filter(Boolean),
    importCsv: () =>
      [
        'name,phone,home_unit,language,post,app_user_id,consent',
        ...members.map((each, index) => [NAMES[index % NAMES.length], each.phone, each.homeUnit, 'hi', each.post ?? '', each.appUserId ?? '', 'yes'].join(',')),
      ].join('\r\n'),
  };
}
