// sanzi_voucher_hash (native/sqlite-voucher-hash.c), the aggregate verify hashes each voucher's lines
// with: the same hash as SQLite's own text (sha256 of the columns joined with `||` and group_concat,
// as verify built it before) and as node:crypto's SHA-256 of the canonical text written in
// JavaScript (voucherHeadText + voucherLineText), over every kind of cell; NULL for a voucher with
// no lines, unbalanced, whose sums pass 64 bits, or holding a value not as sanzi writes it.
import crypto from 'node:crypto';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nativeSqlite } from '../src/store/native-sqlite.js';
import { GENESIS_HASH, voucherHeadText, voucherLineText } from '../src/store/voucher-writer.js';

let db: Database.Database;

/** SQLite's own text of a voucher, as verify hashed it before this aggregate (the reference). */
const HEAD = `v.period || '|' || v.number || '|' || v.date || '|' || v.summary || '|' || v.kind || '|' || ifnull(v.reverses, '')`;
const LINE = `char(10) || account || '|' || debit || '|' || credit || '|' || ifnull(member, '') || '|' || ifnull(project, '') || CASE WHEN party IS NULL OR party = '' THEN '' ELSE '|' || party END`;
const BY_SQL = `SELECT v.id, (SELECT CASE WHEN SUM(debit) = SUM(credit) THEN sha256(:prev || char(10) || ${HEAD} || group_concat(${LINE}, '')) END
                      FROM l NOT INDEXED WHERE voucher_id = v.id) FROM v ORDER BY v.id`;
const BY_C = `SELECT v.id, (SELECT sanzi_voucher_hash(:prev, v.period, v.number, v.date, v.summary, v.kind, v.reverses, account, debit, credit, member, project, party)
                      FROM l NOT INDEXED WHERE voucher_id = v.id) FROM v ORDER BY v.id`;

beforeAll(() => {
  db = new Database(':memory:');
  expect(nativeSqlite(db)).toBe(true);
  db.defaultSafeIntegers(true);
});
afterAll(() => db?.close());

/** Tables shaped as the ledger's, without their types (so a test can put what it likes in them), emptied. */
function tables(): void {
  db.exec(`DROP TABLE IF EXISTS v; DROP TABLE IF EXISTS l;
    CREATE TABLE v (id INTEGER PRIMARY KEY, period, number, date, summary, kind, reverses);
    CREATE TABLE l (voucher_id, line_no, account, debit, credit, member, project, party, PRIMARY KEY (voucher_id, line_no)) WITHOUT ROWID;`);
}

