#!/usr/bin/env node
// Smoke test of the local servers with the project's own client libraries (kafkajs, mongoose):
// run `node deploy/local/infra.mjs up` first, then `node deploy/local/smoke.mjs`.
// Prints every step; exits non-zero on the first failure. Cleans up the topic and database it made.

import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { status } from './infra.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(repoRoot, 'package.json'));
const TIMEOUT_MS = 30_000;
const MESSAGES = 10;

const step = (text) => console.log(`smoke: ${text}`);

function fail(text) {
  throw new Error(text);
}

function loadDependency(name) {
  try {
    return require(name);
  } catch {
    return fail(`cannot load ${name} from ${repoRoot}/node_modules: run npm install first`);
  }
}

async function kafkaSmoke(brokers) {
  const { Kafka, Partitioners, logLevel } = loadDependency('kafkajs');
  const kafka = new Kafka({ clientId: 'cc-smoke', brokers: [brokers], logLevel: logLevel.WARN });
  const topic = `cc-smoke-${Date.now()}`;
  const admin = kafka.admin();
  await admin.connect();
  try {
    const cluster = await admin.describeCluster();
    step(`kafka: cluster ${cluster.clusterId}, brokers ${cluster.brokers.map((b) => `${b.host}:${b.port}`).join(',')}, controller ${cluster.controller}`);

    await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true });
    const [meta] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
    if (meta.partitions.length !== 3) fail(`topic ${topic} has ${meta.partitions.length} partitions, expected 3`);
    step(`kafka: created topic ${topic} with 3 partitions`);

    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1, // kafkajs keeps ordering guarantees of the idempotent producer only so
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    const sent = Array.from({ length: MESSAGES }, (_, i) => ({ key: `key-${i}`, value: `value-${i}` }));
    const acks = await producer.send({ topic, acks: -1, messages: sent });
    await producer.disconnect();
    step(`kafka: produced ${MESSAGES} messages (idempotent, acks=-1) to partitions ${[...new Set(acks.map((a) => a.partition))].join(',')}`);

    const groupId = `${topic}-group`;
    const consumer = kafka.consumer({ groupId });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const received = new Map();
    const partitions = new Set();
    try {
      await new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`consumed ${received.size}/${MESSAGES} messages in ${TIMEOUT_MS / 1000} s`)),
          TIMEOUT_MS,
        );
        consumer
          .run({
            eachMessage: async ({ partition, message }) => {
              received.set(message.key.toString(), message.value.toString());
              partitions.add(partition);
              if (received.size === MESSAGES) {
                clearTimeout(timer);
                resolve();
              }
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
    for (const { key, value } of sent) {
      if (received.get(key) !== value) fail(`message ${key}: expected ${value}, got ${received.get(key)}`);
    }
    step(`kafka: consumer group ${groupId} consumed all ${MESSAGES} messages from partitions ${[...partitions].sort().join(',')}`);

    await admin.deleteTopics({ topics: [topic] });
    step(`kafka: deleted topic ${topic}`);
  } finally {
    await admin.disconnect();
  }
}

async function mongoSmoke(uri) {
  const mongoose = loadDependency('mongoose');
  const dbName = `cc_smoke_${Date.now()}`;
  const connection = await mongoose.createConnection(uri, { dbName, serverSelectionTimeoutMS: 5000 }).asPromise();
  try {
    const hello = await connection.db.admin().command({ hello: 1 });
    const build = await connection.db.admin().command({ buildInfo: 1 });
    const server = build.ferretdbVersion ? `FerretDB ${build.ferretdbVersion}` : 'not FerretDB';
    step(`mongo: connected to ${uri} (${server}, reports MongoDB ${build.version}, writable ${hello.isWritablePrimary})`);

    const Item = connection.model('Item', new mongoose.Schema({ code: { type: String, unique: true }, count: Number }));
    await Item.init(); // builds the unique index
    await Item.create({ code: 'a', count: 1 });
    await Item.updateOne({ code: 'a' }, { $inc: { count: 2 } });
    const found = await Item.findOne({ code: 'a' }).lean();
    if (found?.count !== 3) fail(`findOne after $inc returned ${JSON.stringify(found)}`);
    step(`mongo: inserted, $inc-updated and found ${JSON.stringify({ code: found.code, count: found.count })} in ${dbName}.items`);

    const duplicate = await Item.create({ code: 'a', count: 9 }).then(() => null, (err) => err);
    if (duplicate?.code !== 11000) fail(`duplicate insert was not rejected by the unique index (${duplicate})`);
    step('mongo: unique index rejected a duplicate with E11000');
  } finally {
    await connection.dropDatabase().catch(() => {});
    await connection.close();
  }
  step(`mongo: dropped ${dbName}`);
}

async function main() {
  const servers = await status();
  for (const [name, s] of Object.entries(servers)) {
    if (!s.ready) fail(`${name} is not running on ${s.address}: run node deploy/local/infra.mjs up`);
  }
  const t0 = Date.now();
  await kafkaSmoke(servers.kafka.address);
  await mongoSmoke(`mongodb://${servers.ferretdb.address}`);
  console.log(`smoke: passed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

main().catch((err) => {
  console.error(`smoke: FAILED: ${err.message}`);
  process.exitCode = 1;
});
