import { randomUUID } from 'node:crypto';
import { ReportAcceptedEvent, type ReportReceived } from '@cc/contracts';
import type { EventPublisher } from '@cc/messaging';
import type { ChannelMessage } from '../channels/channel-message';
import type { IntakeConfig } from '../config/intake.config';
import type { Settled } from './group-commit';
import type { IntakeReportOutboxRelay } from './intake-report.outbox-relay';
import { type DraftOutcome, type IntakeReportRepository, ReportRefusedError, type ReportDraft } from './intake-report.repository';
import type { IntakeReport } from './intake-report.schema';
import { canonicalReport } from './canonical-report';
import { ReportWriter } from './report-writer';
import { BrokerUnavailableError, IdempotencyKeyReusedError, ReportsService, StoreUnavailableError } from './reports.service';
import { SenderRateLimiter } from './sender-rate-limiter';

/** A deferred step the test releases by hand. */
function gate() {
  let open!: () => void;
  let fail!: (error: unknown) => void;
  const opened = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { opened, open, fail };
}

/**
 * The repository's contract over an in-memory store, unique on the dedupe key like the real one:
 * each `insertManyWithEvents` waits for the test to release it, so that the test decides what
 * arrives while a write is in flight.
 */
class FakeReports {
  readonly stored = new Map<string, IntakeReport>();
  readonly batches: string[][] = [];
  readonly marked: string[] = [];
  readonly gates: Array<ReturnType<typeof gate>> = [];
  /** Texts the store refuses, one document at a time. */
  readonly refused = new Set<string>();
  outage: Error | undefined;

  /** Marks by write: one update per write, else by id. */
  readonly markWrites: Array<'whole' | 'by id'> = [];

  async insertManyWithEvents(drafts: readonly ReportDraft[], batch?: string): Promise<Array<Settled<DraftOutcome>>> {
    this.batches.push(drafts.map(({ report }) => report.providerMessageId));
    const released = gate();
    this.gates.push(released);
    await released.opened;
    if (this.outage) throw this.outage;
    return drafts.map(({ report, event, fingerprint }): Settled<DraftOutcome> => {
      if (this.refused.has(report.text ?? '')) return { ok: false, error: new ReportRefusedError(2, 'document too large') };
      const key = `${report.channel}:${report.providerMessageId}`;
      if (this.stored.has(key)) return { ok: true, value: { inserted: false } };
      const stored = { _id: report.reportId, dedupeKey: key, channel: report.channel, senderKey: report.senderKey, receivedAt: new Date(report.receivedAt), report, fingerprint, outbox: [event], outboxRelayed: 0, outboxPending: true, outboxBatch: batch } as IntakeReport;
      this.stored.set(key, stored);
      return { ok: true, value: { inserted: true, stored } };
    });
  }

  async markBatchRelayed(batch: string): Promise<void> {
    this.markWrites.push('whole');
    for (const report of this.stored.values()) if (report.outboxBatch === batch) this.marked.push(report._id);
  }

  async markRelayed(ids: readonly string[]): Promise<Array<Settled<void>>> {
    this.markWrites.push('by id');
    this.marked.push(...ids);
    return ids.map(() => ({ ok: true, value: undefined }));
  }

  async findByDedupeKey(dedupeKey: string): Promise<IntakeReport | null> {
    return this.stored.get(dedupeKey) ?? null;
  }

  /** Lets the writes in flight finish, and each one queued behind them. */
  async releaseAll(): Promise<void> {
    for (let released = 0; released < this.gates.length || (await settle(), released < this.gates.length); released++) this.gates[released]!.open();
  }
}

/**
 * Kafka: each publication waits until the test acknowledges it (or never, for an outage). Report
 * received events (from the store) and report accepted ones (from a webhook's admission) are kept
 * apart.
 */
class FakePublisher {
  readonly published: string[] = [];
  readonly admitted: ReportReceived[] = [];
  readonly acks = new Map<string, ReturnType<typeof gate>>();

  publish(definition: { type: string }, data: ReportReceived, options?: { id: string; prevalidated?: boolean }): Promise<string> {
    const ack = gate();
    if (definition.type === ReportAcceptedEvent.type) {
      this.admitted.push(data);
      this.acks.set(`accepted:${this.admitted.length}`, ack);
      return ack.opened.then(() => randomUUID());
    }
    expect(options).toMatchObject({ id: data.reportId, prevalidated: true });
    this.published.push(data.reportId);
    this.acks.set(data.reportId, ack);
    return ack.opened.then(() => options!.id);
  }

