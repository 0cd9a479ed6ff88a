// The contributions CSV (出资明细): columns and row parsing. 数量/单位/单价/金额/说明 are optional
// columns; each kind needs only what its value rule uses.
import { ledgerError, type LedgerError, type Source } from '../domain/errors.js';
import { parseAmount, parseDecimal } from '../domain/money.js';
import { parseKind } from '../domain/shares.js';
import type { ContributionDraft } from '../domain/contribution.js';
import type { ColumnSpec, CsvRow } from './csv-read.js';
import { rowHead } from './shares-csv.js';

export const CONTRIBUTION_COLUMNS: ColumnSpec[] = [
  { key: 'date', zh: '日期', required: true },
  { key: 'member', zh: '成员编号', aliases: ['编号'], required: true },
  { key: 'project', zh: '项目', aliases: ['项目编码'], required: true },
  { key: 'kind', zh: '类型', aliases: ['出资类型', '出资方式'], required: true },
  { key: 'item', zh: '品名', aliases: ['物品', '物料'], required: false },
  { key: 'quantity', zh: '数量', required: false },
  { key: 'unit', zh: '单位', required: false },
  { key: 'unitPrice', zh: '单价', aliases: ['unit_price'], required: false },
  { key: 'amount', zh: '金额', required: false },
  { key: 'account', zh: '借方科目', aliases: ['科目', '科目编码'], required: false },
  { key: 'note', zh: '说明', aliases: ['备注'], required: false },
];

/** Quantities (数量, 工日, 亩) and unit prices carry at most 4 decimals. */
export const QUANTITY_DECIMALS = 4;

const orNull = (s: string | undefined): string | null => (s === undefined || s.trim() === '' ? null : s.trim());

export function contributionDraft(
  raw: { date: string; member: string; project: string; kind: string; item?: string; quantity?: string; unit?: string; unitPrice?: string; amount?: string; account?: string; note?: string },
  source?: Source,
): { draft?: ContributionDraft; errors: LedgerError[] } {
  const errors: LedgerError[] = [];
  const { d, member, project } = rowHead(raw, source, errors);
  const kind = parseKind(raw.kind);
  if (!kind) {
    errors.push(
      ledgerError('CONTRIBUTION_KIND', `出资类型「${raw.kind}」不正确，应为 现金、实物、劳务 或 土地`, `contribution kind "${raw.kind}" must be cash, material, labor or land`, source),
    );
  }
  const num = (s: string | undefined, zh: string, en: string) => {
    if (s === undefined || s.trim() === '') return null;
    const r = parseDecimal(s, QUANTITY_DECIMALS);
    if (!r.ok) {
      errors.push(ledgerError('NUMBER', `${zh}：${r.reason}`, `${en}: ${r.reasonEn}`, source));
      return null;
    }
    return r.value;
  };
  const quantity = num(raw.quantity, '数量', 'quantity');
  const unitPrice = num(raw.unitPrice, '单价', 'unit price');
  let amount: number | null = null;
  if (raw.amount !== undefined && raw.amount.trim() !== '') {
    const r = parseAmount(raw.amount, { allowNegative: true });
    if (!r.ok) errors.push(ledgerError('AMOUNT', `金额：${r.reason}`, `amount: ${r.reasonEn}`, source));
    else amount = r.value;
  }
  if (kind === 'cash' && (quantity !== null || unitPrice !== null)) {
    errors.push(ledgerError('CONTRIBUTION_VALUE', '现金出资只填金额，不填数量和单价', 'a cash contribution takes an amount only, no quantity or unit price', source));
  }
  if (errors.length || !d.ok || !kind) return { errors };
  return {
    draft: {
      date: d.value,
      member,
      project,
      kind,
      item: orNull(raw.item),
      quantity,
      unit: orNull(raw.unit) ?? (kind === 'labor' ? '工日' : kind === 'land' ? '亩' : null),
      unitPrice,
      amount,
      account: orNull(raw.account),
      note: orNull(raw.note),
      source,
    },
    errors,
  };
}

export function contributionRow(row: CsvRow, file: string): { draft?: ContributionDraft; errors: LedgerError[] } {
  const raw: Record<string, string> = {};
  for (const c of CONTRIBUTION_COLUMNS) raw[c.key] = row.get(c.key);
  return contributionDraft(raw as { date: string; member: string; project: string; kind: string }, { file, line: row.line });
}