/** A seeded generator. */
function random(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

const PIECES = ['a', 'Z', '0', '|', '\n', '\u0000', '汤', '泉', '民宿', '😀', 'é', ' ', '"', '\\'];
const text = (rnd: () => number, max: number) =>
  Array.from({ length: Math.floor(rnd() * rnd() * max) }, () => PIECES[Math.floor(rnd() * PIECES.length)]).join('');

/** Whole numbers bound as SQLite integers (better-sqlite3 binds a JavaScript number as a REAL). */
const int = (...xs: unknown[]) => xs.map((x) => (typeof x === 'number' && Number.isInteger(x) ? BigInt(x) : x));

const hashBy = (sql: string, prev: string) => new Map((db.prepare(sql).raw(true).all({ prev }) as [bigint, string | null][]).map(([id, h]) => [Number(id), h]));

describe('sanzi_voucher_hash', () => {
  it('hashes what SQLite’s own text hashes, and what the canonical text written in JavaScript hashes, over every kind of cell', () => {
    tables();
    const rnd = random(11);
    const putV = db.prepare('INSERT INTO v VALUES (?, ?, ?, ?, ?, ?, ?)');
    const putL = db.prepare('INSERT INTO l VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const expected = new Map<number, string>();
    const prev = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    for (let id = 1; id <= 600; id++) {
      const number = id % 50 === 0 ? 9_007_199_254_740_991 : Math.floor(rnd() * 100_000);
      // Summaries from nothing to some 1,200 bytes, so that a text crosses the aggregate's buffer.
      const summary = text(rnd, id % 7 === 0 ? 400 : 40);
      const reverses = id % 5 === 0 ? id - 1 : null;
      const kind = id % 3 === 0 ? 'import' : 'manual';
      putV.run(...int(id, '2024-03', number, '2024-03-05', summary, kind, reverses));
      let js = voucherHeadText(prev, '2024-03', number, '2024-03-05', summary, kind, reverses);
      const lines = 1 + Math.floor(rnd() * rnd() * 40);
      for (let k = 1; k <= lines; k++) {
        // Each line balanced by itself (debit n, credit n): any amount, 0 and negatives among them.
        const n = id % 11 === 0 ? -Math.floor(rnd() * 1e12) : Math.floor(rnd() * 1e9);
        const member = rnd() < 0.4 ? null : text(rnd, 20);
        const project = rnd() < 0.5 ? null : rnd() < 0.2 ? '' : text(rnd, 12);
        const party = rnd() < 0.4 ? null : rnd() < 0.3 ? '' : text(rnd, 30);
        const account = ['101', '10201', '113', '501', '11301'][Math.floor(rnd() * 5)];
        putL.run(...int(id, k, account, n, n, member, project, party));
        js += voucherLineText(account, n, n, member, project, party);
      }
      expected.set(id, crypto.createHash('sha256').update(js, 'utf8').digest('hex'));
    }
    const c = hashBy(BY_C, prev);
    const sql = hashBy(BY_SQL, prev);
    expect(c.size).toBe(600);
    for (const [id, h] of expected) {
      expect(c.get(id)).toBe(h);
      expect(sql.get(id)).toBe(h);
    }
  });

  it('writes integers as SQLite does over the whole of 64 bits (JavaScript cannot read them all)', () => {
    tables();
    const big = [9_223_372_036_854_775_807n, -9_223_372_036_854_775_808n, 9_007_199_254_740_993n, -1n, 0n];
    big.forEach((n, i) => {
      db.prepare('INSERT INTO v VALUES (?, ?, ?, ?, ?, ?, ?)').run(...int(i + 1, '2024-01', n, '2024-01-02', '收', 'manual', n));
      db.prepare('INSERT INTO l VALUES (?, 1, ?, ?, ?, NULL, NULL, NULL)').run(...int(i + 1, '101', n, n));
    });
    const c = hashBy(BY_C, GENESIS_HASH);
    const sql = hashBy(BY_SQL, GENESIS_HASH);
    big.forEach((n, i) => {
      const text = `${GENESIS_HASH}\n2024-01|${n}|2024-01-02|收|manual|${n}\n101|${n}|${n}||`;
      expect(c.get(i + 1)).toBe(crypto.createHash('sha256').update(text, 'utf8').digest('hex'));
      expect(sql.get(i + 1)).toBe(c.get(i + 1));
    });
  });

  it('gives NULL for no lines, lines that do not balance, sums past 64 bits, and any value not as sanzi writes it', () => {
    tables();
    const cases: [what: string, head: unknown[], lines: unknown[][]][] = [
      ['balanced (the control)', ['2024-01', 1, '2024-01-02', '收', 'manual', null], [['101', 5, 0, null, null, null], ['501', 0, 5, null, null, null]]],
      ['no lines', ['2024-01', 2, '2024-01-02', '收', 'manual', null], []],
      ['unbalanced', ['2024-01', 3, '2024-01-02', '收', 'manual', null], [['101', 5, 0, null, null, null], ['501', 0, 4, null, null, null]]],
      // Two debits of 2^63 − 1 wrap round to −2 in 64 bits, what the credit is: past 64 bits, not balanced.
      ['debits past 64 bits', ['2024-01', 4, '2024-01-02', '收', 'manual', null], [['101', 9_223_372_036_854_775_807n, 0, null, null, null], ['101', 9_223_372_036_854_775_807n, 0, null, null, null], ['501', 0, -2, null, null, null]]],
      ['a REAL amount', ['2024-01', 5, '2024-01-02', '收', 'manual', null], [['101', 5.5, 0, null, null, null], ['501', 0, 5.5, null, null, null]]],
      ['a number as text', ['2024-01', '6', '2024-01-02', '收', 'manual', null], [['101', 5, 5, null, null, null]]],
      ['a NULL summary', ['2024-01', 7, '2024-01-02', null, 'manual', null], [['101', 5, 5, null, null, null]]],
      ['a summary as a blob', ['2024-01', 8, '2024-01-02', Buffer.from('收'), 'manual', null], [['101', 5, 5, null, null, null]]],
      ['a NULL account', ['2024-01', 9, '2024-01-02', '收', 'manual', null], [[null, 5, 5, null, null, null]]],
      ['a reversal as text', ['2024-01', 10, '2024-01-02', '收', 'manual', '3'], [['101', 5, 5, null, null, null]]],
      ['a member as an integer', ['2024-01', 11, '2024-01-02', '收', 'manual', null], [['101', 5, 5, 7, null, null]]],
      ['a NULL period', [null, 12, '2024-01-02', '收', 'manual', null], [['101', 5, 5, null, null, null]]],
      ['a NULL date', ['2024-01', 13, null, '收', 'manual', null], [['101', 5, 5, null, null, null]]],
      ['a NULL kind', ['2024-01', 14, '2024-01-02', '收', null, null], [['101', 5, 5, null, null, null]]],
      ['a NULL credit', ['2024-01', 15, '2024-01-02', '收', 'manual', null], [['101', 5, null, null, null, null]]],
    ];
    cases.forEach(([, head, lines], i) => {
      db.prepare('INSERT INTO v VALUES (?, ?, ?, ?, ?, ?, ?)').run(...int(i + 1, ...head));
      lines.forEach((l, k) => db.prepare('INSERT INTO l VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(...int(i + 1, k + 1, ...l)));
    });
    // A text of bytes that are not UTF-8 (a member, then a summary), and a previous hash that is not a text.
    db.prepare("INSERT INTO v VALUES (16, '2024-01', 16, '2024-01-02', '收', 'manual', NULL)").run();
    db.prepare("INSERT INTO l VALUES (16, 1, '101', 5, 5, CAST(x'c0af' AS TEXT), NULL, NULL)").run();
    db.prepare("INSERT INTO v VALUES (17, '2024-01', 17, '2024-01-02', CAST(x'e6b1a4ff' AS TEXT), 'manual', NULL)").run();
    db.prepare("INSERT INTO l VALUES (17, 1, '101', 5, 5, NULL, NULL, NULL)").run();
    const c = hashBy(BY_C, GENESIS_HASH);
    const control = `${GENESIS_HASH}\n2024-01|1|2024-01-02|收|manual|\n101|5|0||\n501|0|5||`;
    expect(c.get(1)).toBe(crypto.createHash('sha256').update(control, 'utf8').digest('hex'));
    for (let id = 2; id <= 17; id++) expect([id, c.get(id)]).toEqual([id, null]);
    const notText = db.prepare(`SELECT (SELECT sanzi_voucher_hash(123, v.period, v.number, v.date, v.summary, v.kind, v.reverses, account, debit, credit, member, project, party) FROM l WHERE voucher_id = v.id) FROM v WHERE id = 1`);
    expect(notText.pluck().get()).toBe(null);
  });

  it('leaves out a counterparty equal to nothing by its column’s collation, as SQLite’s own text does, when given as nullif(party, \'\')', () => {
    // A ledger whose party column was given COLLATE RTRIM behind sanzi's back: '  ' = '' there.
    db.exec(`DROP TABLE IF EXISTS v; DROP TABLE IF EXISTS l;
      CREATE TABLE v (id INTEGER PRIMARY KEY, period, number, date, summary, kind, reverses);
      CREATE TABLE l (voucher_id, line_no, account, debit, credit, member, project, party TEXT COLLATE RTRIM, PRIMARY KEY (voucher_id, line_no)) WITHOUT ROWID;`);
    ['', ' ', '  ', 'a ', null].forEach((party, i) => {
      db.prepare('INSERT INTO v VALUES (?, ?, ?, ?, ?, ?, ?)').run(...int(i + 1, '2024-01', 1, '2024-01-02', '收', 'manual', null));
      db.prepare('INSERT INTO l VALUES (?, 1, ?, ?, ?, NULL, NULL, ?)').run(...int(i + 1, '101', 5, 5, party));
    });
    const c = hashBy(BY_C.replace('member, project, party)', "member, project, nullif(party, ''))"), GENESIS_HASH);
    const sql = hashBy(BY_SQL, GENESIS_HASH);
    for (let id = 1; id <= 5; id++) expect([id, c.get(id)]).toEqual([id, sql.get(id)]);
    // The spaces are left out (RTRIM), 'a ' is not.
    expect(sql.get(2)).toBe(sql.get(1));
    expect(sql.get(4)).not.toBe(sql.get(1));
  });
});
