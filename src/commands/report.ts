// sanzi report trial-balance|ledger|cash-book|bank-book|journal|balance-sheet|income
import { Command } from 'commander';
import { Refusal, refuseAll } from '../domain/errors.js';
import { AccountErrors } from '../domain/errors/accounts.js';
import { periodOf, type Period } from '../domain/dates.js';
import { accountBook, balanceSheet, DAY_BOOKS, incomeStatement, journalTotals, reportRange, trialBalance } from '../domain/statements.js';
import type { Context } from '../cli/context.js';
import { today } from '../cli/context.js';
import { emit, examples, outputOptions, withLedger, type OutputOpts } from '../cli/run.js';
import { optDate, optPeriod, optYear } from '../cli/options.js';
import type { Ledger } from '../store/ledger.js';
import { accountLines, journalVouchers, leafMovements, leafNetAsOf, leafNetBefore, memberNetAsOf } from '../store/queries.js';
import { counterpartyNetAsOf } from '../store/counterparties.js';
import { accountBookView, balanceSheetView, incomeView, journalView, trialBalanceView, type BookKind } from '../io/views/reports.js';

type RangeOpts = OutputOpts & { from?: string; to?: string };

/** --from/--to as months, defaulted and checked by the domain. */
function range(ctx: Context, opts: RangeOpts): { from: Period; to: Period } {
  const from = opts.from === undefined ? undefined : optPeriod(opts.from, '--from');
  const to = opts.to === undefined ? undefined : optPeriod(opts.to, '--to');
  const r = reportRange(from, to, periodOf(today(ctx.now())));
  refuseAll(r.errors);
  return { from: r.from, to: r.to };
}

function rangeOptions(cmd: Command): Command {
  return outputOptions(cmd.option('--from <YYYY-MM>', '起始月份（默认截止月份所在年的 1 月）').option('--to <YYYY-MM>', '截止月份（默认本月）'));
}

function bookView(ledger: Ledger, code: string, kind: BookKind, from: Period, to: Period) {
  const account = ledger.account(code);
  if (!account) throw new Refusal(AccountErrors.ACCOUNT_UNKNOWN(code));
  return accountBookView(accountBook(account, from, to, leafNetBefore(ledger, from), accountLines(ledger, code, from, to)), kind);
}

export function registerReport(program: Command, ctx: Context): void {
  const report = program.command('report').description('账表：科目余额表、明细账、序时账、日记账、资产负债表、收益及收益分配表');

  examples(rangeOptions(report.command('trial-balance').description('科目余额表（上级科目汇总下级）')), [
    'sanzi report trial-balance --from 2024-01 --to 2024-12',
    'sanzi report trial-balance --from 2024-01 --to 2024-03 --format csv --out 余额表.csv',
  ]).action(async (opts: RangeOpts) => {
    const r = range(ctx, opts);
    const view = await withLedger(ctx, (ledger) =>
      trialBalanceView(trialBalance(ledger.allAccounts(), leafNetBefore(ledger, r.from), leafMovements(ledger, r.from, r.to)), r),
    );
    await emit(ctx, view, opts);
  });

  examples(rangeOptions(report.command('ledger').description('明细账（含下级科目，逐笔余额）').requiredOption('--account <code>', '科目编码')), [
    'sanzi report ledger --account 113 --from 2024-01 --to 2024-12',
  ]).action(async (opts: RangeOpts & { account: string }) => {
    const r = range(ctx, opts);
    const view = await withLedger(ctx, (ledger) => bookView(ledger, opts.account.trim(), 'ledger', r.from, r.to));
    await emit(ctx, view, opts);
  });

  for (const [kind, zh] of [
    ['cash-book', '现金日记账（101 库存现金）'],
    ['bank-book', '银行存款日记账（102 银行存款，含各明细账户）'],
  ] as const) {
    examples(rangeOptions(report.command(kind).description(zh)), [`sanzi report ${kind} --from 2024-03 --to 2024-03`]).action(async (opts: RangeOpts) => {
      const r = range(ctx, opts);
      const view = await withLedger(ctx, (ledger) => bookView(ledger, DAY_BOOKS[kind], kind, r.from, r.to));
      await emit(ctx, view, opts);
    });
  }

  examples(rangeOptions(report.command('journal').description('序时账（按凭证号顺序的全部分录；CSV 可再导入：sanzi import vouchers）')), [
    'sanzi report journal --from 2024-03 --to 2024-03 --format json',
    'sanzi report journal --from 2024-01 --to 2024-12 --out 序时账.csv',
  ]).action(async (opts: RangeOpts) => {
    const r = range(ctx, opts);
    const vouchers = await withLedger(ctx, (ledger) => journalVouchers(ledger, r));
    await emit(ctx, journalView(vouchers, journalTotals(vouchers), r), opts);
  });

  examples(outputOptions(report.command('balance-sheet').description('资产负债表（2023 年格式）').option('--as-of <date>', '截止日期（默认今天）')), [
    'sanzi report balance-sheet --as-of 2024-12-31',
  ]).action(async (opts: OutputOpts & { asOf?: string }) => {
    const asOf = opts.asOf ? optDate(opts.asOf, '--as-of') : today(ctx.now());
    const view = await withLedger(ctx, (ledger) =>
      balanceSheetView(
        balanceSheet(leafNetAsOf(ledger, asOf), memberNetAsOf(ledger, '113', asOf), {
          '112': counterpartyNetAsOf(ledger, '112', asOf),
          '211': counterpartyNetAsOf(ledger, '211', asOf),
        }),
        asOf,
        ledger.meta('name') ?? undefined,
      ),
    );
    await emit(ctx, view, opts);
  });

  examples(outputOptions(report.command('income').description('收益及收益分配表').option('--year <YYYY>', '年度（默认今年）')), [
    'sanzi report income --year 2024',
  ]).action(async (opts: OutputOpts & { year?: string }) => {
    const year = opts.year ? optYear(opts.year, '--year') : Number(today(ctx.now()).slice(0, 4));
    const view = await withLedger(ctx, (ledger) => {
      const lines = incomeStatement(leafMovements(ledger, `${year}-01`, `${year}-12`, { excludeClosing: true }), leafNetBefore(ledger, `${year}-01`));
      return incomeView(lines, year, ledger.meta('name') ?? undefined);
    });
    await emit(ctx, view, opts);
  });
}
