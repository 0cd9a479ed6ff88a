// The flags verify's threads share (an Int32Array over a SharedArrayBuffer, one a worker): the main
// thread reads them between its checks, with no message loop, to know when it may let go of the
// write lock (src/store/verify-parallel.ts); a worker sets its own (src/store/verify-worker.ts).

/** The worker has not begun its read transaction yet. */
export const SNAPSHOT_NONE = 0;
/** The worker's read transaction has begun, while the lock was held. */
export const SNAPSHOT_TAKEN = 1;
/** The main thread gave up waiting and may have let go of the lock: the worker runs no checks. */
export const SNAPSHOT_LATE = 2;

/**
 * May the main thread let go of the lock? Yes once every worker has begun its snapshot; when `late`,
 * a worker that has not is marked SNAPSHOT_LATE instead (atomically: a worker that began its
 * snapshot at that very moment keeps it, and the answer waits for the next look).
 */
export function snapshotsSettled(flags: Int32Array, late: boolean): boolean {
  for (let i = 0; i < flags.length; i++) {
    if (Atomics.load(flags, i) !== SNAPSHOT_NONE) continue;
    if (!late || Atomics.compareExchange(flags, i, SNAPSHOT_NONE, SNAPSHOT_LATE) !== SNAPSHOT_NONE) return false;
  }
  return true;
}
