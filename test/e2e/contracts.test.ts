// Contracts and land transfers end to end: schedules, payments, dues, alerts, accrual, refusals.
// Money in the comments is in 元 unless said.
import { afterEach, describe, expect, it } from 'vitest';
import { expectRefused, Sandbox } from '../harness.js';
import { registerState } from './register-state.js';

let sb: Sandbox;
afterEach(() => sb?.cleanup());

const RESOURCES = [
  '资源编码,名称,类别,面积,单位,坐落,四至,状态,地块代码',
  'LD-01,后山林地,林地,320,亩,下迳村后山,东至山脊 南至水渠 西至村道 北至林场,出租,4418030010001',
  'GD-01,村前耕地,耕地,33.3,亩,村前,东至河 南至路 西至渠 北至村,发包,4418030010002',
  'GD-02,塘边耕地,耕地,10,亩,塘边,,发包,4418030010003',
  'TQ-D1,汤泉用地（农户承包地）,耕地,12.5,亩,小华山脚,,自营,4418030010004',
  'GD-03,村前耕地（重复登记）,耕地,33.3,亩,村前,,闲置,4418030010002',
].join('\n');

async function setup(): Promise<void> {
  sb = await Sandbox.from('contracts', async (s) => {
    await s.ok('init', '--name', '测试村', '--start', '2020-01');
    await s.ok('import', 'resources', s.file('resources.csv', RESOURCES));
  });
}

async function voucherCount(): Promise<number> {
  return (await sb.ok('voucher', 'list', '--format', 'json')).json().vouchers.length;
}

async function contractCodes(): Promise<string[]> {
  return (await sb.ok('contract', 'list', '--format', 'json')).json().contracts.map((c: { code: string }) => c.code);
}

describe('contract schedule', () => {
  it('rent per 亩 with escalation every 2 years, each step rounded once from the base', async () => {
    await setup();
    // area from the resource: 33.3 亩 × 450.00 = 14,985.00 (1,498,500 fen)
    await sb.ok('contract', 'add', 'HT-GD01', '--kind', '发包', '--counterparty', '张三', '--subject', 'GD-01', '--start', '2020-03-01', '--end', '2028-02-29', '--rent-per-mu', '450', '--escalation', '4%', '--escalate-every', '2');
    const s = (await sb.ok('contract', 'schedule', 'HT-GD01', '--format', 'json')).json();
    // k = 0..7, steps floor(k ÷ 2) = 0,0,1,1,2,2,3,3
    // 1,498,500 × 1.04 = 1,558,440            → 15,584.40
    // 1,498,500 × 1.0816 = 1,620,777.6        → 1,620,778 → 16,207.78
    // 1,498,500 × 1.124864 = 1,685,608.704    → 1,685,609 → 16,856.09
    expect(s.schedule.map((r: { amount: string }) => r.amount)).toEqual([
      '14985.00', '14985.00', '15584.40', '15584.40', '16207.78', '16207.78', '16856.09', '16856.09',
    ]);
    expect(s.schedule[0]).toMatchObject({ year: 0, periodStart: '2020-03-01', periodEnd: '2021-02-28', dueDate: '2020-03-01' });
    expect(s.schedule[7]).toMatchObject({ periodStart: '2027-03-01', periodEnd: '2028-02-29', dueDate: '2027-03-01' });
    // total = 2 × (14,985.00 + 15,584.40 + 16,207.78 + 16,856.09) = 2 × 63,633.27 = 127,266.54
    expect(s.total).toBe('127266.54');
  });

  it('a contract starting on 29 February: due 02-28 in common years; accrual split by days of the leap year', async () => {
    await setup();
    await sb.ok('contract', 'add', 'HT-LEAP', '--kind', '出租', '--counterparty', '李四', '--subject', 'GD-02', '--start', '2024-02-29', '--end', '2028-02-28', '--annual-rent', '1000');
    const s = (await sb.ok('contract', 'schedule', 'HT-LEAP', '--format', 'json')).json();
    // year 3 would start 2028-02-29, after the end: 4 years
    expect(s.schedule.map((r: { dueDate: string }) => r.dueDate)).toEqual(['2024-02-29', '2025-02-28', '2026-02-28', '2027-02-28']);
    expect(s.schedule[0]).toMatchObject({ periodStart: '2024-02-29', periodEnd: '2025-02-27' });
    // unpaid since 2024-02-29: overdue days to 2024-12-31 = 306; to 2025-02-28 = 365
    const d1 = (await sb.ok('contract', 'dues', '--as-of', '2024-12-31', '--format', 'json')).json();
    expect(d1.rows).toEqual([{ contract: 'HT-LEAP', counterparty: '李四', direction: '收', due: '1000.00', paid: '0.00', outstanding: '1000.00', overdueDays: 306 }]);
    const d2 = (await sb.ok('contract', 'dues', '--as-of', '2025-02-28', '--format', 'json')).json();
    expect(d2.rows[0]).toMatchObject({ due: '2000.00', outstanding: '2000.00', overdueDays: 365 });
    // accrual: contract year 0 covers 2024-02-29 … 2025-02-27: 307 days in 2024, 58 in 2025 (365)
    // 100,000 fen × 307/365 = 84,109.59 → 84,109 + the one fen left (largest remainder) = 84,110
    const r = await sb.ok('contract', 'accrue', '--year', '2024');
    expect(r.stdout).toContain('841.10');
    const j = (await sb.ok('report', 'journal', '--from', '2024-12', '--to', '2024-12', '--format', 'json')).json();
    expect(j.vouchers).toHaveLength(1);
    expect(j.vouchers[0].date).toBe('2024-12-31');
    expect(j.vouchers[0].lines.map((l: { account: string; debit: string; credit: string }) => [l.account, l.debit, l.credit])).toEqual([
      ['112', '841.10', '0.00'],
      ['501', '0.00', '841.10'],
    ]);
    // running it again adds nothing
    expect((await sb.ok('contract', 'accrue', '--year', '2024')).stdout).toContain('没有需要确认的租金');
    // 2025: 158.90 of year 0 (15,890 fen) + year 1 (2025-02-28 … 2026-02-27): 307 days of 365 in 2025 → 84,110
    // → 158.90 + 841.10 = 1,000.00
    expect((await sb.ok('contract', 'accrue', '--year', '2025')).stdout).toContain('1,000.00');
  });
});

