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
import { ReaderOutOfMemory, feedVouchersBeside, readerScriptFor } from './import-vouchers-thread.js';

export async function importVouchers(ctx: Context, ledger: Ledger, file: string, sheet?: string): Promise<void> {
  let result: { vouchers: number; lines: number };
  const first: { file: ImportFile | null } = { file: null };
  try {
    result = await importOnce(ctx, ledger, file, sheet, readerScriptFor(file), first);
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
  script: string | null,
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
  });
}
