import { describe, expect, it } from 'vitest';
import { checkChar, checkIdCard, maskIdCard } from '../src/domain/idcard.js';

// Weights over the first 17 digits:   7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
// Check characters by (sum mod 11):   0→1 1→0 2→X 3→9 4→8 5→7 6→6 7→5 8→4 9→3 10→2

describe('checkChar', () => {
  it('computes X for the GB 11643 example 11010519491231002', () => {
    // digits   1 1  0 1 0 5 1 9 4 9 1 2  3 1 0 0 2
    // products 7 9  0 5 0 20 2 9 24 27 7 18 30 5 0 0 4
    // sum = 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167
    // 167 mod 11 = 167 − 15×11 = 2 → "10X98765432"[2] = X
    expect(checkChar('11010519491231002')).toBe('X');
  });

  it('computes 6 for 44182719900101123', () => {
    // digits   4  4  1  8  2  7  1 9  9 0 0 1 0 1 1 2 3
    // products 28 36 10 40 16 28 2 9 54 0 0 9 0 5 8 8 6
    // sum = 28+36+10+40+16+28+2+9+54+0+0+9+0+5+8+8+6 = 259
    // 259 mod 11 = 259 − 23×11 = 6 → "10X98765432"[6] = 6
    expect(checkChar('44182719900101123')).toBe('6');
  });

  it('computes X for 44182719900109123', () => {
    // as above but the 14th digit (weight 5) is 9 instead of 1: 259 + (9−1)×5 = 299
    // 299 mod 11 = 299 − 27×11 = 2 → X
    expect(checkChar('44182719900109123')).toBe('X');
  });

  it('refuses anything but 17 digits', () => {
    expect(() => checkChar('1101051949123100')).toThrow(RangeError);
    expect(() => checkChar('1101051949123100A')).toThrow(RangeError);
  });
});

describe('checkIdCard', () => {
  it('accepts a valid number and returns the birth date', () => {
    expect(checkIdCard('441827199001011236')).toEqual({ ok: true, value: '441827199001011236', birth: '1990-01-01' });
    expect(checkIdCard('11010519491231002X')).toEqual({ ok: true, value: '11010519491231002X', birth: '1949-12-31' });
  });

  it('accepts lower-case x and normalizes it to X', () => {
    expect(checkIdCard('11010519491231002x')).toEqual({ ok: true, value: '11010519491231002X', birth: '1949-12-31' });
    expect(checkIdCard('44182719900109123x')).toMatchObject({ ok: true, value: '44182719900109123X' });
  });

  it('trims spaces and folds full-width digits and Ｘ', () => {
    expect(checkIdCard('  11010519491231002X \t')).toMatchObject({ ok: true, value: '11010519491231002X' });
    expect(checkIdCard('110105 19491231 002X')).toMatchObject({ ok: true, value: '11010519491231002X' });
    expect(checkIdCard('１１０１０５１９４９１２３１００２Ｘ')).toMatchObject({ ok: true, value: '11010519491231002X' });
    expect(checkIdCard('１１０１０５１９４９１２３１００２ｘ')).toMatchObject({ ok: true, value: '11010519491231002X' });
  });

  it('refuses a wrong length', () => {
    const r = checkIdCard('11010519491231002');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe('身份证号应为 18 位，实为 17 位');
      expect(r.reasonEn).toContain('18');
    }
    expect(checkIdCard('')).toMatchObject({ ok: false, reason: '身份证号应为 18 位，实为 0 位' });
    // an old 15-digit number is refused too
    expect(checkIdCard('110105491231002')).toMatchObject({ ok: false, reason: '身份证号应为 18 位，实为 15 位' });
  });

  it('refuses non-digits', () => {
    expect(checkIdCard('1101051949123100AX')).toMatchObject({ ok: false, reason: '身份证号前 17 位应为数字，最后一位为数字或 X' });
    expect(checkIdCard('X10105194912310023')).toMatchObject({ ok: false });
    expect(checkIdCard('11010519491231002Y')).toMatchObject({ ok: false, reason: '身份证号前 17 位应为数字，最后一位为数字或 X' });
  });

  it('refuses a birth date that does not exist', () => {
    // 1990-02-30: February has no 30th (the check character does not matter, the date is checked first)
    const r = checkIdCard('441827199002301236');
    expect(r).toMatchObject({ ok: false, reason: '身份证号中的出生日期 19900230 不是有效日期' });
    expect(checkIdCard('441827199013011236')).toMatchObject({ ok: false }); // month 13
    expect(checkIdCard('441827199000011236')).toMatchObject({ ok: false }); // month 00
    expect(checkIdCard('441827190002291236')).toMatchObject({ ok: false }); // 1900 is not a leap year
  });

  it('refuses a birth year before 1900 or after 2100', () => {
    // check characters made right so only the year is at fault
    const before = '44182718991231123';
    const after = '44182721010101123';
    expect(checkIdCard(before + checkChar(before))).toMatchObject({ ok: false, reason: '身份证号中的出生日期 18991231 不是有效日期' });
    expect(checkIdCard(after + checkChar(after))).toMatchObject({ ok: false, reason: '身份证号中的出生日期 21010101 不是有效日期' });
    const leap = '44182720000229123'; // 2000 is a leap year
    expect(checkIdCard(leap + checkChar(leap))).toMatchObject({ ok: true, birth: '2000-02-29' });
  });

  it('refuses a wrong check character and names the expected one', () => {
    expect(checkIdCard('110105194912310023')).toEqual({
      ok: false,
      reason: '身份证号校验位应为 X，实为 3',
      reasonEn: 'ID card check character should be X, not 3',
    });
    expect(checkIdCard('44182719900101123X')).toMatchObject({ ok: false, reason: '身份证号校验位应为 6，实为 X' });
  });
});

describe('maskIdCard', () => {
  it('shows the first 6 and last 4 with * between', () => {
    expect(maskIdCard('44182719900109123X')).toBe('441827********123X');
    expect(maskIdCard('11010519491231002X')).toBe('110105********002X');
    // 15 characters: 15 − 10 = 5 stars
    expect(maskIdCard('110105491231002')).toBe('110105*****1002');
  });

  it('keeps null, and never shows a short value in full', () => {
    expect(maskIdCard(null)).toBeNull();
    expect(maskIdCard('')).toBe('');
    expect(maskIdCard('1234567890')).toBe('**********');
    expect(maskIdCard('12345678901')).toBe('123456*8901');
  });
});