describe('contract pay and dues', () => {
  it('a payment settles the oldest dues first across several years; an overpayment is held as credit', async () => {
    await setup();
    // 1,000.00 a year, 2020-03-01 … 2025-02-28, due 03-01: 5 years, 5,000.00 in all
    await sb.ok('contract', 'add', 'HT-1', '--kind', '出租', '--counterparty', '王五', '--subject', 'GD-02', '--start', '2020-03-01', '--end', '2025-02-28', '--annual-rent', '1000');
    const p1 = await sb.ok('contract', 'pay', 'HT-1', '--amount', '3500', '--date', '2023-06-30');
    // settles 2020, 2021, 2022 in full and 500.00 of 2023
    expect(p1.stdout).toContain('冲抵 第1年（2020-03-01）1,000.00、第2年（2021-03-01）1,000.00、第3年（2022-03-01）1,000.00、第4年（2023-03-01）500.00');
    // the receipt: Dr 102 / Cr 112
    const j = (await sb.ok('report', 'journal', '--from', '2023-06', '--to', '2023-06', '--format', 'json')).json();
    expect(j.vouchers[0].lines.map((l: { account: string; debit: string; credit: string }) => [l.account, l.debit, l.credit])).toEqual([
      ['102', '3500.00', '0.00'],
      ['112', '0.00', '3500.00'],
    ]);
    // as of 2023-06-30: due 4 × 1,000.00; outstanding 500.00 since 2023-03-01 → 121 days (31 + 30 + 31 + 29)
    let d = (await sb.ok('contract', 'dues', '--as-of', '2023-06-30', '--format', 'json')).json();
    expect(d.rows).toEqual([{ contract: 'HT-1', counterparty: '王五', direction: '收', due: '4000.00', paid: '3500.00', outstanding: '500.00', overdueDays: 121 }]);
    // 2,000.00 more: 500.00 of 2023, 1,000.00 of 2024 (the last year), 500.00 beyond every due → credit
    const p2 = await sb.ok('contract', 'pay', 'HT-1', '--amount', '2000', '--date', '2023-07-01');
    expect(p2.stdout).toContain('第4年（2023-03-01）500.00、第5年（2024-03-01）1,000.00');
    expect(p2.stdout).toContain('预付余额挂账（余额 500.00）');
    d = (await sb.ok('contract', 'dues', '--as-of', '2023-07-01', '--format', 'json')).json();
    expect(d.rows[0]).toMatchObject({ due: '4000.00', paid: '5500.00', outstanding: '0.00', overdueDays: 0 });
    const s = (await sb.ok('contract', 'show', 'HT-1', '--format', 'json')).json();
    expect(s.credit).toBe('500.00');
    expect(s.outstanding).toBe('0.00');
    // after the end, with nothing outstanding: refused, nothing written
    const before = await registerState(sb);
    const late = await sb.run('contract', 'pay', 'HT-1', '--amount', '100', '--date', '2025-03-01');
    expectRefused(late, 'CONTRACT_ENDED');
    expect(late.stderr).toContain('已于 2025-02-28 到期且租金已全部结清');
    expect(await registerState(sb)).toBe(before);
  });

  it('an ended contract takes payments only up to what is outstanding', async () => {
    await setup();
    await sb.ok('contract', 'add', 'HT-2', '--kind', '出租', '--counterparty', '赵六', '--subject', 'GD-02', '--start', '2021-01-01', '--end', '2022-12-31', '--annual-rent', '800');
    const before = await registerState(sb);
    const over = await sb.run('contract', 'pay', 'HT-2', '--amount', '1600.01', '--date', '2023-02-01');
    expectRefused(over, 'CONTRACT_ENDED');
    expect(over.stderr).toContain('只能结清尚欠的 1,600.00');
    // a zero amount and a cash account of the wrong kind, both at once
    expect((await sb.run('contract', 'pay', 'HT-2', '--amount', '0', '--date', '2022-02-01', '--account', '112')).codes).toEqual(['OPTION_VALUE', 'ACCOUNT_PURPOSE']);
    expect(await registerState(sb)).toBe(before);
    await sb.ok('contract', 'pay', 'HT-2', '--amount', '1600', '--date', '2023-02-01');
    expectRefused(await sb.run('contract', 'pay', 'HT-2', '--amount', '1', '--date', '2023-02-02'), 'CONTRACT_ENDED');
  });

  it('dues totals split receivable and payable; a 付 payment is Dr 211 / Cr 102', async () => {
    await setup();
    // 收: 1,000.00 a year from 2024-01-01
    await sb.ok('contract', 'add', 'HT-R', '--kind', '出租', '--counterparty', '王五', '--subject', 'GD-02', '--start', '2024-01-01', '--end', '2026-12-31', '--annual-rent', '1000');
    // 付: land rented from households for the resort: 12.5 亩 × 800.00 = 10,000.00 a year
    await sb.ok('contract', 'add', 'LZ-1', '--kind', '流转', '--direction', '付', '--counterparty', '下迳村民小组', '--subject', 'TQ-D1', '--start', '2023-01-01', '--end', '2032-12-31', '--rent-per-mu', '800');
    await sb.ok('contract', 'pay', 'LZ-1', '--amount', '10000', '--date', '2023-01-05');
    await sb.ok('contract', 'pay', 'HT-R', '--amount', '600', '--date', '2024-02-01');
    const j = (await sb.ok('report', 'journal', '--from', '2023-01', '--to', '2023-01', '--format', 'json')).json();
    expect(j.vouchers[0].lines.map((l: { account: string; debit: string; credit: string }) => [l.account, l.debit, l.credit])).toEqual([
      ['211', '10000.00', '0.00'],
      ['102', '0.00', '10000.00'],
    ]);
    const d = (await sb.ok('contract', 'dues', '--as-of', '2024-12-31', '--format', 'json')).json();
    expect(d).toEqual({
      asOf: '2024-12-31',
      rows: [
        // 400.00 of 2024-01-01 unpaid: 365 days to 2024-12-31 (leap year)
        { contract: 'HT-R', counterparty: '王五', direction: '收', due: '1000.00', paid: '600.00', outstanding: '400.00', overdueDays: 365 },
        // 2023 paid; 2024-01-01 unpaid: 365 days
        { contract: 'LZ-1', counterparty: '下迳村民小组', direction: '付', due: '20000.00', paid: '10000.00', outstanding: '10000.00', overdueDays: 365 },
      ],
      totals: {
        receivable: { due: '1000.00', paid: '600.00', outstanding: '400.00' },
        payable: { due: '20000.00', paid: '10000.00', outstanding: '10000.00' },
      },
    });
    // accrual of the payable: Dr 511 / Cr 211, 10,000.00 for 2024
    await sb.ok('contract', 'accrue', '--year', '2024', '--contract', 'LZ-1');
    const a = (await sb.ok('report', 'journal', '--from', '2024-12', '--to', '2024-12', '--format', 'json')).json();
    expect(a.vouchers[0].lines.map((l: { account: string; debit: string; credit: string }) => [l.account, l.debit, l.credit])).toEqual([
      ['511', '10000.00', '0.00'],
      ['211', '0.00', '10000.00'],
    ]);
  });

  it('rent in kind is priced per year: quantity per 亩 × area × unit price', async () => {
    await setup();
    await sb.ok('contract', 'add', 'HT-SW', '--kind', '发包', '--counterparty', '陈七', '--subject', 'GD-02', '--start', '2024-01-01', '--end', '2025-12-31', '--in-kind', '500', '--in-kind-item', '稻谷', '--due', '12-31');
    // 500 斤 × 10 亩 × 1.35 元 = 6,750.00
    const r = await sb.ok('contract', 'price', 'HT-SW', '--year', '2024', '--unit-price', '1.35');
    expect(r.stdout).toContain('租金 6,750.00');
    const d = (await sb.ok('contract', 'dues', '--as-of', '2025-12-31', '--format', 'json')).json();
    // 2025 not priced yet: not counted as due
    expect(d.rows[0]).toMatchObject({ due: '6750.00', outstanding: '6750.00', overdueDays: 365 });
    const al = (await sb.ok('contract', 'alerts', '--as-of', '2025-12-31', '--format', 'json')).json();
    expect(al.unpriced).toEqual([{ contract: 'HT-SW', years: [2025] }]);
    // A price not yet accrued may be corrected: set again, it replaces the first (an upsert of the row).
    await sb.ok('contract', 'price', 'HT-SW', '--year', '2025', '--unit-price', '1.3');
    await sb.ok('contract', 'price', 'HT-SW', '--year', '2025', '--unit-price', '1.4');
    expect((await sb.run('verify')).code).toBe(0);
    // 500 × 10 × 1.40 = 7,000.00
    const d2 = (await sb.ok('contract', 'dues', '--as-of', '2025-12-31', '--format', 'json')).json();
    expect(d2.rows[0]).toMatchObject({ due: '13750.00' });
    // no contract year starts in 2026; a cash contract has no price; once 2025 is accrued its price stays
    const before = await registerState(sb);
    expectRefused(await sb.run('contract', 'price', 'HT-SW', '--year', '2026', '--unit-price', '1.4'), 'CONTRACT_PRICE_YEAR');
    await sb.ok('contract', 'add', 'HT-CASH', '--kind', '出租', '--counterparty', '甲', '--subject', 'GD-01', '--start', '2024-01-01', '--end', '2024-12-31', '--annual-rent', '1');
    expectRefused(await sb.run('contract', 'price', 'HT-CASH', '--year', '2024', '--unit-price', '1'), 'CONTRACT_NOT_IN_KIND');
    await sb.ok('contract', 'accrue', '--year', '2025', '--contract', 'HT-SW');
    const changed = await registerState(sb);
    expect(changed).not.toBe(before);
    expectRefused(await sb.run('contract', 'price', 'HT-SW', '--year', '2025', '--unit-price', '1.5'), 'CONTRACT_PRICE_ACCRUED');
    expect(await registerState(sb)).toBe(changed);
  });
});

