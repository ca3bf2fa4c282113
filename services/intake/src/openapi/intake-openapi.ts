import { z } from 'zod';
import { appReportRequestSchema, appReportResponseSchema } from '../channels/app/app-report';
import { whatsAppEnvelopeSchema, whatsAppMessageSchema, whatsAppStatusSchema } from '../channels/whatsapp/whatsapp-webhook.schema';

/**
 * The OpenAPI 3.1 document of intake's HTTP endpoints, built from the same zod schemas that
 * validate the requests, so the document cannot drift from the code. `npm run openapi:write`
 * writes it to docs/openapi/intake.yaml; CI checks that file and that every route intake serves is
 * documented (and nothing else).
 */
export function buildIntakeOpenApi(version: string) {
  const schema = (type: z.ZodType, io: 'input' | 'output' = 'output') => {
    const { $schema: _dialect, ...json } = z.toJSONSchema(type, { io, unrepresentable: 'any' }) as Record<string, unknown>;
    return json;
  };
  const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });
  const error = (description: string) => ({ description, content: json('Error') });
  const retryAfter = { 'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } } };
  const throttled = { description: 'This sender is over their rate limit; nothing was stored.', headers: retryAfter, content: json('Error') };
  const unavailable = {
    description: 'Kafka did not acknowledge the report (or the channel is not configured): nothing is lost, retry later.',
    headers: retryAfter,
    content: json('Error'),
  };

  return {
    openapi: '3.1.0',
    info: {
      title: 'Connect Center intake',
      version,
      summary: 'The public door: channel webhooks and the app API that turn workers’ messages into reports.',
      description:
        'Every accepted message becomes one stored report and one canonical report-received event on Kafka (see docs/asyncapi.yaml), and nothing is answered 200/201 before it is durable on Kafka (acks=all); 503 means retry. The app API answers once the report is stored and its report-received event acknowledged. The WhatsApp and SMS webhooks answer once the message is on intake’s own log (`cc.intake.report-accepted.v1`), from which intake stores it and publishes its report-received event moments later, so a store outage does not turn providers away (docs/intake-log-first.md). A provider’s retry of the same message is the same report, with the same `reportId`; `duplicate` on a webhook’s answer is true when this intake replica has seen the message before. Errors answer `{statusCode, code, message, correlationId}` with a stable `code`.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: 'http://localhost:3001', description: 'npm start' }],
    tags: [
      { name: 'app', description: 'The party app’s backend and other integrators.' },
      { name: 'whatsapp', description: 'WhatsApp Cloud API webhook (Meta).' },
      { name: 'sms', description: 'Inbound SMS: Twilio and Gupshup formats.' },
      { name: 'operations', description: 'Probes and metrics.' },
    ],
    paths: {
      '/v1/reports': {
        post: {
          tags: ['app'],
          operationId: 'submitReport',
          summary: 'Submit a report',
          security: [{ apiKey: [] }, { bearer: ['reports:write'] }],
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: true,
              description: 'Unique per report and the same on every retry of it (8-128 printable ASCII characters).',
              schema: { type: 'string', minLength: 8, maxLength: 128, pattern: '^[\\x21-\\x7e]+$' },
            },
          ],
          requestBody: { required: true, content: json('AppReportRequest') },
          responses: {
            '201': { description: 'Accepted and acknowledged by Kafka.', content: json('AppReportResponse') },
            '200': {
              description: 'This Idempotency-Key was accepted before: the first report stands.',
              headers: { 'Idempotent-Replayed': { schema: { const: 'true' } } },
              content: json('AppReportResponse'),
            },
            '400': error('The body or a header is invalid; the message says which field and why.'),
            '401': error('No credentials, or an API key or token that is not valid (expired, wrong issuer or audience, bad signature).'),
            '403': error('The token does not grant reports:write.'),
            '413': error('The body is larger than 1 MiB.'),
            '422': error('The Idempotency-Key was already used for a different report.'),
            '429': throttled,
            '503': unavailable,
          },
        },
      },
      '/webhooks/whatsapp': {
        get: {
          tags: ['whatsapp'],
          operationId: 'verifyWhatsAppSubscription',
          summary: 'Webhook subscription handshake',
          parameters: [
            { name: 'hub.mode', in: 'query', required: true, schema: { const: 'subscribe' } },
            { name: 'hub.verify_token', in: 'query', required: true, schema: { type: 'string' } },
            { name: 'hub.challenge', in: 'query', required: true, schema: { type: 'string' } },
          ],
          responses: {
            '200': { description: 'The challenge, echoed.', content: { 'text/plain': { schema: { type: 'string' } } } },
            '403': error('The verify token does not match.'),
            '503': unavailable,
          },
        },
        post: {
          tags: ['whatsapp'],
          operationId: 'receiveWhatsAppWebhook',
          summary: 'Messages and status callbacks',
          description:
            'Any number of entries, changes, messages and statuses. Messages become reports (unknown types are accepted and marked unsupported; reactions are ignored with a reason), statuses become delivery-status events.',
          security: [{ whatsAppSignature: [] }],
          requestBody: { required: true, content: json('WhatsAppWebhook') },
          responses: {
            '200': { description: 'Everything in the POST is acknowledged by Kafka.', content: json('WhatsAppWebhookResult') },
            '400': error('Not a WhatsApp Business Account webhook, or a message that cannot be read.'),
            '401': error('X-Hub-Signature-256 does not match the raw body.'),
            '413': error('The body is larger than 1 MiB.'),
            '429': throttled,
            '503': unavailable,
          },
        },
      },
      '/webhooks/sms/twilio': {
        post: {
          tags: ['sms'],
          operationId: 'receiveTwilioSms',
          summary: 'Twilio inbound SMS',
          security: [{ twilioSignature: [] }],
          requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: { $ref: '#/components/schemas/TwilioInboundSms' } } } },
          responses: {
            '200': { description: 'Acknowledged by Kafka; empty TwiML.', content: { 'text/xml': { schema: { type: 'string', examples: ['<?xml version="1.0" encoding="UTF-8"?><Response/>'] } } } },
            '400': error('A required field is missing or repeated.'),
            '401': error('X-Twilio-Signature does not match the URL and parameters.'),
            '429': throttled,
            '503': unavailable,
          },
        },
      },
      '/webhooks/sms/twilio/status': {
        post: {
          tags: ['sms'],
          operationId: 'receiveTwilioStatus',
          summary: 'Twilio message-status callback (StatusCallback of a message notification sent)',
          description: 'Signed over TWILIO_STATUS_CALLBACK_URL plus the query string Twilio called (`?notificationId=…`). `sent`, `delivered`, `read`, `undelivered`/`failed`/`canceled` become delivery-status events; `queued`, `accepted`, `scheduled`, `sending` are acknowledged and not published.',
          security: [{ twilioSignature: [] }],
          parameters: [{ name: 'notificationId', in: 'query', description: 'Echoed from the StatusCallback URL notification set.', schema: { type: 'string' } }],
          requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: { $ref: '#/components/schemas/TwilioStatusCallback' } } } },
          responses: {
            '200': { description: 'Published and acknowledged by Kafka (or an interim state, ignored).', content: json('StatusCallbackResult') },
            '400': error('MessageSid, MessageStatus or To missing, an unknown status, or a recipient that is no phone number.'),
            '401': error('X-Twilio-Signature does not match the URL and parameters.'),
            '503': unavailable,
          },
        },
      },
      '/webhooks/sms/gupshup/status': {
        get: {
          tags: ['sms'],
          operationId: 'receiveGupshupDeliveryReport',
          summary: 'Gupshup real-time delivery report (the configured URL with our token)',
          description: '`SUCCESS` → delivered, `FAIL`/`UNDELIV`/`EXPIRED`/`REJECTED` → failed, as delivery-status events (recipient as a pseudonym); other states acknowledged only.',
          security: [{ gupshupToken: [] }],
          parameters: [
            { name: 'externalId', in: 'query', required: true, description: 'The id Gupshup answered the send with.', schema: { type: 'string' } },
            { name: 'status', in: 'query', required: true, schema: { type: 'string' } },
            { name: 'phoneNo', in: 'query', required: true, description: 'Recipient, 91 and ten digits.', schema: { type: 'string' } },
            { name: 'deliveredTS', in: 'query', description: 'Epoch milliseconds.', schema: { type: 'string' } },
            { name: 'cause', in: 'query', schema: { type: 'string' } },
            { name: 'errCode', in: 'query', schema: { type: 'string' } },
            { name: 'noOfFrags', in: 'query', schema: { type: 'string' } },
            { name: 'mask', in: 'query', schema: { type: 'string' } },
          ],
          responses: {
            '200': { description: 'Published and acknowledged by Kafka (or not final, ignored).', content: json('StatusCallbackResult') },
            '400': error('externalId, status or phoneNo missing, or a recipient that is no phone number.'),
            '401': error('token is missing or wrong.'),
            '403': error('The caller is not on GUPSHUP_ALLOWED_ADDRESSES.'),
            '503': unavailable,
          },
        },
      },
      '/webhooks/sms/gupshup': {
        get: {
          tags: ['sms'],
          operationId: 'receiveGupshupSms',
          summary: 'Gupshup inbound SMS (keyword / long code)',
          security: [{ gupshupToken: [] }],
          parameters: [
            { name: 'msisdn', in: 'query', required: true, description: 'Sender, Indian number with or without 91.', schema: { type: 'string' } },
            { name: 'content', in: 'query', required: true, schema: { type: 'string' } },
            { name: 'timestamp', in: 'query', required: true, schema: { type: 'string' } },
            { name: 'keyword', in: 'query', schema: { type: 'string' } },
            { name: 'phonecode', in: 'query', schema: { type: 'string' } },
            { name: 'location', in: 'query', description: 'Telecom circle.', schema: { type: 'string' } },
            { name: 'carrier', in: 'query', schema: { type: 'string' } },
          ],
          responses: {
            '200': { description: 'Acknowledged by Kafka.', content: json('ChannelReportResult') },
            '400': error('A required field is missing or the number is not a phone number.'),
            '401': error('The token is missing or wrong.'),
            '403': error('The caller’s address is not on GUPSHUP_ALLOWED_ADDRESSES.'),
            '429': throttled,
            '503': unavailable,
          },
        },
      },
      '/health/live': {
        get: { tags: ['operations'], operationId: 'live', summary: 'Liveness', responses: { '200': { description: 'The process is serving.' } } },
      },
      '/health/ready': {
        get: {
          tags: ['operations'],
          operationId: 'ready',
          summary: 'Readiness: Kafka and MongoDB reachable, not draining',
          responses: { '200': { description: 'Ready.' }, '503': { description: 'A dependency is down, or the service is shutting down.' } },
        },
      },
      '/metrics': {
        get: {
          tags: ['operations'],
          operationId: 'metrics',
          summary: 'Prometheus metrics',
          responses: { '200': { description: 'Prometheus text format.', content: { 'text/plain': { schema: { type: 'string' } } } } },
        },
      },
    },
    components: {
      securitySchemes: {
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'One per integrator (APP_API_KEYS).' },
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Signed by the party’s identity provider; `sub` names the integrator; scope reports:write.' },
        whatsAppSignature: { type: 'apiKey', in: 'header', name: 'X-Hub-Signature-256', description: '`sha256=` + HMAC-SHA256 of the raw body with the app secret.' },
        twilioSignature: { type: 'apiKey', in: 'header', name: 'X-Twilio-Signature', description: 'Base64 HMAC-SHA1 of the configured URL and the sorted parameters with the auth token.' },
        gupshupToken: { type: 'apiKey', in: 'query', name: 'token', description: 'The shared secret token configured at Gupshup (GUPSHUP_TOKEN).' },
      },
      schemas: {
        AppReportRequest: schema(appReportRequestSchema, 'input'),
        AppReportResponse: schema(appReportResponseSchema),
        WhatsAppWebhook: schema(whatsAppEnvelopeSchema, 'input'),
        WhatsAppMessage: schema(whatsAppMessageSchema, 'input'),
        WhatsAppStatus: schema(whatsAppStatusSchema, 'input'),
        WhatsAppWebhookResult: schema(whatsAppWebhookResultSchema),
        ChannelReportResult: schema(channelReportResultSchema),
        TwilioInboundSms: {
          type: 'object',
          required: ['MessageSid', 'AccountSid', 'From', 'To'],
          properties: Object.fromEntries(
            ['MessageSid', 'AccountSid', 'From', 'To', 'Body', 'NumMedia', 'NumSegments', 'MediaUrl0', 'MediaContentType0', 'Latitude', 'Longitude'].map((name) => [name, { type: 'string' }]),
          ),
          additionalProperties: { type: 'string' },
        },
        TwilioStatusCallback: {
          type: 'object',
          required: ['MessageSid', 'MessageStatus', 'To'],
          properties: Object.fromEntries(['MessageSid', 'MessageStatus', 'AccountSid', 'From', 'To', 'ErrorCode', 'ErrorMessage', 'SmsSid', 'SmsStatus'].map((name) => [name, { type: 'string' }])),
          additionalProperties: { type: 'string' },
        },
        StatusCallbackResult: schema(statusCallbackResultSchema),
        Error: schema(errorBodySchema),
      },
    },
  };
}

export const channelReportResultSchema = z.strictObject({ reportId: z.uuid(), duplicate: z.boolean() });

export const whatsAppWebhookResultSchema = z.strictObject({
  reports: z.array(channelReportResultSchema),
  statuses: z.number().int().min(0),
  /** Why items produced nothing (e.g. a reaction). */
  ignored: z.array(z.string()),
});

export const statusCallbackResultSchema = z.strictObject({ statuses: z.number().int().min(0), ignored: z.array(z.string()) });

export const errorBodySchema = z.looseObject({
  statusCode: z.number().int(),
  code: z.string().meta({ description: 'Stable, for machines: e.g. INTAKE.BAD_SIGNATURE, CHANNEL.MALFORMED_PAYLOAD.' }),
  message: z.string().meta({ description: 'For people: what was wrong, never the values sent.' }),
  correlationId: z.string().meta({ description: 'Find the request in the logs by it (also the x-correlation-id header).' }),
});
