// The opening balances CSV (期初余额): columns and row parsing.
import { withSource, type LedgerError } from '../domain/errors.js';
import { InputErrors } from '../domain/errors/input.js';
import { parseAmount } from '../domain/money.js';
import type { OpeningRow } from '../domain/opening.js';
import type { ColumnSpec, CsvRow } from './csv-read.js';

export const OPENING_COLUMNS: ColumnSpec[] = [
  { key: 'account', zh: '科目编码', aliases: ['科目代码', '科目'], required: true },
  { key: 'accountName', zh: '科目名称', required: false },
  { key: 'debit', zh: '借方余额', aliases: ['借方', '借方金额'], required: true },
  { key: 'credit', zh: '贷方余额', aliases: ['贷方', '贷方金额'], required: true },
  { key: 'member', zh: '成员编号', aliases: ['往来户'], required: false },
  { key: 'project', zh: '项目', aliases: ['项目编码'], required: false },
  { key: 'party', zh: '往来单位', aliases: ['对方单位', 'counterparty'], required: false },
];

const orNull = (s: string): string | null => (s.trim() === '' ? null : s.trim());

export function openingRow(row: CsvRow, file: string): { row?: OpeningRow; errors: LedgerError[] } {
  const source = { file, line: row.line };
  const errors: LedgerError[] = [];
  const amount = (key: string, zh: string, en: string): number => {
    const raw = row.get(key);
    if (raw.trim() === '') return 0;
    const r = parseAmount(raw, { allowNegative: true });
    if (!r.ok) {
      errors.push(withSource(InputErrors.AMOUNT(r.reason, r.reasonEn, { zh, en }), source));
      return 0;
    }
    return r.value;
  };
  const debit = amount('debit', '借方余额', 'debit');
  const credit = amount('credit', '贷方余额', 'credit');
  if (errors.length) return { errors };
  return {
    row: {
      account: row.get('account').trim(),
      accountName: orNull(row.get('accountName')),
      debit,
      credit,
      member: orNull(row.get('member')),
      project: orNull(row.get('project')),
      party: orNull(row.get('party')),
      source,
    },
    errors,
  };
}
