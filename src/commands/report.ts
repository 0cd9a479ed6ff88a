// sanzi report trial-balance|ledger|journal|cash-book|bank-book|balance-sheet|income
import { Command } from 'commander';
import { Refusal, ledgerError } from '../domain/errors.js';
import { formatFen } from '../domain/money.js';
import { periodOf, type Period } from '../domain/dates.js';
import { balanceSheet, incomeStatement, sideAndAmount, trialBalance, type StatementLine } from '../domain/statements.js';
import type { Context } from '../cli/context.js';
import { today } from '../cli/context.js';
import { emit, examples, outputOptions, withLedger, type OutputOpts } from '../cli/run.js';
import { optDate, optPeriod, optYear } from '../cli/options.js';
import type { Ledger } from '../store/ledger.js';
import { accountLines, journalVouchers, leafMovements, leafNetAsOf, leafNetBefore, memberNetAsOf } from '../store/queries.js';
import type { LegacyOutput as Output } from '../io/output.js';

type RangeOpts = OutputOpts & { from?: string; to?: string };

function range(ctx: Context, ledger: Ledger, opts: RangeOpts): { from: Period; to: Period } {
  const now = periodOf(today(ctx.now()));
  const to = opts.to ? optPeriod(opts.to, '--to') : opts.from ? optPeriod(opts.from, '--from') : now;
  const from = opts.from ? optPeriod(opts.from, '--from') : `${to.slice(0, 4)}-01`;
  if (from > to) throw new Refusal(ledgerError('RANGE', `--from ${from} 晚于 --to ${to}`, `--from ${from} is after --to ${to}`));
  return { from, to };
}

function rangeOptions(cmd: Command): Command {
  return outputOptions(cmd.option('--from <YYYY-MM>', '起始月份（默认截止月份所在年的 1 月）').option('--to <YYYY-MM>', '截止月份（默认本月）'));
}

export function trialBalanceOutput(ledger: Ledger, from: Period, to: Period): Output {
  const tb = trialBalance(ledger.allAccounts(), leafNetBefore(ledger, from), leafMovements(ledger, from, to));
  const rows = tb.rows.map((r) => {
    const o = sideAndAmount(r.opening);
    const c = sideAndAmount(r.closing);
    return { ...r, openingSide: o.side, openingAmount: o.amount, closingSide: c.side, closingAmount: c.amount, name: '  '.repeat(r.level - 1) + r.name };
  });
  const to_ = sideAndAmount(tb.totals.opening);
  const tc = sideAndAmount(tb.totals.closing);
  const columns = [
    { key: 'account', zh: '科目编码', en: 'Account' },
    { key: 'name', zh: '科目名称', en: 'Name' },
    { key: 'openingSide', zh: '期初方向', en: 'Dr/Cr', kind: 'side' as const },
    { key: 'openingAmount', zh: '期初余额', en: 'Opening', kind: 'money' as const },
    { key: 'debit', zh: '本期借方', en: 'Debit', kind: 'money' as const },
    { key: 'credit', zh: '本期贷方', en: 'Credit', kind: 'money' as const },
    { key: 'closingSide', zh: '期末方向', en: 'Dr/Cr', kind: 'side' as const },
    { key: 'closingAmount', zh: '期末余额', en: 'Closing', kind: 'money' as const },
  ];
  const footer = [
    { account: '合计', name: '', openingSide: to_.side, openingAmount: to_.amount, debit: tb.totals.debit, credit: tb.totals.credit, closingSide: tc.side, closingAmount: tc.amount },
  ];
  return {
    json: {
      from,
      to,
      rows: tb.rows.map((r) => ({
        account: r.account,
        name: r.name,
        level: r.level,
        opening: formatFen(r.opening),
        debit: formatFen(r.debit),
        credit: formatFen(r.credit),
        closing: formatFen(r.closing),
      })),
      totals: { debit: formatFen(tb.totals.debit), credit: formatFen(tb.totals.credit) },
    },
    table: {
      title: { zh: `科目余额表  ${from} 至 ${to}`, en: `Trial balance ${from} to ${to}` },
      columns,
      rows,
      footer,
      notes: tb.totals.debit === tb.totals.credit ? [] : [{ zh: '注意：借贷发生额不平！', en: 'WARNING: debits and credits differ!' }],
    },
    csv: { columns, rows: rows.map((r) => ({ ...r, name: r.name.trim() })), footer },
  };
}

function statementOutput(lines: StatementLine[], json: Record<string, unknown>, title: { zh: string; en: string }): Output {
  const columns = [
    { key: 'label', zh: '项目', en: 'Item' },
    { key: 'amount', zh: '金额', en: 'Amount', kind: 'money' as const },
  ];
  return {
    json: { ...json, lines: lines.filter((l) => !l.heading).map((l) => ({ label: l.label, amount: formatFen(l.amount) })) },
    table: {
      title,
      columns,
      rows: lines.map((l) => ({
        label: l.heading ? l.label + '：' : (l.total ? '' : '  ') + (l.prefix ?? '') + l.label,
        amount: l.heading ? null : l.amount,
      })),
    },
    csv: { columns, rows: lines.filter((l) => !l.heading).map((l) => ({ label: (l.prefix ?? '') + l.label, amount: l.amount })) },
  };
}

