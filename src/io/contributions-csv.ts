// The contributions CSV (出资明细): columns and row parsing. 数量/单位/单价/金额/说明 are optional
// columns; each kind needs only what its value rule uses.
import { withSource, type LedgerError, type Source } from '../domain/errors.js';
import { ContributionErrors } from '../domain/errors/contributions.js';
import { InputErrors } from '../domain/errors/input.js';
import { foldWidth, parseAmount, parseDecimal } from '../domain/money.js';
import { CONTRIBUTION_KIND_LABELS, parseKind, type ContributionDraft } from '../domain/contribution.js';
import type { ColumnSpec, CsvRow } from './csv-read.js';
import { rowHead } from './shares-csv.js';

export const CONTRIBUTION_COLUMNS: ColumnSpec[] = [
  { key: 'date', zh: '日期', required: true, kind: 'date' },
  { key: 'member', zh: '成员编号', aliases: ['编号'], required: true, kind: 'code', note: '已在成员名册中的成员编号' },
  { key: 'project', zh: '项目', aliases: ['项目编码'], required: true, kind: 'code', note: '项目编码；本集体的股份为 main' },
  { key: 'kind', zh: '类型', aliases: ['出资类型', '出资方式'], required: true, kind: 'choice', values: ['现金', '实物', '劳务', '土地'] },
  { key: 'item', zh: '品名', aliases: ['物品', '物料'], required: false, note: '实物出资的物品名称' },
  { key: 'quantity', zh: '数量', required: false, kind: 'number', note: '实物数量；劳务为工日数；土地为亩数（最多 4 位小数）' },
  { key: 'unit', zh: '单位', required: false, note: '数量的单位（劳务默认 工日，土地默认 亩）' },
  { key: 'unitPrice', zh: '单价', aliases: ['unit_price'], required: false, kind: 'number', note: '实物单价；劳务为日工价；土地为每亩作价' },
  { key: 'amount', zh: '金额', required: false, kind: 'amount', note: '现金出资必填；其他类型可不填（填写时须等于 数量 × 单价）' },
  { key: 'account', zh: '借方科目', aliases: ['科目', '科目编码'], required: false, kind: 'code', note: '不填时：现金 102、实物 121、劳务 153、土地 161' },
  { key: 'note', zh: '说明', aliases: ['备注'], required: false },
  { key: 'termYears', zh: '期限', aliases: ['期限（年）', '入股期限'], required: false, kind: 'int', note: '土地经营权入股的年限，按月摊销' },
];

/** A template's example row. */
export const CONTRIBUTION_EXAMPLE: Record<string, string>[] = [
  { date: '2024-03-01', member: 'X001', project: 'main', kind: '现金', amount: '1000.00', account: '101', note: '现金入股' },
];

/** Quantities (数量, 工日, 亩) and unit prices carry at most 4 decimals. */
export const QUANTITY_DECIMALS = 4;

const orNull = (s: string | undefined): string | null => (s === undefined || s.trim() === '' ? null : s.trim());

