// The shares CSV: grants of shares that no contribution bought (折股量化, e.g. 人口股).
import { withSource, type LedgerError, type Source } from '../domain/errors.js';
import { InputErrors } from '../domain/errors/input.js';
import { MemberErrors } from '../domain/errors/members.js';
import { ShareErrors } from '../domain/errors/shares.js';
import { parseDate } from '../domain/dates.js';
import { parseShares, type GrantDraft } from '../domain/shares.js';
import type { ColumnSpec, CsvRow } from './csv-read.js';

export const SHARE_COLUMNS: ColumnSpec[] = [
  { key: 'date', zh: '日期', required: true, kind: 'date' },
  { key: 'member', zh: '成员编号', aliases: ['编号'], required: true, kind: 'code', note: '已在成员名册中的成员编号' },
  { key: 'project', zh: '项目', aliases: ['项目编码'], required: true, kind: 'code', note: '项目编码；本集体的股份为 main' },
  { key: 'class', zh: '股种', aliases: ['股份类别', 'shareClass'], required: true, note: '如 人口股、劳龄股' },
  { key: 'shares', zh: '股数', required: true, kind: 'number', note: '最多 4 位小数' },
  { key: 'note', zh: '说明', aliases: ['备注'], required: false },
];

/** A template's example row. */
export const SHARE_EXAMPLE: Record<string, string>[] = [{ date: '2024-01-01', member: 'X001', project: 'main', class: '人口股', shares: '1', note: '按人口配股' }];

export type { GrantDraft } from '../domain/shares.js';

/** The date, member and project every share or contribution row starts with; problems go to `errors`. */
export function rowHead(
  raw: { date: string; member: string; project: string },
  source: Source | undefined,
  errors: LedgerError[],
): { d: ReturnType<typeof parseDate>; member: string; project: string } {
  const d = parseDate(raw.date);
  if (!d.ok) errors.push(withSource(InputErrors.DATE(d.reason, d.reasonEn), source));
  const member = raw.member.trim();
  if (member === '') errors.push(withSource(MemberErrors.MEMBER_ID(''), source));
  const project = raw.project.trim();
  if (project === '') errors.push(withSource(ShareErrors.PROJECT_EMPTY(), source));
  return { d, member, project };
}

export function grantDraft(
  raw: { date: string; member: string; project: string; class: string; shares: string; note?: string },
  source?: Source,
): { draft?: GrantDraft; errors: LedgerError[] } {
  const errors: LedgerError[] = [];
  const { d, member, project } = rowHead(raw, source, errors);
  const shareClass = raw.class.trim();
  if (shareClass === '') errors.push(withSource(ShareErrors.SHARE_CLASS(), source));
  const s = parseShares(raw.shares);
  if (!s.ok) errors.push(withSource(ShareErrors.SHARES(s.reason, s.reasonEn), source));
  if (errors.length || !d.ok || !s.ok) return { errors };
  const note = (raw.note ?? '').trim();
  return { draft: { date: d.value, member, project, shareClass, units: s.value, note: note === '' ? null : note, source }, errors };
}

export function grantRow(row: CsvRow, file: string): { draft?: GrantDraft; errors: LedgerError[] } {
  return grantDraft(
    { date: row.get('date'), member: row.get('member'), project: row.get('project'), class: row.get('class'), shares: row.get('shares'), note: row.get('note') },
    { file, line: row.line },
  );
}
