import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { type Admin, AssignerProtocol } from 'kafkajs';

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ; 100 on Linux). */
const TICKS_PER_SECOND = 100;
const SAMPLE_EVERY_MS = 5000;

export interface Sample {
  at: number;
  /** Messages behind, per consumer group: the sum over its topics' partitions of end offset − committed offset. */
  lag: Record<string, number>;
  loadAverage1m: number;
}

export interface CpuShare {
  /** Cores used on average over the step, per process family. */
  cores: Record<string, number>;
}

/** What counts as whose CPU: the services by pid, the servers by their command line. */
export interface ProcessFamilies {
  services: Record<string, number>;
  /** This bench process: load generator, feed reader, provider fakes. */
  bench: number;
}

function ticksOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

function serverFamily(pid: number): string | undefined {
  let command: string;
  try {
    command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return undefined;
  }
  if (command.includes('kafka.Kafka')) return 'kafka';
  // First: a backend's title ("postgres: postgres ferretdb 127.0.0.1(…) idle") names FerretDB's database.
  if (command.startsWith('postgres') || command.includes('/bin/postgres')) return 'postgresql';
  if (command.includes('ferretdb')) return 'ferretdb';
  return undefined;
}

/** CPU ticks so far per family (the services, this process, Kafka, FerretDB, PostgreSQL with all its backends). */
function ticksByFamily(families: ProcessFamilies): Record<string, number> {
  const totals: Record<string, number> = {};
  const add = (family: string, ticks: number | undefined) => {
    if (ticks !== undefined) totals[family] = (totals[family] ?? 0) + ticks;
  };
  for (const [service, pid] of Object.entries(families.services)) add(service, ticksOf(pid));
  add('bench', ticksOf(families.bench));
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const family = serverFamily(Number(entry));
    if (family) add(family, ticksOf(Number(entry)));
  }
  return totals;
}

/**
 * Every 5 s: each consumer group of the run's lag, and the load average. Per step: the cores each
 * process family used (from /proc, Linux only; elsewhere the CPU table is empty).
 */
export class Sampler {
  private readonly samples: Sample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private sampling: Promise<void> | undefined;
  private stepStart: { at: number; ticks: Record<string, number> } | undefined;

  constructor(
    private readonly admin: Admin,
    private readonly groupPrefix: string,
    private readonly families: ProcessFamilies,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.sampling ??= this.sample().finally(() => (this.sampling = undefined));
    }, SAMPLE_EVERY_MS);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.sampling;
  }

  /**
   * The lag of every group of the run now, over the partitions its members are assigned (a group
   * may hold committed offsets of topics it does not read: main.ts sets them).
   */
  async lagNow(): Promise<Record<string, number>> {
    const { groups } = await this.admin.listGroups();
    const ours = groups.map((group) => group.groupId).filter((id) => id.startsWith(this.groupPrefix));
    if (ours.length === 0) return {};
    const lag: Record<string, number> = {};
    const ends = new Map<string, Map<number, number>>();
    for (const group of (await this.admin.describeGroups(ours)).groups) {
      const assigned = new Map<string, Set<number>>();
      for (const member of group.members) {
        const assignment = AssignerProtocol.MemberAssignment.decode(member.memberAssignment)?.assignment ?? {};
        for (const [topic, partitions] of Object.entries(assignment)) for (const partition of partitions) (assigned.get(topic) ?? assigned.set(topic, new Set()).get(topic)!).add(partition);
      }
      if (assigned.size === 0) continue;
      const committed = await this.admin.fetchOffsets({ groupId: group.groupId, topics: [...assigned.keys()] });
      let behind = 0;
      for (const { topic, partitions } of committed) {
        if (!ends.has(topic)) ends.set(topic, new Map((await this.admin.fetchTopicOffsets(topic)).map((each) => [each.partition, Number(each.high)])));
        for (const { partition, offset } of partitions) {
          if (!assigned.get(topic)?.has(partition)) continue;
          // -1: nothing committed yet; the group reads from the start, so all of it is ahead of it.
          behind += Math.max(0, (ends.get(topic)!.get(partition) ?? 0) - Math.max(0, Number(offset)));
        }
      }
      lag[group.groupId.slice(this.groupPrefix.length)] = behind;
    }
    return lag;
  }

  beginStep(): void {
    this.stepStart = { at: Date.now(), ticks: ticksByFamily(this.families) };
  }

  /** Cores used per family since {@link beginStep}. */
  endStep(): CpuShare {
    if (!this.stepStart) return { cores: {} };
    const seconds = (Date.now() - this.stepStart.at) / 1000;
    const now = ticksByFamily(this.families);
    const cores: Record<string, number> = {};
    for (const [family, ticks] of Object.entries(now)) cores[family] = (ticks - (this.stepStart.ticks[family] ?? 0)) / TICKS_PER_SECOND / seconds;
    return { cores };
  }

  /** The samples taken between two instants. */
  between(from: number, to: number): Sample[] {
    return this.samples.filter((sample) => sample.at >= from && sample.at <= to);
  }

  private async sample(): Promise<void> {
    try {
      this.samples.push({ at: Date.now(), lag: await this.lagNow(), loadAverage1m: loadavg()[0]! });
    } catch {
      // A sample missed while the broker is busy is a gap in the lag series, not a failed run.
    }
  }
}
