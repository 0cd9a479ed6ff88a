// sanzi backup and sanzi restore: a verified, consistent, owner-only copy; a restore that refuses
// anything but a sound sanzi ledger, keeps the current one aside with everything in it (its -wal
// too), and leaves a ledger that verifies.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Sandbox, expectRefused, runCli } from '../harness.js';
import { BENCH_ACCOUNTS, generateVoucherCsv } from '../gen-vouchers.js';
import { ROOT, clean, count, ledgerDigest, mode, sanziSpawn } from './trust-helpers.js';

let sb: Sandbox;
afterEach(() => sb?.cleanup());

/** A small ledger: two vouchers and two members. */
async function small(): Promise<Sandbox> {
  return Sandbox.from('trust-backup', async (s) => {
    await s.ok('init', '--name', '测试村', '--start', '2024-01');
    await s.ok('import', 'members', s.file('m.csv', '成员编号,姓名,户号\nX001,邓志强,H01\nX002,李秀英,H01\n'));
    await s.ok('voucher', 'add', '--date', '2024-01-05', '--summary', '收租金', '--debit', '102:1000', '--credit', '501:1000');
    await s.ok('voucher', 'add', '--date', '2024-01-06', '--summary', '电费', '--debit', '511:80', '--credit', '102:80');
  });
}

const files = (dir: string) => fs.readdirSync(dir).sort();

describe('backup', () => {
  it('writes a verified, self-contained, owner-only copy with every row of the ledger', async () => {
    sb = await small();
    const r = await sb.ok('backup', 'copy.db');
    expect(r.stdout).toContain('已备份到 copy.db（2 张凭证');
    const copy = path.join(sb.dir, 'copy.db');
    expect(mode(copy)).toBe(0o600);
    expect(files(sb.dir)).toEqual(['copy.db', 'ledger.db']); // no -wal, -shm or temporary file beside it
    const db = new Database(copy, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    db.close();
    expect(ledgerDigest(copy)).toBe(ledgerDigest(sb.db));
    expect((await runCli(['--db', copy, 'verify'])).code).toBe(0);
    expect(files(sb.dir)).toEqual(['copy.db', 'ledger.db']); // verify left it one file
  });

  it('refuses an existing file and leaves it as it was', async () => {
    sb = await small();
    const f = sb.file('mine.db', '我的文件');
    const r = await sb.run('backup', 'mine.db');
    expectRefused(r, 'BACKUP_EXISTS');
    expect(r.stderr).toContain('备份文件「mine.db」已存在，不会覆盖');
    expect(fs.readFileSync(f, 'utf8')).toBe('我的文件');
    expectRefused(await sb.run('backup', sb.db), 'BACKUP_SAME_FILE');
    expectRefused(await sb.run('backup', 'no/such/folder/b.db'), 'BACKUP_DIR');
  });

  it('a copy that fails verification is removed and the command exits 1', async () => {
    sb = await small();
    const db = new Database(sb.db);
    db.exec("UPDATE members SET name = '改名' WHERE id = 'X002'");
    db.close();
    const r = await sb.run('backup', 'copy.db');
    expectRefused(r, 'BACKUP_UNVERIFIED');
    expect(r.stderr).toContain('备份写好后校验未通过，已删除「copy.db」：表 members 第 2 行与审计留痕记录的内容不符');
    expect(files(sb.dir)).toEqual(['ledger.db']);
  });

  it('a consistent copy while another process is in the middle of a large import', async () => {
    sb = new Sandbox('backup-busy');
    await sb.ok('init', '--name', '测试村', '--start', '2015-01');
    for (const [code, name] of BENCH_ACCOUNTS) await sb.ok('account', 'add', code, name);
    const csv = path.join(sb.dir, 'v.csv');
    generateVoucherCsv(csv, 12_000);
    const child = sanziSpawn(['--db', sb.db, 'import', 'vouchers', csv]);
    const exited = new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? -1)));
    // wait until the import holds the write lock (its transaction has begun)
    const probe = new Database(sb.db);
    probe.pragma('busy_timeout = 0');
    const writing = () => {
      try {
        probe.exec('BEGIN IMMEDIATE');
        probe.exec('ROLLBACK');
        return false;
      } catch {
        return true;
      }
    };
    for (let i = 0; i < 2000 && !writing(); i++) await new Promise((r) => setTimeout(r, 5));
    probe.close();
    const r = await sb.run('backup', 'during.db');
    expect(r.code, r.stderr).toBe(0);
    expect(await exited).toBe(0);
    const during = path.join(sb.dir, 'during.db');
    // The import is one transaction: the copy has none of it or all of it, and verifies either way.
    expect([0, 3_000]).toContain(count(during, 'vouchers'));
    expect((await runCli(['--db', during, 'verify'])).code).toBe(0);
    expect(count(sb.db, 'vouchers')).toBe(3_000);
  });
});

