// The 三资 registers in SQLite: asset cards and their depreciation postings, resources, contracts
// with their payments, in-kind prices and accruals. Reads, writes, and the checks of an entry
// against the ledger (accounts, members, projects, subjects, overlaps).
import { ledgerError, type LedgerError, type Source } from '../domain/errors.js';
import { Decimal, type Fen } from '../domain/money.js';
import type { IsoDate, Period } from '../domain/dates.js';
import type { Payment } from '../domain/contracts.js';
import {
  contractSchedule,
  contractTerms,
  overlapping,
  type AssetCard,
  type ContractEntry,
  type ResourceEntry,
  type ScheduledRent,
} from '../domain/registers.js';
import type { Ledger } from './ledger.js';
import { sqlOf } from './internal.js';

// ---------------------------------------------------------------- accounts

/** An account given by the user for a purpose: it exists, is a leaf, and lies under one of `under`. */
export function checkAccountUnder(
  ledger: Ledger,
  code: string,
  under: readonly string[],
  what: { zh: string; en: string },
  at?: Source,
): LedgerError | null {
  const a = ledger.account(code);
  if (!a) return ledgerError('ACCOUNT_UNKNOWN', `${what.zh}「${code}」不存在`, `${what.en} "${code}" does not exist`, at);
  if (!under.some((u) => code.startsWith(u))) {
    return ledgerError(
      'ACCOUNT_PURPOSE',
      `${what.zh}须为 ${under.join('/')} 或其明细科目，不能是「${code} ${a.name}」`,
      `${what.en} must be ${under.join('/')} or a sub-account, not "${code} ${a.name}"`,
      at,
    );
  }
  if (!a.isLeaf) {
    return ledgerError(
      'ACCOUNT_NOT_LEAF',
      `${what.zh}「${code} ${a.name}」有下级科目，须用末级科目`,
      `${what.en} "${code} ${a.name}" has sub-accounts; use a leaf account`,
      at,
    );
  }
  return null;
}

export const DEPRECIATION_EXPENSE_ACCOUNTS = ['401', '511', '513', '514'] as const;

// ---------------------------------------------------------------- assets

export interface AssetRecord extends AssetCard {
  disposedOn: IsoDate | null;
  disposalProceeds: Fen | null;
  disposalVoucherId: number | null;
}

interface AssetRow {
  code: string;
  name: string;
  category: string;
  spec: string | null;
  location: string | null;
  keeper: string | null;
  acquired: string;
  cost: number;
  residual_rate: string;
  life_years: string;
  method: '年限平均法' | '工作量法';
  expense_account: string | null;
  status: AssetCard['status'];
  operating: number;
  poverty_relief: number;
  lessee: string | null;
  annual_rent: number | null;
  depreciable: number;
  project: string | null;
  note: string | null;
  disposed_on: string | null;
  disposal_proceeds: number | null;
  disposal_voucher_id: number | null;
}

function assetFromRow(r: AssetRow): AssetRecord {
  return {
    code: r.code,
    name: r.name,
    category: r.category,
    spec: r.spec,
    location: r.location,
    keeper: r.keeper,
    acquired: r.acquired,
    cost: r.cost,
    residualRate: new Decimal(r.residual_rate),
    lifeYears: r.life_years === '' ? null : new Decimal(r.life_years),
    method: r.method,
    expenseAccount: r.expense_account,
    status: r.status,
    operating: r.operating === 1,
    povertyRelief: r.poverty_relief === 1,
    lessee: r.lessee,
    annualRent: r.annual_rent,
    depreciable: r.depreciable === 1,
    project: r.project,
    note: r.note,
    disposedOn: r.disposed_on,
    disposalProceeds: r.disposal_proceeds,
    disposalVoucherId: r.disposal_voucher_id,
  };
}

export function getAsset(ledger: Ledger, code: string): AssetRecord | undefined {
  const r = sqlOf(ledger).prepare('SELECT * FROM assets WHERE code = ?').get(code) as AssetRow | undefined;
  return r ? assetFromRow(r) : undefined;
}

export function listAssets(ledger: Ledger): AssetRecord[] {
  return (sqlOf(ledger).prepare('SELECT * FROM assets ORDER BY code').all() as AssetRow[]).map(assetFromRow);
}

