// Crash safety: a sanzi process killed (SIGKILL) at a random moment of a large voucher import, a
// dividend declaration or a year close leaves the ledger exactly as before or completely as after,
// and verify passes either way. Real processes (node bin/sanzi.js), a seeded choice of moments.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox, runCli } from '../harness.js';
import { BENCH_ACCOUNTS, generateVoucherCsv } from '../gen-vouchers.js';
import { copyLedger, count, ledgerDigest, sanziSpawn } from './trust-helpers.js';

/** Kills per operation: the import runs long enough to be cut anywhere; the others are short. */
const KILLS = { import: 3, short: 2 };
let rndState = 424242;
const rnd = () => {
  rndState = (Math.imul(rndState, 1103515245) + 12345) >>> 0;
  return rndState / 4294967296;
};

let tpl: Sandbox;
let work: Sandbox;
let csv: string;
let before: string;

beforeAll(async () => {
  // 汤泉 (tq) earns 10,000.00 in 2024 over 6 shares; January–November are closed.
  tpl = new Sandbox('crash-tpl');
  await tpl.ok('init', '--name', '测试村', '--start', '2024-01');
  for (const [code, name] of BENCH_ACCOUNTS) await tpl.ok('account', 'add', code, name);
  await tpl.ok('project', 'add', 'tq', '--name', '汤泉民宿', '--par', '100');
  await tpl.ok('import', 'members', tpl.file('m.csv', '成员编号,姓名,户号\nX001,邓志强,H01\nX002,李秀英,H01\nX003,邓伟,H02\n'));
  await tpl.ok('import', 'shares', tpl.file('s.csv', '日期,成员编号,项目,股种,股数,说明\n2024-01-01,X001,tq,募集股,3,\n2024-01-01,X002,tq,募集股,2,\n2024-01-01,X003,tq,募集股,1,\n'));
  await tpl.ok('voucher', 'add', '--date', '2024-03-08', '--summary', '门票', '--debit', '10201:12000', '--credit', '50101:12000:p=tq');
  await tpl.ok('voucher', 'add', '--date', '2024-04-08', '--summary', '水电', '--debit', '51101:2000:p=tq', '--credit', '10201:2000');
  for (let m = 1; m <= 11; m++) await tpl.ok('period', 'close', `2024-${String(m).padStart(2, '0')}`);
  csv = path.join(tpl.dir, 'v2025.csv');
  generateVoucherCsv(csv, 50_000, 2025, 1); // 12,500 vouchers in 2025
  before = ledgerDigest(tpl.db);
  work = new Sandbox('crash');
}, 120_000);
afterAll(() => {
  tpl?.cleanup();
  work?.cleanup();
});

/**
 * Does another process hold the ledger's write lock right now? (Taken and given back at once, on
 * one connection, polled sparingly: the command under test must not be kept waiting.)
 */
