// verify of a ledger written by an older sanzi (schema 11 here: before resource_status_cancellations
// and the vouchers' partial indexes)
// leaves the file as it is, read-only or not: an upgraded copy of it is verified. Damage in the
// older ledger is found all the same.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../harness.js';
import { SCHEMA_VERSION } from '../../src/store/migrations/index.js';
import { olderLedgerCopy } from '../../src/store/verify-older.js';
import { sanziSync, tamperFreely } from './trust-helpers.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = new Sandbox('verify-older');
  await sb.ok('init', '--name', '测试村', '--start', '2024-01');
  await sb.ok('voucher', 'add', '--date', '2024-03-08', '--summary', '门票', '--debit', '101:12000', '--credit', '501:12000');
  await sb.ok('voucher', 'add', '--date', '2024-04-08', '--summary', '水电', '--debit', '511:2000', '--credit', '101:2000');
  // Schemas 13 and 12 taken back: the ledger as schema 11 left it.
  expect(SCHEMA_VERSION).toBe(13);
  const db = new Database(sb.db);
  db.exec(`DROP INDEX vouchers_year_close;
           DROP INDEX vouchers_reversals;
           CREATE INDEX vouchers_kind ON vouchers(kind, period);
           DROP TRIGGER resource_status_cancellations_no_update;
           DROP TRIGGER resource_status_cancellations_no_delete;
           DROP TABLE resource_status_cancellations;
           PRAGMA user_version = 11;`);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
});
afterAll(() => sb?.cleanup());

const bytes = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const version = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
};
const sideFiles = (file: string) => ['-wal', '-shm', '-journal'].filter((s) => fs.existsSync(file + s));

/** `fn` on a sandbox of its own holding a copy of the schema-11 ledger, removed after. */
async function withCopy(name: string, fn: (copy: Sandbox) => unknown): Promise<void> {
  const copy = new Sandbox(name);
  try {
    fs.copyFileSync(sb.db, copy.db);
    await fn(copy);
  } finally {
    copy.cleanup();
  }
}

