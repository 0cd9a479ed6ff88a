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
