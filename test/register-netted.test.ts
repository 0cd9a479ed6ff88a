// registerOfHoldings (the register from holdings the store nets per member and class) against
// shareRegister(holdingsAsOf(movements)) (the register from the movements themselves) as the oracle.
import { describe, expect, it } from 'vitest';
import { holdingsAsOf, registerOfHoldings, shareRegister, unitsInClass, type NettedHolding, type ShareMovement, type ShareRegister } from '../src/domain/shares.js';

const project = { code: 'tq', name: '汤泉民宿', par: 30000 };
const names: Record<string, { name: string; household: string | null }> = {
  A: { name: '甲', household: 'H1' },
  B: { name: '乙', household: null },
  C: { name: '丙', household: 'H2' },
};

/** The movements summed per member and class as SQL's GROUP BY would, by member then class. */
function netted(movements: readonly ShareMovement[], asOf: string): NettedHolding[] {
  const sums = new Map<string, number>();
  for (const m of movements) if (m.date <= asOf) sums.set(`${m.member}\u0000${m.shareClass}`, (sums.get(`${m.member}\u0000${m.shareClass}`) ?? 0) + m.units);
  return [...sums]
    .map(([k, units]) => {
      const [member, shareClass] = k.split('\u0000');
      return [member, shareClass, units, names[member]?.name ?? null, names[member]?.household ?? null] as const;
    })
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
}

function plain(r: ShareRegister) {
  return {
    lines: r.lines.map((l) => ({ member: l.member, name: l.name, household: l.household, units: l.units, value: l.value, byClass: [...l.byClass] })),
    totalUnits: r.totalUnits,
    totalValue: r.totalValue,
    classes: r.classes,
    byClass: [...r.byClass],
  };
}

const mv = (member: string, date: string, units: number, shareClass = '资金股'): ShareMovement => ({ member, date, units, shareClass });

describe('registerOfHoldings', () => {
  const movements = [
    mv('C', '2024-03-01', 20000),
    mv('A', '2024-01-01', 10000, '人口股'),
    mv('A', '2024-02-01', 5000, '农龄股'),
    mv('B', '2024-01-05', 7000),
    mv('B', '2024-06-01', -7000), // B gives everything away: left out from June
    mv('A', '2024-07-01', -5000, '农龄股'), // A's 农龄股 nets to 0 from July: the class is left out
    mv('D', '2024-02-01', 3000, '人口股'), // not on the roll: no name
    mv('D', '2024-02-01', -3000, '现金股'), // D's classes net to 0 in total: D left out
    mv('D', '2024-03-01', 4000, '现金股'),
  ];

  for (const asOf of ['2023-12-31', '2024-01-31', '2024-02-15', '2024-05-31', '2024-06-30', '2024-12-31']) {
    it(`is shareRegister(holdingsAsOf(…)) on ${asOf}`, () => {
      const oracle = shareRegister(project, asOf, holdingsAsOf(movements, asOf), (id) => names[id]);
      expect(plain(registerOfHoldings(project, asOf, netted(movements, asOf)))).toEqual(plain(oracle));
    });
  }

  it('keeps one class without a Map, several in a Map, by name', () => {
    const r = registerOfHoldings(project, '2024-03-31', netted(movements, '2024-03-31'));
    // A: 人口股 10000 + 农龄股 5000 = 15000 units (1.5 shares × 300.00 = 450.00)
    const a = r.lines.find((l) => l.member === 'A')!;
    expect([a.units, a.value, unitsInClass(a, '人口股'), unitsInClass(a, '农龄股'), unitsInClass(a, '资金股')]).toEqual([15000, 45000, 10000, 5000, undefined]);
    // D: 人口股 3000, 现金股 −3000 + 4000 = 1000: total 4000
    const d = r.lines.find((l) => l.member === 'D')!;
    expect([d.name, d.household, d.units, [...d.byClass]]).toEqual(['', null, 4000, [['人口股', 3000], ['现金股', 1000]]]);
    const c = r.lines.find((l) => l.member === 'C')!;
    expect([unitsInClass(c, '资金股'), unitsInClass(c, '人口股'), [...c.byClass]]).toEqual([20000, undefined, [['资金股', 20000]]]);
  });

  it('orders members by code unit where SQLite (UTF-8 bytes) does not', () => {
    // U+FF21 (Ａ, EF BC A1) sorts before U+1F600 (😀, F0 9F 98 80) in UTF-8 bytes, after it in
    // UTF-16 code units (FF21 > D83D): the rows come in SQLite's order, the lines in JavaScript's.
    const rows: NettedHolding[] = [
      ['Ａ', '资金股', 20000, null, null],
      ['😀', '资金股', 10000, null, null],
    ];
    expect(registerOfHoldings(project, '2024-12-31', rows).lines.map((l) => l.member)).toEqual(['😀', 'Ａ']);
  });

  it("refuses rows whose member's holdings are apart", () => {
    const rows: NettedHolding[] = [
      ['A', '人口股', 10000, null, null],
      ['B', '人口股', 10000, null, null],
      ['A', '农龄股', 10000, null, null],
    ];
    expect(() => registerOfHoldings(project, '2024-12-31', rows)).toThrow(RangeError);
  });
});
