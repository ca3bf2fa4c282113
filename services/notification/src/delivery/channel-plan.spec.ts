import type { Channel } from '../shared/channel';
import { bundledTemplates } from '../templates/fixtures';
import { TemplateCatalogue } from '../templates/template-catalogue';
import { planDelivery, type PlanInput } from './channel-plan';
import type { Recipient } from './recipient';

const { catalogue } = bundledTemplates();
const now = new Date('2026-11-26T04:00:00Z');
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
const ALL: ReadonlySet<Channel> = new Set(['whatsapp', 'sms', 'app']);

const worker = (overrides: Partial<Recipient> = {}): Recipient => ({
  key: 'mbr_4f7d2c9a1b3e5d6f',
  language: 'hi',
  whatsapp: { phone: '+919876543210' },
  phone: '+919876543210',
  appUserId: 'app-user-20931',
  optedOut: new Set(),
  ...overrides,
});

const plan = (overrides: Partial<PlanInput> = {}) =>
  planDelivery({ templateKey: 'case-assigned', recipient: worker(), available: ALL, catalogue, now, ...overrides });

describe(planDelivery.name, () => {
  it('sends free text inside the 24-hour window, the template behind it, then app, then SMS', () => {
    expect(plan({ recipient: worker({ lastWhatsAppInboundAt: hoursAgo(2) }) })).toEqual({
      ok: true,
      steps: [{ channel: 'whatsapp', mode: 'free-text' }, { channel: 'whatsapp', mode: 'template' }, { channel: 'app' }, { channel: 'sms' }],
      skipped: [],
    });
  });

  it('sends the approved template outside the window', () => {
    expect(plan({ recipient: worker({ lastWhatsAppInboundAt: hoursAgo(30) }) })).toMatchObject({
      steps: [{ channel: 'whatsapp', mode: 'template' }, { channel: 'app' }, { channel: 'sms' }],
    });
  });

  it('goes to SMS when no template fits outside the window', () => {
    const data = JSON.parse(JSON.stringify(catalogue.get('case-assigned'))) as Record<string, { hi: Record<string, unknown>; en: Record<string, unknown> }>;
    delete data.languages.hi.whatsappTemplate;
    delete data.languages.en.whatsappTemplate;
    const loaded = TemplateCatalogue.load({ version: 1, templates: { 'case-assigned': data } });
    if (!loaded.ok) throw new Error(loaded.reason);

    const result = plan({ catalogue: loaded.catalogue, recipient: worker({ appUserId: undefined }) });
    expect(result).toMatchObject({
      steps: [{ channel: 'sms' }],
      skipped: [
        { channel: 'whatsapp', code: 'DELIVERY.NO_TEMPLATE', reason: 'the 24-hour window is closed and no approved template fits this notification' },
        { channel: 'app', code: 'DELIVERY.NO_ADDRESS' },
      ],
    });
  });

  it('answers on the channel the worker reported on first', () => {
    expect(plan({ preferredChannel: 'sms' })).toMatchObject({ steps: [{ channel: 'sms' }, { channel: 'whatsapp', mode: 'template' }, { channel: 'app' }] });
    expect(plan({ preferredChannel: 'app' })).toMatchObject({ steps: [{ channel: 'app' }, { channel: 'whatsapp' }, { channel: 'sms' }] });
  });

  it('respects opt-outs on every channel', () => {
    const result = plan({ recipient: worker({ optedOut: new Set(['whatsapp', 'app']) }) });
    expect(result).toMatchObject({
      steps: [{ channel: 'sms' }],
      skipped: [
        { channel: 'whatsapp', code: 'DELIVERY.OPTED_OUT' },
        { channel: 'app', code: 'DELIVERY.OPTED_OUT' },
      ],
    });
  });

  it('refuses when every channel is out, saying why for each', () => {
    const result = plan({ recipient: worker({ optedOut: new Set(['whatsapp', 'sms', 'app']) }) });
    expect(result).toMatchObject({ ok: false, code: 'DELIVERY.NO_CHANNEL', reason: expect.stringContaining('sms: the recipient opted out of sms') });
  });

  it('reaches a WhatsApp user known only by a business-scoped user id', () => {
    const result = plan({ recipient: worker({ whatsapp: { bsuid: 'IN.1648738043044942' }, phone: undefined, appUserId: undefined }) });
    expect(result).toMatchObject({ steps: [{ channel: 'whatsapp', mode: 'template' }] });
  });

  it('sends SMS to Indian mobiles only, over DLT', () => {
    const result = plan({ recipient: worker({ whatsapp: undefined, appUserId: undefined, phone: '+14155550100' }) });
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('DLT routes') });
  });

  it('leaves out channels this deployment has no provider for', () => {
    expect(plan({ available: new Set(['sms']) })).toMatchObject({ steps: [{ channel: 'sms' }], skipped: [{ code: 'DELIVERY.NO_SENDER' }, { code: 'DELIVERY.NO_SENDER' }] });
  });

  it('refuses an unknown template', () => {
    expect(plan({ templateKey: 'nope' })).toMatchObject({ ok: false, code: 'DELIVERY.UNKNOWN_TEMPLATE' });
  });
});
