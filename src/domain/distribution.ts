// 收益分配: the year's distribution plan. Pure: no clock, no I/O.
//
// Order (DOMAIN.md): 弥补以前年度亏损 → 提取公积公益金 → 向成员分配 (by shares).
// Shares are integers in 1/10,000 of a share ("units"); a weight is an integer over one
// denominator (Weighing), shown and stored as a Decimal in shares. Money is integer fen, rounded
// half away from zero; the pool is split by the largest remainder, ties to the smaller member id,
// exactly in integers (splitByIntegers), or with allocate() over Decimal weights under a household
// cap.
import { allocate, Decimal, formatFen, fractionDigits, roundToFen, type Fen } from './money.js';
import { ColumnMap } from './column-map.js';
import { dayNumber, daysInYear, makeDate, type IsoDate } from './dates.js';
import { formatUnits, UNITS_PER_SHARE, type ShareMovement } from './shares.js';

/** What the planner reads of a share movement: who, when, how many units (every class counts alike). */
export type PlanMovement = Pick<ShareMovement, 'member' | 'date' | 'units'>;
import type { LedgerError, Text } from './errors.js';
import { DividendErrors } from './errors/dividends.js';

export interface Shareholder {
  member: string;
  name: string;
  household: string | null;
}

export interface DistributionOptions {
  year: number;
  /** Distributable profit in fen, already decided by the caller. */
  profit: Fen;
  /** > 0: 未弥补亏损 covered first (the collective's own register only). Default 0. */
  openingLoss?: Fen;
  /** Fraction of the profit (after loss) kept as 公积公益金: 0.1 = 10%. */
  reserveRate: Decimal;
  /** Fraction of (profit − reserve) paid to shareholders: 1 = 100%. */
  payoutRate: Decimal;
  basis: 'record-date' | 'time-weighted';
  /** Holdings counted on this day (record-date basis only). */
  recordDate: IsoDate;
  /** Fraction withheld as tax from each member's gross. */
  withholdRate: Decimal;
  /** member → debit balance on 113 内部往来 (> 0 = owes); only with --offset-debts. */
  debts?: Map<string, Fen>;
  /** Share units per household; shares above the cap earn nothing. */
  capPerHousehold?: number;
}

export interface Allocation {
  member: string;
  name: string;
  household: string | null;
  /** Units held on the record date (time-weighted: at 12-31 of the year). */
  shares: number;
  /** In shares (not units), after the household cap. */
  weight: Decimal;
  gross: Fen;
  tax: Fen;
  offset: Fen;
  net: Fen;
}

export interface DistributionTotals {
  gross: Fen;
  tax: Fen;
  offset: Fen;
  net: Fen;
}

