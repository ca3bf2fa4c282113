#!/usr/bin/env node
// Local infrastructure for development and tests: a single-node Apache Kafka broker (KRaft) and
// FerretDB (MongoDB wire protocol) on a private PostgreSQL cluster (or, with
// CC_STORE_BACKEND=sqlite, FerretDB's embedded SQLite backend), all as plain processes on
// 127.0.0.1. No Docker, no npm dependencies: plain ESM that runs on Node 20 and 24. See README.md
// beside it.
//
//   node deploy/local/infra.mjs up|down|status [kafka|ferretdb|postgres ...]
//
// Programmatic (e.g. from a CommonJS Jest globalSetup via `await import()`):
//   up({ components?, log? })   -> { kafkaBrokers, mongoUri, started }
//   down({ components?, log? }) -> { stopped }
//   status()                    -> { kafka: { running, ready, pid, address }, ferretdb: {...}, postgres?: {...} }
//   startKafka() / stopKafka()  -> up/down of the broker alone (same data, same port)
//
// `ferretdb` needs `postgres` (PostgreSQL backend): `up ferretdb` starts PostgreSQL first, `down
// postgres` stops FerretDB first; `down ferretdb` leaves PostgreSQL running.

import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HOST = '127.0.0.1';
const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';
const FERRETDB_VERSION = 'v1.24.2';
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 20_000;
const LOCK_TIMEOUT_MS = 10 * 60_000; // a cold `up` in another process may be building for minutes
const TAIL_LINES = 30;
const STORE_BACKENDS = ['postgresql', 'sqlite']; // CC_STORE_BACKEND; the first is the default
const PG_DATABASE = 'ferretdb';
const PG_SUPERUSER = 'postgres'; // given to initdb, whichever OS user runs the cluster
const PG_POOL_MAX_CONNS = 200; // per FerretDB process (pgxpool defaults to max(4, CPUs)); see the README: a FerretDB operation can hold one connection while it waits for another, so the pool must outnumber the operations in flight
const PG_ROOT = '/usr/lib/postgresql'; // Debian's layout: /usr/lib/postgresql/<major>/bin

const scriptPath = fileURLToPath(import.meta.url);
const here = path.dirname(scriptPath);
const repoRoot = path.resolve(here, '../..');
const kafkaPom = path.join(here, 'kafka', 'pom.xml');
const kafkaLog4j = path.join(here, 'kafka', 'log4j2.yaml');

/** Failures with a one-line, user-facing reason (printed without a stack trace by the CLI). */
export class InfraError extends Error {}

// ---------------------------------------------------------------------------------------------
// Configuration: read from the environment on every call, so a caller may set CC_* variables
// after importing this module.

function envPort(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new InfraError(`${name} must be a TCP port number (1-65535), got "${raw}"`);
  }
  return port;
}

function storeBackend() {
  const raw = (process.env.CC_STORE_BACKEND ?? '').trim().toLowerCase();
  if (raw === '') return STORE_BACKENDS[0];
  const backend = { postgres: 'postgresql', pg: 'postgresql' }[raw] ?? raw;
  if (!STORE_BACKENDS.includes(backend)) {
    throw new InfraError(`CC_STORE_BACKEND must be one of ${STORE_BACKENDS.join(', ')}, got "${process.env.CC_STORE_BACKEND}"`);
  }
  return backend;
}

function loadConfig() {
  const stateDir = path.resolve(process.env.CC_LOCAL_DIR || path.join(repoRoot, '.local'));
  const backend = storeBackend();
  const kafkaPort = envPort('CC_KAFKA_PORT', 29092);
  const controllerPort = envPort('CC_KAFKA_CONTROLLER_PORT', 29093);
  const mongoPort = envPort('CC_MONGO_PORT', 27117);
  const pgPort = envPort('CC_PG_PORT', 25432);
  const named = [
    ['CC_KAFKA_PORT', kafkaPort],
    ['CC_KAFKA_CONTROLLER_PORT', controllerPort],
    ['CC_MONGO_PORT', mongoPort],
    ...(backend === 'postgresql' ? [['CC_PG_PORT', pgPort]] : []),
  ];
  if (new Set(named.map(([, port]) => port)).size !== named.length) {
    throw new InfraError(`${named.map(([name]) => name).join(', ')} must differ, got ${named.map(([, port]) => port).join(', ')}`);
  }
  const cfg = { stateDir, backend, kafkaPort, controllerPort, mongoPort, pgPort };
  const postgres = postgresComponent(cfg);
  const ferretdb = ferretdbComponent(cfg);
  // PostgreSQL is a component while it is the configured backend, or while ours (or a FerretDB on
  // it) still runs in this state dir after a switch to SQLite, so that `down` and `status` see it.
  const keepPostgres =
    backend === 'postgresql' || fs.existsSync(postgres.pidFile) || runningConfig(ferretdb)?.startsWith('postgresql');
  const components = { kafka: kafkaComponent(cfg), ...(keepPostgres ? { postgres } : {}), ferretdb };
  return { cfg, components };
}

// ---------------------------------------------------------------------------------------------
// Components. Each one knows its files, how to install itself (cached behind a stamp file), how
// to build its command line, and how to ask the running server whether it really answers.

