import { type DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AggregatesModule } from '../aggregates/aggregates.module';
import { type Clock, DIGEST_CLOCK, DigestJob, systemClock } from './digest-job';
import { DigestMarkRepository } from './digest-mark.repository';
import { FeedDigestMark, FeedDigestMarkSchema } from './digest-mark.schema';

/** Daily digests per state to the AICC feed, from the aggregates (see ../feeds/README.md). */
@Module({})
export class DigestsModule {
  /** `clock`: tests drive the day boundary with their own. */
  static register(options: { clock?: Clock } = {}): DynamicModule {
    return {
      module: DigestsModule,
      imports: [AggregatesModule, MongooseModule.forFeature([{ name: FeedDigestMark.name, schema: FeedDigestMarkSchema }])],
      providers: [DigestJob, DigestMarkRepository, { provide: DIGEST_CLOCK, useValue: options.clock ?? systemClock }],
      exports: [DigestJob],
    };
  }
}
