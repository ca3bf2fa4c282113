import { randomBytes } from 'node:crypto';
import { whatsAppErrorRule } from '../whatsapp/cloud-api-errors';
import { FakeProviderServer, json, type FakeReply, type RecordedRequest } from './fake-provider-server';

export interface FakeWhatsAppTemplate {
  name: string;
  language: string;
  parameterCount: number;
  buttonCount: number;
}

export interface FakeWhatsAppOptions {
  accessToken: string;
  phoneNumberIds: string[];
  /** The approved templates (see `TemplateCatalogue.whatsappTemplates`). */
  templates: FakeWhatsAppTemplate[];
  /**
   * Recipients (E.164 or BSUID) with an open customer-service window. When given, free text to
   * anyone else is refused with 131047 on the request itself; Meta reports it in a `failed`
   * status callback instead, which this fake has no webhook for.
   */
  openWindows?: Set<string>;
}

export interface AcceptedWhatsAppMessage {
  wamid: string;
  phoneNumberId: string;
  body: Record<string, unknown>;
  /** When it was taken (epoch ms). */
  at: number;
}

const PATH = /^\/(v\d+\.\d+)\/(\d+)\/messages$/;
const TO = /^\+?[1-9]\d{7,14}$/;
// Meta refuses template text parameters with new lines, tabs or more than 4 consecutive spaces.
const BAD_PARAMETER = /[\n\t]| {5,}/;

/** The WhatsApp Cloud API's send-message endpoint, its validation and Graph error shapes. */
export class FakeWhatsAppCloudApi extends FakeProviderServer {
  readonly accepted: AcceptedWhatsAppMessage[] = [];

  constructor(private readonly options: FakeWhatsAppOptions) {
    super();
  }

  /** The next `count` requests fail with a Cloud API error code and the HTTP status Meta uses for it. */
  failNextWith(count: number, code: number, status = code === 130429 ? 429 : code === 131000 ? 500 : code === 131016 ? 503 : 400): this {
    return this.failNext(count, graphError(status, code, whatsAppErrorRule(code)?.title ?? 'Error'));
  }

  protected override rateKey(request: RecordedRequest): string {
    return PATH.exec(request.path)?.[2] ?? 'unknown';
  }

  protected override rateLimited(): FakeReply {
    return graphError(429, 130429, 'Rate limit hit', 'Cloud API message throughput has been reached.');
  }

  protected override handle(request: RecordedRequest): FakeReply {
    const path = PATH.exec(request.path);
    if (request.method !== 'POST' || !path) return graphError(400, 2500, `Unknown path components: ${request.path}`);
    if (request.headers.authorization !== `Bearer ${this.options.accessToken}`) {
      return graphError(401, 190, 'Invalid OAuth access token - Cannot parse access token');
    }
    const phoneNumberId = path[2];
    if (!this.options.phoneNumberIds.includes(phoneNumberId)) {
      return graphError(400, 100, `Unsupported post request. Object with ID '${phoneNumberId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`, undefined, 33);
    }
    if (!String(request.headers['content-type']).startsWith('application/json')) return invalidParameter('the request body must be JSON');
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(request.body) as Record<string, unknown>;
    } catch {
      return invalidParameter('the request body is not valid JSON');
    }
    const problem = this.validate(body);
    if (problem) return problem;

