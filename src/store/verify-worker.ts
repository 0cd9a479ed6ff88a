// A thread of verify (src/store/verify-parallel.ts): opens the ledger read-only, starts its read
// transaction (the snapshot every thread of the run shares: the main thread holds the write lock
// meanwhile), says so (a flag the main thread reads between its checks, and a message), runs the
// checks it was given and posts what they found. If the main thread has marked it late, it runs none.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase, PAGE_CACHE_KIB } from './db.js';
import { runChecks, type CheckName } from './verify.js';
import { declineNative } from './native-sqlite.js';
import { SNAPSHOT_NONE, SNAPSHOT_TAKEN } from './verify-snapshot-flags.js';

export interface WorkerData {
  file: string;
  checks: CheckName[];
  busyMs: number;
  /** Set to 1 at `index` once this thread's read transaction has begun (read by the main thread between its checks). */
  snapshots: Int32Array;
  index: number;
  /** verify --full: SQLite's integrity_check. */
  full: boolean;
  /** false: without sanzi's SQLite extension (OpenOptions.native). */
  native?: boolean;
}

export type WorkerMessage = { ready: true } | { late: true } | { outcomes: ReturnType<typeof runChecks> };

const port = parentPort!;
const { file, checks, busyMs, snapshots, index, full, native } = workerData as WorkerData;
const db = openDatabase(file, { readonly: true, fileMustExist: true });
if (native === false) declineNative(db);
try {
  db.pragma(`busy_timeout = ${busyMs}`);
  db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  db.pragma('temp_store = MEMORY');
  db.exec('BEGIN');
  db.prepare('SELECT COUNT(*) FROM sqlite_schema').pluck().get();
  // Unless the main thread has given up waiting (and may have let go of the lock already).
  if (Atomics.compareExchange(snapshots, index, SNAPSHOT_NONE, SNAPSHOT_TAKEN) !== SNAPSHOT_NONE) {
    port.postMessage({ late: true } satisfies WorkerMessage);
  } else {
    port.postMessage({ ready: true } satisfies WorkerMessage);
    port.postMessage({ outcomes: runChecks(db, checks, { full }) } satisfies WorkerMessage);
  }
} finally {
  db.close();
}
