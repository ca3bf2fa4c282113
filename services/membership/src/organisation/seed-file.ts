import { existsSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';

const SEED = join('services', 'membership', 'data', 'org-units.csv');

/**
 * The reference units file shipped with the service. Compiled code runs from `dist/…`, the image
 * from `/app/dist/…` with the data beside `dist`: the file is found by walking up, not by a fixed
 * relative path. `MEMBERSHIP_SEED_FILE` overrides it (another country's organisation, a test).
 */
export function seedFilePath(override: string | undefined, from: string = __dirname): string {
  if (override) return override;
  for (let dir = from; dir !== parse(dir).root; dir = dirname(dir)) {
    const candidate = join(dir, SEED);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`${SEED} not found above ${from}; set MEMBERSHIP_SEED_FILE`);
}
