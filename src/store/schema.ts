// The schema of a ledger of today (its tables, indexes and triggers), and the check every write
// makes of the file's own under its lock. A trigger added to the file would run inside sanzi's
// write, and the audit trail would record what it changed as the command's own; an append-only
// trigger dropped lets the next command's rows be changed the same way. So a write on a ledger whose
// schema is not exactly the one its migrations made is refused, nothing written, every difference
// listed (verify lists them too).
import { Refusal, type LedgerError } from '../domain/errors.js';
import { StoreErrors } from '../domain/errors/store.js';
import { openDatabase, type DB } from './db.js';
import { sha256Hex } from './digest.js';
import { MIGRATIONS } from './migrations/index.js';

export interface SchemaRow {
  type: string;
  name: string;
  sql: string | null;
}

/**
 * Every object of the file's schema, SQLite's own included (the indexes of UNIQUE constraints,
 * sqlite_sequence), in name order; but its statistics tables (ANALYZE's sqlite_stat1…4), which
 * steer the query planner and never a result. A name is never taken as SQLite's by its look alone:
 * `sqlite` followed by any other character is anyone's name, and a file edited with
 * writable_schema can hold a trigger named sqlite_… as well.
 */
export const SCHEMA_ROWS_SQL =
  "SELECT type, name, sql FROM sqlite_schema WHERE NOT (type = 'table' AND name IN ('sqlite_stat1', 'sqlite_stat2', 'sqlite_stat3', 'sqlite_stat4')) ORDER BY name, type";

/** The digest of a schema's rows (as SCHEMA_ROWS_SQL reads them). */
export function schemaDigest(rows: readonly SchemaRow[]): string {
  return sha256Hex(JSON.stringify(rows.map((r) => [r.type, r.name, r.sql])));
}

/**
 * schemaDigest of the schema the migrations make (the same on every ledger of this version, whatever
 * version it was made with). A test replays the migrations and compares: a migration added or changed
 * changes this too.
 */
export const SCHEMA_DIGEST = '782a2818389809b7c5aeb75161e4652a0121dee2186bc6df2dd7cf4d95453354';

let expected: Map<string, SchemaRow> | null = null;

/** The schema the migrations make, by name: replayed on an empty database (some 30 ms, once). */
export function expectedSchema(): Map<string, SchemaRow> {
  if (!expected) {
    const mem = openDatabase(':memory:');
    try {
      for (const m of MIGRATIONS) {
        if (m.sql) mem.exec(m.sql);
        m.up?.(mem);
      }
      expected = new Map((mem.prepare(SCHEMA_ROWS_SQL).all() as SchemaRow[]).map((r) => [r.name, r]));
    } finally {
      mem.close();
    }
  }
  return expected;
}

/** How the file's schema differs from the expected one: each object added, defined otherwise, or dropped. */
export interface SchemaChange {
  type: string;
  name: string;
  how: 'added' | 'changed' | 'dropped';
}

export function schemaChanges(rows: readonly SchemaRow[], want: Map<string, SchemaRow> = expectedSchema()): SchemaChange[] {
  const out: SchemaChange[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    seen.add(r.name);
    const w = want.get(r.name);
    if (!w) out.push({ type: r.type, name: r.name, how: 'added' });
    else if (w.type !== r.type || w.sql !== r.sql) out.push({ type: r.type, name: r.name, how: 'changed' });
  }
  for (const [name, w] of want) if (!seen.has(name)) out.push({ type: w.type, name, how: 'dropped' });
  return out;
}

/**
 * Inside a write, under its lock: refused (nothing written yet) when the file's schema is not the
 * expected one. The file's schema is read and digested (under a millisecond); the migrations are
 * replayed only to say what differs.
 */
export function refuseChangedSchema(db: DB, path: string): void {
  const rows = db.prepare(SCHEMA_ROWS_SQL).all() as SchemaRow[];
  if (schemaDigest(rows) === SCHEMA_DIGEST) return;
  const changes = schemaChanges(rows);
  // The digest differs, the objects do not (a constant out of step with the migrations): nothing to refuse.
  if (changes.length === 0) return;
  const errors: LedgerError[] = changes.map((c) => StoreErrors.LEDGER_SCHEMA_CHANGED(path, c.type, c.name, c.how));
  throw new Refusal(errors);
}
