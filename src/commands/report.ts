// sanzi report trial-balance|general-ledger|ledger|cash-book|bank-book|journal|balance-sheet|income|disclosure
import { Command } from 'commander';
import { Refusal, refuseAll } from '../domain/errors.js';
import { UsageErrors } from '../domain/errors/usage.js';
import { periodOf, type Period } from '../domain/dates.js';
import { DAY_BOOKS, reportRange } from '../domain/statements.js';
import type { Context } from '../cli/context.js';
import { today } from '../cli/context.js';
import { emit, examples, outputOptions, withLedger, type OutputOpts } from '../cli/run.js';
import { optDate, optInt, optPeriod, optYear } from '../cli/options.js';
import type { Ledger } from '../store/ledger.js';
import { DEFAULT_ROWS_PER_PAGE, MIN_ROWS_PER_PAGE } from '../io/views/books.js';
import type { PrintOpts } from '../io/views/reports.js';
import { balanceSheetDoc, bookDoc, disclosureDoc, generalLedgerDoc, incomeDoc, journalDoc, trialBalanceDoc } from './documents.js';

type RangeOpts = OutputOpts & { from?: string; to?: string };
type BookOpts = RangeOpts & { rowsPerPage?: string };

/** --from/--to as months, defaulted and checked by the domain. */
export function range(ctx: Context, opts: RangeOpts): { from: Period; to: Period } {
  const from = opts.from === undefined ? undefined : optPeriod(opts.from, '--from');
  const to = opts.to === undefined ? undefined : optPeriod(opts.to, '--to');
  // The clock is read only when neither month is given (its first local time loads the time zone).
  const r = reportRange(from, to, () => periodOf(today(ctx.now())));
  // A range that runs backwards is bad command-line usage, as a month of 13 is.
  refuseAll(r.errors, 2);
  return { from: r.from, to: r.to };
}

function rangeOptions(cmd: Command): Command {
  return outputOptions(cmd.option('--from <YYYY-MM>', '起始月份（默认截止月份所在年的 1 月）').option('--to <YYYY-MM>', '截止月份（默认本月）'));
}

function bookOptions(cmd: Command): Command {
  return rangeOptions(cmd).option('--rows-per-page <n>', `打印账页（--format html）每页行数，含承前页、过次页（默认 ${DEFAULT_ROWS_PER_PAGE}，一页 A4）`);
}

/** The language, the collective's name and --rows-per-page of a printed page. */
export function printOpts(ctx: Context, ledger: Ledger, rowsPerPage?: string): PrintOpts {
  let rows = DEFAULT_ROWS_PER_PAGE;
  if (rowsPerPage !== undefined) {
    rows = optInt(rowsPerPage, '--rows-per-page');
    if (rows < MIN_ROWS_PER_PAGE) {
      throw new Refusal(UsageErrors.OPTION_VALUE('--rows-per-page', `至少 ${MIN_ROWS_PER_PAGE} 行（承前页、一笔、过次页）`, `at least ${MIN_ROWS_PER_PAGE} rows`), 2);
    }
  }
  return { lang: ctx.lang, entity: ledger.orgName() || undefined, rowsPerPage: rows };
}

