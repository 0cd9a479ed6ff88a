// The audit trail as a list: who did what, when, and which vouchers it posted.
import { formatFen } from '../../domain/money.js';
import { voucherRef } from '../../domain/voucher.js';
import type { AuditLogRecord } from '../../domain/audit-log.js';
import type { Output } from '../output.js';

/** What the view shows of an audit record. */
export type AuditLogItem = AuditLogRecord;

export interface AuditLogFilter {
  from?: string;
  to?: string;
  entity?: string;
  action?: string;
}

function vouchersText(v: AuditLogItem['vouchers']): string {
  if (!v) return '';
  const first = voucherRef(v.first.period, v.first.number);
  if (v.count === 1) return first;
  return `${first} … ${voucherRef(v.last.period, v.last.number)}（${v.count} 张）`;
}

function vouchersJson(v: AuditLogItem['vouchers']) {
  if (!v) return null;
  return { first: voucherRef(v.first.period, v.first.number), last: voucherRef(v.last.period, v.last.number), count: v.count };
}

function filterText(f: AuditLogFilter): { zh: string; en: string } | undefined {
  const zh: string[] = [];
  const en: string[] = [];
  if (f.from || f.to) {
    zh.push(`${f.from ?? '最早'} 至 ${f.to ?? '最近'}`);
    en.push(`${f.from ?? 'start'} to ${f.to ?? 'latest'}`);
  }
  if (f.entity) {
    zh.push(`对象 ${f.entity}`);
    en.push(`entity ${f.entity}`);
  }
  if (f.action) {
    zh.push(`操作 ${f.action}`);
    en.push(`action ${f.action}`);
  }
  return zh.length ? { zh: zh.join('  '), en: en.join('  ') } : undefined;
}

/** Who did what, when: the record's fields the JSON and the table both show first. */
const who = (r: AuditLogItem) => ({ id: r.id, at: r.at, by: r.by, action: r.action, entity: r.entity, summary: r.summary });

export function auditLogView(rows: readonly AuditLogItem[], filter: AuditLogFilter = {}): Output {
  return {
    title: { zh: '审计留痕', en: 'Audit trail' },
    period: filterText(filter),
    json: {
      filter: { from: filter.from ?? null, to: filter.to ?? null, entity: filter.entity ?? null, action: filter.action ?? null },
      records: rows.map((r) => ({
        ...who(r),
        amount: r.amount === null ? null : formatFen(r.amount),
        vouchers: vouchersJson(r.vouchers),
        detail: r.detail ?? null,
      })),
    },
    sections: [
      {
        columns: [
          { key: 'id', zh: '编号', en: 'No.', kind: 'int' },
          { key: 'at', zh: '时间', en: 'Time' },
          { key: 'by', zh: '经办人', en: 'By' },
          { key: 'action', zh: '操作', en: 'Action' },
          { key: 'entity', zh: '对象', en: 'Entity' },
          { key: 'summary', zh: '内容', en: 'Summary' },
          { key: 'amount', zh: '金额', en: 'Amount', kind: 'money' },
          { key: 'vouchers', zh: '凭证', en: 'Vouchers' },
        ],
        rows: rows.map((r) => ({
          ...who(r),
          amount: r.amount,
          vouchers: vouchersText(r.vouchers),
        })),
        notes: rows.length ? undefined : [{ zh: '没有符合条件的审计记录', en: 'no audit records match' }],
      },
    ],
  };
}
