// sanzi dividend pay — 发放分红: Dr 211 应付款 / Cr the bank or cash account.
import type { Command } from 'commander';
import { refuseAll } from '../domain/errors.js';
import { formatFen } from '../domain/money.js';
import { checkPayout, payoutVoucher, unpaid } from '../domain/dividend-payout.js';
import type { Context } from '../cli/context.js';
import { today } from '../cli/context.js';
import { examples, fence, say, withLedger } from '../cli/run.js';
import { optDate, optYear } from '../cli/options.js';
import { distributionAccounts, insertPayment, listPayments, requireDeclared } from '../store/dividends.js';

export function registerDividendPay(dividend: Command, ctx: Context): void {
  examples(
    dividend
      .command('pay').description('发放分红：借 211 应付款 / 贷 102 银行存款（全部未发放的，或 --member 一人）')
      .requiredOption('--project <code>', '项目编码（main 为本集体）')
      .requiredOption('--year <YYYY>', '分配年度')
      .option('--date <date>', '发放日期（默认今天）')
      .option('--account <code>', '付款科目（默认 102 银行存款或其唯一的明细科目；现金 101）')
      .option('--member <id>', '只发放该成员'),
    ['sanzi dividend pay --project tq --year 2024 --date 2025-01-20', 'sanzi dividend pay --project tq --year 2024 --member X003 --account 101'],
  ).action(async (opts: { project: string; year: string; date?: string; account?: string; member?: string }) => {
    const year = optYear(opts.year, '--year');
    const date = opts.date !== undefined ? optDate(opts.date, '--date') : today(ctx.now());
    const r = await withLedger(ctx, (ledger) =>
      ledger.write(fence(ctx, 'dividend.pay'), (tx) => {
        const p = requireDeclared(tx.ledger, opts.project, year);
        const payments = listPayments(tx.ledger, p.id);
        // --account 102, the default named, is the default: 102's only leaf.
        const cash = opts.account !== undefined && opts.account !== '102' ? opts.account : tx.ledger.leafFor('102', '--account');
        refuseAll(checkPayout(p, payments, { date, member: opts.member, account: cash }));
        const { accounts, errors } = distributionAccounts(tx.ledger);
        refuseAll(errors);
        const todo = unpaid(p.distribution, new Set(payments.map((x) => x.member)), opts.member);
        const v = tx.post(payoutVoucher(p, todo, date, { payable: accounts.payable, cash }));
        for (const a of todo) insertPayment(tx, p, { member: a.member, amount: a.net, date, account: cash, voucherId: v.id });
        const total = todo.reduce((s, a) => s + a.net, 0);
        tx.describe(`发放 ${p.year} 年${p.project.name}分红 ${todo.length} 人，合计 ${formatFen(total)}，凭证 ${v.ref}`, { project: p.project.code, year: p.year });
        return { count: todo.length, total, ref: v.ref };
      }),
    );
    say(ctx, `已发放 ${r.count} 人分红，合计 ${formatFen(r.total)} 元，凭证 ${r.ref}`, `paid ${r.count} member(s), total ${formatFen(r.total)}, voucher ${r.ref}`);
  });
}
