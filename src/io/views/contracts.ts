// Contracts: the list, one contract's card and rent schedule, dues as of a day, and alerts.
import { formatFen as fmt, formatFenGrouped, type Fen } from '../../domain/money.js';
import type { IsoDate } from '../../domain/dates.js';
import { formatArea } from '../../domain/registers.js';
import {
  contractStatus,
  lifetimeOutstanding,
  priceYearOf,
  scheduleOf,
  settle,
  type ContractEntry,
  type ContractFile,
  type ContractRecord,
  type DuesAsOf,
} from '../../domain/contracts.js';
import { duesTotals, type ContractAlerts, type ContractDues, type DuesTotal } from '../../domain/contract-dues.js';
import type { Output } from '../output.js';

function rentText(c: ContractEntry): string {
  if (c.inKind) return `每亩 ${c.inKind.quantityPerMu.toString()} ${c.inKind.unit} ${c.inKind.item}`;
  if (c.rentPerMu !== null) return `每亩 ${formatFenGrouped(c.rentPerMu)} 元/年`;
  return `${formatFenGrouped(c.annualRent ?? 0)} 元/年`;
}

function escalationText(c: ContractEntry): string {
  if (c.escalation.isZero()) return '';
  return `每 ${c.escalateEveryYears} 年递增 ${c.escalation.mul(100).toString()}%`;
}

const termsText = (c: ContractEntry) => [rentText(c), escalationText(c)].filter(Boolean).join('，');

/** The term as shown: `start 至 end`, and for a contract ended early the end agreed. */
const termText = (c: ContractRecord) =>
  c.endedEarly && c.end < c.start
    ? `未履行，${c.endedEarly.date} 解除（原定 ${c.start} 至 ${c.agreedEnd}）`
    : `${c.start} 至 ${c.end}${c.endedEarly ? `（提前终止，原定至 ${c.agreedEnd}）` : ''}`;

/** What JSON says of an early end: the end agreed, and the early end (null when none). */
const endJson = (c: ContractRecord) => ({ agreedEnd: c.agreedEnd ?? c.end, endedEarly: c.endedEarly ?? null });

export interface ContractListItem {
  contract: ContractRecord;
  dues: DuesAsOf;
  /** Rent over the whole contract. */
  total: Fen;
}

export function contractListView(asOf: IsoDate, rows: readonly ContractListItem[]): Output {
  return {
    title: { zh: '合同台账', en: 'Contracts' },
    period: { zh: `截至 ${asOf}`, en: `as of ${asOf}` },
    json: {
      asOf,
      contracts: rows.map(({ contract: c, dues: d, total }) => ({
        code: c.code,
        kind: c.kind,
        direction: c.direction,
        counterparty: c.counterparty,
        subject: c.subject,
        area: c.area === null ? null : formatArea(c.area),
        start: c.start,
        end: c.end,
        ...endJson(c),
        status: contractStatus(c, asOf),
        totalRent: fmt(total),
        due: fmt(d.due),
        paid: fmt(d.paid),
        outstanding: fmt(d.outstanding),
        credit: fmt(d.credit),
      })),
    },
    sections: [
      {
        title: { zh: `合同台账（截至 ${asOf}）`, en: `Contracts as of ${asOf}` },
        columns: [
          { key: 'code', zh: '合同编号', en: 'Contract', id: true },
          { key: 'kind', zh: '类型', en: 'Kind' },
          { key: 'direction', zh: '方向', en: 'Dir.' },
          { key: 'counterparty', zh: '对方', en: 'Counterparty' },
          { key: 'subject', zh: '标的', en: 'Subject', id: true },
          { key: 'area', zh: '面积', en: 'Area', kind: 'number' },
          { key: 'term', zh: '期限', en: 'Term' },
          { key: 'rent', zh: '租金', en: 'Rent' },
          { key: 'status', zh: '状态', en: 'Status' },
          { key: 'outstanding', zh: '欠款', en: 'Outstanding', kind: 'money' },
          { key: 'credit', zh: '预付', en: 'Credit', kind: 'money' },
        ],
        rows: rows.map(({ contract: c, dues: d }) => ({
          code: c.code,
          kind: c.kind,
          direction: c.direction,
          counterparty: c.counterparty,
          subject: c.subject,
          area: c.area === null ? '' : formatArea(c.area),
          term: termText(c),
          rent: termsText(c),
          status: contractStatus(c, asOf),
          outstanding: d.outstanding,
          credit: d.credit || null,
        })),
      },
    ],
  };
}

