import { childTraceparent, isTraceparent } from './trace-context';

describe(childTraceparent.name, () => {
  const parent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

  it('stays in the parent trace with a new span', () => {
    const child = childTraceparent(parent);
    expect(child).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
    expect(child).not.toBe(parent);
  });

  it.each([undefined, 'garbage', '00-00000000000000000000000000000000-00f067aa0ba902b7-01'])('starts a new trace when the parent is %p', (bad) => {
    const child = childTraceparent(bad);
    expect(isTraceparent(child)).toBe(true);
    expect(child.slice(3, 35)).not.toBe('00000000000000000000000000000000');
  });
});
