// Dues, alerts and the entries of the contract register on plain data. Money in fen.
import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/domain/money.js';
import {
  accrualDue,
  accrualVoucher,
  contractAlerts,
  contractDues,
  doubleLets,
  duesTotals,
  inContract,
  paymentVoucher,
} from '../src/domain/contract-dues.js';
import { contractFile, contractRecord } from './registers-fakes.js';

const pay = (date: string, amount: number) => ({ date, amount, ref: 'x', cashAccount: '102' });

describe('contractDues', () => {
  // HT-1: 1,000.00 due every 01-01 of 2024 … 2026; paid 1,500.00 on 2024-06-01 and 500.00 on 2025-03-01
  const files = [
    contractFile({}, { payments: [pay('2024-06-01', 150_000), pay('2025-03-01', 50_000)] }),
    // LZ-1: 付, 500.00 a year from 2025-07-01: nothing due, started or paid by 2025-01-31
    contractFile({ code: 'LZ-1', direction: '付', start: '2025-07-01', end: '2027-06-30', annualRent: 50_000, account: '211', pnlAccount: '511' }),
  ];

  it('due, paid, outstanding and overdue days as of a day; payments after it ignored; contracts not begun left out', () => {
    // as of 2025-01-31: due 2 × 100,000; paid 150,000 (the 2025-03-01 payment is later) → 50,000 outstanding
    // of 2025-01-01's due (2024's is settled): 30 days overdue
    const d = contractDues(files, '2025-01-31');
    expect(d.map((r) => [r.contract.code, r.due, r.paid, r.outstanding, r.credit, r.oldestDue, r.overdueDays])).toEqual([['HT-1', 200_000, 150_000, 50_000, 0, '2025-01-01', 30]]);
    // as of 2025-07-01: HT-1 settled; LZ-1's first 500.00 falls due that day: 0 days overdue
    const e = contractDues(files, '2025-07-01');
    expect(e.map((r) => [r.contract.code, r.outstanding, r.overdueDays])).toEqual([
      ['HT-1', 0, 0],
      ['LZ-1', 50_000, 0],
    ]);
    expect(duesTotals(e)).toEqual({
      receivable: { due: 200_000, paid: 200_000, outstanding: 0 },
      payable: { due: 50_000, paid: 0, outstanding: 50_000 },
    });
  });

  it('rent in kind not priced yet is not due, and is named', () => {
    const f = contractFile({ inKind: { quantityPerMu: new Decimal(500), item: '稻谷', unit: '斤' }, area: 100_000, annualRent: null }, { prices: new Map([[2024, new Decimal('1.35')]]) });
    // 2024: 500 × 10 × 1.35 = 6,750.00; 2025 not priced
    expect(contractDues([f], '2025-12-31')).toMatchObject([{ due: 675_000, unpriced: [2025] }]);
  });
});

