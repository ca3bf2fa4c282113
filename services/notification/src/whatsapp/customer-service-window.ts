/** Meta: free-form messages only within 24 hours of the user's last message to the business. */
export const CUSTOMER_SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;
/**
 * A message handed over just before the window closes may reach Meta just after, and fail with
 * 131047; inside this margin a template is used instead.
 */
export const DEFAULT_WINDOW_MARGIN_MS = 5 * 60 * 1000;

export interface CustomerServiceWindow {
  open: boolean;
  /** When free text stops being allowed; absent when the user never wrote. */
  closesAt?: Date;
}

export function customerServiceWindow(
  lastInboundAt: Date | undefined,
  now: Date,
  marginMs: number = DEFAULT_WINDOW_MARGIN_MS,
): CustomerServiceWindow {
  if (!lastInboundAt || Number.isNaN(lastInboundAt.getTime())) return { open: false };
  const closesAt = new Date(lastInboundAt.getTime() + CUSTOMER_SERVICE_WINDOW_MS);
  return { open: now.getTime() < closesAt.getTime() - marginMs, closesAt };
}