function kafkaComponent({ stateDir, kafkaPort, controllerPort }) {
  const dir = path.join(stateDir, 'kafka');
  const libDir = path.join(dir, 'lib');
  const dataDir = path.join(dir, 'data');
  const logsDir = path.join(dir, 'logs');
  const propsFile = path.join(dir, 'server.properties');
  const version = kafkaVersionFromPom();
  const installed = () => readText(path.join(libDir, '.stamp')) === kafkaStamp();
  return {
    name: 'kafka',
    version: `Apache Kafka ${version}`,
    address: `${HOST}:${kafkaPort}`,
    ports: [
      [kafkaPort, 'CC_KAFKA_PORT'],
      [controllerPort, 'CC_KAFKA_CONTROLLER_PORT'],
    ],
    dir,
    pidFile: path.join(dir, 'kafka.pid'),
    outFile: path.join(logsDir, 'kafka.out'),
    logFiles: [path.join(logsDir, 'server.log'), path.join(logsDir, 'kafka.out')],
    // The properties file path is unique to this state dir: it tells our broker from any other JVM.
    marker: propsFile,
    installed,
    tools: () => (installed() ? ['java'] : ['java', 'mvn']),

    async install(log) {
      const t0 = Date.now();
      fs.rmSync(libDir, { recursive: true, force: true });
      fs.mkdirSync(libDir, { recursive: true });
      await run('mvn', [
        '-B', '-q', '-f', kafkaPom, 'dependency:copy-dependencies',
        `-DoutputDirectory=${libDir}`, '-DincludeScope=runtime',
      ], { what: 'resolving the Kafka jars with Maven' });
      fs.writeFileSync(path.join(libDir, '.stamp'), kafkaStamp());
      const jars = fs.readdirSync(libDir).filter((f) => f.endsWith('.jar')).length;
      log(`kafka: resolved ${jars} jars of Apache Kafka ${version} into ${libDir} in ${secs(t0)}`);
    },

    async prepare(log) {
      for (const d of [dataDir, logsDir]) fs.mkdirSync(d, { recursive: true });
      // Rewritten on every start so that changed CC_* ports apply to existing data.
      fs.writeFileSync(propsFile, kafkaProperties({ kafkaPort, controllerPort, dataDir }));
      if (fs.existsSync(path.join(dataDir, 'meta.properties'))) return;
      const t0 = Date.now();
      // Kafka's Uuid string form. Like Kafka's own Uuid.randomUuid(), never start with '-', which
      // the StorageTool command line would take for an option.
      let clusterId;
      do clusterId = randomBytes(16).toString('base64url');
      while (clusterId.startsWith('-'));
      await run(javaBin(), [
        ...kafkaJvmLogging(logsDir), '-cp', path.join(libDir, '*'),
        'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', propsFile,
      ], { what: 'formatting the Kafka storage', cwd: dir });
      log(`kafka: formatted storage in ${dataDir} (cluster id ${clusterId}) in ${secs(t0)}`);
    },

    command: () => ({
      cmd: javaBin(),
      args: [
        '-Xms256m', '-Xmx768m', '-XX:+ExitOnOutOfMemoryError', '-Djava.awt.headless=true',
        ...kafkaJvmLogging(logsDir), '-cp', path.join(libDir, '*'), 'kafka.Kafka', propsFile,
      ],
      env: process.env,
    }),

    probe: () => kafkaMetadataProbe(kafkaPort),
  };
}

function kafkaVersionFromPom() {
  const match = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(fs.readFileSync(kafkaPom, 'utf8'));
  if (!match) throw new InfraError(`no <kafka.version> property in ${kafkaPom}`);
  return match[1].trim();
}

// The pom is the single source of the jar set, so its content (not just the version) is the stamp.
function kafkaStamp() {
  return `sha256:${createHash('sha256').update(fs.readFileSync(kafkaPom)).digest('hex')}\n`;
}

function kafkaJvmLogging(logsDir) {
  return [`-Dlog4j2.configurationFile=${kafkaLog4j}`, `-Dkafka.logs.dir=${logsDir}`];
}

function kafkaProperties({ kafkaPort, controllerPort, dataDir }) {
  return `# Generated by deploy/local/infra.mjs on every start; edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@${HOST}:${controllerPort}
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://${HOST}:${kafkaPort},CONTROLLER://${HOST}:${controllerPort}
advertised.listeners=PLAINTEXT://${HOST}:${kafkaPort}
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=${dataDir}
# A single broker: every internal topic with one replica.
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# One partition for the internal topics instead of 50: the first consumer group and the first
# transactional producer then start in well under a second on a 2-core machine.
offsets.topic.num.partitions=1
transaction.state.log.num.partitions=1
group.initial.rebalance.delay.ms=0
# Forgiving for development; the application provisions its own topics anyway.
auto.create.topics.enable=true
`;
}

