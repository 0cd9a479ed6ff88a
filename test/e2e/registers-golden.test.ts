// The layouts of the register lists and cards, table and CSV, as golden files under
// test/golden/registers/. The figures in them are worked out by hand below (fen unless said) and
// checked here too, so a golden file is never just whatever the code printed first.
import { afterEach, describe, expect, it } from 'vitest';
import { Sandbox } from '../harness.js';
import { expectGolden } from '../golden.js';

const RESOURCES = [
  '资源编码,名称,类别,面积,单位,坐落,四至,状态,地块代码',
  'GD-01,村前耕地,耕地,33.3,亩,村前,东至河 南至路,发包,P-0001',
  'GD-03,村前耕地（重复登记）,耕地,33.3,亩,村前,,发包,P-0001',
  'LD-01,后山林地,林地,320,亩,后山,,出租,P-0002',
  'SM-01,鱼塘,养殖水面,12.5,亩,塘边,,自营,',
].join('\n');

// F1: 12,000,000 × 5% = 600,000 residual; 11,400,000 ÷ 120 = 95,000 a month from 2024-02
// E1: 1,200,000 ÷ 60 = 20,000 a month from 2024-04; disposed 2024-10-20 after October's charge
// L1: land, never depreciated
const ASSETS = [
  '资产编码,名称,类别,取得日期,原值,残值率,使用年限,费用科目,项目',
  'F1,客房楼,房屋及建筑物,2024-01-10,120000,5%,10,511,tq',
  'E1,温泉水泵,机器设备,2024-03-05,12000,0,5,513,',
  'L1,停车场用地,土地,2024-01-05,50000,,,,',
].join('\n');

const template = (): Promise<Sandbox> =>
  Sandbox.from('registers-golden', async (s) => {
    await s.ok('init', '--name', '测试村', '--start', '2024-01');
    await s.ok('project', 'add', 'tq', '--name', '汤泉', '--par', '100');
    await s.ok('import', 'resources', s.file('r.csv', RESOURCES));
    await s.ok('import', 'assets', s.file('a.csv', ASSETS));
    await s.ok('voucher', 'add', '--date', '2024-01-10', '--summary', '客房楼完工', '--debit', '151:120000', '--credit', '102:120000');
    await s.ok('voucher', 'add', '--date', '2024-03-05', '--summary', '购入水泵', '--debit', '151:12000', '--credit', '102:12000');
    await s.ok('voucher', 'add', '--date', '2024-01-05', '--summary', '购入土地', '--debit', '151:50000', '--credit', '102:50000');
    await s.ok('asset', 'depreciate', '--through', '2024-09');
    await s.ok('asset', 'dispose', 'E1', '--date', '2024-10-20', '--proceeds', '9000');
    await s.ok('asset', 'depreciate', '--through', '2024-12');
    // 33.3 亩 × 450.00 = 14,985.00 a year, 4% more every 2 years
    await s.ok('contract', 'add', 'HT-GD01', '--kind', '发包', '--counterparty', '张三', '--subject', 'GD-01', '--start', '2024-03-01', '--end', '2027-02-28', '--rent-per-mu', '450', '--escalation', '4', '--escalate-every', '2');
    await s.ok('contract', 'add', 'HT-LD01', '--kind', '出租', '--counterparty', '某林业公司', '--subject', 'LD-01', '--start', '2023-01-01', '--end', '2025-02-28', '--annual-rent', '48000', '--due', '01-15');
    await s.ok('contract', 'add', 'LZ-01', '--kind', '流转', '--direction', '付', '--counterparty', '下迳村民小组', '--subject', 'SM-01', '--start', '2024-01-01', '--end', '2028-12-31', '--annual-rent', '5000', '--project', 'tq');
    // GD-03 is GD-01's parcel registered twice: let again in kind, unpriced
    await s.ok('contract', 'add', 'HT-SW', '--kind', '发包', '--counterparty', '陈七', '--subject', 'GD-03', '--start', '2024-06-01', '--end', '2026-05-31', '--in-kind', '500', '--in-kind-item', '稻谷', '--due', '12-31');
    await s.ok('contract', 'pay', 'HT-GD01', '--amount', '10000', '--date', '2024-03-01');
    await s.ok('contract', 'pay', 'HT-LD01', '--amount', '96000', '--date', '2024-01-20');
    await s.ok('contract', 'pay', 'LZ-01', '--amount', '5000', '--date', '2024-01-05');
  });