describe('restore', () => {
  it('puts the backup back, keeps the current ledger aside, records the restore, and verifies', async () => {
    sb = await small();
    await sb.ok('backup', 'b.db');
    const atBackup = count(sb.db, 'vouchers');
    await sb.ok('voucher', 'add', '--date', '2024-01-07', '--summary', '水费', '--debit', '511:20', '--credit', '102:20');
    const current = ledgerDigest(sb.db);
    const r = await sb.ok('restore', 'b.db');
    expect(r.stdout).toContain('已从 b.db 恢复账套（2 张凭证，校验无误）；原账套另存为');
    const aside = files(sb.dir).filter((f) => f.startsWith('ledger.db.before-restore-'));
    // the harness's clock: 2026-01-15 10:00:00
    expect(aside).toEqual(['ledger.db.before-restore-20260115-100000']);
    const asidePath = path.join(sb.dir, aside[0]);
    expect(mode(asidePath)).toBe(0o600);
    expect(ledgerDigest(asidePath)).toBe(current);
    expect(count(sb.db, 'vouchers')).toBe(atBackup);
    await sb.ok('verify');
    const log = (await sb.ok('audit', 'log', '--action', 'ledger.restore', '--format', 'json')).json();
    expect(log.records).toHaveLength(1);
    expect(log.records[0]).toMatchObject({ by: 'tester', entity: 'ledger', summary: '从备份恢复账套：b.db（原账套另存为 ledger.db.before-restore-20260115-100000）' });
    // a second restore in the same second does not overwrite the first copy kept aside
    await sb.ok('restore', 'b.db');
    expect(files(sb.dir).filter((f) => f.startsWith('ledger.db.before-restore-'))).toEqual([
      'ledger.db.before-restore-20260115-100000',
      'ledger.db.before-restore-20260115-100000-2',
    ]);
  });

  it('onto a computer with no ledger yet', async () => {
    sb = await small();
    await sb.ok('backup', 'b.db');
    const target = path.join(sb.dir, 'new.db');
    const r = await runCli(['--db', target, 'restore', 'b.db'], { cwd: sb.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(mode(target)).toBe(0o600);
    expect(count(target, 'vouchers')).toBe(2);
  });

  it("another collective's backup (another name or 统一社会信用代码) only with --other; nothing changed without it", async () => {
    sb = await small();
    const other = path.join(sb.dir, 'other.db');
    expect((await runCli(['--db', other, 'init', '--name', '乙村', '--start', '2020-01'], { cwd: sb.dir })).code).toBe(0);
    expect((await runCli(['--db', other, 'backup', 'other-b.db'], { cwd: sb.dir })).code).toBe(0);
    const before = ledgerDigest(sb.db);
    const names = files(sb.dir);
    const r = await sb.run('restore', 'other-b.db');
    expectRefused(r, 'RESTORE_OTHER_COLLECTIVE');
    expect(r.stderr).toContain('「other-b.db」是「乙村」的账套，当前账套是「测试村」，不是同一个集体；如确要用它替换当前账套，加 --other');
    expect(ledgerDigest(sb.db)).toBe(before);
    expect(files(sb.dir)).toEqual(names);
    // The same collective's own backup needs nothing more.
    await sb.ok('backup', 'own-b.db');
    await sb.ok('restore', 'own-b.db');
    expect(count(sb.db, 'vouchers')).toBe(2);
    await sb.ok('restore', 'other-b.db', '--other');
    expect(count(sb.db, 'vouchers')).toBe(0);
  });

  it('refuses a damaged, foreign, newer or missing file, and changes nothing', async () => {
    sb = await small();
    await sb.ok('backup', 'good.db');
    const good = path.join(sb.dir, 'good.db');
    const bad: [string, () => void, string, string][] = [
      ['missing.db', () => {}, 'RESTORE_MISSING', '备份文件「missing.db」不存在'],
      ['random.db', () => fs.writeFileSync(path.join(sb.dir, 'random.db'), Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 31 + 7) % 256))), 'RESTORE_NOT_LEDGER', '不是 sanzi 账套或备份文件'],
      ['text.db', () => fs.writeFileSync(path.join(sb.dir, 'text.db'), '这是一个文本文件\n'), 'RESTORE_NOT_LEDGER', '不是 sanzi 账套或备份文件'],
      [
        'other.db',
        () => {
          const d = new Database(path.join(sb.dir, 'other.db'));
          d.exec('CREATE TABLE t(x)');
          d.close();
        },
        'RESTORE_FOREIGN',
        '是其他程序的 SQLite 数据库',
      ],
      [
        'newer.db',
        () => {
          fs.copyFileSync(good, path.join(sb.dir, 'newer.db'));
          const d = new Database(path.join(sb.dir, 'newer.db'));
          d.pragma('user_version = 99');
          d.close();
        },
        'RESTORE_TOO_NEW',
        '由更新版本的 sanzi 建立（格式版本 99',
      ],
      [
        'truncated.db',
        () => {
          fs.copyFileSync(good, path.join(sb.dir, 'truncated.db'));
          fs.truncateSync(path.join(sb.dir, 'truncated.db'), Math.floor(fs.statSync(good).size / 2));
        },
        'RESTORE_DAMAGED',
        '校验未通过，没有恢复；当前账套未改动：文件无法完整读取',
      ],
      [
        'tampered.db',
        () => {
          fs.copyFileSync(good, path.join(sb.dir, 'tampered.db'));
          const d = new Database(path.join(sb.dir, 'tampered.db'));
          d.exec("UPDATE members SET name = '改名' WHERE id = 'X001'");
          d.close();
        },
        'RESTORE_DAMAGED',
        '表 members 第 1 行与审计留痕记录的内容不符',
      ],
    ];
    const before = ledgerDigest(sb.db);
    for (const [name, make, code, message] of bad) {
      make();
      const listed = files(sb.dir);
      const r = await sb.run('restore', name);
      expectRefused(r, code);
      expect(r.stderr, name).toContain(message);
      expect(clean(r.stderr)).toBe(true);
      expect(files(sb.dir), name).toEqual(listed); // nothing aside, nothing left behind
      expect(ledgerDigest(sb.db), name).toBe(before);
    }
    expectRefused(await sb.run('restore', sb.db), 'RESTORE_SAME_FILE');
  });

  it("after a crash: the current ledger's -wal goes aside with it, and is never replayed into the restored one", async () => {
    sb = await small();
    await sb.ok('backup', 'b.db');
    // A process that commits a voucher while another connection keeps the WAL from being folded
    // back, then dies: the ledger's newest voucher lives only in ledger.db-wal.
    const script = `
      import Database from ${JSON.stringify(path.join(ROOT, 'node_modules', 'better-sqlite3', 'lib', 'index.js'))};
      const { main } = await import(${JSON.stringify(path.join(ROOT, 'dist', 'cli', 'main.js'))});
      const hold = new Database(${JSON.stringify(sb.db)});
      hold.prepare('SELECT COUNT(*) FROM vouchers').get();
      const code = await main(['node', 'sanzi', '--db', ${JSON.stringify(sb.db)}, 'voucher', 'add', '--date', '2024-01-08', '--summary', '崩溃前的凭证', '--debit', '511:5', '--credit', '102:5'], { stdout: () => {}, stderr: (s) => process.stderr.write(s) });
      if (code !== 0) process.exit(9);
      process.kill(process.pid, 'SIGKILL');`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'ignore', 'inherit'] });
    const signal = await new Promise<string | null>((resolve) => child.on('exit', (_c, s) => resolve(s)));
    expect(signal).toBe('SIGKILL');
    expect(fs.statSync(sb.db + '-wal').size).toBeGreaterThan(0);

    await sb.ok('restore', 'b.db');
    const aside = path.join(sb.dir, files(sb.dir).find((f) => f.startsWith('ledger.db.before-restore-'))!);
    expect(count(aside, 'vouchers', "summary = '崩溃前的凭证'")).toBe(1);
    expect(count(sb.db, 'vouchers', "summary = '崩溃前的凭证'")).toBe(0);
    expect(fs.existsSync(sb.db + '-wal') && fs.statSync(sb.db + '-wal').size > 0).toBe(false);
    await sb.ok('verify');
    expect((await runCli(['--db', aside, 'verify'])).code).toBe(0);
  });
});
