// sanzi import vouchers FILE — streaming, all or nothing, every bad row reported with its line.
import { MAX_REPORTED_ERRORS, importRefusal } from '../domain/errors/imports.js';
import { withSource, type LedgerError } from '../domain/errors.js';
import { AccountPaths, isAccountCode } from '../domain/account-path.js';
import type { VoucherDraft } from '../domain/voucher.js';
import type { Context } from '../cli/context.js';
import { fence, say } from '../cli/run.js';
import { readCsv } from '../io/csv-read.js';
import { VOUCHER_COLUMNS, VoucherGrouper } from '../io/voucher-csv.js';
import { progressBar } from '../io/progress.js';
import type { Ledger } from '../store/ledger.js';

/**
 * The lines of a voucher whose account is a path of names (银行存款—基本户) get the leaf's code;
 * the paths that name no single leaf are returned as errors at their lines.
 */
function resolvePaths(draft: VoucherDraft, paths: () => AccountPaths): LedgerError[] {
  const errors: LedgerError[] = [];
  for (const l of draft.lines) {
    if (isAccountCode(l.account)) continue;
    const r = paths().resolve(l.account);
    if ('error' in r) errors.push(withSource(r.error, l.source));
    else l.account = r.code;
  }
  return errors;
}

export async function importVouchers(ctx: Context, ledger: Ledger, file: string, sheet?: string): Promise<void> {
  const errors: LedgerError[] = [];
  let errorCount = 0;
  const bar = progressBar(ctx);
  const result = await ledger.writeAsync(fence(ctx, 'voucher.import'), async (tx) => {
    let chart: AccountPaths | null = null;
    const paths = () => (chart ??= new AccountPaths(tx.ledger.allAccounts()));
    const grouper = new VoucherGrouper(file, (g) => {
      let errs = g.errors;
      const unnamed = resolvePaths(g.draft, paths);
      if (unnamed.length) errs = [...errs, ...unnamed];
      else {
        const checks = tx.checkVoucher(g.draft, g.accountNames);
        errs = errs.length ? [...errs, ...checks.filter((e) => e.code !== 'VOUCHER_UNBALANCED' && e.code !== 'VOUCHER_EMPTY')] : checks;
      }
      if (errs.length) {
        errorCount += errs.length;
        if (errors.length < MAX_REPORTED_ERRORS) errors.push(...errs.slice(0, MAX_REPORTED_ERRORS - errors.length));
        return;
      }
      if (errorCount === 0) tx.postChecked(g.draft);
    });
    const rows = await readCsv(file, {
      columns: VOUCHER_COLUMNS,
      onRow: (row) => grouper.push(row),
      onProgress: bar?.update,
      sheet,
    });
    grouper.end();
    bar?.stop();
    if (errorCount > 0) throw importRefusal(errors, errorCount);
    tx.describe(`导入凭证 ${tx.posted} 张、分录 ${tx.lines} 行（${file}）`, { file });
    return { rows, vouchers: tx.posted, lines: tx.lines };
  });
  say(ctx, `已导入凭证 ${result.vouchers} 张，分录 ${result.lines} 行`, `imported ${result.vouchers} vouchers, ${result.lines} lines`);
}
