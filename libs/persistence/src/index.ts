export * from './persistence.module';
export * from './outbox/outbox';
