import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FEED_STATE_CODES } from '@cc/contracts';

describe('FEED_STATE_CODES', () => {
  it('has a feed for every state of the organisation’s reference data, and no other', () => {
    // Read, not imported: reporting never imports membership, but the two must not drift apart.
    const csv = readFileSync(join(__dirname, '..', '..', '..', 'membership', 'data', 'org-units.csv'), 'utf8');
    const [header, ...rows] = csv.trim().split('\n').map((line) => line.split(','));
    const code = header!.indexOf('code');
    const level = header!.indexOf('level');
    const states = rows.filter((row) => row[level] === 'state').map((row) => row[code]);
    expect([...FEED_STATE_CODES].sort()).toEqual(states.sort());
  });
});
