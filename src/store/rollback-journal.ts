// A large write through a rollback journal rather than the ledger's -wal. In WAL mode every page a
// write makes is written twice: into the -wal as the write goes, then into the ledger by the
// checkpoint that ends it, each synced; a million-line import's 124 MB the second time after its
// last row, when nothing else is left to do (0.35 s of COMMIT and 0.1 s removing the -wal on the
// benchmark's machine). Through a rollback journal the write's pages go into the ledger as it goes
// (flushed to disk beside it: flush-beside.ts), the journal holding only the pages that were there
// before it and that it changes; COMMIT syncs what is left.
//
// All or nothing and durable the same way (synchronous EXTRA for the write: the folder synced once
// its journal is deleted, which commits it). What differs while the
// write runs: another connection cannot read the ledger once the write holds its exclusive lock, and
// waits for it as for any writer (the busy timeout); a write cut short leaves a hot journal, which the
// next connection to the ledger rolls back before it reads (where WAL mode would leave the cut write's
// frames in the -wal, never to be read).
//
// Taken only when no other connection has the ledger open: leaving WAL mode needs that, and SQLite
// refuses at once otherwise; the write then goes through the -wal as any other. Given back (WAL mode)
// after the write; where another connection has opened the ledger meanwhile, the next open does it
// (db.ts sets WAL mode on every ledger it opens for writing).
import type { DB } from './db.js';

export class RollbackJournal {
  private constructor(
    private readonly db: DB,
    private readonly synchronous: number,
  ) {}

  /** The ledger in rollback-journal mode for one write (outside any transaction); null where it stays in WAL mode. */
  static take(db: DB): RollbackJournal | null {
    if (db.inTransaction || db.readonly) return null;
    const synchronous = db.pragma('synchronous', { simple: true }) as number;
    try {
      if (db.pragma('journal_mode', { simple: true }) !== 'wal') return null;
      // EXTRA from the switch on (itself a write of the ledger's first page): in rollback mode a write
      // is committed by deleting its journal, and EXTRA syncs the folder after that.
      db.pragma('synchronous = EXTRA');
      if (db.pragma('journal_mode = DELETE', { simple: true }) === 'delete') return new RollbackJournal(db, synchronous);
    } catch {
      // Another connection has the ledger open (SQLITE_BUSY): the write goes through the -wal.
    }
    db.pragma(`synchronous = ${synchronous}`);
    return null;
  }

  /** Back to WAL mode, after the write (committed or rolled back), then the connection's own synchronous. Never throws. */
  giveBack(): void {
    if (!this.db.open) return;
    try {
      this.db.pragma('journal_mode = WAL');
    } catch {
      // Another connection opened the ledger meanwhile: its next open for writing sets WAL mode.
    }
    try {
      // (Still EXTRA where the ledger stayed in rollback mode.)
      if (this.db.pragma('journal_mode', { simple: true }) === 'wal') this.db.pragma(`synchronous = ${this.synchronous}`);
    } catch {
      // (the connection closed meanwhile)
    }
  }
}
