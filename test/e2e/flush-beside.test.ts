// A large write's files flushed to disk beside it (native/sqlite-flush.c, src/store/flush-beside.ts):
// the thread runs while the write does and only then, whatever the write's end; the files it
// flushes are closed only after the ledger's own connection (closing a descriptor of the ledger
// drops the process's locks on it, SQLite's included); a large import starts it, a small one not.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Sandbox } from '../harness.js';
import { BENCH_ACCOUNTS, generateVoucherCsv } from '../gen-vouchers.js';
import { FlushBeside } from '../../src/store/flush-beside.js';
import { Ledger } from '../../src/store/ledger.js';
import { nativeSqlite } from '../../src/store/native-sqlite.js';
import { sqlOf } from '../../src/store/internal.js';
import { READER_THREAD_BYTES } from '../../src/commands/import-vouchers-thread.js';

let tpl: Sandbox;
const made: Sandbox[] = [];
beforeAll(async () => {
  tpl = await Sandbox.from('flush-beside', async (s) => {
    await s.ok('init', '--name', '刷盘测试村', '--start', '2015-01');
    for (const [code, name] of BENCH_ACCOUNTS) await s.ok('account', 'add', code, name);
  });
});
afterAll(() => {
  for (const s of [tpl, ...made]) s?.cleanup();
});
afterEach(() => {
  vi.restoreAllMocks();
});

async function sandbox(): Promise<Sandbox> {
  const sb = await Sandbox.from('flush-beside', async () => undefined);
  made.push(sb);
  return sb;
}

/** This process's open descriptors of the ledger and its -wal. */
function openOn(file: string): number {
  const want = new Set([fs.realpathSync(file), `${fs.realpathSync(file)}-wal`]);
  let n = 0;
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    try {
      if (want.has(fs.readlinkSync(`/proc/self/fd/${fd}`))) n++;
    } catch {
      // (the descriptor of the listing itself, gone)
    }
  }
  return n;
}

const meta = { action: 'test.write', by: 'test', at: '2026-01-15 10:00:00' };
/** 0 when a flushing thread is running (else one is started, with nothing to flush: stop it). */
const running = (l: Ledger) => (nativeSqlite(sqlOf(l)), sqlOf(l).prepare('SELECT sanzi_flush_start(1000, 0)').pluck().get());
/** Stops the thread running: null when there was none. */
const stopped = (l: Ledger) => (nativeSqlite(sqlOf(l)), sqlOf(l).prepare('SELECT sanzi_flush_stop()').pluck().get());

describe('the flushing thread (SQL)', () => {
  it('starts once, is refused bad arguments, stops with the rounds it made, and is not for views', async () => {
    const sb = await sandbox();
    const db = new Database(path.join(sb.dir, 'plain.db'));
    try {
      expect(nativeSqlite(db)).toBe(true);
      const one = (sql: string) => db.prepare(sql).pluck().get();
      expect(() => one('SELECT sanzi_flush_start(25)')).toThrow(/one to four files/);
      expect(() => one('SELECT sanzi_flush_start(0, 1)')).toThrow(/whole numbers/);
      expect(() => one("SELECT sanzi_flush_start(25, '1')")).toThrow(/whole numbers/);
      expect(() => one('SELECT sanzi_flush_start(25, 1.5)')).toThrow(/whole numbers/);
      expect(() => one('SELECT sanzi_flush_start(25, -1)')).toThrow(/whole numbers/);
      expect(one('SELECT sanzi_flush_stop()')).toBe(null);
      const fd = fs.openSync(path.join(sb.dir, 'plain.db'), 'r');
      try {
        expect(one(`SELECT sanzi_flush_start(5, ${fd})`)).toBe(1);
        expect(one(`SELECT sanzi_flush_start(5, ${fd})`)).toBe(0);
        await new Promise((r) => setTimeout(r, 30));
        const rounds = one('SELECT sanzi_flush_stop()') as number;
        expect(rounds).toBeGreaterThanOrEqual(2);
        expect(one('SELECT sanzi_flush_stop()')).toBe(null);
        // A view of a ledger file cannot start or stop it (SQLITE_DIRECTONLY).
        db.exec('CREATE VIEW v AS SELECT sanzi_flush_stop() AS x');
        expect(() => one('SELECT x FROM v')).toThrow(/unsafe use of sanzi_flush_stop/);
      } finally {
        fs.closeSync(fd);
      }
    } finally {
      db.close();
    }
  });
});

