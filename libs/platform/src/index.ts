export * from './platform.module';
export * from './service-app';
export * from './health/shutdown-state';