function ferretdbComponent({ stateDir, mongoPort, backend, pgPort }) {
  const dir = path.join(stateDir, 'ferretdb');
  const binDir = path.join(dir, 'bin');
  const bin = path.join(binDir, 'ferretdb');
  const dataDir = path.join(dir, 'data');
  const logsDir = path.join(dir, 'logs');
  const runDir = path.join(dir, 'state'); // FerretDB's own state.json (instance id, telemetry)
  const stampFile = path.join(binDir, '.stamp');
  const installed = () => readText(stampFile) === `${FERRETDB_VERSION}\n` && fs.existsSync(bin);
  const pgUrl = `postgres://${PG_SUPERUSER}@${HOST}:${pgPort}/${PG_DATABASE}?sslmode=disable&pool_max_conns=${PG_POOL_MAX_CONNS}`;
  const backendArgs = {
    postgresql: ['--handler=postgresql', `--postgresql-url=${pgUrl}`],
    // A file: URL keeps unusual characters in the path intact; FerretDB wants the trailing slash.
    sqlite: ['--handler=sqlite', `--sqlite-url=${pathToFileURL(dataDir).href}/`],
  }[backend];
  return {
    name: 'ferretdb',
    version: `FerretDB ${FERRETDB_VERSION} (${backend === 'postgresql' ? `PostgreSQL ${HOST}:${pgPort}` : 'SQLite'})`,
    // Recorded in the pid file: which store a running FerretDB serves. Pid files written before
    // there was a choice have no such line, and those FerretDBs run on SQLite.
    config: backend === 'postgresql' ? `postgresql ${pgPort}` : 'sqlite',
    legacyConfig: 'sqlite',
    address: `${HOST}:${mongoPort}`,
    ports: [[mongoPort, 'CC_MONGO_PORT']],
    dir,
    pidFile: path.join(dir, 'ferretdb.pid'),
    outFile: path.join(logsDir, 'ferretdb.log'),
    logFiles: [path.join(logsDir, 'ferretdb.log')],
    marker: bin,
    installed,
    tools: () => (installed() ? [] : ['go']),

    // `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2` builds a binary that panics
    // at start: FerretDB's main package requires build/version/version.txt, which its release
    // process generates and the published module does not contain (and -overlay may not add files
    // under GOMODCACHE). So: fetch the module through the Go proxy, copy it, write version.txt as
    // upstream's `task gen-version` would, and build that copy.
    async install(log) {
      const t0 = Date.now();
      // The copy lives inside this repository: keep a future go.work of the project out of it.
      const goEnv = { ...process.env, GOWORK: 'off' };
      const { stdout } = await run('go', ['mod', 'download', '-json', `${FERRETDB_MODULE}@${FERRETDB_VERSION}`], {
        what: `downloading ${FERRETDB_MODULE}@${FERRETDB_VERSION}`, env: goEnv, cwd: stateDir,
      });
      const moduleDir = JSON.parse(stdout).Dir;
      const srcDir = path.join(dir, 'build');
      fs.rmSync(srcDir, { recursive: true, force: true });
      fs.cpSync(moduleDir, srcDir, { recursive: true });
      makeWritable(srcDir); // the module cache is read-only
      fs.writeFileSync(path.join(srcDir, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
      fs.mkdirSync(binDir, { recursive: true });
      await run('go', ['build', '-trimpath', '-buildvcs=false', '-o', `${bin}.tmp`, './cmd/ferretdb'], {
        what: `building FerretDB ${FERRETDB_VERSION}`, env: goEnv, cwd: srcDir,
      });
      fs.renameSync(`${bin}.tmp`, bin);
      fs.writeFileSync(stampFile, `${FERRETDB_VERSION}\n`);
      fs.rmSync(srcDir, { recursive: true, force: true });
      log(`ferretdb: built FerretDB ${FERRETDB_VERSION} into ${bin} in ${secs(t0)}`);
    },

    async prepare() {
      // data/ holds the SQLite files; it is left alone (kept, unused) while FerretDB runs on PostgreSQL.
      for (const d of [...(backend === 'sqlite' ? [dataDir] : []), logsDir, runDir]) fs.mkdirSync(d, { recursive: true });
    },

    command: () => ({
      cmd: bin,
      args: [
        `--listen-addr=${HOST}:${mongoPort}`,
        ...backendArgs,
        `--state-dir=${runDir}`,
        '--telemetry=disable',
        '--debug-addr=-', // no HTTP metrics/pprof listener: nothing else to clash on
        '--log-format=text',
        '--log-level=warn',
      ],
      env: { ...process.env, FERRETDB_TELEMETRY: 'disable', DO_NOT_TRACK: '1' },
    }),

    probe: () => mongoPingProbe(mongoPort),
  };
}

// PostgreSQL for FerretDB's `postgresql` handler: a private cluster of Debian's binaries, in the
// state dir, on 127.0.0.1 only. FerretDB's SQLite backend scans the whole table for every filter
// (even `_id`); on PostgreSQL, FerretDB pushes equality filters down as `_jsonb->'f' @> $1`, which
// a GIN (jsonb_path_ops) index on `_jsonb->'f'` serves, while the btree indexes FerretDB creates
// cannot. Hence the event trigger of POSTGRES_SETUP_SQL and plan_cache_mode below.

function postgresComponent({ stateDir, pgPort }) {
  const dir = path.join(stateDir, 'postgres');
  const dataDir = path.join(dir, 'data');
  const socketDir = path.join(dir, 'run');
  const logsDir = path.join(dir, 'logs');
  const dataMajor = () => readText(path.join(dataDir, 'PG_VERSION'))?.trim();
  // The binaries that made the data dir if they are still installed, else the newest ones.
  const binDir = () => postgresBinDir(dataMajor());
  const binMajor = () => path.basename(path.dirname(binDir() ?? '/unknown/bin'));
  const tool = (name) => path.join(binDir() ?? path.join(PG_ROOT, 'missing', 'bin'), name);
  const installed = () => binDir() !== null;
  // The Unix socket is for `psql` by hand; its path must fit sun_path (108 bytes) and the
  // comma-separated unix_socket_directories setting, else there is none (TCP only).
  const socketOk = `${socketDir}/.s.PGSQL.${pgPort}.lock`.length < 100 && !/[,"\s\\]/.test(socketDir);
  return {
    name: 'postgres',
    get version() {
      return `PostgreSQL ${binMajor()}`;
    },
    address: `${HOST}:${pgPort}`,
    ports: [[pgPort, 'CC_PG_PORT']],
    dir,
    pidFile: path.join(dir, 'postgres.pid'),
    outFile: path.join(logsDir, 'postgres.log'),
    logFiles: [path.join(logsDir, 'postgres.log')],
    // The postmaster keeps its command line, `-D <dataDir>` among it (arguments are NUL-separated).
    marker: `\0${dataDir}\0`,
    // Fast shutdown: SIGTERM ("smart") would wait for every client, FerretDB's pool included.
    stopSignal: 'SIGINT',
    installed,
    // Root with apt-get installs the package in install(); anyone else must have it already.
    tools: () => (installed() || canAptGet() ? [] : ['postgres']),

    async install(log) {
      const t0 = Date.now();
      log('postgres: installing Debian\'s postgresql package (once; it may also create and start the system cluster "main" on port 5432)');
      const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
      const args = ['install', '-y', '--no-install-recommends', 'postgresql'];
      try {
        await run('apt-get', args, { what: 'apt-get install postgresql', env });
      } catch {
        // A fresh machine may not have the package lists yet.
        await run('apt-get', ['update'], { what: 'apt-get update', env });
        await run('apt-get', args, { what: 'apt-get install postgresql', env });
      }
      if (!installed()) throw new InfraError(`apt-get installed postgresql, but no ${PG_ROOT}/<version>/bin/postgres appeared`);
      log(`postgres: installed PostgreSQL ${binMajor()} in ${secs(t0)}`);
    },

    async prepare(log) {
      const owner = postgresOwner();
      fs.mkdirSync(logsDir, { recursive: true });
      fs.chmodSync(dir, 0o755); // the postgres OS user must reach data/ and run/ below it
      for (const d of [dataDir, socketDir]) {
        fs.mkdirSync(d, { recursive: true, mode: 0o700 });
        if (owner.uid !== undefined) chownTree(d, owner);
      }
      const major = dataMajor();
      if (major !== undefined) {
        if (major !== binMajor()) {
          throw new InfraError(
            `postgres: ${dataDir} was made by PostgreSQL ${major}, which is not installed (found ${binMajor()}): install postgresql-${major}, or delete that directory (its data is lost)`,
          );
        }
        return;
      }
      // No PG_VERSION: never initialised, or an initdb that died half-way. Start from empty.
      for (const entry of fs.readdirSync(dataDir)) fs.rmSync(path.join(dataDir, entry), { recursive: true, force: true });
      const t0 = Date.now();
      // Trust authentication: the cluster listens on 127.0.0.1 and a Unix socket in the state dir
      // only, for a development and test store. UTF8 without locale (C collation): what FerretDB
      // accepts, and the same on every machine.
      await run(tool('initdb'), [
        '-D', dataDir, '-U', PG_SUPERUSER, '-E', 'UTF8', '--no-locale', '-A', 'trust', '--no-sync',
      ], { what: 'initdb of the PostgreSQL cluster', cwd: dir, ...owner });
      log(`postgres: initialised a PostgreSQL ${binMajor()} cluster in ${dataDir} in ${secs(t0)}`);
    },

    command: () => ({
      cmd: tool('postgres'),
      args: [
        '-D', dataDir,
        '-p', String(pgPort),
        // Settings on the command line, so that they apply to existing clusters as well.
        ...[
          `listen_addresses=${HOST}`,
          `unix_socket_directories=${socketOk ? socketDir : ''}`,
          'max_connections=450', // FerretDB pools (PG_POOL_MAX_CONNS per process, two backends' worth) + psql
          'shared_buffers=128MB',
          // Durability off: a development and test store that may lose its last seconds of writes
          // when the machine crashes (not when a process does). Much faster on slow disks.
          'fsync=off',
          'synchronous_commit=off',
          'full_page_writes=off',
          // FerretDB runs prepared statements: with generic plans the planner sees `_jsonb->'f' @> $1`
          // and cannot use the GIN twins; custom plans substitute the value.
          'plan_cache_mode=force_custom_plan',
          'log_min_messages=warning',
          'log_line_prefix=%m [%p] ',
        ].flatMap((setting) => ['-c', setting]),
      ],
      env: withoutPgVariables(process.env),
      ...postgresOwner(),
    }),

    probe: () => postgresStartupProbe(pgPort),

    /** On every `up`: the database FerretDB uses and the GIN-twin event triggers (idempotent). */
    async afterReady(log) {
      const t0 = Date.now();
      const psql = (database, sql, what) =>
        run(tool('psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', HOST, '-p', String(pgPort), '-U', PG_SUPERUSER, '-d', database], {
          what, input: sql, env: { ...withoutPgVariables(process.env), PGCONNECT_TIMEOUT: '10' },
        });
      await psql('postgres', `SELECT format('CREATE DATABASE %I', '${PG_DATABASE}')
        WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '${PG_DATABASE}')\\gexec\n`, `creating the database ${PG_DATABASE}`);
      await psql(PG_DATABASE, POSTGRES_SETUP_SQL, 'installing the GIN-twin event triggers');
      log(`postgres: database ${PG_DATABASE} and GIN-twin event triggers in place (${secs(t0)})`);
    },
  };
}

/**
 * Every btree index FerretDB creates on a field (`(_jsonb -> 'field'::text)`, the `_id` index of
 * every collection included) gets a GIN "twin" on the same expression with jsonb_path_ops, named
 * after it with a `_gin` suffix; dropping the btree index drops its twin (dropping a collection
 * drops the table and so both). Existing indexes get their twins too (e.g. data from before this
 * trigger). Multi-field indexes get a twin for their first field only. `$in` is not pushed down
 * by FerretDB, so it still scans.
 */
const POSTGRES_SETUP_SQL = String.raw`
CREATE OR REPLACE FUNCTION cc_gin_twin_name(btree_name text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
  SELECT CASE WHEN length(btree_name) <= 58 THEN btree_name || '_gin'
              ELSE left(btree_name, 49) || '_' || left(md5(btree_name), 8) || '_gin' END
$fn$;

CREATE OR REPLACE FUNCTION cc_gin_twin_of(btree oid) RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE def text; tbl text; name text; expr text;
BEGIN
  SELECT pg_get_indexdef(i.indexrelid), i.indrelid::regclass::text, c.relname INTO def, tbl, name
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indexrelid = btree;
  IF def IS NULL OR position(' USING btree ' in def) = 0 THEN RETURN; END IF;
  expr := substring(def from '\(_jsonb -> ''[^'']+''::text\)');
  IF expr IS NULL THEN RETURN; END IF;
  EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %s USING gin (%s jsonb_path_ops)', cc_gin_twin_name(name), tbl, expr);
END $fn$;

CREATE OR REPLACE FUNCTION cc_gin_twin() RETURNS event_trigger LANGUAGE plpgsql AS $fn$
DECLARE obj record;
BEGIN
  FOR obj IN SELECT objid FROM pg_event_trigger_ddl_commands() WHERE command_tag = 'CREATE INDEX' LOOP
    PERFORM cc_gin_twin_of(obj.objid);
  END LOOP;
END $fn$;

CREATE OR REPLACE FUNCTION cc_gin_twin_drop() RETURNS event_trigger LANGUAGE plpgsql AS $fn$
DECLARE obj record;
BEGIN
  FOR obj IN SELECT schema_name, object_name FROM pg_event_trigger_dropped_objects()
             WHERE object_type = 'index' AND original AND object_name NOT LIKE '%\_gin' LOOP
    EXECUTE format('DROP INDEX IF EXISTS %I.%I', obj.schema_name, cc_gin_twin_name(obj.object_name));
  END LOOP;
END $fn$;

DROP EVENT TRIGGER IF EXISTS cc_gin_twin;
CREATE EVENT TRIGGER cc_gin_twin ON ddl_command_end WHEN TAG IN ('CREATE INDEX') EXECUTE FUNCTION cc_gin_twin();
DROP EVENT TRIGGER IF EXISTS cc_gin_twin_drop;
CREATE EVENT TRIGGER cc_gin_twin_drop ON sql_drop WHEN TAG IN ('DROP INDEX') EXECUTE FUNCTION cc_gin_twin_drop();

DO $do$
DECLARE idx oid;
BEGIN
  FOR idx IN SELECT i.indexrelid FROM pg_index i
               JOIN pg_class c ON c.oid = i.indexrelid
               JOIN pg_am a ON a.oid = c.relam
               JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE a.amname = 'btree' AND i.indexprs IS NOT NULL
                AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
                AND NOT EXISTS (SELECT FROM pg_class t WHERE t.relname = cc_gin_twin_name(c.relname) AND t.relnamespace = c.relnamespace)
  LOOP
    PERFORM cc_gin_twin_of(idx);
  END LOOP;
END $do$;
`;

/** `/usr/lib/postgresql/<major>/bin` of `preferredMajor` if installed, else of the highest major, else null. */
function postgresBinDir(preferredMajor) {
  let majors;
  try {
    majors = fs.readdirSync(PG_ROOT).filter((v) => /^\d+(\.\d+)?$/.test(v) && fs.existsSync(path.join(PG_ROOT, v, 'bin', 'postgres')));
  } catch {
    return null;
  }
  if (!majors.length) return null;
  const pick = majors.includes(preferredMajor) ? preferredMajor : majors.sort((a, b) => Number(b) - Number(a))[0];
  return path.join(PG_ROOT, pick, 'bin');
}

const isRoot = () => process.getuid?.() === 0;
const canAptGet = () => isRoot() && fs.existsSync('/usr/bin/apt-get');

/**
 * PostgreSQL refuses to run as root: then initdb and postgres run as the `postgres` OS user
 * (Debian's package creates it), through spawn's uid/gid (libuv also drops root's supplementary
 * groups). Anyone else runs them as themselves: {}.
 */
function postgresOwner() {
  if (!isRoot()) return {};
  const line = (readText('/etc/passwd') ?? '').split('\n').find((l) => l.startsWith(`${PG_SUPERUSER}:`));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined) {
    throw new InfraError(
      `PostgreSQL does not run as root and there is no "${PG_SUPERUSER}" OS user to run it: install Debian's postgresql package, create the user (useradd --system ${PG_SUPERUSER}), run as another user, or set CC_STORE_BACKEND=sqlite`,
    );
  }
  return { uid: Number(uid), gid: Number(gid) };
}

function chownTree(target, { uid, gid }) {
  const stat = fs.lstatSync(target);
  if (stat.uid === uid && stat.gid === gid) return; // initdb's own files below are the postgres user's
  fs.lchownSync(target, uid, gid);
  if (stat.isDirectory()) for (const entry of fs.readdirSync(target)) chownTree(path.join(target, entry), { uid, gid });
}

/** libpq variables of the caller (PGPASSWORD, PGSSLMODE, PGDATA...) must not leak into our cluster. */
function withoutPgVariables(env) {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('PG')));
}

