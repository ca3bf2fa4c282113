import { Readable } from 'node:stream';
import { jharkhandTree } from '../../organisation/fixtures/org-units.fixtures';
import { InMemoryMemberSink } from './in-memory-member-sink';
import { importMembers, MemberImportAbortedError } from './member-import';
import { openMemberCsv } from './member-csv';
import type { MemberSink, SinkResult } from './member-sink';
import type { MemberUpsertCommand } from './member-upsert';

const tree = jharkhandTree();
const bytes = (text: string) => Readable.from([Buffer.from(text, 'utf8')]);

const ANGARA_FILE = [
  '\uFEFFname,phone,home_unit,language,post,consent,remarks',
  '"Oraon, Ramesh",98123 48765,JH-RAN-ANGARA,hi,president,yes,',
  'सीता देवी,"70045 12345; 6201234567",345001,हिंदी,सदस्य,हाँ,"met at the ""JOIN"" camp"',
  'Anil Mahto,58123 48765,JH-RAN-ANGARA,en,,no,',
  'Sunil Munda,8877665544,JH-RAN-NOPE,,,,',
  '',
  'Ramesh Again,+91 98123-48765,JH-RAN-KANKE,,,,',
  'Priya Kumari,9934567890,JH-RAN-KANKE,English,secretary,1,',
].join('\r\n');

const SURNAMES = ['Oraon', 'Munda', 'Mahto', 'Kumari', 'Devi', 'Singh', 'Tirkey'];

/** Rows made on demand, in chunks of bytes, so that no test holds the whole file. */
function* generatedRows(count: number, options: { chunkRows?: number; badEvery?: number } = {}): Generator<Buffer> {
  const { chunkRows = 1000, badEvery = 0 } = options;
  const blocks = [...tree.values()].filter(({ level }) => level === 'block').map(({ code }) => code);
  yield Buffer.from('name,phone,home_unit,language,consent\n');
  for (let start = 0; start < count; start += chunkRows) {
    let chunk = '';
    for (let index = start; index < Math.min(start + chunkRows, count); index++) {
      const phone = badEvery && index % badEvery === 0 ? '12345' : `9${String(index).padStart(9, '0')}`;
      chunk += `"${SURNAMES[index % SURNAMES.length]}, Karyakarta ${String.fromCharCode(65 + (index % 26))}",${phone},${blocks[index % blocks.length]},hi,yes\n`;
    }
    yield Buffer.from(chunk);
  }
}

class CountingSink implements MemberSink {
  commands = 0;
  batches: number[] = [];

  async upsertBatch(commands: readonly MemberUpsertCommand[]): Promise<SinkResult> {
    this.batches.push(commands.length);
    this.commands += commands.length;
    return { created: commands.length, updated: 0 };
  }
}