describe('verify of an older ledger', () => {
  it('verifies it clean and leaves the file as it was (but for its permissions, owner-only)', async () => {
    fs.chmodSync(sb.db, 0o644);
    const before = bytes(sb.db);
    // In a process of its own, as run by hand: nothing beside the ledger is left either.
    const r = sanziSync(['--db', sb.db, 'verify']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).toContain('2 张凭证');
    expect(sideFiles(sb.db)).toEqual([]);
    expect(bytes(sb.db)).toBe(before);
    expect(version(sb.db)).toBe(11);
    expect(fs.statSync(sb.db).mode & 0o777).toBe(0o600);
  });

  it('reports the ledger’s own newest audit record, which --expect then finds', async () => {
    const db = new Database(sb.db, { readonly: true });
    const head = db.prepare('SELECT id, hash FROM audit_records ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string };
    db.close();
    const anchor = `${head.id}:${head.hash.slice(0, 16)}`;
    for (let i = 0; i < 2; i++) {
      const r = sanziSync(['--db', sb.db, 'verify']);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout + r.stderr).toContain(`审计留痕最新记录：${anchor}`);
    }
    const ok = sanziSync(['--db', sb.db, 'verify', '--expect', anchor]);
    expect(ok.status, ok.stderr).toBe(0);
    // A record the upgrade would add to the copy is not the ledger's.
    const before = bytes(sb.db);
    const beyond = await sb.run('verify', '--expect', `${head.id + 1}:${head.hash.slice(0, 16)}`);
    expect(beyond.code).toBe(3);
    expect(beyond.codes).toEqual(['AUDIT_ANCHOR']);
    expect(bytes(sb.db)).toBe(before);
    expect(version(sb.db)).toBe(11);
  });

  it('a copy that cannot be made is refused, the ledger untouched (never upgraded instead)', async () => {
    const before = bytes(sb.db);
    const tmp = process.env.TMPDIR;
    process.env.TMPDIR = `${sb.dir}/no-such-folder`; // os.tmpdir() reads the process's own
    let r;
    try {
      r = await sb.run('verify');
    } finally {
      if (tmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmp;
    }
    expect(r.code).toBe(1);
    expect(r.codes).toEqual(['OLDER_COPY_FAILED']);
    expect(r.stderr).toContain('旧版本（第 11 版）');
    expect(bytes(sb.db)).toBe(before);
    expect(version(sb.db)).toBe(11);
  });

  it('a page SQLite cannot read is damage, the ledger untouched (never upgraded instead)', async () => {
    await withCopy('verify-older-torn', async (damaged) => {
      const db = new Database(damaged.db, { readonly: true });
      const root = db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'vouchers'").pluck().get() as number;
      const size = db.pragma('page_size', { simple: true }) as number;
      db.close();
      const fd = fs.openSync(damaged.db, 'r+');
      fs.writeSync(fd, Buffer.alloc(64, 0xee), 0, 64, (root - 1) * size);
      fs.closeSync(fd);
      const before = bytes(damaged.db);
      const r = await damaged.run('verify');
      expect(r.code, r.stderr).toBe(3);
      expect(r.codes).toEqual(['UNREADABLE']);
      expect(r.stderr).not.toContain('sanzi-verify-');
      expect(bytes(damaged.db)).toBe(before);
      expect(version(damaged.db)).toBe(11);
    });
  });

  it('verifies it read-only too (an archived copy)', async () => {
    const before = bytes(sb.db);
    fs.chmodSync(sb.db, 0o444);
    try {
      const r = await sb.run('verify');
      expect(r.code, r.stderr).toBe(0);
    } finally {
      fs.chmodSync(sb.db, 0o600);
    }
    expect(bytes(sb.db)).toBe(before);
    expect(version(sb.db)).toBe(11);
  });

  it('finds an amount changed behind its back, and still leaves the file as it was', async () => {
    await withCopy('verify-older-damaged', async (damaged) => {
      tamperFreely(damaged.db, 'UPDATE voucher_lines SET debit = 1300000 WHERE debit = 1200000');
      expect(version(damaged.db)).toBe(11);
      const before = bytes(damaged.db);
      const r = await damaged.run('verify');
      expect(r.code).toBe(3);
      // the line's amount is in its voucher's hash, and the voucher no longer balances
      expect(r.codes).toEqual(expect.arrayContaining(['HASH_CHAIN', 'UNBALANCED']));
      expect(bytes(damaged.db)).toBe(before);
      expect(version(damaged.db)).toBe(11);
    });
  });

  it('removes the copies left hours ago by verifies no longer running, and only those', async () => {
    const tmp = `${sb.dir}/tmp`;
    fs.mkdirSync(tmp);
    // A process that has ended: its id names none now.
    const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const dead = Number(ended.stdout);
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3600 * 1000);
    /** A folder as a copy's is made (owner-only, a copy in it), left `age` hours ago. */
    const plant = (name: string, age: number, opts: { mode?: number; files?: string[]; owner?: number } = {}) => {
      const dir = `${tmp}/${name}`;
      fs.mkdirSync(dir);
      for (const f of opts.files ?? ['ledger.db', 'ledger.db-wal']) fs.writeFileSync(`${dir}/${f}`, 'a copy');
      fs.chmodSync(dir, opts.mode ?? 0o700);
      if (opts.owner !== undefined) fs.chownSync(dir, opts.owner, opts.owner);
      fs.utimesSync(dir, hoursAgo(age), hoursAgo(age));
      return dir;
    };
    const left = plant(`sanzi-verify-${dead}-AbC123`, 7);
    const young = plant(`sanzi-verify-${dead}-YoUng1`, 1); // perhaps a running verify unseen from here
    const mine = plant(`sanzi-verify-${process.pid}-XyZ789`, 7); // a running verify's (this process)
    const more = plant(`sanzi-verify-${dead}-MoRe12`, 7, { files: ['ledger.db', 'notes.txt'] });
    const open = plant(`sanzi-verify-${dead}-OpEn12`, 7, { mode: 0o755 });
    const notMkdtemp = plant(`sanzi-verify-${dead}-notes`, 7);
    const isRoot = process.getuid?.() === 0;
    const theirs = isRoot ? plant(`sanzi-verify-${dead}-ThEir5`, 7, { owner: 65534 }) : null;
    const elsewhere = `${sb.dir}/kept`;
    fs.mkdirSync(elsewhere);
    fs.writeFileSync(`${elsewhere}/ledger.db`, 'x');
    fs.symlinkSync(elsewhere, `${tmp}/sanzi-verify-${dead}-LiNk00`);
    const kept = () => fs.readdirSync(tmp).sort();
    const before = kept();
    await withCopy('verify-older-left', async (older) => {
      expect(version(older.db)).toBe(11);
      const r = sanziSync(['--db', older.db, 'verify'], { env: { TMPDIR: tmp } });
      expect(r.status, r.stderr).toBe(0);
      expect(fs.existsSync(left)).toBe(false);
      for (const d of [young, mine, more, open, notMkdtemp, ...(theirs ? [theirs] : [])]) expect(fs.existsSync(d), d).toBe(true);
      expect(fs.existsSync(`${elsewhere}/ledger.db`)).toBe(true); // a link is not followed
      // All the rest as it was, and nothing of the verify's own left either.
      expect(kept()).toEqual(before.filter((n) => n !== `sanzi-verify-${dead}-AbC123`));
    });
  });

  it('names its copy’s folder with its process id (what lets a later verify judge it)', async () => {
    await withCopy('verify-older-name', async (older) => {
      const copy = await olderLedgerCopy(older.db);
      expect(copy && 'file' in copy).toBe(true);
      if (copy && 'file' in copy) {
        const folder = path.basename(path.dirname(copy.file));
        expect(folder).toMatch(new RegExp(`^sanzi-verify-${process.pid}-[A-Za-z0-9]{6}$`));
        expect(fs.statSync(path.dirname(copy.file)).mode & 0o777).toBe(0o700);
        copy.remove();
        expect(fs.existsSync(path.dirname(copy.file))).toBe(false);
      }
    });
  });

  it('any other command upgrades it, as before', async () => {
    const r = await sb.run('account', 'list');
    expect(r.code, r.stderr).toBe(0);
    expect(version(sb.db)).toBe(SCHEMA_VERSION);
    expect((await sb.run('verify')).code).toBe(0);
  });
});
