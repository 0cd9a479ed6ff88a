// sanzi import KIND FILE — every import is all or nothing, every bad row reported with its line.
import { Command } from 'commander';
import { Refusal, ledgerError, type LedgerError } from '../domain/errors.js';
import type { Context } from '../cli/context.js';
import { examples, say, withLedger, fence } from '../cli/run.js';
import { readCsv } from '../io/csv-read.js';
import { VOUCHER_COLUMNS, VoucherGrouper } from '../io/voucher-csv.js';
import { progressBar } from '../io/progress.js';
import type { Ledger } from '../store/ledger.js';

/** The most errors listed for one file; the rest are counted. */
export const MAX_REPORTED_ERRORS = 500;

export type Importer = (ctx: Context, ledger: Ledger, file: string) => Promise<void>;

/** Other command groups add their importers here (members, shares, contributions, assets…). */
export const IMPORTERS = new Map<string, { describe: string; run: Importer }>();

export function refuseWithErrors(ctx: Context, errors: LedgerError[], total: number): never {
  const list = errors.slice(0, MAX_REPORTED_ERRORS);
  if (total > list.length) {
    list.push(
      ledgerError(
        'TOO_MANY_ERRORS',
        `……另有 ${total - list.length} 处错误未列出；没有写入任何数据`,
        `… and ${total - list.length} more errors; nothing was written`,
      ),
    );
  }
  throw new Refusal(list);
}

async function importVouchers(ctx: Context, ledger: Ledger, file: string): Promise<void> {
  const errors: LedgerError[] = [];
  let errorCount = 0;
  const bar = progressBar(ctx);
  const result = await ledger.writeAsync(fence(ctx, 'voucher.import'), async (w) => {
    const grouper = new VoucherGrouper(file, (g) => {
      let errs = g.errors;
      const checks = w.checkVoucher(g.draft, g.accountNames);
      errs = errs.length ? [...errs, ...checks.filter((e) => e.code !== 'VOUCHER_UNBALANCED' && e.code !== 'VOUCHER_EMPTY')] : checks;
      if (errs.length) {
        errorCount += errs.length;
        if (errors.length < MAX_REPORTED_ERRORS) errors.push(...errs.slice(0, MAX_REPORTED_ERRORS - errors.length));
        return;
      }
      if (errorCount === 0) w.postChecked(g.draft);
    });
    const rows = await readCsv(file, {
      columns: VOUCHER_COLUMNS,
      onRow: (row) => grouper.push(row),
      onProgress: bar?.update,
    });
    grouper.end();
    bar?.stop();
    if (errorCount > 0) refuseWithErrors(ctx, errors, errorCount);
    return { rows, vouchers: w.posted, lines: w.lines };
  });
  say(
    ctx,
    `已导入凭证 ${result.vouchers} 张，分录 ${result.lines} 行`,
    `imported ${result.vouchers} vouchers, ${result.lines} lines`,
  );
}

IMPORTERS.set('vouchers', { describe: '记账凭证', run: importVouchers });

export function registerImport(program: Command, ctx: Context): void {
  examples(
    program
      .command('import')
      .description('导入 CSV：vouchers|members|shares|contributions|assets|resources|contracts（全部成功才写入）')
      .argument('<kind>', '导入什么')
      .argument('<file>', 'CSV 文件（UTF-8 或 GBK，表头中英文均可）'),
    ['sanzi import vouchers 2024年凭证.csv', 'sanzi import members 成员名册.csv', 'sanzi import contributions 出资明细.csv'],
  ).action(async (kind: string, file: string) => {
    const imp = IMPORTERS.get(kind);
    if (!imp) {
      ctx.stderr(
        (ctx.lang === 'en' ? `unknown import kind "${kind}"; one of: ` : `不认识的导入类型「${kind}」，可选：`) +
          [...IMPORTERS.keys()].join(', ') +
          '\n',
      );
      throw new Refusal([], 2);
    }
    await withLedger(ctx, (ledger) => imp.run(ctx, ledger, file));
  });
}
