// verify where SQLite hashes (native/sqlite-sha256.c, loaded by src/store/native-sqlite.ts): the
// extension is built by `npm run build` and hashes as node:crypto does; the voucher chain and the
// audit trail checked in SQL pass a clean ledger (months interleaved included) and give way, on any
// damage of theirs, to the checks in JavaScript, which say what and where: verify finds the same
// either way.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../harness.js';
import { openLedgerFile } from '../../src/store/db.js';
import { nativeSqlite } from '../../src/store/native-sqlite.js';
import { auditInSql, checkVouchersNative, verifyDb, type LineSums } from '../../src/store/verify.js';
import { voucherRowsDigest, voucherRowsDigestInSql } from '../../src/store/audit.js';
import { ROOT, buildDemoLedger, copyLedger } from './trust-helpers.js';

let demo: Sandbox;
const made: Sandbox[] = [];

beforeAll(() => {
  demo = new Sandbox('verify-native-demo');
  buildDemoLedger(demo.db, demo.dir);
}, 120_000);
afterAll(() => {
  for (const s of [demo, ...made]) s?.cleanup();
});

function fresh(): Sandbox {
  const sb = new Sandbox('verify-native');
  made.push(sb);
  copyLedger(demo.db, sb.db);
  return sb;
}

/** Run SQL on the ledger behind sanzi's back, without its triggers and foreign keys. */
function tamper(file: string, sql: string): void {
  const db = new Database(file);
  try {
    db.pragma('foreign_keys = OFF');
    const triggers = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'").all() as { name: string; sql: string }[];
    for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
    db.exec(sql);
    for (const t of triggers) db.exec(t.sql);
  } finally {
    db.close();
  }
}

const sums = (): LineSums => ({ accounts: new Map(), members: new Map(), projects: new Map(), parties: new Map() });

/** What the checks in SQL say of a ledger (null: they gave way), and verify's findings each way. */
function look(file: string) {
  const db = openLedgerFile(file, { keepJournalMode: true });
  try {
    expect(nativeSqlite(db)).toBe(true);
    db.exec('BEGIN');
    const chain = checkVouchersNative(db, sums());
    const audit = auditInSql(db);
    db.exec('ROLLBACK');
    const show = (native: boolean) => verifyDb(db, { native }).map((x) => `${x.code} ${x.zh} ${x.source?.voucher ?? ''}`);
    return { chain, audit, sql: show(true), js: show(false) };
  } finally {
    db.close();
  }
}

/** A seeded generator of texts: ASCII, Chinese, emoji, NUL and line breaks, of any length up to 300. */
function texts(n: number, seed = 5): string[] {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pieces = ['a', 'Z', '0', '|', '\n', '\u0000', '汤', '泉', '民宿', '😀', 'é', ' ', '"', '\\'];
  return Array.from({ length: n }, () => Array.from({ length: Math.floor(rnd() * rnd() * 300) }, () => pieces[Math.floor(rnd() * pieces.length)]).join(''));
}

describe('the SQLite SHA-256 extension', () => {
  it('is built by npm run build and loads', () => {
    expect(fs.existsSync(path.join(ROOT, 'dist', 'native', 'sanzi-sqlite.so'))).toBe(true);
    const db = new Database(':memory:');
    try {
      expect(nativeSqlite(db)).toBe(true);
    } finally {
      db.close();
    }
  });

  it('sha256() and sha256_agg() are node:crypto’s SHA-256 of the same bytes, text or blob; NULL is no bytes', () => {
    const db = new Database(':memory:');
    try {
      expect(nativeSqlite(db)).toBe(true);
      const one = db.prepare('SELECT sha256(?)').pluck();
      const all = texts(2000);
      for (const t of all) expect(one.get(t)).toBe(crypto.createHash('sha256').update(t, 'utf8').digest('hex'));
      const blob = crypto.randomBytes(777);
      expect(one.get(blob)).toBe(crypto.createHash('sha256').update(blob).digest('hex'));
      expect(one.get(null)).toBe(null);
      expect(one.get('')).toBe(crypto.createHash('sha256').update('').digest('hex'));
      db.exec('CREATE TABLE t (i INTEGER PRIMARY KEY, x)');
      const put = db.prepare('INSERT INTO t(i, x) VALUES (?, ?)');
      all.forEach((t, i) => put.run(i, i % 97 === 0 ? null : t));
      const h = crypto.createHash('sha256');
      all.forEach((t, i) => i % 97 !== 0 && h.update(t, 'utf8'));
      expect(db.prepare('SELECT sha256_agg(x) FROM (SELECT x FROM t ORDER BY i)').pluck().get()).toBe(h.digest('hex'));
      expect(db.prepare('SELECT sha256_agg(x) FROM t WHERE i < 0').pluck().get()).toBe(crypto.createHash('sha256').digest('hex'));
    } finally {
      db.close();
    }
  });
});

