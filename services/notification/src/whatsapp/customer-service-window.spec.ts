import { customerServiceWindow } from './customer-service-window';

describe(customerServiceWindow.name, () => {
  const lastInbound = new Date('2026-11-26T04:00:00Z');
  const at = (iso: string) => new Date(iso);

  it('is open right after the user wrote', () => {
    expect(customerServiceWindow(lastInbound, at('2026-11-26T04:00:01Z'))).toEqual({ open: true, closesAt: at('2026-11-27T04:00:00Z') });
  });

  it('is open until the safety margin before 24 hours', () => {
    expect(customerServiceWindow(lastInbound, at('2026-11-27T03:54:59Z')).open).toBe(true);
    expect(customerServiceWindow(lastInbound, at('2026-11-27T03:55:00Z')).open).toBe(false);
  });

  it('is closed after 24 hours, and exactly at them without a margin', () => {
    expect(customerServiceWindow(lastInbound, at('2026-11-27T04:00:01Z')).open).toBe(false);
    expect(customerServiceWindow(lastInbound, at('2026-11-27T03:59:59Z'), 0).open).toBe(true);
    expect(customerServiceWindow(lastInbound, at('2026-11-27T04:00:00Z'), 0).open).toBe(false);
  });

  it('is closed for someone who never wrote', () => {
    expect(customerServiceWindow(undefined, lastInbound)).toEqual({ open: false });
    expect(customerServiceWindow(new Date('nope'), lastInbound)).toEqual({ open: false });
  });
});
