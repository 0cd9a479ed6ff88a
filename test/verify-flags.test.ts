// The flags verify's threads share: the main thread lets go of its lock once every worker has begun
// its snapshot, or, late, marks the ones that have not so that they run nothing.
import { describe, expect, it } from 'vitest';
import { SNAPSHOT_LATE, SNAPSHOT_NONE, SNAPSHOT_TAKEN, snapshotsSettled } from '../src/store/verify-snapshot-flags.js';

const flags = (...v: number[]) => new Int32Array(new SharedArrayBuffer(4 * v.length)).map((_, i) => v[i]);

describe('snapshotsSettled', () => {
  it('waits while a worker has no snapshot, and changes nothing', () => {
    const f = flags(SNAPSHOT_TAKEN, SNAPSHOT_NONE);
    expect(snapshotsSettled(f, false)).toBe(false);
    expect([...f]).toEqual([SNAPSHOT_TAKEN, SNAPSHOT_NONE]);
  });

  it('lets go once every worker has begun its snapshot', () => {
    expect(snapshotsSettled(flags(SNAPSHOT_TAKEN, SNAPSHOT_TAKEN), false)).toBe(true);
    expect(snapshotsSettled(flags(), false)).toBe(true);
  });

  it('late, marks the workers without a snapshot and lets go; those with one keep it', () => {
    const f = flags(SNAPSHOT_TAKEN, SNAPSHOT_NONE, SNAPSHOT_NONE);
    expect(snapshotsSettled(f, true)).toBe(true);
    expect([...f]).toEqual([SNAPSHOT_TAKEN, SNAPSHOT_LATE, SNAPSHOT_LATE]);
    // Marked late once, it stays so.
    expect(snapshotsSettled(f, false)).toBe(true);
  });
});
