// verify's comparison of a stored plan with the vouchers it posted.
import { describe, expect, it } from 'vitest';
import { planAgainstVouchers } from '../src/store/verify-dividends.js';
import type { StoredPlan } from '../src/domain/dividend-plan.js';

/** reserve 10.00; A gross 60.00 tax 12.00 net 48.00; B gross 30.00 tax 6.00 offset 24.00 net 0. */
const plan = {
  reserve: 1000,
  pool: 9000,
  totals: { gross: 9000, tax: 1800, offset: 2400, net: 4800 },
  allocations: [
    { member: 'A', gross: 6000, tax: 1200, offset: 0, net: 4800 },
    { member: 'B', gross: 3000, tax: 600, offset: 2400, net: 0 },
  ],
} as unknown as StoredPlan;

const l = (account: string, debit: number, credit: number, member: string | null = null) => ({ account, debit, credit, member, project: 'tq' });
const reserve = [l('3220101', 1000, 0), l('311', 0, 1000)];
const members = [l('3220102', 9000, 0), l('211', 0, 4800, 'A'), l('214', 0, 1200, 'A'), l('214', 0, 600, 'B'), l('113', 0, 2400, 'B')];

describe('planAgainstVouchers', () => {
  it('agrees with the vouchers it posted, tax per member or (declared before that) on one line', () => {
    expect(planAgainstVouchers(plan, reserve, members)).toEqual([]);
    const legacy = [l('3220102', 9000, 0), l('211', 0, 4800, 'A'), l('214', 0, 1800), l('113', 0, 2400, 'B')];
    expect(planAgainstVouchers(plan, reserve, legacy)).toEqual([]);
  });

  it('names every difference: a member’s net, tax or offset, the reserve, the gross, a voucher missing', () => {
    const moved = [l('3220102', 9000, 0), l('211', 0, 4700, 'A'), l('211', 0, 100, 'B'), l('214', 0, 1200, 'A'), l('214', 0, 600, 'B'), l('113', 0, 2400, 'B')];
    expect(planAgainstVouchers(plan, reserve, moved).map((t) => t.zh)).toEqual([
      '应付分红 211（成员 A）：方案 48.00，凭证 47.00',
      '应付分红 211（成员 B）：方案 0.00，凭证 1.00',
    ]);
    expect(planAgainstVouchers(plan, null, members).map((t) => t.zh)).toEqual(['公积公益金：方案 10.00，凭证借 0.00、贷 311 0.00']);
    expect(planAgainstVouchers(plan, reserve, null).map((t) => t.zh)).toEqual([
      '向成员分配：方案 90.00，凭证 0.00',
      '应付分红 211（成员 A）：方案 48.00，凭证 0.00',
      '代扣税款 214（成员 A）：方案 12.00，凭证 0.00',
      '代扣税款 214（成员 B）：方案 6.00，凭证 0.00',
      '抵扣欠款 113（成员 B）：方案 24.00，凭证 0.00',
    ]);
  });
});
