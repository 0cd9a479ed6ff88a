// Accounting periods: months open and closed, the books' first month.
import { catalogue } from '../errors.js';
import { periodLabel, type Period } from '../dates.js';

export const PeriodErrors = catalogue({
  /** `yearClosed`: the month's year is closed (year close), and only year reopen opens its months again. */
  PERIOD_CLOSED: (p: Period, yearClosed = false) => {
    const reopen = yearClosed ? `sanzi year reopen ${p.slice(0, 4)} --reason …` : `sanzi period reopen ${p} --reason …`;
    return {
      zh: `${periodLabel(p)}已结账，不能再记账（如确需更正，先 ${reopen}）`,
      en: `${p} is closed and takes no vouchers (reopen it with ${reopen})`,
    };
  },
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
  CLOSE_CASH_CREDIT: (p: Period, amount: string) => ({
    zh: `${periodLabel(p)}月末库存现金（101）为贷方余额 ${amount}，现金不会是负数：请查对现金收付凭证（sanzi report cash-book --from ${p} --to ${p}），补记漏记的收款或更正错误后再结账`,
    en: `at the end of ${p} cash on hand (101) has a credit balance of ${amount}; cash cannot be negative: check the cash vouchers (sanzi report cash-book --from ${p} --to ${p}) and post what is missing first`,
  }),
  CLOSE_DEPRECIATION: (p: Period, months: Period[], assets: string[]) => ({
    zh: `固定资产折旧尚未计提至${periodLabel(p)}（${listMonths(months)}：${assets.slice(0, 8).join('、')}${assets.length > 8 ? ' 等' : ''}）：请先 sanzi asset depreciate --through ${p}`,
    en: `depreciation is not posted through ${p} (${listMonths(months, 'en')}: ${assets.slice(0, 8).join(', ')}${assets.length > 8 ? ' …' : ''}): run sanzi asset depreciate --through ${p} first`,
  }),
  CLOSE_AMORTISATION: (p: Period, months: Period[], items: string[]) => ({
    zh: `入股土地经营权尚未摊销至${periodLabel(p)}（${listMonths(months)}：${items.slice(0, 8).join('、')}${items.length > 8 ? ' 等' : ''}）：请先 sanzi asset amortize --through ${p}`,
    en: `land-use rights are not amortised through ${p} (${listMonths(months, 'en')}: ${items.slice(0, 8).join(', ')}${items.length > 8 ? ' …' : ''}): run sanzi asset amortize --through ${p} first`,
  }),
  CLOSE_ACCRUAL: (year: number, contracts: string[]) => ({
    zh: `${year} 年的应收合同租金尚未确认（${contracts.slice(0, 8).join('、')}${contracts.length > 8 ? ' 等' : ''}），本年收益会少计：请先 sanzi contract accrue --year ${year}`,
    en: `the ${year} rent of receivable contracts is not accrued (${contracts.slice(0, 8).join(', ')}${contracts.length > 8 ? ' …' : ''}): run sanzi contract accrue --year ${year} first`,
  }),
  CLOSE_ACCRUAL_EXCESS: (year: number, contracts: string[]) => ({
    zh: `${year} 年有合同提前终止后多确认的租金尚未冲销（${contracts.slice(0, 8).join('、')}${contracts.length > 8 ? ' 等' : ''}），本年收支会多计：请先 sanzi contract accrue --year ${year}（红字冲销）`,
    en: `rent of ${year} accrued too much after contracts ended early is not taken back (${contracts.slice(0, 8).join(', ')}${contracts.length > 8 ? ' …' : ''}): run sanzi contract accrue --year ${year} first`,
  }),
  CLOSE_UNPRICED: (year: number, items: readonly { code: string; year: number }[]) => ({
    zh:
      `${year} 年有实物租金尚未定价（${items.slice(0, 8).map((x) => `${x.code} ${x.year} 年`).join('、')}${items.length > 8 ? ' 等' : ''}），租金无法确认，本年收益会少计：` +
      `请先 sanzi contract price ${items[0].code} --year ${items[0].year} --unit-price 单价，再 sanzi contract accrue --year ${year}`,
    en:
      `rent in kind of ${year} is not priced (${items.slice(0, 8).map((x) => `${x.code} ${x.year}`).join(', ')}${items.length > 8 ? ' …' : ''}) and cannot be accrued: ` +
      `run sanzi contract price ${items[0].code} --year ${items[0].year} --unit-price PRICE, then sanzi contract accrue --year ${year}`,
  }),
  CLOSE_RANGE_REFUSED: (from: Period, to: Period, before: Period | null) => ({
    zh: `${from} 至 ${to} 一个月也没有结账（区间结账要么全部结账，要么一个不结）：先处理下列事项${before ? `，或只结到 ${before}（sanzi period close --through ${before}）` : ''}`,
    en: `no month of ${from} … ${to} was closed (a range closes whole or not at all): deal with the following first${before ? `, or close through ${before} only (sanzi period close --through ${before})` : ''}`,
  }),
  CLOSE_RANGE: (from: Period, to: Period) => ({
    zh: `起始月份 ${from} 晚于截止月份 ${to}`,
    en: `the first month ${from} is after the last ${to}`,
  }),
  REOPEN_YEAR_CLOSED: (p: Period, year: number) => ({
    zh: `${periodLabel(p)}所在的 ${year} 年已年终结转，不能按月反结账：请用 sanzi year reopen ${year} --reason …（冲销年终结转凭证并打开 12 月）`,
    en: `${p} belongs to ${year}, which is year-closed; months of it are not reopened one by one: use sanzi year reopen ${year} --reason …`,
  }),
  YEAR_NOT_CLOSED: (year: number) => ({
    zh: `${year} 年尚未年终结转（12 月未结账），无需反结转`,
    en: `${year} is not year-closed (December is open)`,
  }),
  YEAR_REOPEN_LATER: (year: number, closed: Period[]) => ({
    zh: `${year + 1} 年已有月份结账（${listMonths(closed)}），反结转 ${year} 年会改变它的年初余额：请先反结账 ${year + 1} 年（sanzi ${closed.includes(`${year + 1}-12`) ? `year reopen ${year + 1}` : `period reopen ${closed[0]}`} --reason …）`,
    en: `months of ${year + 1} are closed (${listMonths(closed, 'en')}); reopening ${year} would change their opening balances: reopen ${year + 1} first (sanzi ${closed.includes(`${year + 1}-12`) ? `year reopen ${year + 1}` : `period reopen ${closed[0]}`} --reason …)`,
  }),
});

/** Months as a short list: 2024年1月、2024年2月 … */
function listMonths(months: Period[], lang: 'zh' | 'en' = 'zh'): string {
  const shown = months.slice(0, 4).map((m) => (lang === 'en' ? m : periodLabel(m)));
  const more = months.length > 4 ? (lang === 'en' ? ` … ${months[months.length - 1]}` : ` … ${periodLabel(months[months.length - 1])}`) : '';
  return shown.join(lang === 'en' ? ', ' : '、') + more;
}

/** What `verify` finds wrong with closed periods. */
export const ClosingFindings = catalogue({
  PNL_LEFT_AFTER_YEAR_CLOSE: (year: number, account: string, amount: string) => ({
    zh: `${year} 年已年终结转，但损益类科目 ${account} 年末仍有余额 ${amount}（应为零）：结转后又记入了该年的收入或支出`,
    en: `${year} is year-closed but income/expense account ${account} still has a balance of ${amount} at its end`,
  }),
  CASH_CREDIT_IN_CLOSED_MONTH: (p: Period, amount: string) => ({
    zh: `${periodLabel(p)}已结账，但月末库存现金（101）为贷方余额 ${amount}`,
    en: `${p} is closed with a credit balance of ${amount} on cash on hand (101)`,
  }),
});