export function insertAsset(ledger: Ledger, a: AssetCard, now: string): void {
  sqlOf(ledger)
    .prepare(
      `INSERT INTO assets(code, name, category, spec, location, keeper, acquired, cost, residual_rate, life_years, method,
         expense_account, status, operating, poverty_relief, lessee, annual_rent, depreciable, project, note, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      a.code,
      a.name,
      a.category,
      a.spec,
      a.location,
      a.keeper,
      a.acquired,
      a.cost,
      a.residualRate.toString(),
      a.lifeYears === null ? '' : a.lifeYears.toString(),
      a.method,
      a.expenseAccount,
      a.status,
      a.operating ? 1 : 0,
      a.povertyRelief ? 1 : 0,
      a.lessee,
      a.annualRent,
      a.depreciable ? 1 : 0,
      a.project,
      a.note,
      now,
    );
}

export function markDisposed(ledger: Ledger, code: string, date: IsoDate, proceeds: Fen, voucherId: number): void {
  sqlOf(ledger)
    .prepare("UPDATE assets SET status = '处置', disposed_on = ?, disposal_proceeds = ?, disposal_voucher_id = ? WHERE code = ?")
    .run(date, proceeds, voucherId, code);
}

/** The checks of a new card against the ledger: unique code, expense account, project. */
export function checkAssetCard(ledger: Ledger, a: AssetCard, at: Source | undefined, seen?: Set<string>): LedgerError[] {
  const errors: LedgerError[] = [];
  if (seen?.has(a.code)) {
    errors.push(ledgerError('ASSET_DUPLICATE', `资产编码「${a.code}」在本文件中重复`, `asset code "${a.code}" appears twice in the file`, at));
  } else if (getAsset(ledger, a.code)) {
    errors.push(ledgerError('ASSET_EXISTS', `资产编码「${a.code}」已登记`, `asset "${a.code}" is already registered`, at));
  }
  seen?.add(a.code);
  if (a.expenseAccount !== null) {
    const e = checkAccountUnder(ledger, a.expenseAccount, DEPRECIATION_EXPENSE_ACCOUNTS, { zh: '费用科目', en: 'expense account' }, at);
    if (e) errors.push(e);
  }
  if (a.project !== null && !ledger.hasProject(a.project)) {
    errors.push(ledgerError('PROJECT_UNKNOWN', `项目「${a.project}」不存在`, `unknown project "${a.project}"`, at));
  }
  return errors;
}

/** Depreciation posted, per asset: period → fen. */
export function depreciationPosted(ledger: Ledger): Map<string, Map<Period, Fen>> {
  const rows = sqlOf(ledger).prepare('SELECT asset, period, amount FROM depreciation_postings ORDER BY asset, period').all() as {
    asset: string;
    period: string;
    amount: number;
  }[];
  const m = new Map<string, Map<Period, Fen>>();
  for (const r of rows) {
    const x = m.get(r.asset) ?? new Map<Period, Fen>();
    x.set(r.period, r.amount);
    m.set(r.asset, x);
  }
  return m;
}

export function insertDepreciation(ledger: Ledger, asset: string, period: Period, amount: Fen, voucherId: number): void {
  sqlOf(ledger).prepare('INSERT INTO depreciation_postings(asset, period, amount, voucher_id) VALUES (?, ?, ?, ?)').run(asset, period, amount, voucherId);
}

/** The depreciation vouchers of one asset: period, amount, voucher reference. */
export function depreciationOf(ledger: Ledger, asset: string): { period: string; amount: number; ref: string }[] {
  return sqlOf(ledger)
    .prepare(
      `SELECT d.period, d.amount, v.period || '/' || v.number AS ref FROM depreciation_postings d JOIN vouchers v ON v.id = d.voucher_id
        WHERE d.asset = ? ORDER BY d.period`,
    )
    .all(asset) as { period: string; amount: number; ref: string }[];
}

// ---------------------------------------------------------------- resources

interface ResourceRow {
  code: string;
  name: string;
  category: string;
  area: number;
  unit: string;
  location: string | null;
  boundaries: string | null;
  parcel_code: string | null;
  ownership: string | null;
  status: ResourceEntry['status'];
  note: string | null;
}

function resourceFromRow(r: ResourceRow): ResourceEntry {
  return {
    code: r.code,
    name: r.name,
    category: r.category,
    area: r.area,
    unit: r.unit,
    location: r.location,
    boundaries: r.boundaries,
    parcelCode: r.parcel_code,
    ownership: r.ownership,
    status: r.status,
    note: r.note,
  };
}

export function getResource(ledger: Ledger, code: string): ResourceEntry | undefined {
  const r = sqlOf(ledger).prepare('SELECT * FROM resources WHERE code = ?').get(code) as ResourceRow | undefined;
  return r ? resourceFromRow(r) : undefined;
}

export function listResources(ledger: Ledger): ResourceEntry[] {
  return (sqlOf(ledger).prepare('SELECT * FROM resources ORDER BY code').all() as ResourceRow[]).map(resourceFromRow);
}

export function insertResource(ledger: Ledger, r: ResourceEntry, now: string): void {
  sqlOf(ledger)
    .prepare(
      `INSERT INTO resources(code, name, category, area, unit, location, boundaries, parcel_code, ownership, status, note, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(r.code, r.name, r.category, r.area, r.unit, r.location, r.boundaries, r.parcelCode, r.ownership, r.status, r.note, now);
}

export function checkResource(ledger: Ledger, r: ResourceEntry, at: Source | undefined, seen?: Set<string>): LedgerError[] {
  const errors: LedgerError[] = [];
  if (seen?.has(r.code)) {
    errors.push(ledgerError('RESOURCE_DUPLICATE', `资源编码「${r.code}」在本文件中重复`, `resource code "${r.code}" appears twice in the file`, at));
  } else if (getResource(ledger, r.code)) {
    errors.push(ledgerError('RESOURCE_EXISTS', `资源编码「${r.code}」已登记`, `resource "${r.code}" is already registered`, at));
  }
  seen?.add(r.code);
  return errors;
}

// ---------------------------------------------------------------- contracts

export interface ContractRecord extends ContractEntry {
  account: string;
  pnlAccount: string;
  subjectKind: 'resource' | 'asset';
}

interface ContractRow {
  code: string;
  kind: ContractEntry['kind'];
  direction: '收' | '付';
  counterparty: string;
  counterparty_id: string | null;
  member: string | null;
  subject: string;
  subject_kind: 'resource' | 'asset';
  area: number | null;
  start_date: string;
  end_date: string;
  rent_per_mu: number | null;
  annual_rent: number | null;
  escalation: string;
  escalate_every: number;
  due_month_day: string | null;
  deposit: number;
  in_kind_quantity: string | null;
  in_kind_item: string | null;
  in_kind_unit: string | null;
  account: string;
  pnl_account: string;
  project: string | null;
  purpose: string | null;
  note: string | null;
}

function contractFromRow(r: ContractRow): ContractRecord {
  return {
    code: r.code,
    kind: r.kind,
    direction: r.direction,
    counterparty: r.counterparty,
    counterpartyId: r.counterparty_id,
    member: r.member,
    subject: r.subject,
    subjectKind: r.subject_kind,
    area: r.area,
    start: r.start_date,
    end: r.end_date,
    rentPerMu: r.rent_per_mu,
    annualRent: r.annual_rent,
    escalation: new Decimal(r.escalation),
    escalateEveryYears: r.escalate_every,
    dueMonthDay: r.due_month_day,
    deposit: r.deposit,
    inKind:
      r.in_kind_quantity !== null
        ? { quantityPerMu: new Decimal(r.in_kind_quantity), item: r.in_kind_item ?? '', unit: r.in_kind_unit ?? '' }
        : null,
    account: r.account,
    pnlAccount: r.pnl_account,
    project: r.project,
    purpose: r.purpose,
    note: r.note,
  };
}

export function getContract(ledger: Ledger, code: string): ContractRecord | undefined {
  const r = sqlOf(ledger).prepare('SELECT * FROM contracts WHERE code = ?').get(code) as ContractRow | undefined;
  return r ? contractFromRow(r) : undefined;
}

export function listContracts(ledger: Ledger): ContractRecord[] {
  return (sqlOf(ledger).prepare('SELECT * FROM contracts ORDER BY code').all() as ContractRow[]).map(contractFromRow);
}

export function insertContract(ledger: Ledger, c: ContractRecord, now: string): void {
  sqlOf(ledger)
    .prepare(
      `INSERT INTO contracts(code, kind, direction, counterparty, counterparty_id, member, subject, subject_kind, area, start_date, end_date,
         rent_per_mu, annual_rent, escalation, escalate_every, due_month_day, deposit, in_kind_quantity, in_kind_item, in_kind_unit,
         account, pnl_account, project, purpose, note, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      c.code,
      c.kind,
      c.direction,
      c.counterparty,
      c.counterpartyId,
      c.member,
      c.subject,
      c.subjectKind,
      c.area,
      c.start,
      c.end,
      c.rentPerMu,
      c.annualRent,
      c.escalation.toString(),
      c.escalateEveryYears,
      c.dueMonthDay,
      c.deposit,
      c.inKind ? c.inKind.quantityPerMu.toString() : null,
      c.inKind?.item ?? null,
      c.inKind?.unit ?? null,
      c.account,
      c.pnlAccount,
      c.project,
      c.purpose,
      c.note,
      now,
    );
}

/**
 * The checks of a new contract against the ledger and the contracts before it (`pending`: those
 * accepted earlier in the same import): unique code; the subject is a registered resource or asset;
 * no other contract of the same direction holds the subject on an overlapping day; member, project
 * and accounts. Returns the record to store (area defaulted from the resource, accounts resolved).
 */
export function checkContract(
  ledger: Ledger,
  c: ContractEntry,
  at: Source | undefined,
  pending: ContractRecord[] = [],
): { record: ContractRecord | null; errors: LedgerError[] } {
  const errors: LedgerError[] = [];
  const err = (code: string, zh: string, en: string) => errors.push(ledgerError(code, zh, en, at));
  if (pending.some((p) => p.code === c.code)) err('CONTRACT_DUPLICATE', `合同编号「${c.code}」在本文件中重复`, `contract "${c.code}" appears twice in the file`);
  else if (getContract(ledger, c.code)) err('CONTRACT_EXISTS', `合同编号「${c.code}」已登记`, `contract "${c.code}" is already registered`);
  const resource = getResource(ledger, c.subject);
  const asset = resource ? undefined : getAsset(ledger, c.subject);
  let area = c.area;
  if (!resource && !asset) {
    err('CONTRACT_SUBJECT_UNKNOWN', `标的「${c.subject}」不是已登记的资源或资产（先 sanzi resource add 或 sanzi asset add）`, `subject "${c.subject}" is neither a registered resource nor an asset`);
  } else if (asset?.status === '处置') {
    err('CONTRACT_SUBJECT_DISPOSED', `资产「${c.subject}」已处置，不能再签合同`, `asset "${c.subject}" has been disposed`);
  }
  if (area === null && resource && (c.rentPerMu !== null || c.inKind !== null)) area = resource.area;
  if ((c.rentPerMu !== null || c.inKind !== null) && (area === null || area === 0)) {
    err('CONTRACT_AREA', '按亩计租须有面积（填面积，或以资源台账的面积为准）', 'rent per 亩 needs an area');
  }
  const others = [...listContracts(ledger), ...pending];
  for (const o of overlapping(c, others)) {
    err(
      'CONTRACT_OVERLAP',
      `标的「${c.subject}」在 ${o.start > c.start ? o.start : c.start} 至 ${o.end < c.end ? o.end : c.end} 已由合同「${o.code}」${c.direction === '收' ? '发包/出租' : '租入'}，不能重复${c.direction === '收' ? '出租' : '租入'}`,
      `subject "${c.subject}" is already held by contract "${o.code}" (same direction ${c.direction}) on overlapping days ${o.start > c.start ? o.start : c.start}…${o.end < c.end ? o.end : c.end}`,
    );
  }
  if (c.member !== null && !ledger.hasMember(c.member)) err('MEMBER_UNKNOWN', `成员「${c.member}」不存在`, `unknown member "${c.member}"`);
  if (c.project !== null && !ledger.hasProject(c.project)) err('PROJECT_UNKNOWN', `项目「${c.project}」不存在`, `unknown project "${c.project}"`);
  const settleUnder = c.direction === '收' ? ['112', '113'] : ['211', '113'];
  const pnlUnder = c.direction === '收' ? ['501', '502', '504'] : ['153', '401', '511', '513', '514', '515'];
  const account = pickAccount(ledger, c.account, c.member ? '113' : settleUnder[0], settleUnder, { zh: '结算科目', en: 'settlement account' }, '--account / 结算科目', at, errors);
  const pnl = pickAccount(ledger, c.pnlAccount, pnlUnder[0] === '153' ? '511' : pnlUnder[0], pnlUnder, { zh: '收支科目', en: 'income/cost account' }, '--pnl-account / 收支科目', at, errors);
  if (errors.length) return { record: null, errors };
  return {
    record: { ...c, area, account: account!, pnlAccount: pnl!, subjectKind: resource ? 'resource' : 'asset' },
    errors,
  };
}

function pickAccount(
  ledger: Ledger,
  given: string | null,
  dflt: string,
  under: string[],
  what: { zh: string; en: string },
  option: string,
  at: Source | undefined,
  errors: LedgerError[],
): string | null {
  if (given !== null) {
    const e = checkAccountUnder(ledger, given, under, what, at);
    if (e) errors.push(e);
    return e ? null : given;
  }
  const r = ledger.resolveLeaf(dflt, option);
  if ('error' in r) {
    errors.push({ ...r.error, source: at });
    return null;
  }
  return r.code;
}

export function contractPayments(ledger: Ledger, code: string): (Payment & { ref: string; cashAccount: string })[] {
  return sqlOf(ledger)
    .prepare(
      `SELECT p.date, p.amount, p.cash_account AS cashAccount, v.period || '/' || v.number AS ref
         FROM contract_payments p JOIN vouchers v ON v.id = p.voucher_id WHERE p.contract = ? ORDER BY p.date, p.id`,
    )
    .all(code) as (Payment & { ref: string; cashAccount: string })[];
}

export function insertPayment(ledger: Ledger, code: string, date: IsoDate, amount: Fen, cashAccount: string, voucherId: number, now: string): void {
  sqlOf(ledger)
    .prepare('INSERT INTO contract_payments(contract, date, amount, cash_account, voucher_id, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(code, date, amount, cashAccount, voucherId, now);
}

export function contractPrices(ledger: Ledger, code: string): Map<number, Decimal> {
  const rows = sqlOf(ledger).prepare('SELECT year, unit_price FROM contract_prices WHERE contract = ? ORDER BY year').all(code) as {
    year: number;
    unit_price: string;
  }[];
  return new Map(rows.map((r) => [r.year, new Decimal(r.unit_price)]));
}

export function setPrice(ledger: Ledger, code: string, year: number, price: Decimal, now: string): void {
  sqlOf(ledger)
    .prepare(
      `INSERT INTO contract_prices(contract, year, unit_price, set_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(contract, year) DO UPDATE SET unit_price = excluded.unit_price, set_at = excluded.set_at`,
    )
    .run(code, year, price.toString(), now);
}

/** Accrued so far, per calendar year. */
export function contractAccruals(ledger: Ledger, code: string): Map<number, Fen> {
  const rows = sqlOf(ledger).prepare('SELECT year, SUM(amount) AS amount FROM contract_accruals WHERE contract = ? GROUP BY year').all(code) as {
    year: number;
    amount: number;
  }[];
  return new Map(rows.map((r) => [r.year, r.amount]));
}

export function insertAccrual(ledger: Ledger, code: string, year: number, amount: Fen, voucherId: number, now: string): void {
  sqlOf(ledger)
    .prepare('INSERT INTO contract_accruals(contract, year, amount, voucher_id, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(code, year, amount, voucherId, now);
}

/** The contract's rent years, with in-kind years priced from the ledger's price table. */
export function scheduleOf(ledger: Ledger, c: ContractRecord): ScheduledRent[] {
  return contractSchedule(contractTerms(c), c.inKind, c.inKind ? contractPrices(ledger, c.code) : new Map());
}

/** Depreciation posted per asset on vouchers dated on or before asOf. */
export function depreciationTotalsAsOf(ledger: Ledger, asOf: string): Map<string, number> {
  const rows = sqlOf(ledger)
    .prepare(
      `SELECT d.asset, SUM(d.amount) AS amount FROM depreciation_postings d JOIN vouchers v ON v.id = d.voucher_id
        WHERE v.date <= ? GROUP BY d.asset`,
    )
    .all(asOf) as { asset: string; amount: number }[];
  return new Map(rows.map((r) => [r.asset, r.amount]));
}
