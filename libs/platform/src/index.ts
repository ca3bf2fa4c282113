export * from './platform.module';
export * from './service-app';
export * from './health/shutdown-state';
export * from './http/http-error.filter';
