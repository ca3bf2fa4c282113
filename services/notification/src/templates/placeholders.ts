/** `{{reference}}`: a named variable in catalogue texts. */
const NAMED = /\{\{([a-z][A-Za-z0-9]*)\}\}/g;
/** `{{1}}`: a positional parameter in a WhatsApp template body, as Meta writes them. */
const POSITIONAL = /\{\{([1-9][0-9]*)\}\}/g;
const BRACES = /\{\{|\}\}/g;

export interface Placeholders<T> {
  found: T[];
  /** Braces that are not part of a well-formed placeholder: a typo the catalogue must not ship. */
  stray: number;
}

export function namedPlaceholders(text: string): Placeholders<string> {
  return scan(text, NAMED, (name) => name);
}

export function positionalPlaceholders(text: string): Placeholders<number> {
  return scan(text, POSITIONAL, Number);
}

function scan<T>(text: string, pattern: RegExp, convert: (raw: string) => T): Placeholders<T> {
  const found = [...text.matchAll(pattern)].map((match) => convert(match[1]));
  const stray = (text.replace(pattern, '').match(BRACES) ?? []).length;
  return { found, stray };
}

/** Replaces every `{{name}}` with its value; the caller has checked that every name has one. */
export function fillNamed(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(NAMED, (_match, name: string) => values[name] ?? '');
}

/** Replaces every `{{name}}` with another placeholder, e.g. DLT's `{#var#}`. */
export function replaceNamed(text: string, replacement: string): string {
  return text.replace(NAMED, replacement);
}

export function fillPositional(text: string, values: readonly string[]): string {
  return text.replace(POSITIONAL, (_match, index: string) => values[Number(index) - 1] ?? '');
}
