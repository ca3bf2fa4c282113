import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ServiceProcess, spawnService, waitFor } from '@cc/testing';
import { SERVICES, type ServiceName } from './env';

/**
 * The five services, each as its own built process on a fixed port, so that a restarted one is
 * found where the killed one was. Every process ever started is kept, killed ones too: their logs
 * are part of what the privacy scan reads.
 */
export class Cluster {
  private readonly current = new Map<ServiceName, ServiceProcess>();
  private readonly all: Array<{ service: ServiceName; process: ServiceProcess }> = [];
  /** When each SIGKILL was sent (epoch ms), by service. */
  readonly crashes: Array<{ service: ServiceName; at: number }> = [];

  constructor(private readonly environments: Record<ServiceName, Record<string, string>>) {}

  url(service: ServiceName): string {
    return `http://127.0.0.1:${this.environments[service].PORT}`;
  }

  async start(): Promise<void> {
    await Promise.all(SERVICES.map((service) => this.spawn(service)));
    await this.ready();
  }

  /** Waits until every current process answers ready (a restarted consumer has rejoined its group by then). */
  async ready(timeoutMs = 120000): Promise<void> {
    await Promise.all(
      [...this.current.entries()].map(([service, process]) =>
        waitFor(
          `${service} to be ready`,
          async () => {
            if (process.child.exitCode !== null) throw new Error(`${service} exited early: ${process.stderr.join('').slice(-2000)}`);
            const response = await fetch(`${process.url}/health/ready`);
            if (response.status === 200) return true;
            throw new Error(`${service} not ready: ${(await response.text()).slice(0, 500)}`);
          },
          { timeoutMs, intervalMs: 500 },
        ),
      ),
    );
  }

  /** SIGKILL, as the OOM killer or a node failure would, then a new process at once (not waiting for it to be ready). */
  async crash(service: ServiceName): Promise<void> {
    const victim = this.current.get(service)!;
    this.crashes.push({ service, at: Date.now() });
    victim.child.kill('SIGKILL');
    const exit = await victim.exited;
    if (exit !== 'SIGKILL') throw new Error(`${service} exited with ${exit} before it could be killed: ${victim.stderr.join('').slice(-2000)}`);
    await this.spawn(service);
  }

  /** Every line every process of the run wrote, with the service that wrote it. */
  logLines(): Array<{ service: ServiceName; line: string }> {
    return this.all.flatMap(({ service, process }) => [...process.stdout, ...process.stderr.join('').split('\n')].filter(Boolean).map((line) => ({ service, line })));
  }

  /** SIGTERM (graceful shutdown), SIGKILL when that takes longer than 15 s. */
  async stop(): Promise<void> {
    await Promise.all(
      [...this.current.values()].map(async (process) => {
        if (process.child.exitCode !== null || process.child.signalCode !== null) return;
        process.child.kill('SIGTERM');
        const late = setTimeout(() => process.child.kill('SIGKILL'), 15000);
        await process.exited;
        clearTimeout(late);
      }),
    );
  }

  /** Every process's output in `directory` (`<service>-<n>.log`), for reading after a failed run. */
  writeLogs(directory: string): void {
    mkdirSync(directory, { recursive: true });
    const seen = new Map<ServiceName, number>();
    for (const { service, process } of this.all) {
      const n = (seen.get(service) ?? 0) + 1;
      seen.set(service, n);
      writeFileSync(join(directory, `${service}-${n}.log`), [...process.stdout, '--- stderr ---', process.stderr.join('')].join('\n'));
    }
  }

  private async spawn(service: ServiceName): Promise<void> {
    const process = await spawnService(service, this.environments[service]);
    this.current.set(service, process);
    this.all.push({ service, process });
  }
}
