// The chart of accounts of 《农村集体经济组织会计制度》(财会〔2023〕14号): 42 first-level accounts.
import type { LedgerError } from './errors.js';
import { AccountErrors } from './errors/accounts.js';

export type Side = '借' | '贷';
export type AccountClass = '资产类' | '负债类' | '所有者权益类' | '成本类' | '损益类';

export interface Account {
  code: string;
  name: string;
  side: Side;
  class: AccountClass;
  /** 1 for a first-level account, 2 for 5 digits, 3 for 7 digits… */
  level: number;
  parent: string | null;
}

const FIRST_LEVEL: [string, string, Side][] = [
  ['101', '库存现金', '借'],
  ['102', '银行存款', '借'],
  ['111', '短期投资', '借'],
  ['112', '应收款', '借'],
  ['113', '内部往来', '借'],
  ['121', '库存物资', '借'],
  ['131', '消耗性生物资产', '借'],
  ['132', '生产性生物资产', '借'],
  ['133', '生产性生物资产累计折旧', '贷'],
  ['134', '公益性生物资产', '借'],
  ['141', '长期投资', '借'],
  ['151', '固定资产', '借'],
  ['152', '累计折旧', '贷'],
  ['153', '在建工程', '借'],
  ['154', '固定资产清理', '借'],
  ['161', '无形资产', '借'],
  ['162', '累计摊销', '贷'],
  ['171', '长期待摊费用', '借'],
  ['181', '待处理财产损溢', '借'],
  ['201', '短期借款', '贷'],
  ['211', '应付款', '贷'],
  ['212', '应付工资', '贷'],
  ['213', '应付劳务费', '贷'],
  ['214', '应交税费', '贷'],
  ['221', '长期借款及应付款', '贷'],
  ['231', '一事一议资金', '贷'],
  ['241', '专项应付款', '贷'],
  ['301', '资本', '贷'],
  ['311', '公积公益金', '贷'],
  ['321', '本年收益', '贷'],
  ['322', '收益分配', '贷'],
  ['401', '生产（劳务）成本', '借'],
  ['501', '经营收入', '贷'],
  ['502', '投资收益', '贷'],
  ['503', '补助收入', '贷'],
  ['504', '其他收入', '贷'],
  ['511', '经营支出', '借'],
  ['512', '税金及附加', '借'],
  ['513', '管理费用', '借'],
  ['514', '公益支出', '借'],
  ['515', '其他支出', '借'],
  ['521', '所得税费用', '借'],
];

export function classOf(code: string): AccountClass {
  switch (code[0]) {
    case '1':
      return '资产类';
    case '2':
      return '负债类';
    case '3':
      return '所有者权益类';
    case '4':
      return '成本类';
    default:
      return '损益类';
  }
}

export function levelOf(code: string): number {
  return (code.length - 1) / 2;
}

export function parentOf(code: string): string | null {
  return code.length > 3 ? code.slice(0, -2) : null;
}

/** The 42 first-level accounts of the 2023 chart. */
export const CHART_2023: Account[] = FIRST_LEVEL.map(([code, name, side]) => ({
  code,
  name,
  side,
  class: classOf(code),
  level: 1,
  parent: null,
}));

/** 322 收益分配's standing sub-accounts (各项分配 detailed by kind, and 未分配收益). */
export const DISTRIBUTION_ACCOUNTS = {
  items: '32201', // 各项分配
  reserve: '3220101', // 提取公积公益金
  members: '3220102', // 向成员分配
  investors: '3220103', // 向投资者分配
  other: '3220104', // 其他
  undistributed: '32202', // 未分配收益
} as const;

export const STANDING_SUBACCOUNTS: [string, string][] = [
  ['32201', '各项分配'],
  ['3220101', '提取公积公益金'],
  ['3220102', '向成员分配'],
  ['3220103', '向投资者分配'],
  ['3220104', '其他'],
  ['32202', '未分配收益'],
];

export const INCOME_ACCOUNTS = ['501', '502', '503', '504'];
export const EXPENSE_ACCOUNTS = ['511', '512', '513', '514', '515', '521'];

/** True for income and expense accounts (5xx), which the year-end closing empties into 321. */
export function isProfitAndLoss(code: string): boolean {
  return code.startsWith('5');
}

/** Check the form of a new detail account's code against its would-be parent. */
export function checkNewAccountCode(code: string, name: string): LedgerError[] {
  const errors: LedgerError[] = [];
  if (!/^\d+$/.test(code) || code.length < 5 || (code.length - 3) % 2 !== 0) errors.push(AccountErrors.ACCOUNT_CODE(code, 'form'));
  else if (code.endsWith('00')) errors.push(AccountErrors.ACCOUNT_CODE(code, 'zero'));
  if (name.trim() === '') errors.push(AccountErrors.ACCOUNT_NAME());
  return errors;
}

/** What adding a detail account needs to know of the chart. */
export interface ChartLookup {
  account(code: string): { code: string; name: string; isLeaf: boolean } | undefined;
  hasPostings(code: string): boolean;
}

/**
 * Adding a detail account: its code's form, a parent that exists, and a parent without postings
 * of its own (its balance would be stranded above the new leaf). An account that already exists
 * with the same name is `existing`, not an error.
 */
export function checkAccountAdd(code: string, name: string, chart: ChartLookup): { errors: LedgerError[]; existing: boolean } {
  const errors = checkNewAccountCode(code, name);
  if (errors.length) return { errors, existing: false };
  const existing = chart.account(code);
  if (existing) {
    if (existing.name === name) return { errors: [], existing: true };
    return { errors: [AccountErrors.ACCOUNT_EXISTS(code, existing.name)], existing: false };
  }
  const parent = parentOf(code)!;
  const p = chart.account(parent);
  if (!p) errors.push(AccountErrors.ACCOUNT_PARENT(parent, code));
  else if (p.isLeaf && chart.hasPostings(parent)) errors.push(AccountErrors.ACCOUNT_HAS_POSTINGS(parent, p.name));
  return { errors, existing: false };
}

/**
 * Renaming an account (科目更名): a detail account only — the 42 first-level accounts keep their
 * statutory names — to a name not empty and not that of another account under the same parent.
 */
export function checkAccountRename(
  code: string,
  name: string,
  chart: { account(code: string): { code: string; name: string } | undefined; allAccounts(): { code: string; name: string; parent: string | null }[] },
): LedgerError[] {
  const a = chart.account(code);
  if (!a) return [AccountErrors.ACCOUNT_UNKNOWN(code)];
  if (CHART_2023.some((x) => x.code === code)) return [AccountErrors.ACCOUNT_STATUTORY(code, a.name)];
  if (name.trim() === '') return [AccountErrors.ACCOUNT_RENAME_EMPTY()];
  const parent = parentOf(code);
  const sibling = chart.allAccounts().find((x) => x.parent === parent && x.code !== code && x.name === name.trim());
  return sibling ? [AccountErrors.ACCOUNT_NAME_TAKEN(name.trim(), sibling.code)] : [];
}