describe('verify with SQLite hashing', () => {
  it('passes the demo ledger (years closed: their closing vouchers a run of their own) in SQL alone, clean as in JavaScript', () => {
    const sb = fresh();
    const r = look(sb.db);
    expect(r.chain).not.toBeNull();
    expect(r.audit).not.toBeNull();
    expect(r.sql).toEqual([]);
    expect(r.js).toEqual([]);
    const db = openLedgerFile(sb.db, { keepJournalMode: true });
    try {
      nativeSqlite(db);
      const last = db.prepare('SELECT MAX(id) FROM vouchers').pluck().get() as number;
      expect(voucherRowsDigestInSql(db, 1, last)).toBe(voucherRowsDigest(db, 1, last));
      expect(voucherRowsDigestInSql(db, 5, 9)).toBe(voucherRowsDigest(db, 5, 9));
    } finally {
      db.close();
    }
  });

  it('passes months entered interleaved (February, March, February again…)', async () => {
    const sb = new Sandbox('verify-native-months');
    made.push(sb);
    await sb.ok('init', '--name', '测试村股份经济合作社', '--start', '2024-01');
    for (const [date, amount] of [
      ['2024-02-03', '100'],
      ['2024-03-01', '200'],
      ['2024-02-20', '300'],
      ['2024-03-02', '400'],
      ['2024-02-28', '500'],
    ])
      await sb.ok('voucher', 'add', '--date', date, '--summary', '收款', '--debit', `101:${amount}`, '--credit', `501:${amount}`);
    const r = look(sb.db);
    expect(r.chain).not.toBeNull();
    expect(r.audit).not.toBeNull();
    expect(r.sql).toEqual([]);
  });

  // Each damage the SQL checks must not pass: they give way, and verify's findings are those of the
  // checks in JavaScript (the chain's and the trail's own, by voucher and record).
  const damages: [what: string, sql: string, gives: 'chain' | 'audit', code: string][] = [
    ['a line’s amount', 'UPDATE voucher_lines SET debit = debit + 1, credit = credit + 1 WHERE voucher_id = 9 AND line_no = 1', 'chain', 'HASH_CHAIN'],
    ['a voucher unbalanced', 'UPDATE voucher_lines SET debit = debit + 1 WHERE voucher_id = 12 AND debit > 0', 'chain', 'UNBALANCED'],
    ['a voucher’s lines deleted', 'DELETE FROM voucher_lines WHERE voucher_id = 15', 'chain', 'NO_LINES'],
    ['a voucher deleted (a gap in the ids)', 'DELETE FROM voucher_lines WHERE voucher_id = 20; DELETE FROM vouchers WHERE id = 20', 'chain', 'HASH_CHAIN'],
    ['a number moved past the month’s last', "UPDATE vouchers SET number = number + 500 WHERE id = 30", 'chain', 'NUMBER_GAP'],
    ['a stored hash changed', "UPDATE vouchers SET hash = replace(hash, substr(hash, 1, 1), 'f') WHERE id = 3", 'chain', 'HASH_CHAIN'],
    ['a member row', "UPDATE members SET name = name || '乙' WHERE rowid = 1", 'audit', 'AUDIT_ROW_CHANGED'],
    ['a member row added', "INSERT INTO members(id, name, household, created_at) VALUES ('X999', '冒名', 'H01', '2024-01-01 00:00:00')", 'audit', 'AUDIT_ROW_UNRECORDED'],
    ['a resource deleted', 'DELETE FROM resources WHERE rowid = (SELECT MIN(rowid) FROM resources)', 'audit', 'AUDIT_ROW_MISSING'],
    ['an audit record', "UPDATE audit_records SET by = '别人' WHERE id = 4", 'audit', 'AUDIT_CHAIN'],
    ['an audit row’s digest', "UPDATE audit_rows SET digest = 'x' WHERE audit_id = 6 AND (tbl, rid) = (SELECT tbl, rid FROM audit_rows WHERE audit_id = 6 LIMIT 1)", 'audit', 'AUDIT_CHAIN'],
    ['an audit row of no record', "INSERT INTO audit_rows(audit_id, tbl, rid, digest) VALUES (100000, 'members', 1, 'x')", 'audit', 'AUDIT_CHAIN'],
    ['a voucher’s preparer (pinned by the trail)', "UPDATE vouchers SET preparer = '别人' WHERE id = (SELECT voucher_to FROM audit_records WHERE voucher_to IS NOT NULL ORDER BY id LIMIT 1)", 'audit', 'AUDIT_VOUCHER_ROWS'],
  ];
  for (const [what, sql, gives, code] of damages) {
    it(`gives way on ${what}: ${code}, the same findings as in JavaScript`, () => {
      const sb = fresh();
      tamper(sb.db, sql);
      const r = look(sb.db);
      expect(r[gives]).toBeNull();
      expect(r.sql.some((f) => f.startsWith(`${code} `)), r.sql.join('\n')).toBe(true);
      expect(r.sql).toEqual(r.js);
    });
  }
});
