// verify on several threads (src/store/verify-parallel.ts) finds what verify on one thread finds, in
// the same words and order, with the same exit code; a ledger whose write lock cannot be taken (a
// read-only file, another writer at work) is verified on one thread.
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox, runCli, type RunResult } from '../harness.js';
import { verifyLedgerFileAsync } from '../../src/store/verify-parallel.js';
import { runChecks, verifyDb } from '../../src/store/verify.js';
import { openLedgerFile } from '../../src/store/db.js';
import { ROOT, buildDemoLedger, clean, copyLedger, sanziSync, tamperFreely, tamperIndex } from './trust-helpers.js';

let demo: Sandbox;
const made: Sandbox[] = [];

beforeAll(() => {
  demo = new Sandbox('verify-threads-demo');
  buildDemoLedger(demo.db, demo.dir);
}, 120_000);
afterAll(() => {
  for (const s of [demo, ...made]) s?.cleanup();
});

function fresh(): Sandbox {
  const sb = new Sandbox('verify-threads');
  made.push(sb);
  copyLedger(demo.db, sb.db);
  return sb;
}

/** Run SQL on the ledger behind sanzi's back, without its triggers and foreign keys. */
const tamper = (file: string, sql: string): void => tamperFreely(file, sql);

const verify = (sb: Sandbox, threads: '0' | '1'): Promise<RunResult> => runCli(['--db', sb.db, 'verify'], { cwd: sb.dir, env: { SANZI_VERIFY_THREADS: threads } });

/** verify on one thread and on several: the same exit code, output and error codes. */
async function same(sb: Sandbox): Promise<RunResult> {
  const one = await verify(sb, '0');
  const many = await verify(sb, '1');
  expect(many.code).toBe(one.code);
  expect(many.stdout).toBe(one.stdout);
  expect(many.stderr).toBe(one.stderr);
  expect(many.codes).toEqual(one.codes);
  expect(clean(many.stderr), many.stderr).toBe(true);
  return many;
}

