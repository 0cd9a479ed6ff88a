// Reports from balances and lines: 科目余额表, 明细账 and 日记账, 序时账, 资产负债表, 收益及收益分配表.
// Pure functions: the store hands in balances and lines, views turn the results into tables.
import { DISTRIBUTION_ACCOUNTS, type Side } from './accounts.js';
import { BALANCE_SHEET_2023, INCOME_2023, type FormDef, type FormSide } from './forms.js';
import { evaluateForm, type FormSource } from './form-eval.js';
import type { Fen } from './money.js';
import type { LedgerError } from './errors.js';
import { ReportErrors } from './errors/reports.js';
import type { Period } from './dates.js';
import { receivablesAndPayables, type CounterpartyNets } from './counterparties.js';

export interface ChartEntry {
  code: string;
  name: string;
  level: number;
  parent: string | null;
}

import type { Movement } from './movement.js';
import { BOOK_SUMMARIES, bookRows } from './book-rows.js';
export type { Movement } from './movement.js';

/**
 * The months a report covers. --to defaults to --from's month, else the current month; --from
 * defaults to January of --to's year. A range that runs backwards is refused.
 */
export function reportRange(from: Period | undefined, to: Period | undefined, current: () => Period): { from: Period; to: Period; errors: LedgerError[] } {
  // The current month is asked for only when neither month is given.
  const end = to ?? from ?? current();
  const start = from ?? `${end.slice(0, 4)}-01`;
  return { from: start, to: end, errors: start > end ? [ReportErrors.RANGE(start, end)] : [] };
}

export interface TrialBalanceRow {
  account: string;
  name: string;
  level: number;
  /** Signed, debit positive. */
  opening: Fen;
  debit: Fen;
  credit: Fen;
  closing: Fen;
  /** 本年累计发生额: January of the report's last year through its last month. */
  yearDebit: Fen;
  yearCredit: Fen;
}

export interface TrialBalance {
  rows: TrialBalanceRow[];
  /** Over first-level accounts; the 借/贷 columns add each row's side of its balance. */
  totals: {
    opening: Fen;
    debit: Fen;
    credit: Fen;
    closing: Fen;
    openingDebit: Fen;
    openingCredit: Fen;
    closingDebit: Fen;
    closingCredit: Fen;
    yearDebit: Fen;
    yearCredit: Fen;
  };
}

/** A signed (debit-positive) balance in the 借方 and 贷方 columns: one of them is 0. */
export function debitCredit(net: Fen): { debit: Fen; credit: Fen } {
  return net >= 0 ? { debit: net, credit: 0 } : { debit: 0, credit: -net };
}

/**
 * 科目余额表: a row for every account with a balance or movement; parents roll up their
 * sub-accounts. Totals run over first-level accounts. `yearMovement`: each leaf's movement from
 * January of the last month's year through the last month (本年累计); without it, the range's.
 */
