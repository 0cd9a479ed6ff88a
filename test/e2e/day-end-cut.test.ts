// A balance at the end of a month's last day is read off the balance tables alone (dayEndCut): the
// whole month is before the cut, no voucher line is read. It must be what the months before plus
// the month's lines up to that day give, the way every other day is read. The demo ledger has most
// of its vouchers on a month's last day (depreciation, closing), members on 113 and counterparties
// on 112 / 211, and opening balances in the tables.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Sandbox } from '../harness.js';
import { Ledger } from '../../src/store/ledger.js';
import { sqlOf } from '../../src/store/internal.js';
import { counterpartyNetAsOf } from '../../src/store/counterparties.js';
import { leafNetAsOf, memberNetAsOf, memberNetSidesAsOfEach } from '../../src/store/queries.js';
import { dayEndCut } from '../../src/domain/dates.js';
import { buildDemoLedger } from './trust-helpers.js';

let demo: Sandbox;
beforeAll(() => {
  demo = new Sandbox('day-end-cut');
  buildDemoLedger(demo.db, demo.dir);
}, 120_000);
afterAll(() => demo?.cleanup());

it('dayEndCut: a month\'s last day puts the whole month before the cut; any other day leaves its month to the lines', () => {
  expect(dayEndCut('2024-06-30')).toEqual({ before: '2024-07', month: null });
  expect(dayEndCut('2024-06-29')).toEqual({ before: '2024-06', month: '2024-06' });
  expect(dayEndCut('2024-12-31')).toEqual({ before: '2025-01', month: null });
  expect(dayEndCut('2024-02-29')).toEqual({ before: '2024-03', month: null });
  expect(dayEndCut('2023-02-28')).toEqual({ before: '2023-03', month: null });
  expect(dayEndCut('2024-02-28')).toEqual({ before: '2024-02', month: '2024-02' });
  expect(dayEndCut('2024-01-01')).toEqual({ before: '2024-01', month: '2024-01' });
  // The end of time (an as-of left open): no period sorts after December 9999, its lines are read.
  expect(dayEndCut('9999-12-31')).toEqual({ before: '9999-12', month: '9999-12' });
  expect(dayEndCut('9999-11-30')).toEqual({ before: '9999-12', month: null });
});

/** Nets at the end of `date` the way any day is read: the tables' months before the day's month, then its lines up to the day. */
function netsByLines(ledger: Ledger, date: string) {
  const db = sqlOf(ledger);
  const p = date.slice(0, 7);
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  const leaf = new Map<string, number>();
  for (const r of db.prepare('SELECT account, SUM(debit) - SUM(credit) AS net FROM balances WHERE period < ? GROUP BY account').all(p) as { account: string; net: number }[]) add(leaf, r.account, r.net);
  const member = new Map<string, number>();
  for (const r of db.prepare("SELECT member, SUM(debit) - SUM(credit) AS net FROM member_balances WHERE account LIKE '113%' AND period < ? GROUP BY member").all(p) as { member: string; net: number }[]) add(member, r.member, r.net);
  const party = new Map<string, number>();
  for (const r of db.prepare('SELECT account, party, SUM(debit) - SUM(credit) AS net FROM party_balances WHERE period < ? GROUP BY account, party').all(p) as { account: string; party: string; net: number }[]) add(party, `${r.account} ${r.party}`, r.net);
  let lines = 0;
  for (const l of db
    .prepare('SELECT l.account, l.member, l.party, l.debit - l.credit AS net FROM vouchers v JOIN voucher_lines l ON l.voucher_id = v.id WHERE v.period = ? AND v.date <= ?')
    .all(p, date) as { account: string; member: string | null; party: string | null; net: number }[]) {
    lines++;
    add(leaf, l.account, l.net);
    if (l.member && l.account.startsWith('113')) add(member, l.member, l.net);
    if (l.party) add(party, `${l.account} ${l.party}`, l.net);
  }
  const drop0 = (m: Map<string, number>) => new Map([...m].filter(([, v]) => v !== 0));
  return { leaf: drop0(leaf), member: drop0(member), party: drop0(party), lines };
}

it('at the end of every month of the demo books, the tables alone give what the months before and the month\'s lines give', () => {
  const ledger = Ledger.open(demo.db, { readonly: true });
  try {
    let linesRead = 0;
    let withParties = 0;
    const drop0 = (m: Map<string, number>) => new Map([...m].filter(([, v]) => v !== 0));
    for (let y = 2016; y <= 2025; y++) {
      for (let m = 1; m <= 12; m++) {
        const p = `${y}-${String(m).padStart(2, '0')}`;
        const date = `${p}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
        const want = netsByLines(ledger, date);
        linesRead += want.lines;
        expect(drop0(leafNetAsOf(ledger, date)), date).toEqual(want.leaf);
        // memberNetAsOf keeps the lines without a member under '' (the test's sums leave them out).
        const members = memberNetAsOf(ledger, '113', date);
        members.delete('');
        expect(drop0(members), date).toEqual(want.member);
        let debit = 0;
        let credit = 0;
        for (const v of memberNetAsOf(ledger, '113', date).values()) (v > 0 ? (debit += v) : (credit += v));
        const [sides] = memberNetSidesAsOfEach(ledger, '113', [date]);
        expect([sides.get('debit'), sides.get('credit')], date).toEqual([debit, credit]);
        for (const prefix of ['112', '211']) {
          const got = new Map<string, number>();
          for (const [k, v] of counterpartyNetAsOf(ledger, prefix, date)) if (k.startsWith('c:')) got.set(k.slice(2), v);
          const byParty = new Map<string, number>();
          for (const [k, v] of want.party) if (k.startsWith(prefix)) byParty.set(k.split(' ')[1], (byParty.get(k.split(' ')[1]) ?? 0) + v);
          expect(got, `${prefix} ${date}`).toEqual(drop0(byParty));
          if (got.size > 0) withParties++;
        }
      }
    }
    // Not a comparison of empty months: the month-end days themselves hold vouchers, and
    // counterparties have balances.
    expect(linesRead).toBeGreaterThan(500);
    expect(withParties).toBeGreaterThan(20);
  } finally {
    ledger.close();
  }
});
