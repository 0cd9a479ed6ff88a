// A large write's files flushed to disk while it goes on (native/sqlite-flush.c): the syncs of the
// checkpoint that ends it then find most of the 140 MB of a million-line import on disk already,
// instead of waiting for all of it at the end. Only where sanzi's SQLite extension is loaded (on
// Linux); without it the write is the same, its end slower.
//
// The flushing thread is given descriptors of the ledger and its -wal, opened here. The ledger's is
// never closed while the process lives: closing any descriptor of a file drops every POSIX lock the
// process holds on it, SQLite's included, and another connection to the same file may be open in the
// process at any time (one is kept a file, and reused). The -wal holds no lock: its descriptor is
// closed once the thread has ended.
import fs from 'node:fs';
import type { DB } from './db.js';
import { nativeSqlite } from './native-sqlite.js';

/** How often the thread flushes, in milliseconds. */
const INTERVAL_MS = 25;

/** The ledgers' descriptors, by device and inode, kept open for the life of the process (see above). */
const ledgerFds = new Map<string, number>();

function ledgerFd(file: string): number | null {
  let st: fs.BigIntStats;
  try {
    st = fs.statSync(file, { bigint: true });
  } catch {
    return null;
  }
  const key = `${st.dev}:${st.ino}`;
  let fd = ledgerFds.get(key);
  if (fd === undefined) {
    try {
      fd = fs.openSync(file, 'r');
    } catch {
      return null;
    }
    // The same file still (not one renamed into its place meanwhile): else it is not this ledger.
    const now = fs.fstatSync(fd, { bigint: true });
    if (now.dev !== st.dev || now.ino !== st.ino) {
      ledgerFds.set(`${now.dev}:${now.ino}`, fd);
      return null;
    }
    ledgerFds.set(key, fd);
  }
  return fd;
}

export class FlushBeside {
  private running = false;
  private constructor(
    private readonly db: DB,
    private wal: number | null,
  ) {}

  /** The flushing thread of a write on `db` (in its transaction); null where it cannot be had. */
  static start(db: DB): FlushBeside | null {
    // (Elsewhere the extension has no such thread: no descriptor is opened for it.)
    if (process.platform !== 'linux' || !nativeSqlite(db)) return null;
    // The file SQLite has open (a symbolic link's target: its -wal is beside that).
    const file = (db.prepare("SELECT file FROM pragma_database_list WHERE name = 'main'").pluck().get() as string | undefined) ?? '';
    if (file === '') return null;
    const main = ledgerFd(file);
    let wal: number | null = null;
    try {
      wal = fs.openSync(`${file}-wal`, 'r');
    } catch {
      // (a ledger not in WAL mode has no -wal: its file alone)
    }
    const fds = [wal, main].filter((fd): fd is number => fd !== null);
    const flush = new FlushBeside(db, wal);
    let started: unknown = null;
    if (fds.length > 0) {
      try {
        // (Written into the statement: a number bound from JavaScript reaches SQLite as a real.)
        started = db.prepare(`SELECT sanzi_flush_start(${[INTERVAL_MS, ...fds].map((n) => n.toFixed(0)).join(', ')})`).pluck().get();
      } catch {
        // The write goes on without it.
      }
    }
    flush.running = started === 1;
    if (!flush.running) {
      flush.closeWal();
      return null;
    }
    return flush;
  }

  /** The thread ended (after COMMIT or ROLLBACK): the number of rounds it made. Never throws. */
  stop(): number {
    if (!this.running) return 0;
    let rounds: unknown = null;
    try {
      rounds = this.db.prepare('SELECT sanzi_flush_stop()').pluck().get();
    } catch {
      // The connection closed meanwhile: its close ended the thread. Else it still runs on the
      // -wal's descriptor, left open (the connection's close ends it).
      if (!this.db.open) {
        this.running = false;
        this.closeWal();
      }
      return 0;
    }
    this.running = false;
    this.closeWal();
    return Number(rounds ?? 0);
  }

  private closeWal(): void {
    if (this.wal !== null) fs.closeSync(this.wal);
    this.wal = null;
  }
}