/** `contract show` (card: the terms, payments and accruals too) and `contract schedule` (the rent years). */
export function contractScheduleView(f: ContractFile, card: boolean): Output {
  const c = f.contract;
  const pays = f.payments;
  const sched = scheduleOf(f);
  const st = settle(sched, pays);
  const byYear = new Map(st.dues.map((d) => [d.year, d]));
  const rows = sched.map((r) => ({ r, s: byYear.get(r.year)! }));
  const total = sched.reduce((s, r) => s + r.amount, 0);
  const paid = pays.reduce((s, p) => s + p.amount, 0);
  const dueMonthDay = c.dueMonthDay ?? c.start.slice(5);
  const terms = {
    code: c.code,
    kind: c.kind,
    direction: c.direction,
    counterparty: c.counterparty,
    counterpartyId: c.counterpartyId,
    member: c.member,
    subject: c.subject,
    subjectKind: c.subjectKind,
    area: c.area === null ? null : formatArea(c.area),
    start: c.start,
    end: c.end,
    ...endJson(c),
    rentPerMu: c.rentPerMu === null ? null : fmt(c.rentPerMu),
    annualRent: c.annualRent === null ? null : fmt(c.annualRent),
    inKind: c.inKind ? { quantityPerMu: c.inKind.quantityPerMu.toString(), item: c.inKind.item, unit: c.inKind.unit } : null,
    escalation: c.escalation.toString(),
    escalateEveryYears: c.escalateEveryYears,
    dueMonthDay,
    deposit: fmt(c.deposit),
    account: c.account,
    pnlAccount: c.pnlAccount,
    project: c.project,
    purpose: c.purpose,
    note: c.note,
  };
  const json = {
    ...(card ? terms : { contract: c.code, direction: c.direction }),
    schedule: rows.map(({ r, s }) => ({
      year: r.year,
      periodStart: r.periodStart,
      periodEnd: r.periodEnd,
      dueDate: r.dueDate,
      amount: fmt(r.amount),
      priced: r.priced,
      unitPrice: r.unitPrice?.toString() ?? null,
      paid: fmt(s.paid),
      outstanding: fmt(s.outstanding),
    })),
    total: fmt(total),
    paid: fmt(paid),
    outstanding: fmt(Math.max(lifetimeOutstanding(sched, pays), 0)),
    credit: fmt(st.credit),
    ...(card
      ? {
          payments: pays.map((p) => ({ date: p.date, amount: fmt(p.amount), voucher: p.ref, ...(p.refund ? { refund: true } : {}) })),
          accruals: [...f.accruals.entries()].map(([year, amount]) => ({ year, amount: fmt(amount) })),
          ...(f.cancelledPayments?.length
            ? { cancelledPayments: f.cancelledPayments.map((p) => ({ date: p.date, amount: fmt(p.amount), voucher: p.ref, reason: p.reason, reversal: p.reversal })) }
            : {}),
        }
      : {}),
  };
  const head = card
    ? [
        `合同 ${c.code}：${c.kind}（${c.direction === '收' ? '集体收租' : '集体付租'}），对方 ${c.counterparty}${c.counterpartyId ? '（' + c.counterpartyId + '）' : ''}${c.member ? '，成员 ' + c.member : ''}`,
        `标的 ${c.subject}${c.area !== null ? '，面积 ' + formatArea(c.area) + ' 亩' : ''}，期限 ${termText(c)}，租金 ${termsText(c)}，收款日 ${dueMonthDay}` +
          (c.deposit ? `，风险保障金 ${formatFenGrouped(c.deposit)}` : ''),
        ...(c.endedEarly ? [`提前终止：${c.endedEarly.date}，原因：${c.endedEarly.reason}`] : []),
        `结算科目 ${c.account}，收支科目 ${c.pnlAccount}${c.project ? '，项目 ' + c.project : ''}`,
      ].join('\n')
    : `合同 ${c.code} 租金计划（${c.counterparty}，${termsText(c)}）`;
  const notes = [
    {
      zh: `租金合计 ${formatFenGrouped(total)}，已${c.direction === '收' ? '收' : '付'} ${formatFenGrouped(paid)}${st.credit ? `，其中超出全部租金的 ${formatFenGrouped(st.credit)} 作为预付余额挂账` : ''}`,
      en: `total rent ${formatFenGrouped(total)}, paid ${formatFenGrouped(paid)}${st.credit ? `, credit held ${formatFenGrouped(st.credit)}` : ''}`,
    },
  ];
  if (card && pays.length) {
    notes.push({
      zh: '收付款记录：' + pays.map((p) => `${p.date} ${p.refund ? '退款 ' : ''}${formatFenGrouped(p.amount)}（${p.ref}）`).join('；'),
      en: 'payments: ' + pays.map((p) => `${p.date} ${p.refund ? 'refund ' : ''}${formatFenGrouped(p.amount)} (${p.ref})`).join('; '),
    });
  }
  if (card && f.cancelledPayments?.length) {
    notes.push({
      zh: '已撤销的收付款：' + f.cancelledPayments.map((p) => `${p.date} ${p.amount < 0 ? '退款 ' : ''}${formatFenGrouped(p.amount)}（${p.ref}，${p.reason}；冲销凭证 ${p.reversal}）`).join('；'),
      en: 'payments cancelled: ' + f.cancelledPayments.map((p) => `${p.date} ${p.amount < 0 ? 'refund ' : ''}${formatFenGrouped(p.amount)} (${p.ref}, ${p.reason}; reversal ${p.reversal})`).join('; '),
    });
  }
  const title = {
    zh: head,
    en: `Contract ${c.code} (${c.kind}, ${c.direction}) ${c.counterparty}, ${c.start} … ${c.end}${c.endedEarly ? ` (ended early on ${c.endedEarly.date}: ${c.endedEarly.reason}; agreed end ${c.agreedEnd})` : ''}`,
  };
  return {
    title: card ? { zh: `合同 ${c.code}`, en: `Contract ${c.code}` } : { zh: `合同 ${c.code} 租金计划`, en: `Contract ${c.code}: rent schedule` },
    json,
    sections: [
      {
        title,
        columns: [
          { key: 'year', zh: '合同年', en: 'Year' },
          { key: 'period', zh: '租期', en: 'Period' },
          { key: 'dueDate', zh: '应付日', en: 'Due' },
          { key: 'amount', zh: '租金', en: 'Rent', kind: 'money' },
          { key: 'paid', zh: '已结清', en: 'Settled', kind: 'money' },
          { key: 'outstanding', zh: '未结清', en: 'Outstanding', kind: 'money' },
          { key: 'note', zh: '说明', en: 'Note' },
        ],
        rows: rows.map(({ r, s }) => ({
          year: `第${r.year + 1}年`,
          period: `${r.periodStart} 至 ${r.periodEnd}`,
          dueDate: r.dueDate,
          amount: r.amount,
          paid: s.paid,
          outstanding: s.outstanding,
          note: !r.priced
            ? `${priceYearOf(r)} 年实物单价未定（sanzi contract price ${c.code} --year ${priceYearOf(r)} --unit-price …）`
            : r.unitPrice
              ? `单价 ${r.unitPrice.toString()} 元/${c.inKind?.unit ?? ''}`
              : '',
        })),
        footer: [
          {
            year: '合计',
            amount: total,
            paid: rows.reduce((s, x) => s + x.s.paid, 0),
            outstanding: rows.reduce((s, x) => s + x.s.outstanding, 0),
            note: st.credit ? `预付余额 ${formatFenGrouped(st.credit)}` : '',
          },
        ],
        notes,
      },
    ],
  };
}

