export * from './service-config.schema';
export * from './load-config';
export * from './config.module';