describe('verify on several threads', () => {
  it('runs its checks on two threads and finds a clean ledger clean, in the same words', async () => {
    const sb = fresh();
    const r = await verifyLedgerFileAsync(sb.db, { threads: true });
    expect(r.threads).toBe(2);
    expect(r.findings).toEqual([]);
    const n = new Database(sb.db, { readonly: true }).prepare('SELECT COUNT(*) FROM vouchers').pluck().get() as number;
    expect(r.vouchers).toBe(n);
    const out = await same(sb);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`账套完好：${n} 张凭证`);
  });

  it('reports what each thread finds, in the order and with the counts of one thread, and exits 3', async () => {
    const sb = fresh();
    // The main thread's checks: 25 vouchers changed (25 HASH_CHAIN, past the 20 listed) and their
    // balances. The SQLite thread's: a share movement of no member (FOREIGN_KEY). The audit
    // thread's: a member's name changed, the movement unrecorded, an index added.
    tamper(
      sb.db,
      `UPDATE voucher_lines SET debit = debit + 1 WHERE line_no = 1 AND debit > 0 AND voucher_id IN (SELECT id FROM vouchers ORDER BY id LIMIT 25);
       UPDATE members SET name = name || '改' WHERE rowid = (SELECT MIN(rowid) FROM members);
       INSERT INTO share_movements(project, member, date, share_class, units, kind, created_at)
         SELECT project, 'NOBODY', date, share_class, units, kind, created_at FROM share_movements LIMIT 1;
       CREATE INDEX extra_index ON members(name);`,
    );
    const r = await verifyLedgerFileAsync(sb.db, { threads: true });
    expect(r.threads).toBe(2);
    const out = await same(sb);
    expect(out.code).toBe(3);
    for (const c of ['HASH_CHAIN', 'UNBALANCED', 'BALANCES', 'FOREIGN_KEY', 'AUDIT_ROW_CHANGED', 'AUDIT_ROW_UNRECORDED', 'SCHEMA_CHANGED', 'MORE_FINDINGS']) {
      expect(out.codes, out.stderr).toContain(c);
    }
    // 20 of the 25 broken links listed, the other 5 counted.
    expect(out.codes.filter((c) => c === 'HASH_CHAIN')).toHaveLength(20);
    expect(r.findings.map((e) => e.code)).toEqual(out.codes);
  });

  it('an index edited alone: found by the worker as on one thread, and by --full on both', async () => {
    const sb = fresh();
    tamperIndex(sb.db, 'share_movements_holdings', (t) => `UPDATE ${t} SET units = units + 1 WHERE rid = (SELECT min(id) FROM share_movements WHERE contribution_id IS NOT NULL)`);
    tamperIndex(sb.db, 'voucher_lines_account', (t) => `UPDATE ${t} SET account = '10201' WHERE account = '101' AND voucher_id = (SELECT min(voucher_id) FROM ${t} WHERE account = '101')`);
    const r = await verifyLedgerFileAsync(sb.db, { threads: true });
    expect(r.threads).toBe(2);
    expect(r.findings.map((e) => e.zh)).toEqual([expect.stringContaining('索引 share_movements_holdings 与表 share_movements')]);
    expect((await same(sb)).codes).toEqual(['INDEX_MISMATCH']);
    const full = await verifyLedgerFileAsync(sb.db, { threads: true, full: true });
    expect(full.threads).toBe(2);
    const db = openLedgerFile(sb.db, { readonly: true });
    try {
      expect(full.findings).toEqual(verifyDb(db, { full: true }));
    } finally {
      db.close();
    }
    expect(full.findings.map((e) => e.zh).sort()).toEqual([
      expect.stringContaining('索引 share_movements_holdings 与表 share_movements'),
      expect.stringContaining('索引 voucher_lines_account 与表 voucher_lines'),
    ]);
  });

  it('a check that SQLite cannot run on a worker is a finding there, as on one thread', async () => {
    const sb = fresh();
    // The registers' and the audit's checks read contract_payments: gone, each reports it unreadable.
    tamper(sb.db, 'DROP TABLE contract_payments;');
    const r = await verifyLedgerFileAsync(sb.db, { threads: true });
    expect(r.threads).toBe(2);
    const out = await same(sb);
    expect(out.code).toBe(3);
    expect(out.codes).toContain('SCHEMA_CHANGED');
    expect(out.codes).toContain('UNREADABLE');
  });

  it('a voucher without lines and a gap in the numbering, named by voucher', async () => {
    const sb = fresh();
    const db = new Database(sb.db, { readonly: true });
    // A voucher of a month with later vouchers, and the last voucher of another month.
    const bare = db.prepare("SELECT id, period || '/' || number AS ref FROM vouchers WHERE kind = 'manual' ORDER BY id LIMIT 1").get() as { id: number; ref: string };
    const last = db
      .prepare("SELECT id, period, number FROM vouchers WHERE kind = 'depreciation' AND id <> ? ORDER BY id LIMIT 1")
      .get(bare.id) as { id: number; period: string; number: number };
    const top = db.prepare('SELECT MAX(number) FROM vouchers WHERE period = ?').pluck().get(last.period) as number;
    db.close();
    tamper(sb.db, `DELETE FROM voucher_lines WHERE voucher_id = ${bare.id}; UPDATE vouchers SET number = ${top + 5} WHERE id = ${last.id};`);
    const out = await same(sb);
    expect(out.code).toBe(3);
    expect(out.stderr).toContain(`凭证 ${bare.ref}: 凭证没有分录`);
    expect(out.stderr).toContain(`凭证 ${bare.ref}: 凭证内容与防篡改校验码不符`);
    // The renumbered voucher breaks the numbering where it stands and again at the voucher after it
    // in its month (each expects the number after the one before it, in posting order).
    expect(out.stderr).toContain(`凭证 ${last.period}/${top + 5}: 凭证号不连续：应为第${last.number}号`);
    expect(out.codes).toContain('NUMBER_GAP');
  });

  it('register rows with quotes, backslashes, control characters and emoji: clean as written, changed when edited', async () => {
    const sb = new Sandbox('verify-threads-text');
    made.push(sb);
    await sb.ok('init', '--name', '测试村', '--start', '2024-01');
    await sb.ok('member', 'add', 'M"1\\', '--name', '王\t"小\\二"\n😀', '--bank', '\u0001银行\u2028', '--household', 'H01');
    await sb.ok('member', 'add', 'M2', '--name', '李四');
    expect((await same(sb)).code).toBe(0);
    tamper(sb.db, `UPDATE members SET name = '王\t"小\\二"' WHERE id = 'M"1\\'`);
    const out = await same(sb);
    expect(out.code).toBe(3);
    expect(out.codes).toEqual(['AUDIT_ROW_CHANGED']);
    expect(out.stderr).toContain('表 members 第 1 行与审计留痕记录的内容不符');
  });

  it('rows far apart: one added at a rowid past 2^32, one deleted, each named once', async () => {
    const sb = fresh();
    const db = new Database(sb.db, { readonly: true });
    const gone = db.prepare('SELECT MAX(rowid) FROM members').pluck().get() as number;
    db.close();
    tamper(
      sb.db,
      `INSERT INTO members(rowid, id, name, status, created_at) VALUES (5000000000, 'FAR', '远', '正常', '2024-01-01 00:00:00');
       DELETE FROM members WHERE rowid = ${gone};`,
    );
    const out = await same(sb);
    expect(out.code).toBe(3);
    expect(out.codes.filter((c) => c.startsWith('AUDIT_ROW'))).toEqual(['AUDIT_ROW_UNRECORDED', 'AUDIT_ROW_MISSING']);
    expect(out.stderr).toContain('表 members 第 5000000000 行');
    expect(out.stderr).toContain(`表 members 第 ${gone} 行`);
  });

  it('lines of no voucher are named by the voucher id they claim, after the findings of the chain', async () => {
    const sb = fresh();
    tamper(
      sb.db,
      `INSERT INTO voucher_lines(voucher_id, line_no, account, debit, credit) VALUES (999001, 1, '101', 5, 0), (999001, 2, '501', 0, 5);
       UPDATE vouchers SET summary = summary || '改' WHERE id = 1;`,
    );
    const out = await same(sb);
    expect(out.code).toBe(3);
    // The chain's finding, then the stray lines (lines of no voucher are no voucher's sums).
    expect(out.codes).toEqual(['HASH_CHAIN', 'AUDIT_VOUCHERS']);
    expect(out.stderr).toContain('凭证（内部编号 999001–999001）没有审计记录');
  });

  it('a ledger in rollback-journal mode (a backup, say) is verified on two threads too', async () => {
    const sb = fresh();
    const db = new Database(sb.db);
    db.pragma('journal_mode = DELETE');
    db.close();
    const r = await verifyLedgerFileAsync(sb.db, { threads: true });
    expect(r.threads).toBe(2);
    expect(r.findings).toEqual([]);
    tamper(sb.db, "UPDATE vouchers SET summary = summary || '改' WHERE id = 2;");
    const out = await same(sb);
    expect(out.code).toBe(3);
    expect(out.codes).toEqual(['HASH_CHAIN']);
    const after = new Database(sb.db, { readonly: true });
    expect(after.pragma('journal_mode', { simple: true })).toBe('delete'); // verify left it as it was
    after.close();
  });

  it('a read-only ledger is verified on one thread, clean or damaged', async () => {
    const sb = fresh();
    fs.chmodSync(sb.db, 0o444);
    const r = await verifyLedgerFileAsync(sb.db, { threads: true });
    expect(r.threads).toBe(1);
    expect(r.findings).toEqual([]);
    expect((await same(sb)).code).toBe(0);

    fs.chmodSync(sb.db, 0o644);
    tamper(sb.db, "UPDATE vouchers SET summary = summary || '改' WHERE id = 1;");
    fs.chmodSync(sb.db, 0o444);
    const bad = await same(sb);
    expect(bad.code).toBe(3);
    expect(bad.codes).toContain('HASH_CHAIN');
  });

  it('while another writer holds the lock, verify does not wait for it: one thread, the committed state', async () => {
    const sb = fresh();
    const holder = new Database(sb.db);
    try {
      holder.exec('BEGIN IMMEDIATE');
      holder.exec("UPDATE members SET name = name || '改' WHERE rowid = (SELECT MIN(rowid) FROM members)");
      const r = await verifyLedgerFileAsync(sb.db, { threads: true });
      expect(r.threads).toBe(1);
      expect(r.findings).toEqual([]); // the uncommitted edit is not seen
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  });

  it('lets go of the write lock once every thread has its snapshot (its own checks under way): a write then commits at once, and is not in what verify saw', async () => {
    const sb = fresh();
    const { count } = new Database(sb.db, { readonly: true }).prepare('SELECT COUNT(*) AS count FROM vouchers').get() as { count: number };
    let wrote = false;
    const r = await verifyLedgerFileAsync(sb.db, {
      threads: true,
      onSnapshot: () => {
        // No waiting: the write fails at once (SQLITE_BUSY) if verify still held the lock.
        const writer = new Database(sb.db);
        try {
          writer.pragma('busy_timeout = 0');
          writer.exec('BEGIN IMMEDIATE');
          // A voucher with no lines and a hash of nothing: verify would name it, were it in its snapshot.
          writer.exec(`INSERT INTO vouchers (period, number, date, summary, kind, created_at, hash)
                       SELECT period, number + 1, date, '后补', 'manual', created_at, 'x' FROM vouchers ORDER BY id DESC LIMIT 1`);
          writer.exec('COMMIT');
          wrote = true;
        } finally {
          writer.close();
        }
      },
    });
    expect(wrote).toBe(true);
    expect(r.threads).toBe(2);
    expect(r.findings).toEqual([]);
    expect(r.vouchers).toBe(count);
    const after = await verifyLedgerFileAsync(sb.db, { threads: true });
    expect(after.vouchers).toBe(count + 1);
    expect(after.findings.map((f) => f.code)).toEqual(expect.arrayContaining(['HASH_CHAIN', 'NO_LINES']));
  });

  it('the bundled worker (npm run build) reports what the checks report here, and the built CLI exits 3 on damage', async () => {
    const sb = fresh();
    tamper(sb.db, "UPDATE members SET name = name || '改' WHERE rowid = 1; UPDATE vouchers SET summary = summary || '改' WHERE id = 3;");
    const checks = ['sqlite', 'schema', 'orphans', 'registers', 'audit', 'declarations', 'closing'] as const;
    const script = path.join(ROOT, 'dist', 'bundle', 'verify-worker.cjs');
    const snapshots = new Int32Array(new SharedArrayBuffer(8));
    const messages = await new Promise<unknown[]>((resolve, reject) => {
      const got: unknown[] = [];
      const w = new Worker(script, { workerData: { file: sb.db, checks, busyMs: 5000, snapshots, index: 1 } });
      w.on('message', (m) => got.push(m));
      w.on('error', reject);
      w.on('exit', () => resolve(got));
    });
    const db = new Database(sb.db, { readonly: true });
    const here = runChecks(db, checks);
    db.close();
    expect(messages).toEqual([{ ready: true }, { outcomes: here }]);
    // The worker said it had its snapshot in the shared flags too, at its own index.
    expect([...snapshots]).toEqual([0, 1]);
    expect(here.audit?.list.map((e) => e.code)).toEqual(['AUDIT_ROW_CHANGED']);

    const one = sanziSync(['--db', sb.db, 'verify'], { env: { SANZI_VERIFY_THREADS: '0' } });
    const two = sanziSync(['--db', sb.db, 'verify'], { env: { SANZI_VERIFY_THREADS: '1' } });
    expect(two.status).toBe(3);
    expect(two.stderr).toBe(one.stderr);
    expect(two.stderr).toContain('凭证内容与防篡改校验码不符');
  });

  it('a worker the main thread has marked late begins no checks: it says so, and they run on the main thread', async () => {
    const sb = fresh();
    const script = path.join(ROOT, 'dist', 'bundle', 'verify-worker.cjs');
    const snapshots = new Int32Array(new SharedArrayBuffer(4));
    snapshots[0] = 2; // SNAPSHOT_LATE
    const messages = await new Promise<unknown[]>((resolve, reject) => {
      const got: unknown[] = [];
      const w = new Worker(script, { workerData: { file: sb.db, checks: ['sqlite', 'audit'], busyMs: 5000, snapshots, index: 0 } });
      w.on('message', (m) => got.push(m));
      w.on('error', reject);
      w.on('exit', () => resolve(got));
    });
    expect(messages).toEqual([{ late: true }]);
    expect(snapshots[0]).toBe(2);
  });

  it('the chain from SQLite\u2019s texts finds what the chain from the lines finds, and the sums by runs what SQL sums', () => {
    /** verify's findings read each way: texts and run sums, the lines themselves, texts with SQL's sums. */
    const ways = (file: string) => {
      const db = openLedgerFile(file, { keepJournalMode: true });
      try {
        const show = (o: Parameters<typeof verifyDb>[1]) => verifyDb(db, o).map((x) => `${x.code} ${x.zh} ${x.source?.voucher ?? ''}`);
        return { texts: show({}), lines: show({ byLines: true }), sql: show({ maxRuns: 0 }), small: show({ batch: 7 }) };
      } finally {
        db.close();
      }
    };
    const cases = [
      '',
      `UPDATE voucher_lines SET debit = debit + 1 WHERE voucher_id IN (SELECT id FROM vouchers ORDER BY id LIMIT 3) AND line_no = 1 AND debit > 0;
       DELETE FROM voucher_lines WHERE voucher_id = (SELECT MAX(id) FROM vouchers);
       UPDATE voucher_lines SET party = NULL WHERE party IS NOT NULL AND voucher_id = (SELECT MIN(voucher_id) FROM voucher_lines WHERE party IS NOT NULL);
       UPDATE vouchers SET number = number + 50 WHERE id = 40;
       UPDATE member_balances SET credit = credit + 1 WHERE (account, member, period) = (SELECT account, member, period FROM member_balances ORDER BY 1, 2, 3 LIMIT 1);`,
      `UPDATE voucher_lines SET line_no = 99 WHERE voucher_id = 5 AND line_no = 1;
       UPDATE voucher_lines SET line_no = 1 WHERE voucher_id = 5 AND line_no = 2;
       UPDATE voucher_lines SET line_no = 2 WHERE voucher_id = 5 AND line_no = 99;
       UPDATE voucher_lines SET member = 'X', project = '' WHERE voucher_id = 6 AND line_no = 1;
       UPDATE vouchers SET kind = 'year-close' WHERE id = 7;`,
    ];
    for (const sql of cases) {
      const sb = fresh();
      if (sql) tamper(sb.db, sql);
      const w = ways(sb.db);
      expect(w.lines).toEqual(w.texts);
      expect(w.sql).toEqual(w.texts);
      expect(w.small).toEqual(w.texts);
      if (sql) expect(w.texts.length).toBeGreaterThan(2);
      else expect(w.texts).toEqual([]);
    }
  });

  it('vouchers in a table rebuilt without its primary key are still checked, from the lines', async () => {
    const sb = fresh();
    tamper(
      sb.db,
      `CREATE TABLE vl AS SELECT * FROM voucher_lines; DROP TABLE voucher_lines; ALTER TABLE vl RENAME TO voucher_lines;
       UPDATE voucher_lines SET credit = credit + 7 WHERE voucher_id = 3 AND credit > 0;`,
    );
    const out = await same(sb);
    expect(out.code).toBe(3);
    for (const c of ['SCHEMA_CHANGED', 'HASH_CHAIN', 'UNBALANCED', 'BALANCES']) expect(out.codes, out.stderr).toContain(c);
  });
});
