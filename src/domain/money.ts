// Money: integer fen (分) everywhere; strings at the edges; Decimal for ratios.
// Rounding to the fen happens only in roundToFen(): half away from zero (四舍五入).
import { Decimal as DecimalBase } from 'decimal.js';

/** The one Decimal clone of the program. */
export const Decimal = DecimalBase.clone({ precision: 40, rounding: DecimalBase.ROUND_HALF_UP });
/** Exact enough for allocate's remainders: a 16-digit total times a 40-digit weight, and their sums. */
const Wide = DecimalBase.clone({ precision: 200, rounding: DecimalBase.ROUND_HALF_UP, modulo: DecimalBase.ROUND_DOWN });
export type Decimal = InstanceType<typeof Decimal>;

/** An amount of money in fen (1/100 元). Always a safe integer. */
export type Fen = number;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string; reasonEn: string };

const FULLWIDTH_DIGITS = /[０-９]/g;
const ASCII_ONLY = /^[\x20-\x7e]*$/;

/** Fold full-width digits and punctuation to ASCII. */
export function foldWidth(s: string): string {
  if (ASCII_ONLY.test(s)) return s;
  return s
    .replace(FULLWIDTH_DIGITS, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/．/g, '.')
    .replace(/，/g, ',')
    .replace(/－/g, '-')
    .replace(/＋/g, '+')
    .replace(/％/g, '%')
    .replace(/\u3000/g, ' ');
}

const AMOUNT_RE = /^(-)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

/**
 * Parse an amount written by a person: `1234.5`, `1,234.50`, `¥1234`, `￥1,234.5`, full-width digits.
 * Negative amounts (`-12.30`, `¥-12.30`, `-¥12.30`) parse when allowNegative is set.
 * More than 2 decimals, exponents, hex, `--5`, 大写 numerals and anything else are refused.
 */
export function parseAmount(input: string, opts: { allowNegative?: boolean } = {}): ParseResult<Fen> {
  let s = foldWidth(input).trim();
  if (s === '') return { ok: false, reason: '金额为空', reasonEn: 'amount is empty' };
  let negative = false;
  if (s.startsWith('-')) {
    negative = true;
    s = s.slice(1).trim();
  }
  if (s.startsWith('¥') || s.startsWith('￥')) s = s.slice(1).trim();
  if (!negative && s.startsWith('-')) {
    negative = true;
    s = s.slice(1).trim();
  }
  const m = AMOUNT_RE.exec(s);
  if (!m || m[1]) {
    return { ok: false, reason: `金额格式不正确：「${input}」`, reasonEn: `not an amount: "${input}"` };
  }
  const intPart = m[2].replace(/,/g, '');
  const frac = m[3] ?? '';
  if (m[3] !== undefined && frac.length === 0) {
    return { ok: false, reason: `金额格式不正确：「${input}」`, reasonEn: `not an amount: "${input}"` };
  }
  if (frac.length > 2) {
    return {
      ok: false,
      reason: `金额「${input}」超过两位小数（最小单位为分）`,
      reasonEn: `amount "${input}" has more than 2 decimals`,
    };
  }
  const fen = Number(intPart) * 100 + Number((frac + '00').slice(0, 2));
  if (!Number.isSafeInteger(fen)) {
    return { ok: false, reason: `金额「${input}」过大`, reasonEn: `amount "${input}" is too large` };
  }
  if (negative && !opts.allowNegative) {
    return { ok: false, reason: `金额不能为负数：「${input}」`, reasonEn: `amount may not be negative: "${input}"` };
  }
  return { ok: true, value: negative ? -fen : fen };
}

/** Parse a decimal quantity (shares, 亩, 工日, unit price...) as a Decimal, up to maxDecimals places. */
export function parseDecimal(input: string, maxDecimals: number): ParseResult<Decimal> {
  const s = foldWidth(input).trim().replace(/^[¥￥]/, '');
  const m = /^(-)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return { ok: false, reason: `数值格式不正确：「${input}」`, reasonEn: `not a number: "${input}"` };
  if ((m[3] ?? '').length > maxDecimals) {
    return {
      ok: false,
      reason: `数值「${input}」超过 ${maxDecimals} 位小数`,
      reasonEn: `"${input}" has more than ${maxDecimals} decimals`,
    };
  }
  return { ok: true, value: new Decimal((m[1] ?? '') + m[2].replace(/,/g, '') + (m[3] ? '.' + m[3] : '')) };
}

/**
 * Parse a rate or percentage: `5` and `5%` both mean five percent. Returns the fraction (0.05).
 */
