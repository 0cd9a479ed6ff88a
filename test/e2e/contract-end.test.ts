// Ending a contract before its agreed end (contract end): no rent after its last day, the subject
// free from the next day, rent already accrued never changed behind the books, an asset under a
// contract not disposed of until the contract ends; and money paid beyond all the rent given back
// (contract refund). Money in the comments is in 元.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { expectRefused, Sandbox } from '../harness.js';
import { registerState } from './register-state.js';
import { SCHEMA_VERSION } from '../../src/store/migrations/index.js';

let sb: Sandbox;
afterEach(() => sb?.cleanup());

const RESOURCES = ['资源编码,名称,类别,面积,单位,状态', 'LD-01,后山林地,林地,100,亩,出租', 'GD-02,塘边耕地,耕地,10,亩,发包'].join('\n');

async function setup(): Promise<void> {
  sb = await Sandbox.from('contract-end', async (s) => {
    await s.ok('init', '--name', '测试村', '--start', '2024-01');
    await s.ok('import', 'resources', s.file('resources.csv', RESOURCES));
    // 12,000 a year, due 01-15, five years; the first year paid.
    await s.ok('contract', 'add', 'HT-1', '--kind', '出租', '--counterparty', '张三', '--subject', 'LD-01', '--start', '2024-01-01', '--end', '2028-12-31', '--annual-rent', '12000', '--due', '01-15');
    await s.ok('contract', 'pay', 'HT-1', '--amount', '12000', '--date', '2024-01-15');
  });
}

async function state(): Promise<string> {
  return (await registerState(sb)) + (await sb.ok('audit', 'log', '--format', 'json')).stdout;
}

