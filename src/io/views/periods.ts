// The closing log: which months are closed, and every close and reopen with its reason.
import type { LedgerError, Lang, Text } from '../../domain/errors.js';
import { addMonths, periodLabel } from '../../domain/dates.js';
import { formatFen } from '../../domain/money.js';
import { voucherRef } from '../../domain/voucher.js';
import type { Output } from '../output.js';

export interface PeriodEvent {
  period: string;
  action: string;
  reason: string | null;
  at: string;
}

/** Months in order as runs of consecutive months ('2016-01 … 2024-09', '2024-11'): a month left open shows as a gap. */
export function monthRuns(months: readonly string[]): string[] {
  const sorted = [...months].sort();
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === addMonths(sorted[j], 1)) j++;
    runs.push(j === i ? sorted[i] : `${sorted[i]} … ${sorted[j]}`);
    i = j + 1;
  }
  return runs;
}

export function periodListView(start: string | null, closed: readonly string[], events: readonly PeriodEvent[]): Output {
  return {
    title: { zh: '结账记录', en: 'Closing log' },
    json: { start, closed, events },
    sections: [
      {
        title: {
          zh: `已结账：${closed.length === 0 ? '无' : monthRuns(closed).join('、')}`,
          en: `closed: ${closed.length === 0 ? 'none' : monthRuns(closed).join(', ')}`,
        },
        columns: [
          { key: 'at', zh: '时间', en: 'At' },
          { key: 'period', zh: '月份', en: 'Month' },
          { key: 'action', zh: '操作', en: 'Action' },
          { key: 'reason', zh: '原因', en: 'Reason' },
        ],
        rows: events.map((e) => ({ ...e, action: e.action === 'close' ? '结账' : '反结账' })),
      },
    ],
  };
}

/** One control of a close as `period check` shows it. */
export interface CheckedControl {
  /** A stable key for scripts: order, cash, depreciation, amortisation, accrual. */
  key: string;
  name: Text;
  errors: LedgerError[];
}

export interface UnreviewedItem {
  period: string;
  number: number;
  date: string;
  summary: string;
  preparer: string | null;
  amount: number;
}

/** `period check`: every control of the close with what it found, then the vouchers not reviewed yet. */
export function periodCheckView(period: string, controls: readonly CheckedControl[], unreviewed: readonly UnreviewedItem[], lang: Lang): Output {
  const blocked = controls.some((c) => c.errors.length > 0);
  const say = (t: Text) => (lang === 'en' ? t.en : t.zh);
  return {
    title: { zh: '结账检查', en: 'Close check' },
    period: { zh: periodLabel(period), en: period },
    json: {
      period,
      closable: !blocked,
      checks: controls.map((c) => ({ check: c.key, ok: c.errors.length === 0, codes: c.errors.map((e) => e.code), messages: c.errors.map(say) })),
      unreviewed: unreviewed.map((u) => ({ ref: voucherRef(u.period, u.number), date: u.date, summary: u.summary, preparer: u.preparer, amount: formatFen(u.amount) })),
    },
    sections: [
      {
        title: {
          zh: `${periodLabel(period)}结账检查：${blocked ? '不能结账' : '可以结账'}`,
          en: `${period}: ${blocked ? 'the close would be refused' : 'ready to close'}`,
        },
        columns: [
          { key: 'check', zh: '检查项', en: 'Check' },
          { key: 'result', zh: '结果', en: 'Result' },
          { key: 'detail', zh: '说明与处理', en: 'Detail and fix' },
        ],
        rows: controls.flatMap((c) =>
          c.errors.length === 0
            ? [{ check: say(c.name), result: say({ zh: '通过', en: 'ok' }), detail: '' }]
            : c.errors.map((e, i) => ({ check: i === 0 ? say(c.name) : '', result: say({ zh: '不通过', en: 'blocks' }), detail: say(e) })),
        ),
      },
      {
        title: { zh: `未审核的凭证（${unreviewed.length} 张，不影响结账）`, en: `Vouchers not reviewed (${unreviewed.length}; they do not block the close)` },
        columns: [
          { key: 'date', zh: '日期', en: 'Date' },
          { key: 'ref', zh: '凭证号', en: 'Voucher' },
          { key: 'summary', zh: '摘要', en: 'Summary' },
          { key: 'amount', zh: '金额', en: 'Amount', kind: 'money' },
          { key: 'preparer', zh: '制单', en: 'Prepared' },
        ],
        rows: unreviewed.map((u) => ({ date: u.date, ref: voucherRef(u.period, u.number), summary: u.summary, amount: u.amount, preparer: u.preparer })),
      },
    ],
  };
}
