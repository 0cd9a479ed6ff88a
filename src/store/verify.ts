// verify: recompute what the ledger keeps and account for every stored row. Each finding says what
// and where; nothing here writes.
import type { LedgerError } from '../domain/errors.js';
import { withSource } from '../domain/errors.js';
import { VerifyErrors } from '../domain/errors/verify.js';
import { formatFenGrouped } from '../domain/money.js';
import { checkAnchor, type AuditAnchor } from '../domain/audit-log.js';
import { voucherRef } from '../domain/voucher.js';
import { openLedgerFile, type DB, type OpenOptions } from './db.js';
import { sqlOf } from './internal.js';
import type { Ledger } from './ledger.js';
import { MIGRATIONS } from './migrations/index.js';
import { SCHEMA_DIGEST, SCHEMA_ROWS_SQL, expectedSchema, schemaChanges, schemaDigest, type SchemaRow } from './schema.js';
import { AUDIT_GENESIS, VOUCHER_ROWS, auditRowText, auditedTables, quoteName, recordHash, rowDigest, voucherRowsDigest, voucherRowsDigestInSql, type AuditRecordRow } from './audit.js';
import { GENESIS_HASH, voucherHeadText, voucherLineText } from './voucher-writer.js';
import { sha256Hex, TextSha256 } from './digest.js';
import { checkDeclarations, hasTable } from './verify-dividends.js';
import { verifyClosedPeriods } from './verify-closing.js';
import { checkIndexes, indexOfIntegrityMessage } from './verify-indexes.js';
import { nativeSqlite } from './native-sqlite.js';

/** At most this many findings of one kind are listed; the rest are counted. */
const PER_KIND = 20;

/** Where a check puts what it finds. */
interface Sink {
  add(e: LedgerError): void;
}

class Findings implements Sink {
  readonly list: LedgerError[] = [];
  private readonly counts = new Map<string, number>();
  add(e: LedgerError): void {
    // An index SQLite's count of entries and checkIndexes both found: said once.
    if (e.code === 'INDEX_MISMATCH' && this.list.some((x) => x.code === e.code && x.zh === e.zh)) return;
    const n = (this.counts.get(e.code) ?? 0) + 1;
    this.counts.set(e.code, n);
    if (n <= PER_KIND) this.list.push(e);
  }
  /** A check's outcome, as if its findings had been added one by one. */
  merge(o: CheckOutcome): void {
    for (const e of o.list) this.add(e);
    // The findings of each code the check counted but did not list (past PER_KIND of its own).
    for (const [code, n] of o.counts) {
      const listed = o.list.reduce((k, e) => k + (e.code === code ? 1 : 0), 0);
      if (n > listed) this.counts.set(code, (this.counts.get(code) ?? 0) + n - listed);
    }
  }
  done(): LedgerError[] {
    for (const [, n] of this.counts) if (n > PER_KIND) this.list.push(VerifyErrors.MORE_FINDINGS(n - PER_KIND));
    return this.list;
  }
}

/** The append-only triggers every ledger must have: the ones its migrations created. */
export function expectedTriggers(): string[] {
  const names: string[] = [];
  for (const m of MIGRATIONS) for (const x of (m.sql ?? '').matchAll(/CREATE TRIGGER (\w+)/g)) names.push(x[1]);
  return names;
}

/** Tables, indexes and triggers exactly as the migrations made them: none added, changed or dropped. */
function checkSchema(db: DB, f: Sink): void {
  const HOW = { added: ['是后加的', 'was added'], changed: ['的定义与原来不同', 'is defined differently'], dropped: ['被删除', 'was dropped'] } as const;
  for (const c of schemaChanges(db.prepare(SCHEMA_ROWS_SQL).all() as SchemaRow[])) {
    // A dropped append-only trigger is said by checkSqlite (TRIGGERS), with the others dropped.
    if (c.how === 'dropped' && c.type === 'trigger') continue;
    f.add(VerifyErrors.SCHEMA_CHANGED(c.type, c.name, HOW[c.how][0], HOW[c.how][1]));
  }
}

