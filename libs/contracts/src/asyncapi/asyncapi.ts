import { z } from 'zod';
import { DEAD_LETTER_CATALOGUE, type DeadLetterTopicDefinition, TOPIC_CATALOGUE, type TopicDefinition } from '../catalogue';
import { CLOUDEVENTS_SPEC_VERSION, CloudEventHeaders, DeadLetterHeaders, EVENT_CONTENT_TYPE } from '../envelope';
import type { EventDefinition } from '../event-definition';
import type { FeedTopic } from '../events/feed-record.event';
import { FEED_STATE_CODES, STATE_FEED_TOPIC_TEMPLATE, type Topic, Topics } from '../topics';

export const SERVICES = ['intake', 'membership', 'grievance', 'notification', 'reporting'] as const;
export type Service = (typeof SERVICES)[number];

/**
 * Which services consume each topic today, as their `@EventPattern` handlers do. Typed by
 * `Topic`, so a new topic does not compile until someone says who reads it (maybe nobody yet).
 * Producers need no table: a topic's domain (`cc.<domain>.`) is the service that writes it.
 */
export const TOPIC_CONSUMERS: Readonly<Record<Exclude<Topic, FeedTopic>, readonly Service[]>> = {
  [Topics.ReportReceived]: ['membership', 'reporting'],
  // Intake's deduplicator: the webhooks' log read back and stored once (docs/intake-log-first.md).
  [Topics.ReportAccepted]: ['intake'],
  // Grievance keeps read models of the organisation and its post holders, and opens cases from reports.
  [Topics.OrgUnit]: ['grievance'],
  [Topics.Member]: ['grievance'],
  // Reporting routes every report and case event to the HQ feeds.
  [Topics.ReportAttributed]: ['grievance', 'reporting'],
  // Notification will consume it when it is built.
  [Topics.CaseEvents]: ['reporting'],
  // The notification service will consume it when it is built; until then nobody does.
  [Topics.DeliveryStatus]: [],
  [Topics.ChannelMessageIngress]: ['intake'],
};

/** The HQ feeds are read outside the Connect Center (HQ analysts' consumers), by no service. */
export function consumersOf(topic: TopicDefinition): readonly Service[] {
  return topic.feed ? [] : TOPIC_CONSUMERS[topic.name as Exclude<Topic, FeedTopic>];
}

export const DEAD_LETTER_MESSAGE_ID = 'dead-letter';

const KAFKA_BINDING_VERSION = '0.5.0';

/** `cc.intake.report-received.v1` is written by intake; `cc.ingress.…` by channel integrators outside the system. */
export function producerOf(topic: Topic): string {
  return topic.split('.')[1];
}

