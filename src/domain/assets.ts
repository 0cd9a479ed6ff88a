// The asset register (资产卡片): what a card holds, the checks of a new card, the register's figures
// and their agreement with 151/152, and the disposal (处置) through 154. Depreciation's arithmetic
// is in depreciation.ts. Pure: no I/O, no clock.
import { withSource, type LedgerError, type Source } from './errors.js';
import { AssetErrors } from './errors/assets.js';
import { ShareErrors } from './errors/shares.js';
import { formatFenGrouped, type Decimal, type Fen } from './money.js';
import { periodOf, type IsoDate, type Period } from './dates.js';
import type { VoucherDraft, VoucherLine } from './voucher.js';
import { accumulatedOf, depreciationPlan, isExempt, isLand, lifeMonths, monthlyCharge, openingAccumulated, residualOf, type DepreciableAsset } from './depreciation.js';
import { checkAccountUnder, duplicateRows, pickAccount, type AccountLookup, type RegisterRow } from './registers.js';
import type { SubjectTerm } from './contract-checks.js';

export const ASSET_STATUSES = ['在用', '出租', '闲置', '处置'] as const;
export const DEPRECIATION_EXPENSE_ACCOUNTS = ['401', '511', '513', '514'] as const;

/** An asset card (资产卡片) as entered. */
export interface AssetCard {
  code: string;
  name: string;
  category: string;
  spec: string | null;
  location: string | null;
  keeper: string | null;
  acquired: IsoDate;
  cost: Fen;
  /** Fraction, e.g. 0.05. */
  residualRate: Decimal;
  /** Years; null for land and other assets never depreciated. */
  lifeYears: Decimal | null;
  method: '年限平均法' | '工作量法';
  expenseAccount: string | null;
  status: (typeof ASSET_STATUSES)[number];
  operating: boolean;
  povertyRelief: boolean;
  lessee: string | null;
  annualRent: Fen | null;
  depreciable: boolean;
  project: string | null;
  note: string | null;
}

/** A card as registered: with its disposal, once made. */
export interface AssetRecord extends AssetCard {
  disposedOn: IsoDate | null;
  disposalProceeds: Fen | null;
  disposalVoucherId: number | null;
}

/** Whether a category is a building (房屋/建筑物): buildings are depreciated even when idle. */
export function isBuilding(category: string): boolean {
  return /房屋|建筑/.test(category);
}

/** Whether a category is a 公益性生物资产 (shelter belts, scenic trees): never depreciated (other 公益性 assets are). */
export function isPublicBenefitBiological(category: string): boolean {
  return category.includes('公益性生物');
}

/**
 * The default of 是否计提折旧 when not given: land never; a 公益性生物资产 never; an idle (闲置)
 * asset other than a building not; everything else yes (DOMAIN.md, Depreciation).
 */
export function defaultDepreciable(category: string, status: string): boolean {
  if (isLand(category) || isPublicBenefitBiological(category)) return false;
  if (status === '闲置' && !isBuilding(category)) return false;
  return true;
}

/**
 * 是否计提折旧 as given (null: not given, the default), or why it cannot be: land and 公益性生物资产 are
 * never depreciated, and what the rules depreciate (an asset in use or let, a building even when idle)
 * cannot be marked as not depreciated — its depreciation would go missing from every month, with
 * nothing for the closing's control to find. Marking an idle asset as depreciated is the user's call.
 */
export function depreciableChoice(category: string, status: string, given: boolean | null): { depreciable: boolean; error: LedgerError | null } {
  const rule = defaultDepreciable(category, status);
  if (given === true && isLand(category)) return { depreciable: false, error: AssetErrors.ASSET_LAND() };
  if (given === true && isPublicBenefitBiological(category)) return { depreciable: false, error: AssetErrors.ASSET_PUBLIC_BIOLOGICAL() };
  if (given === false && rule) return { depreciable: true, error: AssetErrors.ASSET_MUST_DEPRECIATE(status, isBuilding(category)) };
  return { depreciable: given ?? rule, error: null };
}

