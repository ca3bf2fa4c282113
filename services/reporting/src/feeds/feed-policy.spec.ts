import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFeedPolicy, parseFeedPolicy, shippedFeedPolicyPath } from './feed-policy';
import { POLICY } from './fixtures/feed.fixtures';

describe(parseFeedPolicy.name, () => {
  it('accepts the shipped policy: reports and case events to the state, escalations to an HQ and high and critical cases to AICC', () => {
    const sut = loadFeedPolicy(shippedFeedPolicyPath());
    expect(sut).toEqual({ ok: true, policy: POLICY });
  });

  it('names every problem of a bad policy with its path', () => {
    const sut = parseFeedPolicy({
      ...POLICY,
      state: { reports: 'yes', caseEvents: ['opened', 'bribed'] },
      aicc: { ...POLICY.aicc, caseEvents: { ...POLICY.aicc.caseEvents, escalatedToLevel: 'galaxy' }, digests: 'weekly' },
    });
    expect(sut.ok).toBe(false);
    if (sut.ok) return;
    expect(sut.code).toBe('FEED.INVALID_POLICY');
    for (const path of ['state.reports', 'state.caseEvents', 'aicc.caseEvents.escalatedToLevel', 'aicc.digests']) expect(sut.reason).toContain(`${path}:`);
    expect(sut.reason).toContain('"all", or a list of case event types (opened,');
  });

  it('refuses a file that is missing or not JSON, naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'feed-policy-'));
    writeFileSync(join(dir, 'broken.json'), '{ "version": 1,');
    expect(loadFeedPolicy(join(dir, 'broken.json'))).toEqual({ ok: false, code: 'FEED.INVALID_POLICY', reason: expect.stringContaining(`${join(dir, 'broken.json')} is not JSON`) });
    expect(loadFeedPolicy(join(dir, 'none.json'))).toEqual({ ok: false, code: 'FEED.INVALID_POLICY', reason: expect.stringContaining('ENOENT') });
  });
});
