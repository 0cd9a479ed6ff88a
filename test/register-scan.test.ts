// A project holding a large part of all share movements has them read by a scan of the table
// (projectTerm: `+project = ?`), a small one through its index: the planner's movements and the
// register's holdings are the same either way, checked against the index path's own reading.
import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox } from './harness.js';
import { Ledger } from '../src/store/ledger.js';
import { planMovements, projectTerm, registerHoldings, registerMovements } from '../src/store/shares.js';

describe('projectTerm: a scan for a large project, the index for a small one', () => {
  let ledger: Ledger | undefined;
  afterAll(() => ledger?.close());

  const open = async () => {
    if (ledger) return ledger;
    const s = new Sandbox('register-scan');
    await s.ok('init', '--name', '测试村', '--start', '2024-01');
    await s.ok('project', 'add', 'tq', '--name', '汤泉民宿', '--par', '100');
    await s.ok('project', 'add', 'yc', '--name', '鱼场', '--par', '100');
    const n = 6000;
    const members = ['成员编号,姓名,身份证号,户号,与户主关系,加入日期,状态,开户银行,银行账号'];
    for (let i = 1; i <= n; i++) members.push(`M${String(i).padStart(5, '0')},成员${i},,H${Math.ceil(i / 4)},${i % 4 === 1 ? '户主' : '子女'},2016-01-01,正常,,`);
    await s.ok('import', 'members', s.file('members.csv', members.join('\n') + '\n'));
    const shares = ['日期,成员编号,项目,股种,股数,说明'];
    // tq: every member, some twice, dates out of order; yc: a few.
    for (let i = 1; i <= n; i++) shares.push(`2024-${String(1 + (i * 7) % 12).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},M${String(i).padStart(5, '0')},tq,${i % 3 ? '资金股' : '人口股'},${1 + (i % 9)},入股`);
    for (let i = 1; i <= n; i += 5) shares.push(`2024-03-15,M${String(i).padStart(5, '0')},tq,资金股,2,追加`);
    for (let i = 1; i <= 40; i++) shares.push(`2024-02-01,M${String(i).padStart(5, '0')},yc,资金股,1,入股`);
    await s.ok('import', 'shares', s.file('shares.csv', shares.join('\n') + '\n'));
    return (ledger = Ledger.open(s.db));
  };

  it('chooses the scan for tq and the index for yc', async () => {
    const l = await open();
    expect(projectTerm(l, 'tq')).toBe('+project = ?');
    expect(projectTerm(l, 'yc')).toBe('project = ?');
    expect(projectTerm(l, 'nosuch')).toBe('project = ?');
  });

  for (const project of ['tq', 'yc']) {
    it(`${project}: the planner's movements are the register's, in the same order`, async () => {
      const l = await open();
      const want = registerMovements(l, project).map(({ member, date, units }) => ({ member, date, units }));
      expect(want.length).toBe(project === 'tq' ? 7200 : 40);
      expect(planMovements(l, project)).toEqual(want);
    });

    it(`${project}: the holdings summed by SQL are the movements summed here`, async () => {
      const l = await open();
      for (const asOf of ['2024-03-15', '2024-12-31']) {
        const sums = new Map<string, number>();
        for (const m of registerMovements(l, project)) if (m.date <= asOf) sums.set(`${m.member}|${m.shareClass}`, (sums.get(`${m.member}|${m.shareClass}`) ?? 0) + m.units);
        const want = [...sums].map(([k, units]) => [...k.split('|'), units]).sort((a, b) => (String(a[0]) + a[1] < String(b[0]) + b[1] ? -1 : 1));
        const got = [...registerHoldings(l, project, asOf)].map((r) => [r[0], r[1], r[2]]);
        expect(got).toEqual(want);
      }
    });
  }
});
