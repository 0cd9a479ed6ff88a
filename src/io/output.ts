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
  /**
   * An identifier written as digits (ID card, member id, bank account number, account code): a
   * text cell in a spreadsheet, never a number, so that 19 digits stay exact and 001 keeps its zeros.
   */
  id?: boolean;
  /** The least width a printed column has, in characters: a column filled in by hand (a signature). */
  width?: number;
}

export type Cell = string | number | boolean | null | undefined;
export type Row = Record<string, Cell>;

export interface Section {
  title?: Text;
  columns: Column[];
  rows: Row[];
  /**
   * A big list (journal, ledger) hands its rows over one at a time instead: each call reads them
   * afresh, in order, and `rows` stays empty. CSV and xlsx write them as they come; the other
   * formats gather them first (sectionRows, materialize).
   */
  each?: () => Iterable<Row>;
  /** Rows shown after a separator (totals). */
  footer?: Row[];
  /** Footer rows known only once `each` has been read to its end (its totals); shown after `footer`. */
  tail?: () => Row[];
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
  /** A file another program reads (a bank's batch file): a workbook starts with the header row, no title rows. */
  plain?: boolean;
  /** The name of a workbook's first sheet (default: the title). */
  sheet?: Text;
  /** More sheets of a workbook after the first (a template's 说明); other formats leave them out. */
  sheets?: { name: Text; sections: Section[] }[];
}

export type Format = 'table' | 'csv' | 'json' | 'html' | 'xlsx';
/** The formats every Output can be written in. */
export const FORMATS: readonly Format[] = ['table', 'csv', 'json', 'html', 'xlsx'];

/** A section's rows, whether held or handed over one at a time. */
export function sectionRows(s: Section): Iterable<Row> {
  return s.each ? s.each() : s.rows;
}

/** A section's footer rows, read after its rows (a streamed list totals them as they pass). */
export function footerRows(s: Section): Row[] {
  const tail = s.tail?.() ?? [];
  return tail.length ? [...(s.footer ?? []), ...tail] : (s.footer ?? []);
}

/** The section with its streamed rows gathered into `rows` (for the formats that lay out a whole table). */
export function materializeSection(s: Section): Section {
  if (!s.each && !s.tail) return s;
  const rows = s.each ? Array.from(s.each()) : s.rows;
  const footer = footerRows(s);
  return { title: s.title, columns: s.columns, rows, footer: footer.length ? footer : undefined, notes: s.notes };
}

/**
 * The output with its table sections gathered (for table and HTML). Its other fields are carried
 * over as they are, unread: a big report's `json` may be a getter that reads the whole list.
 */
export function materialize(o: Output): Output {
  if (!o.sections.some((s) => s.each || s.tail)) return o;
  const out = Object.create(Object.getPrototypeOf(o)) as Output;
  Object.defineProperties(out, Object.getOwnPropertyDescriptors(o));
  Object.defineProperty(out, 'sections', { value: o.sections.map(materializeSection), enumerable: true, writable: true });
  return out;
}

/** Where and how the output goes: --format, --out, --encoding, --force. */
export interface OutputOpts {
  format?: string;
  out?: string;
  encoding?: string;
  force?: boolean;
}
