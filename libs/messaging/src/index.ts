export * from './kafka.factory';
export * from './event-publisher';
export * from './event-consumer';
export * from './kafka.health';
export * from './kafka-transport';
export * from './messaging.module';
