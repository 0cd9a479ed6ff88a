// The books and statements as Output: 科目余额表, 明细账, 现金/银行存款日记账, 序时账, 资产负债表,
// 收益及收益分配表. The figures come computed from the domain (src/domain/statements.ts); these
// builders only lay them out. Columns are data, one list per report.
import type { Text } from '../../domain/errors.js';
import { formatFen } from '../../domain/money.js';
import { sideAndAmount, type AccountBook, type JournalVoucher, type Movement, type StatementLine, type TrialBalance } from '../../domain/statements.js';
import type { Column, Output, Row } from '../output.js';

type Range = { from: string; to: string };

function rangeText(r: Range): Text {
  return { zh: `${r.from} 至 ${r.to}`, en: `${r.from} to ${r.to}` };
}

/** The line printed above a table: the report's name, what it covers, and who keeps the books. */
function heading(title: Text, period: Text, entity?: string): Text {
  const by = entity ? `  ${entity}` : '';
  return { zh: `${title.zh}  ${period.zh}${by}`, en: `${title.en} ${period.en}${by}` };
}

const money = (key: string, zh: string, en: string): Column => ({ key, zh, en, kind: 'money' });
const side = (key: string, zh: string): Column => ({ key, zh, en: 'Dr/Cr', kind: 'side' });
const text = (key: string, zh: string, en: string): Column => ({ key, zh, en });

// 科目余额表 -------------------------------------------------------------------------------------

const TRIAL_BALANCE_COLUMNS: Column[] = [
  text('account', '科目编码', 'Account'),
  text('name', '科目名称', 'Name'),
  side('openingSide', '期初方向'),
  money('openingAmount', '期初余额', 'Opening'),
  money('debit', '本期借方', 'Debit'),
  money('credit', '本期贷方', 'Credit'),
  side('closingSide', '期末方向'),
  money('closingAmount', '期末余额', 'Closing'),
];

/** A signed balance as two cells: 借/贷/平 and the amount. */
function sided(prefix: string, net: number): Row {
  const s = sideAndAmount(net);
  return { [`${prefix}Side`]: s.side, [`${prefix}Amount`]: s.amount };
}

