// An import's whole-voucher errors that may follow from a row the file could not hand on (a hidden
// character, cells past the header, an identifier Excel turned into a number): a voucher that lost
// a row no longer balances, or has no line left. Such an error is said only when no dropped row lies
// where a row of its voucher would have been: after the voucher before it, before the next one.
import type { LedgerError, Source } from '../domain/errors.js';

/** An error said once: the same code at the same line. */
export const errorKey = (e: LedgerError) => `${e.code} ${e.source?.line}`;

/** Unbalanced or empty: may follow from a row of the voucher the file dropped. */
export const mayFollow = (e: LedgerError) => e.code === 'VOUCHER_UNBALANCED' || e.code === 'VOUCHER_EMPTY';

interface Window {
  after: number;
  before: number;
}

/** Fed each voucher as it is grouped, in file order; keeps where its neighbours are for its errors that may follow. */
export class FollowingErrors {
  private readonly windows = new Map<LedgerError, Window>();
  private waiting: Window[] = [];
  private lastLine = 0;
  private after = 0;

  /** The next voucher: where it and each of its rows are (nothing made a voucher: a million-line import calls this for each). */
  voucher(v: { source?: Source; lines: readonly { source?: Source }[] }): void {
    const at = v.source?.line ?? this.lastLine;
    if (this.waiting.length) {
      for (const w of this.waiting) w.before = at;
      this.waiting = [];
    }
    this.after = this.lastLine;
    if (at > this.lastLine) this.lastLine = at;
    for (let i = 0; i < v.lines.length; i++) {
      const l = v.lines[i].source?.line;
      if (l !== undefined && l > this.lastLine) this.lastLine = l;
    }
  }

  /** Errors said of the voucher last given (returned as they are). */
  said(errors: LedgerError[]): LedgerError[] {
    for (const e of errors) {
      if (!mayFollow(e)) continue;
      const w = { after: this.after, before: Number.MAX_SAFE_INTEGER };
      this.windows.set(e, w);
      this.waiting.push(w);
    }
    return errors;
  }

  /** The errors to say, given the lines of the rows dropped (in file order): those that may follow from one left out. */
  keep(errors: readonly LedgerError[], dropped: readonly number[]): LedgerError[] {
    const near = (w: Window) => {
      // The first dropped line past `after` decides.
      let lo = 0;
      let hi = dropped.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (dropped[mid] <= w.after) lo = mid + 1;
        else hi = mid;
      }
      return lo < dropped.length && dropped[lo] < w.before;
    };
    return errors.filter((e) => {
      const w = this.windows.get(e);
      return w === undefined || !near(w);
    });
  }
}
