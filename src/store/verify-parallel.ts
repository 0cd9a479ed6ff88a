// verify on several threads: the checks that share no state run side by side, each thread with a
// read-only connection of its own (src/store/verify-worker.ts), all reading the same snapshot of the
// ledger. The snapshot: a connection takes the write lock (BEGIN IMMEDIATE: nothing can commit
// meanwhile), every thread starts its read transaction, and as soon as they all have, the lock is
// let go (this thread's checks under way meanwhile). verify writes nothing; the lock's transaction
// is rolled back. Where the lock cannot be taken (a ledger that may not be written, another writer
// at work) the checks run one after the other on this thread, as verifyLedgerFile runs them. The
// findings are the same either way, in the same order.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { VerifyErrors } from '../domain/errors/verify.js';
import { DEFAULT_BUSY_SECONDS, openDatabase, openLedgerFile, type DB, type OpenOptions } from './db.js';
import type { AuditAnchor } from '../domain/audit-log.js';
import { anchorFindings, auditHead, countVouchers, isSqliteError, mergeOutcomes, runChecks, verifyDb, type CheckName, type CheckOutcome, type VerifyResult } from './verify.js';
import type { WorkerData, WorkerMessage } from './verify-worker.js';
import { snapshotsSettled } from './verify-snapshot-flags.js';
import { olderLedgerCopy } from './verify-older.js';

/**
 * Which checks run together, the main thread's first: the voucher chain with the balances (they
 * share the lines' sums) and the registers' indexes; on a worker the rest (SQLite's own checks, the
 * audit trail, the lines of no voucher): on a million lines each thread has some 2–3 s of work, and a
 * machine of two cores runs both at once. (Since the chain is hashed and the lines summed in C, the
 * registers' indexes on the main thread: verify 3.87 → 3.51 s, 8 interleaved runs, a slow spell.)
 */
const GROUPS: readonly (readonly CheckName[])[] = [
  ['vouchers', 'balances', 'indexes'],
  ['sqlite', 'schema', 'orphans', 'registers', 'audit', 'declarations', 'closing'],
];

/** Below this size a ledger is verified on one thread: starting the others would take longer than the checks. */
const MIN_PARALLEL_BYTES = 8 << 20;

/** How long this thread's checks hold the lock waiting for the workers' snapshots before it does their checks itself. */
const LATE_MS = 1000;

/** How long to wait for another writer to finish before verifying on one thread instead. */
const LOCK_WAIT_MS = 200;

type Outcomes = Partial<Record<CheckName, CheckOutcome>>;

/** The worker's script: the bundle's (dist/bundle/verify-worker.cjs) or tsc's (dist/store/verify-worker.js). */
function workerScript(): string | null {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // Beside this module in the bundle and in dist/store; from src/ (the tests), tsc's build.
  for (const f of [path.join(here, 'verify-worker.cjs'), path.join(here, 'verify-worker.js'), path.join(here, '..', '..', 'dist', 'store', 'verify-worker.js')]) {
    if (fs.existsSync(f)) return f;
  }
  return null;
}

/** A connection holding the write lock, or null when it cannot be had at once. */
function writeLock(file: string): DB | null {
  let lock: DB | null = null;
  try {
    lock = openDatabase(file, { fileMustExist: true });
    lock.pragma(`busy_timeout = ${LOCK_WAIT_MS}`);
    lock.exec('BEGIN IMMEDIATE');
    return lock;
  } catch {
    lock?.close();
    return null;
  }
}

interface Running {
  checks: readonly CheckName[];
  /** Settles once the worker's read transaction has begun (or it failed). */
  ready: Promise<void>;
  /** The outcomes, or null when the worker failed: its checks then run here. */
  done: Promise<Outcomes | null>;
}

function start(WorkerCtor: typeof Worker, script: string, data: WorkerData): Running {
  const worker = new WorkerCtor(script, { workerData: data });
  let ready!: () => void;
  const readyP = new Promise<void>((r) => (ready = r));
  const done = new Promise<Outcomes | null>((resolve) => {
    worker.on('message', (m: WorkerMessage) => {
      if ('ready' in m) ready();
      else if ('late' in m) {
        // Its snapshot came after this thread gave up waiting for it: its checks run here.
        ready();
        resolve(null);
      } else resolve(m.outcomes);
    });
    const failed = () => {
      ready();
      resolve(null);
    };
    worker.on('error', failed);
    worker.on('exit', failed);
  });
  return { checks: data.checks, ready: readyP, done };
}

