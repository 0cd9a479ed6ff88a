import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/domain/money.js';
import {
  checkTransfer,
  formatUnits,
  holdingsAsOf,
  isTransferReason,
  parseKind,
  parseShares,
  sharesForValue,
  TRANSFER_REASONS,
  valueContribution,
  type ShareMovement,
} from '../src/domain/shares.js';

const d = (s: string) => new Decimal(s);

describe('parseKind', () => {
  it('knows the Chinese and English names', () => {
    expect(parseKind('现金')).toBe('cash');
    expect(parseKind('cash')).toBe('cash');
    expect(parseKind('实物')).toBe('material');
    expect(parseKind('物料')).toBe('material');
    expect(parseKind('Material')).toBe('material');
    expect(parseKind('劳务')).toBe('labor');
    expect(parseKind('投劳')).toBe('labor');
    expect(parseKind(' LABOR ')).toBe('labor');
    expect(parseKind('土地')).toBe('land');
    expect(parseKind('land')).toBe('land');
  });
  it('returns null for anything else', () => {
    expect(parseKind('')).toBeNull();
    expect(parseKind('股票')).toBeNull();
    expect(parseKind('toString')).toBeNull();
  });
});

describe('valueContribution', () => {
  it('cash: the amount', () => {
    expect(valueContribution({ kind: 'cash', amount: 500000 })).toEqual({ ok: true, value: 500000 });
  });
  it('cash: refuses a missing, zero or negative amount', () => {
    expect(valueContribution({ kind: 'cash' })).toMatchObject({ ok: false, reason: '现金出资需要金额' });
    expect(valueContribution({ kind: 'cash', amount: null })).toMatchObject({ ok: false });
    expect(valueContribution({ kind: 'cash', amount: 0 })).toMatchObject({ ok: false, reason: '金额必须大于 0' });
    expect(valueContribution({ kind: 'cash', amount: -100 })).toMatchObject({ ok: false, reason: '金额必须大于 0' });
  });

  it('material: 12.5 × 36.80 = 460.00', () => {
    // 12.5 × 36.80 = 460.000 元 = 46000 fen
    expect(valueContribution({ kind: 'material', quantity: d('12.5'), unitPrice: d('36.80') })).toEqual({ ok: true, value: 46000 });
    // an agreeing amount is accepted
    expect(valueContribution({ kind: 'material', quantity: d('12.5'), unitPrice: d('36.80'), amount: 46000 })).toEqual({ ok: true, value: 46000 });
  });

  it('labor: 15 工日 × 120.00 = 1,800.00', () => {
    // 15 × 120.00 = 1800.00 元 = 180000 fen
    expect(valueContribution({ kind: 'labor', quantity: d('15'), unitPrice: d('120.00') })).toEqual({ ok: true, value: 180000 });
  });

  it('land: 2.35 亩 × 1,000.00 = 2,350.00', () => {
    // 2.35 × 1000.00 = 2350.00 元 = 235000 fen
    expect(valueContribution({ kind: 'land', quantity: d('2.35'), unitPrice: d('1000.00') })).toEqual({ ok: true, value: 235000 });
  });

  it('rounds once to the fen, half away from zero', () => {
    // 3 × 0.335 = 1.005 元 = 100.5 fen → 101 fen (1.01)
    expect(valueContribution({ kind: 'material', quantity: d('3'), unitPrice: d('0.335') })).toEqual({ ok: true, value: 101 });
    // 7 × 0.0015 = 0.0105 元 = 1.05 fen → 1 fen
    expect(valueContribution({ kind: 'labor', quantity: d('7'), unitPrice: d('0.0015') })).toEqual({ ok: true, value: 1 });
    // 0.3 × 0.3333 = 0.09999 元 = 9.999 fen → 10 fen (no intermediate rounding)
    expect(valueContribution({ kind: 'land', quantity: d('0.3'), unitPrice: d('0.3333') })).toEqual({ ok: true, value: 10 });
  });

  it('refuses an amount that disagrees with quantity × unit price, showing both', () => {
    // 10 × 125.00 = 1,250.00 but 金额 says 1,200.00
    expect(valueContribution({ kind: 'material', quantity: d('10'), unitPrice: d('125.00'), amount: 120000 })).toEqual({
      ok: false,
      reason: '金额 1,200.00 与 数量 × 单价 = 1,250.00 不符',
      reasonEn: 'amount 1,200.00 does not match quantity × unit price = 1,250.00',
    });
    // 3 × 0.335 rounds to 1.01; 1.00 is not accepted
    expect(valueContribution({ kind: 'material', quantity: d('3'), unitPrice: d('0.335'), amount: 100 })).toMatchObject({
      ok: false,
      reason: '金额 1.00 与 数量 × 单价 = 1.01 不符',
    });
    // labor and land too
    expect(valueContribution({ kind: 'labor', quantity: d('15'), unitPrice: d('120'), amount: 180001 })).toMatchObject({ ok: false });
    expect(valueContribution({ kind: 'land', quantity: d('2.35'), unitPrice: d('1000'), amount: 235000 })).toEqual({ ok: true, value: 235000 });
  });

  it('refuses missing or non-positive quantity and unit price', () => {
    expect(valueContribution({ kind: 'material', amount: 46000 })).toMatchObject({ ok: false, reason: '实物出资需要数量和单价' });
    expect(valueContribution({ kind: 'labor', quantity: d('15') })).toMatchObject({ ok: false, reason: '劳务出资需要数量（工日）和单价（日工价）' });
    expect(valueContribution({ kind: 'land', unitPrice: d('1000'), quantity: null })).toMatchObject({ ok: false, reason: '土地出资需要数量（亩）和单价（每亩价值）' });
    expect(valueContribution({ kind: 'material', quantity: d('0'), unitPrice: d('5') })).toMatchObject({ ok: false, reason: '数量必须大于 0' });
    expect(valueContribution({ kind: 'material', quantity: d('-1'), unitPrice: d('5') })).toMatchObject({ ok: false, reason: '数量必须大于 0' });
    expect(valueContribution({ kind: 'labor', quantity: d('2'), unitPrice: d('0') })).toMatchObject({ ok: false, reason: '单价必须大于 0' });
    expect(valueContribution({ kind: 'land', quantity: d('2'), unitPrice: d('5'), amount: 0 })).toMatchObject({ ok: false, reason: '金额必须大于 0' });
  });

  it('refuses a value that rounds to nothing', () => {
    // 1 × 0.0001 = 0.0001 元 = 0.01 fen → 0
    expect(valueContribution({ kind: 'material', quantity: d('1'), unitPrice: d('0.0001') })).toMatchObject({ ok: false });
  });
});