// ---------------------------------------------------------------------------------------------
// Readiness probes: real protocol requests over a plain socket, so that up/status need nothing
// from node_modules (they run before `npm install` and inside any Jest setup).

/**
 * Sends `payload`, collects the reply until `length(buffer)` bytes have arrived; then sends
 * `farewell` (if any) and closes.
 */
function exchange(port, payload, length, timeoutMs = 2000, farewell = undefined) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: HOST, port });
    let buffer = Buffer.alloc(0);
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    socket.on('connect', () => socket.write(payload));
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      const need = length(buffer);
      if (need !== undefined && buffer.length >= need) {
        if (farewell) socket.end(farewell);
        else socket.destroy();
        resolve(buffer.subarray(0, need));
      }
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error('connection closed before a complete answer')));
  });
}

/**
 * Kafka Metadata request v4 (supported by Kafka 1.0 to 4.x). Ready means: the broker answers,
 * lists itself on the expected port and knows an active controller, i.e. it has joined the
 * KRaft quorum and left the fenced state (the listener only accepts requests after that).
 */
async function kafkaMetadataProbe(port) {
  const clientId = Buffer.from('cc-infra-probe');
  const request = Buffer.alloc(4 + 2 + 2 + 4 + 2 + clientId.length + 4 + 1);
  let o = request.writeInt32BE(request.length - 4, 0);
  o = request.writeInt16BE(3, o); // api_key: Metadata
  o = request.writeInt16BE(4, o); // api_version
  o = request.writeInt32BE(1, o); // correlation_id
  o = request.writeInt16BE(clientId.length, o);
  o += clientId.copy(request, o);
  o = request.writeInt32BE(-1, o); // topics: null, i.e. all (the reply lists them; few locally)
  request.writeInt8(0, o); // allow_auto_topic_creation: false

  const reply = await exchange(port, request, (b) => (b.length >= 4 ? 4 + b.readInt32BE(0) : undefined));
  let p = 4 + 4 + 4; // size, correlation_id, throttle_time_ms
  const int32 = () => reply.readInt32BE((p += 4) - 4);
  const string = () => {
    const len = reply.readInt16BE((p += 2) - 2);
    return len < 0 ? null : reply.toString('utf8', p, (p += len));
  };
  const brokers = [];
  for (let n = int32(); n > 0; n--) {
    brokers.push({ nodeId: int32(), host: string(), port: int32() });
    string(); // rack
  }
  string(); // cluster_id
  const controllerId = int32();
  if (!brokers.some((b) => b.port === port)) throw new Error(`broker not listed yet (${JSON.stringify(brokers)})`);
  if (controllerId < 0) throw new Error('no active controller yet');
}

