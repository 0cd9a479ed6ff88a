// Vouchers: the list, and one voucher as 记账凭证.
import { formatFen } from '../../domain/money.js';
import { voucherRef } from '../../domain/voucher.js';
import type { Output } from '../output.js';

export interface VoucherListItem {
  period: string;
  number: number;
  date: string;
  summary: string;
  attachments: number;
  preparer: string | null;
  reviewer: string | null;
  amount: number;
}

export function voucherListView(rows: readonly VoucherListItem[]): Output {
  return {
    title: { zh: '凭证列表', en: 'Vouchers' },
    json: {
      vouchers: rows.map((r) => ({
        ref: voucherRef(r.period, r.number),
        date: r.date,
        number: r.number,
        summary: r.summary,
        amount: formatFen(r.amount),
        attachments: r.attachments,
        preparer: r.preparer,
        reviewer: r.reviewer,
      })),
    },
    sections: [
      {
        columns: [
          { key: 'date', zh: '日期', en: 'Date' },
          { key: 'ref', zh: '凭证号', en: 'Voucher' },
          { key: 'summary', zh: '摘要', en: 'Summary' },
          { key: 'amount', zh: '金额', en: 'Amount', kind: 'money' },
          { key: 'attachments', zh: '附件', en: 'Att.', kind: 'int' },
          { key: 'preparer', zh: '制单', en: 'Prepared' },
          { key: 'reviewer', zh: '审核', en: 'Reviewed' },
        ],
        rows: rows.map((r) => ({ ...r, ref: `记-${r.number}` })),
      },
    ],
  };
}

export interface VoucherDetail {
  period: string;
  number: number;
  date: string;
  summary: string;
  kind: string;
  attachments: number;
  preparer: string | null;
  reviewer: string | null;
  lines: { account: string; name: string; debit: number; credit: number; member?: string | null; project?: string | null }[];
}

export function voucherView(v: VoucherDetail): Output {
  const debit = v.lines.reduce((a, l) => a + l.debit, 0);
  const credit = v.lines.reduce((a, l) => a + l.credit, 0);
  return {
    title: { zh: '记账凭证', en: 'Voucher' },
    json: {
      ref: voucherRef(v.period, v.number),
      date: v.date,
      number: v.number,
      summary: v.summary,
      attachments: v.attachments,
      preparer: v.preparer,
      reviewer: v.reviewer,
      kind: v.kind,
      lines: v.lines.map((l) => ({
        account: l.account,
        name: l.name,
        debit: formatFen(l.debit),
        credit: formatFen(l.credit),
        member: l.member ?? null,
        project: l.project ?? null,
      })),
    },
    sections: [
      {
        title: {
          zh: `记账凭证  ${v.date}  记字第${v.number}号  摘要：${v.summary}  附件 ${v.attachments} 张`,
          en: `Voucher ${v.date} No. ${v.number}  ${v.summary}  attachments ${v.attachments}`,
        },
        columns: [
          { key: 'account', zh: '科目编码', en: 'Account', id: true },
          { key: 'name', zh: '科目名称', en: 'Name' },
          { key: 'debit', zh: '借方金额', en: 'Debit', kind: 'money' },
          { key: 'credit', zh: '贷方金额', en: 'Credit', kind: 'money' },
          { key: 'member', zh: '成员', en: 'Member', id: true },
          { key: 'project', zh: '项目', en: 'Project', id: true },
        ],
        rows: v.lines.map((l) => ({ ...l, debit: l.debit || null, credit: l.credit || null })),
        footer: [{ account: '合计', debit, credit }],
        notes: [
          {
            zh: `制单：${v.preparer ?? ''}    审核：${v.reviewer ?? ''}`,
            en: `prepared by: ${v.preparer ?? ''}    reviewed by: ${v.reviewer ?? ''}`,
          },
        ],
      },
    ],
  };
}