describe('contract alerts', () => {
  it('overdue rent, contracts ending within the window, the same parcel let twice', async () => {
    await setup();
    await sb.ok('contract', 'add', 'HT-A', '--kind', '发包', '--counterparty', '张三', '--subject', 'GD-01', '--start', '2022-01-01', '--end', '2025-01-31', '--annual-rent', '500');
    // GD-03 is the same parcel (地块代码 4418030010002) registered twice: accepted, then reported
    await sb.ok('contract', 'add', 'HT-B', '--kind', '发包', '--counterparty', '李四', '--subject', 'GD-03', '--start', '2024-06-01', '--end', '2030-12-31', '--annual-rent', '600');
    await sb.ok('contract', 'pay', 'HT-A', '--amount', '1000', '--date', '2023-01-01');
    const a = (await sb.ok('contract', 'alerts', '--as-of', '2024-12-31', '--format', 'json')).json();
    // HT-A: 2022, 2023 paid; 2024-01-01 unpaid → 365 days; HT-B: 2024-06-01 unpaid → 213 days
    expect(a.overdue).toEqual([
      { contract: 'HT-A', counterparty: '张三', direction: '收', outstanding: '500.00', oldestDue: '2024-01-01', overdueDays: 365 },
      { contract: 'HT-B', counterparty: '李四', direction: '收', outstanding: '600.00', oldestDue: '2024-06-01', overdueDays: 213 },
    ]);
    // HT-A ends 2025-01-31: 31 days away, within 90
    expect(a.expiring).toEqual([{ contract: 'HT-A', counterparty: '张三', direction: '收', subject: 'GD-01', end: '2025-01-31', daysLeft: 31 }]);
    expect(a.doubleLet).toEqual([{ contracts: ['HT-A', 'HT-B'], subject: 'GD-01/GD-03', parcelCode: '4418030010002', from: '2024-06-01', to: '2025-01-31' }]);
    const narrow = (await sb.ok('contract', 'alerts', '--as-of', '2024-12-31', '--days', '30', '--format', 'json')).json();
    expect(narrow.expiring).toEqual([]);
    expect((await sb.ok('contract', 'alerts', '--as-of', '2024-12-31')).stdout).toContain('重复出租');
  });
});