function checkSqlite(db: DB, f: Sink, full = false): void {
  // quick_check reads every page and record as integrity_check does, and counts each index's
  // entries, without matching them with their rows (a third of the time on a million lines):
  // checkIndexes matches the registers' indexes. --full: integrity_check matches every index.
  const integrity = db.pragma(full ? 'integrity_check' : 'quick_check', { simple: false }) as Record<string, string>[];
  const indexes = new Set<string>();
  for (const r of integrity) {
    const text = Object.values(r)[0];
    if (text === 'ok') continue;
    const index = indexOfIntegrityMessage(text);
    if (index === null) f.add(VerifyErrors.SQLITE_INTEGRITY(text));
    else if (!indexes.has(index)) {
      indexes.add(index);
      const table = db.prepare("SELECT tbl_name FROM sqlite_schema WHERE type = 'index' AND name = ?").pluck().get(index) as string | undefined;
      f.add(VerifyErrors.INDEX_MISMATCH(index, table ?? '?'));
    }
  }
  const fk = db.pragma('foreign_key_check') as { table: string; rowid: number | null; parent: string }[];
  for (const r of fk) f.add(VerifyErrors.FOREIGN_KEY(r.table, r.rowid, r.parent));
  const present = new Set(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger'").pluck().all() as string[]);
  const missing = expectedTriggers().filter((t) => !present.has(t));
  if (missing.length) f.add(VerifyErrors.TRIGGERS(missing.join(', ')));
}

/** The lines' sums per balance key ('account|period|closing', 'account|member|period', …), debit and credit. */
type Sums = Map<string, [number, number]>;
export interface LineSums {
  /** Per month and closing ('2024-03|0'), per account: the key of a line is made once per voucher. */
  accounts: Map<string, Sums>;
  members: Sums;
  projects: Sums;
  parties: Sums;
}

function addTo(m: Sums, k: string, d: number, c: number): void {
  const s = m.get(k);
  if (s) {
    s[0] += d;
    s[1] += c;
  } else m.set(k, [d, c]);
}

/** Vouchers read this many at a time. */
const BATCH = 20_000;

/** At most this many runs of vouchers of one month are summed one GROUP BY each. */
const MAX_RUNS = 20_000;

/**
 * The voucher chain as checkVouchers checks it, from the lines themselves: vouchers read in id order
 * a batch at a time, and the batch's lines by a range of voucher ids, each voucher's text built here.
 * For a ledger whose lines are no longer keyed as the migrations made them (verify reports the
 * change too): checkVouchers looks each voucher's lines up by that key.
 */
function checkVouchersByLines(db: DB, f: Sink, sums: LineSums, batchSize = BATCH, between?: () => void): void {
  let prev = GENESIS_HASH;
  const lastNumber = new Map<string, number>();
  type Head = [id: number, period: string, number: number, date: string, summary: string, kind: string, reverses: number | null, hash: string];
  type Row = [voucherId: number, account: string, debit: number, credit: number, member: string | null, project: string | null, party: string | null];
  const heads = db.prepare('SELECT id, period, number, date, summary, kind, reverses, hash FROM vouchers WHERE id > ? ORDER BY id LIMIT ?').raw(true);
  const linesOf = db
    .prepare('SELECT voucher_id, account, debit, credit, member, project, party FROM voucher_lines WHERE voucher_id > ? AND voucher_id <= ? ORDER BY voucher_id, line_no')
    .raw(true);
  const lastLines = db
    .prepare('SELECT voucher_id, account, debit, credit, member, project, party FROM voucher_lines WHERE voucher_id > ? ORDER BY voucher_id, line_no')
    .raw(true);
  let after = -Infinity;
  for (;;) {
    between?.();
    const batch = heads.all(after, batchSize) as Head[];
    if (batch.length === 0) break;
    const last = batch[batch.length - 1][0];
    const rows = (batch.length < batchSize ? lastLines.all(after) : linesOf.all(after, last)) as Row[];
    after = last;
    let i = 0;
    for (const [id, period, number, date, summary, kind, reverses, hash] of batch) {
      while (i < rows.length && rows[i][0] < id) i++; // lines of no voucher: checkOrphanLines
      const month = `${period}|${kind === 'year-close' ? 1 : 0}`;
      let accounts = sums.accounts.get(month);
      if (!accounts) sums.accounts.set(month, (accounts = new Map()));
      let text = voucherHeadText(prev, period, number, date, summary, kind, reverses);
      const first = i;
      let d = 0;
      let c = 0;
      for (; i < rows.length && rows[i][0] === id; i++) {
        const [, account, debit, credit, member, project, party] = rows[i];
        text += voucherLineText(account, debit, credit, member, project, party);
        d += debit;
        c += credit;
        addTo(accounts, account, debit, credit);
        if (member !== null) addTo(sums.members, `${account}|${member}|${period}`, debit, credit);
        if (project !== null) addTo(sums.projects, `${account}|${project}|${period}`, debit, credit);
        if (party !== null) addTo(sums.parties, `${account}|${party}|${period}`, debit, credit);
      }
      const at = () => ({ voucher: voucherRef(period, number) });
      if (sha256Hex(text) !== hash) f.add(withSource(VerifyErrors.HASH_CHAIN(), at()));
      prev = hash;
      if (d !== c) f.add(withSource(VerifyErrors.UNBALANCED(formatFenGrouped(d), formatFenGrouped(c)), at()));
      if (i === first) f.add(withSource(VerifyErrors.NO_LINES(), at()));
      const expected = (lastNumber.get(period) ?? 0) + 1;
      if (number !== expected) f.add(withSource(VerifyErrors.NUMBER_GAP(expected), at()));
      lastNumber.set(period, number);
    }
  }
}

/**
 * The lines are keyed as the migrations made them: a WITHOUT ROWID table whose primary key begins
 * (voucher_id, line_no), both ascending, so that a voucher's lines are one range of it, in line order.
 */
function linesKeyed(db: DB): boolean {
  const wr = db.prepare("SELECT wr FROM pragma_table_list WHERE schema = 'main' AND name = 'voucher_lines'").pluck().get();
  const pk = db.prepare("SELECT name FROM pragma_index_list('voucher_lines') WHERE origin = 'pk'").pluck().get() as string | undefined;
  if (wr !== 1 || pk === undefined) return false;
  const cols = db.prepare('SELECT name, desc FROM pragma_index_xinfo(?) WHERE key ORDER BY seqno').all(pk) as { name: string; desc: number }[];
  return cols.length >= 2 && cols[0].name === 'voucher_id' && cols[1].name === 'line_no' && cols[0].desc === 0 && cols[1].desc === 0;
}

/**
 * A line's part of its voucher's canonical text (voucherLineText), built by SQLite. The integers
 * print as JavaScript prints them; a counterparty is hashed only when it has one.
 */
const LINE_TEXT = `char(10) || account || '|' || debit || '|' || credit || '|' || ifnull(member, '') || '|' || ifnull(project, '') || CASE WHEN party IS NULL OR party = '' THEN '' ELSE '|' || party END`;

/**
 * The voucher chain, each voucher's balance and numbering; on the way, the lines' sums per balance
 * key for checkBalances. Each voucher comes with its canonical text built by SQLite (voucherHeadText
 * without the hash before it, and its lines' voucherLineText in line order: NOT INDEXED keeps the
 * look-up on the lines' primary key, which yields them by line_no), so that JavaScript handles one
 * row a voucher and hashes it, instead of a row a line; with the voucher's debits and credits when
 * they differ. The lines' sums come from SQLite too, per run of consecutive vouchers of one month (a
 * handful of GROUP BYs, not a million rows); false when the runs are too many for that, and the
 * sums were not made.
 */
function checkVouchers(db: DB, f: Sink, sums: LineSums, batchSize = BATCH, maxRuns = MAX_RUNS, between?: () => void, native = false): boolean {
  let prev = GENESIS_HASH;
  const lastNumber = new Map<string, number>();
  type Row = [id: number, period: string, number: number, closing: number, hash: string, text: string | null];
  // One text a voucher: what its lines say of it ('' as a rule; 'N' when it has none; its debits
  // and credits, '123|45', when these differ), a newline, then its canonical text.
  const head = `v.period || '|' || v.number || '|' || v.date || '|' || v.summary || '|' || v.kind || '|' || ifnull(v.reverses, '')`;
  const vouchers = db
    .prepare(
      `SELECT id, period, number, kind = 'year-close', hash,
              ifnull((SELECT CASE WHEN SUM(debit) = SUM(credit) THEN '' ELSE SUM(debit) || '|' || SUM(credit) END || char(10) || ${head} || group_concat(${LINE_TEXT}, '')
                        FROM voucher_lines NOT INDEXED WHERE voucher_id = v.id),
                     'N' || char(10) || ${head})
         FROM vouchers v WHERE id > ? ORDER BY id LIMIT ?`,
    )
    .raw(true);
  /** Runs of consecutive voucher ids of one month and closing: [first id, last id, period, closing]. */
  const runs: [number, number, string, number][] = [];
  let run: [number, number, string, number] | null = null;
  let after = -Infinity;
  for (;;) {
    between?.();
    let n = 0;
    for (const [id, period, number, closing, hash, text] of vouchers.iterate(after, batchSize) as Iterable<Row>) {
      n++;
      after = id;
      if (run && run[1] === id - 1 && run[2] === period && run[3] === closing) run[1] = id;
      else runs.push((run = [id, id, period, closing]));
      const at = () => ({ voucher: voucherRef(period, number) });
      const k = text === null ? -1 : text.indexOf('\n');
      const said = k > 0 ? text!.slice(0, k) : '';
      if (text === null || sha256Hex(`${prev}\n${text.slice(k + 1)}`) !== hash) f.add(withSource(VerifyErrors.HASH_CHAIN(), at()));
      prev = hash;
      if (said !== '' && said !== 'N') {
        const [d, c] = said.split('|').map(Number);
        f.add(withSource(VerifyErrors.UNBALANCED(formatFenGrouped(d), formatFenGrouped(c)), at()));
      }
      if (said === 'N') f.add(withSource(VerifyErrors.NO_LINES(), at()));
      const expected = (lastNumber.get(period) ?? 0) + 1;
      if (number !== expected) f.add(withSource(VerifyErrors.NUMBER_GAP(expected), at()));
      lastNumber.set(period, number);
    }
    if (n < batchSize) break;
  }
  return sumRuns(db, runs, sums, maxRuns, native);
}

/**
 * The lines' sums per balance key, one GROUP BY per run of consecutive vouchers of one month and
 * closing ([first id, last id, period, closing]); false when the runs are too many for that (vouchers
 * of many months interleaved: a GROUP BY each would cost more than summing every line, which
 * checkBalances then does in SQL), and the sums were not made. Where `native` and the extension is
 * loaded and the schema is sanzi's own (no collation of another's on the lines' columns), each run
 * is grouped in C (sanzi_line_sums: a hash table instead of SQLite's sorter, the same rows in the
 * same order); a run whose lines it gives way on is grouped by SQLite.
 */
function sumRuns(db: DB, runs: readonly [number, number, string, number][], sums: LineSums, maxRuns: number, native: boolean): boolean {
  if (runs.length > maxRuns) return false;
  const grouped = db
    .prepare('SELECT account, member, project, party, SUM(debit), SUM(credit) FROM voucher_lines WHERE voucher_id BETWEEN ? AND ? GROUP BY account, member, project, party')
    .raw(true);
  const inC = native && nativeSqlite(db) && ownSchema(db) ? db.prepare('SELECT sanzi_line_sums(account, member, project, party, debit, credit) FROM voucher_lines WHERE voucher_id BETWEEN ? AND ?').pluck() : null;
  const linesOf = (from: number, to: number): Iterable<Sum> => {
    if (inC) {
      try {
        return JSON.parse((inC.get(from, to) as string | null) ?? '[]') as Sum[];
      } catch (e) {
        if ((e as Error).message !== 'sanzi_line_sums: give way') throw e;
      }
    }
    return grouped.iterate(from, to) as Iterable<Sum>;
  };
  for (const [from, to, period, closing] of runs) {
    const month = `${period}|${closing}`;
    let accounts = sums.accounts.get(month);
    if (!accounts) sums.accounts.set(month, (accounts = new Map()));
    for (const [account, member, project, party, debit, credit] of linesOf(from, to)) {
      addTo(accounts, account, debit, credit);
      if (member !== null) addTo(sums.members, `${account}|${member}|${period}`, debit, credit);
      if (project !== null) addTo(sums.projects, `${account}|${project}|${period}`, debit, credit);
      if (party !== null) addTo(sums.parties, `${account}|${party}|${period}`, debit, credit);
    }
  }
  return true;
}

/** A run's lines summed per balance key: account, member, project, counterparty, debits, credits. */
type Sum = [account: string, member: string | null, project: string | null, party: string | null, debit: number, credit: number];

/** Whether the file's schema is exactly the one sanzi's migrations make. */
export function ownSchema(db: DB): boolean {
  return schemaDigest(db.prepare(SCHEMA_ROWS_SQL).all() as SchemaRow[]) === SCHEMA_DIGEST;
}

/**
 * The voucher chain, balance and numbering as checkVouchers checks them, in SQL alone, with the
 * extension's sanzi_voucher_hash() (native/sqlite-voucher-hash.c): each voucher's canonical text
 * (the text checkVouchers has SQLite build, head and LINE_TEXT) is hashed where SQLite reads its
 * lines, after the stored hash of the voucher before it (id - 1); a counterparty equal to '' by the
 * column's collation (as LINE_TEXT compares it) is given as NULL, and only the vouchers
 * that begin a run of one month and closing come to JavaScript, or any voucher that does not pass.
 * A voucher passes when its lines balance and hash, with the voucher before it, to its hash, and
 * its number follows the one before it in its month: the voucher before it, or, after another
 * month's, 1 or the number one less held by an earlier voucher of the month (with the unique key of
 * (period, number), the same as numbering each month 1, 2, 3… in id order). Returns null as soon as
 * one does not pass (checkVouchers then says which and why, as it always has); else whether the
 * lines' sums were made (sumRuns).
 */
export function checkVouchersNative(db: DB, sums: LineSums, batchSize = BATCH, maxRuns = MAX_RUNS, between?: () => void): boolean | null {
  // A voucher with none at id - 1 (but the first) stands after a gap: it does not pass, and the
  // chain from the row before it is checked in JavaScript.
  const vouchers = db
    .prepare(
      `SELECT id, period, closing, bad FROM (
         SELECT v.id, v.period, v.kind = 'year-close' AS closing,
                p.id IS NULL OR p.period IS NOT v.period OR (p.kind = 'year-close') IS NOT (v.kind = 'year-close') AS start,
                (p.id IS NULL AND v.id <> :first)
                OR (SELECT sanzi_voucher_hash(ifnull(p.hash, :genesis), v.period, v.number, v.date, v.summary, v.kind, v.reverses,
                                              account, debit, credit, member, project, nullif(party, ''))
                      FROM voucher_lines NOT INDEXED WHERE voucher_id = v.id) IS NOT v.hash
                OR v.hash IS NULL
                OR NOT CASE WHEN p.period IS v.period THEN v.number IS p.number + 1
                            ELSE v.number IS 1 OR EXISTS (SELECT 1 FROM vouchers q WHERE q.period = v.period AND q.number = v.number - 1 AND q.id < v.id) END AS bad
           FROM vouchers v LEFT JOIN vouchers p ON p.id = v.id - 1
          WHERE v.id > :after AND v.id <= :last)
        WHERE start OR bad ORDER BY id`,
    )
    .raw(true);
  // The ids 1… without a gap, as sanzi writes them; any other (a gap, 0 or less, past 2^53, which
  // JavaScript does not read exactly) is checked there, by key. So batchSize ids are batchSize vouchers.
  const [first, last, dense] = db
    .prepare('SELECT MIN(id), MAX(id), MIN(id) >= 1 AND MAX(id) <= 9007199254740991 AND MAX(id) - MIN(id) + 1 = COUNT(*) FROM vouchers')
    .raw(true)
    .get() as [number | null, number | null, number | null];
  if (first === null || last === null) return sumRuns(db, [], sums, maxRuns, true);
  if (dense !== 1) return null;
  const runs: [number, number, string, number][] = [];
  for (let after = first - 1; after < last; after += batchSize) {
    between?.();
    const to = Math.min(after + batchSize, last);
    for (const [id, period, closing, bad] of vouchers.iterate({ genesis: GENESIS_HASH, first, after, last: to }) as Iterable<[number, string, number, number]>) {
      if (bad) return null;
      if (runs.length) runs[runs.length - 1][1] = id - 1;
      runs.push([id, last, period, closing]);
    }
  }
  return sumRuns(db, runs, sums, maxRuns, true);
}

/**
 * Whether the vouchers are keyed as the migrations made them: (period, number) unique, which
 * checkVouchersNative's numbering check counts on.
 */
function numbersKeyed(db: DB): boolean {
  const unique = db.prepare("SELECT name FROM pragma_index_list('vouchers') WHERE \"unique\" AND partial = 0").pluck().all() as string[];
  return unique.some((ix) => {
    const cols = db.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno').pluck().all(ix) as string[];
    return cols.length === 2 && cols[0] === 'period' && cols[1] === 'number';
  });
}

/** Lines of no voucher (a check of its own, so that it can run beside the chain). */
function checkOrphanLines(db: DB, f: Sink): void {
  const orphans = db.prepare('SELECT DISTINCT voucher_id FROM voucher_lines WHERE voucher_id NOT IN (SELECT id FROM vouchers) LIMIT 20').pluck().all() as number[];
  for (const id of orphans) f.add(VerifyErrors.AUDIT_VOUCHERS(id, id));
}

/**
 * Lines whose member or project is on no register, read off the member and project balances that
 * checkBalances matches with the lines: a line re-pointed at a member who does not exist (its text
 * hashing as before: 'X001' and party 'P' against 'X001|' and project 'P') is found here. With the
 * balances (on verify's main thread, which finishes before the other on a large ledger).
 */
function checkLineDimensions(db: DB, f: Sink): void {
  const unknown = (sql: string) => db.prepare(sql).pluck().all() as string[];
  for (const m of unknown('SELECT DISTINCT b.member FROM member_balances b WHERE NOT EXISTS (SELECT 1 FROM members m WHERE m.id = b.member) LIMIT 20'))
    f.add(VerifyErrors.LINE_DIMENSION_UNKNOWN('member', m));
  for (const p of unknown('SELECT DISTINCT b.project FROM project_balances b WHERE NOT EXISTS (SELECT 1 FROM projects p WHERE p.code = b.project) LIMIT 20'))
    f.add(VerifyErrors.LINE_DIMENSION_UNKNOWN('project', p));
}

/**
 * The balances kept (科目余额, member, project and counterparty balances) against the lines' sums
 * (and the opening balances, kept under the period '0000-00', before every month). `sums` are the
 * lines' sums from checkVouchers; when it could not read the lines, SQL sums them here.
 */
function checkBalances(db: DB, f: Sink, sums: LineSums | null): void {
  let accounts: Sums | undefined;
  if (sums) {
    accounts = new Map();
    for (const [month, m] of sums.accounts) for (const [account, s] of m) accounts.set(`${account}|${month}`, s);
  }
  const diff = (sqlKept: string, sqlLines: string, lines: Sums | undefined, what: string, whatEn: string) => {
    let bad: string[];
    if (lines) {
      // The opening balances join the lines' sums; then every key of either side must agree.
      for (const [k, d, c] of db.prepare(sqlLines).raw(true).iterate() as Iterable<[string, number, number]>) addTo(lines, k, d, c);
      const kept: Sums = new Map();
      for (const [k, d, c] of db.prepare(sqlKept).raw(true).iterate() as Iterable<[string, number, number]>) addTo(kept, k, d, c);
      const found = new Set<string>();
      for (const [k, [d, c]] of kept) {
        const x = lines.get(k);
        if (!x || x[0] !== d || x[1] !== c) found.add(k);
      }
      for (const k of lines.keys()) if (!kept.has(k)) found.add(k);
      bad = [...found].sort().slice(0, 50);
    } else {
      // The keys whose sums differ, missing on either side included: rows of each side the other
      // lacks. (A FULL OUTER JOIN on the computed key would compare every pair of rows.)
      bad = db
        .prepare(
          `SELECT k FROM (SELECT * FROM (SELECT k, d, c FROM (${sqlKept}) EXCEPT SELECT k, d, c FROM (${sqlLines}))
             UNION ALL SELECT * FROM (SELECT k, d, c FROM (${sqlLines}) EXCEPT SELECT k, d, c FROM (${sqlKept}))) GROUP BY k ORDER BY k LIMIT 50`,
        )
        .pluck()
        .all() as string[];
    }
    for (const k of bad) f.add(VerifyErrors.BALANCES(what, whatEn, k.replace(/\|/g, ' ')));
  };
  const opening = (key: string, where = '') =>
    `SELECT ${key} AS k, SUM(debit) AS d, SUM(credit) AS c FROM (SELECT *, '0000-00' AS at FROM opening_balances) ${where} GROUP BY k`;
  // With the lines summed already, only the opening balances are left for SQL.
  const plus = (lines: string, open: string, summed: Sums | undefined) =>
    summed ? open : `SELECT k, SUM(d) AS d, SUM(c) AS c FROM (${lines} UNION ALL ${open}) GROUP BY k`;
  diff(
    `SELECT account || '|' || period || '|' || closing AS k, SUM(debit) AS d, SUM(credit) AS c FROM balances GROUP BY k`,
    plus(
      `SELECT l.account || '|' || v.period || '|' || (v.kind = 'year-close') AS k, SUM(l.debit) AS d, SUM(l.credit) AS c FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id GROUP BY k`,
      opening(`account || '|' || at || '|2'`),
      accounts,
    ),
    accounts,
    '科目余额',
    'account balances',
  );
  // The balances by member, project and counterparty against the lines carrying one.
  for (const [table, column, summed, zh, en] of [
    ['member_balances', 'member', sums?.members, '成员往来余额', 'member balances'],
    ['project_balances', 'project', sums?.projects, '项目余额', 'project balances'],
    ['party_balances', 'party', sums?.parties, '往来单位余额', 'counterparty balances'],
  ] as const) {
    diff(
      `SELECT account || '|' || ${column} || '|' || period AS k, debit AS d, credit AS c FROM ${table}`,
      plus(
        `SELECT l.account || '|' || l.${column} || '|' || v.period AS k, SUM(l.debit) AS d, SUM(l.credit) AS c FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id WHERE l.${column} IS NOT NULL GROUP BY k`,
        opening(`account || '|' || ${column} || '|' || at`, `WHERE ${column} IS NOT NULL`),
        summed,
      ),
      summed,
      zh,
      en,
    );
  }
}

/** The audit chain, and every stored row and voucher accounted for by it. */
/**
 * What the trail last recorded of each row of one table (its digest, null when deleted), by rowid,
 * and the rowids in the order the trail first named them. Arrays rather than maps: the rowids of a
 * register are mostly 1…n, and the trail names them in that order.
 */
class Trail {
  readonly digest: (string | null)[] = [];
  readonly order: number[] = [];
  set(rid: number, d: string | null): void {
    if (this.digest[rid] === undefined) this.order.push(rid);
    this.digest[rid] = d;
  }
}

function checkAudit(db: DB, f: Sink, native: boolean): void {
  // Where SQLite can hash, it checks the trail alone; what it cannot pass is checked again here.
  const ranges = (native && auditInSql(db)) || auditInJs(db, f, native);
  checkVoucherRanges(db, f, ranges);
}

/** The trail's chain and the register rows it accounts for, read here; returns the records' voucher ranges. */
function auditInJs(db: DB, f: Sink, native: boolean): [number, number, string, number][] {
  // 1. The chain of records, each over its rows. The rows are read in the records' order beside
  // them (both by audit id), so that no record's rows are held longer than it takes to hash them.
  const latest = new Map<string, Trail>();
  const rowsIt = (db.prepare('SELECT audit_id, tbl, rid, digest FROM audit_rows ORDER BY audit_id, tbl, rid').raw(true).iterate() as IterableIterator<
    [number, string, number, string | null]
  >)[Symbol.iterator]();
  /** Audit ids of rows without their record. */
  const orphans: number[] = [];
  // Findings in the order they are found; those that read the vouchers wait until the rows are read
  // (the connection runs nothing else while an iteration is open).
  const found: (() => void)[] = [];
  const ranges: [number, number, string, number][] = [];
  try {
    let next = rowsIt.next();
    const skipTo = (id: number) => {
      while (!next.done && next.value[0] < id) {
        if (orphans[orphans.length - 1] !== next.value[0]) orphans.push(next.value[0]);
        next = rowsIt.next();
      }
    };
    const records = db.prepare('SELECT * FROM audit_records ORDER BY id').all() as AuditRecordRow[];
    let prev = AUDIT_GENESIS;
    let expectedId = 1;
    for (const r of records) {
      if (r.id !== expectedId) {
        const gap = VerifyErrors.AUDIT_GAP(expectedId, r.id);
        found.push(() => f.add(gap));
      }
      expectedId = r.id + 1;
      skipTo(r.id);
      const h = new TextSha256();
      let count = 0;
      let pinned: { digest: string | null } | null = null;
      let table = '';
      let trail: Trail | undefined;
      for (; !next.done && next.value[0] === r.id; next = rowsIt.next()) {
        const [, t, rid, d] = next.value;
        h.add(auditRowText(t, rid, d));
        count++;
        if (t !== table || !trail) {
          table = t;
          trail = latest.get(t);
          if (!trail) latest.set(t, (trail = new Trail()));
        }
        trail.set(rid, d);
        if (pinned === null && t === VOUCHER_ROWS && rid === r.voucher_to) pinned = { digest: d };
      }
      const ok = r.prev === prev && r.row_count === count && r.rows_digest === h.hex() && recordHash(r.prev, r) === r.hash;
      if (!ok) found.push(() => f.add(VerifyErrors.AUDIT_CHAIN(r.id)));
      prev = r.hash;
      const { voucher_from: from, voucher_to: to } = r;
      if (from !== null && to !== null) {
        ranges.push([from, to, r.voucher_head ?? '', r.id]);
        const p = pinned;
        if (p) {
          found.push(() => {
            // Made by SQLite where it can hash; a digest it finds different is made again as written.
            if (native && p.digest !== null && p.digest === voucherRowsDigestInSql(db, from, to)) return;
            if (p.digest !== voucherRowsDigest(db, from, to)) f.add(VerifyErrors.AUDIT_VOUCHER_ROWS(r.id, refOf(db, from), refOf(db, to)));
          });
        }
      }
    }
    skipTo(Infinity);
  } finally {
    rowsIt.return?.();
  }
  for (const add of found) add();
  for (const id of orphans) f.add(VerifyErrors.AUDIT_CHAIN(id));

  // 2. Every row of every register table as the trail last recorded it.
  const strict = new Set(db.prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND strict").pluck().all() as string[]);
  for (const t of auditedTables(db)) {
    const trail = latest.get(t) ?? new Trail();
    const recordedOf = trail.digest;
    const seen: boolean[] = [];
    const cols = db.prepare('SELECT name, type, hidden FROM pragma_table_xinfo(?)').all(t) as { name: string; type: string; hidden: number }[];
    if (strict.has(t) && cols.every((c) => c.hidden === 0 && (c.type === 'INTEGER' || c.type === 'INT' || c.type === 'TEXT'))) {
      // Integers and text only: SQLite's json_array of the row is the text rowDigest hashes
      // (JSON.stringify of its values), built without a JavaScript value a column. A row whose
      // text hashes otherwise is digested as rowDigest digests it before it counts as changed.
      // Where SQLite can hash, it hashes the text too: a digest comes over instead of the row's text.
      const list = cols.map((c) => `"${c.name.replace(/"/g, '""')}"`).join(', ');
      const json = `json_array(${list})`;
      const rows = db.prepare(`SELECT rowid, ${native ? `sha256(${json})` : json} FROM main.${quoteName(t)}`).raw(true).iterate() as Iterable<[number, string]>;
      /** In the rows' order: [rowid, recorded digest] of each row unrecorded (null) or whose text hashes otherwise. */
      const odd: [number, string | null][] = [];
      for (const [rid, text] of rows) {
        seen[rid] = true;
        const recorded = recordedOf[rid] ?? null;
        if (recorded === null || recorded !== (native ? text : sha256Hex(text))) odd.push([rid, recorded]);
      }
      const row = db.prepare(`SELECT * FROM main.${quoteName(t)} WHERE rowid = ?`).raw(true);
      for (const [rid, recorded] of odd) {
        if (recorded === null) f.add(VerifyErrors.AUDIT_ROW_UNRECORDED(t, rid));
        else if (recorded !== rowDigest(row.get(rid) as unknown[])) f.add(VerifyErrors.AUDIT_ROW_CHANGED(t, rid));
      }
    } else {
      const it = db.prepare(`SELECT rowid, * FROM main.${quoteName(t)}`).raw(true).iterate() as Iterable<unknown[]>;
      for (const r of it) {
        const rid = r[0] as number;
        seen[rid] = true;
        const recorded = recordedOf[rid];
        if (recorded === undefined || recorded === null) f.add(VerifyErrors.AUDIT_ROW_UNRECORDED(t, rid));
        else if (recorded !== rowDigest(r.slice(1))) f.add(VerifyErrors.AUDIT_ROW_CHANGED(t, rid));
      }
    }
    for (const rid of trail.order) if (recordedOf[rid] !== null && !seen[rid]) f.add(VerifyErrors.AUDIT_ROW_MISSING(t, rid));
  }

  return ranges;
}

/** 3. Vouchers: pinned by range ([from, to, head, record id] of each write) and the hash of the last voucher of each write. */
function checkVoucherRanges(db: DB, f: Sink, ranges: [number, number, string, number][]): void {
  const hashOf = db.prepare('SELECT hash FROM vouchers WHERE id = ?').pluck();
  let covered = 0;
  ranges.sort((a, b) => a[0] - b[0]);
  for (const [from, to, head, id] of ranges) {
    if (from > covered + 1) f.add(VerifyErrors.AUDIT_VOUCHERS(covered + 1, from - 1));
    covered = Math.max(covered, to);
    const h = hashOf.get(to) as string | undefined;
    if (h === undefined) f.add(VerifyErrors.AUDIT_MISSING_VOUCHERS(id));
    else if (h !== head) f.add(VerifyErrors.AUDIT_VOUCHER_HEAD(id));
  }
  const maxId = (db.prepare('SELECT COALESCE(MAX(id), 0) FROM vouchers').pluck().get() as number) ?? 0;
  if (maxId > covered) f.add(VerifyErrors.AUDIT_VOUCHERS(covered + 1, maxId));
}

/** SHA-256 of no text: the rows digest of a record without rows. */
const EMPTY_DIGEST = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/**
 * The trail checked by SQLite with the extension's sha256() and sha256_agg() (native-sqlite.ts),
 * nothing but the records and a few sums handed over: every record's rows hashed by their audit id
 * (as auditInJs hashes them), the records chained one to the next from 1, no row without its
 * record, each write's voucher rows as pinned, and every register row as its last row in the trail
 * recorded it (the trail's last digest of each table and row gathered into a TEMP table once), none
 * recorded and gone. Returns the records' voucher ranges when all of it holds; null as soon as
 * anything does not, and auditInJs then says what and where, as it always has.
 */
export function auditInSql(db: DB): [number, number, string, number][] | null {
  const groups = new Map<number, { count: number; digest: string; pinned: string | null }>();
  const rows = db
    .prepare(
      `SELECT audit_id, COUNT(*), sha256_agg(text), group_concat(pinned, char(1)), SUM(odd) FROM (
         SELECT audit_id, tbl || '|' || rid || '|' || ifnull(digest, '') || char(10) AS text,
                CASE WHEN tbl = ? THEN rid || ':' || ifnull(digest, '') END AS pinned,
                (digest IS NOT NULL AND (length(digest) <> 64 OR unhex(digest) IS NULL))
                OR rid NOT BETWEEN -9007199254740991 AND 9007199254740991 OR audit_id NOT BETWEEN 1 AND 9007199254740991 AS odd
           FROM audit_rows ORDER BY audit_id, tbl, rid)
        GROUP BY audit_id`,
    )
    .raw(true)
    .iterate(VOUCHER_ROWS) as Iterable<[number, number, string | null, string | null, number]>;
  // A digest that is not 64 hex digits could stand for more than one row in the texts compared
  // below (a line end, a separator inside it), and an id past 2^53 comes to JavaScript otherwise
  // than SQLite writes it: such a trail is read in JavaScript.
  let odd = false;
  for (const [id, count, digest, pinned, oddDigests] of rows) {
    if (oddDigests > 0 || digest === null) odd = true;
    else groups.set(id, { count, digest, pinned });
  }
  if (odd) return null;
  const records = db.prepare('SELECT * FROM audit_records ORDER BY id').all() as AuditRecordRow[];
  const ranges: [number, number, string, number][] = [];
  let prev = AUDIT_GENESIS;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    const g = groups.get(r.id) ?? { count: 0, digest: EMPTY_DIGEST, pinned: null };
    groups.delete(r.id);
    if (r.id !== i + 1 || r.prev !== prev || r.row_count !== g.count || r.rows_digest !== g.digest || recordHash(r.prev, r) !== r.hash) return null;
    prev = r.hash;
    const { voucher_from: from, voucher_to: to } = r;
    if (from === null || to === null) continue;
    ranges.push([from, to, r.voucher_head ?? '', r.id]);
    // The row of the trail that pins this write's vouchers: its digest must be theirs.
    const pin = (g.pinned ?? '').split('\u0001').find((x) => x.startsWith(`${to}:`));
    if (pin !== undefined && pin.slice(`${to}:`.length) !== voucherRowsDigestInSql(db, from, to)) return null;
  }
  if (groups.size > 0) return null; // rows of no record
  const strict = new Set(db.prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND strict").pluck().all() as string[]);
  db.exec('CREATE TEMP TABLE verify_trail (tbl TEXT NOT NULL, rid INTEGER NOT NULL, digest TEXT, PRIMARY KEY (tbl, rid)) WITHOUT ROWID');
  try {
    // The trail's last digest of each table's row: its rows in audit id order, a later one replacing an earlier.
    db.exec('INSERT OR REPLACE INTO temp.verify_trail SELECT tbl, rid, digest FROM main.audit_rows ORDER BY audit_id');
    const digestOf = db.prepare("SELECT sha256_agg(x) FROM (SELECT rid || ':' || digest || char(10) AS x FROM temp.verify_trail WHERE tbl = ? AND digest IS NOT NULL ORDER BY rid)").pluck();
    for (const t of auditedTables(db)) {
      const cols = db.prepare('SELECT name, type, hidden FROM pragma_table_xinfo(?)').all(t) as { name: string; type: string; hidden: number }[];
      if (!strict.has(t) || !cols.every((c) => c.hidden === 0 && (c.type === 'INTEGER' || c.type === 'INT' || c.type === 'TEXT'))) return null;
      // Each row's rowid and digest in rowid order, against the trail's: the same text only when every
      // row is recorded as it is and none recorded is gone.
      const list = cols.map((c) => `"${c.name.replace(/"/g, '""')}"`).join(', ');
      // A row whose text is not well-formed UTF-8 hashes to NULL (sqlite-sha256.c), which the
      // aggregate would pass over, and a rowid past 2^53 comes to JavaScript otherwise: given way.
      const [rows, unhashed, exact] = db
        .prepare(
          `SELECT sha256_agg(x), COUNT(*) - COUNT(x), ifnull(MIN(rid) >= -9007199254740991 AND MAX(rid) <= 9007199254740991, 1)
             FROM (SELECT rowid AS rid, rowid || ':' || sha256(json_array(${list})) || char(10) AS x FROM main.${quoteName(t)} ORDER BY rowid)`,
        )
        .raw(true)
        .get() as [string | null, number, number];
      if (rows === null || unhashed > 0 || exact !== 1 || rows !== (digestOf.get(t) as string | null)) return null;
    }
  } finally {
    db.exec('DROP TABLE temp.verify_trail');
  }
  return ranges;
}

/** A voucher's reference (2024-03/5), or its internal id when it is gone. */
function refOf(db: DB, id: number): string {
  const v = db.prepare('SELECT period, number FROM vouchers WHERE id = ?').get(id) as { period: string; number: number } | undefined;
  return v ? voucherRef(v.period, v.number) : `#${id}`;
}

/** At most a few of a list, for a message. */
function some(items: string, max = 5): string {
  const list = items.split('\u0001');
  return list.length > max ? `${list.slice(0, max).join('、')} 等 ${list.length} 项` : list.join('、');
}

/**
 * Register rows that point at a voucher agree with what it booked: a month's depreciation with the
 * voucher's credit to 累计折旧/累计摊销, a contribution, a contract payment or accrual with the
 * voucher's debits, a member's dividend payment with the voucher's debit to that member.
 */
function checkRegisters(db: DB, f: Sink): void {
  type Bad = { vid: number; period: string; number: number; amount: number; booked: number; items: string; extra: string | null };
  const report = (sql: string, what: (b: Bad) => [string, string], side: [string, string]) => {
    for (const b of db.prepare(`SELECT * FROM (${sql}) WHERE amount IS NOT booked`).all() as Bad[]) {
      const [zh, en] = what(b);
      f.add(
        withSource(VerifyErrors.REGISTER_AMOUNT(zh, en, formatFenGrouped(b.amount), formatFenGrouped(b.booked), side[0], side[1]), {
          voucher: voucherRef(b.period, b.number),
        }),
      );
    }
  };
  const debits = (vid: string) => `(SELECT COALESCE(SUM(l.debit), 0) FROM voucher_lines l WHERE l.voucher_id = ${vid})`;
  const DEBITS: [string, string] = ['借方合计', 'total debit'];
  report(
    `SELECT d.voucher_id AS vid, v.period, v.number, SUM(d.amount) AS amount, group_concat(d.asset, char(1)) AS items, MIN(d.period) AS extra,
            (SELECT COALESCE(SUM(l.credit), 0) FROM voucher_lines l WHERE l.voucher_id = d.voucher_id AND substr(l.account, 1, 3) IN ('152', '162')) AS booked
       FROM depreciation_postings d JOIN vouchers v ON v.id = d.voucher_id GROUP BY d.voucher_id`,
    (b) => [`${b.extra} 折旧记录（资产 ${some(b.items)}）`, `depreciation of ${b.extra} (assets ${some(b.items)})`],
    ['贷记累计折旧', 'credit to accumulated depreciation'],
  );
  report(
    `SELECT c.voucher_id AS vid, v.period, v.number, SUM(c.amount) AS amount, group_concat(c.id, char(1)) AS items, group_concat(c.member, char(1)) AS extra,
            ${debits('c.voucher_id')} AS booked
       FROM contributions c JOIN vouchers v ON v.id = c.voucher_id GROUP BY c.voucher_id`,
    (b) => [`出资第 ${some(b.items)} 号（成员 ${some(b.extra ?? '')}）`, `contribution ${some(b.items)} (member ${some(b.extra ?? '')})`],
    DEBITS,
  );
  report(
    `SELECT p.voucher_id AS vid, v.period, v.number, SUM(p.amount) AS amount, group_concat(p.contract, char(1)) AS items, MIN(p.date) AS extra,
            ${debits('p.voucher_id')} AS booked
       FROM contract_payments p JOIN vouchers v ON v.id = p.voucher_id GROUP BY p.voucher_id`,
    (b) => [`合同 ${some(b.items)} ${b.extra} 的收付款`, `payment of contract ${some(b.items)} on ${b.extra}`],
    DEBITS,
  );
  // A cancelled payment or refund (contract cancel-payment): its reversal books minus what it booked.
  const cancelled = (table: string, key: string, source: string, what: [string, string]) => {
    if (hasTable(db, table))
      report(
        `SELECT x.voucher_id AS vid, v.period, v.number, -SUM(p.amount) AS amount, group_concat(p.contract, char(1)) AS items, MIN(p.date) AS extra,
                ${debits('x.voucher_id')} AS booked
           FROM ${table} x JOIN ${source} p ON p.id = x.${key} JOIN vouchers v ON v.id = x.voucher_id GROUP BY x.voucher_id`,
        (b) => [`合同 ${some(b.items)} ${b.extra} ${what[0]}的撤销`, `cancellation of the ${what[1]} of contract ${some(b.items)} on ${b.extra}`],
        DEBITS,
      );
  };
  cancelled('contract_payment_cancellations', 'payment_id', 'contract_payments', ['收付款', 'payment']);
  cancelled('contract_refund_cancellations', 'refund_id', 'contract_refunds', ['退款', 'refund']);
  if (hasTable(db, 'contract_refunds'))
    report(
      `SELECT r.voucher_id AS vid, v.period, v.number, SUM(r.amount) AS amount, group_concat(r.contract, char(1)) AS items, MIN(r.date) AS extra,
              ${debits('r.voucher_id')} AS booked
         FROM contract_refunds r JOIN vouchers v ON v.id = r.voucher_id GROUP BY r.voucher_id`,
      (b) => [`合同 ${some(b.items)} ${b.extra} 的退款`, `refund of contract ${some(b.items)} on ${b.extra}`],
      DEBITS,
    );
  report(
    `SELECT a.voucher_id AS vid, v.period, v.number, SUM(a.amount) AS amount, group_concat(a.contract, char(1)) AS items, MIN(a.year) AS extra,
            ${debits('a.voucher_id')} AS booked
       FROM contract_accruals a JOIN vouchers v ON v.id = a.voucher_id GROUP BY a.voucher_id`,
    (b) => [`合同 ${some(b.items)} ${b.extra} 年的租金确认`, `accrual of contract ${some(b.items)} for ${b.extra}`],
    DEBITS,
  );
  report(
    `SELECT p.voucher_id AS vid, v.period, v.number, p.amount, p.member AS items, p.project || ' ' || p.year AS extra,
            (SELECT COALESCE(SUM(l.debit), 0) FROM voucher_lines l WHERE l.voucher_id = p.voucher_id AND l.member = p.member) AS booked
       FROM dividend_payments p JOIN vouchers v ON v.id = p.voucher_id`,
    (b) => [`成员 ${b.items} 的分红发放（项目与年度 ${b.extra}）`, `dividend paid to member ${b.items} (${b.extra})`],
    ['中该成员的借方', 'debit to that member'],
  );
}

export function isSqliteError(e: unknown): e is Error & { code: string } {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_');
}

/** How verify reads (for the tests: the results are the same whichever way it reads). */
export interface VerifyOptions {
  /** Vouchers read this many at a time. */
  batch?: number;
  /** The chain from the lines themselves (checkVouchersByLines), as for altered tables. */
  byLines?: boolean;
  /** At most this many runs of one month's vouchers summed one by one; past it, SQL sums the lines. */
  maxRuns?: number;
  /** SQLite's integrity_check, which matches every index with its table, instead of quick_check and checkIndexes. */
  full?: boolean;
  /** false: hash in JavaScript even where SQLite can (native-sqlite.ts). */
  native?: boolean;
  /**
   * Called before each check (with its name) and between the batches of the voucher chain (every
   * few tens of milliseconds on a large ledger): verify-parallel lets go of its write lock from there
   * once every thread has its snapshot, without stopping this thread's checks to wait for theirs.
   */
  between?: (next?: CheckName) => void;
}

/** The checks, in the order their findings are listed. */
export const CHECKS = ['sqlite', 'schema', 'indexes', 'vouchers', 'orphans', 'balances', 'registers', 'audit', 'declarations', 'closing'] as const;
export type CheckName = (typeof CHECKS)[number];

/** Whether SQLite's own check of every page and record finds the file damaged. */
function fileDamaged(db: DB): boolean {
  try {
    const rows = db.prepare('PRAGMA quick_check(1)').pluck().all() as string[];
    return rows.length !== 1 || rows[0] !== 'ok';
  } catch {
    return true;
  }
}

/** What each check reads, for a finding that says where the damage stopped it. */
const CHECK_TEXT: Record<CheckName, string> = {
  sqlite: '文件结构检查中',
  schema: '表结构检查中',
  indexes: '核对索引时',
  vouchers: '核对凭证与校验链时',
  orphans: '核对分录时',
  balances: '核对余额表时',
  registers: '核对台账时',
  audit: '核对审计留痕时',
  declarations: '核对收益分配时',
  closing: '核对结账记录时',
};

/**
 * What one check found: the first PER_KIND findings of each code, in order, and how many of each
 * code it found in all. Plain data, so that a check run on another thread reports the same.
 */
export interface CheckOutcome {
  list: LedgerError[];
  counts: [code: string, n: number][];
}

/** Findings of one check, kept as Findings keeps them. */
class Outcome implements Sink {
  private readonly list: LedgerError[] = [];
  private readonly all = new Map<string, number>();
  add(e: LedgerError): void {
    const n = (this.all.get(e.code) ?? 0) + 1;
    this.all.set(e.code, n);
    if (n <= PER_KIND) this.list.push(e);
  }
  outcome(): CheckOutcome {
    return { list: this.list, counts: [...this.all] };
  }
}

/**
 * Run some of the checks over an open ledger, each on its own; a part SQLite cannot read is a
 * finding of the check that read it, not a crash. `vouchers` gathers the lines' sums that
 * `balances` compares: run them together (without it, balances sums the lines in SQL).
 */
export function runChecks(db: DB, names: readonly CheckName[], opts: VerifyOptions = {}): Partial<Record<CheckName, CheckOutcome>> {
  // The lines' sums, gathered while the voucher chain is checked; null when the lines could not all be read.
  let sums: LineSums | null = null;
  const run: Record<CheckName, (db: DB, f: Sink) => void> = {
    sqlite: (db, g) => checkSqlite(db, g, opts.full),
    schema: checkSchema,
    // integrity_check (--full) matches every index already.
    indexes: (db, g) => {
      if (!opts.full) checkIndexes(db, g, expectedSchema());
    },
    vouchers: (db, g) => {
      const s: LineSums = { accounts: new Map(), members: new Map(), projects: new Map(), parties: new Map() };
      if (opts.byLines ?? !linesKeyed(db)) checkVouchersByLines(db, g, s, opts.batch, opts.between);
      else {
        // In SQL when it can hash (nothing found: done), else, or when it found something, as before.
        const native = opts.native !== false && nativeSqlite(db) && numbersKeyed(db) ? checkVouchersNative(db, s, opts.batch, opts.maxRuns, opts.between) : null;
        const summed = native ?? checkVouchers(db, g, s, opts.batch, opts.maxRuns, opts.between, opts.native !== false);
        if (!summed) return; // too many runs to sum: balances sums the lines in SQL
      }
      sums = s;
    },
    orphans: checkOrphanLines,
    balances: (db, g) => {
      checkBalances(db, g, sums);
      checkLineDimensions(db, g);
    },
    registers: checkRegisters,
    audit: (db, g) => checkAudit(db, g, opts.native !== false && nativeSqlite(db)),
    declarations: (db, g) => {
      for (const e of checkDeclarations(db)) g.add(e);
    },
    closing: (db, g) => {
      for (const e of verifyClosedPeriods(db)) g.add(e);
    },
  };
  const out: Partial<Record<CheckName, CheckOutcome>> = {};
  for (const name of CHECKS) {
    if (!names.includes(name)) continue;
    opts.between?.(name);
    const f = new Outcome();
    try {
      run[name](db, f);
    } catch (e) {
      // SQLite's own error; or a check that met what no intact ledger holds (a NULL in a NOT NULL
      // column of a damaged page) while SQLite finds the file damaged: damage, not a fault of verify.
      // On a file SQLite finds intact the error is verify's own, and thrown as such.
      if (isSqliteError(e)) f.add(VerifyErrors.UNREADABLE(e.message));
      else if ((e instanceof TypeError || e instanceof RangeError) && fileDamaged(db)) f.add(VerifyErrors.UNREADABLE(`${CHECK_TEXT[name]}：${e.message}`));
      else throw e;
    }
    out[name] = f.outcome();
  }
  return out;
}

/** The findings of every check, in the checks' order, as one Findings would have kept them. */
export function mergeOutcomes(outcomes: Partial<Record<CheckName, CheckOutcome>>): LedgerError[] {
  const f = new Findings();
  for (const name of CHECKS) {
    const o = outcomes[name];
    if (o) f.merge(o);
  }
  return f.done();
}

/** Every check over an open ledger; a part SQLite cannot read is a finding, not a crash. */
export function verifyDb(db: DB, opts: VerifyOptions = {}): LedgerError[] {
  // One read transaction: every check reads the same state of the ledger, whatever another
  // command commits meanwhile (one check's count and another's would otherwise differ).
  const own = !db.inTransaction;
  if (own) db.exec('BEGIN');
  try {
    return mergeOutcomes(runChecks(db, CHECKS, opts));
  } finally {
    if (own && db.inTransaction) db.exec('ROLLBACK');
  }
}

export function verifyLedger(ledger: Ledger): LedgerError[] {
  return verifyDb(sqlOf(ledger));
}

export interface VerifyResult {
  findings: LedgerError[];
  vouchers: number;
  /** The newest audit record (null when there is none, or it cannot be read). */
  head: { id: number; hash: string } | null;
}

/** The newest record of the audit trail, to be written down outside the ledger (null when none). */
export function auditHead(db: DB): { id: number; hash: string } | null {
  try {
    return (db.prepare('SELECT id, hash FROM audit_records ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined) ?? null;
  } catch {
    return null;
  }
}

/** A record written down outside the ledger (verify --expect) against the trail. */
export function anchorFindings(db: DB, a: AuditAnchor | undefined): LedgerError[] {
  if (!a) return [];
  let found: string | undefined;
  try {
    found = db.prepare('SELECT hash FROM audit_records WHERE id = ?').pluck().get(a.id) as string | undefined;
  } catch {
    found = undefined;
  }
  return checkAnchor(a, found);
}

/** The vouchers of a ledger, for the message of a clean one (0 when they cannot be counted). */
export function countVouchers(db: DB): number {
  try {
    return db.prepare('SELECT COUNT(*) FROM vouchers').pluck().get() as number;
  } catch {
    return 0;
  }
}

/**
 * Verify the ledger at `path`. A file that is not a ledger, or that SQLite cannot open, is refused
 * (StoreErrors); a part SQLite cannot read gives a finding. An older ledger is upgraded first, as
 * any command would; nothing else is written.
 */
export function verifyLedgerFile(path: string, opts: OpenOptions = {}): VerifyResult {
  let db: DB | null = null;
  try {
    db = openLedgerFile(path, { ...opts, keepJournalMode: true });
    const findings = verifyDb(db);
    return { findings, vouchers: countVouchers(db), head: auditHead(db) };
  } catch (e) {
    if (!isSqliteError(e)) throw e;
    return { findings: [VerifyErrors.UNREADABLE(e.message)], vouchers: 0, head: null };
  } finally {
    if (db?.open) db.close();
  }
}
