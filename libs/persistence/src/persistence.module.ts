import { type DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import type { ServiceConfig } from '@cc/config';
import { guardDriverSocketWrites } from './driver-guards';

/**
 * The service's own database. Correctness never relies on multi-document transactions or change
 * streams (the local FerretDB store has neither): writes are single-document and idempotent,
 * guarded by unique indexes.
 */
@Module({})
export class PersistenceModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    guardDriverSocketWrites();
    return {
      module: PersistenceModule,
      imports: [
        MongooseModule.forRoot(config.MONGODB_URI, {
          dbName: config.MONGODB_DB,
          appName: `connect-center-${config.SERVICE_NAME}`,
          serverSelectionTimeoutMS: 5000,
          maxPoolSize: config.MONGODB_MAX_POOL_SIZE,
          retryAttempts: 5,
          retryDelay: 2000,
        }),
      ],
      exports: [MongooseModule],
    };
  }
}
