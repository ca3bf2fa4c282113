import { Writable } from 'node:stream';
import { serviceConfigSchema } from '@cc/config';
import { runWithCorrelationId } from './correlation';
import { createRootLogger, JsonLogger } from './json-logger';

describe(JsonLogger.name, () => {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  const config = serviceConfigSchema('grievance', 3003).parse({ LOG_LEVEL: 'debug' });
  const sut = new JsonLogger(createRootLogger(config, sink));

  beforeEach(() => lines.splice(0));

  it('writes one JSON line with the service, the Nest context and structured fields', () => {
    sut.log('case opened', { caseId: 'c-1' }, 'CaseService');
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, service: 'grievance', context: 'CaseService', caseId: 'c-1', msg: 'case opened' }),
    ]);
  });

  it('adds the correlation id of the work in progress', () => {
    runWithCorrelationId('corr-12345678', () => sut.warn('slow broker', 'Kafka'));
    expect(lines[0]).toMatchObject({ level: 40, correlationId: 'corr-12345678', context: 'Kafka' });
  });

  it('redacts secrets and phone numbers in structured fields', () => {
    sut.log('sender', { sender: { phone: '+919876543210', name: 'x' }, headers: { authorization: 'Bearer abc' } });
    const written = JSON.stringify(lines[0]);
    expect(written).not.toContain('9876543210');
    expect(written).not.toContain('Bearer abc');
  });

  it('keeps an error stack passed the way Nest passes it', () => {
    sut.error('handler failed', 'Error: boom\n    at x', 'Consumer');
    expect(lines[0]).toMatchObject({ level: 50, stack: expect.stringContaining('boom'), context: 'Consumer' });
  });

  it('drops lines below the configured level', () => {
    sut.verbose('very chatty');
    expect(lines).toHaveLength(0);
  });
});