export function contractDuesView(asOf: IsoDate, rows: readonly ContractDues[]): Output {
  const { receivable: rec, payable: pay } = duesTotals(rows);
  const money = (t: DuesTotal) => ({ due: fmt(t.due), paid: fmt(t.paid), outstanding: fmt(t.outstanding) });
  return {
    title: { zh: '应收应付租金', en: 'Rent dues' },
    period: { zh: `截至 ${asOf}`, en: `as of ${asOf}` },
    json: {
      asOf,
      rows: rows.map((r) => ({
        contract: r.contract.code,
        counterparty: r.contract.counterparty,
        direction: r.contract.direction,
        due: fmt(r.due),
        paid: fmt(r.paid),
        outstanding: fmt(r.outstanding),
        overdueDays: r.overdueDays,
      })),
      totals: { receivable: money(rec), payable: money(pay) },
    },
    sections: [
      {
        title: { zh: `应收应付租金（截至 ${asOf}）`, en: `Rent dues as of ${asOf}` },
        columns: [
          { key: 'contract', zh: '合同编号', en: 'Contract', id: true },
          { key: 'counterparty', zh: '对方', en: 'Counterparty' },
          { key: 'direction', zh: '方向', en: 'Dir.' },
          { key: 'due', zh: '已到期', en: 'Due', kind: 'money' },
          { key: 'paid', zh: '已收付', en: 'Paid', kind: 'money' },
          { key: 'outstanding', zh: '未结清', en: 'Outstanding', kind: 'money' },
          { key: 'credit', zh: '预付', en: 'Paid ahead', kind: 'money' },
          { key: 'overdueDays', zh: '逾期天数', en: 'Days overdue', kind: 'int' },
        ],
        rows: rows.map((r) => ({
          contract: r.contract.code,
          counterparty: r.contract.counterparty,
          direction: r.contract.direction,
          due: r.due,
          paid: r.paid,
          outstanding: r.outstanding,
          credit: r.credit || null,
          overdueDays: r.overdueDays,
        })),
        footer: [
          { contract: '应收合计', direction: '收', due: rec.due, paid: rec.paid, outstanding: rec.outstanding },
          { contract: '应付合计', direction: '付', due: pay.due, paid: pay.paid, outstanding: pay.outstanding },
        ],
        notes: rows
          .filter((r) => r.unpriced.length)
          .map((r) => ({
            zh: `合同 ${r.contract.code} 的实物租金 ${r.unpriced.join('、')} 年尚未定价，未计入已到期（sanzi contract price ${r.contract.code} --year … --unit-price …）`,
            en: `contract ${r.contract.code}: in-kind rent of ${r.unpriced.join(', ')} not priced yet, not counted as due`,
          })),
      },
    ],
  };
}