export function trialBalanceView(tb: TrialBalance, range: Range): Output {
  const title = { zh: '科目余额表', en: 'Trial balance' };
  const period = rangeText(range);
  const row = (r: TrialBalance['rows'][number], name: string): Row => ({
    account: r.account,
    name,
    ...sided('opening', r.opening),
    debit: r.debit,
    credit: r.credit,
    ...sided('closing', r.closing),
  });
  const footer = [{ account: '合计', name: '', ...sided('opening', tb.totals.opening), debit: tb.totals.debit, credit: tb.totals.credit, ...sided('closing', tb.totals.closing) }];
  const balanced = tb.totals.debit === tb.totals.credit;
  return {
    title,
    period,
    json: {
      from: range.from,
      to: range.to,
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
    sections: [
      {
        title: heading(title, period),
        columns: TRIAL_BALANCE_COLUMNS,
        // Sub-accounts are indented under their parent on screen.
        rows: tb.rows.map((r) => row(r, '  '.repeat(r.level - 1) + r.name)),
        footer,
        notes: balanced ? [] : [{ zh: '注意：借贷发生额不平！', en: 'WARNING: debits and credits differ!' }],
      },
    ],
    csv: [{ columns: TRIAL_BALANCE_COLUMNS, rows: tb.rows.map((r) => row(r, r.name)), footer }],
  };
}

// 明细账、现金日记账、银行存款日记账 -------------------------------------------------------------

const BOOK_COLUMNS: Column[] = [
  text('date', '日期', 'Date'),
  text('ref', '凭证号', 'Voucher'),
  text('summary', '摘要', 'Summary'),
  text('account', '科目', 'Account'),
  money('debit', '借方', 'Debit'),
  money('credit', '贷方', 'Credit'),
  side('side', '方向'),
  money('balance', '余额', 'Balance'),
];

export type BookKind = 'ledger' | 'cash-book' | 'bank-book';

const BOOK_TITLES: Record<BookKind, Text> = {
  ledger: { zh: '明细账', en: 'Ledger' },
  'cash-book': { zh: '现金日记账', en: 'Cash book' },
  'bank-book': { zh: '银行存款日记账', en: 'Bank book' },
};

/** 记-N: how a voucher is cited in the books (记字第 N 号). */
const ref = (n: number) => `记-${n}`;

export function accountBookView(book: AccountBook, kind: BookKind): Output {
  const title = BOOK_TITLES[kind];
  const period = rangeText(book);
  const named = kind === 'ledger' ? `${book.account} ${book.name}  ` : '';
  const sign = book.side === '借' ? 1 : -1;
  const balance = (net: number) => {
    const s = sideAndAmount(net);
    return { side: s.side, balance: s.amount };
  };
  return {
    title,
    period,
    json: {
      account: book.account,
      name: book.name,
      side: book.side,
      from: book.from,
      to: book.to,
      opening: formatFen(book.opening),
      lines: book.lines.map((l) => ({
        date: l.date,
        number: l.number,
        summary: l.summary,
        account: l.account,
        debit: formatFen(l.debit),
        credit: formatFen(l.credit),
        member: l.member,
        project: l.project,
        balance: formatFen(l.balance),
      })),
      debit: formatFen(book.debit),
      credit: formatFen(book.credit),
      closing: formatFen(book.closing),
      normalSideClosing: formatFen(sign * book.closing),
    },
    sections: [
      {
        title: { zh: `${title.zh}  ${named}${period.zh}`, en: `${title.en} ${named}${period.en}` },
        columns: BOOK_COLUMNS,
        rows: [
          { summary: '期初余额', ...balance(book.opening) },
          ...book.lines.map((l) => ({
            date: l.date,
            ref: ref(l.number),
            summary: l.summary,
            account: l.account,
            debit: l.debit || null,
            credit: l.credit || null,
            ...balance(l.balance),
          })),
        ],
        footer: [{ summary: '本期合计', debit: book.debit, credit: book.credit, ...balance(book.closing) }],
      },
    ],
  };
}

// 序时账 ----------------------------------------------------------------------------------------

const JOURNAL_COLUMNS: Column[] = [
  text('date', '日期', 'Date'),
  text('ref', '凭证号', 'Voucher'),
  text('summary', '摘要', 'Summary'),
  text('account', '科目编码', 'Account'),
  text('name', '科目名称', 'Name'),
  money('debit', '借方', 'Debit'),
  money('credit', '贷方', 'Credit'),
  text('member', '成员', 'Member'),
  text('project', '项目', 'Project'),
];

/** The journal as a file the vouchers import reads back: its column names, Chinese or English. */
const JOURNAL_CSV_COLUMNS: Column[] = [
  { key: 'number', zh: '凭证号', en: 'voucher', kind: 'int' },
  text('date', '日期', 'date'),
  text('summary', '摘要', 'summary'),
  text('account', '科目编码', 'account'),
  text('name', '科目名称', 'accountName'),
  money('debit', '借方金额', 'debit'),
  money('credit', '贷方金额', 'credit'),
  text('member', '成员编号', 'member'),
  text('project', '项目', 'project'),
  { key: 'attachments', zh: '附件数', en: 'attachments', kind: 'int' },
];

export function journalView(vouchers: readonly JournalVoucher[], totals: Movement, range: Range): Output {
  const title = { zh: '序时账', en: 'Journal' };
  const period = rangeText(range);
  const line = (v: JournalVoucher, l: JournalVoucher['lines'][number]) => ({
    account: l.account,
    name: l.name,
    debit: l.debit || null,
    credit: l.credit || null,
    member: l.member,
    project: l.project,
  });
  return {
    title,
    period,
    json: {
      from: range.from,
      to: range.to,
      vouchers: vouchers.map((v) => ({
        date: v.date,
        number: v.number,
        summary: v.summary,
        lines: v.lines.map((l) => ({ account: l.account, debit: formatFen(l.debit), credit: formatFen(l.credit), member: l.member, project: l.project })),
      })),
    },
    sections: [
      {
        title: heading(title, period),
        columns: JOURNAL_COLUMNS,
        // The voucher's date, number and summary on its first line only.
        rows: vouchers.flatMap((v) =>
          v.lines.map((l, i) => (i === 0 ? { date: v.date, ref: ref(v.number), summary: v.summary, ...line(v, l) } : line(v, l))),
        ),
        footer: [{ summary: '合计', debit: totals.debit, credit: totals.credit }],
      },
    ],
    csv: [
      {
        columns: JOURNAL_CSV_COLUMNS,
        rows: vouchers.flatMap((v) => v.lines.map((l) => ({ number: v.number, date: v.date, summary: v.summary, attachments: v.attachments, ...line(v, l) }))),
      },
    ],
  };
}

// 资产负债表、收益及收益分配表 ----------------------------------------------------------------------

const STATEMENT_COLUMNS: Column[] = [text('label', '项目', 'Item'), money('amount', '金额', 'Amount')];

function statementView(lines: readonly StatementLine[], title: Text, period: Text, json: Record<string, unknown>, entity?: string): Output {
  const shown = lines.filter((l) => !l.heading);
  return {
    title,
    period,
    json: { ...json, lines: shown.map((l) => ({ label: l.label, amount: formatFen(l.amount) })) },
    sections: [
      {
        title: heading(title, period, entity),
        columns: STATEMENT_COLUMNS,
        // Headings end in a colon and carry no amount; items are indented under them, totals not.
        rows: lines.map((l) => ({
          label: l.heading ? l.label + '：' : (l.total ? '' : '  ') + (l.prefix ?? '') + l.label,
          amount: l.heading ? null : l.amount,
        })),
      },
    ],
    csv: [{ columns: STATEMENT_COLUMNS, rows: shown.map((l) => ({ label: (l.prefix ?? '') + l.label, amount: l.amount })) }],
  };
}

export function balanceSheetView(lines: readonly StatementLine[], asOf: string, entity?: string): Output {
  return statementView(lines, { zh: '资产负债表', en: 'Balance sheet' }, { zh: asOf, en: `as of ${asOf}` }, { asOf }, entity);
}

export function incomeView(lines: readonly StatementLine[], year: number, entity?: string): Output {
  return statementView(lines, { zh: '收益及收益分配表', en: 'Income and distribution' }, { zh: `${year} 年`, en: String(year) }, { year }, entity);
}