describe('sharesForValue', () => {
  it('truncates shares to 4 decimals and sends the rest to 311', () => {
    // value 1,000.00 = 100000 fen, par 3.00 = 300 fen
    // units = floor(100000 × 10000 ÷ 300) = floor(3333333.33…) = 3333333 (333.3333 shares)
    // capital = floor(3333333 × 300 ÷ 10000) = floor(99999.99) = 99999 fen (999.99)
    // remainder = 100000 − 99999 = 1 fen (0.01) → 311 公积公益金
    expect(sharesForValue(100000, 300)).toEqual({ units: 3333333, capital: 99999, remainder: 1 });
  });

  it('an exact multiple of par leaves nothing over', () => {
    // 1,500.00 at par 1.00: 150000 × 10000 ÷ 100 = 15000000 units (1500 shares), capital 150000
    expect(sharesForValue(150000, 100)).toEqual({ units: 15000000, capital: 150000, remainder: 0 });
    // 123.45 at par 10.00: 12345 × 10000 ÷ 1000 = 123450 units (12.345 shares); 123450 × 1000 ÷ 10000 = 12345
    expect(sharesForValue(12345, 1000)).toEqual({ units: 123450, capital: 12345, remainder: 0 });
  });

  it('a value below 1/10000 share of par goes wholly to 311', () => {
    // 1.00 at par 300.00: units = floor(100 × 10000 ÷ 30000) = floor(33.33) = 33 (0.0033 shares)
    // capital = 33 × 30000 ÷ 10000 = 99 fen; remainder 1 fen
    expect(sharesForValue(100, 30000)).toEqual({ units: 33, capital: 99, remainder: 1 });
    // 0.01 at par 1,000.00: floor(1 × 10000 ÷ 100000) = 0 units; capital 0; remainder 1
    expect(sharesForValue(1, 100000)).toEqual({ units: 0, capital: 0, remainder: 1 });
  });

  it('does not lose precision on large values', () => {
    // value = 2^53 − 1 fen, par 10,000.00 = 1000000 fen
    // units = floor(9007199254740991 × 10000 ÷ 1000000) = floor(90071992547409.91) = 90071992547409
    // capital = 90071992547409 × 1000000 ÷ 10000 = 9007199254740900; remainder 91
    expect(sharesForValue(9007199254740991, 1000000)).toEqual({
      units: 90071992547409,
      capital: 9007199254740900,
      remainder: 91,
    });
  });

  it('refuses a non-positive par or a negative value', () => {
    expect(() => sharesForValue(100, 0)).toThrow(RangeError);
    expect(() => sharesForValue(-1, 100)).toThrow(RangeError);
  });
});

