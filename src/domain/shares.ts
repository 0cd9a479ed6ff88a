// Shares (股份) and contributions (出资入股). Pure: no clock, no I/O.
//
// Shares are integers in 1/10,000 of a share ("units"): 12345 units = 1.2345 shares.
// Money is integer fen (see money.ts); the one rounding step is roundToFen (half away from zero).
import {
  Decimal,
  foldWidth,
  formatFenGrouped,
  roundToFen,
  type Fen,
  type ParseResult,
} from './money.js';
import type { IsoDate } from './dates.js';

/** Units per share: shares carry at most 4 decimals. */
export const UNITS_PER_SHARE = 10000;

export type ContributionKind = 'cash' | 'material' | 'labor' | 'land';

export const CONTRIBUTION_KIND_LABELS: Record<ContributionKind, { zh: string; en: string }> = {
  cash: { zh: '现金', en: 'cash' },
  material: { zh: '实物', en: 'material' },
  labor: { zh: '劳务', en: 'labor' },
  land: { zh: '土地', en: 'land' },
};

const KIND_NAMES: Record<string, ContributionKind> = {
  现金: 'cash',
  cash: 'cash',
  实物: 'material',
  物料: 'material',
  material: 'material',
  劳务: 'labor',
  投劳: 'labor',
  labor: 'labor',
  labour: 'labor',
  土地: 'land',
  land: 'land',
};

/** 现金|cash, 实物|物料|material, 劳务|投劳|labor, 土地|land (English case-insensitive); else null. */
export function parseKind(s: string): ContributionKind | null {
  const k = foldWidth(s).trim().toLowerCase();
  return Object.prototype.hasOwnProperty.call(KIND_NAMES, k) ? KIND_NAMES[k] : null;
}

export interface ContributionInput {
  kind: ContributionKind;
  /** 金额 in fen. cash: required. Other kinds: optional, must agree with quantity × unit price. */
  amount?: Fen | null;
  /** 数量: material quantity, 工日 for labor, 亩 for land. */
  quantity?: Decimal | null;
  /** 单价 in 元 (up to 4 decimals): unit price, 日工价 for labor, value per 亩 for land. */
  unitPrice?: Decimal | null;
}

const NEEDS: Record<Exclude<ContributionKind, 'cash'>, { zh: string; en: string }> = {
  material: { zh: '实物出资需要数量和单价', en: 'a material contribution needs a quantity and a unit price' },
  labor: {
    zh: '劳务出资需要数量（工日）和单价（日工价）',
    en: 'a labor contribution needs a quantity (workdays) and a unit price (daily wage)',
  },
  land: {
    zh: '土地出资需要数量（亩）和单价（每亩价值）',
    en: 'a land contribution needs a quantity (mu) and a unit price (value per mu)',
  },
};

/**
 * The value of a contribution in fen.
 * - cash: the amount, which must be given and > 0.
 * - material: round(quantity × unitPrice × 100) fen; labor: 工日 × 日工价; land: 亩 × value per 亩,
 *   each rounded once to the fen, half away from zero. quantity and unitPrice must be given and > 0.
 *   An amount, if given, must be > 0 and equal that value exactly (the error shows both).
 */
export function valueContribution(c: ContributionInput): ParseResult<Fen> {
  const amount = c.amount ?? null;
  if (amount !== null && (!Number.isSafeInteger(amount) || amount <= 0)) {
    return { ok: false, reason: '金额必须大于 0', reasonEn: 'the amount must be greater than 0' };
  }
  if (c.kind === 'cash') {
    if (amount === null) return { ok: false, reason: '现金出资需要金额', reasonEn: 'a cash contribution needs an amount' };
    return { ok: true, value: amount };
  }
  const q = c.quantity ?? null;
  const p = c.unitPrice ?? null;
  if (q === null || p === null) {
    const n = NEEDS[c.kind];
    return { ok: false, reason: n.zh, reasonEn: n.en };
  }
  if (!q.gt(0)) return { ok: false, reason: '数量必须大于 0', reasonEn: 'the quantity must be greater than 0' };
  if (!p.gt(0)) return { ok: false, reason: '单价必须大于 0', reasonEn: 'the unit price must be greater than 0' };
  let value: Fen;
  try {
    value = roundToFen(q.mul(p).mul(100));
  } catch {
    return { ok: false, reason: '数量 × 单价 过大', reasonEn: 'quantity × unit price is too large' };
  }
  if (value <= 0) {
    return {
      ok: false,
      reason: '数量 × 单价 不足 1 分',
      reasonEn: 'quantity × unit price is less than one fen',
    };
  }
  if (amount !== null && amount !== value) {
    return {
      ok: false,
      reason: `金额 ${formatFenGrouped(amount)} 与 数量 × 单价 = ${formatFenGrouped(value)} 不符`,
      reasonEn: `amount ${formatFenGrouped(amount)} does not match quantity × unit price = ${formatFenGrouped(value)}`,
    };
  }
  return { ok: true, value };
}

/**
 * Shares bought by a contribution of `value` fen at a par of `par` fen per share.
 *
 * - units = floor(value × 10000 ÷ par): shares = value ÷ par truncated (not rounded) to 4 decimals.
 * - capital (credited to 301 资本) = the par value of those shares, units × par ÷ 10000, rounded
 *   DOWN to the fen, so that capital ≤ value always holds.
 * - remainder (credited to 311 公积公益金) = value − capital ≥ 0.
 *
 * Integer arithmetic in BigInt, so value × 10000 cannot lose precision.
 * Example: value 1,000.00 (100000 fen), par 3.00 (300 fen): units = floor(100000×10000÷300)
 * = 3333333 (333.3333 shares); capital = floor(3333333×300÷10000) = 99999 fen (999.99);
 * remainder = 1 fen (0.01).
 */
