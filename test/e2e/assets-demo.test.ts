// The demo registers (fixtures/demo/resources.csv, assets.csv, contracts.csv) on a ledger that starts
// 2016-01: the 汤泉 resort's buildings and pools, its land rented from households, the forest let to
// an operator. Every figure below is worked out by hand in the comments (fen unless said).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, Sandbox } from '../harness.js';

let sb: Sandbox;
const demo = (f: string) => path.join(FIXTURES, 'demo', f);

beforeAll(async () => {
  sb = new Sandbox();
  await sb.ok('init', '--name', '下迳乡村旅游经济合作社', '--start', '2016-01');
  await sb.ok('account', 'add', '10201', '基本户');
  await sb.ok('project', 'add', 'tq', '--name', '汤泉民宿', '--par', '1000');
  await sb.ok('import', 'members', sb.file('m.csv', '成员编号,姓名,户号\nX001,邓志强,H01\nX009,邓建华,H04\n'));
  await sb.ok('import', 'resources', demo('resources.csv'));
  await sb.ok('import', 'assets', demo('assets.csv'));
  await sb.ok('import', 'contracts', demo('contracts.csv'));
  // The acquisitions, posted as ordinary vouchers (the register posts none):
  await sb.ok('voucher', 'add', '--date', '2017-03-01', '--summary', '购入汤泉入口地块', '--debit', '151:20000', '--credit', '10201:20000');
  await sb.ok('voucher', 'add', '--date', '2017-06-30', '--summary', '客房楼、露天温泉池完工转入固定资产', '--debit', '151:92000', '--credit', '153:29458.75', '--credit', '121:38541.25', '--credit', '10201:24000');
  await sb.ok('voucher', 'add', '--date', '2018-03-31', '--summary', '室内理疗池完工转入固定资产', '--debit', '151:12500', '--credit', '10201:12500');
  await sb.ok('voucher', 'add', '--date', '2018-05-31', '--summary', '停车场及进场道路完工转入固定资产', '--debit', '151:8600', '--credit', '10201:8600');
  await sb.ok('voucher', 'add', '--date', '2024-07-15', '--summary', '购入温泉水泵', '--debit', '151:15800', '--credit', '10201:15800');
});
afterAll(() => sb?.cleanup());

describe('demo: assets', () => {
  it('depreciation through 2024-12 agrees with 151/152', async () => {
    await sb.ok('asset', 'depreciate', '--through', '2024-12');
    // TQ-F01 6,800,000 × 95% = 6,460,000 ÷ 240 = 26,916.67 → 26,917 × 90 months (2017-07 … 2024-12) = 2,422,530
    // TQ-F02 2,400,000 × 95% = 2,280,000 ÷ 180 = 12,666.67 → 12,667 × 90 = 1,140,030
    // TQ-F03 1,250,000 × 95% = 1,187,500 ÷ 180 = 6,597.22 → 6,597 × 81 (2018-04 …) = 534,357
    // TQ-F04 860,000 ÷ 120 = 7,166.67 → 7,167 × 79 (2018-06 …) = 566,193
    // TQ-E01 1,580,000 × 95% = 1,501,000 ÷ 60 = 25,016.67 → 25,017 × 5 (2024-08 …) = 125,085
    // TD-01 land: none.  Σ = 4,788,195
    const list = (await sb.ok('asset', 'list', '--format', 'json')).json();
    expect(list.totals).toEqual({ cost: '148900.00', accumulated: '47881.95', netValue: '101018.05' });
    expect(list.agrees).toBe(true);
    const land = list.assets.find((a: { code: string }) => a.code === 'TD-01');
    expect(land).toMatchObject({ accumulated: '0.00', depreciated: false });
    // the depreciation carries the 汤泉 project: 511 with project tq
    const j = (await sb.ok('report', 'journal', '--from', '2024-12', '--to', '2024-12', '--format', 'json')).json();
    // December 2024: 26,917 + 12,667 + 6,597 + 7,167 + 25,017 = 78,365
    expect(j.vouchers[0].lines).toEqual([
      { account: '511', debit: '783.65', credit: '0.00', member: null, project: 'tq' },
      { account: '152', debit: '0.00', credit: '783.65', member: null, project: null },
    ]);
  });
});