export function trialBalance(
  chart: ChartEntry[],
  opening: Map<string, Fen>,
  movement: Map<string, Movement>,
  yearMovement: Map<string, Movement> = movement,
): TrialBalance {
  const byCode = new Map<string, TrialBalanceRow>();
  const blank = { opening: 0, debit: 0, credit: 0, closing: 0, yearDebit: 0, yearCredit: 0 };
  for (const a of chart) byCode.set(a.code, { account: a.code, name: a.name, level: a.level, ...blank });
  const parents = new Map(chart.map((a) => [a.code, a.parent]));
  const touched = new Set<string>();
  const addUp = (code: string, f: (r: TrialBalanceRow) => void) => {
    let c: string | null | undefined = code;
    while (c) {
      let r = byCode.get(c);
      if (!r) {
        r = { account: c, name: '', level: (c.length - 1) / 2, ...blank };
        byCode.set(c, r);
      }
      f(r);
      touched.add(c);
      c = parents.get(c) ?? (c.length > 3 ? c.slice(0, -2) : null);
    }
  };
  for (const [code, net] of opening) if (net !== 0) addUp(code, (r) => (r.opening += net));
  for (const [code, m] of movement) {
    if (m.debit !== 0 || m.credit !== 0) {
      addUp(code, (r) => {
        r.debit += m.debit;
        r.credit += m.credit;
      });
    }
  }
  // 本年累计 of the rows already there (an account is not listed for its earlier months alone).
  const shown = new Set(touched);
  for (const [code, m] of yearMovement) {
    let c: string | null | undefined = code;
    while (c) {
      const r = shown.has(c) ? byCode.get(c) : undefined;
      if (r) {
        r.yearDebit += m.debit;
        r.yearCredit += m.credit;
      }
      c = parents.get(c) ?? (c.length > 3 ? c.slice(0, -2) : null);
    }
  }
  const rows = [...touched]
    .sort()
    .map((c) => byCode.get(c)!)
    .map((r) => ({ ...r, closing: r.opening + r.debit - r.credit }));
  const first = rows.filter((r) => r.level === 1);
  const sum = (f: (r: TrialBalanceRow) => number) => first.reduce((a, r) => a + f(r), 0);
  return {
    rows,
    totals: {
      opening: sum((r) => r.opening),
      debit: sum((r) => r.debit),
      credit: sum((r) => r.credit),
      closing: sum((r) => r.closing),
      openingDebit: sum((r) => debitCredit(r.opening).debit),
      openingCredit: sum((r) => debitCredit(r.opening).credit),
      closingDebit: sum((r) => debitCredit(r.closing).debit),
      closingCredit: sum((r) => debitCredit(r.closing).credit),
      yearDebit: sum((r) => r.yearDebit),
      yearCredit: sum((r) => r.yearCredit),
    },
  };
}

/** 借/贷/平 and the absolute amount of a signed (debit-positive) balance. */
export function sideAndAmount(net: Fen): { side: '借' | '贷' | '平'; amount: Fen } {
  if (net > 0) return { side: '借', amount: net };
  if (net < 0) return { side: '贷', amount: -net };
  return { side: '平', amount: 0 };
}

/** A line of a voucher, as books and the journal read it. */
export interface JournalLine {
  account: string;
  /** The account's name in the chart. */
  name: string;
  debit: Fen;
  credit: Fen;
  member: string | null;
  project: string | null;
}

/** A posted voucher with its lines (序时账). */
export interface JournalVoucher {
  id: number;
  date: string;
  period: Period;
  number: number;
  summary: string;
  kind: string;
  attachments: number;
  lines: JournalLine[];
}

/** Σ debit and Σ credit of the vouchers' lines. */
export function journalTotals(vouchers: readonly JournalVoucher[]): Movement {
  let debit = 0;
  let credit = 0;
  for (const v of vouchers) {
    for (const l of v.lines) {
      debit += l.debit;
      credit += l.credit;
    }
  }
  return { debit, credit };
}

/** A line on an account or one of its sub-accounts, with its voucher's head (明细账). */
export interface BookLine {
  date: string;
  period: Period;
  number: number;
  summary: string;
  account: string;
  debit: Fen;
  credit: Fen;
  member: string | null;
  project: string | null;
  /** 对方科目: the accounts on the other side of the voucher (day books). */
  counter?: string;
}

/** A month of a book: its movement, the balance at its end, and the year's movement through it. */
export interface MonthTotal {
  period: Period;
  debit: Fen;
  credit: Fen;
  /** Signed, debit positive, at the month's end. */
  closing: Fen;
  /** 本年累计: January of the month's year through the month. */
  yearDebit: Fen;
  yearCredit: Fen;
}

/** The books of one account: 明细账, and the 日记账 of cash (101) and bank (102). */
export interface AccountBook {
  account: string;
  name: string;
  side: Side;
  from: Period;
  to: Period;
  /** Signed, debit positive, before `from`. */
  opening: Fen;
  /** Each line with the signed balance after it. */
  lines: (BookLine & { balance: Fen })[];
  /** 本月合计 and 本年累计 of every month with a movement. */
  months: MonthTotal[];
  debit: Fen;
  credit: Fen;
  closing: Fen;
}

