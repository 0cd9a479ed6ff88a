// The ledger file's rules, with real processes: owner-only files whatever the umask, a second writer
// waits SANZI_BUSY_TIMEOUT seconds and then gives up with 账套正忙, a reader never waits.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Sandbox } from '../harness.js';
import { BENCH_ACCOUNTS, generateVoucherCsv } from '../../src/tools/gen-vouchers.js';
import { clean, mode, sanziSpawn, sanziSync } from './trust-helpers.js';

let sb: Sandbox;
afterEach(() => sb?.cleanup());

async function benchLedger(s: Sandbox, start = '2015-01'): Promise<void> {
  await s.ok('init', '--name', '测试村', '--start', start);
  for (const [code, name] of BENCH_ACCOUNTS) await s.ok('account', 'add', code, name);
}

describe('files are readable by their owner only, whatever the umask', () => {
  it('the ledger, its -wal and -shm while in use, a backup and the copy kept aside by a restore', async () => {
    sb = new Sandbox('perm');
    const db = sb.db;
    const init = sanziSync(['--db', db, 'init', '--name', '测试村', '--start', '2015-01'], { umask: '000' });
    expect(init.status, init.stderr).toBe(0);
    expect(mode(db)).toBe(0o600);
    for (const [code, name] of BENCH_ACCOUNTS) await sb.ok('account', 'add', code, name);
    const csv = path.join(sb.dir, 'v.csv');
    generateVoucherCsv(csv, 40_000);

    // While the import runs, SQLite's -wal and -shm exist: look at them then (and stop it there:
    // the ledger stays as it was before the import).
    const child = sanziSpawn(['--db', db, 'import', 'vouchers', csv], { umask: '000' });
    const seen = new Map<string, number>();
    let done = false;
    const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
    void exited.then(() => (done = true));
    while (!done && seen.size < 2) {
      for (const f of [db + '-wal', db + '-shm']) {
        try {
          if (!seen.has(f)) seen.set(f, mode(f));
        } catch {
          // not there yet
        }
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    child.kill('SIGKILL');
    await exited;
    expect([...seen.keys()].sort()).toEqual([db + '-shm', db + '-wal']);
    for (const [f, m] of seen) expect(m, f).toBe(0o600);
    expect(mode(db)).toBe(0o600);

    const backup = path.join(sb.dir, 'backup.db');
    const b = sanziSync(['--db', db, 'backup', backup], { umask: '000' });
    expect(b.status, b.stderr).toBe(0);
    expect(mode(backup)).toBe(0o600);

    const r = sanziSync(['--db', db, 'restore', backup], { umask: '000' });
    expect(r.status, r.stderr).toBe(0);
    const aside = fs.readdirSync(sb.dir).filter((f) => f.startsWith('ledger.db.before-restore-'));
    expect(aside).toHaveLength(1);
    expect(mode(path.join(sb.dir, aside[0]))).toBe(0o600);
    expect(mode(db)).toBe(0o600);
  });

  it('a ledger made readable by others gets owner-only again when sanzi opens it', async () => {
    sb = new Sandbox('perm2');
    await sb.ok('init', '--name', '测试村');
    fs.chmodSync(sb.db, 0o644);
    await sb.ok('account', 'list');
    expect(mode(sb.db)).toBe(0o600);
  });
});

describe('two processes at once', () => {
  it('a second writer waits SANZI_BUSY_TIMEOUT seconds, then exits 1 with 账套正忙; a reader returns at once', async () => {
    sb = new Sandbox('busy');
    await benchLedger(sb, '2024-01');
    await sb.ok('voucher', 'add', '--date', '2024-01-05', '--summary', '收租金', '--debit', '10201:1000', '--credit', '50102:1000');
    const before = (await sb.ok('report', 'trial-balance', '--from', '2024-01', '--to', '2024-01', '--format', 'json')).stdout;

    // Another writer holds the write lock, in the middle of a transaction.
    const holder = new Database(sb.db);
    holder.exec('BEGIN IMMEDIATE');
    holder.prepare("INSERT INTO meta(key, value) VALUES ('uncommitted', 'x')").run();
    try {
      const env = { SANZI_BUSY_TIMEOUT: '5' };
      const w = sanziSync(['--db', sb.db, 'voucher', 'add', '--date', '2024-01-06', '--summary', '电费', '--debit', '51302:10', '--credit', '10201:10'], { env });
      expect(w.status).toBe(1);
      expect(w.stderr).toContain('账套正忙：另一个 sanzi 进程正在写入，已等待 5 秒');
      expect(clean(w.stderr)).toBe(true);
      expect(w.ms).toBeGreaterThanOrEqual(5000);

      // A reader under the same setting would take 5 s if it waited at all.
      const rd = sanziSync(['--db', sb.db, 'report', 'trial-balance', '--from', '2024-01', '--to', '2024-01', '--format', 'json'], { env });
      expect(rd.status, rd.stderr).toBe(0);
      expect(rd.stdout).toBe(before);
      expect(rd.ms).toBeLessThan(4500);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    await sb.ok('voucher', 'add', '--date', '2024-01-06', '--summary', '电费', '--debit', '51302:10', '--credit', '10201:10');
  });
});
