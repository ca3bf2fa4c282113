import type { FastifyInstance } from 'fastify';
import { CORRELATION_HEADER, withCorrelationId } from './logging/correlation';
import type { JsonLogger } from './logging/json-logger';
import type { MetricsService } from './metrics/metrics.service';

/** Probes and scrapes arrive every few seconds; logging each would drown real traffic. */
const QUIET_ROUTES = /^\/(health|metrics)(\/|$)/;

/**
 * Correlation id, request log line and HTTP metrics in Fastify's own hooks rather than Nest
 * middleware or interceptors, so that requests Nest never routes (404s, rejected bodies) are seen
 * too. The request id is the correlation id (see FastifyAdapter `genReqId`). Metrics use the route
 * pattern, not the URL, to keep label cardinality bounded; logs drop the query string, which can
 * carry a provider's secret token.
 */
export function registerHttpObservability(fastify: FastifyInstance, logger: JsonLogger, metrics: MetricsService): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header(CORRELATION_HEADER, request.id);
    withCorrelationId(request.id, done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observeHttp(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    if (!QUIET_ROUTES.test(request.url)) {
      logger.pino.info(
        {
          correlationId: request.id,
          method: request.method,
          path: request.url.split('?')[0],
          route,
          statusCode: reply.statusCode,
          responseTimeMs: Math.round(reply.elapsedTime * 10) / 10,
        },
        'request completed',
      );
    }
    done();
  });
}
