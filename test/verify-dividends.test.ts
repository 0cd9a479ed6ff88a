// verify's comparison of a stored plan with the vouchers it posted.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { bookedInLedger, bookedOfLines, planAgainstVouchers as againstBooked } from '../src/store/verify-dividends.js';
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

type L = ReturnType<typeof l>;
/** The comparison from the vouchers' lines, as before Booked. */
const planAgainstVouchers = (p: StoredPlan, r: L[] | null, m: L[] | null) => againstBooked(p, bookedOfLines(r, m));

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

describe('bookedInLedger', () => {
  it('sums in SQLite what bookedOfLines sums from the lines: every side, members in the order of their first line, lines without a member', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE voucher_lines (voucher_id INTEGER, line_no INTEGER, account TEXT, debit INTEGER, credit INTEGER, member TEXT, project TEXT, PRIMARY KEY (voucher_id, line_no)) WITHOUT ROWID');
    let seed = 11;
    const rnd = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const accounts = ['3220101', '3220102', '311', '31101', '211', '21101', '214', '113', '11301', '101', '2111'];
    const members = ['A', 'B', 'C', 'M10', '', null];
    for (let c = 0; c < 200; c++) {
      db.exec('DELETE FROM voucher_lines');
      const made: Record<number, L[]> = { 1: [], 2: [] };
      for (const v of [1, 2]) {
        const n = Math.floor(rnd() * 12);
        for (let i = 1; i <= n; i++) {
          const line = { ...l(accounts[Math.floor(rnd() * accounts.length)], rnd() < 0.3 ? Math.floor(rnd() * 5000) : 0, rnd() < 0.7 ? Math.floor(rnd() * 5000) : 0, members[Math.floor(rnd() * members.length)]) };
          made[v].push(line);
          db.prepare('INSERT INTO voucher_lines VALUES (?, ?, ?, ?, ?, ?, ?)').run(v, i, line.account, line.debit, line.credit, line.member, line.project);
        }
      }
      const plain = (b: ReturnType<typeof bookedOfLines>) => ({ ...b, byMember: Object.fromEntries(Object.entries(b.byMember).map(([k, m]) => [k, [...m]])) });
      expect(plain(bookedInLedger(db, 1, 2))).toEqual(plain(bookedOfLines(made[1], made[2])));
      expect(plain(bookedInLedger(db, null, 2))).toEqual(plain(bookedOfLines(null, made[2])));
      expect(plain(bookedInLedger(db, 1, null))).toEqual(plain(bookedOfLines(made[1], null)));
    }
    db.close();
  });
});
