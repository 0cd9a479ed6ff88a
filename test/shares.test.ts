import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/domain/money.js';
import {
  checkStatusAfterDeclarations,
  certificate,
  checkGrants,
  compareClasses,
  formatUnits,
  holdingsAsOf,
  householdLines,
  memberHoldings,
  parseShares,
  sharePercent,
  shareRegister,
  sharesForValue,
  unitsValue,
  type GrantDraft,
  type ShareMovement,
} from '../src/domain/shares.js';
import { memberBook } from './member-book.js';

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

  it('every fraction of a share (0–9999 units over a whole) as the decimal text of units ÷ 10,000, by Decimal', () => {
    const bad: string[] = [];
    for (let u = 0; u < 10_000; u++) {
      for (const whole of [0, 7, 123456]) {
        const units = whole * 10_000 + u;
        const want = new Decimal(units).div(10_000).toFixed();
        if (formatUnits(units) !== want) bad.push(`${units}: ${formatUnits(units)} ≠ ${want}`);
        if (units > 0 && formatUnits(-units) !== '-' + want) bad.push(`-${units}: ${formatUnits(-units)}`);
      }
    }
    expect(bad).toEqual([]);
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

describe('unitsValue and sharePercent', () => {
  it('values units at par, rounded once to the fen, half away from zero', () => {
    // 3.3333 shares × 300.00 = 999.99 → 99999 fen
    expect(unitsValue(33333, 30000)).toBe(99999);
    // 1.2345 × 3.33 = 4.110885 元 = 411.0885 fen → 411
    expect(unitsValue(12345, 333)).toBe(411);
    // 1.5 × 0.33 = 0.495 元 = 49.5 fen → 50 (half away from zero)
    expect(unitsValue(15000, 33)).toBe(50);
    // 0.0005 × 0.10 = 0.00005 元 = 0.005 fen → 0
    expect(unitsValue(5, 10)).toBe(0);
  });
  it('gives a percentage with 4 decimals', () => {
    // 1.5 ÷ 3.5 × 100 = 42.857142… → 42.8571
    expect(sharePercent(15000, 35000)).toBe('42.8571');
    // 2 ÷ 3 × 100 = 66.6666… → 66.6667
    expect(sharePercent(2, 3)).toBe('66.6667');
    expect(sharePercent(7, 7)).toBe('100.0000');
    expect(sharePercent(0, 0)).toBe('0.0000');
  });
  it('orders share classes as registers print them, others after by name', () => {
    expect(['土地股', '乙股', '人口股', '现金股', '甲股', '农龄股'].sort(compareClasses)).toEqual(['人口股', '农龄股', '现金股', '土地股', '乙股', '甲股']);
  });
});

describe('shareRegister and householdLines', () => {
  const main = { code: 'main', name: '本集体股份', par: 100 };
  const holdings = new Map([
    ['A', { total: 15000, byClass: new Map([['人口股', 10000], ['农龄股', 5000]]) }],
    ['B', { total: 10000, byClass: new Map([['人口股', 10000]]) }],
    ['C', { total: 20000, byClass: new Map([['现金股', 20000]]) }],
  ]);
  const roster: Record<string, { name: string; household: string | null }> = { A: { name: '甲', household: 'H1' }, B: { name: '乙', household: 'H1' } };
  const reg = shareRegister(main, '2024-12-31', holdings, (id) => roster[id]);

  it('one line per holder; totals by class; values at par', () => {
    expect(reg.lines.map((l) => [l.member, l.name, l.household, l.units, l.value])).toEqual([
      ['A', '甲', 'H1', 15000, 150], // 1.5 shares × 1.00
      ['B', '乙', 'H1', 10000, 100],
      ['C', '', null, 20000, 200], // not on the roster: no name
    ]);
    expect(reg.totalUnits).toBe(45000); // 15000 + 10000 + 20000
    expect(reg.totalValue).toBe(450);
    expect(reg.classes).toEqual(['人口股', '农龄股', '现金股']);
    expect(Object.fromEntries(reg.byClass)).toEqual({ 人口股: 20000, 农龄股: 5000, 现金股: 20000 });
  });

  it('sums households, members without one under ""', () => {
    const hh = householdLines(reg, new Map([['H1', { id: 'A', name: '甲' }]]));
    expect(hh.map((h) => [h.household, h.head?.id ?? null, h.members.map((m) => m.member), h.units, h.value])).toEqual([
      ['', null, ['C'], 20000, 200],
      ['H1', 'A', ['A', 'B'], 25000, 250], // 15000 + 10000 units = 2.5 shares × 1.00
    ]);
    expect(Object.fromEntries(hh[1].byClass)).toEqual({ 人口股: 20000, 农龄股: 5000 });
  });
});

describe('memberHoldings', () => {
  it('one entry per project the member holds in on the date', () => {
    const projects = [
      { code: 'main', name: '本集体股份', par: 100 },
      { code: 'cy', name: '茶园', par: 100000 },
      { code: 'tq', name: '汤泉民宿', par: 30000 },
    ];
    const mv = [
      { project: 'main', member: 'A', date: '2016-01-01', units: 10000, shareClass: '人口股' },
      { project: 'tq', member: 'A', date: '2016-03-02', units: 33333, shareClass: '现金股' },
      { project: 'tq', member: 'A', date: '2016-09-01', units: -33333, shareClass: '现金股' },
      { project: 'tq', member: 'B', date: '2016-09-01', units: 33333, shareClass: '现金股' },
    ];
    const before = memberHoldings('A', projects, mv, '2016-08-31');
    // main: 1 share × 1.00; tq: 3.3333 × 300.00 = 999.99
    expect(before.map((h) => [h.project.code, h.units, h.value])).toEqual([
      ['main', 10000, 100],
      ['tq', 33333, 99999],
    ]);
    expect(memberHoldings('A', projects, mv, '2016-09-01').map((h) => h.project.code)).toEqual(['main']);
  });
});

describe('checkGrants', () => {
  const members = memberBook([
    { id: 'X1', name: '甲', joined: '2016-01-01' },
    { id: 'X2', name: '乙', joined: '2016-02-01' },
    { id: 'X3', name: '丙', status: '迁出' },
    { id: 'X4', name: '丁', status: '已故', events: [{ date: '2017-03-08', status: '已故', previous: '正常' }] },
  ]);
  const lookup = { hasProject: (p: string) => p === 'main', members };
  const g = (over: Partial<GrantDraft>): GrantDraft => ({ date: '2016-03-01', member: 'X1', project: 'main', shareClass: '人口股', units: 10000, note: null, ...over });

  it('accepts a grant to an active member of a known project', () => {
    expect(checkGrants([g({}), g({ member: 'X4', date: '2017-03-07' })], lookup)).toEqual([]);
  });

  it('finds every problem of every row, each at its line', () => {
    const errors = checkGrants(
      [
        g({ project: 'nope', member: 'X9', source: { file: 'f.csv', line: 2 } }),
        g({ member: 'X2', date: '2016-01-15', source: { file: 'f.csv', line: 3 } }),
        g({ member: 'X3', source: { file: 'f.csv', line: 4 } }),
        g({ member: 'X4', date: '2017-03-08', source: { file: 'f.csv', line: 5 } }),
      ],
      lookup,
    );
    expect(errors.map((e) => [e.source?.line, e.code])).toEqual([
      [2, 'PROJECT_UNKNOWN'],
      [2, 'MEMBER_UNKNOWN'],
      [3, 'MEMBER_NOT_JOINED'],
      [4, 'MEMBER_INACTIVE'],
      [5, 'MEMBER_INACTIVE'],
    ]);
    expect(errors[3].zh).toBe('成员「X3 丙」在 2016-03-01 的状态为「迁出」，不能配股');
  });
});

describe('certificate', () => {
  const tq = { code: 'tq', name: '汤泉民宿', par: 30000 };
  const member = { id: 'X001', name: '邓志强', maskedIdCard: '441827********1239', household: 'H01' };

  it('numbers the certificate and values each class at par', () => {
    const h = { total: 213333, byClass: new Map([['劳务股', 180000], ['现金股', 33333]]) };
    const r = certificate('下迳乡村旅游经济合作社', tq, member, h, '2016-12-31', '2017-01-10');
    expect('certificate' in r && r.certificate).toMatchObject({
      number: 'TQ-X001',
      units: 213333,
      value: 639999, // 21.3333 × 300.00 = 6,399.99
      // in register order: 现金股 before 劳务股
      classes: [
        { shareClass: '现金股', units: 33333, value: 99999 }, // 3.3333 × 300.00 = 999.99
        { shareClass: '劳务股', units: 180000, value: 540000 }, // 18 × 300.00
      ],
    });
  });

  it('refuses a member who holds nothing', () => {
    const r = certificate('x', tq, member, undefined, '2016-12-31', '2017-01-10');
    expect('error' in r && r.error.code).toBe('NO_HOLDING');
  });
});

describe('checkStatusAfterDeclarations', () => {
  const declared = [
    { project: 'tq', year: 2024, shareDate: '2024-12-31' },
    { project: 'main', year: 2024, shareDate: '2024-06-30' },
  ];
  // X1 holds tq only; X2 holds main only.
  const units = (member: string, project: string) => (member === 'X1' && project === 'tq') || (member === 'X2' && project === 'main') ? 10000 : 0;
  const codes = (changes: { member: string; date: string; status: string }[]) =>
    checkStatusAfterDeclarations(changes, declared, units).map((e) => `${e.code} ${(e.zh.match(/项目 (\S+) (\d+) 年/) ?? []).slice(1).join(' ')}`);

  it('refuses a holder made not active on or before the day a declaration counted the shares', () => {
    expect(codes([{ member: 'X1', date: '2024-12-31', status: '已故' }])).toEqual(['SHARES_DECLARED_STATUS tq 2024']);
    expect(codes([{ member: 'X2', date: '2024-06-30', status: '迁出' }])).toEqual(['SHARES_DECLARED_STATUS main 2024']);
  });

  it('leaves alone a later date, a return to 正常, and a member who held none of the project', () => {
    expect(codes([{ member: 'X1', date: '2025-01-01', status: '已故' }])).toEqual([]);
    expect(codes([{ member: 'X2', date: '2024-07-01', status: '退出' }])).toEqual([]);
    expect(codes([{ member: 'X1', date: '2024-01-01', status: '正常' }])).toEqual([]);
    expect(codes([{ member: 'X3', date: '2024-01-01', status: '已故' }])).toEqual([]);
  });
});
