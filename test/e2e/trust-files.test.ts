// The ledger file's rules, with real processes: owner-only files whatever the umask, a second writer
// waits SANZI_BUSY_TIMEOUT seconds and then gives up with 账套正忙, a reader never waits.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Sandbox } from '../harness.js';
import { ROOT, clean, count, mode, sanziSync } from './trust-helpers.js';

let sb: Sandbox;
afterEach(() => sb?.cleanup());

describe('files are readable by their owner only, whatever the umask', () => {
  it('the ledger, its -wal and -shm while in use, a large write\'s journal, a backup and the copy kept aside by a restore', async () => {
    sb = new Sandbox('perm');
    const db = sb.db;
    // One child process with umask 000 runs sanzi's commands one after another and reports the
    // permissions of every file they made; SQLite's -wal and -shm exist only while the ledger is
    // open, so it opens the ledger as every command does and looks at them then.
    const script = `
      import fs from 'node:fs';
      const { main } = await import(${JSON.stringify(path.join(ROOT, 'dist', 'cli', 'main.js'))});
      const { Ledger } = await import(${JSON.stringify(path.join(ROOT, 'dist', 'store', 'ledger.js'))});
      const { sqlOf } = await import(${JSON.stringify(path.join(ROOT, 'dist', 'store', 'internal.js'))});
      const db = ${JSON.stringify(db)};
      const sanzi = async (...args) => {
        const code = await main(['node', 'sanzi', '--db', db, ...args], { stdout: () => {}, stderr: (s) => process.stderr.write(s) });
        if (code !== 0) throw new Error(args.join(' ') + ' exit ' + code);
      };
      const mode = (f) => (fs.statSync(f).mode & 0o777).toString(8);
      const seen = {};
      await sanzi('init', '--name', '测试村', '--start', '2024-01');
      seen.ledger = mode(db);
      await sanzi('voucher', 'add', '--date', '2024-01-05', '--summary', '收租金', '--debit', '102:1000', '--credit', '501:1000');
      const open = Ledger.open(db);
      for (const s of ['-wal', '-shm']) seen[s] = mode(db + s);
      // A large write alone on the ledger goes through a rollback journal: SQLite makes it as the ledger is.
      open.write({ action: 'test.write', by: 'test', at: '2026-01-15 10:00:00' }, (tx) => {
        sqlOf(open).prepare("INSERT INTO meta(key, value) VALUES ('test.journal', '1')").run();
        seen['-journal'] = mode(db + '-journal');
        tx.describe('journal');
      }, { large: true });
      open.close();
      await sanzi('backup', ${JSON.stringify(path.join(sb.dir, 'backup.db'))});
      seen.backup = mode(${JSON.stringify(path.join(sb.dir, 'backup.db'))});
      await sanzi('restore', ${JSON.stringify(path.join(sb.dir, 'backup.db'))});
      const aside = fs.readdirSync(${JSON.stringify(sb.dir)}).filter((f) => f.startsWith('ledger.db.before-restore-'));
      seen.aside = aside.map((f) => mode(${JSON.stringify(sb.dir)} + '/' + f)).join();
      seen.restored = mode(db);
      seen.umask = process.umask().toString(8);
      process.stdout.write(JSON.stringify(seen));`;
    const r = spawnSync('sh', ['-c', 'umask 000 && exec "$0" --input-type=module -e "$1"', process.execPath, script], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ ledger: '600', '-wal': '600', '-shm': '600', '-journal': '600', backup: '600', aside: '600', restored: '600', umask: '0' });
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
    await sb.ok('init', '--name', '测试村', '--start', '2024-01');
    await sb.ok('voucher', 'add', '--date', '2024-01-05', '--summary', '收租金', '--debit', '102:1000', '--credit', '501:1000');
    const before = (await sb.ok('report', 'trial-balance', '--from', '2024-01', '--to', '2024-01', '--format', 'json')).stdout;

    // Another writer holds the write lock, in the middle of a transaction.
    const holder = new Database(sb.db);
    holder.exec('BEGIN IMMEDIATE');
    holder.prepare("INSERT INTO meta(key, value) VALUES ('uncommitted', 'x')").run();
    try {
      const env = { SANZI_BUSY_TIMEOUT: '5' };
      const w = sanziSync(['--db', sb.db, 'voucher', 'add', '--date', '2024-01-06', '--summary', '电费', '--debit', '511:10', '--credit', '102:10'], { env });
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
    // The refused writer wrote nothing; once the lock is gone the same entry goes in.
    expect(count(sb.db, 'vouchers', "summary = '电费'")).toBe(0);
    await sb.ok('voucher', 'add', '--date', '2024-01-06', '--summary', '电费', '--debit', '511:10', '--credit', '102:10');
  });
});
