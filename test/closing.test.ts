// The rules of closing on plain data: the controls of a close, what a reopen opens, the months of a
// range close. Money in fen.
import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/domain/money.js';
import {
  checkClose,
  checkMonthReopen,
  checkYearReopen,
  closeControls,
  monthsToClose,
  monthsToReopen,
  type CloseLookup,
} from '../src/domain/closing.js';
import type { DepreciationInput } from '../src/domain/depreciation.js';
import type { AmortisationInput } from '../src/domain/amortisation.js';
import { codes, contractFile } from './registers-fakes.js';

// A building of 36,000.00 over 3 years, no residual, acquired 2024-01-20: 1,000.00 a month from February.
const building: DepreciationInput = {
  asset: {
    code: 'B1',
    category: '房屋及建筑物',
    acquired: '2024-01-20',
    cost: 3_600_000,
    residualRate: new Decimal(0),
    lifeYears: 3,
    method: '年限平均法',
    depreciable: true,
  },
  posted: new Set(['2024-02']),
  expenseAccount: '513',
  project: null,
};
// Land of 10,000.00 put in on 2024-01-10 for 3 years: 277.78 a month from February.
const land: AmortisationInput = { land: { contribution: 7, project: 'tq', date: '2024-01-10', value: 1_000_000, termYears: 3 }, posted: new Set() };

function books(over: Partial<CloseLookup> & { closed?: string[] } = {}): CloseLookup {
  const closed = new Set(over.closed ?? []);
  return {
    isClosed: (p) => closed.has(p),
    startPeriod: () => '2024-01',
    firstPeriod: () => '2024-01',
    cashAtEnd: () => 0,
    depreciationInputs: () => [],
    amortisationInputs: () => [],
    contractFiles: () => [],
    ...over,
  };
}

describe('closeControls', () => {
  it('a month closes when every control passes', () => {
    expect(checkClose({ month: '2024-01' }, books())).toEqual([]);
    expect(closeControls({ month: '2024-01' }, books()).map((c) => [c.key, c.errors.length])).toEqual([
      ['order', 0],
      ['cash', 0],
      ['depreciation', 0],
      ['amortisation', 0],
    ]);
  });

  it('lists every reason at once: the order, cash in credit, depreciation and amortisation not done', () => {
    const l = books({ cashAtEnd: () => -30_908_891, depreciationInputs: () => [building], amortisationInputs: () => [land] });
    const errors = checkClose({ month: '2024-03' }, l);
    // January and February still open; 101 −309,088.91; B1 charged for February only; the land for nothing yet
    expect(codes(errors)).toEqual(['PERIOD_ORDER', 'CLOSE_CASH_CREDIT', 'CLOSE_DEPRECIATION', 'CLOSE_AMORTISATION']);
    expect(errors[1].zh).toContain('贷方余额 309,088.91');
    expect(errors[2].zh).toContain('（2024年3月：B1）');
    expect(errors[2].zh).toContain('sanzi asset depreciate --through 2024-03');
    // the land: February and March
    expect(errors[3].zh).toContain('2024年2月、2024年3月：出资第7号');
    expect(errors[3].zh).toContain('sanzi asset amortize --through 2024-03');
  });

  it('months before the books start are left to the opening balance', () => {
    const l = books({ startPeriod: () => '2024-04', firstPeriod: () => '2024-04', amortisationInputs: () => [land] });
    expect(codes(checkClose({ month: '2024-04' }, l))).toEqual(['CLOSE_AMORTISATION']);
    expect(checkClose({ month: '2024-04' }, l)[0].zh).toContain('（2024年4月：出资第7号）');
  });

  it('December is closed by year close only; a year also needs the receivable rent accrued', () => {
    expect(codes(checkClose({ month: '2024-12' }, books()))).toEqual(['PERIOD_DECEMBER']);
    const months = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11'].map((m) => `2024-${m}`);
    // HT-1 (收): 1,000.00 for 2024, nothing accrued; LZ (付) is not asked for
    const files = [contractFile(), contractFile({ code: 'LZ-1', direction: '付', account: '211', pnlAccount: '511' })];
    const l = books({ closed: months, contractFiles: () => files });
    const errors = checkClose({ year: 2024 }, l);
    expect(codes(errors)).toEqual(['CLOSE_ACCRUAL']);
    expect(errors[0].zh).toContain('HT-1 1,000.00');
    expect(errors[0].zh).toContain('sanzi contract accrue --year 2024');
    // accrued: nothing blocks
    const done = [contractFile({}, { accruals: new Map([[2024, 100_000]]) })];
    expect(checkClose({ year: 2024 }, books({ closed: months, contractFiles: () => done }))).toEqual([]);
  });
});

describe('reopen', () => {
  const l = (closed: string[]) => ({ ...books({ closed }), closedPeriods: () => closed });

  it('a month of a year-closed year is refused and points to year reopen', () => {
    const closed = ['2023-01', '2023-12', '2024-01'];
    expect(codes(checkMonthReopen('2023-01', l(closed)))).toEqual(['REOPEN_YEAR_CLOSED']);
    expect(checkMonthReopen('2023-01', l(closed))[0].zh).toContain('sanzi year reopen 2023');
    expect(codes(checkMonthReopen('2024-02', l(closed)))).toEqual(['PERIOD_NOT_CLOSED']);
    expect(checkMonthReopen('2024-01', l(closed))).toEqual([]);
  });

  it('reopening a month opens the later closed months of its year only, latest first', () => {
    expect(monthsToReopen('2024-03', ['2023-11', '2024-01', '2024-03', '2024-04', '2024-05'])).toEqual(['2024-05', '2024-04', '2024-03']);
  });

  it('year reopen: the year must be year-closed and no month of the next year closed', () => {
    expect(codes(checkYearReopen(2024, l(['2024-11'])))).toEqual(['YEAR_NOT_CLOSED']);
    const e = checkYearReopen(2023, l(['2023-12', '2024-01', '2024-02']));
    expect(codes(e)).toEqual(['YEAR_REOPEN_LATER']);
    expect(e[0].zh).toContain('sanzi period reopen 2024-01');
    expect(checkYearReopen(2023, l(['2023-12', '2024-12']))[0].zh).toContain('sanzi year reopen 2024');
    expect(checkYearReopen(2023, l(['2023-11', '2023-12']))).toEqual([]);
  });
});

describe('monthsToClose', () => {
  it('a range in order; --through alone starts at the first open month', () => {
    expect(monthsToClose('2024-10', '2025-01', books()).months).toEqual(['2024-10', '2024-11', '2024-12', '2025-01']);
    expect(monthsToClose(null, '2024-04', books({ closed: ['2024-01', '2024-02'] })).months).toEqual(['2024-03', '2024-04']);
    expect(monthsToClose(null, '2024-02', books({ closed: ['2024-01', '2024-02'] })).months).toEqual([]);
    expect(codes(monthsToClose('2024-05', '2024-04', books()).errors)).toEqual(['CLOSE_RANGE']);
  });
});
