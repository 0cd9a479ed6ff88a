// Reports from balances and lines: 科目余额表, 明细账 and 日记账, 序时账, 资产负债表, 收益及收益分配表.
// Pure functions: the store hands in balances and lines, views turn the results into tables.
import { DISTRIBUTION_ACCOUNTS, type Side } from './accounts.js';
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
export type { Movement } from './movement.js';

/**
 * The months a report covers. --to defaults to --from's month, else the current month; --from
 * defaults to January of --to's year. A range that runs backwards is refused.
 */
export function reportRange(from: Period | undefined, to: Period | undefined, current: Period): { from: Period; to: Period; errors: LedgerError[] } {
  const end = to ?? from ?? current;
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
}

export interface TrialBalance {
  rows: TrialBalanceRow[];
  /** Over first-level accounts. */
  totals: { opening: Fen; debit: Fen; credit: Fen; closing: Fen };
}

/**
 * 科目余额表: a row for every account with a balance or movement; parents roll up their
 * sub-accounts. Totals run over first-level accounts.
 */
export function trialBalance(
  chart: ChartEntry[],
  opening: Map<string, Fen>,
  movement: Map<string, Movement>,
): TrialBalance {
  const byCode = new Map<string, TrialBalanceRow>();
  for (const a of chart) byCode.set(a.code, { account: a.code, name: a.name, level: a.level, opening: 0, debit: 0, credit: 0, closing: 0 });
  const parents = new Map(chart.map((a) => [a.code, a.parent]));
  const touched = new Set<string>();
  const addUp = (code: string, f: (r: TrialBalanceRow) => void) => {
    let c: string | null | undefined = code;
    while (c) {
      let r = byCode.get(c);
      if (!r) {
        r = { account: c, name: '', level: (c.length - 1) / 2, opening: 0, debit: 0, credit: 0, closing: 0 };
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
  const rows = [...touched]
    .sort()
    .map((c) => byCode.get(c)!)
    .map((r) => ({ ...r, closing: r.opening + r.debit - r.credit }));
  const first = rows.filter((r) => r.level === 1);
  const sum = (f: (r: TrialBalanceRow) => number) => first.reduce((a, r) => a + f(r), 0);
  return {
    rows,
    totals: { opening: sum((r) => r.opening), debit: sum((r) => r.debit), credit: sum((r) => r.credit), closing: sum((r) => r.closing) },
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
  debit: Fen;
  credit: Fen;
  closing: Fen;
}

/** The day books: the account each keeps. */
export const DAY_BOOKS = { 'cash-book': '101', 'bank-book': '102' } as const;

/**
 * 明细账 of an account and its sub-accounts: the opening balance (every leaf under it, before
 * `from`), then a running balance line by line.
 */
export function accountBook(
  account: { code: string; name: string; side: Side },
  from: Period,
  to: Period,
  netBefore: Map<string, Fen>,
  lines: readonly BookLine[],
): AccountBook {
  let opening = 0;
  for (const [code, net] of netBefore) if (code.startsWith(account.code)) opening += net;
  let balance = opening;
  let debit = 0;
  let credit = 0;
  const out = lines.map((l) => {
    balance += l.debit - l.credit;
    debit += l.debit;
    credit += l.credit;
    return { ...l, balance };
  });
  return { account: account.code, name: account.name, side: account.side, from, to, opening, lines: out, debit, credit, closing: balance };
}

export interface StatementLine {
  label: string;
  /** Shown before the label in the table view (加：/减：) and indentation. */
  prefix?: string;
  amount: Fen;
  /** Subtotals and totals. */
  total?: boolean;
  /** Heading rows with no amount in the table view. */
  heading?: boolean;
}

/** Sum of the signed nets of all leaves under the given first-level codes. */
function netOf(net: Map<string, Fen>, ...codes: string[]): Fen {
  let s = 0;
  for (const [code, v] of net) if (codes.some((c) => code.startsWith(c))) s += v;
  return s;
}

/**
 * 资产负债表 (2023 format). `net` is every leaf's signed balance (debit positive) at the date;
 * `members113` is the net per member on 113 内部往来, `parties` the nets per counterparty on 112 and
 * 211 (without them, each account nets as one): debit balances are receivables, credit balances
 * payables (receivablesAndPayables).
 */
export function balanceSheet(net: Map<string, Fen>, members113: Map<string, Fen>, parties: { '112'?: CounterpartyNets; '211'?: CounterpartyNets } = {}): StatementLine[] {
  const n = (...c: string[]) => netOf(net, ...c);
  const owed = receivablesAndPayables({
    receivable: parties['112'] ?? new Map([['112', n('112')]]),
    payable: parties['211'] ?? new Map([['211', n('211')]]),
    internal: members113,
  });
  const cash = n('101', '102');
  const shortInv = n('111');
  const receivables = owed.receivables;
  const inventory = n('121', '401');
  const consumable = n('131');
  const current = cash + shortInv + receivables + inventory + consumable;
  const longInv = n('141');
  const bioCost = n('132');
  const bioDep = -n('133');
  const fixedCost = n('151');
  const fixedDep = -n('152');
  const cleanup = n('154');
  const construction = n('153');
  const intangCost = n('161');
  const amort = -n('162');
  const publicBio = n('134');
  const prepaid = n('171');
  const pending = n('181');
  const nonCurrent =
    longInv + (bioCost - bioDep) + (fixedCost - fixedDep) + cleanup + construction + (intangCost - amort) + publicBio + prepaid + pending;
  const assets = current + nonCurrent;

  const shortLoan = -n('201');
  const payables = owed.payables;
  const wages = -n('212');
  const labour = -n('213');
  const taxes = -n('214');
  const currentLiab = shortLoan + payables + wages + labour + taxes;
  const longLoan = -n('221');
  const yishiyiyi = -n('231');
  const special = -n('241');
  const nonCurrentLiab = longLoan + yishiyiyi + special;
  const liabilities = currentLiab + nonCurrentLiab;
  const capital = -n('301');
  const reserve = -n('311');
  const undistributed = -n('321', '322', '5');
  const equity = capital + reserve + undistributed;

  return [
    { label: '流动资产', amount: 0, heading: true },
    { label: '货币资金', amount: cash },
    { label: '短期投资', amount: shortInv },
    { label: '应收款项', amount: receivables },
    { label: '存货', amount: inventory },
    { label: '消耗性生物资产', amount: consumable },
    { label: '流动资产合计', amount: current, total: true },
    { label: '非流动资产', amount: 0, heading: true },
    { label: '长期投资', amount: longInv },
    { label: '生产性生物资产原值', amount: bioCost },
    { label: '生产性生物资产累计折旧', prefix: '减：', amount: bioDep },
    { label: '生产性生物资产净值', amount: bioCost - bioDep },
    { label: '固定资产原值', amount: fixedCost },
    { label: '累计折旧', prefix: '减：', amount: fixedDep },
    { label: '固定资产净值', amount: fixedCost - fixedDep },
    { label: '固定资产清理', amount: cleanup },
    { label: '在建工程', amount: construction },
    { label: '无形资产原值', amount: intangCost },
    { label: '累计摊销', prefix: '减：', amount: amort },
    { label: '无形资产净值', amount: intangCost - amort },
    { label: '公益性生物资产', amount: publicBio },
    { label: '长期待摊费用', amount: prepaid },
    { label: '待处理财产损溢', amount: pending },
    { label: '非流动资产合计', amount: nonCurrent, total: true },
    { label: '资产总计', amount: assets, total: true },
    { label: '流动负债', amount: 0, heading: true },
    { label: '短期借款', amount: shortLoan },
    { label: '应付款项', amount: payables },
    { label: '应付工资', amount: wages },
    { label: '应付劳务费', amount: labour },
    { label: '应交税费', amount: taxes },
    { label: '流动负债合计', amount: currentLiab, total: true },
    { label: '非流动负债', amount: 0, heading: true },
    { label: '长期借款及应付款', amount: longLoan },
    { label: '一事一议资金', amount: yishiyiyi },
    { label: '专项应付款', amount: special },
    { label: '非流动负债合计', amount: nonCurrentLiab, total: true },
    { label: '负债合计', amount: liabilities, total: true },
    { label: '所有者权益', amount: 0, heading: true },
    { label: '资本', amount: capital },
    { label: '公积公益金', amount: reserve },
    { label: '未分配收益', amount: undistributed },
    { label: '所有者权益合计', amount: equity, total: true },
    { label: '负债和所有者权益总计', amount: liabilities + equity, total: true },
  ];
}

/**
 * 收益及收益分配表 for a year. `year` is each leaf's movement in the year without the year-end
 * closing entries; `openingNet` each leaf's signed balance at the start of the year.
 */
export function incomeStatement(year: Map<string, Movement>, openingNet: Map<string, Fen>): StatementLine[] {
  const credit = (...codes: string[]) => {
    let s = 0;
    for (const [code, m] of year) if (codes.some((c) => code.startsWith(c))) s += m.credit - m.debit;
    return s;
  };
  const debit = (...codes: string[]) => -credit(...codes);
  const D = DISTRIBUTION_ACCOUNTS;
  const operating = credit('501');
  const investment = credit('502');
  const opCost = debit('511');
  const taxes = debit('512');
  const admin = debit('513');
  const operatingProfit = operating + investment - opCost - taxes - admin;
  const subsidy = credit('503');
  const otherIncome = credit('504');
  const publicSpend = debit('514');
  const otherSpend = debit('515');
  const totalProfit = operatingProfit + subsidy + otherIncome - publicSpend - otherSpend;
  const incomeTax = debit('521');
  const netProfit = totalProfit - incomeTax;
  const openingUndistributed = -netOf(openingNet, D.undistributed);
  const otherIn = credit(D.undistributed);
  const distributable = netProfit + openingUndistributed + otherIn;
  const reserve = debit(D.reserve);
  const toMembers = debit(D.members);
  const toInvestors = debit(D.investors);
  const other = debit(D.other);
  const closingUndistributed = distributable - reserve - toMembers - toInvestors - other;
  return [
    { label: '经营收入', amount: operating },
    { label: '投资收益', prefix: '加：', amount: investment },
    { label: '经营支出', prefix: '减：', amount: opCost },
    { label: '税金及附加', prefix: '减：', amount: taxes },
    { label: '管理费用', prefix: '减：', amount: admin },
    { label: '经营收益', amount: operatingProfit, total: true },
    { label: '补助收入', prefix: '加：', amount: subsidy },
    { label: '其他收入', prefix: '加：', amount: otherIncome },
    { label: '公益支出', prefix: '减：', amount: publicSpend },
    { label: '其他支出', prefix: '减：', amount: otherSpend },
    { label: '收益总额', amount: totalProfit, total: true },
    { label: '所得税费用', prefix: '减：', amount: incomeTax },
    { label: '本年收益', amount: netProfit, total: true },
    { label: '年初未分配收益', prefix: '加：', amount: openingUndistributed },
    { label: '其他转入', prefix: '加：', amount: otherIn },
    { label: '可分配收益', amount: distributable, total: true },
    { label: '提取公积公益金', prefix: '减：', amount: reserve },
    { label: '向成员分配', prefix: '减：', amount: toMembers },
    { label: '向投资者分配', prefix: '减：', amount: toInvestors },
    { label: '其他', prefix: '减：', amount: other },
    { label: '年末未分配收益', amount: closingUndistributed, total: true },
  ];
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
