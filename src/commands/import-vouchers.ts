// sanzi import vouchers FILE — streaming, all or nothing, every bad row reported with its line.
// The file is read, checked, numbered and chained by feedVouchers (import-vouchers-feed.ts) over what
// the write read under its lock; this thread inserts the batches it makes, in the same transaction.
import { importRefusal } from '../domain/errors/imports.js';
import type { Context } from '../cli/context.js';
import { fence, say } from '../cli/run.js';
import { progressBar } from '../io/progress.js';
import type { Ledger } from '../store/ledger.js';
import { feedVouchersBeside } from './import-vouchers-thread.js';

export async function importVouchers(ctx: Context, ledger: Ledger, file: string, sheet?: string): Promise<void> {
  const bar = progressBar(ctx);
  const result = await ledger.writeAsync(fence(ctx, 'voucher.import'), async (tx) => {
    const end = await feedVouchersBeside({ ...tx.importStart(), file, sheet }, { batch: (b) => tx.insertBatch(b), progress: bar?.update });
    bar?.stop();
    if (end.errorCount > 0) throw importRefusal(end.errors, end.errorCount);
    tx.endBatches(end);
    tx.describe(`导入凭证 ${tx.posted} 张、分录 ${tx.lines} 行（${file}）`, { file });
    return { rows: end.rows, vouchers: tx.posted, lines: tx.lines };
  });
  say(ctx, `已导入凭证 ${result.vouchers} 张，分录 ${result.lines} 行`, `imported ${result.vouchers} vouchers, ${result.lines} lines`);
}
