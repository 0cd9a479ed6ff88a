// Accounting periods: months open and closed, the books' first month.
import { catalogue } from '../errors.js';
import { periodLabel, type Period } from '../dates.js';

export const PeriodErrors = catalogue({
  PERIOD_CLOSED: (p: Period) => ({
    zh: `${periodLabel(p)}已结账，不能再记账（如确需更正，先 sanzi period reopen ${p} --reason …）`,
    en: `${p} is closed and takes no vouchers (reopen it with sanzi period reopen ${p} --reason …)`,
  }),
  PERIOD_BEFORE_START: (start: Period) => ({
    zh: `凭证日期在建账月份 ${start} 之前`,
    en: `the voucher is dated before the first month of the books (${start})`,
  }),
});

export const ClosingErrors = catalogue({
  PERIOD_DECEMBER: (year: number) => ({
    zh: `12 月须做年终结转后结账：请用 sanzi year close ${year}`,
    en: `December is closed by the year-end closing: use sanzi year close ${year}`,
  }),
  PERIOD_ALREADY_CLOSED: (p: Period) => ({ zh: `${periodLabel(p)}已经结账`, en: `${p} is already closed` }),
  PERIOD_NOT_CLOSED: (p: Period) => ({ zh: `${periodLabel(p)}尚未结账`, en: `${p} is not closed` }),
  PERIOD_START: (p: Period, start: Period) => ({
    zh: `${p} 在建账月份 ${start} 之前`,
    en: `${p} is before the first month of the books (${start})`,
  }),
  PERIOD_ORDER: (open: Period[]) => ({
    zh: `须按月顺序结账：${open.slice(0, 6).map((p) => periodLabel(p)).join('、')}${open.length > 6 ? ' 等' : ''} 尚未结账`,
    en: `months are closed in order: ${open.slice(0, 6).join(', ')}${open.length > 6 ? ' …' : ''} still open`,
  }),
  YEAR_CLOSED: (year: number) => ({ zh: `${year} 年已经结转结账`, en: `${year} is already closed` }),
  YEAR_START: (year: number, start: Period) => ({
    zh: `${year} 年在建账月份 ${start} 之前`,
    en: `${year} is before the books start (${start})`,
  }),
});