describe('alerts', () => {
  it('double lets: same subject or same parcel code, same direction, overlapping days', () => {
    const c = (code: string, subject: string, start: string, end: string, parcel: string | null = null, direction: '收' | '付' = '收') => ({
      code,
      subject,
      direction,
      start,
      end,
      parcel,
    });
    expect(
      doubleLets([
        c('A', 'GD-1', '2020-01-01', '2024-12-31', 'P1'),
        c('B', 'GD-2', '2024-12-31', '2026-12-31', 'P1'),
        c('C', 'GD-1', '2025-01-01', '2030-12-31', 'P1'),
        c('D', 'GD-1', '2020-01-01', '2030-12-31', 'P1', '付'),
        c('E', 'GD-3', '2020-01-01', '2030-12-31'),
        c('F', 'GD-4', '2020-01-01', '2030-12-31'),
      ]),
    ).toEqual([
      { a: 'A', b: 'B', subject: 'GD-1/GD-2', parcel: 'P1', from: '2024-12-31', to: '2024-12-31' },
      { a: 'B', b: 'C', subject: 'GD-2/GD-1', parcel: 'P1', from: '2025-01-01', to: '2026-12-31' },
    ]);
  });

  it('overdue (a due date before the day), expiring within the window (both ends in), let twice, unpriced', () => {
    const files = [
      contractFile({ code: 'HT-A', counterparty: '张三', end: '2025-01-31' }), // due 2024-01-01 unpaid
      contractFile({ code: 'HT-B', counterparty: '李四', subject: 'GD-03', start: '2024-12-31', end: '2030-12-31' }), // due today: not overdue
      contractFile({ code: 'HT-C', subject: 'LD-01', start: '2020-01-01', end: '2024-12-31' }, { payments: [pay('2020-01-01', 500_000)] }),
    ];
    const a = contractAlerts(files, new Map([['GD-01', 'P2'], ['GD-03', 'P2']]), '2024-12-31', 31);
    expect(a.overdue.map((r) => [r.contract.code, r.outstanding, r.oldestDue, r.overdueDays])).toEqual([['HT-A', 100_000, '2024-01-01', 365]]);
    // HT-A ends in 31 days, HT-C today
    expect(a.expiring.map((e) => [e.contract.code, e.daysLeft])).toEqual([
      ['HT-A', 31],
      ['HT-C', 0],
    ]);
    expect(a.doubleLets).toEqual([
      { a: 'HT-A', b: 'HT-B', subject: 'GD-01/GD-03', parcel: 'P2', from: '2024-12-31', to: '2025-01-31', counterparties: ['张三', '李四'], direction: '收' },
    ]);
    expect(a.unpriced).toEqual([]);
    expect(contractAlerts(files, new Map(), '2024-12-31', 30).expiring.map((e) => e.contract.code)).toEqual(['HT-C']);
  });
});

describe('entries', () => {
  it('a payment: 收 Dr cash / Cr the receivable; 付 Dr the payable with the member / Cr cash; the settlement line names the contract', () => {
    const r = paymentVoucher(contractRecord(), { date: '2024-02-01', amount: 60_000, cash: '10201' });
    expect(r).toEqual({
      date: '2024-02-01',
      summary: '收王五租金（合同 HT-1）',
      kind: 'contract-payment',
      lines: [
        { account: '10201', debit: 60_000, credit: 0 },
        { account: '112', debit: 0, credit: 60_000, member: null, party: 'HT-1' },
      ],
    });
    const p = paymentVoucher(contractRecord({ direction: '付', account: '113', member: 'X001' }), { date: '2024-02-01', amount: 5_000, cash: '102', summary: ' 付地租 ' });
    expect(p.summary).toBe('付地租');
    expect(p.lines).toEqual([
      { account: '113', debit: 5_000, credit: 0, member: 'X001', party: 'HT-1' },
      { account: '102', debit: 0, credit: 5_000 },
    ]);
  });

  it('accrual: the year’s share less what was accrued; 收 Dr 112 / Cr 501 with the project; nothing when done', () => {
    const f = contractFile({ project: 'tq' }, { accruals: new Map([[2024, 40_000]]) });
    expect(accrualDue(f, 2024)).toBe(60_000); // 100,000 − 40,000
    expect(accrualVoucher(f, 2024)).toEqual({
      amount: 60_000,
      draft: {
        date: '2024-12-31',
        summary: '确认2024年租金收入（合同 HT-1 王五）',
        kind: 'contract-accrual',
        lines: [
          { account: '112', debit: 60_000, credit: 0, member: null, party: 'HT-1' },
          { account: '501', debit: 0, credit: 60_000, project: 'tq' },
        ],
      },
    });
    expect(accrualVoucher(contractFile({}, { accruals: new Map([[2024, 100_000]]) }), 2024)).toBeNull();
    expect(accrualVoucher(contractFile(), 2030)).toBeNull(); // after the end
    const payable = accrualVoucher(contractFile({ direction: '付', account: '211', pnlAccount: '511' }), 2025)!;
    expect(payable.draft.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
      ['511', 100_000, 0],
      ['211', 0, 100_000],
    ]);
  });

  it('an error of one contract’s entry names the contract, keeping its code', () => {
    expect(inContract('HT-1', { code: 'PERIOD_CLOSED', zh: '2024-12 已结账', en: '2024-12 is closed' })).toEqual({
      code: 'PERIOD_CLOSED',
      zh: '合同 HT-1：2024-12 已结账',
      en: 'contract HT-1: 2024-12 is closed',
    });
  });
});