export function sharesForValue(value: Fen, par: Fen): { units: number; capital: Fen; remainder: Fen } {
  if (!Number.isSafeInteger(par) || par <= 0) throw new RangeError(`par must be a positive number of fen, got ${par}`);
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`value must be a non-negative number of fen, got ${value}`);
  const v = BigInt(value);
  const p = BigInt(par);
  const u = (v * BigInt(UNITS_PER_SHARE)) / p; // BigInt division truncates; both positive → floor
  const cap = (u * p) / BigInt(UNITS_PER_SHARE);
  const units = Number(u);
  if (!Number.isSafeInteger(units)) throw new RangeError(`too many shares: ${u.toString()} units`);
  const capital = Number(cap);
  return { units, capital, remainder: value - capital };
}

export interface ShareMovement {
  member: string;
  date: IsoDate;
  /** Signed: + received, − given away. */
  units: number;
  shareClass: string;
}

export interface Holding {
  total: number;
  byClass: Map<string, number>;
}

/**
 * Holdings on `asOf`: the sum of the movements dated on or before it, per member and share class.
 * Members whose total is 0 are omitted, and so are classes that net to 0. The map is ordered by
 * member id (code-unit order), its classes by class name.
 */
export function holdingsAsOf(movements: readonly ShareMovement[], asOf: IsoDate): Map<string, Holding> {
  const acc = new Map<string, Map<string, number>>();
  for (const mv of movements) {
    if (mv.date > asOf) continue;
    let classes = acc.get(mv.member);
    if (!classes) {
      classes = new Map();
      acc.set(mv.member, classes);
    }
    classes.set(mv.shareClass, (classes.get(mv.shareClass) ?? 0) + mv.units);
  }
  const out = new Map<string, Holding>();
  for (const member of [...acc.keys()].sort(cmp)) {
    const classes = acc.get(member)!;
    const byClass = new Map<string, number>();
    let total = 0;
    for (const cls of [...classes.keys()].sort(cmp)) {
      const u = classes.get(cls)!;
      total += u;
      if (u !== 0) byClass.set(cls, u);
    }
    if (total !== 0) out.set(member, { total, byClass });
  }
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** 12345 → "1.2345", 10000 → "1", 15000 → "1.5", 0 → "0", −5000 → "-0.5". No exponent. */
export function formatUnits(units: number): string {
  if (!Number.isSafeInteger(units)) throw new RangeError(`units must be an integer, got ${units}`);
  const neg = units < 0;
  const a = Math.abs(units);
  const whole = Math.floor(a / UNITS_PER_SHARE);
  const frac = String(a % UNITS_PER_SHARE).padStart(4, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${whole}${frac ? '.' + frac : ''}`;
}

const SHARES_RE = /^(-)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

/**
 * A number of shares written by a person ("1.5", "１．５", "1,000") as units: "1.5" → 15000.
 * More than 4 decimals, zero, negatives and anything that is not a plain decimal are refused.
 */
export function parseShares(s: string): ParseResult<number> {
  const t = foldWidth(s).trim();
  if (t === '') return { ok: false, reason: '股数为空', reasonEn: 'number of shares is empty' };
  const m = SHARES_RE.exec(t);
  if (!m || (m[3] !== undefined && m[3] === '')) {
    return { ok: false, reason: `股数格式不正确：「${s}」`, reasonEn: `not a number of shares: "${s}"` };
  }
  const frac = m[3] ?? '';
  if (frac.length > 4) {
    return {
      ok: false,
      reason: `股数「${s}」超过 4 位小数`,
      reasonEn: `number of shares "${s}" has more than 4 decimals`,
    };
  }
  const units = Number(m[2].replace(/,/g, '')) * UNITS_PER_SHARE + Number(frac.padEnd(4, '0'));
  if (!Number.isSafeInteger(units)) {
    return { ok: false, reason: `股数「${s}」过大`, reasonEn: `number of shares "${s}" is too large` };
  }
  if (m[1] || units === 0) {
    return { ok: false, reason: `股数必须大于 0：「${s}」`, reasonEn: `number of shares must be greater than 0: "${s}"` };
  }
  return { ok: true, value: units };
}

/** Reasons a holding may move inside the collective (DOMAIN: transfer, inheritance, gift, paid exit). */
export const TRANSFER_REASONS = ['继承', '转让', '赠与', '退出'] as const;
export type TransferReason = (typeof TRANSFER_REASONS)[number];

export function isTransferReason(s: string): s is TransferReason {
  return (TRANSFER_REASONS as readonly string[]).includes(s);
}

/**
 * Whether `units` can be moved out of a holding of `holdingUnits`: null if so, else the reason
 * (non-positive, or more than held — both shown in shares).
 */
export function checkTransfer(holdingUnits: number, units: number): null | { reason: string; reasonEn: string } {
  if (!Number.isSafeInteger(units) || units <= 0) {
    const shown = Number.isSafeInteger(units) ? formatUnits(units) : String(units);
    return {
      reason: `转出股数必须大于 0（实为 ${shown} 股）`,
      reasonEn: `the number of shares transferred must be greater than 0 (got ${shown})`,
    };
  }
  if (units > holdingUnits) {
    return {
      reason: `转出 ${formatUnits(units)} 股超过持有的 ${formatUnits(holdingUnits)} 股`,
      reasonEn: `transferring ${formatUnits(units)} shares exceeds the ${formatUnits(holdingUnits)} held`,
    };
  }
  return null;
}
