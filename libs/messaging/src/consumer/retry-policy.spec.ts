import { backoffDelay, isPermanent, isTransient, retryTransient, UnprocessableEventError } from './retry-policy';

describe(backoffDelay.name, () => {
  it('doubles the ceiling each attempt up to the cap', () => {
    const ceiling = (attempt: number) => backoffDelay(attempt, 100, 5000, () => 1);
    expect([0, 1, 2, 3, 6, 10].map(ceiling)).toEqual([100, 200, 400, 800, 5000, 5000]);
  });

  it('draws the delay anywhere below the ceiling (full jitter)', () => {
    expect(backoffDelay(3, 100, 5000, () => 0)).toBe(0);
    expect(backoffDelay(3, 100, 5000, () => 0.5)).toBe(400);
  });
});

describe(isTransient.name, () => {
  const named = (name: string, extra: object = {}) => Object.assign(new Error('x'), { name }, extra);

  it.each([
    named('MongoServerSelectionError'),
    named('MongoNetworkError'),
    named('KafkaJSConnectionError'),
    Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
    Object.assign(new Error('kafka'), { retriable: true }),
    new Error('wrapped', { cause: named('MongoNetworkTimeoutError') }),
  ])('treats %p as an outage', (error) => {
    expect(isTransient(error)).toBe(true);
  });

  it.each([new TypeError('bad data'), named('MongoBulkWriteError', { code: 11000 }), 'a string', undefined])(
    'treats %p as a problem with the message',
    (error) => {
      expect(isTransient(error)).toBe(false);
    },
  );
});

describe(retryTransient.name, () => {
  it('retries an outage until the operation succeeds', async () => {
    let calls = 0;
    const sut = retryTransient(async () => {
      calls++;
      if (calls < 3) throw Object.assign(new Error('not hosted yet'), { retriable: true });
      return 'subscribed';
    }, 5, 1, 2);
    await expect(sut).resolves.toBe('subscribed');
    expect(calls).toBe(3);
  });

  it('gives up after the last attempt, and at once on an error that is not an outage', async () => {
    let calls = 0;
    const outage = () => retryTransient(async () => {
      calls++;
      throw Object.assign(new Error('still down'), { retriable: true });
    }, 3, 1, 2);
    await expect(outage()).rejects.toThrow('still down');
    expect(calls).toBe(3);
    calls = 0;
    await expect(retryTransient(async () => { calls++; throw new TypeError('bug'); }, 3, 1, 2)).rejects.toThrow('bug');
    expect(calls).toBe(1);
  });
});

describe('isPermanent', () => {
  it('marks a handler’s verdict that the event can never be applied, and nothing else', () => {
    expect(isPermanent(new UnprocessableEventError('sender.number: not a phone number'))).toBe(true);
    expect(isPermanent(new Error('bug'))).toBe(false);
    expect(isPermanent(Object.assign(new Error('down'), { retriable: true }))).toBe(false);
    expect(isTransient(new UnprocessableEventError('bad'))).toBe(false);
  });
});

describe('isTransient for a busy store', () => {
  it('takes FerretDB\'s "database is locked" for load, not for a bad message', () => {
    expect(isTransient(new Error('[msg_update.go:133] database is locked (5) (SQLITE_BUSY)'))).toBe(true);
    expect(isTransient(new Error('document failed validation'))).toBe(false);
  });

  it('takes FerretDB losing its PostgreSQL for an outage, and PostgreSQL\'s constraint errors for the message', () => {
    const unreachable =
      '[collection.go:109 postgresql.(*collection).Query] failed to connect to `user=postgres database=ferretdb`: 127.0.0.1:25432 (127.0.0.1): dial error: dial tcp 127.0.0.1:25432: connect: connection refused';
    expect(isTransient(Object.assign(new Error(unreachable), { name: 'MongoServerError', code: 1 }))).toBe(true);
    expect(isTransient(new Error('[msg_update.go:117] ERROR: deadlock detected (SQLSTATE 40P01)'))).toBe(true);
    expect(isTransient(new Error('FATAL: the database system is starting up (SQLSTATE 57P03)'))).toBe(true);
    expect(isTransient(new Error('ERROR: value too long for type character varying(5) (SQLSTATE 22001)'))).toBe(false);
  });
});
