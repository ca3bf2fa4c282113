import {
  BadRequestException,
  Body,
  Controller,
  ForbiddenException,
  Get,
  Header,
  Headers,
  HttpCode,
  Inject,
  Ip,
  Post,
  Query,
  Req,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { SERVICE_CONFIG } from '@cc/config';
import { type GupshupQuery, parseGupshupInbound } from '../channels/sms/gupshup-inbound.parser';
import { parseGupshupStatus } from '../channels/sms/gupshup-status.parser';
import { verifyGupshupToken } from '../channels/sms/gupshup-token';
import { parseTwilioInbound } from '../channels/sms/twilio-inbound.parser';
import { verifyTwilioSignature } from '../channels/sms/twilio-signature';
import { parseTwilioStatus } from '../channels/sms/twilio-status.parser';
import { emptyTwiml } from '../channels/sms/twiml';
import type { IntakeConfig } from '../config/intake.config';
import { DeliveryStatusPublisher } from '../reports/delivery-status.publisher';
import { ReportsService } from '../reports/reports.service';

/**
 * Inbound SMS: Twilio (signed form POST) and Gupshup (GET with a secret token and an address
 * allow-list); Twilio's status callbacks for the messages notification sent.
 */
@Controller('webhooks/sms')
export class SmsWebhookController {
  constructor(
    private readonly reports: ReportsService,
    private readonly statuses: DeliveryStatusPublisher,
    @Inject(SERVICE_CONFIG) private readonly config: IntakeConfig,
  ) {}

  /** Answers empty TwiML once the report is logged on Kafka (acks=all, see ReportsService.admit); 503 makes Twilio retry. */
  @Post('twilio')
  @HttpCode(200)
  @Header('content-type', 'text/xml; charset=utf-8')
  async twilio(@Body() body: unknown, @Headers('x-twilio-signature') signature: string | undefined): Promise<string> {
    const { TWILIO_AUTH_TOKEN: authToken, TWILIO_WEBHOOK_URL: url } = this.config;
    if (!authToken || !url) throw notConfigured('Twilio', 'TWILIO_AUTH_TOKEN and TWILIO_WEBHOOK_URL');
    const params = formParams(body);
    if (!verifyTwilioSignature(url, params, signature, authToken)) {
      throw new UnauthorizedException({ code: 'INTAKE.BAD_SIGNATURE', message: 'X-Twilio-Signature does not match the URL and parameters' });
    }
    const parsed = parseTwilioInbound(params);
    if (!parsed.ok) throw new BadRequestException({ code: parsed.code, message: parsed.reason });
    await this.reports.admit(parsed.message);
    return emptyTwiml();
  }

  /**
   * A message-status callback (`StatusCallback` of a message notification sent): signed like an
   * inbound message, over the URL Twilio called — the configured URL and the query it carried
   * (`?notificationId=…`). 200 once the delivery-status event is acknowledged; interim states
   * (`queued`, `sending`) are acknowledged and not published.
   */
  @Post('twilio/status')
  @HttpCode(200)
  async twilioStatus(@Req() request: FastifyRequest, @Body() body: unknown, @Headers('x-twilio-signature') signature: string | undefined) {
    const { TWILIO_AUTH_TOKEN: authToken, TWILIO_STATUS_CALLBACK_URL: url } = this.config;
    if (!authToken || !url) throw notConfigured('Twilio status', 'TWILIO_AUTH_TOKEN and TWILIO_STATUS_CALLBACK_URL');
    const params = formParams(body);
    const queryAt = request.url.indexOf('?');
    if (!verifyTwilioSignature(url + (queryAt >= 0 ? request.url.slice(queryAt) : ''), params, signature, authToken)) {
      throw new UnauthorizedException({ code: 'INTAKE.BAD_SIGNATURE', message: 'X-Twilio-Signature does not match the URL and parameters' });
    }
    const parsed = parseTwilioStatus(params, new Date());
    if (!parsed.ok) throw new BadRequestException({ code: parsed.code, message: parsed.reason });
    if ('ignored' in parsed) return { statuses: 0, ignored: [parsed.ignored] };
    await this.statuses.publish([parsed.status]);
    return { statuses: 1, ignored: [] };
  }

  @Get('gupshup')
  async gupshup(@Query() query: GupshupQuery, @Ip() address: string) {
    const fields = this.gupshupCaller(query, address);
    const parsed = parseGupshupInbound(fields);
    if (!parsed.ok) throw new BadRequestException({ code: parsed.code, message: parsed.reason });
    const { reportId, duplicate } = await this.reports.admit(parsed.message);
    return { reportId, duplicate };
  }

  /**
   * Gupshup's real-time delivery reports (GET, the configured URL with our token in it, as for
   * inbound messages): `SUCCESS` and the failures become delivery-status events, the rest is
   * acknowledged only.
   */
  @Get('gupshup/status')
  async gupshupStatus(@Query() query: GupshupQuery, @Ip() address: string) {
    const parsed = parseGupshupStatus(this.gupshupCaller(query, address), new Date());
    if (!parsed.ok) throw new BadRequestException({ code: parsed.code, message: parsed.reason });
    if ('ignored' in parsed) return { statuses: 0, ignored: [parsed.ignored] };
    await this.statuses.publish([parsed.status]);
    return { statuses: 1, ignored: [] };
  }

  /** Gupshup signs nothing: the secret token in the URL and the address allow-list are its authentication. */
  private gupshupCaller(query: GupshupQuery, address: string): Omit<GupshupQuery, 'token'> {
    const { GUPSHUP_TOKEN: token, GUPSHUP_ALLOWED_ADDRESSES: allowed } = this.config;
    if (!token) throw notConfigured('Gupshup', 'GUPSHUP_TOKEN');
    const { token: presented, ...fields } = query;
    if (!verifyGupshupToken(presented, token)) throw new UnauthorizedException({ code: 'INTAKE.BAD_TOKEN', message: 'token is missing or wrong' });
    if (allowed.length > 0 && !allowed.includes(address)) {
      throw new ForbiddenException({ code: 'INTAKE.ADDRESS_NOT_ALLOWED', message: 'the caller’s address is not on GUPSHUP_ALLOWED_ADDRESSES' });
    }
    return fields;
  }
}

/** Form fields as Twilio sends them: each name once, each value a string. */
function formParams(body: unknown): Record<string, string> {
  if (typeof body !== 'object' || body === null) {
    throw new BadRequestException({ code: 'CHANNEL.MALFORMED_PAYLOAD', message: 'expected an application/x-www-form-urlencoded body' });
  }
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) {
    if (typeof value !== 'string') throw new BadRequestException({ code: 'CHANNEL.AMBIGUOUS_FIELD', message: `${name} is repeated or not text` });
    params[name] = value;
  }
  return params;
}

function notConfigured(channel: string, variables: string): ServiceUnavailableException {
  return new ServiceUnavailableException({ code: 'INTAKE.CHANNEL_NOT_CONFIGURED', message: `the ${channel} channel needs ${variables}` });
}