export function balanceSheetOutput(ledger: Ledger, asOf: string): Output {
  const lines = balanceSheet(leafNetAsOf(ledger, asOf), memberNetAsOf(ledger, '113', asOf));
  return statementOutput(lines, { asOf }, { zh: `资产负债表  ${asOf}  ${ledger.meta('name') ?? ''}`, en: `Balance sheet as of ${asOf}` });
}

export function incomeOutput(ledger: Ledger, year: number): Output {
  const lines = incomeStatement(leafMovements(ledger, `${year}-01`, `${year}-12`, { excludeClosing: true }), leafNetBefore(ledger, `${year}-01`));
  return statementOutput(lines, { year }, { zh: `收益及收益分配表  ${year} 年  ${ledger.meta('name') ?? ''}`, en: `Income and distribution ${year}` });
}

function detailOutput(ledger: Ledger, code: string, from: Period, to: Period, title: { zh: string; en: string }): Output {
  const acc = ledger.account(code);
  if (!acc) throw new Refusal(ledgerError('ACCOUNT_UNKNOWN', `科目「${code}」不存在`, `unknown account "${code}"`));
  let opening = 0;
  for (const [c, v] of leafNetBefore(ledger, from)) if (c === code || c.startsWith(code)) opening += v;
  const sign = acc.side === '借' ? 1 : -1;
  let bal = opening;
  const lines = accountLines(ledger, code, from, to);
  const rows = lines.map((l) => {
    bal += l.debit - l.credit;
    const s = sideAndAmount(bal);
    return { date: l.date, ref: `记-${l.number}`, summary: l.summary, account: l.account, debit: l.debit || null, credit: l.credit || null, side: s.side, balance: s.amount, member: l.member, project: l.project, net: bal };
  });
  const o = sideAndAmount(opening);
  const debit = lines.reduce((a, l) => a + l.debit, 0);
  const credit = lines.reduce((a, l) => a + l.credit, 0);
  const c = sideAndAmount(bal);
  const columns = [
    { key: 'date', zh: '日期', en: 'Date' },
    { key: 'ref', zh: '凭证号', en: 'Voucher' },
    { key: 'summary', zh: '摘要', en: 'Summary' },
    { key: 'account', zh: '科目', en: 'Account' },
    { key: 'debit', zh: '借方', en: 'Debit', kind: 'money' as const },
    { key: 'credit', zh: '贷方', en: 'Credit', kind: 'money' as const },
    { key: 'side', zh: '方向', en: 'Dr/Cr', kind: 'side' as const },
    { key: 'balance', zh: '余额', en: 'Balance', kind: 'money' as const },
  ];
  return {
    json: {
      account: code,
      name: acc.name,
      side: acc.side,
      from,
      to,
      opening: formatFen(opening),
      lines: lines.map((l, i) => ({
        date: l.date,
        number: l.number,
        summary: l.summary,
        account: l.account,
        debit: formatFen(l.debit),
        credit: formatFen(l.credit),
        member: l.member,
        project: l.project,
        balance: formatFen(rows[i].net),
      })),
      debit: formatFen(debit),
      credit: formatFen(credit),
      closing: formatFen(bal),
      normalSideClosing: formatFen(sign * bal),
    },
    table: {
      title,
      columns,
      rows: [{ summary: '期初余额', side: o.side, balance: o.amount }, ...rows],
      footer: [{ summary: '本期合计', debit, credit, side: c.side, balance: c.amount }],
    },
  };
}