/** The day books: the account each keeps. */
export const DAY_BOOKS = { 'cash-book': '101', 'bank-book': '102' } as const;

const ZERO: Movement = { debit: 0, credit: 0 };

/**
 * Month totals from each month's movement in order: the running balance, and the year's movement
 * (`yearBefore` = the movement of the first month's year before it; a new year starts again at 0).
 */
export function monthTotals(opening: Fen, months: readonly [Period, Movement][], yearBefore: Movement = ZERO, startYear = months[0]?.[0].slice(0, 4) ?? ''): MonthTotal[] {
  let balance = opening;
  let year = startYear;
  let yd = yearBefore.debit;
  let yc = yearBefore.credit;
  return months.map(([period, m]) => {
    if (period.slice(0, 4) !== year) {
      year = period.slice(0, 4);
      yd = 0;
      yc = 0;
    }
    balance += m.debit - m.credit;
    yd += m.debit;
    yc += m.credit;
    return { period, debit: m.debit, credit: m.credit, closing: balance, yearDebit: yd, yearCredit: yc };
  });
}

/**
 * 明细账 of an account and its sub-accounts: the opening balance (every leaf under it, before
 * `from`), then a running balance line by line, and each month's 本月合计 and 本年累计
 * (`yearBefore`: the account's movement from January of `from`'s year up to `from`).
 */
export function accountBook(
  account: { code: string; name: string; side: Side },
  from: Period,
  to: Period,
  netBefore: Map<string, Fen>,
  lines: readonly BookLine[],
  yearBefore: Movement = ZERO,
): AccountBook {
  let opening = 0;
  for (const [code, net] of netBefore) if (code.startsWith(account.code)) opening += net;
  let balance = opening;
  let debit = 0;
  let credit = 0;
  const perMonth = new Map<Period, Movement>();
  const out = lines.map((l) => {
    balance += l.debit - l.credit;
    debit += l.debit;
    credit += l.credit;
    const m = perMonth.get(l.period) ?? { debit: 0, credit: 0 };
    perMonth.set(l.period, { debit: m.debit + l.debit, credit: m.credit + l.credit });
    return { ...l, balance };
  });
  const months = monthTotals(opening, [...perMonth].sort(([a], [b]) => (a < b ? -1 : 1)), from.endsWith('-01') ? ZERO : yearBefore, from.slice(0, 4));
  return { account: account.code, name: account.name, side: account.side, from, to, opening, lines: out, months, debit, credit, closing: balance };
}

/**
 * 总账 of a first-level account: its opening balance and one 本月合计 / 本年累计 per month with a
 * movement (`monthly`: the movement of every leaf per month; leaves under the account add up).
 */
export function generalLedgerBook(
  account: { code: string; name: string; side: Side },
  from: Period,
  to: Period,
  netBefore: Map<string, Fen>,
  monthly: ReadonlyMap<Period, ReadonlyMap<string, Movement>>,
  yearBefore: ReadonlyMap<string, Movement>,
): AccountBook {
  const under = (c: string) => c.startsWith(account.code);
  let opening = 0;
  for (const [code, net] of netBefore) if (under(code)) opening += net;
  const sum = (m: ReadonlyMap<string, Movement>): Movement => {
    let debit = 0;
    let credit = 0;
    for (const [c, x] of m) if (under(c)) (debit += x.debit), (credit += x.credit);
    return { debit, credit };
  };
  const months = [...monthly]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([p, m]) => [p, sum(m)] as [Period, Movement])
    .filter(([, m]) => m.debit !== 0 || m.credit !== 0);
  const totals = monthTotals(opening, months, from.endsWith('-01') ? ZERO : sum(yearBefore), from.slice(0, 4));
  const debit = months.reduce((a, [, m]) => a + m.debit, 0);
  const credit = months.reduce((a, [, m]) => a + m.credit, 0);
  return { account: account.code, name: account.name, side: account.side, from, to, opening, lines: [], months: totals, debit, credit, closing: opening + debit - credit };
}

