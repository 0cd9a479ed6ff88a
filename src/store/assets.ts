// The asset register in SQLite: cards (assets) and the months charged (depreciation_postings).
// Reads take a Ledger; writes take the WriteTx of the command's fence.
import { Decimal, type Fen } from '../domain/money.js';
import type { IsoDate, Period } from '../domain/dates.js';
import type { AssetCard, AssetLookup, AssetRecord } from '../domain/assets.js';
import { depreciable } from '../domain/assets.js';
import type { DepreciationInput, DepreciationVoucher } from '../domain/depreciation.js';
import type { Ledger, PostedVoucher, WriteTx } from './ledger.js';
import { sqlOf } from './internal.js';
import { leafNetAsOf } from './queries.js';

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
  method: AssetCard['method'];
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

/** What checkAssetCard needs: the chart, the projects, the codes registered. */
export function assetLookup(ledger: Ledger): AssetLookup {
  const exists = sqlOf(ledger).prepare('SELECT 1 FROM assets WHERE code = ?');
  return {
    account: (code) => ledger.account(code),
    resolveLeaf: (code, option) => ledger.resolveLeaf(code, option),
    hasProject: (code) => ledger.hasProject(code),
    assetExists: (code) => exists.get(code) !== undefined,
    lastClosed: () => ledger.lastClosedPeriod(),
    firstPeriod: () => ledger.firstPeriod(),
  };
}

export function insertAsset(tx: WriteTx, a: AssetCard): void {
  sqlOf(tx)
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
      tx.now,
    );
}

export function markDisposed(tx: WriteTx, code: string, date: IsoDate, proceeds: Fen, voucherId: number): void {
  sqlOf(tx)
    .prepare("UPDATE assets SET status = '处置', disposed_on = ?, disposal_proceeds = ?, disposal_voucher_id = ? WHERE code = ?")
    .run(date, proceeds, voucherId, code);
}

// ---------------------------------------------------------------- depreciation

/** Every card as `asset depreciate` sees it, with the months already charged; `override` stands in for its card (a disposal being made). */
export function depreciationInputs(ledger: Ledger, override?: AssetRecord): DepreciationInput[] {
  const rows = sqlOf(ledger).prepare('SELECT asset, period FROM depreciation_postings').all() as { asset: string; period: string }[];
  const posted = new Map<string, Set<Period>>();
  for (const r of rows) posted.set(r.asset, (posted.get(r.asset) ?? new Set<Period>()).add(r.period));
  return listAssets(ledger).map((card) => {
    const a = override && card.code === override.code ? override : card;
    return { asset: depreciable(a), posted: posted.get(a.code) ?? new Set(), expenseAccount: a.expenseAccount, project: a.project };
  });
}

/** Post the depreciation vouchers and record each asset's month. */
export function postDepreciation(tx: WriteTx, vouchers: readonly DepreciationVoucher[]): (DepreciationVoucher & { posted: PostedVoucher })[] {
  const ins = sqlOf(tx).prepare('INSERT INTO depreciation_postings(asset, period, amount, voucher_id) VALUES (?, ?, ?, ?)');
  return vouchers.map((m) => {
    const posted = tx.post(m.draft);
    for (const c of m.charges) ins.run(c.code, m.period, c.amount, posted.id);
    return { ...m, posted };
  });
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

/** Depreciation posted per asset on vouchers dated on or before asOf. */
export function depreciationTotalsAsOf(ledger: Ledger, asOf: IsoDate): Map<string, Fen> {
  const rows = sqlOf(ledger)
    .prepare(
      `SELECT d.asset, SUM(d.amount) AS amount FROM depreciation_postings d JOIN vouchers v ON v.id = d.voucher_id
        WHERE v.date <= ? GROUP BY d.asset`,
    )
    .all(asOf) as { asset: string; amount: number }[];
  return new Map(rows.map((r) => [r.asset, r.amount]));
}

/**
 * The least 151 固定资产 holds from the end of `date` on: on that day, and after every voucher of
 * the books whatever its date (a later credit counts against an earlier disposal too).
 */
export function fixedCostHeldFrom(ledger: Ledger, date: IsoDate): Fen {
  const after = sqlOf(ledger).prepare("SELECT coalesce(sum(debit) - sum(credit), 0) FROM balances WHERE account >= '151' AND account < '152'").pluck().get() as Fen;
  return Math.min(fixedAssetBalances(ledger, date).cost, after);
}

/** 151 固定资产 (debit balance) and 152 累计折旧 (credit balance) at the end of a day. */
export function fixedAssetBalances(ledger: Ledger, asOf: IsoDate): { cost: Fen; accumulated: Fen } {
  let cost = 0;
  let accumulated = 0;
  for (const [account, net] of leafNetAsOf(ledger, asOf)) {
    if (account.startsWith('151')) cost += net;
    if (account.startsWith('152')) accumulated -= net;
  }
  return { cost, accumulated };
}
