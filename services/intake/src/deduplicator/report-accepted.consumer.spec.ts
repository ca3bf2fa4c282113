import type { ReportReceived } from '@cc/contracts';
import type { ConsumedEvent } from '@cc/messaging';
import { currentCorrelationId } from '@cc/observability';
import type { ReportsService } from '../reports/reports.service';
import { ReportAcceptedConsumer } from './report-accepted.consumer';

const event = (senderKey: string, reportId: string): ConsumedEvent<ReportReceived> =>
  ({ id: `evt-${reportId}`, correlationId: `corr-${reportId}`, data: { senderKey, reportId } as ReportReceived }) as ConsumedEvent<ReportReceived>;

/** Records each report when the test lets it, noting what was started and in which request context. */
class FakeReports {
  readonly started: string[] = [];
  readonly correlation = new Map<string, string | undefined>();
  readonly waiting = new Map<string, { resolve: () => void; reject: (error: Error) => void }>();

  record(report: ReportReceived): Promise<unknown> {
    this.started.push(report.reportId);
    this.correlation.set(report.reportId, currentCorrelationId());
    return new Promise<void>((resolve, reject) => this.waiting.set(report.reportId, { resolve, reject }));
  }
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe(ReportAcceptedConsumer.name, () => {
  it('records one sender’s reports in log order and different senders’ at once, each in its request’s context', async () => {
    const reports = new FakeReports();
    const handled = new ReportAcceptedConsumer(reports as unknown as ReportsService).handle([event('a', 'a1'), event('b', 'b1'), event('a', 'a2')]);
    await settle();
    expect(reports.started).toEqual(['a1', 'b1']); // a2 waits for a1
    reports.waiting.get('a1')!.resolve();
    await settle();
    expect(reports.started).toEqual(['a1', 'b1', 'a2']);
    reports.waiting.get('a2')!.resolve();
    reports.waiting.get('b1')!.resolve();
    await handled;
    expect(Object.fromEntries(reports.correlation)).toEqual({ a1: 'corr-a1', b1: 'corr-b1', a2: 'corr-a2' });
  });

  it('fails the batch (for the consumer to retry) only once every other write has settled', async () => {
    const reports = new FakeReports();
    let failed: unknown;
    const handled = new ReportAcceptedConsumer(reports as unknown as ReportsService).handle([event('a', 'a1'), event('b', 'b1')]).catch((error: unknown) => (failed = error));
    await settle();
    reports.waiting.get('a1')!.reject(new Error('store down'));
    await settle();
    expect(failed).toBeUndefined(); // b1 is still being written
    reports.waiting.get('b1')!.resolve();
    await handled;
    expect(failed).toEqual(new Error('store down'));
  });
});
