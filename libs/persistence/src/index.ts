export * from './persistence.module';
export * from './outbox/outbox';
export * from './duplicate-key';
export * from './latest-wins';
export * from './point-reads';
export * from './driver-guards';
