// The books and statements as Output: 科目余额表, 明细账, 现金/银行存款日记账, 序时账, 资产负债表,
// 收益及收益分配表. The figures come computed from the domain (src/domain/statements.ts); these
// builders only lay them out. Columns are data, one list per report.
import type { Lang, Text } from '../../domain/errors.js';
import { formatFen } from '../../domain/money.js';
import { BALANCE_SHEET_2023, INCOME_2023 } from '../../domain/forms.js';
import {
  bookEntries,
  debitCredit,
  sideAndAmount,
  type AccountBook,
  type BookEntry,
  type BookLine,
  type JournalVoucher,
  type MonthTotal,
  type Movement,
  type StatementLine,
  type TrialBalance,
} from '../../domain/statements.js';
import type { Side } from '../../domain/accounts.js';
import type { Period } from '../../domain/dates.js';
import { bookRows, type BookRow, type BookStart, type BookTotals } from '../../domain/book-rows.js';
import type { Column, Output, Row } from '../output.js';
import { docHeader, escapeHtml, htmlDocument, sectionTable } from '../html.js';
import { bookSheets, DEFAULT_ROWS_PER_PAGE } from './books.js';

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
  { key: 'account', zh: '科目编码', en: 'Account', id: true },
  text('name', '科目名称', 'Name'),
  money('openingDebit', '期初余额借方', 'Opening Dr'),
  money('openingCredit', '期初余额贷方', 'Opening Cr'),
  money('debit', '本期借方', 'Debit'),
  money('credit', '本期贷方', 'Credit'),
  money('yearDebit', '本年累计借方', 'Year Dr'),
  money('yearCredit', '本年累计贷方', 'Year Cr'),
  money('closingDebit', '期末余额借方', 'Closing Dr'),
  money('closingCredit', '期末余额贷方', 'Closing Cr'),
];

/** A signed balance as its 借方 and 贷方 cells (the empty one blank). */
function split(prefix: string, net: number): Row {
  const d = debitCredit(net);
  return { [`${prefix}Debit`]: d.debit || null, [`${prefix}Credit`]: d.credit || null };
}