export interface DistributionPlan {
  year: number;
  profit: Fen;
  lossCovered: Fen;
  reserve: Fen;
  pool: Fen;
  totalWeight: Decimal;
  /** Yuan per share, 6 decimals, half away from zero; 0 when there is no weight. */
  perShare: Decimal;
  basis: 'record-date' | 'time-weighted';
  /** Sorted by member id (code-unit order). Members with weight 0 are left out. */
  allocations: Allocation[];
  totals: DistributionTotals;
  emptyReason: null | 'no-profit' | 'no-shares';
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Time weights in shares (the time-weighted basis; shares.ts keeps the holdings on one day):
 * Σ units × days held in the year ÷ days in the year ÷ 10,000, where a
 * movement counts from max(its date, YYYY-01-01) through YYYY-12-31 inclusive (a negative
 * movement subtracts its remaining days). Movements after the year are ignored. Leap years: 366.
 * The unit-days are summed exactly and divided once.
 */
export function timeWeights(movements: Iterable<PlanMovement>, year: number): Map<string, Decimal> {
  const first = makeDate(year, 1, 1);
  const last = makeDate(year, 12, 31);
  const lastDay = dayNumber(last);
  const unitDays = new Map<string, bigint>();
  for (const mv of movements) {
    if (mv.date > last) continue;
    const start = mv.date < first ? first : mv.date;
    const days = lastDay - dayNumber(start) + 1;
    unitDays.set(mv.member, (unitDays.get(mv.member) ?? 0n) + BigInt(mv.units) * BigInt(days));
  }
  const divisor = new Decimal(daysInYear(year) * UNITS_PER_SHARE);
  const out = new Map<string, Decimal>();
  for (const [member, ud] of unitDays) out.set(member, new Decimal(ud.toString()).div(divisor));
  return out;
}

const RATE_NAMES = {
  reserveRate: { zh: '提取公积公益金比例', en: 'the reserve rate' },
  payoutRate: { zh: '分配比例', en: 'the payout rate' },
  withholdRate: { zh: '代扣税比例', en: 'the withholding rate' },
} as const;

function problem(reason: Text): LedgerError {
  return DividendErrors.DIVIDEND_PLAN(reason);
}

/**
 * What the register says for a plan, from one pass over its movements: the units each member holds
 * on the day the shares are counted, and each member's weight as an integer numerator over one
 * denominator (record date: units ÷ 10,000; time-weighted: unit-days ÷ (days in the year × 10,000)).
 * Computed once and handed to checkDistribution(), planDistribution() and checkHeld().
 */
export interface Weighing {
  basis: DistributionOptions['basis'];
  year: number;
  /** The day the holdings are counted: the record date, or YYYY-12-31 time-weighted. */
  shareDate: IsoDate;
  /** Units held on shareDate per member, members holding 0 left out; in the register's order. */
  held: ReadonlyMap<string, number>;
  /**
   * Each member's weight × denominator (record date: the units held; time-weighted: the unit-days
   * of the year, in the order members first appear in the register). null when a sum is beyond
   * 2^53 (then the weights are computed in BigInt and Decimal).
   */
  numerators: ReadonlyMap<string, number> | null;
  denominator: number;
  /** Movements whose units are not whole: no weights are computed when there are any. */
  badUnits: readonly PlanMovement[];
}

/**
 * Units held and weights of every member, in one pass over the movements (see Weighing): read
 * once, they can come from the ledger a row at a time, none of them kept.
 */
export function weighMovements(movements: Iterable<PlanMovement>, opts: Pick<DistributionOptions, 'basis' | 'recordDate' | 'year'>): Weighing {
  const { timeWeighted, shareDate, first, last } = weighingDays(opts);
  const denominator = timeWeighted ? daysInYear(opts.year) * UNITS_PER_SHARE : UNITS_PER_SHARE;
  const badUnits: PlanMovement[] = [];
  let safe = true;
  const held = new Map<string, number>();
  const lastDay = dayNumber(last);
  const firstDays = lastDay - dayNumber(first) + 1;
  const unitDays = new Map<string, number>();
  const daysFrom = new Map<string, number>();
  for (const mv of movements) {
    if (!Number.isSafeInteger(mv.units)) badUnits.push(mv);
    if (mv.date > shareDate) continue;
    const u = (held.get(mv.member) ?? 0) + mv.units;
    if (!Number.isSafeInteger(u)) safe = false;
    held.set(mv.member, u);
    if (timeWeighted) {
      let days = mv.date <= first ? firstDays : daysFrom.get(mv.date);
      if (days === undefined) daysFrom.set(mv.date, (days = lastDay - dayNumber(mv.date) + 1));
      const ud = (unitDays.get(mv.member) ?? 0) + mv.units * days;
      if (!Number.isSafeInteger(ud) || !Number.isSafeInteger(mv.units * days)) safe = false;
      unitDays.set(mv.member, ud);
    }
  }
  for (const [m, u] of held) if (u === 0) held.delete(m);
  if (badUnits.length) return { basis: opts.basis, year: opts.year, shareDate, held, numerators: new Map(), denominator, badUnits };
  const numerators = timeWeighted ? unitDays : held;
  return { basis: opts.basis, year: opts.year, shareDate, held, numerators: safe && safeSum(numerators.values()) ? numerators : null, denominator, badUnits };
}

/** Whether the integer split can add these numerators: their sum, not only each one, below 2^53. */
function safeSum(numerators: Iterable<number>): boolean {
  let sum = 0;
  for (const n of numerators) {
    sum += Math.abs(n);
    if (!Number.isSafeInteger(sum)) return false;
  }
  return true;
}

/**
 * The days a plan weighs the register over: the movements dated on or before `shareDate` count (the
 * record date; time-weighted, the last day of the year, so that the movements that count for the
 * weights are the ones that count for the holdings), and time-weighted, a movement counts from
 * max(its date, `first`) through `last` inclusive.
 */
export interface WeighingDays {
  timeWeighted: boolean;
  shareDate: IsoDate;
  first: IsoDate;
  last: IsoDate;
}

export function weighingDays(opts: Pick<DistributionOptions, 'basis' | 'recordDate' | 'year'>): WeighingDays {
  const timeWeighted = opts.basis === 'time-weighted';
  const last = makeDate(opts.year, 12, 31);
  return { timeWeighted, shareDate: timeWeighted ? last : opts.recordDate, first: makeDate(opts.year, 1, 1), last };
}

/**
 * A member's movements summed over WeighingDays (by the store, in SQL): the member, their name and
 * household (null when not on the roll), the units held on `shareDate`, and time-weighted the
 * unit-days of the year, Σ units × (days from max(date, first) through last), else 0 (both null
 * for a member whose movements all come later); with the largest |units| of any one movement of
 * theirs, on any date. The same sums weighMovements() makes of the movements.
 */
export type SummedHolding = [member: string, name: string | null, household: string | null, held: number | null, unitDays: number | null, largest: number];

/** A register's Weighing from its sums (weighSums), and the holders among them. */
export interface SummedWeighing {
  weighing: Weighing;
  holders: Shareholder[];
}

/**
 * The Weighing of a register summed per member (SummedHolding rows, by member id), the same as
 * weighMovements() of its movements, and the holders among them; null when a figure is not a safe
 * integer (then the movements are weighed one by one, in BigInt where they must be). The rows are
 * read once, none of them kept.
 */
export function weighSums(rows: Iterable<SummedHolding>, opts: Pick<DistributionOptions, 'basis' | 'recordDate' | 'year'>): SummedWeighing | null {
  const { timeWeighted, shareDate } = weighingDays(opts);
  // Lists, not Maps: the rows come once each, by member id, and are read in that order.
  const held = new ColumnMap<number>();
  const unitDays = timeWeighted ? new ColumnMap<number>() : held;
  const holders: Shareholder[] = [];
  // Indexed, not destructured: the loop runs once, before V8 has made array destructuring quick.
  for (const row of rows) {
    const member = row[0];
    const name = row[1];
    const units = row[3];
    const ud = row[4];
    if (!Number.isSafeInteger(row[5])) return null;
    if (name !== null) holders.push({ member, name, household: row[2] });
    if (units === null) continue; // every movement of theirs after the share date
    if (!Number.isSafeInteger(units) || !Number.isSafeInteger(ud)) return null;
    if (units !== 0) held.add(member, units);
    if (timeWeighted) unitDays.add(member, ud!);
  }
  if (!safeSum(unitDays.values())) return null;
  const denominator = timeWeighted ? daysInYear(opts.year) * UNITS_PER_SHARE : UNITS_PER_SHARE;
  return { weighing: { basis: opts.basis, year: opts.year, shareDate, held, numerators: unitDays, denominator, badUnits: [] }, holders };
}

/** The weights as Decimals in shares (the same values as timeWeights() and units ÷ 10,000). */
function decimalWeights(movements: Iterable<PlanMovement>, w: Weighing): Map<string, Decimal> {
  const raw = new Map<string, Decimal>();
  if (w.numerators) {
    for (const [m, n] of w.numerators) raw.set(m, new Decimal(n).div(w.denominator));
  } else if (w.basis === 'record-date') {
    for (const [m, u] of w.held) raw.set(m, new Decimal(u).div(UNITS_PER_SHARE));
  } else {
    for (const [m, x] of timeWeights(movements, w.year)) raw.set(m, x);
  }
  return raw;
}

function byId(ids: string[]): string[] {
  // The default sort compares UTF-16 code units: the same order as cmp().
  for (let i = 1; i < ids.length; i++) if (ids[i - 1] > ids[i]) return ids.sort();
  return ids;
}

/**
 * Every reason the planner cannot plan: a share movement that is not a whole number of units, a
 * member holding (or, time-weighted, weighing) less than nothing, a rate outside 0–100%, an amount
 * that is not whole fen, a negative household cap. Empty when planDistribution() can run.
 * `weighing`: weighMovements() of the same movements and options, when the caller has it.
 */
export function checkDistribution(movements: Iterable<PlanMovement>, opts: DistributionOptions, weighing?: Weighing): LedgerError[] {
  const errors: LedgerError[] = [];
  for (const [name, v] of [['profit', opts.profit], ['openingLoss', opts.openingLoss ?? 0]] as const) {
    if (!Number.isSafeInteger(v)) errors.push(problem({ zh: `金额必须是整数分（${name} = ${v}）`, en: `${name} must be an integer number of fen, got ${v}` }));
  }
  for (const key of ['reserveRate', 'payoutRate', 'withholdRate'] as const) {
    const r = opts[key];
    if (!r.isFinite() || r.lt(0) || r.gt(1)) {
      const pct = r.isFinite() ? r.mul(100).toFixed() + '%' : r.toString();
      errors.push(problem({ zh: `${RATE_NAMES[key].zh}应在 0 到 100% 之间（实为 ${pct}）`, en: `${RATE_NAMES[key].en} must be between 0 and 100%, got ${pct}` }));
    }
  }
  const cap = opts.capPerHousehold;
  if (cap !== undefined && (!Number.isSafeInteger(cap) || cap < 0)) {
    errors.push(problem({ zh: `每户封顶股数必须是非负数（实为 ${cap} 单位）`, en: `the household cap must be a non-negative number of share units, got ${cap}` }));
  }
  const w = weighing ?? weighMovements(movements, opts);
  for (const mv of w.badUnits) {
    errors.push(problem({ zh: `成员 ${mv.member} ${mv.date} 的股份变动不是整数单位（${mv.units}）`, en: `share movement of ${mv.member} on ${mv.date}: units must be an integer, got ${mv.units}` }));
  }
  if (w.badUnits.length) return errors;
  const { shareDate, held } = w;
  const negative: string[] = [];
  // forEach, not for…of with destructuring: quick from the first call, over 100,000 holders.
  held.forEach((u, m) => {
    if (u < 0) negative.push(m);
  });
  for (const m of byId(negative)) {
    const u = held.get(m)!;
    errors.push(problem({
      zh: `成员 ${m} 在 ${shareDate} 持有负数股份（${formatUnits(u)} 股），请核对其股份转让记录`,
      en: `member ${m} holds a negative number of shares (${formatUnits(u)}) on ${shareDate}; check the member's share transfers`,
    }));
  }
  if (w.basis === 'time-weighted') {
    // A record-date weight is the holding itself: only a time weight can be negative on its own.
    const negativeWeight = (m: string, wt: () => Decimal) => {
      if ((held.get(m) ?? 0) < 0) return;
      const x = wt();
      errors.push(problem({
        zh: `成员 ${m} ${opts.year} 年的持股天数加权为负数（${x.toDecimalPlaces(6).toFixed()}），请核对其股份转让记录`,
        en: `member ${m} has a negative time weight (${x.toString()}) in ${opts.year}; check the member's share transfers`,
      }));
    };
    // By member id, as the negative holdings above (the weights come in the register's order, or by id).
    const weights = new Map<string, () => Decimal>();
    if (w.numerators) {
      w.numerators.forEach((n, m) => {
        if (n < 0) weights.set(m, () => new Decimal(n).div(w.denominator));
      });
    } else {
      for (const [m, x] of timeWeights(movements, opts.year)) if (x.lt(0)) weights.set(m, () => x);
    }
    for (const m of byId([...weights.keys()])) negativeWeight(m, weights.get(m)!);
  }
  return errors;
}

/**
 * One member's share of the plan. Its weight (a Decimal in shares) is worked out only when read:
 * the plan itself splits the pool in integers (see planDistribution).
 */
class WeighedAllocation implements Allocation {
  readonly #numerator: number;
  readonly #denominator: number;
  #weight: Decimal | undefined;
  constructor(
    public member: string,
    public name: string,
    public household: string | null,
    public shares: number,
    numerator: number,
    denominator: number,
    public gross: Fen,
    public tax: Fen,
    public offset: Fen,
    public net: Fen,
  ) {
    this.#numerator = numerator;
    this.#denominator = denominator;
  }
  get weight(): Decimal {
    return (this.#weight ??= new Decimal(this.#numerator).div(this.#denominator));
  }
  /** The weight to 6 decimals, half away from zero, without a Decimal (the weight is > 0). */
  weightText(): string {
    return fixed6(this.#numerator, this.#denominator);
  }
}

/** floor(x ÷ y) of safe integers x ≥ 0, y > 0 (a floating quotient can be 1 off near 2^53). */
function idiv(x: number, y: number): number {
  let q = Math.floor(x / y);
  if (q * y > x) q -= 1;
  else if ((q + 1) * y <= x) q += 1;
  return q;
}

/** n ÷ d (n ≥ 0, d > 0, both safe integers, d ≤ 10^9) to 6 decimals, half up, trailing zeros dropped. */
function fixed6(n: number, d: number): string {
  let whole = idiv(n, d);
  const r = n - whole * d;
  let frac = Math.floor((r * 2_000_000 + d) / (2 * d));
  if (frac === 1_000_000) {
    whole += 1;
    frac = 0;
  }
  return frac === 0 ? String(whole) : `${whole}.${fractionDigits(frac, 6)}`;
}

/** A weight as the plan shows it: 6 decimals, half away from zero ("1.5", "0.333333", "0"). */
export function weightText(a: Pick<Allocation, 'weight'>): string {
  if (a instanceof WeighedAllocation) return a.weightText();
  return weightString(a.weight);
}

/**
 * fen × rate rounded to the fen, half away from zero: roundToFen(fen × rate), in integers when the
 * rate is a short decimal (a percentage as given), else in Decimal.
 */
function fenTimesRate(rate: Decimal): (fen: Fen) => Fen {
  if (rate.isZero()) return () => 0;
  const [n, d] = rate.toFraction().map((x) => x.toNumber());
  if (!(Number.isSafeInteger(n) && Number.isSafeInteger(d) && d > 0 && n >= 0 && n <= 1e9 && d <= 1e9)) return (fen) => roundToFen(new Decimal(fen).mul(rate));
  return (fen) => {
    const p = Math.abs(fen) * n;
    if (!Number.isSafeInteger(2 * p + d)) return roundToFen(new Decimal(fen).mul(rate));
    const r = idiv(2 * p + d, 2 * d);
    return fen < 0 && r !== 0 ? -r : r;
  };
}

/**
 * The pool split by integer weights (largest remainder, ties to the smaller index): part i =
 * floor(pool × n_i ÷ N), then the fen left over one each to the largest remainders
 * pool × n_i mod N. Exact: in numbers while N + max n_i is at most 2^52 (by long division, see
 * poolDigits), else in BigInt.
 */
export function splitByIntegers(pool: Fen, nums: readonly number[]): Fen[] {
  const count = nums.length;
  let total = 0;
  let max = 0;
  for (const n of nums) {
    total += n;
    if (n > max) max = n;
  }
  const parts: Fen[] = new Array<Fen>(count);
  if (count === 0 || total <= 0 || pool === 0) return parts.fill(0);
  const written = poolDigits(pool, max, total);
  let given = 0;
  if (written) {
    // pool × n ÷ N as long division is done by hand, over the pool's digits (see poolDigits): a
    // step takes the remainder so far times B plus the next digit times n, within 2^53; the
    // quotient so far never passes the whole quotient, at most the pool. Each remainder is below
    // N, within 2^53: a float holds it exactly.
    const { base, digits } = written;
    const rems = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      const n = nums[i];
      let q = 0;
      let r = 0;
      for (let k = 0; k < digits.length; k++) {
        const t = r * base + digits[k] * n;
        const step = idiv(t, total);
        q = q * base + step;
        r = t - step * total;
      }
      parts[i] = q;
      given += q;
      rems[i] = r;
    }
    giveLeftOver(parts, rems, pool - given);
    return parts;
  }
  const rems: bigint[] = [];
  const P = BigInt(pool);
  // The total again, in BigInt: the number sum above is rounded once it passes 2^53.
  let T = 0n;
  for (const n of nums) T += BigInt(n);
  for (let i = 0; i < count; i++) {
    const x = P * BigInt(nums[i]);
    const q = x / T; // both ≥ 0: truncation is floor
    parts[i] = Number(q);
    given += parts[i];
    rems.push(x - q * T);
  }
  let left = pool - given;
  if (left > 0) {
    const order = Array.from({ length: count }, (_, i) => i);
    order.sort((a, b) => (rems[b] > rems[a] ? 1 : rems[b] < rems[a] ? -1 : a - b));
    for (let k = 0; left > 0; k++, left--) parts[order[k % count]] += 1;
  }
  return parts;
}

/**
 * The fen left over, one each to the `left` largest remainders, ties to the smaller index (the
 * order the BigInt path sorts by). The remainders are sorted as numbers to find the smallest that
 * gets one, `cut`: every larger remainder gets one, and of those equal to it the first by index;
 * 100,000 holders' remainders are sorted this way in a tenth of the time a comparator takes.
 */
function giveLeftOver(parts: Fen[], rems: Float64Array, left: number): void {
  const count = rems.length;
  if (left <= 0) return;
  // left = Σ remainders ÷ N, each remainder below N: always fewer than the parts.
  if (left >= count) throw new RangeError(`splitByIntegers: ${left} fen left over for ${count} parts`);
  const cut = rems.slice().sort()[count - left];
  let above = 0;
  for (let i = 0; i < count; i++) if (rems[i] > cut) above++;
  let ties = left - above;
  for (let i = 0; i < count; i++) {
    if (rems[i] > cut) parts[i] += 1;
    else if (rems[i] === cut && ties > 0) {
      parts[i] += 1;
      ties--;
    }
  }
}

/**
 * The pool written for splitByIntegers' long division of pool × n by N, in numbers: one digit, the
 * pool itself, while pool × max is within 2^53; else in base B, the largest power of two with
 * B × (N + max) within 2^53, the first digit as large as the first step allows (it has no
 * remainder before it: first digit × max within 2^53), so that there are as few steps as can be.
 * null when numbers cannot do it (then BigInt).
 */
function poolDigits(pool: number, max: number, total: number): { base: number; digits: number[] } | null {
  if (!Number.isSafeInteger(total) || !Number.isSafeInteger(pool)) return null;
  if (Number.isSafeInteger(pool * max)) return { base: 1, digits: [pool] };
  const span = total + max;
  if (!(pool > 0) || !Number.isSafeInteger(span)) return null;
  let base = 2 ** Math.floor(Math.log2(Number.MAX_SAFE_INTEGER / span));
  while (base >= 2 && base * span > Number.MAX_SAFE_INTEGER) base /= 2;
  if (base < 2) return null;
  const digits: number[] = [];
  let high = pool;
  while (high * max > Number.MAX_SAFE_INTEGER) {
    const low = high % base;
    digits.push(low);
    high = (high - low) / base;
  }
  digits.push(high);
  return { base, digits: digits.reverse() };
}

/**
 * The distribution plan (CONTRACT.md "Distribution options and rules").
 * Holders name the members; a member who has movements but is not among the holders is still
 * paid, under their id as name and with no household. Throws RangeError when checkDistribution()
 * finds anything (callers check first and refuse with every reason). `weighing`: as for
 * checkDistribution().
 *
 * The weights are integers over one denominator (see Weighing), so that the pool is split exactly
 * in integers (splitByIntegers); with a household cap, or sums beyond 2^53, the weights are
 * Decimals and the pool is split by allocate().
 */
export function planDistribution(
  holders: Iterable<Shareholder>,
  movements: Iterable<PlanMovement>,
  opts: DistributionOptions,
  weighing?: Weighing,
): DistributionPlan {
  const w = weighing ?? weighMovements(movements, opts);
  const errors = checkDistribution(movements, opts, w);
  if (errors.length) throw new RangeError(errors.map((e) => e.en).join('; '));

  // --- Money before the split ----------------------------------------------------------------
  const money = distributionMoney(opts);
  const { lossCovered, afterLoss, reserve } = money;
  let pool = money.pool;

  const exact = opts.capPerHousehold === undefined && w.numerators !== null;
  const info = exact ? null : holderMap(holders);
  const { ids, totalWeight, grosses, weightOf } = info === null ? integerSplit(w, pool) : decimalSplit(info, movements, w, opts.capPerHousehold, pool);
  const holderOf = info === null ? holdersAlong(holders, ids) : (i: number) => info.get(ids[i]);

  let emptyReason: DistributionPlan['emptyReason'] = null;
  if (afterLoss <= 0) emptyReason = 'no-profit';
  else if (totalWeight.lte(0)) {
    emptyReason = 'no-shares';
    pool = 0;
  }

  const taxOf = fenTimesRate(opts.withholdRate);
  const debts = opts.debts;
  const totals: DistributionTotals = { gross: 0, tax: 0, offset: 0, net: 0 };
  const allocations: Allocation[] = new Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const member = ids[i];
    const h = holderOf(i);
    const gross = grosses[i];
    const tax = taxOf(gross);
    const debt = debts ? Math.max(debts.get(member) ?? 0, 0) : 0;
    const offset = Math.min(debt, gross - tax);
    const net = gross - tax - offset;
    totals.gross += gross;
    totals.tax += tax;
    totals.offset += offset;
    totals.net += net;
    allocations[i] = weightOf(i, member, h?.name ?? member, h?.household ?? null, w.held.get(member) ?? 0, gross, tax, offset, net);
  }