    const wamid = `wamid.${randomBytes(24).toString('base64url')}`;
    this.accepted.push({ wamid, phoneNumberId, body, at: Date.now() });
    const input = (body.to ?? body.recipient) as string;
    const contact = body.to !== undefined ? { input, wa_id: input.replace(/^\+/, '') } : { input, user_id: input };
    return json(200, {
      messaging_product: 'whatsapp',
      contacts: [contact],
      messages: [{ id: wamid, ...(body.type === 'template' ? { message_status: 'accepted' } : {}) }],
    });
  }

  private validate(body: Record<string, unknown>): FakeReply | undefined {
    if (body.messaging_product !== 'whatsapp') return invalidParameter('The parameter messaging_product is required.');
    if (body.recipient_type !== undefined && body.recipient_type !== 'individual') return invalidParameter('recipient_type must be individual');
    if (body.to === undefined && body.recipient === undefined) return requiredMissing('The parameter to is required.');
    if (body.to !== undefined && (typeof body.to !== 'string' || !TO.test(body.to))) return invalidParameter('Param to is not a valid phone number');
    if (body.recipient !== undefined && (typeof body.recipient !== 'string' || !/^[A-Z]{2}\.\S+$/.test(body.recipient))) {
      return invalidParameter('Param recipient is not a valid business-scoped user id');
    }
    if (typeof body.biz_opaque_callback_data === 'string' && body.biz_opaque_callback_data.length > 512) {
      return invalidParameter('Param biz_opaque_callback_data must be at most 512 characters long.');
    }
    if (body.type === 'text') return this.validateText(body);
    if (body.type === 'template') return this.validateTemplate(body.template);
    return graphError(400, 131051, 'Unsupported message type', `Message type ${String(body.type)} is not supported by this fake`);
  }

  private validateText(body: Record<string, unknown>): FakeReply | undefined {
    const text = body.text as { body?: unknown } | undefined;
    if (typeof text?.body !== 'string' || text.body.length === 0) return requiredMissing('The parameter text[body] is required.');
    if (text.body.length > 4096) return invalidParameter("Param text['body'] must be at most 4096 characters long.");
    const addressee = (body.to ?? body.recipient) as string;
    const normalized = addressee.startsWith('+') || !/^\d/.test(addressee) ? addressee : `+${addressee}`;
    if (this.options.openWindows && !this.options.openWindows.has(normalized)) {
      return graphError(400, 131047, 'Re-engagement message', 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.');
    }
    return undefined;
  }

  private validateTemplate(raw: unknown): FakeReply | undefined {
    const template = raw as { name?: unknown; language?: { code?: unknown }; components?: unknown } | undefined;
    if (typeof template?.name !== 'string' || typeof template.language?.code !== 'string') {
      return requiredMissing('The parameters template[name] and template[language][code] are required.');
    }
    const { name } = template;
    const language = template.language.code;
    const approved = this.options.templates.find((candidate) => candidate.name === name && candidate.language === language);
    if (!approved) {
      return graphError(404, 132001, 'Template name does not exist in the translation', `template name (${name}) does not exist in ${language}`);
    }
    const components = Array.isArray(template.components) ? (template.components as Record<string, unknown>[]) : [];
    const bodyParameters = components.filter((component) => component.type === 'body').flatMap((component) => (component.parameters as unknown[]) ?? []);
    if (bodyParameters.length !== approved.parameterCount) {
      return graphError(400, 132000, 'Number of parameters does not match the expected number of params', `body: number of localizable_params (${bodyParameters.length}) does not match the expected number of params (${approved.parameterCount})`);
    }
    for (const parameter of bodyParameters as { type?: unknown; text?: unknown }[]) {
      if (parameter.type !== 'text' || typeof parameter.text !== 'string') return graphError(400, 132012, 'Parameter format does not match format in the created template');
      if (BAD_PARAMETER.test(parameter.text)) return invalidParameter('Param text cannot have new-line/tab characters or more than 4 consecutive spaces');
    }
    const buttons = components.filter((component) => component.type === 'button');
    if (buttons.length > approved.buttonCount) return graphError(400, 132000, 'Number of parameters does not match the expected number of params', 'too many button components');
    return undefined;
  }
}

function graphError(status: number, code: number, title: string, details?: string, subcode?: number): FakeReply {
  return json(status, {
    error: {
      message: `(#${code}) ${title}`,
      type: 'OAuthException',
      code,
      ...(subcode !== undefined ? { error_subcode: subcode } : {}),
      ...(details !== undefined ? { error_data: { messaging_product: 'whatsapp', details } } : {}),
      fbtrace_id: randomBytes(9).toString('base64url'),
    },
  });
}

const invalidParameter = (details: string) => graphError(400, 100, 'Invalid parameter', details);
const requiredMissing = (details: string) => graphError(400, 131008, 'Required parameter is missing', details);
