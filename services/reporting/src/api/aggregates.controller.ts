import { type BeforeApplicationShutdown, Controller, Get, Inject, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal, type Principal, PrincipalGuard } from '@cc/auth';
import { SERVICE_CONFIG } from '@cc/config';
import type { ReportingConfig } from '../config/reporting.config';
import { AggregatesStore } from '../aggregates/store/aggregates.store';
import { AggregateQueries } from './aggregate-queries';
import { scopedUnit, valueOf } from './http-errors';
import { dashboardQuerySchema, dayRange, openQuerySchema, parseQuery, rangeQuerySchema, silentQuerySchema, unitQuerySchema } from './query';

const HEARTBEAT_MS = 15_000;

/**
 * The aggregates, scoped to the caller's subtree (`unit` defaults to the caller's own): 400
 * `QUERY.INVALID` / `QUERY.UNKNOWN_UNIT` for a bad query, 403 `ACCESS.*` outside the subtree.
 * Answered from memory: see AggregatesStore.
 */
@Controller('v1/aggregates')
@UseGuards(PrincipalGuard)
export class AggregatesController implements BeforeApplicationShutdown {
  private readonly streams = new Set<() => void>();

  constructor(
    private readonly queries: AggregateQueries,
    private readonly store: AggregatesStore,
    @Inject(SERVICE_CONFIG) private readonly config: ReportingConfig,
  ) {}

  /** Reports per day, channel and declared category, and per unit one level down: `unit`, `from`, `to` (YYYY-MM-DD, Indian days; the last 30 by default). */
  @Get('activity')
  activity(@Query() query: unknown, @CurrentPrincipal() caller: Principal) {
    const { unit, ...days } = valueOf(parseQuery(rangeQuerySchema, query));
    return this.queries.activity(scopedUnit(caller, this.store.org, unit), valueOf(dayRange(days, new Date())));
  }

  /** Cases opened in the range by category x status x day and per unit below, time to acknowledge and resolve (median, p90), BDO/CO scorecards per block. */
  @Get('cases')
  cases(@Query() query: unknown, @CurrentPrincipal() caller: Principal) {
    const { unit, ...days } = valueOf(parseQuery(rangeQuerySchema, query));
    return this.queries.cases(scopedUnit(caller, this.store.org, unit), valueOf(dayRange(days, new Date())));
  }

  /** Office-bearers' desks of the unit and the units below: cases reached, acknowledged, in time, escalated away. */
  @Get('responsiveness')
  responsiveness(@Query() query: unknown, @CurrentPrincipal() caller: Principal) {
    const { unit, ...days } = valueOf(parseQuery(rangeQuerySchema, query));
    return this.queries.responsiveness(scopedUnit(caller, this.store.org, unit), valueOf(dayRange(days, new Date())));
  }

  /** Active and overdue cases now, per unit below, and the overdue queue (`limit`). */
  @Get('open')
  open(@Query() query: unknown, @CurrentPrincipal() caller: Principal) {
    const { unit, limit } = valueOf(parseQuery(openQuerySchema, query));
    return this.queries.open(scopedUnit(caller, this.store.org, unit), new Date(), limit);
  }

  /** Blocks and panchayats without a report for `days` days (REPORTING_SILENT_DAYS by default); `level` block, panchayat or all. */
  @Get('silent')
  silent(@Query() query: unknown, @CurrentPrincipal() caller: Principal) {
    const { unit, days, level, limit } = valueOf(parseQuery(silentQuerySchema, query));
    return this.queries.silent(scopedUnit(caller, this.store.org, unit), days ?? this.config.REPORTING_SILENT_DAYS, level, new Date(), limit);
  }

  /** Share of blocks and panchayats with a formed committee and with its posts filled, per district. */
  @Get('committees')
  committees(@Query() query: unknown, @CurrentPrincipal() caller: Principal) {
    const { unit } = valueOf(parseQuery(unitQuerySchema, query));
    return this.queries.committees(scopedUnit(caller, this.store.org, unit));
  }

  /** The war room's view in one answer: `unit`, `days` of trend (14). */
  @Get('dashboard')
  dashboard(@Query() query: unknown, @CurrentPrincipal() caller: Principal) {
    const { unit, days } = valueOf(parseQuery(dashboardQuerySchema, query));
    return this.queries.dashboard(scopedUnit(caller, this.store.org, unit), days, this.config.REPORTING_SILENT_DAYS, new Date());
  }

  /**
   * The dashboard view as server-sent events (`event: dashboard`), sent when it changes, checked
   * every REPORTING_LIVE_INTERVAL_MS, with a comment line every 15 s to keep proxies from closing
   * it. Needs the bearer token like every other route (the page reads it with fetch, not EventSource).
   */
  @Get('live')
  live(@Query() query: unknown, @CurrentPrincipal() caller: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const { unit: requested, days } = valueOf(parseQuery(dashboardQuerySchema, query));
    const unit = scopedUnit(caller, this.store.org, requested);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no', connection: 'keep-alive' });
    let last = '';
    let lastWrite = 0;
    const tick = () => {
      const view = this.queries.dashboard(unit, days, this.config.REPORTING_SILENT_DAYS, new Date());
      const comparable = JSON.stringify({ ...view, at: undefined, overdueQueue: view.overdueQueue.map(({ overdueMs: _, ...item }) => item) });
      if (comparable !== last) {
        last = comparable;
        lastWrite = Date.now();
        raw.write(`event: dashboard\ndata: ${JSON.stringify(view)}\n\n`);
      } else if (Date.now() - lastWrite >= HEARTBEAT_MS) {
        lastWrite = Date.now();
        raw.write(': keep-alive\n\n');
      }
    };
    const timer = setInterval(tick, this.config.REPORTING_LIVE_INTERVAL_MS);
    const end = () => {
      clearInterval(timer);
      this.streams.delete(end);
      if (!raw.writableEnded) raw.end();
    };
    this.streams.add(end);
    request.raw.on('close', end);
    tick();
  }

  /** Open streams would hold the HTTP server's close until the shutdown timeout. */
  beforeApplicationShutdown(): void {
    for (const end of [...this.streams]) end();
  }
}
