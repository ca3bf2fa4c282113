'use strict';
/*
 * The chart's topic Job (kafka.topics.job.enabled): creates every topic of the catalogue that is
 * missing, before the services of a release start. Runs in a service image, which has node and
 * kafkajs (NODE_PATH=/app/node_modules), with the services' KAFKA_* variables.
 *
 *   node provision-topics.cjs <topics.json>     topics.json: [{name, partitions, replicationFactor, config}]
 *
 * Existing topics are left as they are, like the services' own provisioning does: changing
 * partitions or retention is an operator's decision. A topic with fewer partitions than the
 * catalogue asks for is reported. Exit 0 when every topic exists, 1 otherwise.
 */
const { readFileSync } = require('node:fs');

function log(level, message, fields = {}) {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level, job: 'provision-topics', message, ...fields })}\n`);
}

function kafkaConfig(env) {
  const brokers = (env.KAFKA_BROKERS || '').split(',').map((broker) => broker.trim()).filter(Boolean);
  if (brokers.length === 0) throw new Error('KAFKA_BROKERS is empty');
  const mechanism = env.KAFKA_SASL_MECHANISM;
  if (mechanism && (!env.KAFKA_SASL_USERNAME || !env.KAFKA_SASL_PASSWORD)) {
    throw new Error('KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required when KAFKA_SASL_MECHANISM is set');
  }
  return {
    clientId: env.KAFKA_CLIENT_ID || 'connect-center-provision-topics',
    brokers,
    ssl: env.KAFKA_SSL === 'true' || env.KAFKA_SSL === '1',
    sasl: mechanism ? { mechanism, username: env.KAFKA_SASL_USERNAME, password: env.KAFKA_SASL_PASSWORD } : undefined,
    connectionTimeout: 10000,
    retry: { retries: 8, initialRetryTime: 500, maxRetryTime: 15000 },
  };
}

/** What to create, and which existing topics fall short of the catalogue. */
function plan(topics, existing) {
  const missing = topics.filter((topic) => !existing.has(topic.name));
  const present = topics.filter((topic) => existing.has(topic.name));
  return { missing, present };
}

async function main(argv, env) {
  const file = argv[0];
  if (!file) throw new Error('usage: node provision-topics.cjs <topics.json>');
  const topics = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(topics) || topics.length === 0) throw new Error(`${file}: no topics`);

  const { Kafka, logLevel } = require('kafkajs');
  const admin = new Kafka({ ...kafkaConfig(env), logLevel: logLevel.WARN }).admin();
  await admin.connect();
  try {
    const { missing, present } = plan(topics, new Set(await admin.listTopics()));
    if (missing.length > 0) {
      // Another creator (a service booting, a second Job) may win the race: createTopics then
      // answers false or TOPIC_ALREADY_EXISTS for that topic, and the listing below settles it.
      await admin
        .createTopics({
          waitForLeaders: true,
          topics: missing.map((topic) => ({
            topic: topic.name,
            numPartitions: topic.partitions,
            replicationFactor: topic.replicationFactor,
            configEntries: Object.entries(topic.config || {}).map(([name, value]) => ({ name, value: String(value) })),
          })),
        })
        .catch((error) => {
          if (error && error.type !== 'TOPIC_ALREADY_EXISTS' && !/already exists/i.test(String(error.message))) throw error;
        });
      for (const topic of missing) log('info', 'created', { topic: topic.name, partitions: topic.partitions, replicationFactor: topic.replicationFactor });
    }
    if (present.length > 0) {
      const metadata = await admin.fetchTopicMetadata({ topics: present.map((topic) => topic.name) });
      for (const found of metadata.topics) {
        const wanted = present.find((topic) => topic.name === found.name);
        const partitions = found.partitions.length;
        if (partitions < wanted.partitions) {
          log('warn', 'fewer partitions than the catalogue; left as it is', { topic: found.name, partitions, catalogue: wanted.partitions });
        } else {
          log('info', 'exists', { topic: found.name, partitions });
        }
      }
    }
    const after = new Set(await admin.listTopics());
    const absent = topics.filter((topic) => !after.has(topic.name)).map((topic) => topic.name);
    if (absent.length > 0) throw new Error(`topics still missing: ${absent.join(', ')}`);
    log('info', 'every topic of the catalogue exists', { topics: topics.length, created: missing.length });
  } finally {
    await admin.disconnect();
  }
}

module.exports = { kafkaConfig, plan };

if (require.main === module) {
  main(process.argv.slice(2), process.env).then(
    () => process.exit(0),
    (error) => {
      log('error', error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
