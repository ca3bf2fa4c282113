import {
  BadRequestException,
  Controller,
  ForbiddenException,
  Get,
  Headers,
  HttpCode,
  Inject,
  Post,
  Query,
  type RawBodyRequest,
  Req,
  Res,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SERVICE_CONFIG } from '@cc/config';
import { verifyWhatsAppSignature } from '../channels/whatsapp/whatsapp-signature';
import { verifySubscription } from '../channels/whatsapp/whatsapp-verification';
import { parseWhatsAppWebhook } from '../channels/whatsapp/whatsapp-webhook.parser';
import type { IntakeConfig } from '../config/intake.config';
import { DeliveryStatusPublisher } from '../reports/delivery-status.publisher';
import { ReportsService } from '../reports/reports.service';

/** WhatsApp Cloud API webhook: the subscription handshake and signed message/status callbacks. */
@Controller('webhooks/whatsapp')
export class WhatsAppWebhookController {
  constructor(
    private readonly reports: ReportsService,
    private readonly statuses: DeliveryStatusPublisher,
    @Inject(SERVICE_CONFIG) private readonly config: IntakeConfig,
  ) {}

  @Get()
  verify(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply): string {
    const verifyToken = this.config.WHATSAPP_VERIFY_TOKEN;
    if (!verifyToken) throw notConfigured('WHATSAPP_VERIFY_TOKEN');
    const result = verifySubscription(query, verifyToken);
    if (!result.ok) throw new ForbiddenException({ code: 'INTAKE.VERIFY_TOKEN_MISMATCH', message: 'hub.mode or hub.verify_token does not match' });
    void reply.header('content-type', 'text/plain; charset=utf-8');
    return result.challenge;
  }

  /**
   * 200 only once every report and status in the POST is acknowledged by Kafka (reports logged
   * first, stored behind: ReportsService.admit); 503 otherwise, so that Meta retries (it does, for
   * days) and the retry is deduplicated on the wamid.
   */
  @Post()
  @HttpCode(200)
  async receive(@Req() request: RawBodyRequest<FastifyRequest>, @Headers('x-hub-signature-256') signature: string | undefined) {
    const appSecret = this.config.WHATSAPP_APP_SECRET;
    if (!appSecret) throw notConfigured('WHATSAPP_APP_SECRET');
    if (!request.rawBody || !verifyWhatsAppSignature(request.rawBody, signature, appSecret)) {
      throw new UnauthorizedException({ code: 'INTAKE.BAD_SIGNATURE', message: 'X-Hub-Signature-256 does not match the body' });
    }
    const parsed = parseWhatsAppWebhook(request.body);
    if (!parsed.ok) throw new BadRequestException({ code: parsed.code, message: parsed.reason });

    // In order: one sender's messages in one POST keep their order on the topic.
    const reports = [];
    for (const message of parsed.messages) reports.push(await this.reports.admit(message));
    await this.statuses.publish(parsed.statuses);
    return {
      reports: reports.map(({ reportId, duplicate }) => ({ reportId, duplicate })),
      statuses: parsed.statuses.length,
      ignored: parsed.ignored.map(({ reason }) => reason),
    };
  }
}

function notConfigured(variable: string): ServiceUnavailableException {
  return new ServiceUnavailableException({ code: 'INTAKE.CHANNEL_NOT_CONFIGURED', message: `the WhatsApp channel needs ${variable}` });
}
