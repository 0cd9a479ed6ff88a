// A new ledger is made with 16 KiB pages (PAGE_SIZE); a ledger made with SQLite's default 4 KiB
// pages, as every ledger before it was, opens, takes writes and verifies as it did.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './harness.js';
import { PAGE_SIZE } from '../src/store/db.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanzi-pages-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const pageSize = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma('page_size', { simple: true });
  } finally {
    db.close();
  }
};

const sanzi = async (db: string, ...args: string[]) => {
  const r = await runCli(['--db', db, ...args], { cwd: dir });
  expect(r.stderr).not.toMatch(/\n\s+at /);
  return r;
};

describe('the page size of a ledger', () => {
  it('a new ledger has 16 KiB pages', async () => {
    const db = path.join(dir, 'new.db');
    expect((await sanzi(db, 'init', '--name', '页面测试村', '--start', '2024-01')).code).toBe(0);
    expect(pageSize(db)).toBe(PAGE_SIZE);
    expect(PAGE_SIZE).not.toBe(4096); // not SQLite's default: the pragma took effect
  });

  it('a ledger with 4 KiB pages keeps them, takes a voucher and verifies clean', async () => {
    const made = path.join(dir, 'made.db');
    expect((await sanzi(made, 'init', '--name', '页面测试村', '--start', '2024-01')).code).toBe(0);
    const old = path.join(dir, 'old.db');
    // The same ledger as SQLite's default would have made it: VACUUM INTO at 4 KiB pages.
    const src = new Database(made);
    src.pragma('page_size = 4096');
    src.exec(`VACUUM INTO '${old.replace(/'/g, "''")}'`);
    src.close();
    const conv = new Database(old);
    conv.pragma('journal_mode = WAL');
    conv.close();
    expect(pageSize(old)).toBe(4096);
    const v = await sanzi(old, 'voucher', 'add', '--date', '2024-01-05', '--summary', '购买办公用品', '--debit', '513:120.00', '--credit', '101:120.00');
    expect(v.code).toBe(0);
    expect((await sanzi(old, 'verify')).code).toBe(0);
    expect((await sanzi(old, 'voucher', 'list', '--format', 'json')).json().vouchers).toHaveLength(1);
    expect(pageSize(old)).toBe(4096);
  });
});
