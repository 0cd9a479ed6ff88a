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
import { auditInSql, checkVouchersNative, ownSchema, verifyDb, type LineSums } from '../../src/store/verify.js';
import { recordHash, voucherRowsDigest, voucherRowsDigestInSql, type AuditRecordRow } from '../../src/store/audit.js';
import { GENESIS_HASH } from '../../src/store/voucher-writer.js';
import { ROOT, buildDemoLedger, copyLedger, tamperFreely } from './trust-helpers.js';

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
const tamper = (file: string, sql: string): void => tamperFreely(file, sql);

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
  /** Vouchers from `from` on hashed again, the first after `prev`, as an intruder covering an edit would. */
  const rehash = (db: Database.Database, from: number, prev: string) => {
    const head = `v.period || '|' || v.number || '|' || v.date || '|' || v.summary || '|' || v.kind || '|' || ifnull(v.reverses, '')`;
    const line = `char(10) || account || '|' || debit || '|' || credit || '|' || ifnull(member, '') || '|' || ifnull(project, '') || CASE WHEN party IS NULL OR party = '' THEN '' ELSE '|' || party END`;
    const hash = db.prepare(`SELECT sha256(CAST(? || char(10) || ${head} || (SELECT group_concat(${line}, '') FROM voucher_lines NOT INDEXED WHERE voucher_id = v.id) AS BLOB)) FROM vouchers v WHERE id = ?`).pluck();
    const set = db.prepare('UPDATE vouchers SET hash = ? WHERE id = ?');
    for (const id of db.prepare('SELECT id FROM vouchers WHERE id >= ? ORDER BY id').pluck().all(from) as number[]) {
      prev = hash.get(prev, id) as string;
      set.run(prev, id);
    }
  };
  /** Run code on the ledger behind sanzi's back, the extension loaded, without triggers and foreign keys. */
  const tamperWith = (file: string, fn: (db: Database.Database) => void) => tamperFreely(file, fn, (db) => expect(nativeSqlite(db)).toBe(true));
  const sha = (text: string) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');
  /** A record appended to the trail with the given rows, chained and hashed as sanzi would. */
  const appendRecord = (db: Database.Database, rows: [string, number, string][], vouchers: [number, number] | null) => {
    const last = db.prepare('SELECT * FROM audit_records ORDER BY id DESC LIMIT 1').get() as AuditRecordRow;
    const r = {
      id: last.id + 1, at: last.at, by: last.by, action: 'member.edit', entity: 'member', summary: '改', detail: null, amount: null,
      voucher_from: vouchers?.[0] ?? null, voucher_to: vouchers?.[1] ?? null,
      voucher_head: vouchers ? (db.prepare('SELECT hash FROM vouchers WHERE id = ?').pluck().get(vouchers[1]) as string) : null,
      row_count: rows.length, rows_digest: sha(rows.map(([t, rid, d]) => `${t}|${rid}|${d}\n`).join('')),
    };
    db.prepare('INSERT INTO audit_records VALUES (@id, @at, @by, @action, @entity, @summary, @detail, @amount, @voucher_from, @voucher_to, @voucher_head, @row_count, @rows_digest, @prev, @hash)').run({ ...r, prev: last.hash, hash: recordHash(last.hash, r) });
    for (const x of rows) db.prepare('INSERT INTO audit_rows VALUES (?, ?, ?, ?)').run(r.id, ...x);
  };
  // Damage made to pass a check done carelessly in SQL: each must give way, the findings JavaScript's.
  const crafted: [what: string, fn: (db: Database.Database) => void, gives: 'chain' | 'audit', code: string][] = [
    [
      'a voucher deleted and the chain after it made again from the start',
      (db) => {
        db.exec('DELETE FROM voucher_lines WHERE voucher_id = 9; DELETE FROM vouchers WHERE id = 9');
        rehash(db, 10, GENESIS_HASH);
      },
      'chain',
      'HASH_CHAIN',
    ],
    [
      'a summary given a byte that is not UTF-8, hashed again over its bytes',
      (db) => {
        const last = db.prepare('SELECT MAX(id) FROM vouchers').pluck().get() as number;
        db.prepare("UPDATE vouchers SET summary = CAST(x'ff' AS TEXT) || summary WHERE id = ?").run(last);
        rehash(db, last, db.prepare('SELECT hash FROM vouchers WHERE id = ?').pluck().get(last - 1) as string);
      },
      'chain',
      'HASH_CHAIN',
    ],
    [
      'the last voucher moved to id 10^12',
      (db) => {
        const last = db.prepare('SELECT MAX(id) FROM vouchers').pluck().get() as number;
        db.exec(`UPDATE voucher_lines SET voucher_id = 1000000000000 WHERE voucher_id = ${last}; UPDATE vouchers SET id = 1000000000000 WHERE id = ${last}`);
      },
      'chain',
      'AUDIT_VOUCHERS',
    ],
    [
      'the last voucher moved past 2^53 and its lines changed',
      (db) => {
        const last = db.prepare('SELECT MAX(id) FROM vouchers').pluck().get() as number;
        db.exec(`UPDATE voucher_lines SET voucher_id = 9007199254740999, debit = debit + 1, credit = credit + 1 WHERE voucher_id = ${last}; UPDATE vouchers SET id = 9007199254740999 WHERE id = ${last}`);
      },
      'chain',
      'AUDIT_VOUCHERS',
    ],
    [
      'a member added, recorded by a digest with a line end standing for two rows',
      (db) => {
        const cols = (db.prepare("SELECT name FROM pragma_table_info('members')").pluck().all() as string[]).map((c) => `"${c}"`).join(', ');
        const last = db.prepare('SELECT MAX(rowid) FROM members').pluck().get() as number;
        db.exec("INSERT INTO members(id, name, household, created_at) VALUES ('X999', '冒名', 'H01', '2024-01-01 00:00:00')");
        const added = db.prepare('SELECT MAX(rowid) FROM members').pluck().get() as number;
        const d = (rid: number) => db.prepare(`SELECT sha256(json_array(${cols})) FROM members WHERE rowid = ?`).pluck().get(rid) as string;
        appendRecord(db, [['members', last, `${d(last)}\n${added}:${d(added)}`]], null);
      },
      'audit',
      'AUDIT_ROW_UNRECORDED',
    ],
    [
      'a voucher row pinned by a separator hidden in another row’s digest',
      (db) => {
        const b = db.prepare('SELECT MAX(id) FROM vouchers').pluck().get() as number;
        const cols = (db.prepare("SELECT name FROM pragma_table_info('vouchers')").pluck().all() as string[])
          .filter((c) => !['period', 'number', 'date', 'summary', 'kind', 'reverses'].includes(c))
          .map((c) => `"${c}"`)
          .join(', ');
        const right = db.prepare(`SELECT sha256(json_array(${cols}) || char(10)) FROM vouchers WHERE id = ?`).pluck().get(b) as string;
        appendRecord(db, [['vouchers', b - 1, `junk\u0001${b}:${right}`], ['vouchers', b, 'f'.repeat(64)]], [b, b]);
      },
      'audit',
      'AUDIT_VOUCHER_ROWS',
    ],
    [
      'the vouchers moved to ids near -2^60 (doubles there 256 apart) and the last one’s summary changed',
      (db) => {
        const off = '-1152921504606846977';
        db.exec(`UPDATE voucher_lines SET voucher_id = voucher_id + ${off}; UPDATE vouchers SET id = id + ${off};`);
        db.exec("UPDATE vouchers SET summary = summary || '改' WHERE id = (SELECT MAX(id) FROM vouchers)");
      },
      'chain',
      'HASH_CHAIN',
    ],
    [
      'a record of a row at rowid 2^53 + 1, which JavaScript reads as 2^53',
      (db) => {
        const rid = 9007199254740993n;
        const last = db.prepare('SELECT * FROM audit_records ORDER BY id DESC LIMIT 1').get() as AuditRecordRow;
        const r = {
          id: last.id + 1, at: last.at, by: last.by, action: 'member.delete', entity: 'member', summary: '删', detail: null, amount: null,
          voucher_from: null, voucher_to: null, voucher_head: null, row_count: 1, rows_digest: sha(`members|${rid}|\n`),
        };
        db.prepare('INSERT INTO audit_records VALUES (@id, @at, @by, @action, @entity, @summary, @detail, @amount, @voucher_from, @voucher_to, @voucher_head, @row_count, @rows_digest, @prev, @hash)').run({ ...r, prev: last.hash, hash: recordHash(last.hash, r) });
        db.prepare('INSERT INTO audit_rows VALUES (?, ?, ?, NULL)').run(r.id, 'members', rid);
      },
      'audit',
      'AUDIT_CHAIN',
    ],
    [
      // The month's lines summed in C give way on it too (sanzi_line_sums), and are summed by SQLite.
      'a line’s member made bytes that are not UTF-8',
      (db) => {
        db.exec("UPDATE voucher_lines SET member = CAST(x'c0af' AS TEXT) WHERE (voucher_id, line_no) = (SELECT voucher_id, line_no FROM voucher_lines WHERE member IS NOT NULL LIMIT 1)");
      },
      'chain',
      'HASH_CHAIN',
    ],
    [
      // Each line within 2^53, the month's sums of its account past it: summed by SQLite.
      'two lines of one account and month made 2^53 − 1 each',
      (db) => {
        const [v, w] = db.prepare("SELECT id FROM vouchers WHERE period = (SELECT period FROM vouchers WHERE id = 9) ORDER BY id LIMIT 2").pluck().all() as number[];
        db.exec(`UPDATE voucher_lines SET account = '101', member = NULL, project = NULL, party = NULL, debit = 9007199254740991, credit = 0 WHERE voucher_id IN (${v}, ${w}) AND line_no = 1`);
      },
      'chain',
      'HASH_CHAIN',
    ],
    [
      // The column's collation decides what "no counterparty" is in SQLite's own text: so too in C.
      'a counterparty of two spaces, hashed, then its column given COLLATE RTRIM (where it equals nothing)',
      (db) => {
        const last = db.prepare('SELECT MAX(id) FROM vouchers').pluck().get() as number;
        db.prepare("UPDATE voucher_lines SET party = '  ' WHERE voucher_id = ? AND line_no = 1").run(last);
        rehash(db, last, db.prepare('SELECT hash FROM vouchers WHERE id = ?').pluck().get(last - 1) as string);
        db.unsafeMode(true);
        db.pragma('writable_schema = ON');
        db.exec("UPDATE sqlite_schema SET sql = replace(sql, 'party TEXT', 'party TEXT COLLATE RTRIM') WHERE name = 'voucher_lines'");
        db.pragma('writable_schema = OFF');
      },
      'chain',
      'HASH_CHAIN',
    ],
    [
      'a member added whose name is not well-formed UTF-8 (its row hashes to nothing in SQL)',
      (db) => {
        db.exec("INSERT INTO members(id, name, household, created_at) SELECT 'X999', CAST(x'ff' AS TEXT) || name, household, created_at FROM members WHERE rowid = (SELECT MAX(rowid) FROM members)");
      },
      'audit',
      'AUDIT_ROW_UNRECORDED',
    ],
  ];
  for (const [what, fn, gives, code] of crafted) {
    it(`gives way on ${what}: ${code}, the same findings as in JavaScript`, () => {
      const sb = fresh();
      tamperWith(sb.db, fn);
      const r = look(sb.db);
      expect(r[gives]).toBeNull();
      expect(r.js.some((f) => f.startsWith(`${code} `)), r.js.join('\n')).toBe(true);
      expect(r.sql).toEqual(r.js);
    });
  }

  it('sums the months’ lines in C on a ledger of sanzi’s own schema, and gives way to SQLite’s GROUP BY for a month whose sums pass 2^53 though its chain is whole', () => {
    const sb = fresh();
    const db = openLedgerFile(sb.db, { keepJournalMode: true });
    try {
      expect(ownSchema(db)).toBe(true);
    } finally {
      db.close();
    }
    // Two vouchers of one month made to book 2^53 − 1 each to 101 (and from 301), balanced, and the
    // chain hashed again from the first: the chain passes in C, the month's sums in C give way.
    tamperWith(sb.db, (d) => {
      const [v, w] = d.prepare('SELECT id FROM vouchers WHERE period = (SELECT period FROM vouchers WHERE id = 9) ORDER BY id LIMIT 2').pluck().all() as number[];
      d.exec(`UPDATE voucher_lines SET account = '101', member = NULL, project = NULL, party = NULL, debit = 9007199254740991, credit = 0 WHERE voucher_id IN (${v}, ${w}) AND line_no = 1;
              UPDATE voucher_lines SET account = '301', member = NULL, project = NULL, party = NULL, debit = 0, credit = 9007199254740991 WHERE voucher_id IN (${v}, ${w}) AND line_no = 2;
              DELETE FROM voucher_lines WHERE voucher_id IN (${v}, ${w}) AND line_no > 2;`);
      rehash(d, v, v === 1 ? GENESIS_HASH : (d.prepare('SELECT hash FROM vouchers WHERE id = ?').pluck().get(v - 1) as string));
    });
    const r = look(sb.db);
    expect(r.chain).toBe(true);
    expect(r.sql.some((f) => f.startsWith('BALANCES ')), r.sql.join('\n')).toBe(true);
    expect(r.sql).toEqual(r.js);
  });

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
