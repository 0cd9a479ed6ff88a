// What a report or list hands to emit(): its JSON, and one or more table sections that table, CSV,
// HTML and xlsx are drawn from. Views (src/io/views) build these from plain data; they never print.
import type { Text } from '../domain/errors.js';

/** side: 借/贷/平, shown as Dr/Cr/Even in English. */
export type CellKind = 'text' | 'money' | 'number' | 'int' | 'side';

export interface Column {
  key: string;
  zh: string;
  en: string;
  kind?: CellKind;
}

export type Cell = string | number | boolean | null | undefined;
export type Row = Record<string, Cell>;

export interface Section {
  title?: Text;
  columns: Column[];
  rows: Row[];
  /** Rows shown after a separator (totals). */
  footer?: Row[];
  /** Lines printed under the table. */
  notes?: Text[];
}

export interface Output {
  /** The report's name (科目余额表…), for printed and spreadsheet headings. */
  title?: Text;
  /** The period or date it covers, as printed under the title. */
  period?: Text;
  json: unknown;
  sections: Section[];
  /** Different sections for CSV when a file must re-import (column names of an import). */
  csv?: Section[];
  /** The collective's name, printed above the title (else the one emit is given). */
  entity?: string;
  /**
   * A ready printable page (self-contained HTML, in the language the view was built for) that a
   * view lays out itself (books, forms, voucher slips, notices; see src/io/html.ts). Without one,
   * --format html prints the sections through the one print stylesheet.
   */
  html?: string;
}

/** @deprecated the shape before views: one table, and a CSV table when it differs. Use Output. */
export interface LegacyOutput {
  json: unknown;
  table: Section;
  csv?: Section;
}

/** @deprecated until every command builds an Output. */
export function normalizeOutput(o: Output | LegacyOutput): Output {
  if ('sections' in o) return o;
  return { json: o.json, sections: [o.table], csv: o.csv ? [o.csv] : undefined };
}

/** @deprecated name of Section. */
export type TableView = Section;

export type Format = 'table' | 'csv' | 'json' | 'html';
/** The formats every Output can be written in. */
export const FORMATS: readonly Format[] = ['table', 'csv', 'json', 'html'];

/** Where and how the output goes: --format, --out, --encoding, --force. */
export interface OutputOpts {
  format?: string;
  out?: string;
  encoding?: string;
  force?: boolean;
}
