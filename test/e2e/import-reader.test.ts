// import vouchers reads, checks and chains the file in a worker thread while the main thread
// inserts: what that thread finds is reported exactly as before (every bad row at its FILE:LINE,
// nothing written), what it makes is what the same reader makes in one thread, and a reader that
// fails or stops ends the import with an error, never a wait.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox, expectRefused } from '../harness.js';
import { BENCH_ACCOUNTS, generateVoucherCsv } from '../gen-vouchers.js';
import { feedVouchers, type FeedStart } from '../../src/commands/import-vouchers-feed.js';
import { READER_LIMITS, READER_THREAD_BYTES, ReaderOutOfMemory, feedVouchersBeside, readerScript, readerScriptFor, startReader } from '../../src/commands/import-vouchers-thread.js';
import type { VoucherBatch } from '../../src/store/voucher-writer.js';

const HEADER = '凭证号,日期,摘要,科目编码,借方金额,贷方金额,成员编号,项目,制单人\n';

let tpl: Sandbox;
beforeAll(async () => {
  tpl = await Sandbox.from('import-reader', async (s) => {
    await s.ok('init', '--name', '读取测试村', '--start', '2015-01');
    for (const [code, name] of BENCH_ACCOUNTS) await s.ok('account', 'add', code, name);
  });
});
afterAll(() => tpl.cleanup());

function count(db: string, sql: string): number {
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare(sql).pluck().get() as number;
  } finally {
    d.close();
  }
}

/** A fresh copy of the template ledger. */
async function ledger(): Promise<Sandbox> {
  return Sandbox.from('import-reader', async () => undefined);
}

