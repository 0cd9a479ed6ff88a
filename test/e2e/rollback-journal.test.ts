// A large write through a rollback journal (src/store/rollback-journal.ts): taken only when no other
// connection has the ledger open, with synchronous EXTRA, and given back (WAL mode, the connection's
// own synchronous) whatever the write's end; a command run while it writes waits for it and then
// reads what it wrote.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli } from '../harness.js';
import { generateVoucherCsv } from '../gen-vouchers.js';
import { benchSandboxes } from '../bench-sandboxes.js';
import { Ledger } from '../../src/store/ledger.js';
import { sqlOf } from '../../src/store/internal.js';
import { sanziSpawn } from './trust-helpers.js';

const require = createRequire(import.meta.url);
const sandbox = benchSandboxes('rollback-journal', '日志测试村');

const meta = { action: 'test.write', by: 'test', at: '2026-01-15 10:00:00' };
const mode = (l: Ledger) => sqlOf(l).pragma('journal_mode', { simple: true });
const sync = (l: Ledger) => sqlOf(l).pragma('synchronous', { simple: true });
const records = (l: Ledger, summary: string) => sqlOf(l).prepare('SELECT count(*) FROM audit_records WHERE summary = ?').pluck().get(summary);

describe('a large write', () => {
  it('alone on the ledger: through a rollback journal, synchronous EXTRA; then WAL mode and NORMAL again', async () => {
    const sb = await sandbox();
    const l = Ledger.open(sb.db);
    try {
      expect([mode(l), sync(l)]).toEqual(['wal', 1]);
      let inside: unknown[] = [];
      l.write(meta, (tx) => {
        // A page written: the journal is made, readable by its owner only as the ledger is.
        sqlOf(l).prepare("INSERT INTO meta(key, value) VALUES ('test.journal', '1')").run();
        const journal = `${sb.db}-journal`;
        inside = [mode(l), sync(l), fs.existsSync(`${sb.db}-wal`), fs.existsSync(journal) && (fs.statSync(journal).mode & 0o777).toString(8)];
        tx.describe('large');
      }, { large: true });
      expect(inside).toEqual(['delete', 3, false, '600']);
      expect([mode(l), sync(l)]).toEqual(['wal', 1]);
      expect(records(l, 'large')).toBe(1);
      expect(fs.existsSync(`${sb.db}-journal`)).toBe(false);
      // A write not marked large stays in WAL mode.
      l.write(meta, (tx) => {
        inside = [mode(l), sync(l)];
        tx.describe('small');
      });
      expect(inside).toEqual(['wal', 1]);
    } finally {
      l.close();
    }
  });

  it('a journal left beside the ledger is made readable by its owner only when the ledger is opened', async () => {
    const sb = await sandbox();
    // (Empty: not a journal SQLite would roll back, as a write cut before its first page leaves it.)
    fs.writeFileSync(`${sb.db}-journal`, '', { mode: 0o666 });
    fs.chmodSync(`${sb.db}-journal`, 0o666);
    Ledger.open(sb.db).close();
    expect((fs.statSync(`${sb.db}-journal`).mode & 0o777).toString(8)).toBe('600');
  });

  it('with another connection open on the ledger: through the -wal, as any write', async () => {
    const sb = await sandbox();
    const l = Ledger.open(sb.db);
    const other = new Database(sb.db);
    try {
      other.prepare('SELECT count(*) FROM accounts').get();
      let inside: unknown[] = [];
      l.write(meta, (tx) => {
        inside = [mode(l), sync(l)];
        tx.describe('beside another');
      }, { large: true });
      expect(inside).toEqual(['wal', 1]);
      expect(records(l, 'beside another')).toBe(1);
      expect(other.prepare('SELECT count(*) FROM audit_records WHERE summary = ?').pluck().get('beside another')).toBe(1);
    } finally {
      other.close();
      l.close();
    }
  });

  it('refused: nothing written, and WAL mode again', async () => {
    const sb = await sandbox();
    const l = Ledger.open(sb.db);
    try {
      await expect(
        l.writeAsync(meta, async (tx) => {
          expect(mode(l)).toBe('delete');
          tx.describe('never');
          throw new Error('refused');
        }, { large: true }),
      ).rejects.toThrow('refused');
      expect([mode(l), sync(l)]).toEqual(['wal', 1]);
      expect(records(l, 'never')).toBe(0);
      expect(fs.existsSync(`${sb.db}-journal`)).toBe(false);
    } finally {
      l.close();
    }
  });
});