describe('demo: contracts', () => {
  it('payments, accruals and dues of the land rented from households and the forest let out', async () => {
    // the forest: 48,000.00 for 2019–2021, × 1.05 = 50,400.00 for 2022–2024, due 01-15; paid 2019–2023
    for (const [date, amount] of [['2019-01-15', '48000'], ['2020-01-15', '48000'], ['2021-01-15', '48000'], ['2022-01-15', '50400'], ['2023-01-16', '50400']]) {
      await sb.ok('contract', 'pay', 'HT-LD-2019', '--amount', amount, '--date', date);
    }
    // households: 6.2 亩 × 800.00 = 4,960.00 and 5.8 × 800.00 = 4,640.00 a year from 2017, paid in one
    // sum for 2017–2024 (8 years): 39,680.00 and 37,120.00
    const p = await sb.ok('contract', 'pay', 'LZ-2017-01', '--amount', '39680', '--date', '2024-03-01');
    expect(p.stdout).toContain('第1年（2017-03-01）4,960.00');
    expect(p.stdout).toContain('第8年（2024-03-01）4,960.00');
    await sb.ok('contract', 'pay', 'LZ-2017-02', '--amount', '37120', '--date', '2024-03-01');
    // 3.5 亩 × 750.00 = 2,625.00 from 2018; 6 years (2018–2023) paid = 15,750.00
    await sb.ok('contract', 'pay', 'LZ-2018-01', '--amount', '15750', '--date', '2023-05-01');
    // a member household's rent goes through 113 with the member
    const j = (await sb.ok('report', 'journal', '--from', '2024-03', '--to', '2024-03', '--format', 'json')).json();
    const pay = j.vouchers.find((v: { summary: string }) => v.summary.includes('LZ-2017-01'));
    expect(pay.date).toBe('2024-03-01');
    expect(pay.lines).toEqual([
      { account: '113', debit: '39680.00', credit: '0.00', member: 'X001', project: null },
      { account: '10201', debit: '0.00', credit: '39680.00', member: null, project: null },
    ]);
    const d = (await sb.ok('contract', 'dues', '--as-of', '2024-12-31', '--format', 'json')).json();
    expect(d.rows).toEqual([
      // 3 × 48,000.00 + 3 × 50,400.00 = 295,200.00; 2024-01-15 unpaid: 351 days
      { contract: 'HT-LD-2019', counterparty: '清远市绿源林业有限公司', direction: '收', due: '295200.00', paid: '244800.00', outstanding: '50400.00', overdueDays: 351 },
      { contract: 'LZ-2017-01', counterparty: '邓志强', direction: '付', due: '39680.00', paid: '39680.00', outstanding: '0.00', overdueDays: 0 },
      { contract: 'LZ-2017-02', counterparty: '邓建华', direction: '付', due: '37120.00', paid: '37120.00', outstanding: '0.00', overdueDays: 0 },
      // 7 × 2,625.00 = 18,375.00; 2024-05-01 unpaid: 244 days
      { contract: 'LZ-2018-01', counterparty: '邓有才（外组农户）', direction: '付', due: '18375.00', paid: '15750.00', outstanding: '2625.00', overdueDays: 244 },
    ]);
    expect(d.totals).toEqual({
      receivable: { due: '295200.00', paid: '244800.00', outstanding: '50400.00' },
      payable: { due: '95175.00', paid: '92550.00', outstanding: '2625.00' },
    });
  });

  it('accrues each calendar year: the forest rent into 501, the land rent into 511 of the project', async () => {
    await sb.ok('contract', 'accrue', '--year', '2024');
    const j = (await sb.ok('report', 'journal', '--from', '2024-12', '--to', '2024-12', '--format', 'json')).json();
    const acc = j.vouchers.filter((v: { summary: string }) => v.summary.startsWith('确认2024年租金'));
    // forest: contract year 2024-01-01 … 2024-12-31 = 50,400.00 in full
    // LZ-2017-01: year 2023-03-01 … 2024-02-29 (366 days, 60 in 2024) and 2024-03-01 … 2025-02-28
    //   (365 days, 306 in 2024): 496,000 × 60/366 = 81,311.48 and 496,000 × 306/365 = 415,824.66
    //   → 81,311 + 415,825 (largest remainders: 0.48 vs 0.52, and 0.66 vs 0.34) = 497,136
    // LZ-2017-02: 464,000 × 60/366 = 76,065.57 → 76,066 (0.57 vs 0.43); × 306/365 = 388,997.26 → 388,997
    //   (0.26 vs 0.74) → 465,063
    // LZ-2018-01 (years from 05-01): 2023-05-01 … 2024-04-30 (366 days, 121 in 2024):
    //   262,500 × 121/366 = 86,782.79 → 86,783; 2024-05-01 … 2025-04-30 (365, 245 in 2024):
    //   262,500 × 245/365 = 176,198.63 → 176,199 (0.63 vs 0.37) → 262,982
    expect(acc.map((v: { lines: { account: string; debit: string; credit: string; member: string | null; project: string | null }[] }) => v.lines.map((l) => [l.account, l.debit || l.credit, l.member ?? l.project ?? ''])[0])).toEqual([
      ['112', '50400.00', ''],
      ['511', '4971.36', 'tq'],
      ['511', '4650.63', 'tq'],
      ['511', '2629.82', 'tq'],
    ]);
  });
});