export function contractAlertsView(a: ContractAlerts): Output {
  const rows = [
    ...a.overdue.map((r) => ({
      type: '逾期',
      contract: r.contract.code,
      counterparty: r.contract.counterparty,
      direction: r.contract.direction,
      detail: `${r.contract.direction === '收' ? '欠收' : '欠付'} ${formatFenGrouped(r.outstanding)}，最早应付日 ${r.oldestDue}，逾期 ${r.overdueDays} 天`,
    })),
    ...a.expiring.map(({ contract: c, daysLeft }) => ({
      type: c.endedEarly ? '即将终止' : '即将到期',
      contract: c.code,
      counterparty: c.counterparty,
      direction: c.direction,
      detail: `${c.end} ${c.endedEarly ? `提前终止（原定至 ${c.agreedEnd}）` : '到期'}（还有 ${daysLeft} 天），标的 ${c.subject}`,
    })),
    ...a.doubleLets.map((d) => ({
      type: '重复出租',
      contract: `${d.a} / ${d.b}`,
      counterparty: `${d.counterparties[0]} / ${d.counterparties[1]}`,
      direction: d.direction,
      detail: `标的 ${d.subject}${d.parcel ? `（同一地块代码 ${d.parcel}）` : ''} 在 ${d.from} 至 ${d.to} 重叠`,
    })),
    ...a.unpriced.map((r) => ({
      type: '未定价',
      contract: r.contract.code,
      counterparty: r.contract.counterparty,
      direction: r.contract.direction,
      detail: `实物租金 ${r.unpriced.join('、')} 年尚未定价`,
    })),
    ...a.statusMismatches.map((m) => ({
      type: '状态不符',
      contract: m.contracts.join(' / '),
      counterparty: '',
      direction: '',
      detail: m.contracts.length
        ? `资源 ${m.resource} 的使用状态是「${m.status}」，但合同 ${m.contracts.join('、')} 在用（sanzi resource status ${m.resource} --status ${m.expected} --date 日期）`
        : `资源 ${m.resource} 的使用状态是「${m.status}」，但当日没有在用的合同（合同未登记的用 sanzi contract add 登记；到期或终止后收回的：sanzi resource status ${m.resource} --status ${m.expected} --date 日期）`,
    })),
  ];
  return {
    title: { zh: '合同预警', en: 'Contract alerts' },
    period: { zh: `截至 ${a.asOf}，到期预警 ${a.days} 天`, en: `as of ${a.asOf}, expiring within ${a.days} days` },
    json: {
      asOf: a.asOf,
      days: a.days,
      overdue: a.overdue.map((r) => ({
        contract: r.contract.code,
        counterparty: r.contract.counterparty,
        direction: r.contract.direction,
        outstanding: fmt(r.outstanding),
        oldestDue: r.oldestDue,
        overdueDays: r.overdueDays,
      })),
      expiring: a.expiring.map(({ contract: c, daysLeft }) => ({ contract: c.code, counterparty: c.counterparty, direction: c.direction, subject: c.subject, end: c.end, ...(c.endedEarly ? endJson(c) : {}), daysLeft })),
      doubleLet: a.doubleLets.map((d) => ({ contracts: [d.a, d.b], subject: d.subject, parcelCode: d.parcel, from: d.from, to: d.to })),
      unpriced: a.unpriced.map((r) => ({ contract: r.contract.code, years: r.unpriced })),
      statusMismatches: a.statusMismatches,
    },
    sections: [
      {
        title: { zh: `合同预警（截至 ${a.asOf}，到期预警 ${a.days} 天）`, en: `Contract alerts as of ${a.asOf} (expiring within ${a.days} days)` },
        columns: [
          { key: 'type', zh: '类别', en: 'Alert' },
          { key: 'contract', zh: '合同编号', en: 'Contract', id: true },
          { key: 'counterparty', zh: '对方', en: 'Counterparty' },
          { key: 'direction', zh: '方向', en: 'Dir.' },
          { key: 'detail', zh: '说明', en: 'Detail' },
        ],
        rows,
        notes: rows.length ? [] : [{ zh: '没有预警', en: 'no alerts' }],
      },
    ],
  };
}
