// The audit trail (审计留痕): one record per write, chained by SHA-256, with the digest of every
// register row the write touched. Rows are captured by TEMP triggers that exist only in sanzi's own
// connection, so nothing a command writes can escape the trail, and nothing written by another
// program is in it. Vouchers and their lines have a hash chain of their own; a record pins the
// vouchers it posted by id range and the hash of the last one, and digests their whole rows (the
// chain does not cover attachments, preparer or created_at) in one audit row of table `vouchers`
// whose rid is the last voucher's id. Balances are derived (verify recomputes them from the lines).
import type { AuditLogRecord } from '../domain/audit-log.js';
import { nativeSqlite } from './native-sqlite.js';
import type { DB } from './db.js';
import { sha256Hex, TextSha256 } from './digest.js';
import { sqlOf } from './internal.js';
import type { Ledger } from './ledger.js';
import { INSERT_MANY, placeholders } from './row-batches.js';

/** Tables the trail does not digest row by row, and why. */
export const UNAUDITED_TABLES: ReadonlySet<string> = new Set([
  'vouchers', // own hash chain; pinned by range and head hash
  'voucher_lines', // covered by the voucher chain
  'balances', // derived from the lines; verify recomputes
  'member_balances',
  'project_balances',
  'party_balances',
  'audit_records',
  'audit_rows',
]);

export const AUDIT_GENESIS = '0'.repeat(64);

export interface AuditEntry {
  at: string;
  by: string;
  action: string;
  entity: string;
  summary: string;
  detail?: unknown;
  /** Fen: Σ debit of the vouchers posted. */
  amount?: number | null;
  /** digest: voucherRowsDigest of from…to, when made as the rows were written. */
  vouchers?: { from: number; to: number; head: string; digest?: string | null } | null;
}

export interface AuditRecordRow {
  id: number;
  at: string;
  by: string;
  action: string;
  entity: string;
  summary: string;
  detail: string | null;
  amount: number | null;
  voucher_from: number | null;
  voucher_to: number | null;
  voucher_head: string | null;
  row_count: number;
  rows_digest: string;
  prev: string;
  hash: string;
}

function sha256(s: string): string {
  return sha256Hex(s);
}

/** The digest of one stored row: its columns in table order, as JSON. */
export function rowDigest(values: readonly unknown[]): string {
  return sha256(JSON.stringify(values));
}

export function auditedTables(db: DB): string[] {
  const names = db
    // SQLite's own tables are named sqlite_… (the name is not taken as theirs by LIKE's any-character
    // _: a table named sqliteX is anyone's, and the schema check refuses it anyway).
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND substr(name, 1, 7) <> 'sqlite_' ORDER BY name")
    .pluck()
    .all() as string[];
  return names.filter((n) => !UNAUDITED_TABLES.has(n));
}

const installed = new WeakSet<DB>();