/** 对方科目: the first-level names of the accounts on the other side of a voucher from a book's line. */
export function counterAccounts(bookCode: string, line: { debit: Fen; credit: Fen }, voucherLines: readonly { account: string; debit: Fen; credit: Fen }[], nameOf: (code: string) => string): string {
  const debitSide = line.debit !== 0;
  const codes: string[] = [];
  for (const l of voucherLines) {
    if (l.account.startsWith(bookCode)) continue;
    if (debitSide ? l.credit === 0 : l.debit === 0) continue;
    const top = l.account.slice(0, 3);
    if (!codes.includes(top)) codes.push(top);
  }
  return codes.map(nameOf).join('、');
}

/** What a printed book row is. */
export type BookEntryKind = 'opening' | 'line' | 'day' | 'month' | 'year';

/**
 * One row of a printed book (三栏式): entries, 本日合计, 本月合计, 本年累计. Each row carries the
 * month-to-date movement of its month and the balance after it: what 过次页 and 承前页 carry when
 * the row is the last of a page.
 */
export interface BookEntry {
  kind: BookEntryKind;
  period: Period;
  date: string | null;
  number: number | null;
  summary: string;
  counter?: string;
  debit: Fen | null;
  credit: Fen | null;
  /** Signed, debit positive. */
  balance: Fen;
  mtdDebit: Fen;
  mtdCredit: Fen;
}

export { BOOK_SUMMARIES } from './book-rows.js';

/**
 * The rows of a printed book: the opening balance, then each month's entries followed by 本月合计
 * and 本年累计; with `dayTotals`, a 本日合计 after a day with several entries (day books).
 */
export function bookEntries(book: AccountBook, opts: { dayTotals?: boolean } = {}): BookEntry[] {
  const S = BOOK_SUMMARIES;
  const out: BookEntry[] = [
    {
      kind: 'opening',
      period: book.from,
      date: null,
      number: null,
      summary: book.from.endsWith('-01') ? S.carriedFromLastYear : S.opening,
      debit: null,
      credit: null,
      balance: book.opening,
      mtdDebit: 0,
      mtdCredit: 0,
    },
  ];
  const months = new Map(book.months.map((m) => [m.period, m]));
  const closeMonth = (m: MonthTotal) => {
    const base = { period: m.period, date: null, number: null, balance: m.closing, mtdDebit: m.debit, mtdCredit: m.credit };
    out.push({ ...base, kind: 'month', summary: S.month, debit: m.debit, credit: m.credit });
    out.push({ ...base, kind: 'year', summary: S.year, debit: m.yearDebit, credit: m.yearCredit });
  };
  if (book.lines.length === 0) {
    for (const m of book.months) closeMonth(m);
    return out;
  }
  // With lines: the rows bookRows computes as they pass (本年累计 before the book: its first month's less that month).
  const first = book.months[0];
  const yearBefore = first ? { debit: first.yearDebit - first.debit, credit: first.yearCredit - first.credit } : ZERO;
  return Array.from(bookRows({ from: book.from, opening: book.opening, yearBefore }, book.lines, opts), ({ line: _line, ...e }) => e);
}

export interface StatementLine {
  label: string;
  /** Shown before the label in the table view (加：/减：) and indentation. */
  prefix?: string;
  /** 期末余额 (balance sheet) or 本年金额 (income statement). */
  amount: Fen;
  /** 年初余额 or 上年金额: the form's second column. */
  compare?: Fen;
  /** The form's 行次 (headings have none). */
  row?: number;
  /** Left (assets) or right (liabilities and equity) half of a two-sided form. */
  side?: FormSide;
  /** Subtotals and totals. */
  total?: boolean;
  /** Heading rows with no amount in the table view. */
  heading?: boolean;
}

/**
 * A form's lines with both columns: `current` feeds the first (期末余额, 本年金额), `compare` the
 * second (年初余额, 上年金额). A heading line goes before the line that names it.
 */