export function parsePercent(input: string): ParseResult<Decimal> {
  let s = foldWidth(input).trim();
  if (s.endsWith('%')) s = s.slice(0, -1).trim();
  const m = /^(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return { ok: false, reason: `比率格式不正确：「${input}」`, reasonEn: `not a rate: "${input}"` };
  return { ok: true, value: new Decimal(s).div(100) };
}

/** The one rounding step: a Decimal amount of fen to whole fen, half away from zero. */
export function roundToFen(x: Decimal): Fen {
  const r = x.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
  if (!Number.isSafeInteger(r)) throw new RangeError(`amount out of range: ${x.toString()}`);
  return r === 0 ? 0 : r; // no -0
}

/** Multiply fen by a Decimal factor and round to the fen. */
export function mulFen(fen: Fen, factor: Decimal | string | number): Fen {
  return roundToFen(new Decimal(fen).mul(factor));
}

/**
 * The decimals of frac ÷ 10^width (0 ≤ frac < 10^width, an integer) without trailing zeros: "" for
 * 0, "05" for 500 of 4, "333333" for 333333 of 6. In integers, without a pattern replace.
 */
export function fractionDigits(frac: number, width: number): string {
  if (frac === 0) return '';
  while (frac % 10 === 0) {
    frac /= 10;
    width--;
  }
  return String(frac).padStart(width, '0');
}

/** `"1234.50"`, `"-0.35"`: the JSON and CSV form. */
export function formatFen(fen: Fen): string {
  const neg = fen < 0;
  const a = Math.abs(fen);
  const yuan = Math.floor(a / 100);
  const f = a % 100;
  return `${neg ? '-' : ''}${yuan}.${f < 10 ? '0' : ''}${f}`;
}

/** `"1,234.50"`: the table form, with thousands separators. */
export function formatFenGrouped(fen: Fen): string {
  const s = formatFen(fen);
  const neg = s.startsWith('-');
  const [i, d] = (neg ? s.slice(1) : s).split('.');
  return `${neg ? '-' : ''}${i.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${d}`;
}

/** Yuan as a Decimal (for ratios). */
export function fenToDecimalYuan(fen: Fen): Decimal {
  return new Decimal(fen).div(100);
}

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const SMALL_UNITS = ['', '拾', '佰', '仟'];
const BIG_UNITS = ['', '万', '亿', '万亿'];

/** A group of up to 4 digits in 大写, with 零 between non-adjacent digits. */
function groupToDaxie(n: number): string {
  let out = '';
  let zero = false;
  for (let pos = 3; pos >= 0; pos--) {
    const d = Math.floor(n / 10 ** pos) % 10;
    if (d === 0) {
      if (out !== '') zero = true;
    } else {
      if (zero) out += '零';
      zero = false;
      out += DIGITS[d] + SMALL_UNITS[pos];
    }
  }
  return out;
}

/**
 * 大写金额 for payment rolls: 4266667 → 肆万贰仟陆佰陆拾陆元陆角柒分; 100000 → 壹仟元整;
 * 100500 → 壹仟零伍元整; 0 → 零元整; negatives are prefixed 负.
 */
export function toDaxie(fen: Fen): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError('fen must be an integer');
  if (fen < 0) return '负' + toDaxie(-fen);
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const fenDigit = fen % 10;
  let out = '';
  if (yuan > 0) {
    const groups: number[] = [];
    let y = yuan;
    while (y > 0) {
      groups.push(y % 10000);
      y = Math.floor(y / 10000);
    }
    let pendingZero = false;
    for (let g = groups.length - 1; g >= 0; g--) {
      const v = groups[g];
      if (v === 0) {
        pendingZero = out !== '';
        continue;
      }
      if (out !== '' && (pendingZero || v < 1000)) out += '零';
      pendingZero = false;
      out += groupToDaxie(v) + BIG_UNITS[g];
    }
    out += '元';
  }
  if (jiao === 0 && fenDigit === 0) return (out || '零元') + '整';
  if (jiao > 0) out += DIGITS[jiao] + '角';
  else if (yuan > 0) out += '零';
  if (fenDigit > 0) out += DIGITS[fenDigit] + '分';
  else out += '整';
  return out;
}

/**
 * Split `total` fen by `weights` with the largest-remainder method (dinero.js allocate).
 * Each part is floor(total × w ÷ Σw); the fen left over go one at a time to the largest
 * remainders, ties to the earlier index (callers sort by member id). Σ parts = total exactly.
 */
export function allocate(total: Fen, weights: Decimal[]): Fen[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError('total must be a non-negative integer');
  // The weights' sum, each total × w and its remainder by the sum are computed without rounding
  // (Wide holds every digit of a 16-digit total times a 40-digit weight), so remainders that are
  // equal compare equal and the tie goes to the earlier index, whatever the weights' magnitudes.
  const sum = weights.reduce((a, w) => a.add(w), new Wide(0));
  if (weights.length === 0 || sum.lte(0)) return weights.map(() => 0);
  const parts: Fen[] = [];
  const rems: { i: number; r: DecimalBase }[] = [];
  let given = 0;
  const t = new Wide(total);
  weights.forEach((w, i) => {
    const x = t.mul(w);
    const r = x.mod(sum);
    const fl = x.sub(r).div(sum).round().toNumber();
    parts.push(fl);
    given += fl;
    rems.push({ i, r });
  });
  let left = total - given;
  rems.sort((a, b) => {
    const c = b.r.cmp(a.r);
    return c !== 0 ? c : a.i - b.i;
  });
  for (let k = 0; left > 0; k++, left--) parts[rems[k % rems.length].i] += 1;
  return parts;
}
