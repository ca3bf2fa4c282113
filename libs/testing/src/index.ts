export * from './wait-for';
export * from './service-harness';
export * from './test-infrastructure';
export * from './service-process';
export * from './consumer-groups';
export * from './event-reader';
export * from './tokens';