export function contributionDraft(
  raw: {
    date: string;
    member: string;
    project: string;
    kind: string;
    item?: string;
    quantity?: string;
    unit?: string;
    unitPrice?: string;
    amount?: string;
    account?: string;
    note?: string;
    termYears?: string;
  },
  source?: Source,
): { draft?: ContributionDraft; errors: LedgerError[] } {
  const errors: LedgerError[] = [];
  const { d, member, project } = rowHead(raw, source, errors);
  const kind = parseKind(raw.kind);
  if (!kind) {
    errors.push(withSource(ContributionErrors.CONTRIBUTION_KIND(raw.kind), source));
  }
  const num = (s: string | undefined, zh: string, en: string) => {
    if (s === undefined || s.trim() === '') return null;
    const r = parseDecimal(s, QUANTITY_DECIMALS);
    if (!r.ok) {
      errors.push(withSource(InputErrors.NUMBER(r.reason, r.reasonEn, { zh, en }), source));
      return null;
    }
    return r.value;
  };
  const quantity = num(raw.quantity, '数量', 'quantity');
  const unitPrice = num(raw.unitPrice, '单价', 'unit price');
  let amount: number | null = null;
  if (raw.amount !== undefined && raw.amount.trim() !== '') {
    const r = parseAmount(raw.amount, { allowNegative: true });
    if (!r.ok) errors.push(withSource(InputErrors.AMOUNT(r.reason, r.reasonEn, { zh: '金额', en: 'amount' }), source));
    else amount = r.value;
  }
  let termYears: number | null = null;
  const term = foldWidth(raw.termYears ?? '').trim().replace(/年$/, '');
  if (term !== '') {
    if (!/^\d{1,3}$/.test(term) || Number(term) === 0) errors.push(withSource(ContributionErrors.CONTRIBUTION_TERM(raw.termYears!.trim(), null), source));
    else termYears = Number(term);
  }
  if (kind === 'cash' && (quantity !== null || unitPrice !== null)) {
    errors.push(withSource(ContributionErrors.CONTRIBUTION_VALUE(CONTRIBUTION_KIND_LABELS.cash, '只填金额，不填数量和单价', 'an amount only, no quantity or unit price'), source));
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
      termYears,
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

/** The options of `sanzi contribute`: exactly one kind, and only the options that kind uses. */
export interface ContributeOptions {
  member: string;
  project: string;
  date: string;
  cash?: string;
  material?: string;
  quantity?: string;
  unit?: string;
  unitPrice?: string;
  amount?: string;
  labor?: string;
  wage?: string;
  land?: string;
  valuePerMu?: string;
  account?: string;
  note?: string;
  termYears?: string;
}

/**
 * `sanzi contribute` options as the fields of a contributions row (then read by contributionDraft),
 * or the usage error (exit 2): not exactly one kind, an option the kind does not use, or a missing
 * quantity or price.
 */
export function contributeFields(o: ContributeOptions): { raw: Parameters<typeof contributionDraft>[0] } | { error: LedgerError } {
  const kinds = (['cash', 'material', 'labor', 'land'] as const).filter((k) => o[k] !== undefined);
  if (kinds.length !== 1) return { error: ContributionErrors.CONTRIBUTE_USAGE({ oneKind: true }) };
  const kind = kinds[0];
  const NOT_FOR: Record<typeof kind, [string, keyof ContributeOptions][]> = {
    cash: [['--quantity', 'quantity'], ['--unit-price', 'unitPrice'], ['--wage', 'wage'], ['--value-per-mu', 'valuePerMu'], ['--amount', 'amount'], ['--term-years', 'termYears']],
    material: [['--wage', 'wage'], ['--value-per-mu', 'valuePerMu'], ['--term-years', 'termYears']],
    labor: [['--quantity', 'quantity'], ['--unit-price', 'unitPrice'], ['--value-per-mu', 'valuePerMu'], ['--amount', 'amount'], ['--term-years', 'termYears']],
    land: [['--quantity', 'quantity'], ['--unit-price', 'unitPrice'], ['--wage', 'wage'], ['--amount', 'amount']],
  };
  const stray = NOT_FOR[kind].filter(([, k]) => o[k] !== undefined).map(([name]) => name);
  if (stray.length) return { error: ContributionErrors.CONTRIBUTE_USAGE({ stray }) };
  const base = { date: o.date, member: o.member, project: o.project, account: o.account, note: o.note };
  switch (kind) {
    case 'cash':
      return { raw: { ...base, kind: 'cash', amount: o.cash } };
    case 'material':
      if (o.quantity === undefined || o.unitPrice === undefined) return { error: ContributionErrors.CONTRIBUTE_USAGE({ needs: 'material' }) };
      return { raw: { ...base, kind: 'material', item: o.material, quantity: o.quantity, unit: o.unit, unitPrice: o.unitPrice, amount: o.amount } };
    case 'labor':
      if (o.wage === undefined) return { error: ContributionErrors.CONTRIBUTE_USAGE({ needs: 'labor' }) };
      return { raw: { ...base, kind: 'labor', quantity: o.labor, unit: o.unit ?? '工日', unitPrice: o.wage } };
    case 'land':
      if (o.valuePerMu === undefined) return { error: ContributionErrors.CONTRIBUTE_USAGE({ needs: 'land' }) };
      return { raw: { ...base, kind: 'land', quantity: o.land, unit: o.unit ?? '亩', unitPrice: o.valuePerMu, termYears: o.termYears } };
  }
}