let sb: Sandbox;
afterEach(() => sb?.cleanup());

async function golden(name: string, ...args: string[]): Promise<void> {
  expectGolden(`registers/${name}.txt`, (await sb.ok(...args)).stdout);
  expectGolden(`registers/${name}.csv`, (await sb.ok(...args, '--format', 'csv')).bytes.subarray(3)); // without the BOM
}

describe('register layouts', () => {
  it('asset list and asset show', async () => {
    sb = await template();
    const list = (await sb.ok('asset', 'list', '--all', '--format', 'json')).json();
    // F1: 11 months (2024-02 … 12) × 95,000 = 1,045,000; E1: 7 months (04 … 10) × 20,000 = 140,000
    expect(list.assets.map((a: { code: string; accumulated: string; netValue: string }) => [a.code, a.accumulated, a.netValue])).toEqual([
      ['E1', '1400.00', '10600.00'],
      ['F1', '10450.00', '109550.00'],
      ['L1', '0.00', '50000.00'],
    ]);
    // held: F1 + L1 = 170,000.00; 151 = 120,000 + 12,000 + 50,000 − 12,000 (disposal); 152 = 1,045,000 + 140,000 − 140,000
    expect(list.totals).toEqual({ cost: '170000.00', accumulated: '10450.00', netValue: '159550.00' });
    expect(list.agrees).toBe(true);
    await golden('asset-list', 'asset', 'list', '--all');
    await golden('asset-show', 'asset', 'show', 'F1');
  });

  it('resource list', async () => {
    sb = await template();
    await golden('resource-list', 'resource', 'list', '--as-of', '2024-12-31');
  });

  it('contract list, show and schedule', async () => {
    sb = await template();
    const list = (await sb.ok('contract', 'list', '--as-of', '2024-12-31', '--format', 'json')).json();
    // HT-GD01: 14,985.00 + 14,985.00 + round(1,498,500 × 1.04) = 15,584.40 → 45,554.40; due 14,985.00, paid 10,000.00
    expect(list.contracts[0]).toMatchObject({ code: 'HT-GD01', totalRent: '45554.40', due: '14985.00', paid: '10000.00', outstanding: '4985.00' });
    // HT-LD01: 2023-01-15 and 2024-01-15 due (96,000.00), both paid; 2025-01-15 still ahead
    expect(list.contracts[1]).toMatchObject({ code: 'HT-LD01', totalRent: '144000.00', due: '96000.00', outstanding: '0.00' });
    await golden('contract-list', 'contract', 'list', '--as-of', '2024-12-31');
    await golden('contract-show', 'contract', 'show', 'HT-GD01');
    await golden('contract-schedule', 'contract', 'schedule', 'HT-SW');
  });

  it('contract dues and alerts', async () => {
    sb = await template();
    const alerts = (await sb.ok('contract', 'alerts', '--as-of', '2024-12-31', '--format', 'json')).json();
    // HT-GD01: 4,985.00 unpaid since 2024-03-01 → 305 days (March … December 2024)
    expect(alerts.overdue).toEqual([{ contract: 'HT-GD01', counterparty: '张三', direction: '收', outstanding: '4985.00', oldestDue: '2024-03-01', overdueDays: 305 }]);
    // HT-LD01 ends 2025-02-28: 31 + 28 = 59 days after 2024-12-31
    expect(alerts.expiring).toEqual([{ contract: 'HT-LD01', counterparty: '某林业公司', direction: '收', subject: 'LD-01', end: '2025-02-28', daysLeft: 59 }]);
    expect(alerts.doubleLet).toEqual([{ contracts: ['HT-GD01', 'HT-SW'], subject: 'GD-01/GD-03', parcelCode: 'P-0001', from: '2024-06-01', to: '2026-05-31' }]);
    expect(alerts.unpriced).toEqual([{ contract: 'HT-SW', years: [2024] }]);
    await golden('contract-dues', 'contract', 'dues', '--as-of', '2024-12-31');
    await golden('contract-alerts', 'contract', 'alerts', '--as-of', '2024-12-31');
  });
});