/** A process holding the ledger as a large write does (rollback journal, exclusive lock) for `ms`; resolves once it holds it. */
async function holder(file: string, ms: number): Promise<{ done: Promise<number | null> }> {
  const script = `
    const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
    const db = new Database(${JSON.stringify(file)});
    db.pragma('journal_mode = DELETE');
    db.exec('BEGIN EXCLUSIVE');
    db.prepare("INSERT INTO meta(key, value) VALUES ('test.held', '1')").run();
    process.stdout.write('held\\n');
    setTimeout(() => { db.exec('COMMIT'); db.pragma('journal_mode = WAL'); db.close(); }, ${ms});`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const done = new Promise<number | null>((resolve) => child.on('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('held') && resolve());
    child.on('exit', () => reject(new Error('the holder ended before it held the ledger')));
  });
  return { done };
}

/** A sanzi process's end: its exit code, stdout and stderr, and how long it took. */
function sanziRun(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const t0 = Date.now();
  const child = sanziSpawn(args, { env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr, ms: Date.now() - t0 })));
}

describe('a command run while another process writes through a rollback journal', () => {
  it("waits for it past five seconds (not better-sqlite3's own timeout), or says the ledger is busy at its own timeout: never damaged", async () => {
    const sb = await sandbox();
    const held = await holder(sb.db, 9_000);
    const [waits, gives] = await Promise.all([
      sanziRun(['--db', sb.db, 'account', 'list', '--format', 'json']),
      sanziRun(['--db', sb.db, 'account', 'list', '--format', 'json'], { SANZI_BUSY_TIMEOUT: '5' }),
    ]);
    expect(await held.done).toBe(0);
    expect(waits.code, waits.stderr).toBe(0);
    expect(waits.ms).toBeGreaterThan(5_000);
    expect(waits.stdout).toContain('"10201"');
    expect(gives.code).toBe(1);
    expect((JSON.parse(gives.stderr) as { errors: { code: string }[] }).errors.map((e) => e.code)).toEqual(['LEDGER_BUSY']);
    const db = new Database(sb.db, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  }, 30_000);
});

describe('import vouchers of a large file', () => {
  it('a command run while it writes reads the ledger before it or after it (waiting for it), never between; WAL mode after', async () => {
    const sb = await sandbox();
    const file = sb.file('v.csv', '');
    generateVoucherCsv(file, 60_000);
    const child = sanziSpawn(['--db', sb.db, 'import', 'vouchers', file]);
    let finished = false;
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => {
        finished = true;
        resolve(code);
      }),
    );
    const t0 = Date.now();
    while (!finished && !fs.existsSync(`${sb.db}-journal`) && Date.now() - t0 < 30_000) await new Promise((r) => setTimeout(r, 2));
    expect(finished).toBe(false); // it writes through the journal
    const args = ['--db', sb.db, 'report', 'trial-balance', '--from', '2015-01', '--to', '2024-12', '--format', 'json'];
    const during = await runCli(args);
    expect(await exited).toBe(0);
    expect(during.code, during.stderr).toBe(0);
    const after = await runCli(args);
    const empty = await runCli(['--db', (await sandbox()).db, ...args.slice(2)]);
    expect([empty.stdout, after.stdout]).toContain(during.stdout);
    expect(after.stdout).not.toBe(empty.stdout);
    const db = new Database(sb.db, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.prepare('SELECT count(*) FROM voucher_lines').pluck().get()).toBe(60_000);
    } finally {
      db.close();
    }
    expect((await runCli(['--db', sb.db, 'verify'])).code).toBe(0);
  });
});