function lockProbe(db: string): { writing: () => boolean; close: () => void } {
  const probe = new Database(db);
  probe.pragma('busy_timeout = 0');
  return {
    writing: () => {
      try {
        probe.exec('BEGIN IMMEDIATE');
        probe.exec('ROLLBACK');
        return false;
      } catch {
        return true;
      }
    },
    close: () => probe.close(),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * work.db as the template, then the import of csv killed once it has written pages of its own into
 * the ledger (the ledger grown, its rollback journal beside it): the journal left must be rolled
 * back. No connection of ours may be open meanwhile (the write would stay in WAL mode).
 */
async function importKilledMidWrite(): Promise<void> {
  copyLedger(tpl.db, work.db);
  const size = fs.statSync(work.db).size;
  const child = sanziSpawn(['--db', work.db, 'import', 'vouchers', csv]);
  let finished = false;
  const exited = new Promise<void>((resolve) => child.on('exit', () => ((finished = true), resolve())));
  const t0 = Date.now();
  while (!finished && !(fs.existsSync(`${work.db}-journal`) && fs.statSync(work.db).size > size) && Date.now() - t0 < 30_000) await sleep(2);
  expect(finished, 'the import wrote through a rollback journal').toBe(false);
  child.kill('SIGKILL');
  await exited;
  expect(fs.existsSync(`${work.db}-journal`), 'a hot journal left').toBe(true);
}

/** Run to the end in-process: its duration and what the ledger holds after. */
async function complete(args: string[]): Promise<{ ms: number; vouchers: number; records: number }> {
  copyLedger(tpl.db, work.db);
  const t0 = Date.now();
  const r = await runCli(['--db', work.db, ...args]);
  expect(r.code, r.stderr).toBe(0);
  return { ms: Date.now() - t0, vouchers: count(work.db, 'vouchers'), records: count(work.db, 'audit_records') };
}

/**
 * Kill the command `kills` times at seeded moments: once it holds the write lock (or has finished),
 * after a random part of `ms`, the time the whole command takes. Each time the ledger is before or
 * after, whole; `after` says what it holds then.
 */
async function crash(
  args: string[],
  kills: number,
  full: { ms: number; vouchers: number; records: number },
  then?: () => Promise<void>,
  journal = false,
): Promise<{ before: number; after: number }> {
  const seen = { before: 0, after: 0 };
  for (let i = 0; i < kills; i++) {
    copyLedger(tpl.db, work.db);
    const t0 = Date.now();
    const child = sanziSpawn(['--db', work.db, ...args]);
    let finished = false;
    const exited = new Promise<void>((resolve) =>
      child.on('exit', () => {
        finished = true;
        resolve();
      }),
    );
    if (journal) {
      // Through the rollback journal: no connection of ours may be open meanwhile (the write would
      // stay in WAL mode); a journal is there from the switch out of WAL mode on.
      while (!finished && !fs.existsSync(`${work.db}-journal`) && Date.now() - t0 < 30_000) await sleep(2);
      expect(finished, 'the import wrote through a rollback journal').toBe(false);
    } else {
      const probe = lockProbe(work.db);
      while (!finished && !probe.writing() && Date.now() - t0 < 30_000) await sleep(5);
      probe.close();
    }
    await sleep(rnd() * full.ms);
    child.kill('SIGKILL');
    await exited;
    const what = `${args.join(' ')}: killed after ${Date.now() - t0} ms`;
    // Through the journal, sanzi's own next command rolls the cut write back (before this test's
    // own connection to the ledger could).
    if (journal) {
      const v = await runCli(['--db', work.db, 'verify']);
      expect(v.code, `${what}: ${v.stderr}`).toBe(0);
    }
    if (ledgerDigest(work.db) === before) seen.before++;
    else {
      expect(count(work.db, 'vouchers'), what).toBe(full.vouchers);
      expect(count(work.db, 'audit_records'), what).toBe(full.records);
      seen.after++;
    }
    const v = await runCli(['--db', work.db, 'verify']);
    expect(v.code, `${what}: ${v.stderr}`).toBe(0);
    if (then && i === 0) await then();
  }
  return seen;
}

describe('SIGKILL at random moments leaves the ledger before or after, never between', () => {
  it('a 50,000-line voucher import; the next writer goes ahead after a kill', async () => {
    // after: 12,500 more vouchers and one more audit record; the whole import takes about a second
    // or two of work once it holds the lock
    const full = { ms: 1500, vouchers: count(tpl.db, 'vouchers') + 12_500, records: count(tpl.db, 'audit_records') + 1 };
    const seen = await crash(['import', 'vouchers', csv], KILLS.import, full, async () => {
      // no lock is left behind, and a crash's -wal is no obstacle
      const r = await runCli(['--db', work.db, 'year', 'close', '2024']);
      expect(r.code, r.stderr).toBe(0);
      expect((await runCli(['--db', work.db, 'verify'])).code).toBe(0);
    });
    expect(seen.before + seen.after).toBe(KILLS.import);
  });

  it('a 50,000-line voucher import through the rollback journal (no other connection open): the next command rolls the cut write back', async () => {
    // Killed within the first half of the time the whole import takes here, run to its end: the
    // write is most of it, and its journal is there from its first page.
    copyLedger(tpl.db, work.db);
    const t0 = Date.now();
    const whole = sanziSpawn(['--db', work.db, 'import', 'vouchers', csv]);
    expect(await new Promise((resolve) => whole.on('exit', resolve))).toBe(0);
    const full = { ms: (Date.now() - t0) / 2, vouchers: count(work.db, 'vouchers'), records: count(work.db, 'audit_records') };
    const seen = await crash(['import', 'vouchers', csv], KILLS.import, full, async () => {
      // the next writer goes ahead over what the kill left (a hot journal rolled back by its open)
      const r = await runCli(['--db', work.db, 'year', 'close', '2024']);
      expect(r.code, r.stderr).toBe(0);
      expect((await runCli(['--db', work.db, 'verify'])).code).toBe(0);
    }, true);
    expect(seen.before + seen.after).toBe(KILLS.import);
  });

  it("a restore over a ledger whose large import was killed mid-write still refuses another collective's backup", async () => {
    const other = new Sandbox('crash-other');
    try {
      await other.ok('init', '--name', '别的村', '--start', '2024-01');
      const otherBackup = path.join(other.dir, 'other.db');
      await other.ok('backup', otherBackup);
      await importKilledMidWrite();
      const r = await runCli(['--db', work.db, 'restore', otherBackup]);
      expect(r.code).toBe(1);
      expect(r.codes).toEqual(['RESTORE_OTHER_COLLECTIVE']);
      expect(ledgerDigest(work.db)).toBe(before); // rolled back, and not replaced
      expect((await runCli(['--db', work.db, 'verify'])).code).toBe(0);
    } finally {
      other.cleanup();
    }
  });

  it('a ledger made read-only over a killed large write is refused as such, and opens again once writable', async () => {
    await importKilledMidWrite();
    fs.chmodSync(work.db, 0o444);
    try {
      const r = await runCli(['--db', work.db, 'report', 'trial-balance', '--from', '2024-01', '--to', '2024-12']);
      expect(r.code).toBe(1);
      expect(r.codes).toEqual(['LEDGER_ROLLBACK_READONLY']);
    } finally {
      fs.chmodSync(work.db, 0o600);
    }
    expect((await runCli(['--db', work.db, 'verify'])).code).toBe(0);
    expect(ledgerDigest(work.db)).toBe(before);
  });

  it('a dividend declaration', async () => {
    const args = ['dividend', 'declare', '--project', 'tq', '--year', '2024', '--reserve', '10'];
    const seen = await crash(args, KILLS.short, await complete(args));
    expect(seen.before + seen.after).toBe(KILLS.short);
  });

  it('a year close', async () => {
    const args = ['year', 'close', '2024'];
    const seen = await crash(args, KILLS.short, await complete(args));
    expect(seen.before + seen.after).toBe(KILLS.short);
  });
});
