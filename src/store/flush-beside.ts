// A large write's files flushed to disk while it goes on (native/sqlite-flush.c): the syncs of the
// checkpoint that ends it then find most of the 140 MB of a million-line import on disk already,
// instead of waiting for all of it at the end. Only where sanzi's SQLite extension is loaded; without
// it the write is the same, its end slower.
//
// The ledger and its -wal are opened here for the flushing thread, and closed only once the ledger's
// own connection is: closing any descriptor of a file drops every POSIX lock the process holds on
// it, SQLite's included (Ledger.close closes these after its connection).
import fs from 'node:fs';
import type { DB } from './db.js';
import { nativeSqlite } from './native-sqlite.js';

/** How often the thread flushes, in milliseconds. */
const INTERVAL_MS = 25;

export class FlushBeside {
  private running: boolean;
  private constructor(
    private readonly db: DB,
    private readonly fds: number[],
  ) {
    // (Written into the statement: a number bound from JavaScript reaches SQLite as a real.)
    let started: unknown = null;
    try {
      started = db.prepare(`SELECT sanzi_flush_start(${[INTERVAL_MS, ...fds].map((n) => n.toFixed(0)).join(', ')})`).pluck().get();
    } catch {
      // The write goes on without it.
    }
    this.running = started === 1;
  }

  /** The flushing thread of a write to `file` (the ledger) on `db`; null where it cannot be had. */
  static start(db: DB, file: string): FlushBeside | null {
    if (!nativeSqlite(db)) return null;
    const fds: number[] = [];
    for (const f of [`${file}-wal`, file]) {
      try {
        fds.push(fs.openSync(f, 'r'));
      } catch {
        // (a ledger not in WAL mode has no -wal: its file alone)
      }
    }
    if (fds.length === 0) return null;
    const flush = new FlushBeside(db, fds);
    if (!flush.running) {
      flush.close();
      return null;
    }
    return flush;
  }

  /** The thread ended (after COMMIT or ROLLBACK): the number of rounds it made. */
  stop(): number {
    if (!this.running) return 0;
    this.running = false;
    return Number(this.db.prepare('SELECT sanzi_flush_stop()').pluck().get() ?? 0);
  }

  /** The files closed: only once the ledger's connection is (see above). */
  close(): void {
    if (this.db.open) this.stop();
    for (const fd of this.fds.splice(0)) fs.closeSync(fd);
  }
}
