// Plain-data stand-ins for the ledger in the register rules' unit tests: a small chart of accounts
// with the default-leaf rule, and the lookups each register's checks take.
import type { LedgerError } from '../src/domain/errors.js';
import type { AccountLookup } from '../src/domain/registers.js';
import { Decimal } from '../src/domain/money.js';
import type { ContractFile, ContractRecord } from '../src/domain/contracts.js';

/** The first-level accounts the registers use, plus any extra leaves (e.g. 10201, 10202). */
export function chart(extra: Record<string, string> = {}): AccountLookup & { isClosed(p: string): boolean; startPeriod(): string | null } {
  const names: Record<string, string> = {
    '101': '库存现金', '102': '银行存款', '112': '应收款', '113': '内部往来', '151': '固定资产', '152': '累计折旧',
    '153': '在建工程', '154': '固定资产清理', '211': '应付款', '401': '生产成本', '501': '经营收入', '502': '发包及上交收入',
    '504': '其他收入', '511': '经营支出', '513': '管理费用', '514': '公益支出', '515': '其他支出',
    ...extra,
  };
  const codes = Object.keys(names);
  const isLeaf = (c: string) => !codes.some((x) => x !== c && x.startsWith(c));
  return {
    account: (c) => (names[c] ? { name: names[c], isLeaf: isLeaf(c) } : undefined),
    resolveLeaf: (c, option): { code: string } | { error: LedgerError } => {
      if (!names[c]) return { error: { code: 'ACCOUNT_UNKNOWN', zh: c, en: c } };
      if (isLeaf(c)) return { code: c };
      const leaves = codes.filter((x) => x.startsWith(c) && x !== c && isLeaf(x));
      return leaves.length === 1 ? { code: leaves[0] } : { error: { code: 'ACCOUNT_NOT_LEAF', zh: `${c} ${option ?? ''}`, en: c } };
    },
    isClosed: () => false,
    startPeriod: () => null,
  };
}

export const codes = (errors: readonly LedgerError[]) => errors.map((e) => e.code);

/** A registered contract: 1,000.00 a year, 收, on GD-01, 2024 … 2026, settled through 112 / 501. */
export function contractRecord(over: Partial<ContractRecord> = {}): ContractRecord {
  return {
    code: 'HT-1',
    kind: '出租',
    direction: '收',
    counterparty: '王五',
    counterpartyId: null,
    member: null,
    subject: 'GD-01',
    area: null,
    start: '2024-01-01',
    end: '2026-12-31',
    rentPerMu: null,
    annualRent: 100_000,
    escalation: new Decimal(0),
    escalateEveryYears: 1,
    dueMonthDay: null,
    deposit: 0,
    inKind: null,
    account: '112',
    pnlAccount: '501',
    project: null,
    purpose: null,
    note: null,
    subjectKind: 'resource',
    ...over,
  };
}

/** A contract with what is recorded against it. */
export function contractFile(over: Partial<ContractRecord> = {}, rest: Partial<Omit<ContractFile, 'contract'>> = {}): ContractFile {
  return { contract: contractRecord(over), payments: [], prices: new Map(), accruals: new Map(), ...rest };
}