/**
 * PostgreSQL protocol 3.0 StartupMessage as the superuser to database `postgres`. Ready means
 * AuthenticationOk then ReadyForQuery; while the cluster starts or recovers it answers an
 * ErrorResponse (57P03 "the database system is starting up").
 */
async function postgresStartupProbe(port) {
  const params = Buffer.from(`user\0${PG_SUPERUSER}\0database\0postgres\0application_name\0cc-infra-probe\0\0`);
  const startup = Buffer.alloc(8 + params.length);
  startup.writeInt32BE(startup.length, 0);
  startup.writeInt32BE(196608, 4); // protocol 3.0
  params.copy(startup, 8);
  const terminate = Buffer.from([0x58, 0, 0, 0, 4]); // 'X': a polite goodbye, nothing in the server log
  // Backend messages: a type byte, then an int32 length that counts itself and the body.
  const messages = function* (b) {
    for (let p = 0; b.length >= p + 5 && b.length >= p + 1 + b.readInt32BE(p + 1); p += 1 + b.readInt32BE(p + 1)) {
      yield { type: String.fromCharCode(b[p]), body: b.subarray(p + 5, p + 1 + b.readInt32BE(p + 1)), end: p + 1 + b.readInt32BE(p + 1) };
    }
  };
  const untilReadyOrError = (b) => {
    for (const m of messages(b)) if (m.type === 'Z' || m.type === 'E') return m.end;
    return undefined;
  };
  const reply = await exchange(port, startup, untilReadyOrError, 2000, terminate);
  for (const { type, body } of messages(reply)) {
    if (type === 'E') {
      // Fields: a code byte and a C string each; S severity, C SQLSTATE, M message.
      const fields = {};
      for (let p = 0; p < body.length && body[p] !== 0; ) {
        const end = body.indexOf(0, p + 1);
        fields[String.fromCharCode(body[p])] = body.toString('utf8', p + 1, end);
        p = end + 1;
      }
      throw new Error(`${fields.C ?? 'error'}: ${fields.M ?? 'no message'}`);
    }
    if (type === 'R' && body.readInt32BE(0) !== 0) throw new Error(`asks for authentication (method ${body.readInt32BE(0)})`);
  }
}

