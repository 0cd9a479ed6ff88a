// Shares (股份): units, a contribution's value turned into shares, holdings as of a date, the share register
// (股东名册) by member and by household, grants (配股) and the share certificate (股权证).
// Pure: no clock, no I/O.
//
// Shares are integers in 1/10,000 of a share ("units"): 12345 units = 1.2345 shares.
// Money is integer fen (see money.ts); the one rounding step is roundToFen (half away from zero).
import { Decimal, foldWidth, fractionDigits, roundToFen, type Fen, type ParseResult } from './money.js';
import type { IsoDate } from './dates.js';
import type { LedgerError, Source } from './errors.js';
import { withSource } from './errors.js';
import { ShareErrors } from './errors/shares.js';
import { checkActiveMember, type MemberLookup } from './members.js';

/** Units per share: shares carry at most 4 decimals. */
export const UNITS_PER_SHARE = 10000;

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
  // Most members hold one class: its name and units are kept without a map until a second comes.
  const acc = new Map<string, { cls: string; units: number; more: Map<string, number> | null }>();
  for (const mv of movements) {
    if (mv.date > asOf) continue;
    const a = acc.get(mv.member);
    if (!a) acc.set(mv.member, { cls: mv.shareClass, units: mv.units, more: null });
    else if (a.more === null && a.cls === mv.shareClass) a.units += mv.units;
    else {
      a.more ??= new Map([[a.cls, a.units]]);
      a.more.set(mv.shareClass, (a.more.get(mv.shareClass) ?? 0) + mv.units);
    }
  }
  const out = new Map<string, Holding>();
  // The default sort compares UTF-16 code units, as cmp() does.
  for (const member of [...acc.keys()].sort()) {
    const a = acc.get(member)!;
    const byClass = new Map<string, number>();
    let total = 0;
    if (a.more === null) {
      total = a.units;
      if (total !== 0) byClass.set(a.cls, total);
    } else {
      for (const cls of [...a.more.keys()].sort()) {
        const u = a.more.get(cls)!;
        total += u;
        if (u !== 0) byClass.set(cls, u);
      }
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
  const frac = fractionDigits(a % UNITS_PER_SHARE, 4);
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

/** floor(x ÷ y) of safe integers x ≥ 0, y > 0 (a floating quotient can be 1 off near 2^53). */
function floorDiv(x: number, y: number): number {
  let q = Math.floor(x / y);
  if (q * y > x) q -= 1;
  else if ((q + 1) * y <= x) q += 1;
  return q;
}

/** Value of a number of share units at a par, rounded once to the fen (half away from zero). */
export function unitsValue(units: number, par: Fen): Fen {
  const x = Math.abs(units) * par;
  if (Number.isSafeInteger(units) && Number.isSafeInteger(par) && par >= 0 && Number.isSafeInteger(2 * x + UNITS_PER_SHARE)) {
    // Half away from zero in integers: floor((2|x| + 10000) ÷ 20000), the sign put back.
    const r = floorDiv(2 * x + UNITS_PER_SHARE, 2 * UNITS_PER_SHARE);
    return units < 0 && r !== 0 ? -r : r;
  }
  return roundToFen(new Decimal(units).mul(par).div(UNITS_PER_SHARE));
}

/** A holding's share of a total, in percent with 4 decimals ("42.8571"); "0.0000" of nothing. */
export function sharePercent(units: number, total: number): string {
  if (total === 0) return '0.0000';
  if (units >= 0 && total > 0 && Number.isSafeInteger(units) && Number.isSafeInteger(total) && Number.isSafeInteger(units * 2_000_000 + total)) {
    // units × 100 ÷ total to 4 decimals, half up: floor((units × 10^6 × 2 + total) ÷ (2 × total)) ten-thousandths.
    const q = floorDiv(units * 2_000_000 + total, 2 * total);
    const whole = Math.floor(q / 10000);
    return `${whole}.${String(q - whole * 10000).padStart(4, '0')}`;
  }
  return new Decimal(units).mul(100).div(total).toFixed(4);
}

/** Share classes in the order registers usually print them; others after, by name. */
const CLASS_ORDER = ['人口股', '基本股', '农龄股', '劳龄股', '集体股', '募集股', '现金股', '实物股', '劳务股', '土地股'];

export function compareClasses(a: string, b: string): number {
  const i = CLASS_ORDER.indexOf(a);
  const j = CLASS_ORDER.indexOf(b);
  if (i >= 0 && j >= 0) return i - j;
  if (i >= 0) return -1;
  if (j >= 0) return 1;
  return cmp(a, b);
}

/** A project as a share register needs it. */
export interface ProjectTerms {
  code: string;
  name: string;
  /** 每股金额 in fen. */
  par: Fen;
}

export interface RegisterLine {
  member: string;
  name: string;
  household: string | null;
  units: number;
  value: Fen;
  byClass: Map<string, number>;
}

/** 股东名册: the holders of a project on a date, with totals by class. */
export interface ShareRegister {
  project: ProjectTerms;
  asOf: IsoDate;
  lines: RegisterLine[];
  totalUnits: number;
  totalValue: Fen;
  /** Every class held by someone, in register order. */
  classes: string[];
  byClass: Map<string, number>;
}

export function shareRegister(
  project: ProjectTerms,
  asOf: IsoDate,
  holdings: ReadonlyMap<string, Holding>,
  member: (id: string) => { name: string; household: string | null } | undefined,
): ShareRegister {
  const lines: RegisterLine[] = [];
  let totalUnits = 0;
  const sums = new Map<string, number>();
  for (const [id, h] of holdings) {
    const m = member(id);
    lines.push({ member: id, name: m?.name ?? '', household: m?.household ?? null, units: h.total, value: unitsValue(h.total, project.par), byClass: h.byClass });
    totalUnits += h.total;
    for (const [c, u] of h.byClass) sums.set(c, (sums.get(c) ?? 0) + u);
  }
  const classes = [...sums.keys()].sort(compareClasses);
  const byClass = new Map(classes.map((c) => [c, sums.get(c)!]));
  return { project, asOf, lines, totalUnits, totalValue: unitsValue(totalUnits, project.par), classes, byClass };
}

/**
 * A holder's net units in one class on the register's day, with the holder's name and household:
 * [member, share class, units, name, household]. The store sums the movements dated on or before
 * the day per member and class (what holdingsAsOf() sums), and names the member (null: not among
 * the members).
 */
export type NettedHolding = readonly [member: string, shareClass: string, units: number, name: string | null, household: string | null];

/**
 * A register line of a holder: its classes kept as the one class most holders have (no Map made
 * per holder until byClass is read) or as a Map when there are several.
 */
class HolderLine implements RegisterLine {
  #byClass: Map<string, number> | null;
  constructor(
    public member: string,
    public name: string,
    public household: string | null,
    public units: number,
    public value: Fen,
    /** The one class held, or null when byClass holds several. */
    readonly onlyClass: string | null,
    byClass: Map<string, number> | null,
  ) {
    this.#byClass = byClass;
  }
  get byClass(): Map<string, number> {
    return (this.#byClass ??= new Map(this.onlyClass === null ? [] : [[this.onlyClass, this.units]]));
  }
  unitsIn(shareClass: string): number | undefined {
    if (this.onlyClass !== null) return shareClass === this.onlyClass ? this.units : undefined;
    return this.#byClass!.get(shareClass);
  }
}

/** A line's units in a class (undefined when the line holds none of it). */
export function unitsInClass(line: RegisterLine, shareClass: string): number | undefined {
  return line instanceof HolderLine ? line.unitsIn(shareClass) : line.byClass.get(shareClass);
}

/**
 * 股东名册 from holdings netted per member and class (NettedHolding): the same register as
 * shareRegister(project, asOf, holdingsAsOf(movements, asOf), names). Classes netting to 0 are left
 * out, and so are members whose total is 0; lines by member id (code-unit order), classes by name.
 * Each member's rows come one after another (the store orders them by member); a member whose rows
 * are apart is a RangeError.
 */
export function registerOfHoldings(project: ProjectTerms, asOf: IsoDate, rows: Iterable<NettedHolding>): ShareRegister {
  const lines: HolderLine[] = [];
  const sums = new Map<string, number>();
  let totalUnits = 0;
  let sorted = true;
  // The member being gathered.
  let member: string | null = null;
  let name = '';
  let household: string | null = null;
  let units = 0;
  let one: string | null = null;
  let many: Map<string, number> | null = null;
  const close = () => {
    if (member === null) return;
    if (many !== null) {
      // Several classes: those netting to 0 left out, the rest by name (code-unit order).
      const kept = new Map<string, number>();
      for (const c of [...many.keys()].sort()) if (many.get(c) !== 0) kept.set(c, many.get(c)!);
      one = kept.size === 1 ? [...kept.keys()][0] : null;
      many = kept.size === 1 ? null : kept;
    }
    if (units === 0) return;
    if (lines.length && !(lines[lines.length - 1].member < member)) sorted = false;
    lines.push(new HolderLine(member, name, household, units, unitsValue(units, project.par), one, many));
    totalUnits += units;
    if (one !== null) sums.set(one, (sums.get(one) ?? 0) + units);
    else for (const [c, u] of many!) sums.set(c, (sums.get(c) ?? 0) + u);
  };
  // The class and household of the previous row kept, not their copies: most rows repeat them.
  let lastClass = '';
  let lastHousehold: string | null = null;
  for (const [m, c, u, n, hh] of rows) {
    const cls = c === lastClass ? lastClass : (lastClass = c);
    if (m !== member) {
      close();
      member = m;
      name = n ?? '';
      household = hh === lastHousehold ? lastHousehold : (lastHousehold = hh);
      units = 0;
      one = cls;
      many = null;
    }
    units += u;
    if (many !== null) many.set(cls, (many.get(cls) ?? 0) + u);
    else if (cls !== one) many = new Map([[one!, units - u], [cls, u]]);
  }
  close();
  if (!sorted) {
    // The store's order (SQLite compares UTF-8 bytes) differs from code units only past U+FFFF.
    lines.sort((a, b) => cmp(a.member, b.member));
    for (let i = 1; i < lines.length; i++) {
      if (lines[i - 1].member === lines[i].member) throw new RangeError(`the holdings of ${lines[i].member} are not together`);
    }
  }
  const classes = [...sums.keys()].sort(compareClasses);
  const byClass = new Map(classes.map((c) => [c, sums.get(c)!]));
  return { project, asOf, lines, totalUnits, totalValue: unitsValue(totalUnits, project.par), classes, byClass };
}

export interface HouseholdLine {
  /** '' for members without a household number. */
  household: string;
  head: { id: string; name: string } | null;
  members: RegisterLine[];
  units: number;
  value: Fen;
  byClass: Map<string, number>;
}

/** The register summed by household (分户), households in order of their number. */
export function householdLines(register: ShareRegister, heads: ReadonlyMap<string, { id: string; name: string }>): HouseholdLine[] {
  const groups = new Map<string, RegisterLine[]>();
  for (const l of register.lines) {
    const k = l.household ?? '';
    groups.set(k, [...(groups.get(k) ?? []), l]);
  }
  return [...groups]
    .sort(([a], [b]) => cmp(a, b))
    .map(([household, members]) => {
      const units = members.reduce((a, l) => a + l.units, 0);
      const byClass = new Map<string, number>();
      for (const l of members) for (const [c, u] of l.byClass) byClass.set(c, (byClass.get(c) ?? 0) + u);
      return { household, head: heads.get(household) ?? null, members, units, byClass, value: unitsValue(units, register.project.par) };
    });
}

/** One member's holding in each project on a date (projects without a holding left out). */
export function memberHoldings(
  member: string,
  projects: readonly ProjectTerms[],
  movements: readonly (ShareMovement & { project: string })[],
  asOf: IsoDate,
): { project: ProjectTerms; units: number; value: Fen; byClass: Map<string, number> }[] {
  return projects.flatMap((p) => {
    const h = holdingsAsOf(
      movements.filter((m) => m.project === p.code && m.member === member),
      asOf,
    ).get(member);
    return h ? [{ project: p, units: h.total, value: unitsValue(h.total, p.par), byClass: h.byClass }] : [];
  });
}

/** A grant of shares no contribution bought (折股量化: 人口股, 农龄股…), as entered. */
export interface GrantDraft {
  date: IsoDate;
  member: string;
  project: string;
  shareClass: string;
  units: number;
  note: string | null;
  source?: Source;
}

export interface GrantLookup {
  hasProject(code: string): boolean;
  members: MemberLookup;
}

/** Grants: the project known, the member known, joined and active on the date. Every error of every row. */
export function checkGrants(drafts: readonly GrantDraft[], lookup: GrantLookup): LedgerError[] {
  return drafts.flatMap((g) => [
    ...(lookup.hasProject(g.project) ? [] : [withSource(ShareErrors.PROJECT_UNKNOWN(g.project), g.source)]),
    ...checkActiveMember(lookup.members, g.member, g.date, 'grant', g.source),
  ]);
}

/** 股权证: what the certificate of one member's holding says. */
export interface Certificate {
  /** 证号: the project code in capitals, a dash, the member id. */
  number: string;
  organization: string;
  project: ProjectTerms;
  member: { id: string; name: string; maskedIdCard: string | null; household: string | null };
  classes: { shareClass: string; units: number; value: Fen }[];
  units: number;
  value: Fen;
  asOf: IsoDate;
  issued: IsoDate;
}

export function certificate(
  organization: string,
  project: ProjectTerms,
  member: { id: string; name: string; maskedIdCard: string | null; household: string | null },
  holding: Holding | undefined,
  asOf: IsoDate,
  issued: IsoDate,
): { certificate: Certificate } | { error: LedgerError } {
  if (!holding) return { error: ShareErrors.NO_HOLDING(member.id, member.name, project.code, asOf) };
  return {
    certificate: {
      number: `${project.code.toUpperCase()}-${member.id}`,
      organization,
      project,
      member,
      classes: [...holding.byClass]
        .sort(([a], [b]) => compareClasses(a, b))
        .map(([shareClass, units]) => ({ shareClass, units, value: unitsValue(units, project.par) })),
      units: holding.total,
      value: unitsValue(holding.total, project.par),
      asOf,
      issued,
    },
  };
}

/** A declaration in force: the day its shares were counted (the record date, or December 31 on the time-weighted basis). */
export interface DeclaredShareDate {
  project: string;
  year: number;
  shareDate: IsoDate;
}

/**
 * Share movements a write added (per project, the earliest date) against the declarations in force:
 * a movement dated on or before the day a declaration counted the shares changes what it was
 * computed on, and is refused (a transfer, a grant, a contribution, an import), naming the
 * declaration to cancel first.
 */
export function checkMovementsAfterDeclarations(added: readonly { project: string; first: IsoDate }[], declared: readonly DeclaredShareDate[]): LedgerError[] {
  const errors: LedgerError[] = [];
  for (const a of added)
    for (const d of declared) if (d.project === a.project && a.first <= d.shareDate) errors.push(ShareErrors.SHARES_DECLARED({ project: a.project, date: a.first, year: d.year, shareDate: d.shareDate }));
  return errors;
}

/**
 * Status changes a write recorded against the declarations in force: a member who held shares of the
 * project on the day a declaration counted them, and who is now not active (正常) on that day, makes
 * the declared plan one the rules refuse (a holder no longer active). Refused, naming the
 * declaration to cancel first. `unitsOn` gives the member's units of a project on a day.
 */
export function checkStatusAfterDeclarations(
  changes: readonly { member: string; date: IsoDate; status: string }[],
  declared: readonly DeclaredShareDate[],
  unitsOn: (member: string, project: string, date: IsoDate) => number,
): LedgerError[] {
  const errors: LedgerError[] = [];
  for (const c of changes) {
    if (c.status === '正常') continue;
    for (const d of declared)
      if (c.date <= d.shareDate && unitsOn(c.member, d.project, d.shareDate) > 0)
        errors.push(ShareErrors.SHARES_DECLARED_STATUS({ member: c.member, status: c.status, date: c.date, project: d.project, year: d.year, shareDate: d.shareDate }));
  }
  return errors;
}
