// Members: the roster (成员名册) and one member's file (成员详情).
import type { Lang } from '../../domain/errors.js';
import { maskIdCard } from '../../domain/idcard.js';
import { formatFen, formatFenGrouped, type Fen } from '../../domain/money.js';
import { STATUS_EN, type Member, type MemberStatus } from '../../domain/members.js';
import { compareClasses, formatUnits, type ProjectTerms } from '../../domain/shares.js';
import { CONTRIBUTION_KIND_LABELS, type ContributionKind } from '../../domain/contribution.js';
import { voucherRef } from '../../domain/voucher.js';
import type { Column, Output, Section } from '../output.js';
import { classesJson } from './shares.js';

const statusText = (s: MemberStatus, lang: Lang): string => (lang === 'en' ? STATUS_EN[s] : s);

const ROSTER_COLUMNS: Column[] = [
  { key: 'id', zh: '成员编号', en: 'ID', id: true },
  { key: 'name', zh: '姓名', en: 'Name' },
  { key: 'idCard', zh: '身份证号', en: 'ID card', id: true },
  { key: 'household', zh: '户号', en: 'Household', id: true },
  { key: 'relation', zh: '与户主关系', en: 'Relation' },
  { key: 'joined', zh: '加入日期', en: 'Joined' },
  { key: 'status', zh: '状态', en: 'Status' },
  { key: 'statusDate', zh: '状态日期', en: 'Status date' },
];

/** 成员名册: ID card numbers masked everywhere (first 6 and last 4 characters). */
export function memberListView(members: readonly Member[], lang: Lang): Output {
  const rows = members.map((m) => ({ ...m, idCard: maskIdCard(m.idCard) }));
  const shown = rows.map((m) => ({ ...m, status: statusText(m.status, lang) }));
  return {
    title: { zh: '成员名册', en: 'Members' },
    json: {
      members: rows.map((m) => ({
        id: m.id,
        name: m.name,
        idCard: m.idCard,
        household: m.household,
        status: m.status,
        relation: m.relation,
        joined: m.joined,
        statusDate: m.statusDate,
      })),
    },
    sections: [{ columns: ROSTER_COLUMNS, rows: shown, notes: [{ zh: `共 ${rows.length} 人`, en: `${rows.length} members` }] }],
    csv: [{ columns: [...ROSTER_COLUMNS, { key: 'bank', zh: '开户银行', en: 'Bank' }], rows: shown }],
  };
}

/** Everything `member show` tells about one member on a date. */
export interface MemberFile {
  member: Member;
  asOf: string;
  history: { date: string; status: MemberStatus; previous: MemberStatus; note: string | null }[];
  holdings: { project: ProjectTerms; units: number; value: Fen; byClass: Map<string, number> }[];
  contributions: { id: number; project: string; date: string; kind: ContributionKind; amount: Fen; units: number; voucherPeriod: string; voucherNumber: number }[];
  transfers: { project: string; date: string; from: string; to: string; units: number; reason: string }[];
  /** The member's balance on 113 内部往来: debit (the member owes) positive. */
  balance113: Fen;
}


function fileJson(f: MemberFile): unknown {
  const m = f.member;
  return {
    id: m.id,
    name: m.name,
    idCard: m.idCard,
    household: m.household,
    relation: m.relation,
    joined: m.joined,
    status: m.status,
    statusDate: m.statusDate,
    bank: m.bank,
    bankAccount: m.bankAccount,
    asOf: f.asOf,
    statusHistory: f.history.map((e) => ({ date: e.date, status: e.status, previous: e.previous, note: e.note })),
    holdings: f.holdings.map((h) => ({
      project: h.project.code,
      projectName: h.project.name,
      shares: formatUnits(h.units),
      value: formatFen(h.value),
      classes: classesJson(h.byClass),
    })),
    contributions: f.contributions.map((c) => ({
      id: c.id,
      project: c.project,
      date: c.date,
      kind: c.kind,
      value: formatFen(c.amount),
      shares: formatUnits(c.units),
      voucher: voucherRef(c.voucherPeriod, c.voucherNumber),
    })),
    transfers: f.transfers.map((t) => ({ project: t.project, date: t.date, from: t.from, to: t.to, shares: formatUnits(t.units), reason: t.reason })),
    balance113: formatFen(f.balance113),
  };
}