/**
 * Verify the ledger at `file` as verifyLedgerFile does, the checks side by side on several threads
 * when the ledger is large enough to gain by it (`threads`: true always, false never); `threads` in
 * the result says on how many they ran.
 */
export async function verifyLedgerFileAsync(
  file: string,
  opts: OpenOptions & {
    threads?: boolean;
    /** Every index matched with its table by SQLite's integrity_check (VerifyOptions.full). */
    full?: boolean;
    /** Called once the lock is let go, before the checks (tests). */
    onSnapshot?: () => void;
    /** A record of the trail written down outside the ledger, checked on the same snapshot. */
    expect?: AuditAnchor;
  } = {},
): Promise<VerifyResult & { threads: number }> {
  // A ledger of an older sanzi is left as it is: its upgraded copy is verified (verify-older.ts),
  // the ledger's own trail reported and anchored.
  const older = await olderLedgerCopy(file, opts.expect);
  if (older && 'damaged' in older) return { findings: [older.damaged], vouchers: 0, head: null, threads: 1 };
  if (older) {
    try {
      const r = await verifyLedgerFileAsync(older.file, { ...opts, expect: undefined });
      return { ...r, findings: [...r.findings, ...older.anchor], head: older.head };
    } finally {
      older.remove();
    }
  }
  let db: DB | null = null;
  let lock: DB | null = null;
  try {
    db = openLedgerFile(file, { ...opts, keepJournalMode: true });
    const wanted = opts.threads ?? fs.statSync(file).size >= MIN_PARALLEL_BYTES;
    const script = wanted && !db.readonly ? workerScript() : null;
    lock = script ? writeLock(file) : null;
    if (!script || !lock) {
      db.exec('BEGIN');
      const findings = [...verifyDb(db, { full: opts.full }), ...anchorFindings(db, opts.expect)];
      return { findings, vouchers: countVouchers(db), head: auditHead(db), threads: 1 };
    }
    // This connection's snapshot, then the workers'; all begin while nothing can commit.
    db.exec('BEGIN');
    db.prepare('SELECT COUNT(*) FROM sqlite_schema').pluck().get();
    const { Worker } = await import('node:worker_threads');
    const busyMs = Math.round((opts.busySeconds ?? DEFAULT_BUSY_SECONDS) * 1000);
    const others = GROUPS.slice(1);
    const snapshots = new Int32Array(new SharedArrayBuffer(4 * others.length));
    const running = others.map((checks, index) => start(Worker, script, { file, checks: [...checks], busyMs, snapshots, index, full: opts.full === true, native: opts.native !== false }));
    // The lock is let go as soon as every thread has its snapshot: this thread's checks begin at
    // once, and between them (every few tens of milliseconds) it looks whether the workers have
    // begun theirs (some 60 ms, a worker's start). Another command's write waits that long, not
    // for the whole verify; this thread does not sit idle meanwhile.
    const release = () => {
      lock!.exec('ROLLBACK');
      lock!.close();
      lock = null;
      opts.onSnapshot?.();
    };
    // A worker that has not begun its snapshot by LATE_MS (it failed to start, or the machine is
    // that busy) is marked late, atomically, so that it cannot begin one after the lock is gone: it
    // then runs no checks, and they run here.
    const began = performance.now();
    const between = () => {
      if (lock !== null && snapshotsSettled(snapshots, performance.now() - began > LATE_MS)) release();
    };
    const outcomes: Outcomes = runChecks(db, GROUPS[0], { between, full: opts.full });
    // A worker still starting (or one that failed to): wait for it before letting go.
    if (lock !== null) {
      await Promise.all(running.map((r) => r.ready));
      release();
    }
    let threads = 1;
    for (const r of running) {
      // A worker that failed (it could not start, or a check threw): its checks run here, on the
      // same snapshot, and an error they throw is thrown as it would be on one thread.
      const done = await r.done;
      if (done) threads++;
      Object.assign(outcomes, done ?? runChecks(db, r.checks, { full: opts.full }));
    }
    const findings = [...mergeOutcomes(outcomes), ...anchorFindings(db, opts.expect)];
    return { findings, vouchers: countVouchers(db), head: auditHead(db), threads };
  } catch (e) {
    if (!isSqliteError(e)) throw e;
    return { findings: [VerifyErrors.UNREADABLE(e.message)], vouchers: 0, head: null, threads: 1 };
  } finally {
    if (lock?.open) lock.close();
    if (db?.open) db.close();
  }
}
