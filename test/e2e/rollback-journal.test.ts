// A large write through a rollback journal (src/store/rollback-journal.ts): taken only when no other
// connection has the ledger open, with synchronous FULL, and given back (WAL mode, the connection's
// own synchronous) whatever the write's end; a command run while it writes waits for it and then
// reads what it wrote.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli } from '../harness.js';
import { generateVoucherCsv } from '../gen-vouchers.js';
import { benchSandboxes } from '../bench-sandboxes.js';
import { Ledger } from '../../src/store/ledger.js';
import { sqlOf } from '../../src/store/internal.js';
import { sanziSpawn } from './trust-helpers.js';

const sandbox = benchSandboxes('rollback-journal', '日志测试村');

const meta = { action: 'test.write', by: 'test', at: '2026-01-15 10:00:00' };
const mode = (l: Ledger) => sqlOf(l).pragma('journal_mode', { simple: true });
const sync = (l: Ledger) => sqlOf(l).pragma('synchronous', { simple: true });
const records = (l: Ledger, summary: string) => sqlOf(l).prepare('SELECT count(*) FROM audit_records WHERE summary = ?').pluck().get(summary);

describe('a large write', () => {
  it('alone on the ledger: through a rollback journal, synchronous FULL; then WAL mode and NORMAL again', async () => {
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
      expect(inside).toEqual(['delete', 2, false, '600']);
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
