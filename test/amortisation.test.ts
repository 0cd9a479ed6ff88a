// Amortisation of land 经营权 taken in as shares for a term, on plain data. Money in fen.
import { describe, expect, it } from 'vitest';
import { amortisationPlan, amortisationSchedule, amortisationVouchers, monthlyAmortisation, type AmortisationInput } from '../src/domain/amortisation.js';
import { chart, codes } from './registers-fakes.js';

const input = (contribution: number, project: string, date: string, value: number, termYears: number, posted: string[] = []): AmortisationInput => ({
  land: { contribution, project, date, value, termYears },
  posted: new Set(posted),
});

describe('amortisationSchedule', () => {
  it('10,000.00 over 3 years: 35 months of 277.78 and a last month of 277.70', () => {
    // 1,000,000 ÷ 36 = 27,777.78 → 27,778; 35 × 27,778 = 972,230; last = 1,000,000 − 972,230 = 27,770
    expect(monthlyAmortisation(1_000_000, 3)).toBe(27_778);
    const s = amortisationSchedule({ value: 1_000_000, termYears: 3, date: '2016-03-15' });
    expect(s).toHaveLength(36);
    expect(s[0]).toEqual({ period: '2016-04', amount: 27_778 });
    expect(s[34]).toEqual({ period: '2019-02', amount: 27_778 });
    expect(s[35]).toEqual({ period: '2019-03', amount: 27_770 });
    expect(s.reduce((a, c) => a + c.amount, 0)).toBe(1_000_000);
  });

  it('a value below one fen a month charges only what there is', () => {
    // 0.05 over 1 year: round(5 ÷ 12) = 0 a month; the last month takes all 5 fen
    expect(amortisationSchedule({ value: 5, termYears: 1, date: '2024-01-31' })).toEqual([{ period: '2025-01', amount: 5 }]);
  });
});

describe('amortisationPlan and vouchers', () => {
  // #1: 18,800.00 over 20 years from 2016-03 → round(1,880,000 ÷ 240) = 7,833 a month from 2016-04
  // #2: 6,800.00 over 10 years from 2016-03 → round(680,000 ÷ 120) = 5,667 a month from 2016-04
  const lands = [input(2, 'tq', '2016-03-20', 680_000, 10), input(1, 'tq', '2016-03-15', 1_880_000, 20, ['2016-04']), input(3, 'main', '2016-04-02', 120_000, 10)];

  it('months not yet posted, through the month, in contribution order', () => {
    const plan = amortisationPlan(lands, '2016-05', null);
    expect(plan).toEqual([
      { period: '2016-04', charges: [{ contribution: 2, project: 'tq', amount: 5_667 }] },
      {
        period: '2016-05',
        charges: [
          { contribution: 1, project: 'tq', amount: 7_833 },
          { contribution: 2, project: 'tq', amount: 5_667 },
          { contribution: 3, project: 'main', amount: 1_000 }, // 120,000 ÷ 120
        ],
      },
    ]);
    // before the books start: left to the opening balance
    expect(amortisationPlan(lands, '2016-05', '2016-05').map((m) => m.period)).toEqual(['2016-05']);
  });

  it('one voucher a month dated its last day: Dr 511 per project / Cr 162', () => {
    const { vouchers, errors } = amortisationVouchers(lands, '2016-05', chart({ '162': '累计摊销' }));
    expect(errors).toEqual([]);
    expect(vouchers.map((v) => [v.draft.date, v.total])).toEqual([
      ['2016-04-30', 5_667],
      ['2016-05-31', 14_500], // 7,833 + 5,667 + 1,000
    ]);
    expect(vouchers[1].draft.lines).toEqual([
      { account: '511', debit: 1_000, credit: 0, project: 'main' },
      { account: '511', debit: 13_500, credit: 0, project: 'tq' },
      { account: '162', debit: 0, credit: 14_500 },
    ]);
    expect(vouchers[1].draft.kind).toBe('amortisation');
  });

  it('a closed month that needs amortisation is refused; 511 with several leaves needs --expense-account', () => {
    const books = { ...chart({ '162': '累计摊销' }), isClosed: (p: string) => p === '2016-04' };
    const r = amortisationVouchers(lands, '2016-05', books);
    expect(codes(r.errors)).toEqual(['AMORTISATION_CLOSED_MONTH']);
    expect(r.errors[0].zh).toContain('出资第2号 56.67');
    expect(r.vouchers).toEqual([]);
    const two = amortisationVouchers(lands, '2016-05', chart({ '162': '累计摊销', '51101': '民宿', '51102': '农场' }));
    expect(codes(two.errors)).toEqual(['ACCOUNT_NOT_LEAF']);
    const chosen = amortisationVouchers(lands, '2016-05', chart({ '162': '累计摊销', '51101': '民宿', '51102': '农场' }), { code: '51101', option: '--expense-account' });
    expect(chosen.vouchers[0].draft.lines[0].account).toBe('51101');
  });
});