export function registerReport(program: Command, ctx: Context): void {
  const report = program.command('report').description('账表：科目余额表、明细账、序时账、日记账、资产负债表、收益及收益分配表');

  examples(rangeOptions(report.command('trial-balance').description('科目余额表（上级科目汇总下级）')), [
    'sanzi report trial-balance --from 2024-01 --to 2024-12',
    'sanzi report trial-balance --from 2024-01 --to 2024-03 --format csv --out 余额表.csv',
  ]).action(async (opts: RangeOpts) => {
    await withLedger(ctx, async (ledger) => {
      const { from, to } = range(ctx, ledger, opts);
      await emit(ctx, trialBalanceOutput(ledger, from, to), opts);
    });
  });

  examples(rangeOptions(report.command('ledger').description('明细账（含下级科目，逐笔余额）').requiredOption('--account <code>', '科目编码')), [
    'sanzi report ledger --account 113 --from 2024-01 --to 2024-12',
  ]).action(async (opts: RangeOpts & { account: string }) => {
    await withLedger(ctx, async (ledger) => {
      const { from, to } = range(ctx, ledger, opts);
      const acc = ledger.account(opts.account.trim());
      const name = acc?.name ?? '';
      await emit(ctx, detailOutput(ledger, opts.account.trim(), from, to, { zh: `明细账  ${opts.account} ${name}  ${from} 至 ${to}`, en: `Ledger ${opts.account} ${from} to ${to}` }), opts);
    });
  });

  for (const [cmdName, code, zh, en] of [
    ['cash-book', '101', '现金日记账', 'Cash book'],
    ['bank-book', '102', '银行存款日记账', 'Bank book'],
  ] as const) {
    examples(rangeOptions(report.command(cmdName).description(zh)), [`sanzi report ${cmdName} --from 2024-03 --to 2024-03`]).action(async (opts: RangeOpts) => {
      await withLedger(ctx, async (ledger) => {
        const { from, to } = range(ctx, ledger, opts);
        await emit(ctx, detailOutput(ledger, code, from, to, { zh: `${zh}  ${from} 至 ${to}`, en: `${en} ${from} to ${to}` }), opts);
      });
    });
  }

  examples(rangeOptions(report.command('journal').description('序时账（按凭证号顺序的全部分录）')), [
    'sanzi report journal --from 2024-03 --to 2024-03 --format json',
  ]).action(async (opts: RangeOpts) => {
    await withLedger(ctx, async (ledger) => {
      const { from, to } = range(ctx, ledger, opts);
      const vs = journalVouchers(ledger, { from, to });
      const names = new Map(ledger.allAccounts().map((a) => [a.code, a.name]));
      const rows = vs.flatMap((v) =>
        v.lines.map((l, i) => ({
          date: i === 0 ? v.date : '',
          ref: i === 0 ? `记-${v.number}` : '',
          summary: i === 0 ? v.summary : '',
          account: l.account,
          name: names.get(l.account) ?? '',
          debit: l.debit || null,
          credit: l.credit || null,
          member: l.member,
          project: l.project,
        })),
      );
      const columns = [
        { key: 'date', zh: '日期', en: 'Date' },
        { key: 'ref', zh: '凭证号', en: 'Voucher' },
        { key: 'summary', zh: '摘要', en: 'Summary' },
        { key: 'account', zh: '科目编码', en: 'Account' },
        { key: 'name', zh: '科目名称', en: 'Name' },
        { key: 'debit', zh: '借方', en: 'Debit', kind: 'money' as const },
        { key: 'credit', zh: '贷方', en: 'Credit', kind: 'money' as const },
        { key: 'member', zh: '成员', en: 'Member' },
        { key: 'project', zh: '项目', en: 'Project' },
      ];
      const debit = vs.reduce((a, v) => a + v.lines.reduce((b, l) => b + l.debit, 0), 0);
      const credit = vs.reduce((a, v) => a + v.lines.reduce((b, l) => b + l.credit, 0), 0);
      await emit(
        ctx,
        {
          json: {
            from,
            to,
            vouchers: vs.map((v) => ({
              date: v.date,
              number: v.number,
              summary: v.summary,
              lines: v.lines.map((l) => ({ account: l.account, debit: formatFen(l.debit), credit: formatFen(l.credit), member: l.member, project: l.project })),
            })),
          },
          table: { title: { zh: `序时账  ${from} 至 ${to}`, en: `Journal ${from} to ${to}` }, columns, rows, footer: [{ summary: '合计', debit, credit }] },
          csv: {
            columns,
            rows: vs.flatMap((v) =>
              v.lines.map((l) => ({
                date: v.date,
                ref: `记-${v.number}`,
                summary: v.summary,
                account: l.account,
                name: names.get(l.account) ?? '',
                debit: l.debit,
                credit: l.credit,
                member: l.member,
                project: l.project,
              })),
            ),
          },
        },
        opts,
      );
    });
  });

  examples(outputOptions(report.command('balance-sheet').description('资产负债表（2023 年格式）').option('--as-of <date>', '截止日期（默认今天）')), [
    'sanzi report balance-sheet --as-of 2024-12-31',
  ]).action(async (opts: OutputOpts & { asOf?: string }) => {
    const asOf = opts.asOf ? optDate(opts.asOf, '--as-of') : today(ctx.now());
    await withLedger(ctx, (ledger) => emit(ctx, balanceSheetOutput(ledger, asOf), opts));
  });

  examples(outputOptions(report.command('income').description('收益及收益分配表').option('--year <YYYY>', '年度（默认今年）')), [
    'sanzi report income --year 2024',
  ]).action(async (opts: OutputOpts & { year?: string }) => {
    const year = opts.year ? optYear(opts.year, '--year') : Number(today(ctx.now()).slice(0, 4));
    await withLedger(ctx, (ledger) => emit(ctx, incomeOutput(ledger, year), opts));
  });
}

