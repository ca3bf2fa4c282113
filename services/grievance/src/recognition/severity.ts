import { forMatching, TermMatcher, type TermList } from './text-matching';

export const SEVERITIES = ['normal', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * Critical: someone was hurt or their life threatened. High: threats, bribery, harassment. These
 * shorten every deadline (see the SLA policy's severity factors); a person can raise it later.
 */
const SEVERITY_TERMS: readonly TermList<Exclude<Severity, 'normal'>>[] = [
  {
    value: 'critical',
    latin: [
      'assault', 'assaulted', 'attack', 'attacked', 'beaten', 'beat up', 'violence', 'murder',
      'maarpeet', 'marpeet', 'maar peet', 'hamla', 'jaan se maarne',
    ],
    devanagari: ['मारपीट', 'मार पीट', 'मार-पीट', 'पिटाई', 'हमला', 'हिंसा', 'हत्या', 'जान से मार', 'जान से मारने'],
  },
  {
    value: 'high',
    latin: [
      'threat', 'threatened', 'threatening', 'dhamki', 'bribe', 'bribery', 'rishwat', 'ghoos', 'corruption',
      'harassment', 'harassed', 'extortion',
    ],
    devanagari: ['धमकी', 'धमका', 'रिश्वत', 'घूस', 'भ्रष्टाचार', 'उत्पीड़न', 'छेड़छाड़', 'वसूली'],
  },
];

const matcher = new TermMatcher(SEVERITY_TERMS);

export interface SeverityAssessment {
  severity: Severity;
  /** The words that decided it, as listed: for the audit trail. */
  cues: string[];
}

export function assessSeverity(text: string): SeverityAssessment {
  const found = matcher.matchAll(forMatching(text));
  const critical = found.filter(({ value }) => value === 'critical');
  const decisive = critical.length > 0 ? critical : found;
  return {
    severity: critical.length > 0 ? 'critical' : found.length > 0 ? 'high' : 'normal',
    cues: [...new Set(decisive.map(({ term }) => term))],
  };
}

export function maxSeverity(a: Severity, b: Severity): Severity {
  return SEVERITIES.indexOf(a) >= SEVERITIES.indexOf(b) ? a : b;
}
