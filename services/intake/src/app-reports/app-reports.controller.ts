import { BadRequestException, Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { parseAppReport } from '../channels/app/app-report';
import { ReportsService } from '../reports/reports.service';
import { AppAuthenticator } from './app-authenticator';

/**
 * The party app's backend (and any other integrator) submitting a report over HTTP. 201 once the
 * report is acknowledged by Kafka; a retry with the same Idempotency-Key answers 200 with the same
 * report id and `Idempotent-Replayed: true`.
 */
@Controller('v1/reports')
export class AppReportsController {
  constructor(
    private readonly authenticator: AppAuthenticator,
    private readonly reports: ReportsService,
  ) {}

  @Post()
  @HttpCode(201)
  async submit(
    @Body() body: unknown,
    @Headers() headers: Record<string, string | undefined>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const integrator = await this.authenticator.integrator({ authorization: headers.authorization, apiKey: headers['x-api-key'] });
    const parsed = parseAppReport(integrator, headers['idempotency-key'], body);
    if (!parsed.ok) throw new BadRequestException({ code: parsed.code, message: parsed.reason });
    const accepted = await this.reports.accept(parsed.message, { fingerprint: parsed.fingerprint });
    if (accepted.duplicate) void reply.status(200).header('idempotent-replayed', 'true');
    return { reportId: accepted.reportId, receivedAt: accepted.receivedAt, duplicate: accepted.duplicate };
  }
}
