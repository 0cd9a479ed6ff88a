// The members CSV (成员名册): columns and row parsing.
import { withSource, type LedgerError } from '../domain/errors.js';
import { InputErrors } from '../domain/errors/input.js';
import { MemberErrors } from '../domain/errors/members.js';
import { parseDate } from '../domain/dates.js';
import { normalizeIdCard, parseStatus, type MemberDraft } from '../domain/members.js';
import type { ColumnSpec, CsvRow } from './csv-read.js';

export const MEMBER_COLUMNS: ColumnSpec[] = [
  { key: 'id', zh: '成员编号', aliases: ['编号', 'member'], required: true, kind: 'code', note: '每人一个，不可重复（如 X001）' },
  { key: 'name', zh: '姓名', required: true },
  { key: 'idCard', zh: '身份证号', aliases: ['身份证号码', '居民身份证号码', 'id_card'], required: false, kind: 'id', note: '18 位居民身份证号，校验位会核对；整列请设置为文本格式' },
  { key: 'household', zh: '户号', aliases: ['户编号'], required: false, kind: 'code', note: '同一户的成员写同一个户号' },
  { key: 'relation', zh: '与户主关系', aliases: ['关系'], required: false, note: '如 户主、配偶、子女' },
  { key: 'joined', zh: '加入日期', aliases: ['入社日期'], required: false, kind: 'date' },
  { key: 'status', zh: '状态', aliases: ['成员状态'], required: false, kind: 'choice', values: ['正常', '已故', '迁出', '退出'], note: '不填为 正常' },
  { key: 'statusDate', zh: '状态日期', aliases: ['状态变更日期'], required: false, kind: 'date', note: '状态不是 正常 时，状态变化的日期' },
  { key: 'bank', zh: '开户银行', aliases: ['开户行'], required: false, note: '代发分红用' },
  { key: 'bankAccount', zh: '银行账号', aliases: ['账号'], required: false, kind: 'id', note: '代发分红用；整列请设置为文本格式，否则 Excel 会把长账号变成 6.22848E+18' },
];

/** A template's example row. */
export const MEMBER_EXAMPLE: Record<string, string>[] = [
  { id: 'X001', name: '张三', idCard: '11010519491231002X', household: 'H01', relation: '户主', joined: '2016-01-01', status: '正常', bank: '农商银行', bankAccount: '6228480012345678901' },
];

const orNull = (s: string): string | null => (s.trim() === '' ? null : s.trim());

/** Everything a members row or `member add` can say, checked on its own (not against the ledger). */
export function memberDraft(
  raw: { id: string; name: string; idCard?: string; household?: string; relation?: string; joined?: string; status?: string; statusDate?: string; bank?: string; bankAccount?: string },
  source?: { file?: string; line?: number },
): { draft: MemberDraft; errors: LedgerError[] } {
  const errors: LedgerError[] = [];
  let idCard: string | null = null;
  if (raw.idCard && raw.idCard.trim() !== '') {
    const r = normalizeIdCard(raw.idCard, source);
    if ('error' in r) errors.push(r.error);
    else idCard = r.value;
  }
  let joined: string | null = null;
  if (raw.joined && raw.joined.trim() !== '') {
    const d = parseDate(raw.joined);
    if (!d.ok) errors.push(withSource(InputErrors.DATE(d.reason, d.reasonEn, { zh: '加入日期', en: 'joined' }), source));
    else joined = d.value;
  }
  let status: MemberDraft['status'] = '正常';
  if (raw.status && raw.status.trim() !== '') {
    const s = parseStatus(raw.status);
    if (!s) {
      errors.push(withSource(MemberErrors.MEMBER_STATUS(raw.status), source));
    } else status = s;
  }
  let statusDate: string | null = null;
  if (raw.statusDate && raw.statusDate.trim() !== '') {
    const d = parseDate(raw.statusDate);
    if (!d.ok) errors.push(withSource(InputErrors.DATE(d.reason, d.reasonEn, { zh: '状态日期', en: 'status date' }), source));
    else statusDate = d.value;
  }
  return {
    draft: {
      id: raw.id.trim(),
      name: raw.name.trim(),
      idCard,
      household: orNull(raw.household ?? ''),
      relation: orNull(raw.relation ?? ''),
      joined,
      status,
      statusDate,
      bank: orNull(raw.bank ?? ''),
      bankAccount: orNull(raw.bankAccount ?? ''),
      source,
    },
    errors,
  };
}

export function memberRow(row: CsvRow, file: string): { draft: MemberDraft; errors: LedgerError[] } {
  const raw: Record<string, string> = {};
  for (const c of MEMBER_COLUMNS) raw[c.key] = row.get(c.key);
  return memberDraft(raw as { id: string; name: string }, { file, line: row.line });
}
