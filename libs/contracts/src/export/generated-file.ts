import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';

/**
 * The repository root: the nearest directory above `from` holding a package.json. The CLIs run
 * from `dist/libs/...` and the tests from `libs/...`, so a fixed relative path would fit only one.
 */
export function repoRoot(from: string = __dirname): string {
  for (let dir = from; dir !== parse(dir).root; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new Error(`no package.json above ${from}`);
}

export function packageVersion(root: string): string {
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Undefined when `actual` is `expected`; otherwise where they first differ, for a reader to find. */
export function firstDifference(expected: string, actual: string): string | undefined {
  if (expected === actual) return undefined;
  const want = expected.split('\n');
  const have = actual.split('\n');
  const line = want.findIndex((text, index) => text !== have[index]);
  const at = line === -1 ? want.length : line;
  return `line ${at + 1}: expected ${JSON.stringify(want[at] ?? '(end of file)')}, found ${JSON.stringify(have[at] ?? '(end of file)')}`;
}

export interface GeneratedFile {
  /** Path from the repository root. */
  readonly path: string;
  readonly content: string;
  /** The command that writes the file, for the message when it is stale. */
  readonly regenerate: string;
}

/**
 * `write` puts the file on disk; `check` exits 1 when the file on disk is not what the code
 * generates, so that CI catches a contract changed without its published form.
 */
export function writeOrCheck(mode: 'write' | 'check', root: string, file: GeneratedFile): number {
  const path = join(root, file.path);
  if (mode === 'write') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
    process.stdout.write(`wrote ${file.path}\n`);
    return 0;
  }
  const difference = existsSync(path) ? firstDifference(file.content, readFileSync(path, 'utf8')) : 'missing';
  if (difference === undefined) {
    process.stdout.write(`${file.path} is current\n`);
    return 0;
  }
  process.stderr.write(`${file.path} does not match the code (${difference}).\nRun \`${file.regenerate}\` and commit the result.\n`);
  return 1;
}
