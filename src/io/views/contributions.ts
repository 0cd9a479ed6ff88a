// Contributions: 出资作价清单, the valuation list the members' meeting checks (each with its voucher).
import type { Lang } from '../../domain/errors.js';
import { formatFen, type Fen } from '../../domain/money.js';
import { formatUnits } from '../../domain/shares.js';
import { CONTRIBUTION_KIND_LABELS, type ContributionRecord } from '../../domain/contribution.js';
import { voucherRef } from '../../domain/voucher.js';
import type { Output } from '../output.js';

/** A unit price in yuan as money is written, with two decimals at least ("120.00"; a price of 0.335 keeps its third). */
export function priceText(p: string | null | undefined): string | null {
  if (p === null || p === undefined || p === '') return p ?? null;
  const m = /^(-?\d+)(?:\.(\d*))?$/.exec(p);
  if (!m) return p;
  const frac = (m[2] ?? '').replace(/0+$/, '');
  return `${m[1]}.${frac.padEnd(2, '0')}`;
}

/** A contribution as the valuation list shows it (a cancelled one with when and why). */
export type ContributionListItem = Omit<ContributionRecord, 'voucherId' | 'cancelledAt' | 'cancelReason'> & { cancelledAt?: string | null; cancelReason?: string | null };

/**
 * 出资作价清单. A cancelled contribution stays on the list, marked with its reason (a column that
 * appears when there is one), and counts in no total.
 */
export function contributionListView(rows: readonly ContributionListItem[], project: string | null, lang: Lang): Output {
  const en = lang === 'en';
  const cancelled = (c: ContributionListItem) => Boolean(c.cancelledAt);
  const anyCancelled = rows.some(cancelled);
  const inForce = rows.filter((c) => !cancelled(c));
  const tot = inForce.reduce(
    (a, c) => ({ value: a.value + c.amount, units: a.units + c.units, capital: a.capital + c.capital, remainder: a.remainder + c.remainder }),
    { value: 0, units: 0, capital: 0, remainder: 0 },
  );
  return {
    title: { zh: '出资作价清单', en: 'Contributions' },
    json: {
      project,
      contributions: rows.map((c) => ({
        id: c.id,
        date: c.date,
        project: c.project,
        member: c.member,
        name: c.name,
        kind: c.kind,
        item: c.item,
        quantity: c.quantity,
        unit: c.unit,
        unitPrice: priceText(c.unitPrice),
        value: formatFen(c.amount),
        shares: formatUnits(c.units),
        capital: formatFen(c.capital),
        remainder: formatFen(c.remainder),
        account: c.debitAccount,
        voucher: voucherRef(c.voucherPeriod, c.voucherNumber),
        note: c.note,
        cancelled: cancelled(c),
        cancelledAt: c.cancelledAt ?? null,
        reason: c.cancelReason ?? null,
      })),
      totals: { value: formatFen(tot.value), shares: formatUnits(tot.units), capital: formatFen(tot.capital), remainder: formatFen(tot.remainder) },
    },
    sections: [
      {
        title: project ? { zh: `出资作价清单  项目 ${project}`, en: `Contributions  project ${project}` } : undefined,
        columns: [
          { key: 'id', zh: '编号', en: 'No.', kind: 'int' },
          { key: 'date', zh: '日期', en: 'Date' },
          { key: 'member', zh: '成员编号', en: 'Member', id: true },
          { key: 'name', zh: '姓名', en: 'Name' },
          { key: 'kind', zh: '类型', en: 'Kind' },
          { key: 'item', zh: '品名/说明', en: 'Item' },
          { key: 'quantity', zh: '数量', en: 'Qty', kind: 'number' },
          { key: 'unit', zh: '单位', en: 'Unit' },
          { key: 'unitPrice', zh: '单价', en: 'Price', kind: 'number' },
          { key: 'value', zh: '价值', en: 'Value', kind: 'money' },
          { key: 'shares', zh: '股数', en: 'Shares', kind: 'number' },
          { key: 'capital', zh: '入资本', en: 'Capital', kind: 'money' },
          { key: 'remainder', zh: '入公积', en: 'To 311', kind: 'money' },
          { key: 'account', zh: '借方科目', en: 'Dr acct', id: true },
          { key: 'voucher', zh: '凭证号', en: 'Voucher' },
          ...(anyCancelled ? [{ key: 'status', zh: '状态', en: 'Status' }] : []),
        ],
        rows: rows.map((c) => ({
          id: c.id,
          date: c.date,
          member: c.member,
          name: c.name,
          kind: CONTRIBUTION_KIND_LABELS[c.kind][lang],
          item: c.item ?? c.note ?? '',
          quantity: c.quantity,
          unit: c.unit,
          unitPrice: priceText(c.unitPrice),
          value: c.amount,
          shares: formatUnits(c.units),
          capital: c.capital,
          remainder: c.remainder,
          account: c.debitAccount,
          voucher: voucherRef(c.voucherPeriod, c.voucherNumber),
          ...(anyCancelled ? { status: cancelled(c) ? (en ? `cancelled ${c.cancelledAt!.slice(0, 10)}: ${c.cancelReason}` : `已撤销（${c.cancelledAt!.slice(0, 10)}，${c.cancelReason}）`) : '' } : {}),
        })),
        footer: [
          { date: en ? 'Total' : '合计', name: en ? `${inForce.length} items` : `${inForce.length} 笔`, value: tot.value, shares: formatUnits(tot.units), capital: tot.capital, remainder: tot.remainder },
        ],
      },
    ],
  };
}