/** MongoDB OP_MSG `{ ping: 1, $db: 'admin' }`; FerretDB's ping also checks its backend. */
async function mongoPingProbe(port) {
  const cstring = (s) => Buffer.from(`${s}\0`);
  const int32 = (v) => {
    const b = Buffer.alloc(4);
    b.writeInt32LE(v);
    return b;
  };
  const elements = Buffer.concat([
    Buffer.from([0x10]), cstring('ping'), int32(1), // int32 field
    Buffer.from([0x02]), cstring('$db'), int32(6), cstring('admin'), // string field
  ]);
  const doc = Buffer.concat([int32(elements.length + 5), elements, Buffer.from([0])]);
  const body = Buffer.concat([int32(0), Buffer.from([0]), doc]); // flagBits, section kind 0, document
  const header = Buffer.concat([int32(16 + body.length), int32(1), int32(0), int32(2013)]); // OP_MSG

  const messageLength = (b) => (b.length >= 4 ? b.readInt32LE(0) : undefined);
  const reply = await exchange(port, Buffer.concat([header, body]), messageLength);
  if (reply.readInt32LE(12) !== 2013 || reply[20] !== 0) throw new Error('unexpected reply to ping');
  const ok = bsonTopLevelNumber(reply.subarray(21), 'ok');
  if (ok !== 1) throw new Error(`ping answered ok: ${ok}`);
}

/** Value of a numeric top-level field of a BSON document; skips the field types a reply carries. */
function bsonTopLevelNumber(doc, wanted) {
  let p = 4;
  while (p < doc.readInt32LE(0) - 1) {
    const type = doc[p++];
    const nameEnd = doc.indexOf(0, p);
    const name = doc.toString('utf8', p, nameEnd);
    p = nameEnd + 1;
    if (name === wanted) {
      if (type === 0x01) return doc.readDoubleLE(p);
      if (type === 0x10) return doc.readInt32LE(p);
      if (type === 0x12) return Number(doc.readBigInt64LE(p));
      throw new Error(`field ${wanted} has BSON type ${type}`);
    }
    const sizes = { 0x01: 8, 0x07: 12, 0x08: 1, 0x09: 8, 0x0a: 0, 0x10: 4, 0x11: 8, 0x12: 8 };
    if (type === 0x02) p += 4 + doc.readInt32LE(p);
    else if (type === 0x03 || type === 0x04) p += doc.readInt32LE(p);
    else if (type in sizes) p += sizes[type];
    else throw new Error(`cannot skip BSON type ${type} in reply`);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Processes and pid files.

/** True if `pid` is alive and is our component (its command line names our marker path). */
function isOurs(pid, marker) {
  try {
    process.kill(pid, 0);
  } catch {
    return false; // ESRCH: gone; EPERM: someone else's process
  }
  let cmdline;
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return true; // no /proc (e.g. macOS): trust the signal check
  }
  // A reused pid names another program; a zombie has an empty command line.
  return cmdline.includes(marker);
}

// A pid file holds the pid, on its second line the ports the process was started with and, on a
// third, what else a component records about its configuration (FerretDB: its backend).
const portsLine = (c) => c.ports.map(([port]) => port).join(' ');

/** The configuration line of our running instance of `c` (the legacy value for old pid files), or null. */
function runningConfig(c) {
  if (!livePid(c, () => {})) return null;
  return readText(c.pidFile).split('\n')[2] || c.legacyConfig || '';
}

/** The pid of our running instance of `c`, or null; removes a stale pid file. */
function livePid(c, log) {
  const text = readText(c.pidFile);
  if (text === undefined) return null;
  const pid = Number.parseInt(text, 10);
  if (Number.isInteger(pid) && pid > 0 && isOurs(pid, c.marker)) return pid;
  fs.rmSync(c.pidFile, { force: true });
  log(`${c.name}: removed stale pid file (no ${c.name} process with pid ${text.split('\n')[0]})`);
  return null;
}

/** Resolves with the OS error code if `port` cannot be bound on the loopback address, else null. */
function bindError(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (err) => resolve(err.code ?? String(err)));
    server.listen({ host: HOST, port, exclusive: true }, () => server.close(() => resolve(null)));
  });
}

async function answers(c) {
  try {
    await c.probe();
    return true;
  } catch {
    return false;
  }
}

async function waitReady(c, pid, exited, log) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last;
  for (;;) {
    if (exited.value) {
      fs.rmSync(c.pidFile, { force: true });
      printTails(c, log);
      throw new InfraError(`${c.name} exited during startup (${exited.value}); see ${c.logFiles.join(', ')}`);
    }
    try {
      await c.probe();
      return;
    } catch (err) {
      last = err.code ?? err.message;
    }
    if (Date.now() > deadline) {
      printTails(c, log);
      await stopPid(c, pid);
      fs.rmSync(c.pidFile, { force: true });
      throw new InfraError(
        `${c.name} did not answer on ${c.address} within ${READY_TIMEOUT_MS / 1000} s (last: ${last}); stopped it; see ${c.logFiles.join(', ')}`,
      );
    }
    await sleep(250);
  }
}

function printTails(c, log) {
  for (const file of c.logFiles) {
    const text = readText(file)?.trimEnd();
    if (!text) continue;
    log(`----- last ${TAIL_LINES} lines of ${file} -----`);
    log(text.split('\n').slice(-TAIL_LINES).join('\n'));
  }
}

/** SIGTERM, wait up to STOP_TIMEOUT_MS, then SIGKILL. Resolves with the signal that ended it. */
async function stopPid(c, pid) {
  const gone = () => !isOurs(pid, c.marker);
  try {
    process.kill(pid, c.stopSignal ?? 'SIGTERM');
  } catch {
    return 'already gone';
  }
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (gone()) return c.stopSignal ?? 'SIGTERM';
    await sleep(100);
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return c.stopSignal ?? 'SIGTERM';
  }
  for (let i = 0; i < 50 && !gone(); i++) await sleep(100);
  if (!gone()) throw new InfraError(`${c.name}: pid ${pid} survived SIGKILL for 5 s`);
  return `SIGKILL after ${STOP_TIMEOUT_MS / 1000} s`;
}

