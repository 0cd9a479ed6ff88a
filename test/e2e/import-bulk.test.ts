// A large voucher import is written with a rollback journal (src/store/bulk-journal.ts): its pages
// once, into the ledger, instead of into the -wal file and again at the checkpoint. What it stores
// is what the same import stores in WAL (another connection holding the ledger open keeps it
// there); a refused one writes nothing; one killed halfway leaves the ledger as before; a command
// asked meanwhile waits for it; the ledger is in WAL again afterwards.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox, expectRefused, runCli } from '../harness.js';
import { BENCH_ACCOUNTS, generateVoucherCsv } from '../gen-vouchers.js';
import { READER_THREAD_BYTES } from '../../src/commands/import-vouchers-thread.js';
import { ledgerDigest, sanziSpawn, sanziSync } from './trust-helpers.js';

let tpl: Sandbox;
let csv: string;
const made: Sandbox[] = [];
beforeAll(async () => {
  tpl = await Sandbox.from('import-bulk', async (s) => {
    await s.ok('init', '--name', '导入测试村', '--start', '2015-01');
    for (const [code, name] of BENCH_ACCOUNTS) await s.ok('account', 'add', code, name);
  });
  csv = tpl.file('v.csv', '');
  generateVoucherCsv(csv, 50_000); // 12,500 vouchers, 2015–2024
}, 60_000);
afterAll(() => {
  for (const s of [tpl, ...made]) s?.cleanup();
});

async function ledger(): Promise<Sandbox> {
  const sb = await Sandbox.from('import-bulk', async () => undefined);
  made.push(sb);
  return sb;
}

function journalMode(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.pragma('journal_mode', { simple: true }) as string;
  } finally {
    db.close();
  }
}

/** A journal SQLite would roll back: a header written and synced (its first bytes the journal's magic). */
function hotJournal(file: string): boolean {
  const magic = Buffer.from([0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7]);
  let fd: number;
  try {
    fd = fs.openSync(file + '-journal', 'r');
  } catch {
    return false;
  }
  try {
    const head = Buffer.alloc(8);
    return fs.readSync(fd, head, 0, 8, 0) === 8 && head.equals(magic);
  } finally {
    fs.closeSync(fd);
  }
}

/** Every stored row of the vouchers (but their write time), lines and balances. */
function stored(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const all = (sql: string) => db.prepare(sql).raw(true).all();
    return {
      vouchers: all('SELECT id, period, number, date, summary, attachments, preparer, kind, reverses, hash FROM vouchers ORDER BY id'),
      lines: all('SELECT * FROM voucher_lines ORDER BY voucher_id, line_no'),
      balances: all('SELECT * FROM balances ORDER BY account, period, closing'),
      projects: all('SELECT * FROM project_balances ORDER BY 1, 2, 3'),
    };
  } finally {
    db.close();
  }
}

/** Run the import in its own process, watching the ledger's side files until it ends. */
async function watchedImport(sb: Sandbox, file: string): Promise<{ code: number | null; journal: boolean; wal: boolean; stderr: string }> {
  const child = sanziSpawn(['--db', sb.db, 'import', 'vouchers', file]);
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  let done = false;
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      done = true;
      resolve(code);
    }),
  );
  const seen = { journal: false, wal: false };
  while (!done) {
    if (fs.existsSync(sb.db + '-journal')) seen.journal = true;
    if (fs.existsSync(sb.db + '-wal') && fs.statSync(sb.db + '-wal').size > 1 << 20) seen.wal = true;
    await new Promise((r) => setTimeout(r, 2));
  }
  return { code: await exited, stderr, ...seen };
}

