// verify: every index says what its table says. quick_check reads every page and record and counts
// each index's entries, but does not match them with the rows they stand for; a query that finds
// its rows by an index trusts it. An entry edited in the file alone could give a plan other share
// units (share_movements_holdings holds everything the plans and the register read) or put a member
// among those who get no dividend (members_not_active), while the tables, the chains and the
// balances are all intact. checkIndexes matches the registers' indexes; verify --full has SQLite's
// integrity_check match every index, the voucher lines' too (a 明细账 finds its lines by
// voucher_lines_account).
import type { LedgerError } from '../domain/errors.js';
import { VerifyErrors } from '../domain/errors/verify.js';
import type { DB } from './db.js';
import type { SchemaRow } from './schema.js';

interface Sink {
  add(e: LedgerError): void;
}

/**
 * The tables whose indexes only `verify --full` matches (SQLite's own integrity_check): the voucher
 * lines, the vouchers and the audit trail. Matched as below they would take about a second more on
 * a million lines (the lines' index 0.4–0.46 s, the vouchers' two 0.22 s each); their rows are read
 * by id through their chains, and their indexes find what a book or a listing shows: a 明细账's
 * lines, a voucher by its number or kind, a record by its time.
 */
export const MATCHED_IN_FULL = new Set(['voucher_lines', 'vouchers', 'audit_records', 'audit_rows']);

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Each index of the other tables (all but `skip`) against its table, exactly: every row is found in
 * the index by all the index holds of it (its values and its row key, the rowid as a query reads it),
 * and the index has as many entries as the table has rows. The rows are distinct by their key, so
 * the entries are then exactly the rows: none changed, added, dropped or doubled. Only indexes
 * defined as the migrations define them (`expected`: by name, as schema.ts reads them); any other
 * is a schema finding.
 */
export function checkIndexes(db: DB, f: Sink, expected: ReadonlyMap<string, SchemaRow>, skip: ReadonlySet<string> = MATCHED_IN_FULL): void {
  const indexes = db.prepare("SELECT name, tbl_name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY tbl_name, name").raw(true).all() as [
    string,
    string,
    string | null,
  ][];
  for (const [name, table, sql] of indexes) {
    if (skip.has(table)) continue;
    // An automatic index (UNIQUE, PRIMARY KEY) has no SQL of its own: it is as its table is.
    const [type, definedBy, definition] =
      sql === null ? ['table', table, db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?").pluck().get(table)] : ['index', name, sql];
    const want = expected.get(definedBy);
    if (!want || want.type !== type || want.sql !== definition) continue;
    const withoutRowid = db.prepare("SELECT wr FROM pragma_table_list WHERE schema = 'main' AND name = ?").pluck().get(table) === 1;
    const origin = db.prepare('SELECT origin FROM pragma_index_list(?) WHERE name = ?').pluck().get(table, name);
    if (withoutRowid && origin === 'pk') continue; // the table itself
    // The table's own b-tree: a WITHOUT ROWID table's is its primary key. (NOT INDEXED does not keep
    // SQLite from reading such a table through another index that holds every column asked for.)
    const pk = withoutRowid ? (db.prepare("SELECT name FROM pragma_index_list(?) WHERE origin = 'pk'").pluck().get(table) as string | undefined) : undefined;
    if (withoutRowid && pk === undefined) continue;
    const rowsOf = `${quote(table)} AS r ${pk === undefined ? 'NOT INDEXED' : `INDEXED BY ${quote(pk)}`}`;
    const cols = db.prepare('SELECT cid, name FROM pragma_index_xinfo(?) ORDER BY seqno').raw(true).all(name) as [number, string | null][];
    if (cols.some(([cid]) => cid === -2)) continue; // an expression: none is ours
    const held = cols.map(([cid, col]) => (cid === -1 ? 'rowid' : quote(col!)));
    // A partial index's condition; in the subquery a bare column is the subquery's own.
    const where = sql?.match(/\sWHERE\s([\s\S]*)$/)?.[1];
    // The look-up compares as many of an entry's fields as the key has; a query takes the rowid from
    // the entry's last field: an entry with a field more after the key would be found and stand for
    // another row. +i.rowid (not a key term) is the rowid as a query reads it.
    const rowidRead = pk === undefined ? ' AND +i.rowid = r.rowid' : '';
    const [rows, missing] = db
      .prepare(
        `SELECT count(*), ifnull(sum(NOT EXISTS (SELECT 1 FROM ${quote(table)} AS i INDEXED BY ${quote(name)}
                  WHERE ${where ? `(${where}) AND ` : ''}${held.map((c) => `i.${c} IS r.${c}`).join(' AND ')}${rowidRead})), 0)
           FROM ${rowsOf}${where ? ` WHERE ${where}` : ''}`,
      )
      .raw(true)
      .get() as [number, number];
    // sum(1), not count(*): SQLite counts the rows of whichever index is smallest, whatever INDEXED BY says.
    const entries = db.prepare(`SELECT ifnull(sum(1), 0) FROM ${quote(table)} INDEXED BY ${quote(name)}${where ? ` WHERE ${where}` : ''}`).pluck().get() as number;
    if (missing !== 0 || rows !== entries) f.add(VerifyErrors.INDEX_MISMATCH(name, table));
  }
}

/** What SQLite's quick_check and integrity_check say of an index that does not match its table (sqlite3.c, SQLite 3.53). */
const INDEX_MESSAGES = [
  /^row \d+ missing from index (\S+)$/,
  /^wrong # of entries in index (\S+)$/,
  /^non-unique entry in index (\S+)$/,
  /^rowid not at end-of-record for row \d+ of index (\S+)$/,
  /^index (\S+) stores an imprecise floating-point value for row \d+$/,
  /^row \d+ values differ from index (\S+)$/,
];

/** The index a message of quick_check or integrity_check is about, or null for any other damage. */
export function indexOfIntegrityMessage(message: string): string | null {
  for (const re of INDEX_MESSAGES) {
    const m = re.exec(message);
    if (m) return m[1];
  }
  return null;
}