/** Types read `org.connectcenter.<domain>.<entity>.<event>.v<major>`: `org.connectcenter.intake.report.received.v1` → "Report received (v1)". */
export function messageTitle(event: EventDefinition): string {
  const words = event.type.split('.').slice(3, -1).join(' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} (v${event.version})`;
}

const headerList = (headers: Record<string, string>): string =>
  Object.values(headers)
    .map((name) => `\`${name}\``)
    .join(', ');

const DESCRIPTION = `Every event that Connect Center's services (${SERVICES.join(', ')}) exchange over Apache Kafka, for channel integrators who produce or consume them and for analysts who read the topics.

**Records.** Each record is a CloudEvents ${CLOUDEVENTS_SPEC_VERSION} event in the Kafka protocol binding's *binary content mode*: the event's attributes travel as headers (${headerList(CloudEventHeaders)}; all UTF-8 strings, \`traceparent\` optional) and the record value is the event data alone, as UTF-8 JSON: the message payloads below. Read \`ce_type\` before the value: it names the schema the value follows. \`x-correlation-id\` ties an event to the request and to every other event it caused.

**Topics and versions.** Topics are named \`cc.<domain>.<entity-event>.v<major>\`, and the domain is the service that produces the topic — except \`ingress\`, which channel integrators outside the system produce and intake consumes. Payloads reject unknown fields, so even a new field breaks consumers: it comes as a new major version, with a new \`ce_type\` on a new topic.

**Keys and order.** The record key decides the partition, and Kafka keeps order only within a partition: each message's Kafka binding says what its key is, and so what stays in order. The services partition with murmur2, like the Java client's default partitioner; anyone producing to these topics must do the same.

**Delivery.** At least once: a consumer may see a record again after a restart or a rebalance, so consumers must apply events idempotently, keyed on \`ce_id\` or on the event's own id.

**HQ feeds.** Reporting routes every attributed report and grievance case event to its state HQ's feed, \`cc.reporting.feed.state.<state>.v1\` (one topic per state, so that ACLs grant each HQ its own), and what its routing policy names to AICC's, \`cc.reporting.feed.aicc.v1\`. Feed records are redacted for readers outside the services: no phone numbers, members only as a pseudonym that differs per feed (\`mbrp_…\`), no sender pseudonym, and no reporter at all on a report that may be a complaint about an office-bearer. A record delivered again keeps its \`recordId\` (its \`ce_id\`): deduplicate on it. No service consumes the feeds, so they have no dead-letter topics.

**Dead letters.** A consumer that can never process a record (unknown \`ce_type\`, a value that is not JSON or breaks the schema, a handler that keeps rejecting it) copies it unchanged (key, value and headers) to \`<topic>.dlq\`, adds ${headerList(DeadLetterHeaders)} to say why, from where and when, and moves on. Dead letters are read by people and can be replayed onto their source topic.

Generated from \`libs/contracts\`; CI checks that this document matches the code.`;

const ref = (path: string) => ({ $ref: `#/${path}` });

/** The payload schema in JSON Schema draft-07, the dialect that AsyncAPI 3.0's default schema format extends. */
const payloadSchema = (event: EventDefinition) => z.toJSONSchema(event.schema, { target: 'draft-7' });

function eventMessage(topic: TopicDefinition, event: EventDefinition) {
  const producer = producerOf(topic.name);
  return {
    name: event.type,
    title: messageTitle(event),
    summary: event.description,
    contentType: EVENT_CONTENT_TYPE,
    correlationId: ref('components/correlationIds/correlationId'),
    headers: {
      allOf: [
        ref('components/schemas/CloudEventHeaders'),
        {
          type: 'object',
          properties: { [CloudEventHeaders.type]: { const: event.type } },
        },
      ],
    },
    payload: payloadSchema(event),
    bindings: {
      kafka: {
        key: { type: 'string', description: topic.key, examples: [event.key(event.example)] },
        bindingVersion: KAFKA_BINDING_VERSION,
      },
    },
    examples: [
      {
        name: 'example',
        summary: `${event.type} as ${producer} publishes it`,
        headers: {
          [CloudEventHeaders.id]: 'b7e0c0de-5a1d-4c3e-9f4a-2d6b8e1f0a7c',
          [CloudEventHeaders.source]: `/connect-center/${producer}`,
          [CloudEventHeaders.type]: event.type,
          [CloudEventHeaders.specversion]: CLOUDEVENTS_SPEC_VERSION,
          [CloudEventHeaders.time]: '2026-11-26T04:00:01.000Z',
          [CloudEventHeaders.subject]: event.subject(event.example),
          [CloudEventHeaders.contentType]: EVENT_CONTENT_TYPE,
          [CloudEventHeaders.correlationId]: '5d2f7a3c-1e8b-4b9d-a6c4-0f3e2d1c9b8a',
        },
        payload: event.example,
      },
    ],
  };
}

function kafkaChannelBinding(topic: TopicDefinition | DeadLetterTopicDefinition) {
  const family = 'feed' in topic && topic.feed === 'state';
  return {
    kafka: {
      ...(family ? {} : { topic: topic.name }),
      partitions: topic.partitions,
      topicConfiguration: { 'cleanup.policy': [topic.cleanupPolicy], 'retention.ms': topic.retentionMs },
      bindingVersion: KAFKA_BINDING_VERSION,
    },
  };
}

/** A topic's channel id, its address: the state feeds share one, their family's address with its parameter. */
export function channelId(topic: TopicDefinition): string {
  return topic.feed === 'state' ? STATE_FEED_TOPIC_TEMPLATE : topic.name;
}

/** The catalogue's topics as the document describes them: each once, the state feeds once as a family. */
function channelTopics(): TopicDefinition[] {
  return TOPIC_CATALOGUE.filter((topic, index) => topic.feed !== 'state' || TOPIC_CATALOGUE.findIndex((other) => other.feed === 'state') === index);
}

const STATE_FEED_DESCRIPTION =
  'One state HQ feed per state, so that Kafka ACLs can grant each HQ its own topic (a prefixed ACL on `cc.reporting.feed.state.<state>.`): every attributed report and grievance case event of the state, redacted (no phone numbers, members as feed pseudonyms, no reporter on what may be a complaint about an office-bearer).';

function eventChannel(topic: TopicDefinition) {
  const family = topic.feed === 'state';
  return {
    address: channelId(topic),
    title: channelId(topic),
    description: family ? STATE_FEED_DESCRIPTION : topic.description,
    ...(family
      ? {
          parameters: {
            state: {
              description: 'The state’s unit code in lower case, as in the organisation’s reference data (`jh` for Jharkhand).',
              enum: FEED_STATE_CODES.map((code) => code.toLowerCase()),
              examples: ['jh'],
            },
          },
        }
      : {}),
    messages: Object.fromEntries(topic.events.map((event) => [event.type, ref(`components/messages/${event.type}`)])),
    bindings: kafkaChannelBinding(topic),
  };
}

function deadLetterChannel(topic: DeadLetterTopicDefinition) {
  return {
    address: topic.name,
    title: topic.name,
    description: topic.description,
    messages: { [DEAD_LETTER_MESSAGE_ID]: ref(`components/messages/${DEAD_LETTER_MESSAGE_ID}`) },
    bindings: kafkaChannelBinding(topic),
  };
}

function topicOperations(topic: TopicDefinition) {
  const id = channelId(topic);
  const channel = ref(`channels/${id}`);
  const messages = topic.events.map((event) => ref(`channels/${id}/messages/${event.type}`));
  const producer = producerOf(topic.name);
  const deadLetters = DEAD_LETTER_CATALOGUE.filter((dlq) => dlq.source === topic.name);
  return [
    [
      `${producer}.send.${id}`,
      { action: 'send', channel, title: `${producer} publishes ${id}`, messages, tags: [{ name: producer }] },
    ],
    ...consumersOf(topic).flatMap((consumer) => [
      [
        `${consumer}.receive.${topic.name}`,
        {
          action: 'receive',
          channel,
          title: `${consumer} consumes ${topic.name}`,
          messages,
          tags: [{ name: consumer }],
          bindings: {
            kafka: {
              groupId: {
                type: 'string',
                description: `The consumer group (KAFKA_GROUP_ID) that ${consumer}'s replicas share.`,
                default: `connect-center-${consumer}`,
              },
              bindingVersion: KAFKA_BINDING_VERSION,
            },
          },
        },
      ],
      ...deadLetters.map((dlq) => [
        `${consumer}.send.${dlq.name}`,
        {
          action: 'send',
          channel: ref(`channels/${dlq.name}`),
          title: `${consumer} dead-letters what it can never process from ${topic.name}`,
          messages: [ref(`channels/${dlq.name}/messages/${DEAD_LETTER_MESSAGE_ID}`)],
          tags: [{ name: consumer }],
        },
      ]),
    ]),
  ];
}

const cloudEventHeadersSchema = {
  type: 'object',
  description: `CloudEvents ${CLOUDEVENTS_SPEC_VERSION} attributes (Kafka binary content mode), correlation and tracing. Every value is a UTF-8 string.`,
  required: Object.values(CloudEventHeaders).filter((name) => name !== CloudEventHeaders.traceparent),
  properties: {
    [CloudEventHeaders.id]: {
      type: 'string',
      description: 'The event id, a UUID: unique per event, and kept when an event is published again, so consumers recognise duplicates by it.',
    },
    [CloudEventHeaders.source]: { type: 'string', format: 'uri-reference', description: 'The producing service: `/connect-center/<service>`.' },
    [CloudEventHeaders.type]: {
      type: 'string',
      description: 'The event type, `org.connectcenter.<domain>.<entity>.<event>.v<major>`: which schema the value follows.',
    },
    [CloudEventHeaders.specversion]: { const: CLOUDEVENTS_SPEC_VERSION },
    [CloudEventHeaders.time]: { type: 'string', format: 'date-time', description: 'When the event was published, UTC.' },
    [CloudEventHeaders.subject]: { type: 'string', minLength: 1, description: 'What the event is about, e.g. the report id.' },
    [CloudEventHeaders.contentType]: { const: EVENT_CONTENT_TYPE },
    [CloudEventHeaders.correlationId]: {
      type: 'string',
      minLength: 1,
      description: 'Carried over from the request or event that caused this one, so one id follows a report through every service and log line.',
    },
    [CloudEventHeaders.traceparent]: {
      type: 'string',
      pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$',
      description: 'W3C Trace Context, when the producer was tracing.',
    },
  },
};

const deadLetterHeadersSchema = {
  type: 'object',
  description: 'The original record’s headers, unchanged (any earlier `dlq_*` headers replaced), plus these.',
  required: Object.values(DeadLetterHeaders),
  properties: {
    [DeadLetterHeaders.reason]: { type: 'string', description: 'Why the record can never be processed, e.g. which field broke the schema.' },
    [DeadLetterHeaders.sourceTopic]: { type: 'string', description: 'The topic the record was read from.' },
    [DeadLetterHeaders.sourcePartition]: { type: 'string', pattern: '^[0-9]+$', description: 'Its partition there, in decimal.' },
    [DeadLetterHeaders.sourceOffset]: { type: 'string', pattern: '^[0-9]+$', description: 'Its offset there, in decimal.' },
    [DeadLetterHeaders.consumerGroup]: { type: 'string', description: 'The consumer group that gave up on it.' },
    [DeadLetterHeaders.failedAt]: { type: 'string', format: 'date-time', description: 'When it was dead-lettered, UTC.' },
  },
};

const deadLetterMessage = {
  name: DEAD_LETTER_MESSAGE_ID,
  title: 'Dead letter',
  summary: 'A record that a consumer could never process, kept byte for byte with why, from where and when.',
  headers: ref('components/schemas/DeadLetterHeaders'),
  payload: { description: 'The original record value, unchanged: it may not be JSON, or may break its schema.' },
  bindings: {
    kafka: { key: { type: 'string', description: 'The original record key, unchanged.' }, bindingVersion: KAFKA_BINDING_VERSION },
  },
};

/**
 * The AsyncAPI 3.0 document of every topic, dead-letter topic and event in the catalogue.
 * Pure: the same catalogue and version give the same document, which is what lets CI compare
 * it with the checked-in `docs/asyncapi.yaml`.
 */
export function buildAsyncApiDocument(options: { version: string }) {
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Connect Center events',
      version: options.version,
      description: DESCRIPTION,
      license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
      externalDocs: {
        description: 'CloudEvents Kafka protocol binding',
        url: 'https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/bindings/kafka-protocol-binding.md',
      },
    },
    servers: {
      local: {
        host: '127.0.0.1:29092',
        protocol: 'kafka',
        description: 'The single-node development broker of `npm run infra:up` and `npm start`.',
      },
      production: {
        host: '{host}',
        protocol: 'kafka',
        description: 'A deployment’s cluster (the Helm value `kafka.brokers`), with TLS and SASL as that deployment sets them.',
        variables: { host: { description: 'A bootstrap broker, host:port.', examples: ['kafka-bootstrap.kafka.svc:9092'] } },
      },
    },
    channels: Object.fromEntries([
      ...channelTopics().map((topic) => [channelId(topic), eventChannel(topic)]),
      ...DEAD_LETTER_CATALOGUE.map((topic) => [topic.name, deadLetterChannel(topic)]),
    ]),
    operations: Object.fromEntries(channelTopics().flatMap(topicOperations)),
    components: {
      schemas: { CloudEventHeaders: cloudEventHeadersSchema, DeadLetterHeaders: deadLetterHeadersSchema },
      messages: Object.fromEntries([
        ...channelTopics().flatMap((topic) => topic.events.map((event) => [event.type, eventMessage(topic, event)])),
        [DEAD_LETTER_MESSAGE_ID, deadLetterMessage],
      ]),
      correlationIds: {
        correlationId: {
          description: 'The correlation id header, shared by a request and every event it causes.',
          location: `$message.header#/${CloudEventHeaders.correlationId}`,
        },
      },
    },
  };
}
