// A large write's files flushed to disk beside it (native/sqlite-flush.c, src/store/flush-beside.ts):
// the thread runs while the write does and only then, whatever the write's end, and belongs to the
// connection that started it; the ledger's descriptor is never closed (closing a descriptor of the
// ledger drops the process's locks on it, SQLite's included), the -wal's once the thread has ended
// (in WAL mode: a large write alone goes through a rollback journal, and has no -wal);
// a large import starts it, a small one not.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateVoucherCsv } from '../gen-vouchers.js';
import { benchSandboxes } from '../bench-sandboxes.js';
import { FlushBeside } from '../../src/store/flush-beside.js';
import { Ledger } from '../../src/store/ledger.js';
import { nativeSqlite } from '../../src/store/native-sqlite.js';
import { sqlOf } from '../../src/store/internal.js';
import { READER_THREAD_BYTES } from '../../src/commands/import-vouchers-thread.js';

const sandbox = benchSandboxes('flush-beside', '刷盘测试村');
afterEach(() => {
  vi.restoreAllMocks();
});

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
      expect(() => one('SELECT sanzi_flush_start(1001, 1)')).toThrow(/whole numbers/); // at most a second
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

  it('belongs to the connection that started it, which alone stops it, and ends when that connection closes', async () => {
    const sb = await sandbox();
    const open = () => {
      const d = new Database(path.join(sb.dir, 'plain.db'));
      expect(nativeSqlite(d)).toBe(true);
      return d;
    };
    const a = open();
    const b = open();
    const one = (d: Database.Database, sql: string) => d.prepare(sql).pluck().get();
    const fd = fs.openSync(path.join(sb.dir, 'plain.db'), 'r');
    try {
      expect(one(a, `SELECT sanzi_flush_start(5, ${fd})`)).toBe(1);
      expect(one(b, `SELECT sanzi_flush_start(5, ${fd})`)).toBe(0); // a's is running
      expect(one(b, 'SELECT sanzi_flush_stop()')).toBe(null); // not b's to stop
      // a closed without stopping it: its thread ended with it (a new one can start; the process lives on).
      a.close();
      await new Promise((r) => setTimeout(r, 20));
      expect(one(b, `SELECT sanzi_flush_start(5, ${fd})`)).toBe(1);
      expect(typeof one(b, 'SELECT sanzi_flush_stop()')).toBe('number');
    } finally {
      if (a.open) a.close();
      b.close();
      fs.closeSync(fd);
    }
  });
});

/** This process's POSIX locks on a file (/proc/locks, by inode). */
function locksOn(file: string): number {
  const ino = fs.statSync(file).ino;
  return fs
    .readFileSync('/proc/locks', 'utf8')
    .split('\n')
    .filter((l) => l.includes(' POSIX ') && l.split(/\s+/)[4] === String(process.pid) && l.split(/\s+/)[5]?.endsWith(`:${ino}`)).length;
}

/**
 * Another connection to the ledger, that has read it (its -wal and -shm open): a large write then
 * stays in WAL mode (rollback-journal.ts), and flushes the -wal beside the ledger.
 */
function walReader(file: string): Database.Database {
  const other = new Database(file);
  other.prepare('SELECT count(*) FROM accounts').get();
  return other;
}

