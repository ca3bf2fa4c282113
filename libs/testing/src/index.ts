export * from './wait-for';
export * from './service-harness';
export * from './test-infrastructure';