describe(importMembers.name, () => {
  it('imports the good rows and reports the bad ones by line, with a summary', async () => {
    const sink = new InMemoryMemberSink();

    const summary = await importMembers(bytes(ANGARA_FILE), tree, sink);

    expect(summary).toEqual({
      status: 'completed',
      rowsRead: 6,
      accepted: 3,
      created: 3,
      updated: 0,
      rejected: 3,
      errors: [
        { ok: false, line: 4, code: 'MEMBER.INVALID_PHONE', reason: expect.stringContaining('phone 1 is not an Indian mobile') },
        { ok: false, line: 5, code: 'MEMBER.UNKNOWN_UNIT', reason: 'home unit JH-RAN-NOPE is not a known unit' },
        { ok: false, line: 7, code: 'IMPORT.DUPLICATE_KEY', reason: 'phone +91******8765 is also on line 2' },
      ],
      errorsNotKept: 0,
      ignoredColumns: ['remarks'],
    });
    expect(sink.findByPhone('+919812348765')).toMatchObject({ name: 'Oraon, Ramesh', homeUnitCode: 'JH-RAN-ANGARA', consent: { contact: true } });
    expect(sink.findByPhone('+916201234567')).toMatchObject({ name: 'सीता देवी', phones: ['+917004512345', '+916201234567'] });
    expect([...sink.posts.values()]).toEqual(['president', 'member', 'secretary']);
  });

  it('updates instead of duplicating when the same file comes again', async () => {
    const sink = new InMemoryMemberSink();
    await importMembers(bytes(ANGARA_FILE), tree, sink);
    const first = sink.all();

    const again = await importMembers(bytes(ANGARA_FILE), tree, sink);

    expect(again).toMatchObject({ rowsRead: 6, accepted: 3, created: 0, updated: 3, rejected: 3 });
    expect(sink.size).toBe(3);
    expect(sink.all().map(({ id }) => id)).toEqual(first.map(({ id }) => id));
  });

  it('finds members again by any of their phones, and by external_id once it is given', async () => {
    const sink = new InMemoryMemberSink();
    await importMembers(bytes('name,phone,home_unit\nSita Devi,7004512345;6201234567,345001\n'), tree, sink);

    const byOtherPhone = await importMembers(bytes('name,phone,home_unit\nSita Devi,6201234567,345002\n'), tree, sink);
    const withNumber = await importMembers(
      bytes('external_id,name,phone,home_unit\nINC-JH-7,Sita Devi,7004512345,345002\n'),
      tree,
      sink,
    );
    const byNumber = await importMembers(bytes('external_id,name,phone,home_unit\nINC-JH-7,Sita Kumari Devi,9934567890,345002\n'), tree, sink);

    expect([byOtherPhone.updated, withNumber.updated, byNumber.updated]).toEqual([1, 1, 1]);
    expect(sink.size).toBe(1);
    expect(sink.findByExternalId('INC-JH-7')).toMatchObject({
      name: 'Sita Kumari Devi',
      homeUnitCode: '345002',
      phones: ['+919934567890', '+917004512345', '+916201234567'],
    });
  });

  it('reports with its line a row only the store can refuse', async () => {
    const sink = new InMemoryMemberSink();
    await importMembers(bytes('external_id,name,phone,home_unit\nINC-1,Ramesh,9812348765,JH-RAN-ANGARA\n'), tree, sink);

    const summary = await importMembers(bytes('external_id,name,phone,home_unit\nINC-2,Anil,7004512345,JH-RAN\nINC-3,Suresh,9812348765,JH-RAN\n'), tree, sink);

    expect(summary).toMatchObject({
      rowsRead: 2,
      created: 1,
      rejected: 1,
      errors: [{ line: 3, code: 'IMPORT.EXTERNAL_ID_CONFLICT', reason: 'phone +91******8765 belongs to member m1, whose external_id is INC-1, not INC-3' }],
    });
  });

  it('writes in batches of batchSize', async () => {
    const sink = new CountingSink();

    await importMembers(Readable.from(generatedRows(1234, { chunkRows: 100 })), tree, sink, { batchSize: 500 });

    expect(sink.batches).toEqual([500, 500, 234]);
  });

  it('waits for the sink before reading more of the file', async () => {
    let rowsPulled = 0;
    let applied = 0;
    const readAhead: number[] = [];
    async function* source() {
      for (const chunk of generatedRows(5000, { chunkRows: 50 })) {
        rowsPulled += 50;
        yield chunk;
      }
    }
    const slowSink: MemberSink = {
      async upsertBatch(commands) {
        readAhead.push(rowsPulled - applied);
        await new Promise((resolve) => setTimeout(resolve, 1));
        applied += commands.length;
        return { created: commands.length, updated: 0 };
      },
    };

    await importMembers(source(), tree, slowSink, { batchSize: 200 });

    expect(applied).toBe(5000);
    expect(Math.max(...readAhead)).toBeLessThanOrEqual(200 + 50);
  });

  it('keeps the first errors and counts the rest', async () => {
    const summary = await importMembers(Readable.from(generatedRows(50, { badEvery: 5 })), tree, new CountingSink(), { maxErrorsKept: 3 });

    expect(summary).toMatchObject({ rowsRead: 50, accepted: 40, rejected: 10, errorsNotKept: 7 });
    expect(summary.errors.map(({ line }) => line)).toEqual([2, 7, 12]);
  });

  it.each([
    ['', 'CSV.EMPTY_FILE'],
    ['name,phone\nRamesh,9812348765\n', 'CSV.MISSING_COLUMN'],
    ['name,home_unit,whatsapp_bsuid\nRamesh,JH-RAN,IN.1\n', 'IMPORT.NO_KEY_COLUMN'],
    ['name,phone,home_unit,Phones\nRamesh,9812348765,JH-RAN,\n', 'CSV.DUPLICATE_COLUMN'],
    ['"name,phone,home_unit\nRamesh,9812348765,JH-RAN\n', 'CSV.UNTERMINATED_QUOTE'],
  ])('refuses the whole file %j', async (text, code) => {
    const sink = new CountingSink();

    const summary = await importMembers(bytes(text), tree, sink);

    expect(summary).toMatchObject({ status: 'file-rejected', rowsRead: 0, accepted: 0, errors: [{ line: 1, code }] });
    expect(sink.commands).toBe(0);
  });

  it('stops when the sink fails, with what was applied, and closes the file', async () => {
    const stream = Readable.from(generatedRows(3000, { chunkRows: 100 }));
    let calls = 0;
    const failing: MemberSink = {
      async upsertBatch(commands) {
        calls += 1;
        if (calls === 2) throw new Error('store down');
        return { created: commands.length, updated: 0 };
      },
    };

    const error = await importMembers(stream, tree, failing, { batchSize: 1000 }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(MemberImportAbortedError);
    expect((error as MemberImportAbortedError).summary).toMatchObject({ rowsRead: 2000, created: 1000 });
    expect((error as MemberImportAbortedError).cause).toEqual(new Error('store down'));
    expect(stream.destroyed).toBe(true);
  });

  it('streams 100 000 rows through the parser and the validator', async () => {
    const sink = new CountingSink();
    const started = performance.now();

    const summary = await importMembers(Readable.from(generatedRows(100_000, { badEvery: 1000 })), tree, sink);

    expect(summary).toMatchObject({ status: 'completed', rowsRead: 100_000, accepted: 99_900, created: 99_900, rejected: 100, errorsNotKept: 0 });
    expect(summary.errors[0]).toEqual({ ok: false, line: 2, code: 'MEMBER.INVALID_PHONE', reason: 'phone 1 has too few digits' });
    expect(sink.commands).toBe(99_900);
    expect(Math.max(...sink.batches)).toBe(500);
    expect(performance.now() - started).toBeLessThan(15_000);
  }, 30_000);
});

describe(openMemberCsv.name, () => {
  it('hands out validated rows one at a time, as they are asked for', async () => {
    const opened = await openMemberCsv(bytes(ANGARA_FILE), tree);
    if (!opened.ok) throw new Error(opened.reason);

    const first = await opened.csv.rows.next();

    expect(opened.csv.ignoredColumns).toEqual(['remarks']);
    expect(first.value).toMatchObject({ ok: true, command: { line: 2 } });
    await opened.csv.rows.return(undefined);
  });
});