describe('the reader thread', () => {
  it('is there to run (the tests run the compiled worker of this tree)', () => {
    expect(readerScript()).not.toBeNull();
  });

  it('reports every bad row with its file and line, and nothing is written; the same words as in one thread', async () => {
    const sb = await ledger();
    try {
      // Line 1 is the header; line 3 has three decimals; line 5 names an account that does not exist;
      // line 7 makes voucher 4 unbalanced (100.00 against 90.00), reported at the voucher's first line 6.
      const rows =
        HEADER +
        '1,2024-03-05,收房费,10201,100.00,,,,\n' +
        '1,2024-03-05,收房费,50101,,100.001,,,\n' +
        '2,2024-03-06,付电费,51302,50.00,,,,\n' +
        '2,2024-03-06,付电费,99999,,50.00,,,\n' +
        '4,2024-03-07,收房费,10201,100.00,,,,\n' +
        '4,2024-03-07,收房费,50101,,90.00,,,\n';
      // The same rows, then enough blank lines (skipped) for the file to be read in the worker thread.
      const small = sb.file('bad.csv', rows);
      const large = sb.file('bad-large.csv', rows + '\n'.repeat(READER_THREAD_BYTES));
      expect(readerScriptFor(small)).toBeNull();
      expect(readerScriptFor(large)).not.toBeNull();
      const before = count(sb.db, 'SELECT COUNT(*) FROM audit_records');
      const r = await sb.run('import', 'vouchers', large);
      expectRefused(r, 'AMOUNT', 'ACCOUNT_UNKNOWN', 'VOUCHER_UNBALANCED');
      for (const line of [3, 5, 6]) expect(r.stderr).toContain(`${large}:${line}:`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(count(sb.db, 'SELECT COUNT(*) FROM vouchers')).toBe(0);
      expect(count(sb.db, 'SELECT COUNT(*) FROM voucher_lines')).toBe(0);
      expect(count(sb.db, 'SELECT COUNT(*) FROM balances')).toBe(0);
      expect(count(sb.db, 'SELECT COUNT(*) FROM audit_records')).toBe(before);
      const inline = await sb.run('import', 'vouchers', small);
      expect(inline.codes).toEqual(r.codes);
      expect(inline.stderr).toBe(r.stderr.replaceAll(large, small));
    } finally {
      sb.cleanup();
    }
  });

  it('a bad row after thousands of good ones: the batches already inserted are rolled back', async () => {
    const sb = await ledger();
    try {
      const file = path.join(sb.dir, 'big.csv');
      generateVoucherCsv(file, 60_000);
      expect(fs.statSync(file).size).toBeGreaterThan(READER_THREAD_BYTES);
      // One more voucher dated in the future of the test clock (2026-01-15): refused at its line.
      const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').length;
      fs.appendFileSync(file, '9999,2027-01-01,收房费,10201,1.00,,\n9999,2027-01-01,收房费,50101,,1.00,\n');
      const r = await sb.run('import', 'vouchers', file);
      expectRefused(r, 'ENTRY_FUTURE_DATE');
      expect(r.stderr).toContain(`${file}:${lines + 1}:`);
      expect(count(sb.db, 'SELECT COUNT(*) FROM vouchers')).toBe(0);
      expect(count(sb.db, 'SELECT COUNT(*) FROM voucher_lines')).toBe(0);
      // Nor are the balance sums the batches brought along (a file in date order hands over each month as it goes).
      for (const table of ['balances', 'member_balances', 'project_balances', 'party_balances']) expect(count(sb.db, `SELECT COUNT(*) FROM ${table}`), table).toBe(0);
    } finally {
      sb.cleanup();
    }
  });

  it('a voucher too large for the reader thread: the import runs again in one thread, once, the file recorded', async () => {
    const sb = await ledger();
    const limit = READER_LIMITS.maxOldGenerationSizeMb;
    // The reader's heap made small for the test, so that a file of a few MB overflows it.
    READER_LIMITS.maxOldGenerationSizeMb = 12;
    try {
      // One voucher of 70,000 lines (35,000 × 1.00 debit, 35,000 × 1.00 credit): its lines are
      // more than the reader thread may hold.
      const n = 35_000;
      const rows = '1,2024-03-05,收房费,10201,1.00,,\n'.repeat(n) + '1,2024-03-05,收房费,50101,,1.00,\n'.repeat(n);
      const file = sb.file('huge.csv', '凭证号,日期,摘要,科目编码,借方金额,贷方金额,项目\n' + rows);
      const script = readerScriptFor(file);
      expect(script).not.toBeNull();
      await expect(feedVouchersBeside(feedStart(file), { batch: () => undefined }, script)).rejects.toBeInstanceOf(ReaderOutOfMemory);
      await sb.ok('import', 'vouchers', file);
      expect(count(sb.db, 'SELECT COUNT(*) FROM vouchers')).toBe(1);
      expect(count(sb.db, 'SELECT COUNT(*) FROM voucher_lines')).toBe(2 * n);
      // 35,000 × 100 fen on each side.
      expect(count(sb.db, "SELECT debit FROM balances WHERE account = '10201'")).toBe(n * 100);
      expect(count(sb.db, "SELECT COUNT(*) FROM audit_records WHERE action = 'voucher.import'")).toBe(1);
      // The file was recorded by the write that committed: the same bytes again are refused.
      expectRefused(await sb.run('import', 'vouchers', file), 'FILE_IMPORTED_BEFORE');
      expect((await sb.run('verify')).code).toBe(0);
    } finally {
      READER_LIMITS.maxOldGenerationSizeMb = limit;
      sb.cleanup();
    }
  });

  it('a file that is not CSV is refused by the reader at line 1, as before', async () => {
    const sb = await ledger();
    try {
      const file = sb.file('ledger.csv', Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(200)]));
      const r = await sb.run('import', 'vouchers', file);
      expectRefused(r, 'CSV_NOT_TEXT');
      expect(r.stderr).toContain(`${file}:1:`);
      expect(count(sb.db, 'SELECT COUNT(*) FROM vouchers')).toBe(0);
      expect(count(sb.db, 'SELECT COUNT(*) FROM imported_files')).toBe(0);
    } finally {
      sb.cleanup();
    }
  });

  it('an import through the thread verifies, and its vouchers, lines and balances add up', async () => {
    const sb = await ledger();
    try {
      const file = path.join(sb.dir, 'ok.csv');
      const { vouchers, debit } = generateVoucherCsv(file, 60_000);
      expect(readerScriptFor(file)).not.toBeNull();
      await sb.ok('import', 'vouchers', file);
      expect(count(sb.db, 'SELECT COUNT(*) FROM vouchers')).toBe(vouchers);
      expect(count(sb.db, 'SELECT COUNT(*) FROM voucher_lines')).toBe(60_000);
      // Σ debit of the lines, of the balances and of the audit record: the generator's own sum.
      expect(BigInt(count(sb.db, 'SELECT SUM(debit) FROM voucher_lines'))).toBe(debit);
      expect(BigInt(count(sb.db, 'SELECT SUM(debit) FROM balances'))).toBe(debit);
      expect(BigInt(count(sb.db, "SELECT amount FROM audit_records WHERE action = 'voucher.import'"))).toBe(debit);
      // Ids and numbers run on without a gap: 1…n, each month numbered from 1.
      expect(count(sb.db, 'SELECT MAX(id) FROM vouchers')).toBe(vouchers);
      expect(count(sb.db, 'SELECT COUNT(*) FROM (SELECT period FROM vouchers GROUP BY period HAVING MAX(number) <> COUNT(*))')).toBe(0);
      const v = await sb.run('verify');
      expect(v.code).toBe(0);
    } finally {
      sb.cleanup();
    }
  });

  it('a preparer with a quote (digested by the query, not as rows are written) verifies too', async () => {
    const sb = await ledger();
    try {
      const file = sb.file('quote.csv', HEADER + '1,2024-03-05,收房费,10201,100.00,,,,"王""会计"\n1,2024-03-05,收房费,50101,,100.00,,,\n');
      await sb.ok('import', 'vouchers', file);
      const d = new Database(sb.db, { readonly: true });
      try {
        expect(d.prepare('SELECT preparer FROM vouchers').pluck().get()).toBe('王"会计');
      } finally {
        d.close();
      }
      expect((await sb.run('verify')).code).toBe(0);
    } finally {
      sb.cleanup();
    }
  });
});

