// The reading half of `import vouchers`: the file read, its rows grouped into vouchers, each voucher
// checked against what the write read under its lock (ImportStart), numbered, chained, summed into
// the balances and packed into column batches (VoucherBatch) for the writer. It touches no ledger,
// so it runs in a worker thread beside the inserting one (import-vouchers-worker.ts), or in the
// same thread when no worker can be had.
import type { LedgerError } from '../domain/errors.js';
import { AccountPaths, resolveLinePaths } from '../domain/account-path.js';
import { checkPosting } from '../domain/voucher-post.js';
import type { PackedIds } from '../domain/id-set.js';
import { MAX_REPORTED_ERRORS } from '../domain/errors/imports.js';
import { readCsv } from '../io/csv-read.js';
import { startLookups } from './import-vouchers-lookups.js';
import { VOUCHER_COLUMNS, VoucherGrouper } from '../io/voucher-csv.js';
import { errorKey, FollowingErrors, mayFollow } from '../io/dropped-rows.js';
import type { VoucherBatch } from '../store/voucher-writer.js';
import type { BatchHasher } from '../store/batch-hasher.js';
import type { BalanceRows } from '../store/balance-sums.js';
import { Batcher } from './import-vouchers-batcher.js';
import type { ImportStart } from '../store/write-tx.js';

export interface FeedStart extends ImportStart {
  file: string;
  sheet?: string;
  /** The member ids packed (a reader thread is sent them so, members then empty). */
  memberIds?: PackedIds;
}

/** What the reader found: the errors (nothing is to be committed when errorCount > 0), or the sums and chain's end. */
export interface FeedEnd {
  rows: number;
  errors: LedgerError[];
  errorCount: number;
  /** The balance sums not handed over with a batch (VoucherBatch.sums). */
  balances: BalanceRows;
  head: string;
  /** The next number of each month used. */
  numbers: [string, number][];
  rowsDigest: string | null;
}

/** A batch's arrays, given back once inserted to be filled again. */
export type BatchArrays = Pick<VoucherBatch, 'vNum' | 'vText' | 'lNum' | 'lText'>;
export interface FeedSink {
  batch(b: VoucherBatch): void | Promise<void>;
  /** Arrays of a batch already inserted, if any. */
  spare?(): BatchArrays | undefined;
  progress?(bytes: number, total: number): void;
  /** A hasher of the thread reading (a worker's: the writer is then handed the batches hashed). */
  hasher?(): BatchHasher | null;
}


/**
 * Read, check and batch the vouchers of a file. Every bad row is reported with its line; once one
 * is found nothing more is batched (the write is refused), but the file is read to its end so that
 * every error is listed. Refusals of the file itself (not CSV, a bad header…) are thrown.
 */
export async function feedVouchers(start: FeedStart, sink: FeedSink): Promise<FeedEnd> {
  const errors: LedgerError[] = [];
  let errorCount = 0;
  let spoiled = false; // the file has a problem of its own: refused, so nothing more goes to the writer
  const lookups = startLookups(start);
  let chart: AccountPaths | null = null;
  const paths = () => (chart ??= new AccountPaths(start.accounts));
  const batcher = new Batcher(start, sink);
  const following = new FollowingErrors();
  const grouper = new VoucherGrouper(start.file, (g) => {
    following.voucher(g.draft);
    let errs = g.errors;
    const unnamed = resolveLinePaths(g.draft.lines, paths);
    if (unnamed.length) errs = [...errs, ...unnamed];
    else {
      const checks = checkPosting(g.draft, lookups, start.today, g.accountNames);
      // The group's errors, then the posting checks less what they said already (the same error at the same line) or what follows from them.
      const said = errs.map(errorKey);
      errs = said.length ? [...errs, ...checks.filter((e) => !mayFollow(e) && !said.includes(errorKey(e)))] : checks;
    }
    if (errs.length) {
      errorCount += errs.length;
      errors.push(...following.said(errs.slice(0, Math.max(MAX_REPORTED_ERRORS - errors.length, 0))));
      return;
    }
    if (errorCount === 0 && !spoiled) batcher.add(g.draft);
  });
  const rows = await readCsv(start.file, {
    columns: VOUCHER_COLUMNS,
    rowErrors: (dropped) => (grouper.end(), following.keep(errors, dropped)),
    onRow: (row) => {
      spoiled ||= row.spoiled;
      grouper.push(row);
      if (batcher.full) return batcher.flush();
    },
    onProgress: sink.progress,
    sheet: start.sheet,
  });
  grouper.end();
  if (errorCount === 0) await batcher.flush();
  return batcher.end(rows, errors, errorCount);
}