describe('a large import written with a rollback journal', () => {
  it('is large enough for it', () => {
    expect(fs.statSync(csv).size).toBeGreaterThanOrEqual(READER_THREAD_BYTES);
  });

  it('writes through a journal, not the -wal, stores what an import in WAL stores, and leaves the ledger in WAL', async () => {
    const bulk = await ledger();
    const wal = await ledger();
    const a = await watchedImport(bulk, csv);
    expect(a.code, a.stderr).toBe(0);
    expect(a.journal).toBe(true);
    expect(a.wal).toBe(false);
    // Another connection on the ledger: the import stays in WAL.
    const holder = new Database(wal.db);
    holder.prepare('SELECT COUNT(*) FROM vouchers').get();
    let b: Awaited<ReturnType<typeof watchedImport>>;
    try {
      b = await watchedImport(wal, csv);
    } finally {
      holder.close();
    }
    expect(b.code, b.stderr).toBe(0);
    expect(b.journal).toBe(false);
    expect(b.wal).toBe(true);
    const x = stored(bulk.db);
    expect(x.vouchers.length).toBe(12_500);
    expect(x).toEqual(stored(wal.db));
    for (const sb of [bulk, wal]) {
      expect(journalMode(sb.db)).toBe('wal');
      expect(fs.existsSync(sb.db + '-journal')).toBe(false);
      const v = await runCli(['--db', sb.db, 'verify'], { cwd: sb.dir });
      expect(v.code, v.stderr).toBe(0);
    }
  }, 120_000);

  it('refused, writes nothing and leaves the ledger in WAL', async () => {
    const sb = await ledger();
    const before = ledgerDigest(sb.db);
    const bad = sb.file('bad.csv', fs.readFileSync(csv, 'utf8') + '99999,2024-12-31,错行,10201,1.00,\n');
    const r = await runCli(['--db', sb.db, 'import', 'vouchers', bad], { cwd: sb.dir });
    expectRefused(r, 'VOUCHER_UNBALANCED');
    expect(ledgerDigest(sb.db)).toBe(before);
    expect(journalMode(sb.db)).toBe('wal');
    expect(fs.existsSync(sb.db + '-journal')).toBe(false);
  }, 60_000);

  it('killed halfway, leaves the ledger as before: the next command rolls the journal back and the ledger is in WAL again', async () => {
    const sb = await ledger();
    const before = ledgerDigest(sb.db);
    const child = sanziSpawn(['--db', sb.db, 'import', 'vouchers', csv]);
    let done = false;
    const exited = new Promise<void>((resolve) =>
      child.on('exit', () => {
        done = true;
        resolve();
      }),
    );
    // Killed once its journal is synced (SQLite writes the journal's magic then, and only then
    // pages of the import into the ledger's file).
    while (!done && !hotJournal(sb.db)) await new Promise((r) => setTimeout(r, 1));
    child.kill('SIGKILL');
    await exited;
    expect(hotJournal(sb.db)).toBe(true);
    const v = sanziSync(['--db', sb.db, 'verify']);
    expect(v.status, v.stderr).toBe(0);
    expect(ledgerDigest(sb.db)).toBe(before);
    const tb = sanziSync(['--db', sb.db, 'report', 'trial-balance', '--from', '2024-01', '--to', '2024-12']);
    expect(tb.status, tb.stderr).toBe(0);
    expect(journalMode(sb.db)).toBe('wal');
    // and the import goes through afterwards
    const again = sanziSync(['--db', sb.db, 'import', 'vouchers', csv]);
    expect(again.status, again.stderr).toBe(0);
  }, 120_000);

  it('a command asked meanwhile waits for the import and reads the ledger whole', async () => {
    const sb = await ledger();
    const report = ['--db', sb.db, 'report', 'trial-balance', '--from', '2024-01', '--to', '2024-12', '--format', 'csv'];
    const empty = sanziSync(report);
    expect(empty.status, empty.stderr).toBe(0);
    const child = sanziSpawn(['--db', sb.db, 'import', 'vouchers', csv]);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const t0 = Date.now();
    while (!fs.existsSync(sb.db + '-journal') && Date.now() - t0 < 30_000) await new Promise((r) => setTimeout(r, 1));
    const during = sanziSync(report);
    expect(await exited).toBe(0);
    expect(during.status, during.stderr).toBe(0);
    const after = sanziSync(report);
    expect(after.status, after.stderr).toBe(0);
    expect(after.stdout).not.toBe(empty.stdout);
    expect([empty.stdout, after.stdout]).toContain(during.stdout);
    expect(journalMode(sb.db)).toBe('wal');
  }, 120_000);
});
