import { Inject, Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { SERVICE_CONFIG, type ServiceConfig } from '@cc/config';

/**
 * One registry per application (not prom-client's global one), so that several services can run in
 * one process in tests without clashing metric names.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpRequestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    registers: [this.registry],
  });

  readonly consumerMessages = new Counter({
    name: 'kafka_consumer_messages_total',
    help: 'Consumed messages by consumer group, topic and outcome (applied, dead-lettered)',
    labelNames: ['group', 'topic', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly consumerRetries = new Counter({
    name: 'kafka_consumer_retries_total',
    help: 'Handler retries by consumer group, topic and kind (transient outage, handler failure)',
    labelNames: ['group', 'topic', 'kind'] as const,
    registers: [this.registry],
  });

  readonly consumerBatchDuration = new Histogram({
    name: 'kafka_consumer_batch_duration_seconds',
    help: 'Time to process one fetched batch, from decode to committed offset, by consumer group and topic',
    labelNames: ['group', 'topic'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  readonly consumerLag = new Gauge({
    name: 'kafka_consumer_lag',
    help: 'Messages behind the partition high watermark when the last batch was fetched, by consumer group',
    // The group too: one process may run several (reporting's own and its feeds') over one topic.
    labelNames: ['group', 'topic', 'partition'] as const,
    registers: [this.registry],
  });

  constructor(@Inject(SERVICE_CONFIG) config: ServiceConfig) {
    this.registry.setDefaultLabels({ service: config.SERVICE_NAME });
    collectDefaultMetrics({ register: this.registry });
  }

  observeHttp(method: string, route: string, statusCode: number, seconds: number): void {
    const labels = { method, route, status_code: String(statusCode) };
    this.httpRequestDuration.observe(labels, seconds);
    this.httpRequests.inc(labels);
  }
}
