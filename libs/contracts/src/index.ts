export * from './topics';
export * from './envelope';
export * from './event-definition';
export * from './catalogue';
export * from './events/report-received.event';
export * from './events/delivery-status.event';
