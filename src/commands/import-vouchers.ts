// sanzi import vouchers FILE — streaming, all or nothing, every bad row reported with its line.
// The file is read, checked, numbered and chained by feedVouchers (import-vouchers-feed.ts) over what
// the write read under its lock, in a worker thread when the file is large; this thread inserts the
// batches it makes, in the same transaction.
import { importRefusal } from '../domain/errors/imports.js';
import type { Context } from '../cli/context.js';
import { fence, say } from '../cli/run.js';
import { progressBar } from '../io/progress.js';
import type { Ledger } from '../store/ledger.js';
import type { ImportFile } from '../store/imported-files.js';
import { ReaderOutOfMemory, feedVouchersBeside, isLargeFile, readerScriptFor, startReader, type ReaderThread } from './import-vouchers-thread.js';

/** A reader thread started for a file before its import's write began (prestartVouchers). */
let early: { file: string; reader: Promise<ReaderThread> } | null = null;

/**
 * Start the reader thread of a large file at once, so that it starts up while the file's digest is
 * made and the ledger opened (some 0.1 s of the import's wall time). Returns what ends it, to be
 * called once the import is over, whatever its end.
 */
export function prestartVouchers(file: string): () => void {
  const script = readerScriptFor(file);
  if (script === null) return () => {};
  const reader = startReader(script);
  reader.catch(() => {}); // a thread that cannot start is reported when it is used
  early = { file, reader };
  return () => {
    if (early?.reader === reader) early = null;
    void reader.then((r) => r.stop(), () => {});
  };
}

export async function importVouchers(ctx: Context, ledger: Ledger, file: string, sheet?: string): Promise<void> {
  let result: { vouchers: number; lines: number };
  const first: { file: ImportFile | null } = { file: null };
  const started = early?.file === file ? early.reader : null;
  early = null;
  try {
    result = await importOnce(ctx, ledger, file, sheet, started ? await started : readerScriptFor(file), first);
  } catch (e) {
    // The reader thread needed more memory than it may have: the write was rolled back; read in this
    // thread, the file's digest guarded and recorded as in the first write.
    if (!(e instanceof ReaderOutOfMemory)) throw e;
    if (first.file) ledger.importFile(first.file);
    result = await importOnce(ctx, ledger, file, sheet, null, first);
  }
  say(ctx, `已导入凭证 ${result.vouchers} 张，分录 ${result.lines} 行`, `imported ${result.vouchers} vouchers, ${result.lines} lines`);
}

function importOnce(
  ctx: Context,
  ledger: Ledger,
  file: string,
  sheet: string | undefined,
  script: string | ReaderThread | null,
  seen: { file: ImportFile | null },
): Promise<{ vouchers: number; lines: number }> {
  const bar = progressBar(ctx);
  return ledger.writeAsync(fence(ctx, 'voucher.import'), async (tx) => {
    seen.file = tx.importFile;
    const end = await feedVouchersBeside({ ...tx.importStart(), file, sheet }, { batch: (b) => tx.insertBatch(b), progress: bar?.update }, script);
    bar?.stop();
    if (end.errorCount > 0) throw importRefusal(end.errors, end.errorCount);
    tx.endBatches(end);
    tx.describe(`导入凭证 ${tx.posted} 张、分录 ${tx.lines} 行（${file}）`, { file });
    return { vouchers: tx.posted, lines: tx.lines };
  }, { large: script !== null || isLargeFile(file) });
}
