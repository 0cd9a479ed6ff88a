// Pure helpers around the planner: profit from movements, the declaration's entries, payees, HTML.
import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/domain/money.js';
import { planDistribution } from '../src/domain/distribution.js';
import { declarationEntries, loadPlan, optionsJson, payeesWithoutAccount, profitFromMovements, storePlan, unpaid } from '../src/domain/dividend-plan.js';
import { escapeHtml, noticeHtml } from '../src/io/notice-html.js';

const holders = [
  { member: 'A', name: '甲', household: 'H1' },
  { member: 'B', name: '乙', household: 'H1' },
  { member: 'C', name: '丙', household: 'H2' },
];
const movements = [
  { member: 'A', date: '2024-01-01', units: 10000 },
  { member: 'B', date: '2024-01-01', units: 10000 },
  { member: 'C', date: '2024-01-01', units: 10000 },
];

function plan(profit: number, debts?: Map<string, number>) {
  return planDistribution(holders, movements, {
    year: 2024,
    profit,
    reserveRate: new Decimal('0.1'),
    payoutRate: new Decimal(1),
    basis: 'record-date',
    recordDate: '2024-12-31',
    withholdRate: new Decimal('0.2'),
    debts,
  });
}

describe('dividend helpers', () => {
  it('profit: income 501–504 credit − debit, expense 511–521 debit − credit; other accounts ignored', () => {
    const m = new Map([
      ['501', { debit: 100, credit: 120100 }],
      ['50401', { debit: 0, credit: 5000 }],
      ['511', { debit: 30000, credit: 500 }],
      ['521', { debit: 1000, credit: 0 }],
      ['102', { debit: 999999, credit: 0 }],
      ['3220101', { debit: 777, credit: 0 }],
    ]);
    expect(profitFromMovements(m)).toEqual({ income: 125000, expense: 30500, profit: 94500 });
  });

  it('declaration entries balance: Dr 3220102 gross = Cr 211 net + 214 tax + 113 offset', () => {
    // profit 100.00: reserve 10.00, pool 90.00 → 30.00 each; tax 6.00 each; C owes 50.00 → offset 24.00.
    const p = plan(10000, new Map([['C', 5000]]));
    const e = declarationEntries(p, 'tq');
    expect(e.reserve).toEqual([
      { account: '3220101', debit: 1000, credit: 0, project: 'tq' },
      { account: '311', debit: 0, credit: 1000, project: 'tq' },
    ]);
    expect(e.members).toEqual([
      { account: '3220102', debit: 9000, credit: 0, project: 'tq' },
      { account: '211', debit: 0, credit: 2400, member: 'A', project: 'tq' },
      { account: '211', debit: 0, credit: 2400, member: 'B', project: 'tq' },
      { account: '214', debit: 0, credit: 1800, project: 'tq' },
      { account: '113', debit: 0, credit: 2400, member: 'C', project: 'tq' },
    ]);
    const dr = e.members.reduce((a, l) => a + l.debit, 0);
    const cr = e.members.reduce((a, l) => a + l.credit, 0);
    expect(dr).toBe(cr);
    expect(declarationEntries(plan(0), 'tq')).toEqual({ reserve: [], members: [] });
  });

  it('a stored plan reads back the same', () => {
    const p = plan(12345);
    const back = loadPlan(JSON.parse(JSON.stringify(storePlan(p, { kind: 'option' }))));
    expect(back.plan.totalWeight.eq(p.totalWeight)).toBe(true);
    expect(back.plan.perShare.toFixed(6)).toBe(p.perShare.toFixed(6));
    expect(back.plan.allocations.map((a) => [a.member, a.gross, a.net, a.weight.toFixed()])).toEqual(p.allocations.map((a) => [a.member, a.gross, a.net, a.weight.toFixed()]));
  });

  it('unpaid and payees without an account', () => {
    const p = plan(10000, new Map([['C', 999999]])); // C nets 0
    expect(unpaid(p, new Set(['A'])).map((a) => a.member)).toEqual(['B']);
    expect(unpaid(p, new Set(), 'C')).toEqual([]);
    const payees = [
      { member: 'A', name: '甲', bank: 'x', bankAccount: '  ', net: 1 },
      { member: 'B', name: '乙', bank: null, bankAccount: null, net: 0 },
      { member: 'C', name: '丙', bank: null, bankAccount: '62', net: 5 },
    ];
    expect(payeesWithoutAccount(payees).map((p) => p.member)).toEqual(['A']);
  });

  it('options as shown', () => {
    expect(optionsJson({ profit: null, reserve: '0.1', payout: '0.6', basis: 'time-weighted', recordDate: null, offsetDebts: false, withhold: '0.2', capPerHousehold: 25000 })).toEqual({
      profit: null,
      reserve: '10%',
      payout: '60%',
      basis: 'time-weighted',
      recordDate: null,
      offsetDebts: false,
      withhold: '20%',
      capPerHousehold: '2.5',
    });
  });

  it('the HTML notice escapes every value', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const html = noticeHtml({
      title: '公示<script>',
      figures: [['利润 & 分配', '1,000.00']],
      columns: [{ label: '姓名' }, { label: '金额', numeric: true }],
      rows: [['<b>张三</b>', '1.00']],
      footer: ['合计', '1.00'],
      notes: ['"注"'],
      lang: 'zh',
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;b&gt;张三&lt;/b&gt;');
    expect(html).toContain('利润 &amp; 分配');
    expect(html).toContain('&quot;注&quot;');
    expect(html).toContain('<td class="num">1.00</td>');
  });
});