export function trialBalanceView(tb: TrialBalance, range: Range, entity?: string): Output {
  const title = { zh: '科目余额表', en: 'Trial balance' };
  const period = rangeText(range);
  const row = (r: TrialBalance['rows'][number], name: string): Row => ({
    account: r.account,
    name,
    ...split('opening', r.opening),
    debit: r.debit,
    credit: r.credit,
    yearDebit: r.yearDebit,
    yearCredit: r.yearCredit,
    ...split('closing', r.closing),
  });
  const T = tb.totals;
  const footer = [
    {
      account: '合计',
      name: '',
      openingDebit: T.openingDebit,
      openingCredit: T.openingCredit,
      debit: T.debit,
      credit: T.credit,
      yearDebit: T.yearDebit,
      yearCredit: T.yearCredit,
      closingDebit: T.closingDebit,
      closingCredit: T.closingCredit,
    },
  ];
  const balanced = T.debit === T.credit;
  return {
    title,
    period,
    entity,
    json: {
      from: range.from,
      to: range.to,
      rows: tb.rows.map((r) => {
        const o = debitCredit(r.opening);
        const c = debitCredit(r.closing);
        return {
          account: r.account,
          name: r.name,
          level: r.level,
          opening: formatFen(r.opening),
          debit: formatFen(r.debit),
          credit: formatFen(r.credit),
          closing: formatFen(r.closing),
          openingDebit: formatFen(o.debit),
          openingCredit: formatFen(o.credit),
          closingDebit: formatFen(c.debit),
          closingCredit: formatFen(c.credit),
          yearDebit: formatFen(r.yearDebit),
          yearCredit: formatFen(r.yearCredit),
        };
      }),
      // totals stays { debit, credit } as scripts read it; the other columns' totals beside it.
      totals: { debit: formatFen(T.debit), credit: formatFen(T.credit) },
      columnTotals: {
        openingDebit: formatFen(T.openingDebit),
        openingCredit: formatFen(T.openingCredit),
        closingDebit: formatFen(T.closingDebit),
        closingCredit: formatFen(T.closingCredit),
        yearDebit: formatFen(T.yearDebit),
        yearCredit: formatFen(T.yearCredit),
      },
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

// 总账、明细账、现金日记账、银行存款日记账 -------------------------------------------------------

export type BookKind = 'ledger' | 'cash-book' | 'bank-book';

const BOOK_TITLES: Record<BookKind | 'general-ledger', Text> = {
  'general-ledger': { zh: '总账', en: 'General ledger' },
  ledger: { zh: '明细账', en: 'Ledger' },
  'cash-book': { zh: '现金日记账', en: 'Cash book' },
  'bank-book': { zh: '银行存款日记账', en: 'Bank book' },
};

/** How a printed book is laid out: the language, the collective's name, rows per page. */
export interface PrintOpts {
  lang: Lang;
  entity?: string;
  rowsPerPage?: number;
}

/** 记-N: how a voucher is cited in the books (记字第 N 号); each made once (a book of 100,000 lines cites a few thousand). */
const refs: string[] = [];
const ref = (n: number) => (n >= 0 && n < 65536 ? (refs[n] ??= `记-${n}`) : `记-${n}`);

function bookColumns(dayBook: boolean): Column[] {
  return [
    text('date', '日期', 'Date'),
    text('ref', '凭证号', 'Voucher'),
    text('summary', '摘要', 'Summary'),
    ...(dayBook ? [text('counter', '对方科目', 'Contra')] : []),
    { key: 'account', zh: '科目', en: 'Account', id: true },
    money('debit', '借方', 'Debit'),
    money('credit', '贷方', 'Credit'),
    side('side', '借或贷'),
    money('balance', '余额', 'Balance'),
  ];
}

function balanceCells(net: number): Row {
  const s = sideAndAmount(net);
  return { side: s.side, balance: s.amount };
}

function monthJson(m: MonthTotal) {
  return {
    period: m.period,
    debit: formatFen(m.debit),
    credit: formatFen(m.credit),
    closing: formatFen(m.closing),
    yearDebit: formatFen(m.yearDebit),
    yearCredit: formatFen(m.yearCredit),
  };
}

/** A row of a book for the table and CSV: an entry, 本日合计, 本月合计 or 本年累计. */
function entryRow(e: BookRow): Row {
  const b = sideAndAmount(e.balance);
  const line = e.kind === 'line';
  return {
    date: e.date,
    ref: e.number === null ? null : ref(e.number),
    summary: e.summary,
    counter: e.counter ?? null,
    account: e.line ? e.line.account : null,
    // An entry shows its one side; a total row shows both, 0.00 included.
    debit: line ? e.debit || null : e.debit,
    credit: line ? e.credit || null : e.credit,
    side: b.side,
    balance: b.amount,
  };
}

/** A book's account, its range, and what it knows before its first line (src/domain/book-rows.ts). */
export interface BookHead extends BookStart {
  account: string;
  name: string;
  side: Side;
  to: Period;
}

/** What a book's view needs of its lines: their member and project only for JSON. */
export interface BookWants {
  dimensions: boolean;
}

/**
 * 明细账, 现金日记账 or 银行存款日记账. The lines are handed over in date order by `lines` (the
 * ledger's cursor, read afresh each call) and the book is computed as they pass: the CSV is written
 * line by line (a book's lines themselves are held as one text up to BOOK_TEXT.heldLines: book-text.ts
 * accountLineTexts, else read a line at a time). The table and the workbook gather the rows
 * first (a workbook sizes its columns over the first rows and the 本期合计 footer); JSON and the
 * printed pages read the lines again, only when that format is asked for.
 */
export function accountBookView(book: BookHead, lines: (want: BookWants) => Iterable<BookLine>, kind: BookKind, print: PrintOpts = { lang: 'zh' }): Output {
  const title = BOOK_TITLES[kind];
  const period = rangeText(book);
  const named = kind === 'ledger' ? `${book.account} ${book.name}  ` : '';
  const sign = book.side === '借' ? 1 : -1;
  const dayBook = kind !== 'ledger';
  const pick = (t: Text) => (print.lang === 'en' ? t.en : t.zh);
  const rowsOf = (totals?: BookTotals, want: BookWants = { dimensions: false }) => bookRows(book, lines(want), { dayTotals: dayBook }, totals);
  const footerOf = (t: BookTotals): Row => ({ summary: '本期合计', debit: t.debit, credit: t.credit, ...balanceCells(t.closing) });
  const columns = bookColumns(dayBook);
  // 本期合计 of the last streamed pass, for the footer written after it.
  const streamed: BookTotals = { debit: 0, credit: 0, closing: book.opening };
  function* streamedRows(): Generator<Row> {
    for (const e of rowsOf(streamed)) yield entryRow(e);
  }
  let held: { rows: Row[]; footer: Row[] } | undefined;
  const hold = () => {
    if (!held) {
      const t: BookTotals = { debit: 0, credit: 0, closing: book.opening };
      const rows = Array.from(rowsOf(t), entryRow);
      held = { rows, footer: [footerOf(t)] };
    }
    return held;
  };
  return {
    title,
    period,
    entity: print.entity,
    // Built only when asked for (--format json): a line's object and five amounts as text each.
    get json() {
      const t: BookTotals = { debit: 0, credit: 0, closing: book.opening };
      const jsonLines: unknown[] = [];
      const months: ReturnType<typeof monthJson>[] = [];
      let month: BookRow | undefined;
      for (const e of rowsOf(t, { dimensions: true })) {
        if (e.kind === 'line') {
          const l = e.line!;
          jsonLines.push({
            date: l.date,
            number: l.number,
            summary: l.summary,
            account: l.account,
            debit: formatFen(l.debit),
            credit: formatFen(l.credit),
            member: l.member,
            project: l.project,
            balance: formatFen(e.balance),
            ...(dayBook ? { counter: l.counter ?? '' } : {}),
          });
        } else if (e.kind === 'month') month = e;
        else if (e.kind === 'year') {
          months.push(monthJson({ period: e.period, debit: month!.debit!, credit: month!.credit!, closing: e.balance, yearDebit: e.debit!, yearCredit: e.credit! }));
        }
      }
      return {
        account: book.account,
        name: book.name,
        side: book.side,
        from: book.from,
        to: book.to,
        opening: formatFen(book.opening),
        lines: jsonLines,
        months,
        debit: formatFen(t.debit),
        credit: formatFen(t.credit),
        closing: formatFen(t.closing),
        normalSideClosing: formatFen(sign * t.closing),
      };
    },
    sections: [
      {
        title: { zh: `${title.zh}  ${named}${period.zh}`, en: `${title.en} ${named}${period.en}` },
        columns,
        get rows() {
          return hold().rows;
        },
        get footer() {
          return hold().footer;
        },
      },
    ],
    csv: [{ columns, rows: [], each: streamedRows, tail: () => [footerOf(streamed)] }],
    // Laid out only when printed (--format html): for 100,000 lines a second or so otherwise wasted.
    get html() {
      return bookSheets(
        [{ title: pick(title), account: `${print.lang === 'en' ? 'Account' : '科目'}：${book.account} ${book.name}`, period: pick(period), entries: Array.from(rowsOf()), dayBook }],
        { entity: print.entity, lang: print.lang, rowsPerPage: print.rowsPerPage ?? DEFAULT_ROWS_PER_PAGE, docTitle: pick(title) },
      );
    },
  };
}

const GENERAL_LEDGER_COLUMNS: Column[] = [
  { key: 'account', zh: '科目编码', en: 'Account', id: true },
  text('name', '科目名称', 'Name'),
  text('period', '月份', 'Month'),
  text('summary', '摘要', 'Summary'),
  money('debit', '借方', 'Debit'),
  money('credit', '贷方', 'Credit'),
  side('side', '借或贷'),
  money('balance', '余额', 'Balance'),
];

/** 总账: every first-level account with a balance or a movement, month by month. */
export function generalLedgerView(books: readonly AccountBook[], range: Range, print: PrintOpts = { lang: 'zh' }): Output {
  const title = BOOK_TITLES['general-ledger'];
  const period = rangeText(range);
  const pick = (t: Text) => (print.lang === 'en' ? t.en : t.zh);
  const perBook = books.map((b) => ({ b, entries: bookEntries(b) }));
  const rows: Row[] = perBook.flatMap(({ b, entries }) =>
    entries.map((e) => ({
      account: b.account,
      name: b.name,
      period: e.kind === 'opening' ? null : e.period,
      summary: e.summary,
      debit: e.debit,
      credit: e.credit,
      ...balanceCells(e.balance),
    })),
  );
  return {
    title,
    period,
    entity: print.entity,
    json: {
      from: range.from,
      to: range.to,
      accounts: books.map((b) => ({
        account: b.account,
        name: b.name,
        side: b.side,
        opening: formatFen(b.opening),
        months: b.months.map(monthJson),
        debit: formatFen(b.debit),
        credit: formatFen(b.credit),
        closing: formatFen(b.closing),
      })),
    },
    sections: [{ title: heading(title, period), columns: GENERAL_LEDGER_COLUMNS, rows }],
    html: bookSheets(
      perBook.map(({ b, entries }) => ({ title: pick(title), account: `${print.lang === 'en' ? 'Account' : '科目'}：${b.account} ${b.name}`, period: pick(period), entries, dayBook: false })),
      { entity: print.entity, lang: print.lang, rowsPerPage: print.rowsPerPage ?? DEFAULT_ROWS_PER_PAGE, docTitle: pick(title) },
    ),
  };
}

// 序时账 ----------------------------------------------------------------------------------------

const JOURNAL_COLUMNS: Column[] = [
  text('date', '日期', 'Date'),
  text('ref', '凭证号', 'Voucher'),
  text('summary', '摘要', 'Summary'),
  { key: 'account', zh: '科目编码', en: 'Account', id: true },
  text('name', '科目名称', 'Name'),
  money('debit', '借方', 'Debit'),
  money('credit', '贷方', 'Credit'),
  { key: 'member', zh: '成员', en: 'Member', id: true },
  text('project', '项目', 'Project'),
];

/** The journal as a file the vouchers import reads back: its column names, Chinese or English. */
const JOURNAL_CSV_COLUMNS: Column[] = [
  { key: 'number', zh: '凭证号', en: 'voucher', kind: 'int' },
  text('date', '日期', 'date'),
  text('summary', '摘要', 'summary'),
  { key: 'account', zh: '科目编码', en: 'account', id: true },
  text('name', '科目名称', 'accountName'),
  money('debit', '借方金额', 'debit'),
  money('credit', '贷方金额', 'credit'),
  { key: 'member', zh: '成员编号', en: 'member', id: true },
  { key: 'project', zh: '项目', en: 'project', id: true },
  { key: 'attachments', zh: '附件数', en: 'attachments', kind: 'int' },
  text('preparer', '制单人', 'preparer'),
  text('party', '往来单位', 'party'),
];

/** A voucher of the journal; an export also carries its preparer and its lines' counterparties. */
export type JournalEntry = JournalVoucher & { preparer?: string | null; lines: (JournalVoucher['lines'][number] & { party?: string | null })[] };

/**
 * 序时账. The vouchers may be handed over one at a time (`vouchers` a function giving them afresh
 * each call, the ledger's cursor): the table, CSV and xlsx then take the lines as they come and total
 * them as they pass, and a million lines are never held at once (JSON still gathers them).
 */
export function journalView(vouchers: readonly JournalEntry[] | (() => Iterable<JournalEntry>), range: Range, entity?: string): Output {
  const title = { zh: '序时账', en: 'Journal' };
  const period = rangeText(range);
  const read = typeof vouchers === 'function' ? vouchers : () => vouchers;
  const line = (l: JournalEntry['lines'][number]) => ({
    account: l.account,
    name: l.name,
    debit: l.debit || null,
    credit: l.credit || null,
    member: l.member,
    project: l.project,
  });
  // Σ debit and Σ credit of the lines read by the last pass, for the footer.
  let debit = 0;
  let credit = 0;
  function* tableRows(): Generator<Row> {
    debit = 0;
    credit = 0;
    for (const v of read()) {
      for (let i = 0; i < v.lines.length; i++) {
        const l = v.lines[i];
        debit += l.debit;
        credit += l.credit;
        // The voucher's date, number and summary on its first line only.
        yield i === 0 ? { date: v.date, ref: ref(v.number), summary: v.summary, ...line(l) } : line(l);
      }
    }
  }
  function* csvRows(): Generator<Row> {
    for (const v of read()) {
      for (const l of v.lines) {
        yield { number: v.number, date: v.date, summary: v.summary, attachments: v.attachments, preparer: v.preparer ?? null, party: l.party ?? null, ...line(l) };
      }
    }
  }
  return {
    title,
    period,
    entity,
    get json() {
      return {
        from: range.from,
        to: range.to,
        vouchers: Array.from(read(), (v) => ({
          date: v.date,
          number: v.number,
          summary: v.summary,
          lines: v.lines.map((l) => ({ account: l.account, debit: formatFen(l.debit), credit: formatFen(l.credit), member: l.member, project: l.project })),
        })),
      };
    },
    sections: [
      {
        title: heading(title, period),
        columns: JOURNAL_COLUMNS,
        rows: [],
        each: tableRows,
        tail: () => [{ summary: '合计', debit, credit }],
      },
    ],
    csv: [{ columns: JOURNAL_CSV_COLUMNS, rows: [], each: csvRows }],
  };
}

// 资产负债表、收益及收益分配表 ----------------------------------------------------------------------

/** How a form's line is printed: headings end in a colon; items are indented, totals not. */
function lineLabel(l: StatementLine): string {
  if (l.heading) return /^[一二三四五六七八九十]、/.test(l.label) ? l.label : l.label + '：';
  return (l.total ? '' : '  ') + (l.prefix ?? '') + l.label;
}

const BALANCE_SHEET_COLUMNS: Column[] = [
  text('left', '资产', 'Assets'),
  { key: 'leftRow', zh: '行次', en: 'Row', kind: 'int' },
  money('leftAmount', '期末余额', 'End of period'),
  money('leftStart', '年初余额', 'Start of year'),
  text('right', '负债和所有者权益', 'Liabilities and equity'),
  { key: 'rightRow', zh: '行次', en: 'Row', kind: 'int' },
  money('rightAmount', '期末余额', 'End of period'),
  money('rightStart', '年初余额', 'Start of year'),
];

/** The form's meta line: who prepared it, when, the form's number and the unit. */
function formHtml(o: Output, form: { code: string }, date: string, lang: Lang, entity?: string): string {
  const pick = (t: Text) => (lang === 'en' ? t.en : t.zh);
  const meta = lang === 'en' ? [`Prepared by: ${entity ?? ''}`, date, `${form.code}  Unit: yuan`] : [`编制单位：${entity ?? ''}`, date, `${form.code}  单位：元`];
  const body = `${docHeader(undefined, pick(o.title!))}
<div class="meta">${meta.map((m) => `<span>${escapeHtml(m)}</span>`).join('')}</div>
${o.sections.map((s) => sectionTable({ ...s, title: undefined }, lang)).join('\n')}`;
  return htmlDocument(body, { lang, title: [entity, pick(o.title!), date].filter(Boolean).join(' ') });
}

export function balanceSheetView(lines: readonly StatementLine[], asOf: string, entity?: string, lang: Lang = 'zh'): Output {
  const title = { zh: '资产负债表', en: 'Balance sheet' };
  const period = { zh: asOf, en: `as of ${asOf}` };
  const shown = lines.filter((l) => !l.heading);
  const left = lines.filter((l) => l.side !== 'right');
  const right = lines.filter((l) => l.side === 'right');
  const rows: Row[] = [];
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const a = left[i];
    const b = right[i];
    rows.push({
      left: a ? lineLabel(a) : null,
      leftRow: a?.row ?? null,
      leftAmount: a && !a.heading ? a.amount : null,
      leftStart: a && !a.heading ? (a.compare ?? 0) : null,
      right: b ? lineLabel(b) : null,
      rightRow: b?.row ?? null,
      rightAmount: b && !b.heading ? b.amount : null,
      rightStart: b && !b.heading ? (b.compare ?? 0) : null,
    });
  }
  const csvRows = rows.map((r) => ({ ...r, left: typeof r.left === 'string' ? r.left.trim() : r.left, right: typeof r.right === 'string' ? r.right.trim() : r.right }));
  const o: Output = {
    title,
    period,
    entity,
    json: {
      asOf,
      lines: shown.map((l) => ({ label: l.label, row: l.row, amount: formatFen(l.amount), yearStart: formatFen(l.compare ?? 0) })),
    },
    sections: [{ title: heading(title, period, entity), columns: BALANCE_SHEET_COLUMNS, rows }],
    csv: [{ columns: BALANCE_SHEET_COLUMNS, rows: csvRows }],
  };
  return { ...o, html: formHtml(o, BALANCE_SHEET_2023, asOf, lang, entity) };
}

const INCOME_COLUMNS: Column[] = [
  text('label', '项目', 'Item'),
  { key: 'row', zh: '行次', en: 'Row', kind: 'int' },
  money('amount', '本年金额', 'This year'),
  money('prior', '上年金额', 'Last year'),
];

export function incomeView(lines: readonly StatementLine[], year: number, entity?: string, lang: Lang = 'zh'): Output {
  const title = { zh: '收益及收益分配表', en: 'Income and distribution' };
  const period = { zh: `${year} 年`, en: String(year) };
  const shown = lines.filter((l) => !l.heading);
  const row = (l: StatementLine, label: string): Row => ({ label, row: l.row ?? null, amount: l.heading ? null : l.amount, prior: l.heading ? null : (l.compare ?? 0) });
  const o: Output = {
    title,
    period,
    entity,
    json: { year, lines: shown.map((l) => ({ label: l.label, row: l.row, amount: formatFen(l.amount), priorYear: formatFen(l.compare ?? 0) })) },
    sections: [{ title: heading(title, period, entity), columns: INCOME_COLUMNS, rows: lines.map((l) => row(l, lineLabel(l))) }],
    csv: [{ columns: INCOME_COLUMNS, rows: lines.map((l) => row(l, lineLabel(l).trim())) }],
  };
  return { ...o, html: formHtml(o, INCOME_2023, period.zh, lang, entity) };
}
