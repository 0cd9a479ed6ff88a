// One renderer for every report and list: table (aligned Chinese columns), CSV (BOM, GBK, no
// formulas) and JSON (camelCase keys, money as strings).
import Table from 'cli-table3';
import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import { formatFen, formatFenGrouped, type Fen } from '../domain/money.js';
import type { Lang } from '../domain/errors.js';

/** side: 借/贷/平, shown as Dr/Cr/Even in English. */
export type CellKind = 'text' | 'money' | 'number' | 'int' | 'side';

const SIDE_EN: Record<string, string> = { 借: 'Dr', 贷: 'Cr', 平: 'Even' };

export interface Column {
  key: string;
  zh: string;
  en: string;
  kind?: CellKind;
}

export type Cell = string | number | null | undefined;
export type Row = Record<string, Cell>;

export interface TableView {
  title?: { zh: string; en: string };
  columns: Column[];
  rows: Row[];
  /** Rows shown after a separator (totals). */
  footer?: Row[];
  /** Lines printed under the table in the table view. */
  notes?: { zh: string; en: string }[];
}

export interface Output {
  json: unknown;
  table: TableView;
  /** A different table for CSV, when the CSV should differ from the screen (default: the table). */
  csv?: TableView;
}

export type Format = 'table' | 'csv' | 'json';

function cellText(c: Column, v: Cell, grouped: boolean, lang: Lang): string {
  if (v === null || v === undefined) return '';
  if (c.kind === 'side') return lang === 'en' ? (SIDE_EN[String(v)] ?? String(v)) : String(v);
  if (c.kind === 'money' && typeof v === 'number') return grouped ? formatFenGrouped(v as Fen) : formatFen(v as Fen);
  return String(v);
}

export function renderTable(t: TableView, lang: Lang): string {
  const head = t.columns.map((c) => (lang === 'en' ? c.en : c.zh));
  const table = new Table({
    head,
    style: { head: [], border: [], compact: true },
    colAligns: t.columns.map((c) => (c.kind && c.kind !== 'text' && c.kind !== 'side' ? 'right' : 'left')),
    wordWrap: false,
  });
  for (const r of t.rows) table.push(t.columns.map((c) => cellText(c, r[c.key], true, lang)));
  for (const r of t.footer ?? []) table.push(t.columns.map((c) => cellText(c, r[c.key], true, lang)));
  let out = '';
  if (t.title) out += (lang === 'en' ? t.title.en : t.title.zh) + '\n';
  out += table.toString() + '\n';
  for (const n of t.notes ?? []) out += (lang === 'en' ? n.en : n.zh) + '\n';
  return out;
}

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** A text cell a spreadsheet would run as a formula gets a leading apostrophe; plain numbers stay. */
export function neutralizeCell(s: string): string {
  if (s === '' || PLAIN_NUMBER.test(s)) return s;
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

export function renderCsvText(t: TableView, lang: Lang): string {
  const head = t.columns.map((c) => neutralizeCell(lang === 'en' ? c.en : c.zh));
  const rows = [...t.rows, ...(t.footer ?? [])].map((r) => t.columns.map((c) => neutralizeCell(cellText(c, r[c.key], false, lang))));
  return stringify([head, ...rows], { record_delimiter: 'windows' });
}

export function encodeCsv(text: string, encoding: 'utf8' | 'gbk'): Buffer {
  if (encoding === 'gbk') return iconv.encode(text, 'gb18030');
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

export function renderJson(v: unknown): string {
  return JSON.stringify(v, null, 2) + '\n';
}

/** Render an output in the chosen format, as bytes. */
export function renderOutput(o: Output, format: Format, lang: Lang, encoding: 'utf8' | 'gbk' = 'utf8'): Buffer {
  switch (format) {
    case 'json':
      return Buffer.from(renderJson(o.json), 'utf8');
    case 'csv':
      return encodeCsv(renderCsvText(o.csv ?? o.table, lang), encoding);
    default:
      return Buffer.from(renderTable(o.table, lang), 'utf8');
  }
}