/** What the write would hand the reader over the template ledger (accounts of the generated books). */
const feedStart = (file: string): FeedStart => ({
  file,
  now: '2026-01-15 10:00:00',
  today: '2026-01-15',
  accounts: [
    ...['101', '501', '511', '513'].map((code) => ({ code, name: code, side: '借' as const, class: '', level: 1, parent: null, isLeaf: code === '101' })),
    ...BENCH_ACCOUNTS.map(([code, name]) => ({ code, name, side: '借' as const, class: '', level: 2, parent: code.slice(0, 3), isLeaf: true })),
  ],
  members: [],
  projects: ['main'],
  closed: [],
  start: '2015-01',
  head: '0'.repeat(64),
  firstId: 1,
  maxNumbers: [['2015-01', 7]],
  rowsDigest: true,
  hash: true,
});

describe('the reader in a thread and in this one', () => {
  const start = feedStart;
  const collect = () => {
    const batches: VoucherBatch[] = [];
    // Copies of the parts in use: the thread's arrays are given back and filled again.
    const copy = (b: VoucherBatch): VoucherBatch => ({
      ...b,
      vNum: b.vNum.slice(0, b.vouchers * 3),
      vText: b.vText.slice(0, b.vouchers * 4),
      lNum: b.lNum.slice(0, b.lines * 2),
      lText: b.lText.slice(0, b.lines * 4),
      textEnds: b.textEnds.slice(),
    });
    return { batches, sink: { batch: (b: VoucherBatch) => void batches.push(copy(b)) } };
  };

  it('make the same batches, sums, chain and digest', async () => {
    const sb = new Sandbox('feed');
    try {
      const file = path.join(sb.dir, 'v.csv');
      generateVoucherCsv(file, 30_000);
      const a = collect();
      const b = collect();
      const inline = await feedVouchers(start(file), a.sink);
      const threaded = await feedVouchersBeside(start(file), b.sink);
      expect(a.batches.length).toBeGreaterThan(5);
      expect(b.batches).toEqual(a.batches);
      expect(threaded).toEqual(inline);
      // The first batch is small, each next one twice as large, up to 1,024 vouchers (30,000 lines
      // of some two to four lines a voucher: the line cap of 4,096 is not reached first).
      expect(a.batches.slice(0, 6).map((x) => x.vouchers)).toEqual([64, 128, 256, 512, 1024, 1024]);
      // A reader started before what it is to read was known makes the same.
      const c = collect();
      const reader = await startReader(readerScript()!);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await feedVouchersBeside(start(file), c.sink, reader)).toEqual(inline);
      expect(c.batches).toEqual(a.batches);
      expect(inline.errorCount).toBe(0);
      expect(inline.rowsDigest).toMatch(/^[0-9a-f]{64}$/);
      // January 2015 had vouchers up to 7: its first imported voucher is number 8.
      expect(a.batches[0].vNum[0]).toBe(8);
    } finally {
      sb.cleanup();
    }
  });

  it('a reader that exits, throws or runs out of memory ends the import with an error, not a wait', async () => {
    const sb = new Sandbox('feed-fail');
    try {
      const sink = { batch: () => undefined };
      const exits = sb.file('exits.cjs', 'process.exit(3);\n');
      await expect(feedVouchersBeside(start('x.csv'), sink, exits)).rejects.toThrow(/exited with code 3/);
      const throws = sb.file('throws.cjs', "throw new Error('boom');\n");
      await expect(feedVouchersBeside(start('x.csv'), sink, throws)).rejects.toThrow(/reader thread failed.*boom/);
      // A reader started early that ends before anyone listens: its end is heard all the same.
      const early = await startReader(exits);
      await new Promise((resolve) => early.worker.once('exit', resolve));
      await expect(feedVouchersBeside(start('x.csv'), sink, early)).rejects.toThrow(/exited with code 3/);
      const hungry = sb.file('hungry.cjs', 'const a = []; for (;;) a.push({ n: a.length, s: String(a.length) });\n');
      await expect(feedVouchersBeside(start('x.csv'), sink, hungry)).rejects.toBeInstanceOf(ReaderOutOfMemory);
      // A failed system call in the reader comes back with its code and path, for the CLI to word as before.
      const denied = sb.file(
        'denied.cjs',
        "require('node:worker_threads').parentPort.postMessage({ type: 'error', message: 'EACCES: permission denied', system: { code: 'EACCES', syscall: 'open', path: 'x.csv' } });\n",
      );
      await expect(feedVouchersBeside(start('x.csv'), sink, denied)).rejects.toMatchObject({ code: 'EACCES', syscall: 'open', path: 'x.csv' });
    } finally {
      sb.cleanup();
    }
  });

  it('an insert that fails stops the reader and passes the error on', async () => {
    const sb = new Sandbox('feed-insert');
    try {
      const file = path.join(sb.dir, 'v.csv');
      generateVoucherCsv(file, 10_000);
      const failing = {
        batch: () => {
          throw new Error('disk full');
        },
      };
      await expect(feedVouchersBeside(start(file), failing)).rejects.toThrow('disk full');
    } finally {
      sb.cleanup();
    }
  });
});