/** The asset card in the shape of the depreciation formulas. */
export function depreciable(a: AssetCard & { disposedOn?: IsoDate | null }): DepreciableAsset {
  return {
    code: a.code,
    category: a.category,
    acquired: a.acquired,
    cost: a.cost,
    residualRate: a.residualRate,
    lifeYears: a.lifeYears ? a.lifeYears.toNumber() : 1,
    method: a.method,
    depreciable: a.depreciable && a.lifeYears !== null,
    disposedOn: a.disposedOn ?? null,
  };
}

// ---------------------------------------------------------------- a new card

export interface AssetLookup extends AccountLookup {
  assetExists(code: string): boolean;
  hasProject(code: string): boolean;
  /** The last closed month, and the first month of the books (null when none). */
  lastClosed(): Period | null;
  firstPeriod(): Period | null;
}

/**
 * A new card against the ledger: its code is new, its expense account is a leaf of 401/511/513/514,
 * its project exists, and it would be depreciated in no month already closed (a closed month takes
 * no depreciation voucher, and its close was checked without the card).
 */
export function checkAssetCard(a: AssetCard, ledger: AssetLookup, at?: Source): LedgerError[] {
  const errors: LedgerError[] = [];
  if (ledger.assetExists(a.code)) errors.push(withSource(AssetErrors.ASSET_EXISTS(a.code), at));
  errors.push(...cardReferences(a, ledger, at));
  const closed = ledger.lastClosed();
  if (closed !== null) {
    const months = depreciationPlan([{ asset: depreciable(a), posted: new Set() }], closed, ledger.firstPeriod()).map((m) => m.period);
    if (months.length) errors.push(withSource(AssetErrors.ASSET_CLOSED_MONTHS(a.code, months), at));
  }
  return errors;
}

function cardReferences(a: AssetCard, ledger: AssetLookup, at?: Source): LedgerError[] {
  const errors: LedgerError[] = [];
  if (a.expenseAccount !== null) {
    const e = checkAccountUnder(ledger, a.expenseAccount, DEPRECIATION_EXPENSE_ACCOUNTS, { zh: '费用科目', en: 'expense account' }, at);
    if (e) errors.push(e);
  }
  if (a.project !== null && !ledger.hasProject(a.project)) {
    errors.push(withSource(ShareErrors.PROJECT_UNKNOWN(a.project), at));
  }
  return errors;
}

/** The cards of a file: a code seen on an earlier row is a duplicate (even when that row was bad); each new card checked. */
export function checkAssetRows(rows: readonly RegisterRow<AssetCard>[], ledger: AssetLookup): LedgerError[] {
  const dupes = duplicateRows(rows);
  return rows.flatMap((r, i) => {
    if (dupes.has(i)) return [withSource(AssetErrors.ASSET_DUPLICATE(r.code), r.source), ...(r.entry ? cardReferences(r.entry, ledger, r.source) : [])];
    return r.entry ? checkAssetCard(r.entry, ledger, r.source) : [];
  });
}

// ---------------------------------------------------------------- the register's figures

export interface AssetFigures {
  residual: Fen;
  monthly: Fen;
  /** The life in months; null when never depreciated. */
  months: number | null;
  /** Depreciation of the months before the books start (in the opening balance of 152). */
  opening: Fen;
  posted: Fen;
  accumulated: Fen;
  net: Fen;
  exempt: boolean;
}

/** A card's residual, monthly charge, and accumulated depreciation: opening months + what was posted. */
export function assetFigures(a: AssetCard & { disposedOn?: IsoDate | null }, postedTotal: Fen, firstPeriod: Period | null): AssetFigures {
  const d = depreciable(a);
  const exempt = isExempt(d);
  const accumulated = accumulatedOf(d, postedTotal, firstPeriod);
  return {
    residual: exempt && isLand(a.category) ? 0 : residualOf(d),
    monthly: exempt ? 0 : monthlyCharge(d),
    months: exempt ? null : lifeMonths(d),
    opening: openingAccumulated(d, firstPeriod),
    posted: postedTotal,
    accumulated,
    net: a.cost - accumulated,
    exempt,
  };
}

