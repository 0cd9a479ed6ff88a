// `sanzi template KIND`: an import's header row and example rows, drawn from the same column table
// the import reads with (so a template never says other than what the import accepts), and, in a
// workbook, a sheet 说明 describing every column: required or optional, its format, the values
// allowed.
import type { Text } from '../../domain/errors.js';
import { parseAmount } from '../../domain/money.js';
import type { ColumnSpec, FieldKind } from '../csv-read.js';
import type { CellKind, Column, Output, Row } from '../output.js';

const FORMATS: Record<FieldKind, Text> = {
  text: { zh: '文字', en: 'text' },
  id: { zh: '号码（整列设置为文本格式，以免 Excel 把它变成 4.41827E+17）', en: 'a number kept as text (format the column as Text, or Excel turns it into 4.41827E+17)' },
  code: { zh: '编码（文字）', en: 'a code (text)' },
  amount: { zh: '金额，如 1234.50（最多两位小数；可写 1,234.50）', en: 'an amount such as 1234.50 (at most 2 decimals; 1,234.50 is fine)' },
  date: { zh: '日期，如 2024-03-05（也可写 2024/3/5、2024年3月5日，或 Excel 日期）', en: 'a date such as 2024-03-05 (or 2024/3/5, 2024年3月5日, or an Excel date)' },
  number: { zh: '数字（最多 4 位小数）', en: 'a number (at most 4 decimals)' },
  int: { zh: '整数', en: 'a whole number' },
  percent: { zh: '百分比，如 5 或 5%（都表示百分之五）', en: 'a percentage: 5 and 5% both mean five percent' },
  choice: { zh: '从可选值中选一个', en: 'one of the values allowed' },
  monthDay: { zh: '月-日，如 03-01', en: 'a month-day such as 03-01' },
  bool: { zh: '是 或 否', en: 'yes or no (是/否)' },
};

const CELL_KIND: Partial<Record<FieldKind, CellKind>> = { amount: 'money', int: 'int', number: 'number' };

/** The column of a template sheet for an import column: Chinese header, the canonical name in English. */
function templateColumn(c: ColumnSpec): Column {
  const kind = c.kind ?? 'text';
  return { key: c.key, zh: c.zh, en: c.key, kind: CELL_KIND[kind], id: kind === 'id' || kind === 'code' };
}

/** An example value as the column shows it: an amount in fen (a number cell in a workbook). */
function exampleCell(c: ColumnSpec, v: string | undefined): Row[string] {
  if (v === undefined || v === '') return null;
  if (c.kind === 'amount') {
    const r = parseAmount(v);
    return r.ok ? r.value : v;
  }
  if (c.kind === 'int' && /^\d+$/.test(v)) return Number(v);
  return v;
}

const DESCRIPTION_COLUMNS: Column[] = [
  { key: 'name', zh: '列名', en: 'Column' },
  { key: 'key', zh: '英文列名', en: 'English name' },
  { key: 'required', zh: '必填', en: 'Required' },
  { key: 'format', zh: '格式', en: 'Format' },
  { key: 'values', zh: '可选值', en: 'Values allowed' },
  { key: 'aliases', zh: '也可写作', en: 'Also accepted' },
  { key: 'note', zh: '说明', en: 'Notes' },
];

export interface TemplateKind {
  kind: string;
  describe: string;
  columns: readonly ColumnSpec[];
  example: readonly Record<string, string>[];
}

export function templateView(t: TemplateKind): Output {
  const columns = t.columns.map(templateColumn);
  const rows = t.example.map((e) => Object.fromEntries(t.columns.map((c) => [c.key, exampleCell(c, e[c.key])])) as Row);
  const describe = t.columns.map((c) => ({
    name: c.zh,
    key: c.key,
    required: c.required ? '必填' : '可选',
    format: FORMATS[c.kind ?? 'text'].zh,
    values: (c.values ?? []).join('、'),
    aliases: (c.aliases ?? []).join('、'),
    note: c.note ?? '',
  }));
  return {
    sheet: { zh: t.describe.replace(/（.*$/, ''), en: t.kind },
    json: {
      kind: t.kind,
      columns: t.columns.map((c) => ({ key: c.key, name: c.zh, required: c.required, format: c.kind ?? 'text', values: c.values ?? [], aliases: c.aliases ?? [] })),
      example: t.example,
    },
    sections: [{ columns, rows }],
    sheets: [{ name: { zh: '说明', en: 'Columns' }, sections: [{ columns: DESCRIPTION_COLUMNS, rows: describe }] }],
  };
}