async function startComponent(c, log) {
  const existing = livePid(c, log);
  if (existing) {
    const running = readText(c.pidFile).split('\n')[1];
    if (running !== portsLine(c)) {
      throw new InfraError(
        `${c.name} (pid ${existing}) runs on ports ${running}, not on the configured ${portsLine(c)}; stop it first: node deploy/local/infra.mjs down ${c.name}`,
      );
    }
    const config = readText(c.pidFile).split('\n')[2] || c.legacyConfig;
    if (c.config !== undefined && config !== c.config) {
      // Its data lives in the other store: keep serving it rather than stop a server in use.
      log(
        `${c.name} (pid ${existing}) runs with "${config}", not the configured "${c.config}": keeping it; to switch, node deploy/local/infra.mjs down ${c.name}, then up`,
      );
    }
    if (!(await answers(c))) {
      log(`${c.name}: pid ${existing} is running but not answering yet; waiting`);
      await waitReady(c, existing, {}, log);
    }
    log(`${c.name} already running on ${c.address} (pid ${existing})`);
    return false;
  }
  for (const [port, envVar] of c.ports) {
    const code = await bindError(port);
    if (code) {
      throw new InfraError(
        `${c.name}: cannot use ${HOST}:${port} (${code}): another process, not started by infra.mjs, holds it; stop it or set ${envVar} to a free port`,
      );
    }
  }
  if (!c.installed()) await c.install(log);
  await c.prepare(log);

  const t0 = Date.now();
  const { cmd, args, env, uid, gid } = c.command();
  fs.mkdirSync(path.dirname(c.outFile), { recursive: true });
  fs.appendFileSync(c.outFile, `----- ${new Date().toISOString()} infra.mjs starts ${c.name} -----\n`);
  const out = fs.openSync(c.outFile, 'a');
  let child;
  try {
    // Detached, own process group, no pipes back to us: the server outlives this process.
    child = spawn(cmd, args, { cwd: c.dir, env, uid, gid, detached: true, stdio: ['ignore', out, out] });
  } finally {
    fs.closeSync(out);
  }
  const exited = {};
  child.once('exit', (code, signal) => (exited.value = signal ? `signal ${signal}` : `exit code ${code}`));
  const spawnError = await new Promise((resolve) => {
    child.once('spawn', () => resolve(null));
    child.once('error', resolve);
  });
  if (spawnError) throw new InfraError(`${c.name}: cannot run ${cmd}: ${spawnError.message}`);
  child.unref();
  fs.writeFileSync(c.pidFile, `${child.pid}\n${portsLine(c)}\n${c.config ?? ''}\n`);

  await waitReady(c, child.pid, exited, log);
  log(`${c.name}: ${c.version} ready on ${c.address} (pid ${child.pid}) in ${secs(t0)}`);
  return true;
}

async function stopComponent(c, log) {
  const pid = livePid(c, log);
  if (!pid) {
    log(`${c.name}: not running`);
    return false;
  }
  const t0 = Date.now();
  const how = await stopPid(c, pid);
  fs.rmSync(c.pidFile, { force: true });
  log(`${c.name}: stopped pid ${pid} (${how}) in ${secs(t0)}`);
  return true;
}

// ---------------------------------------------------------------------------------------------
// Prerequisites.

const TOOLS = {
  java: {
    cmd: () => javaBin(),
    args: ['-version'],
    // `version "17.0.15"`, `version "21"`, or the old `version "1.8.0_402"`
    level: (out) => /version "(?:1\.)?(\d+)/.exec(out)?.[1],
    min: 17,
    hint: 'Java >= 17 runs Kafka: apt-get install openjdk-17-jre-headless (or set JAVA_HOME)',
  },
  mvn: {
    cmd: () => 'mvn',
    args: ['-v'],
    level: (out) => /Apache Maven (\d+)/.exec(out)?.[1],
    min: 3,
    hint: 'Maven fetches the Kafka jars once: apt-get install maven',
  },
  go: {
    cmd: () => 'go',
    args: ['env', 'GOVERSION'],
    level: (out) => /go1\.(\d+)/.exec(out)?.[1],
    // Go >= 1.21 fetches the newer toolchain FerretDB's go.mod asks for through the module proxy.
    min: 21,
    hint: "Go >= 1.21 builds FerretDB once: https://go.dev/dl (Debian bookworm's golang package is 1.19, too old)",
  },
  postgres: {
    cmd: () => path.join(postgresBinDir() ?? path.join(PG_ROOT, '<version>', 'bin'), 'postgres'),
    args: ['--version'],
    level: (out) => /\(PostgreSQL\) (\d+)/.exec(out)?.[1],
    min: 12, // plan_cache_mode
    hint: `FerretDB's store is PostgreSQL from Debian (${PG_ROOT}/<version>/bin): apt-get install postgresql (infra.mjs does it itself when run as root), or set CC_STORE_BACKEND=sqlite`,
  },
};

/** Null if `tool` runs in a recent enough version, else what is wrong and how to fix it. */
async function toolProblem(tool) {
  const { cmd, args, level, min, hint } = TOOLS[tool];
  try {
    const { stdout, stderr } = await run(cmd(), args, { what: `${tool} ${args.join(' ')}` });
    const out = stdout + stderr;
    return Number(level(out)) >= min ? null : `${tool} is too old (${out.split('\n')[0].trim()}): ${hint}`;
  } catch (err) {
    if (err.code === 'ENOENT') return `${tool} not found: ${hint}`;
    return `${tool} does not run (${err.message.split('\n')[0]}): ${hint}`;
  }
}

async function checkTools(selected) {
  const tools = [...new Set(selected.flatMap((c) => c.tools()))];
  const problems = (await Promise.all(tools.map(toolProblem))).filter(Boolean);
  if (problems.length) throw new InfraError(`missing prerequisites: ${problems.join('; ')}`);
}

function javaBin() {
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

// ---------------------------------------------------------------------------------------------
// Small helpers.

/** Runs a command to completion; rejects with its output on a non-zero exit. */
function run(cmd, args, { what, cwd, env, uid, gid, input } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, uid, gid, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    if (input !== undefined) child.stdin.end(input);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) return resolve({ stdout, stderr });
      const output = (stdout + stderr).trimEnd().split('\n').slice(-TAIL_LINES).join('\n');
      reject(new InfraError(`${what} failed (${cmd} exit code ${code})${output ? `:\n${output}` : ''}`));
    });
  });
}

