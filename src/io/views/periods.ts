// The closing log: which months are closed, and every close and reopen with its reason.
import type { Output } from '../output.js';

export interface PeriodEvent {
  period: string;
  action: string;
  reason: string | null;
  at: string;
}

export function periodListView(start: string | null, closed: readonly string[], events: readonly PeriodEvent[]): Output {
  return {
    title: { zh: '结账记录', en: 'Closing log' },
    json: { start, closed, events },
    sections: [
      {
        title: {
          zh: `已结账：${closed.length === 0 ? '无' : closed.length === 1 ? closed[0] : closed[0] + ' … ' + closed[closed.length - 1]}`,
          en: `closed: ${closed.join(', ') || 'none'}`,
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
