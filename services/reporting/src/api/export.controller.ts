import { Readable } from 'node:stream';
import { Controller, Get, Query, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Counter } from 'prom-client';
import { CurrentPrincipal, type Principal, PrincipalGuard } from '@cc/auth';
import { MetricsService } from '@cc/observability';
import { AggregatesStore } from '../aggregates/store/aggregates.store';
import { EXPORT_COLUMNS, ReportIndexRepository } from '../aggregates/store/report-index.repository';
import { csvRow } from './csv';
import { scopedUnit, valueOf } from './http-errors';
import { dayRange, exportQuerySchema, parseQuery } from './query';

/** Rows are gathered into chunks of about this size: one write per row would cost more than the rows. */
const CHUNK_CHARS = 64 * 1024;

interface IndexedReport {
  _id: string;
  receivedAt: Date;
  day: string;
  channel: string;
  kind: string;
  language: string;
  category: string;
  unitPath: string[];
  unitSource: string;
  trust: string;
}

/** `exported` counts the rows of each chunk as it is handed on: how far the store has been read. */
async function* csvChunks(rows: AsyncIterable<IndexedReport>, exported: Counter): AsyncGenerator<string> {
  let chunk = csvRow(EXPORT_COLUMNS);
  let inChunk = 0;
  for await (const row of rows) {
    const [, state, district, block, panchayat] = row.unitPath;
    chunk += csvRow([row._id, row.receivedAt, row.day, row.channel, row.kind, row.language, row.category, state, district, block, panchayat, row.unitSource, row.trust]);
    inChunk++;
    if (chunk.length >= CHUNK_CHARS) {
      exported.inc(inChunk);
      yield chunk;
      chunk = '';
      inChunk = 0;
    }
  }
  exported.inc(inChunk);
  if (chunk) yield chunk;
}

@Controller('v1/exports')
@UseGuards(PrincipalGuard)
export class ExportController {
  private readonly exported: Counter;

  constructor(
    private readonly store: AggregatesStore,
    private readonly reports: ReportIndexRepository,
    metrics: MetricsService,
  ) {
    this.exported = new Counter({
      name: 'reporting_export_rows_total',
      help: 'Report rows read from the store into CSV exports',
      registers: [metrics.registry],
    });
  }

  /**
   * Every report of the subtree over the days (`unit`, `from`, `to`), one CSV row each, no text and
   * no sender. Streamed from a store cursor: the stream pulls the next rows only when the client
   * has taken the previous ones, so memory stays flat whatever the count.
   */
  @Get('reports.csv')
  async reportsCsv(@Query() query: unknown, @CurrentPrincipal() caller: Principal, @Res() reply: FastifyReply): Promise<void> {
    const { unit: requested, ...days } = valueOf(parseQuery(exportQuerySchema, query));
    const unit = scopedUnit(caller, this.store.org, requested);
    const range = valueOf(dayRange(days, new Date()));
    const cursor = this.reports.cursor(unit.code, range.from, range.to) as unknown as AsyncIterable<IndexedReport>;
    await reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="reports-${unit.code}-${range.from}-${range.to}.csv"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(csvChunks(cursor, this.exported)));
  }
}
