// The connection behind a Ledger. Only modules of src/store import this (test/architecture.test.ts
// enforces it): SQL stays in the store.
import type { DB } from './db.js';

export const DB_KEY: unique symbol = Symbol('sanzi.db');

export interface HasDb {
  readonly [DB_KEY]: DB;
}

export function sqlOf(x: HasDb): DB {
  return x[DB_KEY];
}

type Statement = ReturnType<DB['prepare']>;
const statements = new WeakMap<DB, Map<string, Statement>>();

/**
 * The connection's prepared statement for `sql`, prepared once per connection: preparing costs
 * more than running a look-up by key, and some look-ups run once per imported row.
 */
export function stmt(x: HasDb, sql: string): Statement {
  const db = x[DB_KEY];
  let m = statements.get(db);
  if (!m) statements.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.prepare(sql)));
  return s;
}