function balanceText(b: Fen, en: boolean): string {
  const side = b > 0 ? (en ? 'Dr (owes the collective)' : '借（欠集体）') : b < 0 ? (en ? 'Cr (owed by the collective)' : '贷（集体欠）') : '';
  return `${formatFenGrouped(Math.abs(b))} ${side}`.trim();
}

/** 成员详情: the full ID card number, holdings per project, contributions, transfers and status changes, the 113 balance. */
export function memberView(f: MemberFile, lang: Lang): Output {
  const m = f.member;
  const en = lang === 'en';
  const sections: Section[] = [
    {
      title: { zh: `成员 ${m.id} ${m.name}`, en: `Member ${m.id} ${m.name}` },
      columns: [
        { key: 'k', zh: '项目', en: 'Field' },
        { key: 'v', zh: '内容', en: 'Value' },
      ],
      rows: [
        { k: en ? 'ID card' : '身份证号', v: m.idCard },
        { k: en ? 'Household' : '户号', v: m.household },
        { k: en ? 'Relation' : '与户主关系', v: m.relation },
        { k: en ? 'Joined' : '加入日期', v: m.joined },
        { k: en ? 'Status' : '状态', v: statusText(m.status, lang) + (m.statusDate ? ` (${m.statusDate})` : '') },
        { k: en ? 'Bank' : '开户银行', v: [m.bank, m.bankAccount].filter(Boolean).join(' ') },
        { k: en ? `113 balance at ${f.asOf}` : `内部往来(113)余额 ${f.asOf}`, v: balanceText(f.balance113, en) },
      ],
    },
    {
      title: { zh: `持股（截至 ${f.asOf}）`, en: `Holdings at ${f.asOf}` },
      columns: [
        { key: 'project', zh: '项目', en: 'Project', id: true },
        { key: 'classes', zh: '股种', en: 'Classes' },
        { key: 'shares', zh: '股数', en: 'Shares', kind: 'number' },
        { key: 'value', zh: '股金', en: 'Value', kind: 'money' },
      ],
      rows: f.holdings.map((h) => ({
        project: `${h.project.code} ${h.project.name}`,
        classes: [...h.byClass]
          .sort(([a], [b]) => compareClasses(a, b))
          .map(([k, u]) => `${k} ${formatUnits(u)}`)
          .join('，'),
        shares: formatUnits(h.units),
        value: h.value,
      })),
    },
  ];
  if (f.contributions.length) {
    sections.push({
      title: { zh: '出资记录', en: 'Contributions' },
      columns: [
        { key: 'date', zh: '日期', en: 'Date' },
        { key: 'project', zh: '项目', en: 'Project', id: true },
        { key: 'kind', zh: '类型', en: 'Kind' },
        { key: 'value', zh: '价值', en: 'Value', kind: 'money' },
        { key: 'shares', zh: '股数', en: 'Shares', kind: 'number' },
        { key: 'voucher', zh: '凭证', en: 'Voucher' },
      ],
      rows: f.contributions.map((c) => ({
        date: c.date,
        project: c.project,
        kind: CONTRIBUTION_KIND_LABELS[c.kind][lang],
        value: c.amount,
        shares: formatUnits(c.units),
        voucher: voucherRef(c.voucherPeriod, c.voucherNumber),
      })),
    });
  }
  if (f.transfers.length || f.history.length) {
    const events = [
      ...f.transfers.map((t) => ({
        date: t.date,
        what: en
          ? `${t.project}: ${formatUnits(t.units)} shares ${t.from} → ${t.to} (${t.reason})`
          : `${t.project}：${t.from} → ${t.to} ${formatUnits(t.units)} 股（${t.reason}）`,
      })),
      ...f.history.map((e) => ({
        date: e.date,
        what: en ? `status ${STATUS_EN[e.previous]} → ${STATUS_EN[e.status]}` : `状态 ${e.previous} → ${e.status}${e.note ? '：' + e.note : ''}`,
      })),
    ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    sections.push({
      title: { zh: '股份转让与状态变更', en: 'Transfers and status changes' },
      columns: [
        { key: 'date', zh: '日期', en: 'Date' },
        { key: 'what', zh: '事项', en: 'Event' },
      ],
      rows: events,
    });
  }
  return { title: { zh: '成员详情', en: 'Member' }, json: fileJson(f), sections };
}
