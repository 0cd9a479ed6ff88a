import { describe, expect, it } from 'vitest';
import { Decimal, allocate, formatFen, formatFenGrouped, parseAmount, parsePercent, roundToFen, toDaxie } from '../src/domain/money.js';
import { parseDate } from '../src/domain/dates.js';

const ok = (s: string) => {
  const r = parseAmount(s);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};

describe('parseAmount', () => {
  it('accepts the forms people write', () => {
    expect(ok('1234.5')).toBe(123450);
    expect(ok('1,234.50')).toBe(123450);
    expect(ok('¥1234')).toBe(123400);
    expect(ok('￥1,234.05')).toBe(123405);
    expect(ok('１２３．４５')).toBe(12345);
    expect(ok(' 0.01 ')).toBe(1);
  });
  it('refuses everything else', () => {
    for (const s of ['12.345', '1e5', '0x10', '--5', '壹佰元', '1,23.00', '12.', '.5', '', 'abc', '1 000']) {
      expect(parseAmount(s).ok, s).toBe(false);
    }
    expect(parseAmount('-5').ok).toBe(false);
    expect(parseAmount('-5', { allowNegative: true })).toEqual({ ok: true, value: -500 });
  });
  it('explains three decimals', () => {
    const r = parseAmount('12.345');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('超过两位小数');
  });
});

describe('formatting', () => {
  it('two decimals, sign, grouping', () => {
    expect(formatFen(123450)).toBe('1234.50');
    expect(formatFen(-35)).toBe('-0.35');
    expect(formatFen(0)).toBe('0.00');
    expect(formatFenGrouped(123456789)).toBe('1,234,567.89');
    expect(formatFenGrouped(-100000)).toBe('-1,000.00');
  });
  it('大写 amounts', () => {
    expect(toDaxie(4266667)).toBe('肆万贰仟陆佰陆拾陆元陆角柒分');
    expect(toDaxie(100000)).toBe('壹仟元整');
    expect(toDaxie(100500)).toBe('壹仟零伍元整');
    expect(toDaxie(0)).toBe('零元整');
    expect(toDaxie(5)).toBe('伍分');
    expect(toDaxie(1005)).toBe('壹拾元零伍分');
    expect(toDaxie(1000000000)).toBe('壹仟万元整');
    expect(toDaxie(10000100)).toBe('壹拾万零壹元整');
    expect(toDaxie(1000000010)).toBe('壹仟万元壹角整'); // 角之后可写整（支付结算办法）
  });
});

describe('rounding and allocation', () => {
  it('rounds half away from zero, once', () => {
    expect(roundToFen(new Decimal('2.5'))).toBe(3);
    expect(roundToFen(new Decimal('-2.5'))).toBe(-3);
    expect(roundToFen(new Decimal('2.4999'))).toBe(2);
  });
  it('percent: 5 and 5% are both five percent', () => {
    const a = parsePercent('5');
    const b = parsePercent('5%');
    expect(a.ok && b.ok && a.value.eq(b.value) && a.value.eq('0.05')).toBe(true);
  });
  it('allocate: parts add back exactly, remainder to the largest remainders, ties to the earlier', () => {
    expect(allocate(10000, [1, 1, 1].map((x) => new Decimal(x)))).toEqual([3334, 3333, 3333]);
    expect(allocate(100, [new Decimal(1), new Decimal(2)])).toEqual([33, 67]);
    expect(allocate(0, [new Decimal(1)])).toEqual([0]);
  });
});

describe('dates', () => {
  it('three spellings, real dates only', () => {
    expect(parseDate('2024-03-05')).toEqual({ ok: true, value: '2024-03-05' });
    expect(parseDate('2024/3/5')).toEqual({ ok: true, value: '2024-03-05' });
    expect(parseDate('2024年3月5日')).toEqual({ ok: true, value: '2024-03-05' });
    expect(parseDate('2024-02-29').ok).toBe(true);
    expect(parseDate('2023-02-29').ok).toBe(false);
    expect(parseDate('2024-02-30').ok).toBe(false);
    expect(parseDate('2024-13-01').ok).toBe(false);
  });
});