  acknowledgeAll(): void {
    for (const ack of this.acks.values()) ack.open();
  }
}

/** The error a promise rejects with, caught from the start (it may reject before the test looks). */
const rejection = (promise: Promise<unknown>): Promise<unknown> => promise.then(() => 'resolved', (error: unknown) => error);

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function message(providerMessageId = `wamid.${randomUUID()}`, text = 'सड़क का काम अधूरा'): ChannelMessage {
  return { channel: 'whatsapp', provider: 'meta-cloud-api', providerMessageId, sender: { kind: 'phone', e164: '+919000000001' }, kind: 'text', text };
}

describe(ReportWriter.name, () => {
  let reports: FakeReports;
  let publisher: FakePublisher;
  let relayed: string[];
  let sut: ReportsService;

  /**
   * A publication the test leaves unacknowledged times out after `publishTimeoutMs`; long by default,
   * so that a busy machine (the unit tier runs in parallel) never times out one the test acknowledges.
   */
  const build = (publishTimeoutMs = 30_000, burst = 1000) => {
    reports = new FakeReports();
    publisher = new FakePublisher();
    relayed = [];
    const config = { INTAKE_WRITE_BATCH_MAX: 250, INTAKE_WRITE_BATCHES_IN_FLIGHT: 1, INTAKE_PUBLISH_TIMEOUT_MS: publishTimeoutMs } as IntakeConfig;
    const writer = new ReportWriter(reports as unknown as IntakeReportRepository, publisher as unknown as EventPublisher, config);
    const relay = { publishNow: async (id: string) => void relayed.push(id) } as unknown as IntakeReportOutboxRelay;
    sut = new ReportsService(reports as unknown as IntakeReportRepository, writer, relay, publisher as unknown as EventPublisher, new SenderRateLimiter({ burst, perMinute: 1 }), config);
  };

  beforeEach(() => build());

  it('writes a lone report at once, the reports arriving meanwhile in one batch, and answers each once its event is acknowledged', async () => {
    const lone = sut.accept(message('wamid.lone'));
    await settle();
    expect(reports.batches).toEqual([['wamid.lone']]);
    const together = ['wamid.a', 'wamid.b', 'wamid.c'].map((id) => sut.accept(message(id)));
    await settle();
    expect(reports.batches).toHaveLength(1);

    await reports.releaseAll();
    expect(reports.batches).toEqual([['wamid.lone'], ['wamid.a', 'wamid.b', 'wamid.c']]);
    expect(publisher.published).toHaveLength(4);
    let answered = false;
    void Promise.all(together).then(() => (answered = true));
    await settle();
    expect(answered).toBe(false);

    publisher.acknowledgeAll();
    const answers = await Promise.all([lone, ...together]);
    expect(answers.map(({ duplicate }) => duplicate)).toEqual([false, false, false, false]);
    expect(new Set(answers.map(({ reportId }) => reportId)).size).toBe(4);
    await settle();
    expect(reports.marked.sort()).toEqual(answers.map(({ reportId }) => reportId).sort());
    expect(reports.markWrites).toEqual(['whole', 'whole']); // one mark per write
  });

  it('stores and publishes provider retries of one message once when they arrive together, and answers them all with that report', async () => {
    const blocker = sut.accept(message());
    await settle();
    const retries = [sut.accept(message('wamid.same')), sut.accept(message('wamid.same')), sut.accept(message('wamid.same'))];
    await reports.releaseAll();
    publisher.acknowledgeAll();
    const [first, ...again] = await Promise.all(retries);
    await blocker;

    expect(reports.batches[1]).toEqual(['wamid.same']);
    expect(first!.duplicate).toBe(false);
    expect(again).toEqual([
      { ...first, duplicate: true },
      { ...first, duplicate: true },
    ]);
    expect(publisher.published.filter((id) => id === first!.reportId)).toHaveLength(1);
    expect(relayed).toEqual([]);
  });

  it('answers a message stored before with the stored report, publishing only an event still pending', async () => {
    const earlier = sut.accept(message('wamid.earlier'));
    await reports.releaseAll();
    publisher.acknowledgeAll();
    const first = await earlier;
    await settle();
    reports.stored.get('whatsapp:wamid.earlier')!.outboxPending = undefined;

    const settledRetry = sut.accept(message('wamid.earlier'));
    await reports.releaseAll();
    expect(await settledRetry).toEqual({ ...first, duplicate: true });
    expect(relayed).toEqual([]);

    const pending = sut.accept(message('wamid.pending'));
    await reports.releaseAll();
    publisher.acknowledgeAll();
    const pendingFirst = await pending;
    await settle();
    reports.stored.get('whatsapp:wamid.pending')!.outboxPending = true; // its mark did not happen
    const pendingRetry = sut.accept(message('wamid.pending'));
    await reports.releaseAll();
    expect(await pendingRetry).toEqual({ ...pendingFirst, duplicate: true });
    expect(relayed).toEqual([pendingFirst.reportId]);
    expect(publisher.published).toHaveLength(2);
  });

  it('refuses a reused idempotency key for a different report also while the first is in flight', async () => {
    const blocker = sut.accept(message());
    await settle();
    const original = sut.accept(message('key-1', 'एक'), { fingerprint: 'hash-1' });
    const reused = rejection(sut.accept(message('key-1', 'दो'), { fingerprint: 'hash-2' }));
    await reports.releaseAll();
    expect(await reused).toBeInstanceOf(IdempotencyKeyReusedError);
    publisher.acknowledgeAll();
    expect((await original).duplicate).toBe(false);
    await blocker;
  });

  it('fails only the caller whose document the store refused', async () => {
    reports.refused.add('too big');
    const blocker = sut.accept(message());
    await settle();
    const good = sut.accept(message('wamid.good'));
    const bad = rejection(sut.accept(message('wamid.bad', 'too big')));
    await reports.releaseAll();
    publisher.acknowledgeAll();

    expect(await bad).toBeInstanceOf(ReportRefusedError);
    expect((await good).duplicate).toBe(false);
    await blocker;
    expect(reports.batches[1]).toEqual(['wamid.good', 'wamid.bad']);
    expect([...reports.stored.keys()]).not.toContain('whatsapp:wamid.bad');
  });

  it('fails every caller of a batch with StoreUnavailableError when the store is down, and a retry then writes it', async () => {
    const outage = Object.assign(new Error('connection refused'), { name: 'MongoNetworkError' });
    reports.outage = outage;
    const callers = [rejection(sut.accept(message('wamid.x'))), rejection(sut.accept(message('wamid.y')))];
    await reports.releaseAll();
    for (const caller of callers) expect(await caller).toBeInstanceOf(StoreUnavailableError);
    expect(publisher.published).toEqual([]);

    reports.outage = undefined;
    const retry = sut.accept(message('wamid.x'));
    await reports.releaseAll();
    publisher.acknowledgeAll();
    expect((await retry).duplicate).toBe(false);
  });

  it('answers BrokerUnavailableError when Kafka does not acknowledge in time, leaves the report pending, and a retry waits on the same publication', async () => {
    build(100);
    const first = rejection(sut.accept(message('wamid.unacked')));
    await reports.releaseAll();
    expect(await first).toBeInstanceOf(BrokerUnavailableError);
    expect(reports.stored.get('whatsapp:wamid.unacked')).toMatchObject({ outboxPending: true });
    expect(reports.marked).toEqual([]);

    const retry = sut.accept(message('wamid.unacked'));
    await settle();
    expect(reports.batches).toHaveLength(1); // joined the publication in flight, not written again
    publisher.acknowledgeAll();
    expect(await retry).toMatchObject({ duplicate: true, reportId: reports.stored.get('whatsapp:wamid.unacked')!._id });
    expect(publisher.published).toHaveLength(1);
    await settle();
    expect(reports.marked).toEqual([reports.stored.get('whatsapp:wamid.unacked')!._id]);
  });

  it('marks only the acknowledged reports of a write whose publication partly failed, by id, and fails only the other caller', async () => {
    const blocker = sut.accept(message());
    await settle();
    const acked = sut.accept(message('wamid.acked'));
    const refused = rejection(sut.accept(message('wamid.refused')));
    await reports.releaseAll();
    publisher.acks.get(reports.stored.get('whatsapp:wamid.acked')!._id)!.open();
    publisher.acks.get(reports.stored.get('whatsapp:wamid.refused')!._id)!.fail(new Error('NOT_ENOUGH_REPLICAS'));
    publisher.acknowledgeAll();

    expect((await acked).duplicate).toBe(false);
    expect(await refused).toBeInstanceOf(BrokerUnavailableError);
    await blocker;
    await settle();
    expect([...reports.markWrites].sort()).toEqual(['by id', 'whole']); // the blocker's write, whole
    expect(reports.marked).toContain(reports.stored.get('whatsapp:wamid.acked')!._id);
    expect(reports.marked).not.toContain(reports.stored.get('whatsapp:wamid.refused')!._id);
  });

  describe('a webhook’s message, log first', () => {
    it('is answered once Kafka has the accepted report, without the store; a retry gets the same report, published once', async () => {
      const admission = sut.admit(message('wamid.door'));
      const retryInFlight = sut.admit(message('wamid.door'));
      await settle();
      expect(publisher.admitted.map((report) => report.providerMessageId)).toEqual(['wamid.door']);
      let answered = false;
      void admission.then(() => (answered = true));
      await settle();
      expect(answered).toBe(false); // not before Kafka's acknowledgement

      publisher.acknowledgeAll();
      const first = await admission;
      expect(first).toEqual({ reportId: publisher.admitted[0]!.reportId, senderKey: publisher.admitted[0]!.senderKey, receivedAt: publisher.admitted[0]!.receivedAt, duplicate: false });
      expect(await retryInFlight).toEqual({ ...first, duplicate: true });
      expect(await sut.admit(message('wamid.door'))).toEqual({ ...first, duplicate: true });
      expect(publisher.admitted).toHaveLength(1);
      expect(reports.batches).toEqual([]);
      expect(publisher.published).toEqual([]);
    });

    it('answers BrokerUnavailableError when Kafka does not acknowledge in time, and publishes the retry', async () => {
      build(100);
      expect(await rejection(sut.admit(message('wamid.kafka-down')))).toBeInstanceOf(BrokerUnavailableError);
      const retry = sut.admit(message('wamid.kafka-down'));
      await settle();
      publisher.acknowledgeAll();
      expect(await retry).toMatchObject({ duplicate: false });
      expect(publisher.admitted).toHaveLength(2);
      expect(publisher.admitted[1]!.reportId).toBe(publisher.admitted[0]!.reportId);
    });

    it('refuses a sender over the rate (429) unless the message was stored before', async () => {
      build(30_000, 1);
      const storedBefore = canonicalReport(message('wamid.stored-before'), new Date());
      reports.stored.set('whatsapp:wamid.stored-before', { _id: storedBefore.reportId, senderKey: storedBefore.senderKey, report: storedBefore } as IntakeReport);
      const allowed = sut.admit(message('wamid.allowed')); // the sender's one token
      publisher.acknowledgeAll();
      expect(await allowed).toMatchObject({ duplicate: false });

      expect(await rejection(sut.admit(message('wamid.new')))).toMatchObject({ httpStatus: 429, code: 'INTAKE.RATE_LIMITED' });
      expect(await sut.admit(message('wamid.stored-before'))).toMatchObject({ reportId: storedBefore.reportId, duplicate: true });
      expect(publisher.admitted.map((report) => report.providerMessageId)).toEqual(['wamid.allowed']);
    });

    it('is recorded once however often the log carries it: a duplicate publishes nothing, or only an event still pending', async () => {
      const admission = sut.admit(message('wamid.twice'));
      publisher.acknowledgeAll();
      await admission;
      const report = publisher.admitted[0]!;
      const first = sut.record(report);
      await reports.releaseAll();
      publisher.acknowledgeAll();
      expect(await first).toMatchObject({ reportId: report.reportId, duplicate: false });
      await settle();
      reports.stored.get('whatsapp:wamid.twice')!.outboxPending = undefined; // marked

      const again = sut.record({ ...report, receivedAt: new Date().toISOString() });
      await reports.releaseAll();
      expect(await again).toMatchObject({ reportId: report.reportId, duplicate: true });
      expect(relayed).toEqual([]);

      reports.stored.get('whatsapp:wamid.twice')!.outboxPending = true; // its mark did not happen
      const pending = sut.record(report);
      await reports.releaseAll();
      expect(await pending).toMatchObject({ reportId: report.reportId, duplicate: true });
      expect(relayed).toEqual([report.reportId]);
      expect(publisher.published).toEqual([report.reportId]);
    });
  });
});