/** TEMP triggers that note every row a command inserts, updates or deletes (this connection only). */
export function installCapture(db: DB): void {
  if (installed.has(db)) return;
  // Keyed by (table, rowid): a row written twice is noted once, and the rows of a table are read
  // back in rowid order without a sort.
  db.exec('CREATE TEMP TABLE IF NOT EXISTS audit_pending (tbl TEXT NOT NULL, rid INTEGER NOT NULL, PRIMARY KEY (tbl, rid)) WITHOUT ROWID');
  // A row as it stood before the write first changed it (its JSON, as pendingRows digests it; NULL
  // where that is not SQLite's to write): rowsChangedBehind compares it with the trail's last digest of it.
  db.exec('CREATE TEMP TABLE IF NOT EXISTS audit_before (tbl TEXT NOT NULL, rid INTEGER NOT NULL, json TEXT, unsafe INTEGER NOT NULL, PRIMARY KEY (tbl, rid)) WITHOUT ROWID');
  for (const t of auditedTables(db)) {
    const q = quoteText(t);
    const on = `main.${quoteName(t)}`;
    const trigger = (kind: string) => quoteName(`audit_${kind}_${t}`);
    // Each row noted once. After an update or a delete not by INSERT OR IGNORE: the OR clause of the
    // statement that fires a trigger overrides the trigger's own, and an upsert's ON CONFLICT DO
    // UPDATE made the second note of its row fail (setting a contract's price again). After an
    // insert it is (one look-up a row less: 100,000 rows of an import noted some 0.1 s sooner); a new
    // row is noted already only when the write deleted a row of that rowid before.
    const note = (row: 'NEW' | 'OLD') => `INSERT INTO audit_pending SELECT ${q}, ${row}.rowid WHERE NOT EXISTS (SELECT 1 FROM audit_pending WHERE tbl = ${q} AND rid = ${row}.rowid);`;
    // Before an update or a delete, the row's first image in this write: not for a row the write
    // inserted or touched already (audit_pending has it), so that only what was stored is compared.
    const old = jsonRowSql(db, t, 'OLD');
    const image = old ? `json_array(${old.columns}), ${old.unsafe}` : 'NULL, 1';
    const before = `INSERT INTO audit_before SELECT ${q}, OLD.rowid, ${image}
      WHERE NOT EXISTS (SELECT 1 FROM audit_pending WHERE tbl = ${q} AND rid = OLD.rowid) AND NOT EXISTS (SELECT 1 FROM audit_before WHERE tbl = ${q} AND rid = OLD.rowid);`;
    db.exec(`
      CREATE TEMP TRIGGER IF NOT EXISTS ${trigger('before_u')} BEFORE UPDATE ON ${on} BEGIN ${before} END;
      CREATE TEMP TRIGGER IF NOT EXISTS ${trigger('before_d')} BEFORE DELETE ON ${on} BEGIN ${before} END;
      CREATE TEMP TRIGGER IF NOT EXISTS ${trigger('capture_i')} AFTER INSERT ON ${on} BEGIN INSERT OR IGNORE INTO audit_pending VALUES (${q}, NEW.rowid); END;
      CREATE TEMP TRIGGER IF NOT EXISTS ${trigger('capture_u')} AFTER UPDATE ON ${on} BEGIN ${note('OLD')} ${note('NEW')} END;
      CREATE TEMP TRIGGER IF NOT EXISTS ${trigger('capture_d')} AFTER DELETE ON ${on} BEGIN ${note('OLD')} END;`);
  }
  installed.add(db);
}