export function registerReport(program: Command, ctx: Context): void {
  const report = program.command('report').description('账表：科目余额表、总账、明细账、日记账、序时账、资产负债表、收益及收益分配表、财务公开');

  examples(rangeOptions(report.command('trial-balance').description('科目余额表（期初、本期、本年累计、期末，借贷分列；上级科目汇总下级）')), [
    'sanzi report trial-balance --from 2024-01 --to 2024-12',
    'sanzi report trial-balance --from 2024-01 --to 2024-03 --format csv --out 余额表.csv',
    'sanzi report trial-balance --from 2024-03 --to 2024-03 --format html --out 余额表.html',
  ]).action(async (opts: RangeOpts) => {
    const r = range(ctx, opts);
    await emit(ctx, await withLedger(ctx, (ledger) => trialBalanceDoc(ledger, r, printOpts(ctx, ledger))), opts);
  });

  examples(bookOptions(report.command('general-ledger').description('总账（一级科目，三栏式：本月合计、本年累计）')), [
    'sanzi report general-ledger --from 2024-01 --to 2024-12 --format html --out 总账.html',
  ]).action(async (opts: BookOpts) => {
    const r = range(ctx, opts);
    await emit(ctx, await withLedger(ctx, (ledger) => generalLedgerDoc(ledger, r, printOpts(ctx, ledger, opts.rowsPerPage))), opts);
  });

  examples(bookOptions(report.command('ledger').description('明细账（含下级科目，逐笔余额，本月合计、本年累计）').requiredOption('--account <code>', '科目编码')), [
    'sanzi report ledger --account 113 --from 2024-01 --to 2024-12',
    'sanzi report ledger --account 113 --from 2024-01 --to 2024-12 --out 内部往来明细账.html',
  ]).action(async (opts: BookOpts & { account: string }) => {
    const r = range(ctx, opts);
    // Written while the ledger is open: the lines stream from it into the file.
    await withLedger(ctx, (ledger) => emit(ctx, bookDoc(ledger, opts.account.trim(), 'ledger', r, printOpts(ctx, ledger, opts.rowsPerPage)), opts));
  });

  for (const [kind, zh] of [
    ['cash-book', '现金日记账（101 库存现金；对方科目、本日合计）'],
    ['bank-book', '银行存款日记账（102 银行存款，含各明细账户；对方科目、本日合计）'],
  ] as const) {
    examples(bookOptions(report.command(kind).description(zh)), [
      `sanzi report ${kind} --from 2024-03 --to 2024-03`,
      `sanzi report ${kind} --from 2024-01 --to 2024-12 --format html --out ${kind === 'cash-book' ? '现金日记账' : '银行存款日记账'}.html`,
    ]).action(async (opts: BookOpts) => {
      const r = range(ctx, opts);
      await withLedger(ctx, (ledger) => emit(ctx, bookDoc(ledger, DAY_BOOKS[kind], kind, r, printOpts(ctx, ledger, opts.rowsPerPage)), opts));
    });
  }

  examples(rangeOptions(report.command('journal').description('序时账（按凭证号顺序的全部分录；CSV 可再导入：sanzi import vouchers）')), [
    'sanzi report journal --from 2024-03 --to 2024-03 --format json',
    'sanzi report journal --from 2024-01 --to 2024-12 --out 序时账.csv',
  ]).action(async (opts: RangeOpts) => {
    const r = range(ctx, opts);
    // Written while the ledger is open: the lines stream from it into the file.
    await withLedger(ctx, (ledger) => emit(ctx, journalDoc(ledger, r, printOpts(ctx, ledger)), opts));
  });

  examples(outputOptions(report.command('balance-sheet').description('资产负债表（2023 年格式：行次、期末余额、年初余额）').option('--as-of <date>', '截止日期（默认今天）')), [
    'sanzi report balance-sheet --as-of 2024-12-31',
    'sanzi report balance-sheet --as-of 2024-12-31 --format html --out 资产负债表.html',
  ]).action(async (opts: OutputOpts & { asOf?: string }) => {
    const asOf = opts.asOf ? optDate(opts.asOf, '--as-of') : today(ctx.now());
    await emit(ctx, await withLedger(ctx, (ledger) => balanceSheetDoc(ledger, asOf, printOpts(ctx, ledger))), opts);
  });

  examples(outputOptions(report.command('income').description('收益及收益分配表（行次、本年金额、上年金额）').option('--year <YYYY>', '年度（默认今年）')), [
    'sanzi report income --year 2024',
  ]).action(async (opts: OutputOpts & { year?: string }) => {
    const year = opts.year ? optYear(opts.year, '--year') : Number(today(ctx.now()).slice(0, 4));
    await emit(ctx, await withLedger(ctx, (ledger) => incomeDoc(ledger, year, printOpts(ctx, ledger))), opts);
  });

  examples(rangeOptions(report.command('disclosure').description('财务公开（村务公开栏）：收入、支出分项，合同收付款，资产变动')), [
    'sanzi report disclosure --from 2024-03 --to 2024-03 --format html --out 财务公开.html',
  ]).action(async (opts: RangeOpts) => {
    const r = range(ctx, opts);
    await emit(ctx, await withLedger(ctx, (ledger) => disclosureDoc(ledger, r, printOpts(ctx, ledger))), opts);
  });
}