describe('contract refusals', () => {
  it('ends before it starts, overlap in the same direction, unknown subject, unknown contract: exit 1, nothing written', async () => {
    await setup();
    await sb.ok('contract', 'add', 'HT-LD', '--kind', '出租', '--counterparty', '林业公司', '--subject', 'LD-01', '--start', '2020-01-01', '--end', '2029-12-31', '--annual-rent', '48000', '--escalation', '5', '--escalate-every', '3');
    const n = await voucherCount();
    const before = await registerState(sb);
    const ends = await sb.run('contract', 'add', 'HT-X', '--kind', '出租', '--counterparty', '甲', '--subject', 'GD-02', '--start', '2024-01-01', '--end', '2023-12-31', '--annual-rent', '1');
    expectRefused(ends, 'CONTRACT_ENDS_BEFORE_START');
    expect(ends.stderr).toContain('合同结束日期 2023-12-31 早于开始日期 2024-01-01');
    // one shared day (2029-12-31) is an overlap
    const overlap = await sb.run('contract', 'add', 'HT-Y', '--kind', '发包', '--counterparty', '乙', '--subject', 'LD-01', '--start', '2029-12-31', '--end', '2035-12-31', '--annual-rent', '1');
    expectRefused(overlap, 'CONTRACT_OVERLAP');
    expect(overlap.stderr).toContain('标的「LD-01」在 2029-12-31 至 2029-12-31 已由合同「HT-LD」');
    // every reason at once: the subject let, an unknown member and project, an income account of the wrong kind
    const many = await sb.run('contract', 'add', 'HT-W', '--kind', '出租', '--counterparty', '丙', '--subject', 'LD-01', '--start', '2025-01-01', '--end', '2025-12-31', '--annual-rent', '1', '--member', 'X9', '--project', 'p9', '--pnl-account', '102');
    expect(many.codes).toEqual(['CONTRACT_OVERLAP', 'MEMBER_UNKNOWN', 'PROJECT_UNKNOWN', 'ACCOUNT_PURPOSE']);
    expectRefused(await sb.run('contract', 'add', 'HT-LD', '--kind', '出租', '--counterparty', '丙', '--subject', 'GD-02', '--start', '2025-01-01', '--end', '2025-12-31', '--annual-rent', '1'), 'CONTRACT_EXISTS');
    expect(await registerState(sb)).toBe(before);
    // the day after is fine; so is the other direction
    await sb.ok('contract', 'add', 'HT-Z', '--kind', '发包', '--counterparty', '乙', '--subject', 'LD-01', '--start', '2030-01-01', '--end', '2035-12-31', '--annual-rent', '1');
    await sb.ok('contract', 'add', 'HT-IN', '--kind', '流转', '--direction', '付', '--counterparty', '丙', '--subject', 'LD-01', '--start', '2020-01-01', '--end', '2035-12-31', '--annual-rent', '1');
    const unknown = await sb.run('contract', 'add', 'HT-Q', '--kind', '出租', '--counterparty', '丁', '--subject', 'NOPE', '--start', '2024-01-01', '--end', '2024-12-31', '--annual-rent', '1');
    expectRefused(unknown, 'CONTRACT_SUBJECT_UNKNOWN');
    expect(unknown.stderr).toContain('标的「NOPE」不是已登记的资源或资产');
    const pay = await sb.run('contract', 'pay', 'NOPE', '--amount', '1', '--date', '2024-01-01');
    expectRefused(pay, 'CONTRACT_UNKNOWN');
    expect(pay.stderr).toContain('合同「NOPE」不存在');
    expect(await contractCodes()).toEqual(['HT-IN', 'HT-LD', 'HT-Z']);
    expect(await voucherCount()).toBe(n);
  });

  it('a rent beyond what sums can hold exactly (a mistyped rate or term) is refused before anything is written: add, import, in-kind price', async () => {
    await setup();
    const before = await registerState(sb);
    // The cap: floor((2^53 − 1) ÷ 1024) fen = 8,796,093,022,207 fen = 87,960,930,222.07 over the whole term.
    const add = (code: string, subject: string, ...terms: string[]) => sb.run('contract', 'add', code, '--kind', '出租', '--counterparty', '某公司', '--subject', subject, ...terms);
    const over = await add('K1', 'LD-01', '--start', '2024-01-01', '--end', '2093-12-31', '--annual-rent', '10000', '--escalation', '50');
    expectRefused(over, 'CONTRACT_RENT_RANGE');
    expect(over.stderr).toContain('合同「K1」的租金在合同期内合计超过 87,960,930,222.07 元');
    expectRefused(await add('K2', 'GD-01', '--start', '2024-01-01', '--end', '2024-12-31', '--annual-rent', '87960930222.08'), 'CONTRACT_RENT_RANGE');
    const csv = sb.file('k.csv', ['合同编号,类型,对方,标的,开始,结束,年租金,递增率', 'K1,出租,某公司,LD-01,2024-01-01,2093-12-31,10000,50'].join('\n'));
    const imported = await sb.run('import', 'contracts', csv);
    expectRefused(imported, 'CONTRACT_RENT_RANGE');
    expect(imported.stderr).toContain('k.csv:2: 合同「K1」');
    expect(await registerState(sb)).toBe(before);
    // At the cap exactly, and a 5 % rise over the 70 years (5,885,285.10 in all): registered, and the register reads.
    await sb.ok('contract', 'add', 'K2', '--kind', '出租', '--counterparty', '某公司', '--subject', 'GD-01', '--start', '2024-01-01', '--end', '2024-12-31', '--annual-rent', '87960930222.07');
    await sb.ok('contract', 'add', 'K3', '--kind', '出租', '--counterparty', '某公司', '--subject', 'LD-01', '--start', '2024-01-01', '--end', '2093-12-31', '--annual-rent', '10000', '--escalation', '5');
    expect(await contractCodes()).toEqual(['K2', 'K3']);
    // In kind: 500 斤 × 10 亩 × the price; a price that takes the term's rent over the cap is refused.
    await sb.ok('contract', 'add', 'K4', '--kind', '发包', '--counterparty', '陈七', '--subject', 'GD-02', '--start', '2024-01-01', '--end', '2024-12-31', '--in-kind', '500', '--in-kind-item', '稻谷');
    const kept = await registerState(sb);
    expectRefused(await sb.run('contract', 'price', 'K4', '--year', '2024', '--unit-price', '99999999999'), 'CONTRACT_RENT_RANGE');
    expect(await registerState(sb)).toBe(kept);
    expect((await sb.run('verify')).code).toBe(0);
  });

  it('a bad contracts CSV reports every bad row with its line and writes nothing', async () => {
    await setup();
    const before = await registerState(sb);
    const r = await sb.run('import', 'contracts', `${process.cwd()}/fixtures/bad/contracts-bad-rows.csv`);
    expectRefused(r, 'CONTRACT_ENDS_BEFORE_START', 'CONTRACT_SUBJECT_UNKNOWN', 'CONTRACT_OVERLAP', 'RATE', 'AMOUNT');
    expect(await registerState(sb)).toBe(before);
    const lines = r.stderr.trim().split('\n');
    const f = 'fixtures/bad/contracts-bad-rows.csv';
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`${f}:3: 合同结束日期 2020-12-31 早于开始日期 2021-01-01$`)),
      expect.stringMatching(new RegExp(`${f}:4: 标的「GD-99」不是已登记的资源或资产`)),
      expect.stringMatching(new RegExp(`${f}:5: 标的「LD-01」在 2025-01-01 至 2029-12-31 已由合同「HT-OK」`)),
      expect.stringMatching(new RegExp(`${f}:6: 递增率：比率格式不正确：「五」`)),
      expect.stringMatching(new RegExp(`${f}:7: 年租金：金额「1000.001」超过两位小数`)),
    ]);
    expect((await sb.ok('contract', 'list', '--format', 'json')).json().contracts).toEqual([]);
  });

  it('imports contracts from CSV with Chinese headers', async () => {
    await setup();
    const csv = [
      '合同编号,类型,对方,标的,面积,开始,结束,每亩租金,年租金,递增率,递增周期,收款日,方向',
      'HT-LD,出租,清远某林业公司,LD-01,,2020/1/1,2034年12月31日,,"48,000.00",5%,3,1-15,收',
      'LZ-1,流转,下迳村民小组,TQ-D1,12.5,2017-03-01,2037-02-28,800,,,,03-01,付',
    ].join('\n');
    await sb.ok('import', 'contracts', sb.file('c.csv', csv));
    const s = (await sb.ok('contract', 'schedule', 'HT-LD', '--format', 'json')).json();
    // 48,000.00; × 1.05 = 50,400.00; × 1.1025 = 52,920.00; × 1.157625 = 55,566.00; × 1.21550625 = 58,344.30
    expect(s.schedule.map((r: { amount: string }) => r.amount)).toEqual([
      '48000.00', '48000.00', '48000.00', '50400.00', '50400.00', '50400.00', '52920.00', '52920.00', '52920.00',
      '55566.00', '55566.00', '55566.00', '58344.30', '58344.30', '58344.30',
    ]);
    expect(s.schedule[0].dueDate).toBe('2020-01-15');
    const lz = (await sb.ok('contract', 'show', 'LZ-1', '--format', 'json')).json();
    expect(lz).toMatchObject({ direction: '付', kind: '流转', area: '12.5', rentPerMu: '800.00', account: '211', pnlAccount: '511' });
    expect(lz.schedule).toHaveLength(20);
    expect(lz.total).toBe('200000.00');
  });
});

