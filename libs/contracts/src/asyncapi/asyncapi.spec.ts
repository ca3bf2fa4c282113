import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AsyncAPIDocumentInterface, type Diagnostic, DiagnosticSeverity, Parser } from '@asyncapi/parser';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { ALL_EVENTS, DEAD_LETTER_CATALOGUE, TOPIC_CATALOGUE } from '../catalogue';
import { CloudEventHeaders } from '../envelope';
import { packageVersion, repoRoot } from '../export/generated-file';
import { ReportReceivedEvent } from '../events/report-received.event';
import { FEED_STATE_CODES, STATE_FEED_TOPIC_TEMPLATE, Topics } from '../topics';
import { buildAsyncApiDocument, channelId, DEAD_LETTER_MESSAGE_ID, messageTitle, producerOf, SERVICES } from './asyncapi';
import { asyncApiFile } from './cli';

const root = repoRoot();
const checkedIn = readFileSync(join(root, 'docs/asyncapi.yaml'), 'utf8');
const sorted = (values: Iterable<string>) => [...values].sort();

describe(buildAsyncApiDocument.name, () => {
  const sut = buildAsyncApiDocument({ version: packageVersion(root) });
  // Ajv 6 validates JSON Schema draft-07, the dialect of AsyncAPI 3.0's default schema format.
  const ajv = new Ajv({ allErrors: true });
  let document: AsyncAPIDocumentInterface;
  let diagnostics: Diagnostic[];

  beforeAll(async () => {
    const output = await new Parser().parse(checkedIn);
    diagnostics = output.diagnostics;
    if (!output.document) throw new Error(`docs/asyncapi.yaml does not parse: ${JSON.stringify(diagnostics, null, 2)}`);
    document = output.document;
  });

  it('publishes a docs/asyncapi.yaml that the AsyncAPI parser accepts without errors', () => {
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === DiagnosticSeverity.Error);
    expect(errors.map((error) => `${error.path.join('.')}: ${error.message}`)).toEqual([]);
    expect(document.version()).toBe('3.0.0');
  });

  it('has checked in exactly the document the code generates (npm run asyncapi:write)', () => {
    expect(parse(checkedIn)).toEqual(sut);
    expect(checkedIn).toBe(asyncApiFile(root).content);
  });

  it('has a channel for every topic and dead-letter topic of the catalogue, the state feeds as one, and no other', () => {
    const channels = document.channels().all();
    expect(sorted(channels.map((channel) => channel.address() ?? ''))).toEqual(
      sorted(new Set([...TOPIC_CATALOGUE.map(channelId), ...DEAD_LETTER_CATALOGUE.map((topic) => topic.name)])),
    );
    for (const channel of channels) expect(channel.id()).toBe(channel.address());
  });

  it('describes the state feeds as one channel whose state parameter names every state of the catalogue', () => {
    const family = document.channels().get(STATE_FEED_TOPIC_TEMPLATE);
    expect((family?.parameters().get('state')?.json() as { enum?: string[] } | undefined)?.enum).toEqual(FEED_STATE_CODES.map((code) => code.toLowerCase()));
    for (const topic of TOPIC_CATALOGUE.filter((candidate) => candidate.feed === 'state')) {
      expect(STATE_FEED_TOPIC_TEMPLATE.replace('{state}', topic.name.split('.')[4]!)).toBe(topic.name);
    }
  });

  it('gives each channel the partitions and retention that the catalogue provisions', () => {
    for (const topic of [...TOPIC_CATALOGUE, ...DEAD_LETTER_CATALOGUE]) {
      const family = 'feed' in topic && topic.feed === 'state';
      expect(document.channels().get(family ? STATE_FEED_TOPIC_TEMPLATE : topic.name)?.bindings().get('kafka')?.value()).toEqual({
        ...(family ? {} : { topic: topic.name }),
        partitions: topic.partitions,
        topicConfiguration: { 'cleanup.policy': [topic.cleanupPolicy], 'retention.ms': topic.retentionMs },
      });
    }
  });

  it('has a message for every event type of the catalogue, and no other, on its own topic', () => {
    const messages = document.components().messages().all();
    expect(sorted(messages.map((message) => message.name() ?? ''))).toEqual(
      sorted([...ALL_EVENTS.map((event) => event.type), DEAD_LETTER_MESSAGE_ID]),
    );
    for (const topic of TOPIC_CATALOGUE) {
      const carried = document.channels().get(channelId(topic))?.messages().all() ?? [];
      expect(sorted(carried.map((message) => message.name() ?? ''))).toEqual(sorted(topic.events.map((event) => event.type)));
    }
    for (const topic of DEAD_LETTER_CATALOGUE) {
      const carried = document.channels().get(topic.name)?.messages().all() ?? [];
      expect(carried.map((message) => message.name())).toEqual([DEAD_LETTER_MESSAGE_ID]);
    }
  });

  describe.each(ALL_EVENTS.map((event) => [event.type, event] as const))('message %s', (type, event) => {
    const message = () => {
      const found = document.components().messages().get(type);
      if (!found) throw new Error(`no message ${type}`);
      return found;
    };
    const example = () => message().examples().all()[0];

    it('has a payload schema that accepts the event’s example and rejects unknown fields', () => {
      const payload = ajv.compile(message().payload()?.json() ?? {});
      const documented = example().payload() ?? {};
      expect(documented).toEqual(event.example);
      expect(payload(documented)).toBe(true);
      expect(payload({ ...documented, unexpectedField: 'x' })).toBe(false);
    });

    it('has a headers schema that accepts the example’s CloudEvents headers and pins ce_type', () => {
      const headers = ajv.compile(message().headers()?.json() ?? {});
      const exampleHeaders = example().headers() ?? {};
      expect(headers(exampleHeaders)).toBe(true);
      expect(headers({ ...exampleHeaders, [CloudEventHeaders.type]: 'org.example.other.v1' })).toBe(false);
      const { [CloudEventHeaders.id]: _id, ...withoutId } = exampleHeaders;
      expect(headers(withoutId)).toBe(false);
    });
  });

  it('says who produces and who consumes each topic, and who dead-letters it', () => {
    expect(sorted(Object.keys(sut.operations))).toEqual([
      'grievance.receive.cc.membership.member.v1',
      'grievance.receive.cc.membership.report-attributed.v1',
      'grievance.receive.cc.membership.unit.v1',
      'grievance.send.cc.grievance.case-events.v1',
      'grievance.send.cc.membership.member.v1.dlq',
      'grievance.send.cc.membership.report-attributed.v1.dlq',
      'grievance.send.cc.membership.unit.v1.dlq',
      'ingress.send.cc.ingress.channel-message.v1',
      'intake.receive.cc.ingress.channel-message.v1',
      'intake.receive.cc.intake.report-accepted.v1',
      'intake.send.cc.ingress.channel-message.v1.dlq',
      'intake.send.cc.intake.delivery-status.v1',
      'intake.send.cc.intake.report-accepted.v1',
      'intake.send.cc.intake.report-accepted.v1.dlq',
      'intake.send.cc.intake.report-received.v1',
      'membership.receive.cc.intake.report-received.v1',
      'membership.send.cc.intake.report-received.v1.dlq',
      'membership.send.cc.membership.member.v1',
      'membership.send.cc.membership.report-attributed.v1',
      'membership.send.cc.membership.unit.v1',
      'reporting.receive.cc.grievance.case-events.v1',
      'reporting.receive.cc.intake.report-received.v1',
      'reporting.receive.cc.membership.report-attributed.v1',
      'reporting.send.cc.grievance.case-events.v1.dlq',
      'reporting.send.cc.intake.report-received.v1.dlq',
      'reporting.send.cc.membership.report-attributed.v1.dlq',
      'reporting.send.cc.reporting.feed.aicc.v1',
      'reporting.send.cc.reporting.feed.state.{state}.v1',
    ]);
    for (const operation of document.operations().all()) {
      expect(operation.messages().all().length).toBeGreaterThan(0);
    }
  });

  it('names the producing service in each topic’s domain, or `ingress` for what integrators write', () => {
    expect(producerOf(Topics.ReportReceived)).toBe('intake');
    expect(producerOf(Topics.ChannelMessageIngress)).toBe('ingress');
    for (const topic of TOPIC_CATALOGUE) expect([...SERVICES, 'ingress']).toContain(producerOf(topic.name));
  });

  it('titles a message from its type', () => {
    expect(messageTitle(ReportReceivedEvent)).toBe('Report received (v1)');
  });
});