/** A name in SQL ("…", doubled quotes inside), whatever it holds. */
export function quoteName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A text literal in SQL ('…', doubled quotes inside). */
function quoteText(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * The rows this write touched that were not as the audit trail last recorded them (changed behind
 * sanzi's back): [table, rowid]. A row updated or deleted: its image before the write against the
 * trail's last digest of it. Rows inserted: the trail must not hold the first of them in each table
 * as present (a row deleted outside sanzi whose rowid the write takes again: SQLite gives a new row
 * the largest rowid + 1, so a row taken again is always the first one a write inserts). A write on
 * such a row would record the change as its own, and verify would find the ledger clean again; the
 * write is refused instead (WriteTx.finish).
 */
export function rowsChangedBehind(db: DB): [string, number][] {
  if (!hasPendingRows(db)) return [];
  // The trail's last digest of a row: its records walked from the newest, each looked up by its key
  // (audit_id, tbl, rid); a row never recorded walks them all, one look-up each (CROSS JOIN keeps
  // that order: the trail has no index by table and row, and a scan of it is the slow way).
  const lastOf = db.prepare(
    'SELECT r.digest FROM audit_records a CROSS JOIN audit_rows r ON r.audit_id = a.id AND r.tbl = ? AND r.rid = ? ORDER BY a.id DESC LIMIT 1',
  );
  const last = (t: string, rid: number): string | null | undefined => {
    const r = lastOf.get(t, rid) as { digest: string | null } | undefined;
    return r === undefined ? undefined : r.digest;
  };
  const changed: [string, number][] = [];
  const images = db.prepare('SELECT tbl, rid, json, unsafe FROM audit_before ORDER BY tbl, rid').raw(true).all() as [string, number, string | null, number][];
  for (const [t, rid, json, unsafe] of images) {
    // As pendingRows digests a row: SQLite's JSON where it is JSON.stringify's, else the values.
    const digest = json === null ? null : unsafe || json.includes('\\') ? rowDigest(JSON.parse(json) as unknown[]) : sha256(json);
    const recorded = last(t, rid);
    if (digest === null || recorded === undefined || recorded !== digest) changed.push([t, rid]);
  }
  const firstInserted = db
    .prepare('SELECT p.tbl, min(p.rid) FROM audit_pending p WHERE NOT EXISTS (SELECT 1 FROM audit_before b WHERE b.tbl = p.tbl AND b.rid = p.rid) GROUP BY p.tbl ORDER BY p.tbl')
    .raw(true)
    .all() as [string, number][];
  for (const [t, rid] of firstInserted) {
    const recorded = last(t, rid);
    if (recorded !== undefined && recorded !== null) changed.push([t, rid]);
  }
  return changed;
}

/** Whether the write in progress has written any audited row. */
export function hasPendingRows(db: DB): boolean {
  return db.prepare('SELECT EXISTS (SELECT 1 FROM audit_pending)').pluck().get() === 1;
}

/** Rows written since the last record: [table, rowid, digest | null], sorted by table and rowid. */
function pendingRows(db: DB): [string, number, string | null][] {
  const tables = db.prepare('SELECT DISTINCT tbl FROM audit_pending ORDER BY tbl').pluck().all() as string[];
  const out: [string, number, string | null][] = [];
  for (const t of tables) {
    const json = jsonRowSql(db, t);
    if (json) {
      // SQLite writes each row's JSON; where that text is JSON.stringify's, its digest is
      // rowDigest's, with no JavaScript value made a column. An integer past 2^53 (JavaScript reads
      // it rounded) is not; a row with an escape in it (SQLite 3.53 escapes quotes, backslashes and
      // control characters as JSON.stringify does, but that is its choice) is digested the old way.
      const rows = db
        .prepare(
          `SELECT q.rid, t.rowid IS NOT NULL, json_array(${json.columns}), ${json.unsafe} FROM (SELECT rid FROM audit_pending WHERE tbl = ?) q
             LEFT JOIN main.${quoteName(t)} t ON t.rowid = q.rid ORDER BY q.rid`,
        )
        .raw(true)
        .iterate(t) as Iterable<[number, number, string, number]>;
      const odd: number[] = [];
      for (const [rid, present, text, unsafe] of rows) {
        if (!present) out.push([t, rid, null]);
        else if (unsafe || text.includes('\\')) {
          out.push([t, rid, '']);
          odd.push(out.length - 1);
        } else out.push([t, rid, sha256(text)]);
      }
      if (odd.length) {
        const row = db.prepare(`SELECT * FROM main.${quoteName(t)} WHERE rowid = ?`).raw(true);
        for (const k of odd) out[k][2] = rowDigest(row.get(out[k][1]) as unknown[]);
      }
      continue;
    }
    // Each row digested as it is read: 100,000 imported rows are never held at once.
    const rows = db
      .prepare(
        `SELECT q.rid, t.rowid AS __present, t.* FROM (SELECT rid FROM audit_pending WHERE tbl = ?) q
           LEFT JOIN main.${quoteName(t)} t ON t.rowid = q.rid ORDER BY q.rid`,
      )
      .raw(true)
      .iterate(t) as Iterable<unknown[]>;
    for (const r of rows) out.push([t, r[0] as number, r[1] === null ? null : rowDigest(r.slice(2))]);
  }
  db.exec('DELETE FROM audit_pending');
  db.exec('DELETE FROM audit_before');
  return out;
}

/**
 * For a STRICT table of INTEGER and TEXT columns only: its columns for SQLite's json_array (in
 * table order, the columns of `SELECT *`), and an expression true when an integer of the row is
 * past 2^53 (JavaScript would read it rounded); null for any other table.
 */
function jsonRowSql(db: DB, table: string, row = 't'): { columns: string; unsafe: string } | null {
  const strict = db.prepare("SELECT strict FROM pragma_table_list WHERE schema = 'main' AND name = ?").pluck().get(table);
  if (strict !== 1) return null;
  const cols = db.prepare('SELECT name, type, hidden FROM pragma_table_xinfo(?)').all(table) as { name: string; type: string; hidden: number }[];
  if (cols.length === 0 || !cols.every((c) => c.hidden === 0 && (c.type === 'INTEGER' || c.type === 'INT' || c.type === 'TEXT'))) return null;
  const q = (name: string) => `${row}."${name.replace(/"/g, '""')}"`;
  const ints = cols.filter((c) => c.type !== 'TEXT').map((c) => `${q(c.name)} NOT BETWEEN -${Number.MAX_SAFE_INTEGER} AND ${Number.MAX_SAFE_INTEGER}`);
  return { columns: cols.map((c) => q(c.name)).join(', '), unsafe: ints.length ? `coalesce(${ints.join(' OR ')}, 0)` : '0' };
}

export function rowsDigest(rows: readonly (readonly [string, number, string | null])[]): string {
  const h = new TextSha256();
  for (const [t, rid, d] of rows) h.add(auditRowText(t, rid, d));
  return h.hex();
}

/** One audit row as rowsDigest hashes it. */
export function auditRowText(t: string, rid: number, d: string | null): string {
  return `${t}|${rid}|${d ?? ''}\n`;
}

export function recordHash(prev: string, r: Omit<AuditRecordRow, 'prev' | 'hash'>): string {
  return sha256(
    prev +
      '\n' +
      JSON.stringify([
        r.id,
        r.at,
        r.by,
        r.action,
        r.entity,
        r.summary,
        r.detail,
        r.amount,
        r.voucher_from,
        r.voucher_to,
        r.voucher_head,
        r.row_count,
        r.rows_digest,
      ]),
  );
}

/** The audit row's table name for the digest of a write's vouchers (whole rows, ids from…to). */
export const VOUCHER_ROWS = 'vouchers';

/** Columns of vouchers that the voucher chain hashes (the stored `hash` binds them). */
const CHAINED = new Set(['period', 'number', 'date', 'summary', 'kind', 'reverses']);

/**
 * SHA-256 over the stored rows of vouchers from…to: every column the chain does not hash (id,
 * attachments, preparer, created_at, any column added later) and the hash, which binds the rest;
 * in id order, each row as SQLite's json_array (built in SQL: a fraction of a second for a
 * million-line import).
 */
export function voucherRowsDigest(db: DB, from: number, to: number): string {
  const cols = (db.pragma('table_info(vouchers)') as { name: string }[])
    .filter((c) => !CHAINED.has(c.name))
    .map((c) => `"${c.name}"`)
    .join(', ');
  const rows = db.prepare(`SELECT json_array(${cols}) FROM vouchers WHERE id BETWEEN ? AND ? ORDER BY id`).pluck().iterate(from, to) as Iterable<string>;
  const h = new TextSha256();
  for (const r of rows) h.add(r + '\n');
  return h.hex();
}

/**
 * voucherRowsDigest made by SQLite alone, with the extension's sha256_agg (native-sqlite.ts loaded
 * on `db`): the same rows' texts in id order, none handed to JavaScript.
 */
export function voucherRowsDigestInSql(db: DB, from: number, to: number): string | null {
  const cols = (db.pragma('table_info(vouchers)') as { name: string }[])
    .filter((c) => !CHAINED.has(c.name))
    .map((c) => `"${c.name}"`)
    .join(', ');
  // An aggregate over a subquery in order sees its rows in that order (SQLite does not flatten it).
  // NULL when a text is not well-formed UTF-8 (sqlite-sha256.c): then only voucherRowsDigest says.
  return db.prepare(`SELECT sha256_agg(r) FROM (SELECT json_array(${cols}) || char(10) AS r FROM vouchers WHERE id BETWEEN ? AND ? ORDER BY id)`).pluck().get(from, to) as string | null;
}

/** The columns voucherRowsDigest reads from the vouchers table of today, in table order. */
const DIGESTED = ['id', 'attachments', 'preparer', 'created_at', 'hash'];

/** Whether the vouchers table has the columns of today, so that voucherRowJson gives its digest's rows. */
export function sameVoucherColumns(db: DB): boolean {
  const cols = (db.pragma('table_info(vouchers)') as { name: string }[]).map((c) => c.name).filter((c) => !CHAINED.has(c));
  return cols.length === DIGESTED.length && cols.every((c, i) => c === DIGESTED[i]);
}

/** Text that SQLite's json_array and JSON.stringify both give as it is, between quotes. */
const PLAIN = /^[^"\\\u0000-\u001f\u007f\ud800-\udfff]*$/;

/** Whether voucherRowJson can write this row as SQLite's json_array would (see there). */
export function voucherRowPlain(id: number, attachments: number, preparer: string | null, createdAt: string, hash: string): boolean {
  if (!Number.isSafeInteger(id) || !Number.isSafeInteger(attachments)) return false;
  return (preparer === null || PLAIN.test(preparer)) && PLAIN.test(createdAt) && PLAIN.test(hash);
}

/**
 * One row of voucherRowsDigest as SQLite's json_array writes it, made in JavaScript as the row is
 * written (an import digests its rows without reading them back); null when a value might be
 * written otherwise by SQLite (a character to escape, a number that is not a safe integer): the
 * digest is then left to the query.
 */
export function voucherRowJson(id: number, attachments: number, preparer: string | null, createdAt: string, hash: string): string | null {
  if (!voucherRowPlain(id, attachments, preparer, createdAt, hash)) return null;
  return `[${id},${attachments},${preparer === null ? 'null' : `"${preparer}"`},"${createdAt}","${hash}"]`;
}

/** Audit rows in the order verify reads them back: by table (byte order), then rowid. */
function byTableAndRow(a: readonly [string, number, string | null], b: readonly [string, number, string | null]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1];
}

function insertRecord(db: DB, e: AuditEntry, rows: [string, number, string | null][]): number {
  if (e.vouchers) {
    const { from, to, digest } = e.vouchers;
    rows.push([VOUCHER_ROWS, to, digest ?? (nativeSqlite(db) ? voucherRowsDigestInSql(db, from, to) : null) ?? voucherRowsDigest(db, from, to)]);
    rows.sort(byTableAndRow);
  }
  const last = db.prepare('SELECT id, hash FROM audit_records ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;
  const rec: Omit<AuditRecordRow, 'prev' | 'hash'> = {
    id: (last?.id ?? 0) + 1,
    at: e.at,
    by: e.by,
    action: e.action,
    entity: e.entity,
    summary: e.summary,
    detail: e.detail === undefined || e.detail === null ? null : JSON.stringify(e.detail),
    amount: e.amount ?? null,
    voucher_from: e.vouchers?.from ?? null,
    voucher_to: e.vouchers?.to ?? null,
    voucher_head: e.vouchers?.head ?? null,
    row_count: rows.length,
    rows_digest: rowsDigest(rows),
  };
  const prev = last?.hash ?? AUDIT_GENESIS;
  db.prepare(
    `INSERT INTO audit_records(id, at, by, action, entity, summary, detail, amount, voucher_from, voucher_to, voucher_head,
                               row_count, rows_digest, prev, hash)
     VALUES (@id, @at, @by, @action, @entity, @summary, @detail, @amount, @voucher_from, @voucher_to, @voucher_head,
             @row_count, @rows_digest, @prev, @hash)`,
  ).run({ ...rec, prev, hash: recordHash(prev, rec) });
  // AUDIT_ROWS_PER_INSERT rows a statement: 100,000 rows of an import are some 1,600 statements.
  const n = AUDIT_ROWS_PER_INSERT;
  const many = rows.length >= n ? db.prepare(`${INSERT_MANY} INTO audit_rows(audit_id, tbl, rid, digest) VALUES ${placeholders(n, 4)}`) : null;
  const one = db.prepare('INSERT INTO audit_rows(audit_id, tbl, rid, digest) VALUES (?, ?, ?, ?)');
  const params = new Array<unknown>(4 * n);
  let i = 0;
  for (; many && i + n <= rows.length; i += n) {
    for (let k = 0; k < n; k++) {
      const [t, rid, d] = rows[i + k];
      params[4 * k] = rec.id;
      params[4 * k + 1] = t;
      params[4 * k + 2] = rid;
      params[4 * k + 3] = d;
    }
    many.run(params);
  }
  for (; i < rows.length; i++) one.run(rec.id, rows[i][0], rows[i][1], rows[i][2]);
  return rec.id;
}

/** Audit rows a multi-row INSERT writes. */
const AUDIT_ROWS_PER_INSERT = 64;

/** Append the record of the write in progress (inside its transaction, before COMMIT). */
export function appendRecord(db: DB, e: AuditEntry): number {
  return insertRecord(db, e, pendingRows(db));
}

/**
 * One record over every row of the given tables (all audited tables by default, with the vouchers)
 * as they stand: migration 5 gives a ledger written before the trail a baseline, and a later
 * migration that adds a column to a table digests that table's rows anew.
 */
export function appendBaseline(db: DB, tables?: readonly string[], summary = '升级账套格式：为升级前已有的全部数据建立审计基线'): void {
  const rows: [string, number, string | null][] = [];
  for (const t of tables ?? auditedTables(db)) {
    const all = db.prepare(`SELECT rowid, * FROM main.${quoteName(t)} ORDER BY rowid`).raw(true).all() as unknown[][];
    for (const r of all) rows.push([t, r[0] as number, rowDigest(r.slice(1))]);
  }
  rows.sort(byTableAndRow);
  let vouchers: AuditEntry['vouchers'] = null;
  if (!tables) {
    const covered = db.prepare('SELECT COALESCE(MAX(voucher_to), 0) FROM audit_records').pluck().get() as number;
    const v = db.prepare('SELECT MIN(id) AS lo, MAX(id) AS hi FROM vouchers WHERE id > ?').get(covered) as { lo: number | null; hi: number | null };
    if (v.hi !== null) vouchers = { from: v.lo!, to: v.hi, head: db.prepare('SELECT hash FROM vouchers WHERE id = ?').pluck().get(v.hi) as string };
  }
  if (rows.length === 0 && !vouchers) return;
  const at = db.prepare("SELECT datetime('now', 'localtime')").pluck().get() as string;
  insertRecord(db, { at, by: 'sanzi', action: 'ledger.upgrade', entity: 'ledger', summary, vouchers }, rows);
}

// ---- reading the trail (sanzi audit log) ----

export interface AuditFilter {
  /** YYYY-MM-DD: records on or after this day. */
  from?: string;
  /** YYYY-MM-DD: records on or before this day. */
  to?: string;
  entity?: string;
  /** An action (voucher.add) or its group (voucher). */
  action?: string;
}

export type { AuditLogRecord };

function parseDetail(s: string | null): unknown {
  if (s === null) return null;
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}

/** The audit records, oldest first, filtered by day, entity and action. */
export function auditLog(ledger: Ledger, filter: AuditFilter = {}): AuditLogRecord[] {
  const where: string[] = [];
  const args: string[] = [];
  if (filter.from !== undefined) {
    where.push('substr(a.at, 1, 10) >= ?');
    args.push(filter.from);
  }
  if (filter.to !== undefined) {
    where.push('substr(a.at, 1, 10) <= ?');
    args.push(filter.to);
  }
  if (filter.entity !== undefined) {
    where.push('a.entity = ?');
    args.push(filter.entity);
  }
  if (filter.action !== undefined) {
    where.push("(a.action = ? OR substr(a.action, 1, length(?) + 1) = ? || '.')");
    args.push(filter.action, filter.action, filter.action);
  }
  const rows = sqlOf(ledger)
    .prepare(
      `SELECT a.id, a.at, a.by, a.action, a.entity, a.summary, a.detail, a.amount, a.voucher_from, a.voucher_to,
              f.period AS f_period, f.number AS f_number, t.period AS t_period, t.number AS t_number
         FROM audit_records a LEFT JOIN vouchers f ON f.id = a.voucher_from LEFT JOIN vouchers t ON t.id = a.voucher_to
        ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY a.id`,
    )
    .all(...args) as (Pick<AuditRecordRow, 'id' | 'at' | 'by' | 'action' | 'entity' | 'summary' | 'detail' | 'amount' | 'voucher_from' | 'voucher_to'> & {
    f_period: string | null;
    f_number: number | null;
    t_period: string | null;
    t_number: number | null;
  })[];
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    by: r.by,
    action: r.action,
    entity: r.entity,
    summary: r.summary,
    detail: parseDetail(r.detail),
    amount: r.amount,
    vouchers:
      r.voucher_from !== null && r.voucher_to !== null && r.f_period !== null && r.t_period !== null
        ? {
            first: { period: r.f_period, number: r.f_number! },
            last: { period: r.t_period, number: r.t_number! },
            count: r.voucher_to - r.voucher_from + 1,
          }
        : null,
  }));
}