export function statement(form: FormDef, current: FormSource, compare: FormSource): StatementLine[] {
  const now = evaluateForm(form, current);
  const then = evaluateForm(form, compare);
  const out: StatementLine[] = [];
  now.forEach(({ line, amount }, i) => {
    if (line.heading) out.push({ label: line.heading, amount: 0, heading: true, side: line.side });
    out.push({ label: line.label, prefix: line.prefix, amount, compare: then[i].amount, row: line.row, side: line.side, total: line.total });
  });
  return out;
}

/** Balances of one date for the balance sheet: every leaf's net, and 113 内部往来 per member. */
/** Nets per counterparty on 112 应收款 and 211 应付款 (domain/counterparties.ts). */
export interface PartyNets {
  '112'?: CounterpartyNets;
  '211'?: CounterpartyNets;
}

export interface BalanceFacts {
  net: Map<string, Fen>;
  members113: Map<string, Fen>;
  parties?: PartyNets;
}

/**
 * 资产负债表 (2023 format, BALANCE_SHEET_2023). `net` is every leaf's signed balance (debit
 * positive) at the date; `members113` is the net per member on 113 内部往来, `parties` the nets per
 * counterparty on 112 and 211 (without them, each account nets as one): debit balances are
 * receivables, credit balances payables, so a prepayment is never a negative line.
 * `yearStart`: the same at the start of the year (年初余额).
 */
export function balanceSheet(
  net: Map<string, Fen>,
  members113: Map<string, Fen>,
  yearStart?: BalanceFacts,
  form: FormDef = BALANCE_SHEET_2023,
  parties: PartyNets = {},
): StatementLine[] {
  const src = (f: BalanceFacts): FormSource => {
    const per = new Map<string, ReadonlyMap<string, Fen>>([['113', f.members113]]);
    for (const code of ['112', '211'] as const) if (f.parties?.[code]) per.set(code, f.parties[code]!);
    return { net: f.net, perMember: per };
  };
  return statement(form, src({ net, members113, parties }), src(yearStart ?? { net: new Map(), members113: new Map() }));
}

/** A year's movements (closing entries left out) and the balances at its start, for the income statement. */
export interface YearFacts {
  movements: Map<string, Movement>;
  openingNet: Map<string, Fen>;
}

/**
 * 收益及收益分配表 (INCOME_2023) for a year. `year` is each leaf's movement in the year without the
 * year-end closing entries; `openingNet` each leaf's signed balance at the start of the year.
 * `prior`: the same for the year before (上年金额).
 */
export function incomeStatement(year: Map<string, Movement>, openingNet: Map<string, Fen>, prior?: YearFacts, form: FormDef = INCOME_2023): StatementLine[] {
  const src = (f: YearFacts): FormSource => {
    const net = new Map<string, Fen>();
    for (const [c, m] of f.movements) net.set(c, m.debit - m.credit);
    return { net, opening: f.openingNet };
  };
  return statement(form, src({ movements: year, openingNet }), src(prior ?? { movements: new Map(), openingNet: new Map() }));
}

/**
 * An account the year-end closing empties (closingEntries): income and expense (5xx), 321 本年收益,
 * and 322 各项分配. In the year the books start within, its opening balance is that year's own.
 */
export function emptiedAtYearEnd(code: string): boolean {
  return code.startsWith('5') || code.startsWith('321') || code.startsWith(DISTRIBUTION_ACCOUNTS.items);
}

/**
 * The year-end closing entries (结转) from the year's balances of income/expense leaves,
 * 321 and 322's sub-accounts. Returns up to three vouchers' lines.
 */
