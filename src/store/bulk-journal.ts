// A large import writes its pages once. In WAL mode every page a write changes goes to the -wal file
// first and is copied into the ledger by the checkpoint that follows its COMMIT: a million-line
// import's 137 MB are written twice and read back once (some 1 s of its 5–6 s on the benchmark's
// machine, the COMMIT alone). With a rollback journal SQLite writes a new page straight into the
// file and journals only the pages that were there before (their old contents), so the bulk of an
// import is written once; the same crash safety, with synchronous = FULL (every journal synced
// before the file is written, as SQLite's rollback mode needs to survive a power cut).
//
// The price: while such an import writes, another process's command waits for it (SQLite's busy
// timeout, as for two writes) instead of reading the ledger as it was before the import began. The
// ledger goes back to WAL as the import ends, committed or not; a process killed in between leaves
// a journal that the next opening of the ledger rolls back (SQLite's hot journal), and sets WAL.
import type { DB } from './db.js';

const isBusy = (e: unknown) => (e as { code?: unknown } | null)?.code === 'SQLITE_BUSY';

/**
 * Switch the connection's ledger to a rollback journal for one bulk write, before its BEGIN. Only
 * when no other connection has the ledger open (SQLite refuses to leave WAL otherwise, at once: the
 * write then runs in WAL as any other). Returns whether it switched; leaveBulkJournal undoes it.
 */
export function enterBulkJournal(db: DB, busyMs: number): boolean {
  if (db.inTransaction || db.pragma('journal_mode', { simple: true }) !== 'wal') return false;
  db.pragma('busy_timeout = 0');
  try {
    if (db.pragma('journal_mode = DELETE', { simple: true }) !== 'delete') return false;
    db.pragma('synchronous = FULL');
    return true;
  } catch (e) {
    if (isBusy(e)) return false;
    throw e;
  } finally {
    db.pragma(`busy_timeout = ${busyMs}`);
  }
}

/**
 * Back to WAL after the bulk write, whatever its end (after its COMMIT or ROLLBACK). A switch that
 * cannot be made now (another process reading the ledger past the busy timeout, a full disk for the
 * -wal file) is left to the next opening of the ledger, which sets WAL as every opening does: the
 * write is over, committed or rolled back, and its outcome is what the command reports.
 */
export function leaveBulkJournal(db: DB): void {
  if (!db.open) return;
  try {
    db.pragma('synchronous = NORMAL');
    db.pragma('journal_mode = WAL');
  } catch {
    // the next opening switches it
  }
}