describe('holdingsAsOf', () => {
  // A holds 10 basic + 2.5 cash shares; B 5 basic. On 2024-06-15 A transfers 3 basic shares to B
  // (转让: −30000 on A, +30000 on B, same date). C gets 1 share on 07-01 and exits on 09-01.
  const mv: ShareMovement[] = [
    { member: 'B', date: '2024-01-01', units: 50000, shareClass: '基本股' },
    { member: 'A', date: '2024-01-01', units: 100000, shareClass: '基本股' },
    { member: 'A', date: '2024-03-01', units: 25000, shareClass: '现金股' },
    { member: 'A', date: '2024-06-15', units: -30000, shareClass: '基本股' },
    { member: 'B', date: '2024-06-15', units: 30000, shareClass: '基本股' },
    { member: 'C', date: '2024-07-01', units: 10000, shareClass: '基本股' },
    { member: 'C', date: '2024-09-01', units: -10000, shareClass: '基本股' },
  ];

  it('before the transfer', () => {
    const h = holdingsAsOf(mv, '2024-06-14');
    expect([...h.keys()]).toEqual(['A', 'B']); // ordered by member id
    expect(h.get('A')!.total).toBe(125000); // 100000 + 25000
    expect(Object.fromEntries(h.get('A')!.byClass)).toEqual({ 基本股: 100000, 现金股: 25000 });
    expect(h.get('B')!.total).toBe(50000);
  });

  it('on the day of the transfer (movements dated <= asOf count)', () => {
    const h = holdingsAsOf(mv, '2024-06-15');
    expect(h.get('A')!.total).toBe(95000); // 125000 − 30000
    expect(Object.fromEntries(h.get('A')!.byClass)).toEqual({ 基本股: 70000, 现金股: 25000 });
    expect(h.get('B')!.total).toBe(80000); // 50000 + 30000
    // a transfer moves shares, it does not create them: 95000 + 80000 = 125000 + 50000
    expect([...h.values()].reduce((s, x) => s + x.total, 0)).toBe(175000);
  });

  it('omits members whose total is 0', () => {
    expect([...holdingsAsOf(mv, '2024-08-01').keys()]).toEqual(['A', 'B', 'C']);
    expect([...holdingsAsOf(mv, '2024-12-31').keys()]).toEqual(['A', 'B']);
    expect(holdingsAsOf(mv, '2023-12-31').size).toBe(0);
  });
});

describe('formatUnits', () => {
  it('formats 1/10000 units as shares without trailing zeros', () => {
    expect(formatUnits(12345)).toBe('1.2345');
    expect(formatUnits(10000)).toBe('1');
    expect(formatUnits(15000)).toBe('1.5');
    expect(formatUnits(0)).toBe('0');
    expect(formatUnits(1)).toBe('0.0001');
    expect(formatUnits(100)).toBe('0.01');
    expect(formatUnits(3333333)).toBe('333.3333');
    expect(formatUnits(-5000)).toBe('-0.5');
    expect(formatUnits(90071992547409)).toBe('9007199254.7409'); // no exponent
    expect(formatUnits(10000000000000)).toBe('1000000000');
  });
});

describe('parseShares', () => {
  it('parses up to 4 decimals into units', () => {
    expect(parseShares('1.5')).toEqual({ ok: true, value: 15000 });
    expect(parseShares('1')).toEqual({ ok: true, value: 10000 });
    expect(parseShares('1.2345')).toEqual({ ok: true, value: 12345 });
    expect(parseShares('0.0001')).toEqual({ ok: true, value: 1 });
    expect(parseShares(' 2 ')).toEqual({ ok: true, value: 20000 });
    expect(parseShares('１．５')).toEqual({ ok: true, value: 15000 });
    expect(parseShares('1,000')).toEqual({ ok: true, value: 10000000 });
  });

  it('refuses more than 4 decimals', () => {
    expect(parseShares('1.23456')).toMatchObject({ ok: false, reason: '股数「1.23456」超过 4 位小数' });
    expect(parseShares('0.00001')).toMatchObject({ ok: false });
  });

  it('refuses zero and negatives', () => {
    expect(parseShares('0')).toMatchObject({ ok: false, reason: '股数必须大于 0：「0」' });
    expect(parseShares('0.0000')).toMatchObject({ ok: false });
    expect(parseShares('-1')).toMatchObject({ ok: false, reason: '股数必须大于 0：「-1」' });
  });

  it('refuses anything that is not a plain decimal', () => {
    for (const s of ['', '  ', 'abc', '1e3', '1.', '.5', '0x10', '--1', '1.2.3', '¥1', '1,00']) {
      expect(parseShares(s).ok, s).toBe(false);
    }
    expect(parseShares('')).toMatchObject({ reason: '股数为空' });
  });
});

describe('transfers', () => {
  it('lists the reasons', () => {
    expect(TRANSFER_REASONS).toEqual(['继承', '转让', '赠与', '退出']);
    expect(isTransferReason('继承')).toBe(true);
    expect(isTransferReason('买卖')).toBe(false);
  });

  it('allows moving up to the whole holding', () => {
    expect(checkTransfer(15000, 10000)).toBeNull();
    expect(checkTransfer(15000, 15000)).toBeNull();
  });

  it('refuses more than held, in shares', () => {
    expect(checkTransfer(15000, 25000)).toEqual({
      reason: '转出 2.5 股超过持有的 1.5 股',
      reasonEn: 'transferring 2.5 shares exceeds the 1.5 held',
    });
    expect(checkTransfer(0, 1)).toMatchObject({ reason: '转出 0.0001 股超过持有的 0 股' });
  });

  it('refuses a non-positive number', () => {
    expect(checkTransfer(15000, 0)).toMatchObject({ reason: '转出股数必须大于 0（实为 0 股）' });
    expect(checkTransfer(15000, -5000)).toMatchObject({ reason: '转出股数必须大于 0（实为 -0.5 股）' });
  });
});