export function closingEntries(netAtYearEnd: Map<string, Fen>): {
  profitToCurrent: { account: string; debit: Fen; credit: Fen }[];
  currentToUndistributed: { account: string; debit: Fen; credit: Fen }[];
  itemsToUndistributed: { account: string; debit: Fen; credit: Fen }[];
} {
  const D = DISTRIBUTION_ACCOUNTS;
  const zeroOut = (code: string, net: Fen) => (net > 0 ? { account: code, debit: 0, credit: net } : { account: code, debit: -net, credit: 0 });
  const sorted = [...netAtYearEnd].filter(([, v]) => v !== 0).sort(([a], [b]) => (a < b ? -1 : 1));
  // 1. income and expense → 321 本年收益
  const pl = sorted.filter(([c]) => c.startsWith('5'));
  const profitToCurrent = pl.map(([c, v]) => zeroOut(c, v));
  const plNet = pl.reduce((a, [, v]) => a + v, 0); // debit-positive: negative = profit
  if (profitToCurrent.length) profitToCurrent.push(plNet < 0 ? { account: '321', debit: 0, credit: -plNet } : { account: '321', debit: plNet, credit: 0 });
  // 2. 321 (its balance after step 1) → 322 未分配收益
  const current = (netAtYearEnd.get('321') ?? 0) + plNet;
  const currentToUndistributed =
    current === 0
      ? []
      : [
          zeroOut('321', current),
          current < 0 ? { account: D.undistributed, debit: 0, credit: -current } : { account: D.undistributed, debit: current, credit: 0 },
        ];
  // 3. 322 各项分配 → 322 未分配收益
  const items = sorted.filter(([c]) => c.startsWith(D.items));
  const itemsToUndistributed = items.map(([c, v]) => zeroOut(c, v));
  const itemsNet = items.reduce((a, [, v]) => a + v, 0);
  if (itemsToUndistributed.length) {
    itemsToUndistributed.push(itemsNet > 0 ? { account: D.undistributed, debit: itemsNet, credit: 0 } : { account: D.undistributed, debit: 0, credit: -itemsNet });
  }
  return { profitToCurrent, currentToUndistributed, itemsToUndistributed };
}

/** An item of income or spending in the monthly 财务公开: an account and its amount in the months. */
export interface DisclosureItem {
  account: string;
  label: string;
  amount: Fen;
}

export interface Disclosure {
  income: DisclosureItem[];
  spending: DisclosureItem[];
  totalIncome: Fen;
  totalSpending: Fen;
  /** 货币资金 (101 + 102) at the start and at the end of the months. */
  cashOpening: Fen;
  cashClosing: Fen;
}

const INCOME_PREFIXES = ['501', '502', '503', '504'];
const SPENDING_PREFIXES = ['511', '512', '513', '514', '515', '521'];

/**
 * 财务公开 (村务公开): the months' income and spending item by item (each leaf account, named by its
 * path 经营收入—门票收入; the year-end closing entries left out), and cash at both ends.
 */
export function disclosure(
  movements: ReadonlyMap<string, Movement>,
  nameOf: (code: string) => string,
  netBefore: ReadonlyMap<string, Fen>,
  netAfter: ReadonlyMap<string, Fen>,
): Disclosure {
  const label = (code: string) => {
    const parts: string[] = [];
    for (let n = 3; n <= code.length; n += 2) parts.push(nameOf(code.slice(0, n)));
    return parts.join('—');
  };
  const items = (prefixes: string[], sign: 1 | -1) =>
    [...movements]
      .filter(([c]) => prefixes.some((p) => c.startsWith(p)))
      .map(([account, m]) => ({ account, label: label(account), amount: sign * (m.debit - m.credit) }))
      .filter((x) => x.amount !== 0)
      .sort((a, b) => (a.account < b.account ? -1 : 1));
  const income = items(INCOME_PREFIXES, -1);
  const spending = items(SPENDING_PREFIXES, 1);
  const cash = (net: ReadonlyMap<string, Fen>) => [...net].filter(([c]) => c.startsWith('101') || c.startsWith('102')).reduce((a, [, v]) => a + v, 0);
  return {
    income,
    spending,
    totalIncome: income.reduce((a, x) => a + x.amount, 0),
    totalSpending: spending.reduce((a, x) => a + x.amount, 0),
    cashOpening: cash(netBefore),
    cashClosing: cash(netAfter),
  };
}