function readText(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function makeWritable(dir) {
  fs.chmodSync(dir, 0o755);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) makeWritable(p);
    else fs.chmodSync(p, 0o644);
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const secs = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

/** One infra.mjs at a time per state dir (e.g. `npm start` and a Jest globalSetup racing). */
async function withLock(stateDir, log, fn) {
  fs.mkdirSync(stateDir, { recursive: true });
  const lockFile = path.join(stateDir, 'infra.lock');
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  let announced = false;
  for (;;) {
    try {
      fs.writeFileSync(lockFile, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
    const holder = Number.parseInt(readText(lockFile) ?? '', 10);
    if (!holder || !isAlive(holder)) {
      fs.rmSync(lockFile, { force: true }); // left by a process that died (e.g. Ctrl-C)
      continue;
    }
    if (Date.now() > deadline) throw new InfraError(`another infra.mjs (pid ${holder}) holds ${lockFile}`);
    if (!announced) log(`waiting for another infra.mjs (pid ${holder}) to finish`);
    announced = true;
    await sleep(250);
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function select(components, names) {
  const all = Object.keys(components);
  const wanted = names?.length ? names : all;
  const unknown = wanted.filter((n) => !all.includes(n));
  if (unknown.length) {
    const hint = unknown.includes('postgres') ? ' (postgres is one while CC_STORE_BACKEND is postgresql)' : '';
    throw new InfraError(`unknown component ${unknown.join(', ')}; known: ${all.join(', ')}${hint}`);
  }
  return wanted.map((n) => components[n]);
}

/** Whether FerretDB (the running one, else the one `up` would start) needs our PostgreSQL. */
function ferretdbOnPostgres(components, cfg) {
  return (runningConfig(components.ferretdb) ?? cfg.backend).startsWith('postgresql');
}

/**
 * Independent chains run in parallel, the members of a chain one after the other: PostgreSQL
 * before FerretDB on the way up, FerretDB before PostgreSQL on the way down; Kafka on its own.
 * Every chain finishes (or fails) before the first failure is thrown. Resolves with the names of
 * the components `fn` acted on (resolved true for).
 */
async function eachChain(chains, fn) {
  const results = await Promise.allSettled(
    chains.map(async (chain) => {
      const acted = [];
      for (const c of chain) if (await fn(c)) acted.push(c.name);
      return acted;
    }),
  );
  const failure = results.find((r) => r.status === 'rejected');
  if (failure) throw failure.reason;
  return results.flatMap((r) => r.value);
}

function chains(components, wanted, order) {
  const store = order === 'up' ? ['postgres', 'ferretdb'] : ['ferretdb', 'postgres'];
  return [['kafka'], store]
    .map((chain) => chain.filter((n) => wanted.has(n)).map((n) => components[n]))
    .filter((chain) => chain.length);
}

// ---------------------------------------------------------------------------------------------
// Public API.

/** Starts what is not running yet and resolves once every selected server answers. */
export async function up({ components: names, log = console.log } = {}) {
  const t0 = Date.now();
  const { cfg, components } = loadConfig();
  let which = '';
  const started = await withLock(cfg.stateDir, log, async () => {
    const wanted = new Set(select(components, names).map((c) => c.name));
    // PostgreSQL comes with FerretDB when FerretDB runs (or will run) on it, and only then.
    if (components.postgres && wanted.has('ferretdb')) {
      if (ferretdbOnPostgres(components, cfg)) wanted.add('postgres');
      else if (!names?.length) wanted.delete('postgres'); // e.g. a FerretDB kept on SQLite
    }
    const plan = chains(components, wanted, 'up');
    which = plan.flat().map((c) => c.name).join(' + ');
    await checkTools(plan.flat());
    return eachChain(plan, async (c) => {
      const fresh = await startComponent(c, log);
      await c.afterReady?.(log);
      return fresh;
    });
  });
  const result = {
    kafkaBrokers: components.kafka.address,
    mongoUri: `mongodb://${components.ferretdb.address}`,
    started,
  };
  log(`up: ${which} ready in ${secs(t0)} (kafka ${result.kafkaBrokers}, mongo ${result.mongoUri}, store ${cfg.backend})`);
  return result;
}

/** Stops the servers this script started (found through their pid files). */
export async function down({ components: names, log = console.log } = {}) {
  const { cfg, components } = loadConfig();
  const stopped = await withLock(cfg.stateDir, log, () => {
    const wanted = new Set(select(components, names).map((c) => c.name));
    // FerretDB on our PostgreSQL goes first; it would only fail its pings without it.
    if (wanted.has('postgres') && runningConfig(components.ferretdb)?.startsWith('postgresql')) wanted.add('ferretdb');
    return eachChain(chains(components, wanted, 'down'), (c) => stopComponent(c, log));
  });
  if (!stopped.length) log('down: nothing was running');
  return { stopped };
}

/** Per component: is our process running, does it answer, its pid and address. */
export async function status() {
  const { components } = loadConfig();
  const entries = await Promise.all(
    Object.values(components).map(async (c) => {
      const pid = livePid(c, () => {});
      return [c.name, { running: pid !== null, ready: pid !== null && (await answers(c)), pid, address: c.address }];
    }),
  );
  return Object.fromEntries(entries);
}

export const startKafka = (options = {}) => up({ ...options, components: ['kafka'] });
export const stopKafka = (options = {}) => down({ ...options, components: ['kafka'] });

// ---------------------------------------------------------------------------------------------
// CLI.

async function main([command, ...names]) {
  if (command === 'up') {
    await up({ components: names });
  } else if (command === 'down') {
    await down({ components: names });
  } else if (command === 'status' && names.length === 0) {
    for (const [name, s] of Object.entries(await status())) {
      let state = 'stopped';
      if (s.running) state = s.ready ? `running (pid ${s.pid})` : `running (pid ${s.pid}) but not answering`;
      console.log(`${name.padEnd(9)} ${s.address.padEnd(16)} ${state}`);
    }
  } else {
    throw new InfraError('usage: node deploy/local/infra.mjs up|down [kafka|ferretdb|postgres ...] | status');
  }
}

function invokedDirectly() {
  try {
    return fs.realpathSync(process.argv[1]) === fs.realpathSync(scriptPath);
  } catch {
    return false; // no script argument (REPL, -e) or not a file: imported by something else
  }
}

if (invokedDirectly()) {
  main(process.argv.slice(2)).catch((err) => {
    console.error(err instanceof InfraError ? `infra: ${err.message}` : err);
    process.exitCode = 1;
  });
}
