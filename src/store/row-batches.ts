// Many rows of one table inserted a few dozen to a statement. Every statement that writes an audited
// table also runs the audit capture's TEMP trigger, and SQLite opens and closes a statement journal
// around each such statement: one statement a row costs some 11 µs more a row than the row itself
// (100,000 members: 1.1–1.5 s of CPU one at a time, 0.5–0.6 s 32 at a time, on the benchmark's
// machine). The rows are stored in the order given, with the rowids they would get one at a time.
import type { DB } from './db.js';

/**
 * The verb of a multi-row INSERT into a table no trigger watches (the voucher lines, the audit
 * rows). With the default ABORT, SQLite keeps a statement journal around every statement that
 * writes several rows (to undo its own rows when one fails): a copy of every page the statement
 * changes, some 1 s of CPU over the million lines of an import (3.1 → 1.1–2.0 s inserting them
 * alone). OR FAIL stops the statement at a broken constraint without undoing its earlier rows, and
 * needs no such journal; sanzi never goes on after a failed statement (the whole write is rolled
 * back), so the rows kept are the same. Not for an audited table: a statement's OR clause overrides
 * the conflict clause of the statements its triggers run (the audit capture's INSERT OR IGNORE), and
 * a trigger makes SQLite keep the journal anyway.
 */
export const INSERT_MANY = 'INSERT OR FAIL';

/** Rows a statement. */
export const ROWS_PER_STATEMENT = 32;

/** `(?, ?, …)` for `rows` rows of `cols` parameters. */
export function placeholders(rows: number, cols: number): string {
  const one = `(${new Array<string>(cols).fill('?').join(', ')})`;
  return new Array<string>(rows).fill(one).join(', ');
}

/**
 * A writer of rows into `table`'s `columns`: `add` takes a row's values (as many as columns) and
 * runs a statement each ROWS_PER_STATEMENT rows; `flush` writes the rows still held, one statement
 * each. Call flush before anything reads the table or writes a row that refers to these rows.
 * `upsert`: the statements' ON CONFLICT clause; a key given twice, even within one statement, is
 * taken as two rows (the second meets the first).
 */
export function rowBatches(db: DB, table: string, columns: readonly string[], upsert = ''): { add(...values: unknown[]): void; flush(): void } {
  const cols = columns.length;
  // A plain INSERT: the tables written here are audited (see INSERT_MANY).
  const head = `INSERT INTO ${table}(${columns.join(', ')}) VALUES `;
  const tail = upsert ? ` ${upsert}` : '';
  let many: ReturnType<DB['prepare']> | null = null;
  let one: ReturnType<DB['prepare']> | null = null;
  const params = new Array<unknown>(ROWS_PER_STATEMENT * cols);
  let held = 0;
  return {
    add(...values: unknown[]): void {
      if (values.length !== cols) throw new Error(`rowBatches(${table}): ${values.length} values for ${cols} columns`);
      const at = held * cols;
      for (let i = 0; i < cols; i++) params[at + i] = values[i];
      if (++held === ROWS_PER_STATEMENT) {
        (many ??= db.prepare(head + placeholders(ROWS_PER_STATEMENT, cols) + tail)).run(params);
        held = 0;
      }
    },
    flush(): void {
      if (held === 0) return;
      one ??= db.prepare(head + placeholders(1, cols) + tail);
      for (let r = 0; r < held; r++) one.run(params.slice(r * cols, (r + 1) * cols));
      held = 0;
    },
  };
}