export interface RegisterLine {
  asset: AssetRecord;
  figures: AssetFigures;
  /** False once disposed on or before the day the register is drawn up. */
  inRegister: boolean;
}

/**
 * The register as of a day (null: everything): the cards acquired by then, a disposal after it not
 * yet counted, depreciation posted on vouchers dated by then (`posted`: asset → fen).
 */
export function assetRegister(
  assets: readonly AssetRecord[],
  posted: ReadonlyMap<string, Fen>,
  firstPeriod: Period | null,
  asOf: IsoDate | null,
): RegisterLine[] {
  const day = asOf ?? '9999-12-31';
  const first = firstPeriod && periodOf(day) < firstPeriod ? periodOf(day) : firstPeriod;
  return assets
    .filter((a) => a.acquired <= day)
    .map((a) => {
      const disposed = a.disposedOn !== null && a.disposedOn <= day;
      return {
        asset: a,
        figures: assetFigures({ ...a, disposedOn: disposed ? a.disposedOn : null }, posted.get(a.code) ?? 0, first),
        inRegister: !disposed,
      };
    });
}

export interface CostAndDepreciation {
  cost: Fen;
  accumulated: Fen;
}

export interface Reconciliation {
  register: CostAndDepreciation;
  /** 151 固定资产 (debit balance) and 152 累计折旧 (credit balance) in the ledger. */
  ledger: CostAndDepreciation;
  difference: CostAndDepreciation;
  agrees: boolean;
}

/** The register's totals (cards still held) against 151 and 152. */
export function reconcileRegister(lines: readonly RegisterLine[], ledger: CostAndDepreciation): Reconciliation {
  const held = lines.filter((l) => l.inRegister);
  const register = {
    cost: held.reduce((s, l) => s + l.asset.cost, 0),
    accumulated: held.reduce((s, l) => s + l.figures.accumulated, 0),
  };
  const difference = { cost: register.cost - ledger.cost, accumulated: register.accumulated - ledger.accumulated };
  return { register, ledger, difference, agrees: difference.cost === 0 && difference.accumulated === 0 };
}

// ---------------------------------------------------------------- disposal (处置)

export interface DisposalAccounts {
  fixed: string;
  accumulated: string;
  clearing: string;
  cash: string;
  gain: string;
  loss: string;
}

/**
 * A disposal: the asset exists and is not disposed; the date is not before its acquisition nor
 * before the last month depreciated; its cost is within what 151 固定资产 holds on the date (a card
 * whose purchase never reached the books would take 151 below nothing); something is to be posted
 * (cost or proceeds); the cash account (given: a leaf of 101/102/112/113; default 102's leaf) and
 * 151/152/154/504/515 resolve.
 */
