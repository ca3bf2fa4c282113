import { reject, type Rejection } from '../../shared/rejection';

/** The one placeholder of a DLT content template. */
export const DLT_VARIABLE = '{#var#}';
/** TRAI: each {#var#} carries at most 30 characters. */
export const DLT_VARIABLE_MAX_LENGTH = 30;

export type DltMatchCode = 'DLT.MISMATCH' | 'DLT.VARIABLE_TOO_LONG';
export type DltCompileCode = 'DLT.UNSUPPORTED_PLACEHOLDER' | 'DLT.EMPTY_TEMPLATE';

export interface DltMatcher {
  /** The registered text, as registered. */
  readonly text: string;
  readonly variableCount: number;
  match(rendered: string): { ok: true; values: string[] } | Rejection<DltMatchCode>;
}

// Any {#...#} but {#var#}: newer DLT portals know typed ones ({#numeric#}, {#url#}, ...), whose
// rules this matcher does not implement, so a template using them is refused rather than
// matched too leniently.
const OTHER_PLACEHOLDER = /\{#(?!var#\})[^{}]*#\}/u;
const REGEX_SPECIAL = /[.*+?^${}()|[\]\\]/g;

const escape = (literal: string) => literal.replace(REGEX_SPECIAL, '\\$&');
const snippet = (text: string) => JSON.stringify(text.length > 24 ? `${text.slice(0, 24)}…` : text);

/**
 * Compiles a registered DLT text into a matcher: everything but `{#var#}` is literal (every
 * character, spaces and punctuation included, must be sent as registered), each `{#var#}` stands
 * for 0 to 30 characters (code points, as operators count them). Operators block text that does
 * not match, silently and after billing, so it is checked here before anything is sent.
 */
export function compileDltTemplate(text: string): { ok: true; matcher: DltMatcher } | Rejection<DltCompileCode> {
  if (text.trim() === '') return reject('DLT.EMPTY_TEMPLATE', 'a DLT template has no text');
  const other = OTHER_PLACEHOLDER.exec(text);
  if (other) {
    return reject('DLT.UNSUPPORTED_PLACEHOLDER', `only ${DLT_VARIABLE} placeholders are supported, not ${other[0]}`);
  }
  const literals = text.split(DLT_VARIABLE);
  const exact = anchored(literals, `([\\s\\S]{0,${DLT_VARIABLE_MAX_LENGTH}})`, true);
  const unbounded = anchored(literals, '([\\s\\S]*?)', true);

  const match = (rendered: string): { ok: true; values: string[] } | Rejection<DltMatchCode> => {
    const found = exact.exec(rendered);
    if (found) return { ok: true, values: found.slice(1) };
    const loose = unbounded.exec(rendered);
    if (loose) {
      const index = loose.slice(1).findIndex((value) => [...value].length > DLT_VARIABLE_MAX_LENGTH);
      const length = [...(loose[index + 1] ?? '')].length;
      return reject(
        'DLT.VARIABLE_TOO_LONG',
        `variable ${index + 1} of the DLT template is ${length} characters; TRAI allows ${DLT_VARIABLE_MAX_LENGTH}`,
      );
    }
    return reject('DLT.MISMATCH', mismatchReason(literals, rendered));
  };
  return { ok: true, matcher: { text, variableCount: literals.length - 1, match } };
}

function anchored(literals: string[], variable: string, toEnd: boolean): RegExp {
  return new RegExp(`^${literals.map(escape).join(variable)}${toEnd ? '$' : ''}`, 'u');
}

/** Names the first literal part the text does not follow, so the person fixing it knows where to look. */
function mismatchReason(literals: string[], rendered: string): string {
  for (let count = 1; count <= literals.length; count += 1) {
    const prefix = anchored(literals.slice(0, count), '[\\s\\S]*?', false);
    if (!prefix.test(rendered)) {
      const literal = literals[count - 1];
      return count === 1
        ? `the text does not start as the registered DLT template does (${snippet(literal)})`
        : `the text differs from the registered DLT template at ${snippet(literal)}`;
    }
  }
  return 'the text goes on after the end of the registered DLT template';
}