describe('a large write', () => {
  it('flushes while it runs, stops at COMMIT, and keeps its files open until the ledger is closed', async () => {
    const sb = await sandbox();
    const l = Ledger.open(sb.db);
    const before = openOn(sb.db);
    let during = -1;
    let inside: unknown;
    l.write(meta, () => {
      inside = running(l);
      during = openOn(sb.db);
    }, { large: true });
    expect(inside).toBe(0); // one was running already: the write's
    expect(during).toBe(before + 2); // the ledger and its -wal
    expect(stopped(l)).toBe(null); // none left running
    expect(openOn(sb.db)).toBe(before + 2); // still open after COMMIT: the connection is
    l.close();
    expect(openOn(sb.db)).toBe(0);
  });

  it('stops when the write is refused, and writes nothing', async () => {
    const sb = await sandbox();
    const l = Ledger.open(sb.db);
    const count = () => sqlOf(l).prepare('SELECT count(*) FROM audit_records').pluck().get();
    const n = count();
    expect(() =>
      l.write(meta, (tx) => {
        expect(running(l)).toBe(0);
        tx.describe('never');
        throw new Error('refused');
      }, { large: true }),
    ).toThrow('refused');
    expect(count()).toBe(n);
    expect(stopped(l)).toBe(null);
    l.close();
    expect(openOn(sb.db)).toBe(0);
  });

  it('a write not marked large has no thread and opens nothing', async () => {
    const sb = await sandbox();
    const l = Ledger.open(sb.db);
    const before = openOn(sb.db);
    l.write(meta, () => {
      expect(stopped(l)).toBe(null);
      expect(openOn(sb.db)).toBe(before);
    });
    l.close();
  });
});

describe('the imports that are large writes', () => {
  it('import vouchers of a large file flushes beside it; of a small one not', async () => {
    const start = vi.spyOn(FlushBeside, 'start');
    const stop = vi.spyOn(FlushBeside.prototype, 'stop');
    const sb = await sandbox();
    const big = sb.file('big.csv', '');
    generateVoucherCsv(big, 60_000);
    expect(fs.statSync(big).size).toBeGreaterThanOrEqual(READER_THREAD_BYTES);
    await sb.ok('import', 'vouchers', big);
    expect(start).toHaveBeenCalledTimes(1);
    expect(start.mock.calls[0][1]).toBe(sb.db);
    expect(start.mock.results[0].value).not.toBe(null);
    expect(stop.mock.results.some((r) => (r.value as number) >= 1)).toBe(true);
    expect((await sb.run('verify')).code).toBe(0);

    start.mockClear();
    const small = sb.file('small.csv', '凭证号,日期,摘要,科目编码,借方金额,贷方金额\n1,2025-03-01,小额,10201,1.00,\n1,2025-03-01,小额,50101,,1.00\n');
    await sb.ok('import', 'vouchers', small);
    expect(start).not.toHaveBeenCalled();
  });

  it('import members of 10,000 rows flushes beside it; of a few not', async () => {
    const start = vi.spyOn(FlushBeside, 'start');
    const sb = await sandbox();
    const rows = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => `M${String(from + i).padStart(6, '0')},成员${from + i},,H${from + i},户主,2016-01-01,`).join('\n');
    const header = '成员编号,姓名,身份证号,户号,与户主关系,加入日期,状态\n';
    await sb.ok('import', 'members', sb.file('few.csv', header + rows(1, 10) + '\n'));
    expect(start).not.toHaveBeenCalled();
    await sb.ok('import', 'members', sb.file('many.csv', header + rows(10_000, 10_000) + '\n'));
    expect(start).toHaveBeenCalledTimes(1);
    expect(start.mock.results[0].value).not.toBe(null);
  });
});
