// 居民身份证号码 (GB 11643-1999): 18 characters — 6 address code, 8 birth date (YYYYMMDD),
// 3 sequence, 1 check character. Pure: no clock, no I/O.
import { foldWidth } from './money.js';
import { daysInMonth, makeDate, type IsoDate } from './dates.js';

export type IdCardResult =
  | { ok: true; value: string; birth: IsoDate }
  | { ok: false; reason: string; reasonEn: string };

/** Weights of the first 17 digits (2^(18−i) mod 11). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Σ(digit × weight) mod 11 indexes this string. */
const CHECK_CHARS = '10X98765432';

/**
 * The check character of the first 17 digits: Σ dᵢ·wᵢ mod 11 indexes "10X98765432".
 * Throws RangeError unless given exactly 17 ASCII digits.
 */
export function checkChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`checkChar needs 17 digits, got "${first17}"`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** Fold full-width digits and Ｘ/ｘ, drop every space (ASCII, full-width, tabs), upper-case x. */
function normalize(input: string): string {
  return foldWidth(input)
    .replace(/[Ｘｘ]/g, 'X')
    .replace(/\s+/g, '')
    .replace(/x/g, 'X');
}

/**
 * Check an 18-character ID number. Accepts lower-case x, surrounding or grouping spaces,
 * full-width digits and Ｘ. Refuses, with a reason saying which: a wrong length, a character
 * that is not a digit (the last may be X), a birth date (characters 7–14) that does not exist
 * or lies before 1900 or after 2100, and a wrong check character (naming the expected one).
 */
export function checkIdCard(input: string): IdCardResult {
  const s = normalize(input);
  if (s.length !== 18) {
    return {
      ok: false,
      reason: `身份证号应为 18 位，实为 ${s.length} 位`,
      reasonEn: `an ID card number has 18 characters, this one has ${s.length}`,
    };
  }
  if (!/^\d{17}[\dX]$/.test(s)) {
    return {
      ok: false,
      reason: '身份证号前 17 位应为数字，最后一位为数字或 X',
      reasonEn: 'the first 17 characters of an ID card number are digits, the last a digit or X',
    };
  }
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
    const shown = s.slice(6, 14);
    return {
      ok: false,
      reason: `身份证号中的出生日期 ${shown} 不是有效日期`,
      reasonEn: `the birth date ${shown} in the ID card number is not a valid date`,
    };
  }
  const expected = checkChar(s.slice(0, 17));
  const actual = s[17];
  if (expected !== actual) {
    return {
      ok: false,
      reason: `身份证号校验位应为 ${expected}，实为 ${actual}`,
      reasonEn: `ID card check character should be ${expected}, not ${actual}`,
    };
  }
  return { ok: true, value: s, birth: makeDate(y, m, d) };
}

/**
 * Mask an ID number for output: the first 6 and last 4 characters with one `*` for each
 * character between ('441827********123X'). Anything of 10 characters or fewer is masked
 * entirely, so a full number is never shown. null stays null.
 */
export function maskIdCard(id: string | null): string | null {
  if (id === null) return null;
  const s = id.trim();
  if (s.length <= 10) return '*'.repeat(s.length);
  return s.slice(0, 6) + '*'.repeat(s.length - 10) + s.slice(-4);
}