  const perShare = totalWeight.gt(0)
    ? new Decimal(pool).div(100).div(totalWeight).toDecimalPlaces(6, Decimal.ROUND_HALF_UP)
    : new Decimal(0);

  return {
    year: opts.year,
    profit: opts.profit,
    lossCovered,
    reserve,
    pool,
    totalWeight,
    perShare,
    basis: opts.basis,
    allocations,
    totals,
    emptyReason,
  };
}

/**
 * The money of a plan before the split: the loss made up, the reserve and the pool (reserve =
 * round(profit × reserve%), pool = round((profit − reserve) × payout%); nothing when there is no
 * profit). The rates and the profit must have passed checkDistribution().
 */
export function distributionMoney(opts: Pick<DistributionOptions, 'profit' | 'openingLoss' | 'reserveRate' | 'payoutRate'>): { lossCovered: Fen; afterLoss: Fen; reserve: Fen; pool: Fen } {
  const openingLoss = Math.max(opts.openingLoss ?? 0, 0);
  const lossCovered = Math.min(Math.max(opts.profit, 0), openingLoss);
  const afterLoss = opts.profit - lossCovered;
  if (afterLoss <= 0) return { lossCovered, afterLoss, reserve: 0, pool: 0 };
  const reserve = roundToFen(new Decimal(afterLoss).mul(opts.reserveRate));
  return { lossCovered, afterLoss, reserve, pool: roundToFen(new Decimal(afterLoss - reserve).mul(opts.payoutRate)) };
}

/** The holders by member, the first entry of a member counting. */
function holderMap(holders: Iterable<Shareholder>): Map<string, Shareholder> {
  const info = new Map<string, Shareholder>();
  for (const h of holders) if (!info.has(h.member)) info.set(h.member, h);
  return info;
}

/**
 * The holder of each of `ids` (sorted by code unit, no repeats), the first entry of a member
 * counting: found by walking the holders alongside, in one pass, when they come in the same order
 * (as the ledger gives them, by id), none kept but the ones found; else through holderMap().
 */
function holdersAlong(holders: Iterable<Shareholder>, ids: readonly string[]): (i: number) => Shareholder | undefined {
  const found = new Array<Shareholder | undefined>(ids.length);
  let i = 0;
  let prev: string | null = null;
  let sorted = true;
  for (const h of holders) {
    if (prev !== null && prev > h.member) {
      sorted = false;
      break;
    }
    prev = h.member;
    while (i < ids.length && ids[i] < h.member) i++;
    if (i < ids.length && ids[i] === h.member && found[i] === undefined) found[i] = h;
  }
  if (sorted) return (k) => found[k];
  const info = holderMap(holders);
  return (k) => info.get(ids[k]);
}

type MakeAllocation = (i: number, member: string, name: string, household: string | null, shares: number, gross: Fen, tax: Fen, offset: Fen, net: Fen) => Allocation;

interface Split {
  /** Members with a weight > 0, by id. */
  ids: string[];
  totalWeight: Decimal;
  grosses: Fen[];
  weightOf: MakeAllocation;
}

/** No cap, sums within 2^53: integer weights over one denominator, the pool split exactly. */
function integerSplit(w: Weighing, pool: Fen): Split {
  const nums = w.numerators!;
  const ids: string[] = [];
  let numerators: number[] = [];
  let total = 0;
  nums.forEach((n, m) => {
    if (n > 0) {
      ids.push(m);
      numerators.push(n);
      total += n;
    }
  });
  // Already by id as a rule (the register summed by member); else sorted, and the numerators with them.
  for (let i = 1; i < ids.length; i++) {
    if (ids[i - 1] > ids[i]) {
      byId(ids);
      numerators = ids.map((m) => nums.get(m)!);
      break;
    }
  }
  const d = w.denominator;
  return {
    ids,
    totalWeight: new Decimal(total).div(d),
    grosses: splitByIntegers(total > 0 ? pool : 0, numerators),
    weightOf: (i, member, name, household, shares, gross, tax, offset, net) =>
      new WeighedAllocation(member, name, household, shares, numerators[i], d, gross, tax, offset, net),
  };
}

/** With a household cap (or sums beyond 2^53): Decimal weights, split by allocate(). */
function decimalSplit(info: ReadonlyMap<string, Shareholder>, movements: Iterable<PlanMovement>, w: Weighing, cap: number | undefined, pool: Fen): Split {
  const raw = decimalWeights(movements, w);
  const members = new Set<string>([...info.keys(), ...w.held.keys(), ...raw.keys()]);

  // Household cap: scale every member of a household above the cap by cap ÷ household total.
  const weights = new Map<string, Decimal>();
  for (const m of members) weights.set(m, raw.get(m) ?? new Decimal(0));
  if (cap !== undefined) {
    const capShares = new Decimal(cap).div(UNITS_PER_SHARE);
    const byHousehold = new Map<string, string[]>();
    for (const m of members) {
      const hh = info.get(m)?.household ?? null;
      const key = hh === null ? `member\u0000${m}` : `household\u0000${hh}`;
      const list = byHousehold.get(key);
      if (list) list.push(m);
      else byHousehold.set(key, [m]);
    }
    for (const list of byHousehold.values()) {
      const total = list.reduce((a, m) => a.add(weights.get(m)!), new Decimal(0));
      if (total.gt(capShares)) {
        for (const m of list) weights.set(m, weights.get(m)!.mul(capShares).div(total));
      }
    }
  }

  const ids = [...members].filter((m) => weights.get(m)!.gt(0)).sort(cmp);
  const totalWeight = ids.reduce((a, m) => a.add(weights.get(m)!), new Decimal(0));
  return {
    ids,
    totalWeight,
    grosses: allocate(totalWeight.gt(0) ? pool : 0, ids.map((m) => weights.get(m)!)),
    weightOf: (_i, member, name, household, shares, gross, tax, offset, net) => ({ member, name, household, shares, weight: weights.get(member)!, gross, tax, offset, net }),
  };
}

export interface DistributionJson {
  project: string;
  year: number;
  profit: string;
  lossCovered: string;
  reserve: string;
  pool: string;
  totalWeight: string;
  perShare: string;
  basis: 'record-date' | 'time-weighted';
  allocations: {
    member: string;
    name: string;
    shares: string;
    weight: string;
    gross: string;
    tax: string;
    offset: string;
    net: string;
  }[];
  totals: { gross: string; tax: string; offset: string; net: string };
}

function weightString(w: Decimal): string {
  const s = w.toDecimalPlaces(6, Decimal.ROUND_HALF_UP).toFixed();
  return s === '-0' ? '0' : s;
}

/** One allocation as the plan/declare JSON shows it. */
export function allocationJson(a: Allocation): DistributionJson['allocations'][number] {
  return {
    member: a.member,
    name: a.name,
    shares: formatUnits(a.shares),
    weight: weightText(a),
    gross: formatFen(a.gross),
    tax: formatFen(a.tax),
    offset: formatFen(a.offset),
    net: formatFen(a.net),
  };
}

/**
 * The plan/declare JSON of the contract (money as "1234.50", shares "1.2345", weights ≤ 6 dp).
 * `list` makes its allocations (allocationJson of each, by default as an array).
 */
export function planToJson<L = DistributionJson['allocations']>(
  plan: DistributionPlan,
  project: string,
  list: (allocations: readonly Allocation[]) => L = (as) => as.map(allocationJson) as L,
): Omit<DistributionJson, 'allocations'> & { allocations: L } {
  return {
    project,
    year: plan.year,
    profit: formatFen(plan.profit),
    lossCovered: formatFen(plan.lossCovered),
    reserve: formatFen(plan.reserve),
    pool: formatFen(plan.pool),
    totalWeight: weightString(plan.totalWeight),
    perShare: plan.perShare.toFixed(6),
    basis: plan.basis,
    allocations: list(plan.allocations),
    totals: {
      gross: formatFen(plan.totals.gross),
      tax: formatFen(plan.totals.tax),
      offset: formatFen(plan.totals.offset),
      net: formatFen(plan.totals.net),
    },
  };
}
