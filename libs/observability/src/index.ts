export * from './logging/correlation';
export * from './logging/trace-context';
export * from './logging/json-logger';
export * from './logging/logging.module';
export * from './metrics/metrics.service';
export * from './metrics/metrics.module';
export * from './http-observability';
