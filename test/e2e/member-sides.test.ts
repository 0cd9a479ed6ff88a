// The balance sheet reads 113 内部往来 as two sides: the members' debit nets summed, and their credit
// nets summed (lines without a member net as one more member). memberNetSidesAsOf computes the two
// sides without reading every member; it must give what netting memberNetAsOf's per-member map
// gives, on every day. The demo ledger has members whose 113 balance changes side within a month
// (X001 and X009 lend in 2024-03 and are repaid in December), and opening balances with members.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Sandbox } from '../harness.js';
import { Ledger } from '../../src/store/ledger.js';
import { memberNetAsOf, memberNetSidesAsOf, memberNetSidesAsOfEach } from '../../src/store/queries.js';
import { buildDemoLedger } from './trust-helpers.js';

let demo: Sandbox;
beforeAll(() => {
  demo = new Sandbox('member-sides-demo');
  buildDemoLedger(demo.db, demo.dir);
}, 120_000);
afterAll(() => demo?.cleanup());

/** The independent formula: every member's net on its side, summed. */
function sides(per: Map<string, number>): { debit: number; credit: number } {
  let debit = 0;
  let credit = 0;
  for (const v of per.values()) {
    if (v > 0) debit += v;
    else credit += v;
  }
  return { debit, credit };
}

it('gives the same two sides as the per-member nets on every day of the demo books', () => {
  const ledger = Ledger.open(demo.db, { readonly: true });
  try {
    let days = 0;
    let nonZero = 0;
    for (let y = 2016; y <= 2025; y++) {
      for (let m = 1; m <= 12; m++) {
        for (const d of [1, 9, 10, 15, 20, 28]) {
          const date = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const want = sides(memberNetAsOf(ledger, '113', date));
          const got = memberNetSidesAsOf(ledger, '113', date);
          expect({ debit: got.get('debit'), credit: got.get('credit') }, date).toEqual(want);
          days++;
          if (want.debit !== 0 || want.credit !== 0) nonZero++;
        }
      }
    }
    expect(days).toBe(720);
    // Not a comparison of zeros: most of the days have a 113 balance on some side.
    expect(nonZero).toBeGreaterThan(300);
  } finally {
    ledger.close();
  }
});

it('read at several dates at once, gives each date what the per-member nets give', () => {
  const ledger = Ledger.open(demo.db, { readonly: true });
  try {
    // The balance sheet's pair (the year before's end, the day) and dates in any order, repeated.
    const dates = ['2023-12-31', '2024-03-15', '2016-01-01', '2024-12-31', '2024-03-15', '2025-06-09', '2017-05-20'];
    const got = memberNetSidesAsOfEach(ledger, '113', dates);
    expect(got).toHaveLength(dates.length);
    dates.forEach((date, i) => {
      expect({ debit: got[i].get('debit'), credit: got[i].get('credit') }, date).toEqual(sides(memberNetAsOf(ledger, '113', date)));
    });
    expect(got.some((m) => m.get('debit') !== 0)).toBe(true);
  } finally {
    ledger.close();
  }
});

it('sums a member over every sub-account of 113: a repayment on one after a loan on another', async () => {
  const s = new Sandbox('member-sides-sub');
  try {
    await s.ok('init', '--name', '测试村', '--start', '2024-01');
    await s.ok('account', 'add', '11301', '成员借款');
    await s.ok('account', 'add', '11302', '成员垫付');
    for (const [id, name] of [['X001', '张三'], ['X002', '李四']]) await s.ok('member', 'add', id, '--name', name, '--household', 'H01');
    // January: X001 borrows 500.00 on 11302, X002 owes 80.00 on 11301; a line of 11302 without a member.
    await s.ok('voucher', 'add', '--date', '2024-01-10', '--summary', '借款', '--debit', '11302:500:m=X001', '--debit', '11301:80:m=X002', '--credit', '101:580');
    await s.ok('voucher', 'add', '--date', '2024-01-20', '--summary', '暂付', '--debit', '11302:40', '--credit', '101:40');
    // March: X001 repays 300.00 on 11301 (still 200.00 on the debit side across the two), X002 is
    // paid 100.00 on 11302 (20.00 on the credit side).
    await s.ok('voucher', 'add', '--date', '2024-03-05', '--summary', '还款', '--debit', '101:300', '--credit', '11301:300:m=X001');
    await s.ok('voucher', 'add', '--date', '2024-03-12', '--summary', '代付', '--debit', '101:100', '--credit', '11302:100:m=X002');
    const ledger = Ledger.open(s.db, { readonly: true });
    try {
      const dates = ['2024-02-29', '2024-03-04', '2024-03-05', '2024-03-15', '2024-12-31'];
      const got = memberNetSidesAsOfEach(ledger, '113', dates);
      dates.forEach((date, i) => {
        expect({ debit: got[i].get('debit'), credit: got[i].get('credit') }, date).toEqual(sides(memberNetAsOf(ledger, '113', date)));
      });
      // By hand, on 03-15: X001 500 − 300 = 200.00 and the line without a member 40.00 on the debit
      // side; X002 80 − 100 = −20.00 on the credit side.
      expect([got[3].get('debit'), got[3].get('credit')]).toEqual([24_000, -2_000]);
    } finally {
      ledger.close();
    }
  } finally {
    s.cleanup();
  }
});