describe('a large write', () => {
  it("flushes while it runs, stops at COMMIT, closes the -wal's descriptor and keeps the ledger's", async () => {
    const sb = await sandbox();
    const l = Ledger.open(sb.db);
    const reader = walReader(sb.db);
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
    expect(openOn(sb.db)).toBe(before + 1); // the -wal's closed after COMMIT, the ledger's kept
    l.write(meta, () => undefined, { large: true });
    expect(openOn(sb.db)).toBe(before + 1); // the same one again, not another
    l.close();
    reader.close();
    expect(openOn(sb.db)).toBe(1);
  });

  it('through the rollback journal (no other connection): flushes the ledger alone, and leaves it in WAL mode', async () => {
    const sb = await sandbox();
    const l = Ledger.open(sb.db);
    let inside: unknown;
    let mode = '';
    let wal = true;
    l.write(meta, (tx) => {
      inside = running(l);
      mode = sqlOf(l).pragma('journal_mode', { simple: true }) as string;
      wal = fs.existsSync(`${sb.db}-wal`);
      tx.describe('written');
    }, { large: true });
    expect(inside).toBe(0); // the write's was running
    expect(mode).toBe('delete');
    expect(wal).toBe(false);
    expect(stopped(l)).toBe(null);
    expect(sqlOf(l).pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlOf(l).prepare("SELECT count(*) FROM audit_records WHERE summary = 'written'").pluck().get()).toBe(1);
    l.close();
    expect(openOn(sb.db)).toBe(1); // the ledger's, kept for the process's life
  });

  it('flushes the -wal beside the file a symbolic link names', async () => {
    const sb = await sandbox();
    const link = path.join(sb.dir, 'link.db');
    fs.symlinkSync(sb.db, link);
    const l = Ledger.open(link);
    const reader = walReader(sb.db);
    try {
      const before = openOn(sb.db);
      let during = -1;
      l.write(meta, () => {
        during = openOn(sb.db);
      }, { large: true });
      expect(fs.existsSync(`${link}-wal`)).toBe(false);
      expect(during).toBe(before + 2); // the ledger and its own -wal
    } finally {
      l.close();
      reader.close();
    }
  });

  it("keeps the ledger's locks when its thread cannot start (another connection's is running)", async () => {
    const sb = await sandbox();
    const other = new Database(path.join(sb.dir, 'plain.db'));
    expect(nativeSqlite(other)).toBe(true);
    const fd = fs.openSync(path.join(sb.dir, 'plain.db'), 'r');
    const l = Ledger.open(sb.db);
    // (In WAL mode, where an idle connection holds locks on the ledger.)
    const reader = walReader(sb.db);
    try {
      expect(other.prepare(`SELECT sanzi_flush_start(5, ${fd})`).pluck().get()).toBe(1);
      const start = vi.spyOn(FlushBeside, 'start');
      const held = locksOn(sb.db);
      let during = -1;
      l.write(meta, (tx) => {
        during = locksOn(sb.db);
        tx.describe('written');
      }, { large: true });
      expect(start.mock.results[0].value).toBe(null);
      expect(held).toBeGreaterThan(0);
      expect(during).toBeGreaterThanOrEqual(held); // (a write takes more, never fewer)
      // None dropped (closing a descriptor of the file would drop them all); under load a lock of
      // SQLite's own may be seen taken a moment later, so more is not a failure.
      expect(locksOn(sb.db)).toBeGreaterThanOrEqual(held);
      expect(other.prepare('SELECT sanzi_flush_stop()').pluck().get()).not.toBe(null); // still the other's
    } finally {
      l.close();
      reader.close();
      other.close();
      fs.closeSync(fd);
    }
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
    // import shares of 10,000 rows too, of a few not.
    await sb.ok('project', 'add', 'tq', '--name', '汤泉民宿', '--par', '1');
    const grants = (from: number, n: number) =>
      '日期,成员编号,项目,股种,股数,说明\n' + Array.from({ length: n }, (_, i) => `2016-01-01,M${String(from + i).padStart(6, '0')},tq,人口股,1,`).join('\n') + '\n';
    start.mockClear();
    await sb.ok('import', 'shares', sb.file('few-shares.csv', grants(1, 10)));
    expect(start).not.toHaveBeenCalled();
    await sb.ok('import', 'shares', sb.file('many-shares.csv', grants(10_000, 10_000)));
    expect(start).toHaveBeenCalledTimes(1);
    expect(start.mock.results[0].value).not.toBe(null);
  });
});