describe('contracts on assets, in English', () => {
  it('a building let out as a contract subject; messages switch to English with --lang en', async () => {
    await setup();
    await sb.ok('asset', 'add', 'TQ-F01', '--name', '客房楼', '--category', '房屋及建筑物', '--acquired', '2017-06-30', '--cost', '68000', '--residual-rate', '5', '--life-years', '20', '--expense-account', '511', '--status', '出租', '--lessee', '某民宿公司', '--annual-rent', '12000');
    await sb.ok('contract', 'add', 'HT-F01', '--kind', '出租', '--counterparty', '某民宿公司', '--subject', 'TQ-F01', '--start', '2024-01-01', '--end', '2026-12-31', '--annual-rent', '12000');
    const s = (await sb.ok('contract', 'show', 'HT-F01', '--format', 'json')).json();
    expect(s).toMatchObject({ subject: 'TQ-F01', subjectKind: 'asset', total: '36000.00' });
    const en = await sb.run('--lang', 'en', 'contract', 'add', 'HT-F02', '--kind', '出租', '--counterparty', 'x', '--subject', 'TQ-F01', '--start', '2026-12-31', '--end', '2027-12-31', '--annual-rent', '1');
    expectRefused(en, 'CONTRACT_OVERLAP');
    expect(en.stderr).toContain('subject "TQ-F01" is already held by contract "HT-F01"');
  });
});
