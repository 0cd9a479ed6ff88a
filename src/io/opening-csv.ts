// The opening balances CSV (期初余额): columns and row parsing.
import { withSource, type LedgerError } from '../domain/errors.js';
import { InputErrors } from '../domain/errors/input.js';
import { parseAmount } from '../domain/money.js';
import type { OpeningRow } from '../domain/opening.js';
import type { ColumnSpec, CsvRow } from './csv-read.js';

export const OPENING_COLUMNS: ColumnSpec[] = [
  { key: 'account', zh: '科目编码', aliases: ['科目代码', '科目'], required: true, kind: 'code', note: '末级科目的编码' },
  { key: 'accountName', zh: '科目名称', required: false },
  { key: 'debit', zh: '借方余额', aliases: ['借方', '借方金额'], required: true, kind: 'amount', note: '借方、贷方余额每行只填一边' },
  { key: 'credit', zh: '贷方余额', aliases: ['贷方', '贷方金额'], required: true, kind: 'amount' },
  { key: 'member', zh: '成员编号', aliases: ['往来户'], required: false, kind: 'code', note: '成员往来（如 113 内部往来）按成员填写' },
  { key: 'project', zh: '项目', aliases: ['项目编码'], required: false, kind: 'code' },
  { key: 'party', zh: '往来单位', aliases: ['对方单位', 'counterparty'], required: false },
];

/** A template's example: two balances that agree (Σ debit = Σ credit). */
export const OPENING_EXAMPLE: Record<string, string>[] = [
  { account: '101', accountName: '库存现金', debit: '1200.00', credit: '' },
  { account: '301', accountName: '资本', debit: '', credit: '1200.00' },
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