export function checkDisposal(
  code: string,
  a: AssetRecord | undefined,
  x: { date: IsoDate; proceeds: Fen; cashAccount: string | null; depreciatedThrough: Period | null; fixedInBooks?: Fen; contracts?: readonly SubjectTerm[] },
  chart: AccountLookup,
): { accounts: DisposalAccounts | null; errors: LedgerError[] } {
  if (!a) return { accounts: null, errors: [AssetErrors.ASSET_UNKNOWN(code)] };
  const errors: LedgerError[] = [];
  if (a.disposedOn) errors.push(AssetErrors.ASSET_DISPOSED(code, a.disposedOn));
  // A contract that still holds the asset after the day it leaves would keep its rent falling due
  // on an asset the collective no longer has: the contract is ended first (contract end). One ended
  // before it began never held it.
  for (const c of x.contracts ?? []) if (c.end > x.date && c.start <= c.end) errors.push(AssetErrors.ASSET_UNDER_CONTRACT(code, c.code, c.end, x.date, c.ended ?? false));
  if (x.date < a.acquired) errors.push(AssetErrors.ASSET_DISPOSE_DATE(code, x.date, { acquired: a.acquired }));
  else if (x.depreciatedThrough && x.depreciatedThrough > periodOf(x.date)) {
    errors.push(AssetErrors.ASSET_DISPOSE_DATE(code, x.date, { depreciatedThrough: x.depreciatedThrough }));
  }
  if (!errors.length && x.fixedInBooks !== undefined && a.cost > x.fixedInBooks)
    errors.push(AssetErrors.ASSET_NOT_IN_BOOKS(code, formatFenGrouped(a.cost), formatFenGrouped(x.fixedInBooks), x.date));
  if (a.cost === 0 && x.proceeds === 0) errors.push(AssetErrors.ASSET_DISPOSE_ZERO());
  const pick = (dflt: string) => {
    const r = chart.resolveLeaf(dflt, null);
    if ('error' in r) errors.push(r.error);
    return 'error' in r ? '' : r.code;
  };
  const cash = pickAccount(chart, x.cashAccount, '102', ['101', '102', '112', '113'], { zh: '收款科目', en: 'cash account' }, '--account');
  if ('error' in cash) errors.push(cash.error);
  const accounts = { fixed: pick('151'), accumulated: pick('152'), clearing: pick('154'), gain: pick('504'), loss: pick('515'), cash: 'code' in cash ? cash.code : '' };
  return { accounts: errors.length ? null : accounts, errors };
}

/**
 * The disposal (处置) through 154 固定资产清理, one voucher:
 *   Dr 154 net value, Dr 152 accumulated / Cr 151 cost        (转入清理)
 *   Dr cash proceeds / Cr 154                                 (处置收入)
 *   gain: Dr 154 / Cr 504 其他收入; loss: Dr 515 其他支出 / Cr 154 (结转净损益)
 * Zero lines are left out. Account codes are passed in (the leaf under each first-level account).
 */
export function disposalLines(x: { cost: Fen; accumulated: Fen; proceeds: Fen; project?: string | null }, acc: DisposalAccounts): VoucherLine[] {
  const net = x.cost - x.accumulated;
  const result = x.proceeds - net;
  const p = x.project ?? null;
  const lines: VoucherLine[] = [];
  const dr = (account: string, amount: Fen, project: string | null = null) => amount !== 0 && lines.push({ account, debit: amount, credit: 0, project });
  const cr = (account: string, amount: Fen, project: string | null = null) => amount !== 0 && lines.push({ account, debit: 0, credit: amount, project });
  dr(acc.clearing, net);
  dr(acc.accumulated, x.accumulated);
  cr(acc.fixed, x.cost);
  dr(acc.cash, x.proceeds);
  cr(acc.clearing, x.proceeds);
  if (result > 0) {
    dr(acc.clearing, result);
    cr(acc.gain, result, p);
  } else if (result < 0) {
    dr(acc.loss, -result, p);
    cr(acc.clearing, -result);
  }
  return lines;
}

/** The disposal voucher of an asset whose depreciation is posted through the disposal month. */
export function disposalVoucher(
  a: AssetRecord,
  x: { date: IsoDate; proceeds: Fen; postedTotal: Fen; firstPeriod: Period | null; summary: string | null },
  accounts: DisposalAccounts,
): { draft: VoucherDraft; accumulated: Fen; net: Fen; result: Fen } {
  const accumulated = accumulatedOf(depreciable({ ...a, disposedOn: x.date }), x.postedTotal, x.firstPeriod);
  const lines = disposalLines({ cost: a.cost, accumulated, proceeds: x.proceeds, project: a.project }, accounts);
  const net = a.cost - accumulated;
  return {
    draft: { date: x.date, summary: x.summary?.trim() || `处置固定资产 ${a.code} ${a.name}`, lines, kind: 'asset-disposal' },
    accumulated,
    net,
    result: x.proceeds - net,
  };
}

/** Cards depreciated by units of work (工作量法): never charged automatically; the accountant posts them by hand. */
export function manualDepreciation(assets: readonly AssetRecord[]): AssetRecord[] {
  return assets.filter((a) => a.method === '工作量法' && a.status !== '处置');
}
