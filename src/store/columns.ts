// Many rows read a column at a time. better-sqlite3 makes a JavaScript array or object for every
// row it returns (about 1 µs a row, 0.1 s for 100,000 rows); the values of one column (.pluck())
// come without it. So 100,000 rows of a cheap query (an index walk, no grouping) are read faster
// as one query per column than as one query of every column.
import type { DB } from './db.js';

/**
 * The values of `SELECT column <rest>` for each of `columns`, one array per column, aligned by
 * row: `rest` must order the rows totally (ORDER BY a unique key), so that every column's query
 * gives its rows in the same order. The queries run in one read transaction (the caller's, or one
 * begun here), so they see one state of the ledger even while another process writes.
 */
export function readColumns(db: DB, columns: readonly string[], rest: string, params: readonly unknown[] = []): unknown[][] {
  const own = !db.inTransaction;
  if (own) db.exec('BEGIN');
  try {
    return columns.map((c) => db.prepare(`SELECT ${c} ${rest}`).pluck().all(...params) as unknown[]);
  } finally {
    if (own) db.exec('COMMIT');
  }
}