describe('contract end', () => {
  it('stops the rent after the last day, keeps the agreed end, and frees the subject from the next day', async () => {
    await setup();
    const r = await sb.ok('contract', 'end', 'HT-1', '--date', '2025-06-30', '--reason', '协商解除');
    // Year 2 (2025) cut at 2025-06-30 owes its 181 days of 365: 12,000 × 181/365 = 5,950.684… → 5,950.68.
    // Due 12,000 + 5,950.68 = 17,950.68; paid 12,000.
    expect(r.stdout).toContain('合同 HT-1 已提前终止于 2025-06-30（原定至 2028-12-31），终止所在合同年按实际天数计租');
    expect(r.stdout).toContain('租金尚欠收 5,950.68');

    const s = (await sb.ok('contract', 'schedule', 'HT-1', '--format', 'json')).json();
    expect(s.schedule.map((y: { amount: string }) => y.amount)).toEqual(['12000.00', '5950.68']);
    expect(s.schedule[1]).toMatchObject({ periodStart: '2025-01-01', periodEnd: '2025-06-30', dueDate: '2025-01-15' });
    expect(s.total).toBe('17950.68');

    const list = (await sb.ok('contract', 'list', '--as-of', '2025-12-31', '--format', 'json')).json().contracts[0];
    expect(list).toMatchObject({ end: '2025-06-30', agreedEnd: '2028-12-31', endedEarly: { date: '2025-06-30', reason: '协商解除' }, status: '已终止', totalRent: '17950.68' });
    expect((await sb.ok('contract', 'list', '--as-of', '2025-06-30', '--format', 'json')).json().contracts[0].status).toBe('履行中');
    // As it stood before the end: the term agreed, its whole rent (60,000), 2025's full year due on 01-15.
    expect((await sb.ok('contract', 'list', '--as-of', '2025-03-01', '--format', 'json')).json().contracts[0]).toMatchObject({
      end: '2028-12-31',
      endedEarly: null,
      status: '履行中',
      totalRent: '60000.00',
      due: '24000.00',
    });
    const card = await sb.ok('contract', 'show', 'HT-1');
    expect(card.stdout).toContain('2024-01-01 至 2025-06-30（提前终止，原定至 2028-12-31）');
    expect(card.stdout).toContain('提前终止：2025-06-30，原因：协商解除');

    // Without the end the dues of 2026 would be 36,000.
    const dues = (await sb.ok('contract', 'dues', '--as-of', '2026-12-31', '--format', 'json')).json().rows[0];
    expect(dues).toMatchObject({ due: '17950.68', paid: '12000.00', outstanding: '5950.68' });
    // Paid in full; nothing more is taken, whatever the payment's date.
    await sb.ok('contract', 'pay', 'HT-1', '--amount', '5950.68', '--date', '2025-03-01');
    const more = await sb.run('contract', 'pay', 'HT-1', '--amount', '100', '--date', '2025-03-02');
    expectRefused(more, 'CONTRACT_ENDED');
    expect(more.stderr).toContain('已于 2025-06-30 提前终止');

    // The land is let again from the day after the end, not on it.
    const before = await state();
    expectRefused(
      await sb.run('contract', 'add', 'HT-2', '--kind', '出租', '--counterparty', '李四', '--subject', 'LD-01', '--start', '2025-06-30', '--end', '2030-12-31', '--annual-rent', '15000'),
      'CONTRACT_OVERLAP',
    );
    expect(await state()).toBe(before);
    await sb.ok('contract', 'add', 'HT-2', '--kind', '出租', '--counterparty', '李四', '--subject', 'LD-01', '--start', '2025-07-01', '--end', '2030-12-31', '--annual-rent', '15000');
    // Ended today (the clock's 2026-01-15) for a later day: ending soon, said as an early end.
    await sb.ok('contract', 'end', 'HT-2', '--date', '2026-03-31', '--reason', '协商解除');
    const alerts = await sb.ok('contract', 'alerts', '--as-of', '2026-01-15', '--days', '90');
    expect(alerts.stdout).toContain('即将终止');
    expect(alerts.stdout).toContain('2026-03-31 提前终止（原定至 2030-12-31）（还有 75 天）');
    expect((await sb.ok('contract', 'alerts', '--as-of', '2026-01-15', '--days', '90', '--format', 'json')).json().expiring[0]).toMatchObject({
      contract: 'HT-2',
      end: '2026-03-31',
      agreedEnd: '2030-12-31',
      daysLeft: 75,
    });
    expect((await sb.ok('contract', 'list', '--as-of', '2026-01-15', '--format', 'json')).json().contracts[1]).toMatchObject({ code: 'HT-2', end: '2026-03-31', status: '履行中' });
    // The resource register as of a day before the end (recorded later) shows the term then agreed.
    expect(JSON.stringify((await sb.ok('resource', 'list', '--as-of', '2025-03-01', '--format', 'json')).json())).toContain('"end":"2028-12-31"');
    const resource = (await sb.ok('resource', 'list', '--as-of', '2025-07-01', '--format', 'json')).json();
    expect(JSON.stringify(resource)).toContain('HT-2');
    expect(JSON.stringify(resource)).not.toContain('HT-1');
    expect((await sb.run('verify')).code).toBe(0);
  });

  it('is refused, nothing written, without a reason, on or after the agreed end, or a second time', async () => {
    await setup();
    const before = await state();
    expectRefused(await sb.run('contract', 'end', 'HT-1', '--date', '2025-06-30', '--reason', ' '), 'CONTRACT_END_REASON');
    expectRefused(await sb.run('contract', 'end', 'HT-1', '--date', '2029-01-01', '--reason', '协商解除'), 'CONTRACT_END_DATE');
    // On or after the agreed end there is nothing to end early.
    expectRefused(await sb.run('contract', 'end', 'HT-1', '--date', '2028-12-31', '--reason', '协商解除'), 'CONTRACT_END_DATE');
    expectRefused(await sb.run('contract', 'end', 'HT-9', '--date', '2025-06-30', '--reason', '协商解除'), 'CONTRACT_UNKNOWN');
    // Rent for 2025 received on 2025-01-10: it ran into 2025, and cannot be said to have ended on
    // 2024-12-15 (12,000 × 350/366 = 11,475.41 of rent against 24,000 paid).
    await sb.ok('contract', 'pay', 'HT-1', '--amount', '12000', '--date', '2025-01-10');
    const paid = await state();
    const backdated = await sb.run('contract', 'end', 'HT-1', '--date', '2024-12-15', '--reason', '协商解除');
    expectRefused(backdated, 'CONTRACT_END_BEFORE_PAYMENTS');
    expect(backdated.stderr).toContain('最近一次 2025-01-10');
    expect(await state()).toBe(paid);
    // Paid already: it ran, and cannot be ended before it began; nor before the books (2024-01).
    expectRefused(await sb.run('contract', 'end', 'HT-1', '--date', '2023-12-31', '--reason', '协商解除'), 'CONTRACT_END_BEFORE_START', 'CONTRACT_END_BEFORE_BOOKS');
    expect(await state()).toBe(paid);
    // On the day of the last payment, all of it within the rent: taken.
    await sb.ok('contract', 'end', 'HT-1', '--date', '2025-01-10', '--reason', '承租方违约');
    const after = await state();
    const again = await sb.run('contract', 'end', 'HT-1', '--date', '2024-06-30', '--reason', '协商解除');
    expectRefused(again, 'CONTRACT_ALREADY_ENDED');
    expect(again.stderr).toContain('已于 2025-01-10 提前终止');
    expect(await state()).toBe(after);
  });

  it('rent accrued too much in an open year goes back in red ink, and year close waits for it', async () => {
    await setup();
    // 3,650 a year from 2024-07-01: contract years run July to June (365 days each, 2024-07-01 … 2025-06-30 included).
    await sb.ok('contract', 'add', 'HT-3', '--kind', '发包', '--counterparty', '王五', '--subject', 'GD-02', '--start', '2024-07-01', '--end', '2027-06-30', '--annual-rent', '3650');
    // 2024: 184 days of year 0 = 1,840.00. 2025: 181 days of year 0 (1,810.00) + 184 of year 1 (1,840.00) = 3,650.00.
    await sb.ok('contract', 'accrue', '--year', '2024');
    await sb.ok('contract', 'accrue', '--year', '2025');
    const accruals = (await sb.ok('contract', 'show', 'HT-3', '--format', 'json')).json().accruals;
    expect(accruals).toEqual([
      { year: 2024, amount: '1840.00' },
      { year: 2025, amount: '3650.00' },
    ]);
    // The tenant left on 2025-03-31 (learnt after the accrual): year 0 keeps its 1,840.00 of 2024 and owes
    // 90 of its 181 days of 2025: 1,810 × 90/181 = 900.00; year 1 is gone. 2025 was accrued 2,750.00 too much.
    const r = await sb.ok('contract', 'end', 'HT-3', '--date', '2025-03-31', '--reason', '承租方退租');
    expect(r.stdout).toContain('2025 年已确认的租金多了 2,750.00：请运行 sanzi contract accrue --year 2025 --contract HT-3（红字冲销）');
    for (let m = 1; m <= 11; m++) await sb.ok('period', 'close', `2024-${String(m).padStart(2, '0')}`);
    await sb.ok('year', 'close', '2024');
    for (let m = 1; m <= 11; m++) await sb.ok('period', 'close', `2025-${String(m).padStart(2, '0')}`);
    // Not before the year's rent is put right.
    expectRefused(await sb.run('year', 'close', '2025'), 'CLOSE_ACCRUAL_EXCESS');
    const back = await sb.ok('contract', 'accrue', '--year', '2025', '--contract', 'HT-3');
    expect(back.stdout).toContain('冲销 2025 年多确认的租金 2,750.00');
    const j = (await sb.ok('report', 'journal', '--from', '2025-12', '--to', '2025-12', '--format', 'json')).json();
    const red = j.vouchers.find((v: { summary: string }) => v.summary.startsWith('冲销2025年多确认的租金'));
    expect(red.lines.map((l: { account: string; debit: string; credit: string }) => [l.account, l.debit, l.credit])).toEqual([
      ['112', '-2750.00', '0.00'],
      ['501', '0.00', '-2750.00'],
    ]);
    expect((await sb.ok('contract', 'show', 'HT-3', '--format', 'json')).json().accruals).toEqual([
      { year: 2024, amount: '1840.00' },
      { year: 2025, amount: '900.00' },
    ]);
    await sb.ok('year', 'close', '2025');
    expect((await sb.run('verify')).code).toBe(0);
  });

  it('a payable (付) contract accrued and ended in the year: year close waits for the excess to go back too', async () => {
    await setup();
    // 10 亩 × 800 = 8,000 a year from 2024-01-01, the collective paying.
    await sb.ok('contract', 'add', 'LZ-1', '--kind', '流转', '--direction', '付', '--counterparty', '李四', '--subject', 'GD-02', '--start', '2024-01-01', '--end', '2027-12-31', '--rent-per-mu', '800');
    await sb.ok('contract', 'accrue', '--year', '2024');
    for (let m = 1; m <= 11; m++) await sb.ok('period', 'close', `2024-${String(m).padStart(2, '0')}`);
    // Ended 2024-12-15: 350 of 2024's 366 days, 800,000 × 350/366 = 765,027.32 → 7,650.27; 349.73 accrued too much.
    const r = await sb.ok('contract', 'end', 'LZ-1', '--date', '2024-12-15', '--reason', '农户收回承包地');
    expect(r.stdout).toContain('2024 年已确认的租金多了 349.73');
    const refused = await sb.run('year', 'close', '2024');
    expectRefused(refused, 'CLOSE_ACCRUAL_EXCESS');
    expect(refused.stderr).toContain('LZ-1 349.73');
    expect((await sb.ok('contract', 'accrue', '--year', '2024')).stdout).toContain('冲销 2024 年多确认的租金 349.73');
    await sb.ok('year', 'close', '2024');
    expect((await sb.ok('contract', 'show', 'LZ-1', '--format', 'json')).json().accruals).toEqual([{ year: 2024, amount: '7650.27' }]);
    expect((await sb.run('verify')).code).toBe(0);
  });

  it('not in a closed month; the year it cuts short owes its days, each calendar year its own part', async () => {
    await setup();
    await sb.ok('contract', 'add', 'HT-3', '--kind', '发包', '--counterparty', '王五', '--subject', 'GD-02', '--start', '2024-07-01', '--end', '2027-06-30', '--annual-rent', '3650');
    await sb.ok('contract', 'accrue', '--year', '2024');
    for (let m = 1; m <= 11; m++) await sb.ok('period', 'close', `2024-${String(m).padStart(2, '0')}`);
    await sb.ok('year', 'close', '2024');
    const before = await state();
    const r = await sb.run('contract', 'end', 'HT-3', '--date', '2024-11-30', '--reason', '协商解除');
    expectRefused(r, 'CONTRACT_END_CLOSED');
    expect(await state()).toBe(before);
    // Ended 2025-01-31: 2024 keeps the 1,840.00 accrued; 2025 owes 31 of year 0's 181 days there: 1,810 × 31/181 = 310.00.
    await sb.ok('contract', 'end', 'HT-3', '--date', '2025-01-31', '--reason', '协商解除');
    const s = (await sb.ok('contract', 'schedule', 'HT-3', '--format', 'json')).json();
    expect(s.schedule).toHaveLength(1);
    expect(s.schedule[0]).toMatchObject({ periodStart: '2024-07-01', periodEnd: '2025-01-31', amount: '2150.00' });
    expect((await sb.ok('contract', 'accrue', '--year', '2025', '--contract', 'HT-3')).stdout).toContain('310.00');
    expect((await sb.run('verify')).code).toBe(0);
  });

  it('an asset under a contract is disposed of only once the contract has ended', async () => {
    await setup();
    await sb.ok('voucher', 'add', '--date', '2024-01-10', '--summary', '购建仓库', '--debit', '151:36000', '--credit', '102:36000');
    await sb.ok('asset', 'add', 'B1', '--name', '仓库', '--category', '房屋及建筑物', '--acquired', '2024-01-10', '--cost', '36000', '--life-years', '30', '--expense-account', '513');
    await sb.ok('contract', 'add', 'HT-B1', '--kind', '出租', '--counterparty', '赵六', '--subject', 'B1', '--start', '2024-03-01', '--end', '2026-02-28', '--annual-rent', '6000');
    const before = await state();
    const r = await sb.run('asset', 'dispose', 'B1', '--date', '2024-08-20', '--proceeds', '30000');
    expectRefused(r, 'ASSET_UNDER_CONTRACT');
    expect(r.stderr).toContain('sanzi contract end HT-B1 --date 2024-08-20');
    expect(await state()).toBe(before);
    await sb.ok('contract', 'end', 'HT-B1', '--date', '2024-08-20', '--reason', '资产出售');
    await sb.ok('asset', 'dispose', 'B1', '--date', '2024-08-20', '--proceeds', '30000');
    expect((await sb.ok('asset', 'list', '--all', '--format', 'json')).json().assets[0]).toMatchObject({ code: 'B1', status: '处置' });
    expect((await sb.run('verify')).code).toBe(0);
  });

  it('a lease not yet begun on an asset sold is ended before it begins: no rent at all, and the asset disposed of', async () => {
    await setup();
    await sb.ok('voucher', 'add', '--date', '2024-01-10', '--summary', '购入农机', '--debit', '151:20000', '--credit', '102:20000');
    await sb.ok('asset', 'add', 'M1', '--name', '拖拉机', '--category', '机器设备', '--acquired', '2024-01-10', '--cost', '20000', '--life-years', '10', '--expense-account', '513');
    await sb.ok('contract', 'add', 'HT-M1', '--kind', '出租', '--counterparty', '孙七', '--subject', 'M1', '--start', '2024-10-01', '--end', '2026-09-30', '--annual-rent', '2400');
    // A year's rent paid ahead of the start.
    await sb.ok('contract', 'pay', 'HT-M1', '--amount', '2400', '--date', '2024-07-01');
    expectRefused(await sb.run('asset', 'dispose', 'M1', '--date', '2024-08-20', '--proceeds', '18000'), 'ASSET_UNDER_CONTRACT');
    const never = await sb.ok('contract', 'end', 'HT-M1', '--date', '2024-08-20', '--reason', '资产出售，合同未履行即解除');
    expect(never.stdout).toContain('合同 HT-M1 未履行即解除（2024-08-20，原定 2024-10-01 至 2026-09-30），不产生租金，多收 2,400.00');
    await sb.ok('contract', 'refund', 'HT-M1', '--amount', '2400', '--date', '2024-08-21', '--reason', '退还预收租金');
    const s = (await sb.ok('contract', 'schedule', 'HT-M1', '--format', 'json')).json();
    expect(s.schedule).toEqual([]);
    expect(s.total).toBe('0.00');
    const status = async (asOf: string) => (await sb.ok('contract', 'list', '--as-of', asOf, '--format', 'json')).json().contracts.find((c: { code: string }) => c.code === 'HT-M1').status;
    // Before the day it was ended (and before it was recorded, on the clock's 2026-01-15) it stood as signed.
    expect(await status('2024-08-01')).toBe('未开始');
    expect(await status('2024-08-20')).toBe('已终止');
    expect(await status('2025-01-01')).toBe('已终止');
    const alerts = (await sb.ok('contract', 'alerts', '--as-of', '2024-08-20', '--days', '90', '--format', 'json')).json();
    expect(alerts.expiring.map((e: { contract: string }) => e.contract)).not.toContain('HT-M1');
    await sb.ok('asset', 'dispose', 'M1', '--date', '2024-08-20', '--proceeds', '18000');
    // A contract that never ran holds no day: land let over its days is not refused because of it.
    await sb.ok('contract', 'add', 'HT-X', '--kind', '出租', '--counterparty', '周八', '--subject', 'GD-02', '--start', '2024-03-01', '--end', '2024-12-31', '--annual-rent', '100');
    await sb.ok('contract', 'end', 'HT-X', '--date', '2024-02-29', '--reason', '未履行');
    await sb.ok('contract', 'add', 'HT-Y', '--kind', '出租', '--counterparty', '吴九', '--subject', 'GD-02', '--start', '2024-01-01', '--end', '2025-06-30', '--annual-rent', '100');
    expect((await sb.run('verify')).code).toBe(0);
  });

  it('refunds only what was paid beyond all the rent: after an early end, with its voucher, never reversed by hand', async () => {
    await setup();
    // 12,000 paid for 2024; 24,000 more paid ahead for 2025 and 2026.
    await sb.ok('contract', 'pay', 'HT-1', '--amount', '24000', '--date', '2024-02-01');
    const before = await state();
    // Rent paid ahead is not the tenant's to take back while the contract runs (0 beyond all 60,000 of rent).
    const early = await sb.run('contract', 'refund', 'HT-1', '--amount', '100', '--date', '2024-03-01', '--reason', '多收');
    expectRefused(early, 'CONTRACT_REFUND_EXCEEDS');
    expect(early.stderr).toContain('只有 0.00');
    expect(await state()).toBe(before);
    // Ended at the end of 2024: 12,000 of rent, 36,000 paid: 24,000 beyond it.
    await sb.ok('contract', 'end', 'HT-1', '--date', '2024-12-31', '--reason', '协商解除');
    const ended = await state();
    const over = await sb.run('contract', 'refund', 'HT-1', '--amount', '24000.01', '--date', '2025-01-10', '--reason', '退还预收');
    expectRefused(over, 'CONTRACT_REFUND_EXCEEDS');
    expect(over.stderr).toContain('只有 24,000.00');
    expectRefused(await sb.run('contract', 'refund', 'HT-1', '--amount', '100', '--date', '2025-01-10', '--reason', ' '), 'CONTRACT_REFUND_REASON');
    expect(await state()).toBe(ended);
    const r = await sb.ok('contract', 'refund', 'HT-1', '--amount', '20000', '--date', '2025-01-10', '--reason', '提前终止退还预收租金');
    expect(r.stdout).toContain('已退还 张三 20,000.00（凭证 2025-01/1）；尚余多收 4,000.00');
    const j = (await sb.ok('report', 'journal', '--from', '2025-01', '--to', '2025-01', '--format', 'json')).json();
    expect(j.vouchers).toHaveLength(1);
    expect(j.vouchers[0].summary).toBe('退还张三多收的租金（合同 HT-1，提前终止退还预收租金）');
    expect(j.vouchers[0].lines.map((l: { account: string; debit: string; credit: string }) => [l.account, l.debit, l.credit])).toEqual([
      ['112', '20000.00', '0.00'],
      ['102', '0.00', '20000.00'],
    ]);
    // Paid net of the refund: 16,000; due 12,000.
    expect((await sb.ok('contract', 'dues', '--as-of', '2025-12-31', '--format', 'json')).json().rows[0]).toMatchObject({ due: '12000.00', paid: '16000.00', outstanding: '0.00' });
    const show = (await sb.ok('contract', 'show', 'HT-1', '--format', 'json')).json();
    expect(show.payments.at(-1)).toEqual({ date: '2025-01-10', amount: '-20000.00', voucher: '2025-01/1', refund: true });
    expectRefused(await sb.run('voucher', 'reverse', '2025-01/1', '--date', '2025-01-20'), 'REVERSE_REGISTER');
    // The rest, and nothing after it.
    await sb.ok('contract', 'refund', 'HT-1', '--amount', '4000', '--date', '2025-01-11', '--reason', '余款');
    expectRefused(await sb.run('contract', 'refund', 'HT-1', '--amount', '0.01', '--date', '2025-01-12', '--reason', '余款'), 'CONTRACT_REFUND_EXCEEDS');
    expect((await sb.run('verify')).code).toBe(0);
  });

  it('land rented in (付) and paid ahead: what the collective paid beyond the rent is recovered, Dr cash / Cr 211', async () => {
    await setup();
    await sb.ok('contract', 'add', 'LZ-1', '--kind', '流转', '--direction', '付', '--counterparty', '李四', '--subject', 'GD-02', '--start', '2024-01-01', '--end', '2027-12-31', '--rent-per-mu', '800');
    // 10 亩 × 800 = 8,000 a year; two years paid.
    await sb.ok('contract', 'pay', 'LZ-1', '--amount', '16000', '--date', '2024-01-05');
    await sb.ok('contract', 'end', 'LZ-1', '--date', '2024-12-31', '--reason', '农户收回承包地');
    const r = await sb.ok('contract', 'refund', 'LZ-1', '--amount', '8000', '--date', '2025-01-08', '--reason', '收回预付租金');
    expect(r.stdout).toContain('已收回 李四 8,000.00');
    const j = (await sb.ok('report', 'journal', '--from', '2025-01', '--to', '2025-01', '--format', 'json')).json();
    expect(j.vouchers[0].lines.map((l: { account: string; debit: string; credit: string }) => [l.account, l.debit, l.credit])).toEqual([
      ['102', '8000.00', '0.00'],
      ['211', '0.00', '8000.00'],
    ]);
    expect((await sb.run('verify')).code).toBe(0);
  });

  it('a payment entered by mistake is cancelled by a red-ink reversal and counts nowhere; not once refunded, nor in a closed month', async () => {
    await setup();
    // 120,000 typed for 12,000: all of it but 12,000 would be credit held for years to come.
    const typo = await sb.ok('contract', 'pay', 'HT-1', '--amount', '120000', '--date', '2024-02-01');
    expect(typo.stdout).toContain('凭证 2024-02/1');
    expectRefused(await sb.run('voucher', 'reverse', '2024-02/1', '--date', '2024-02-01'), 'REVERSE_REGISTER');
    const before = await state();
    expectRefused(await sb.run('contract', 'cancel-payment', 'HT-1', '--voucher', '2024-02/9', '--reason', '金额录错'), 'CONTRACT_PAYMENT_UNKNOWN');
    expectRefused(await sb.run('contract', 'cancel-payment', 'HT-1', '--voucher', '2024-02-01', '--reason', '金额录错'), 'CONTRACT_PAYMENT_UNKNOWN');
    expect(await state()).toBe(before);
    const r = await sb.ok('contract', 'cancel-payment', 'HT-1', '--voucher', '2024-02/1', '--reason', '金额录错');
    expect(r.stdout).toContain('已撤销合同 HT-1 的收付款 2024-02/1（120,000.00），红字冲销凭证 2024-02/2');
    const j = (await sb.ok('report', 'journal', '--from', '2024-02', '--to', '2024-02', '--format', 'json')).json();
    expect(j.vouchers[1].lines.map((l: { account: string; debit: string; credit: string }) => [l.account, l.debit, l.credit])).toEqual([
      ['102', '-120000.00', '0.00'],
      ['112', '0.00', '-120000.00'],
    ]);
    expect((await sb.ok('contract', 'dues', '--as-of', '2024-12-31', '--format', 'json')).json().rows[0]).toMatchObject({ due: '12000.00', paid: '12000.00' });
    const card = (await sb.ok('contract', 'show', 'HT-1', '--format', 'json')).json();
    expect(card.payments).toEqual([{ date: '2024-01-15', amount: '12000.00', voucher: '2024-01/1' }]);
    expect(card.cancelledPayments).toEqual([{ date: '2024-02-01', amount: '120000.00', voucher: '2024-02/1', reason: '金额录错', reversal: '2024-02/2' }]);
    expect((await sb.ok('contract', 'show', 'HT-1')).stdout).toContain('已撤销的收付款：2024-02-01 120,000.00（2024-02/1，金额录错；冲销凭证 2024-02/2）');
    const after = await state();
    expectRefused(await sb.run('contract', 'cancel-payment', 'HT-1', '--voucher', '2024-02/1', '--reason', '再撤'), 'CONTRACT_PAYMENT_CANCELLED');
    expect(await state()).toBe(after);
    // Rent paid ahead, the contract ended, the excess given back: the payment it came from stays.
    await sb.ok('contract', 'pay', 'HT-1', '--amount', '24000', '--date', '2024-03-01');
    await sb.ok('contract', 'end', 'HT-1', '--date', '2024-12-31', '--reason', '协商解除');
    await sb.ok('contract', 'refund', 'HT-1', '--amount', '24000', '--date', '2025-01-10', '--reason', '退还预收');
    const refunded = await state();
    expectRefused(await sb.run('contract', 'cancel-payment', 'HT-1', '--voucher', '2024-03/1', '--reason', '录错'), 'CONTRACT_PAYMENT_REFUNDED');
    expect(await state()).toBe(refunded);
    // A payment of a closed month: its reversal would be dated there.
    await sb.ok('period', 'close', '2024-01');
    const closed = await state();
    expectRefused(await sb.run('contract', 'cancel-payment', 'HT-1', '--voucher', '2024-01/1', '--reason', '录错'), 'PERIOD_CLOSED');
    expect(await state()).toBe(closed);
    expect((await sb.run('verify')).code).toBe(0);
  });

  it('a refund entered by mistake is cancelled by a red-ink reversal of its voucher: it counts nowhere, and may be made again right', async () => {
    await setup();
    // 12,000 paid for 2024, 24,000 ahead; ended at the end of 2024: 24,000 beyond the rent.
    await sb.ok('contract', 'pay', 'HT-1', '--amount', '24000', '--date', '2024-02-01');
    await sb.ok('contract', 'end', 'HT-1', '--date', '2024-12-31', '--reason', '协商解除');
    // 2,000 given back where 20,000 was meant.
    const typo = await sb.ok('contract', 'refund', 'HT-1', '--amount', '2000', '--date', '2025-01-10', '--reason', '退还预收');
    expect(typo.stdout).toContain('凭证 2025-01/1');
    const reverse = await sb.run('voucher', 'reverse', '2025-01/1', '--date', '2025-01-10');
    expectRefused(reverse, 'REVERSE_REGISTER');
    expect(reverse.stderr).toContain('sanzi contract cancel-payment');
    const r = await sb.ok('contract', 'cancel-payment', 'HT-1', '--voucher', '2025-01/1', '--reason', '金额录错');
    expect(r.stdout).toContain('已撤销合同 HT-1 的退款 2025-01/1（2,000.00），红字冲销凭证 2025-01/2');
    const j = (await sb.ok('report', 'journal', '--from', '2025-01', '--to', '2025-01', '--format', 'json')).json();
    expect(j.vouchers[1].lines.map((l: { account: string; debit: string; credit: string }) => [l.account, l.debit, l.credit])).toEqual([
      ['112', '-2000.00', '0.00'],
      ['102', '0.00', '-2000.00'],
    ]);
    // The whole 24,000 is beyond the rent again: 36,000 paid, 12,000 due.
    expect((await sb.ok('contract', 'dues', '--as-of', '2025-12-31', '--format', 'json')).json().rows[0]).toMatchObject({ due: '12000.00', paid: '36000.00' });
    const card = (await sb.ok('contract', 'show', 'HT-1', '--format', 'json')).json();
    expect(card.payments.map((p: { voucher: string }) => p.voucher)).toEqual(['2024-01/1', '2024-02/1']);
    expect(card.cancelledPayments).toEqual([{ date: '2025-01-10', amount: '-2000.00', voucher: '2025-01/1', reason: '金额录错', reversal: '2025-01/2' }]);
    expect((await sb.ok('contract', 'show', 'HT-1')).stdout).toContain('已撤销的收付款：2025-01-10 退款 -2,000.00（2025-01/1，金额录错；冲销凭证 2025-01/2）');
    // 财务公开 shows neither the refund nor its reversal.
    const d = (await sb.ok('report', 'disclosure', '--from', '2025-01', '--to', '2025-01', '--format', 'json')).json();
    expect(d.contractPayments).toEqual([]);
    const after = await state();
    const again = await sb.run('contract', 'cancel-payment', 'HT-1', '--voucher', '2025-01/1', '--reason', '再撤');
    expectRefused(again, 'CONTRACT_PAYMENT_CANCELLED');
    expect(await state()).toBe(after);
    // Made again right: 24,000 may be given back, not a fen more.
    expectRefused(await sb.run('contract', 'refund', 'HT-1', '--amount', '24000.01', '--date', '2025-01-11', '--reason', '退还预收'), 'CONTRACT_REFUND_EXCEEDS');
    await sb.ok('contract', 'refund', 'HT-1', '--amount', '24000', '--date', '2025-01-11', '--reason', '退还预收');
    expect((await sb.run('verify')).code).toBe(0);
    // The cancellation re-pointed at the other refund behind sanzi's back: its reversal booked −2,000, not −24,000.
    const db = new Database(sb.db);
    db.exec('DROP TRIGGER contract_refund_cancellations_no_update');
    db.prepare('UPDATE contract_refund_cancellations SET refund_id = (SELECT MAX(id) FROM contract_refunds)').run();
    db.close();
    const damaged = await sb.run('verify');
    expect(damaged.code).toBe(3);
    expect(damaged.codes).toContain('REGISTER_AMOUNT');
    expect(damaged.stderr).toContain('凭证 2025-01/2: 合同 HT-1 2025-01-11 退款的撤销金额 -24,000.00 与其凭证借方合计 -2,000.00 不符');
  });

  it('a payment a refund came out of on its day stays, though later money would cover the refund; the noticeboard shows what stands', async () => {
    await setup();
    // 60,000 of rent in all; 12,000 paid (setup), 60,000 more: 12,000 beyond all the rent, 10,000 of it given back.
    await sb.ok('contract', 'pay', 'HT-1', '--amount', '60000', '--date', '2024-02-01');
    await sb.ok('contract', 'refund', 'HT-1', '--amount', '10000', '--date', '2024-03-01', '--reason', '多收');
    await sb.ok('contract', 'pay', 'HT-1', '--amount', '60000', '--date', '2024-06-01');
    // Without the February payment the refund of 2024-03-01 would have been of money never received
    // (12,000 − 10,000 against 60,000 of rent), whatever came in June.
    const before = await state();
    expectRefused(await sb.run('contract', 'cancel-payment', 'HT-1', '--voucher', '2024-02/1', '--reason', '录错'), 'CONTRACT_PAYMENT_REFUNDED');
    expect(await state()).toBe(before);
    await sb.ok('contract', 'cancel-payment', 'HT-1', '--voucher', '2024-06/1', '--reason', '重复录入');
    // 财务公开: the payments that stand and the refund, not the one cancelled.
    const d = (await sb.ok('report', 'disclosure', '--from', '2024-01', '--to', '2024-06', '--format', 'json')).json();
    expect(d.contractPayments.map((p: { date: string; amount: string }) => [p.date, p.amount])).toEqual([
      ['2024-01-15', '12000.00'],
      ['2024-02-01', '60000.00'],
      ['2024-03-01', '-10000.00'],
    ]);
    expect((await sb.run('verify')).code).toBe(0);
  });

  it('a ledger of the previous schema gets the table of early ends on opening', async () => {
    await setup();
    // As the previous build left it: no contract_ends, schema 8.
    const db = new Database(sb.db);
    db.exec(`DROP TRIGGER contract_ends_no_update; DROP TRIGGER contract_ends_no_delete; DROP TABLE contract_ends;
             DROP TRIGGER contract_refunds_no_update; DROP TRIGGER contract_refunds_no_delete; DROP TABLE contract_refunds;
             DROP TRIGGER contract_payment_cancellations_no_update; DROP TRIGGER contract_payment_cancellations_no_delete;
             DROP TABLE contract_payment_cancellations;
             DROP TRIGGER contract_refund_cancellations_no_update; DROP TRIGGER contract_refund_cancellations_no_delete;
             DROP TABLE contract_refund_cancellations;
             DROP TRIGGER resource_status_cancellations_no_update; DROP TRIGGER resource_status_cancellations_no_delete;
             DROP TABLE resource_status_cancellations;
             DROP TRIGGER resource_status_changes_no_update; DROP TRIGGER resource_status_changes_no_delete;
             DROP TABLE resource_status_changes;
             DROP INDEX vouchers_year_close; DROP INDEX vouchers_reversals; CREATE INDEX vouchers_kind ON vouchers(kind, period);`);
    db.pragma('user_version = 8');
    db.close();
    await sb.ok('contract', 'end', 'HT-1', '--date', '2025-06-30', '--reason', '协商解除');
    expect((await sb.ok('contract', 'list', '--as-of', '2025-12-31', '--format', 'json')).json().contracts[0].status).toBe('已终止');
    const after = new Database(sb.db, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    after.close();
    expect((await sb.run('verify')).code).toBe(0);
  });
});
