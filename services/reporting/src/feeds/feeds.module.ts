import { Module } from '@nestjs/common';
import { SERVICE_CONFIG } from '@cc/config';
import { FeedPseudonyms, feedPseudonymKey } from './feed-pseudonyms';
import { FeedRouter } from './feed-router';
import type { FeedsConfig } from './feeds.config';
import { FeedsConsumer } from './feeds.consumer';

/** The state HQ and AICC feeds (see README.md): routing policy and pseudonym key from the configuration. */
@Module({
  providers: [
    FeedsConsumer,
    {
      provide: FeedRouter,
      inject: [SERVICE_CONFIG],
      useFactory: (config: FeedsConfig & { SENDER_KEY_SECRET?: string }) =>
        new FeedRouter(config.REPORTING_FEED_POLICY_FILE, new FeedPseudonyms(feedPseudonymKey(config.REPORTING_FEED_SECRET, config.SENDER_KEY_SECRET))),
    },
  ],
})
export class FeedsModule {}
