// An Output as an Excel workbook (.xlsx) that looks like the paper form: a title row (the report,
// the collective's name, the period), the header row frozen and repeated on every printed page,
// columns wide enough for Chinese text, totals in bold, A4 (landscape when wide). Money cells are
// numbers with a two-decimal number format, identifiers (ID cards, member ids, bank accounts,
// account codes) are text cells, and no cell is ever a formula: a text starting with `=` is a
// string cell. Rows are written and flushed one at a time (exceljs's streaming writer), so a
// million-line journal never sits in memory as a workbook.
//
// exceljs is loaded here, on first use, so that commands that never write a workbook do not pay
// for loading it.
import type { Writable } from 'node:stream';
import type { Lang, Text } from '../domain/errors.js';
import { formatFen, type Fen } from '../domain/money.js';
import { footerRows, sectionRows, type Column, type Output, type Row, type Section } from './output.js';
import { cellText } from './render.js';
import { displayWidth } from './text-width.js';

type ExcelJS = typeof import('exceljs');
type Worksheet = import('exceljs').Worksheet;
type ExcelRow = import('exceljs').Row;

let loaded: Promise<ExcelJS> | null = null;

/** exceljs, loaded once, on first use. */
export function loadExcel(): Promise<ExcelJS> {
  loaded ??= import('exceljs').then((m) => ((m as unknown as { default?: ExcelJS }).default ?? m) as ExcelJS);
  return loaded;
}

/** Number formats: money with thousands separators and two decimals; whole numbers; text. */
export const MONEY_FORMAT = '#,##0.00';
export const TEXT_FORMAT = '@';

/** Rows read ahead of writing to size the columns of a streamed list. */
const SAMPLE_ROWS = 500;
/** Column widths, in characters (a Chinese character counts two). */
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;
/** Sheets wider than this many characters print on landscape A4. */
const PORTRAIT_WIDTH = 100;

const pick = (lang: Lang, t: Text): string => (lang === 'en' ? t.en : t.zh);

/** The sections a workbook shows: the CSV's when a report has them (the same header row as CSV). */
export function xlsxSections(o: Output): Section[] {
  return o.csv ?? o.sections;
}

/** A sheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetName(s: string | undefined, fallback = 'Sheet1'): string {
  const clean = (s ?? '').replace(/[:\\/?*[\]]/g, ' ').replace(/^'+|'+$/g, '').trim().slice(0, 31).trim();
  return clean || fallback;
}

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;
/** A figure as a table shows it, with thousands separators ("1,234.56"): a number too. */
const GROUPED_DECIMAL = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** A cell as Excel should hold it: a number (with its format) or a string; null for an empty cell. */
export function xlsxCell(c: Column, v: Row[string], lang: Lang): { value: string | number; numFmt?: string } | null {
  if (v === null || v === undefined || v === '') return null;
  if (c.id) return { value: String(v), numFmt: TEXT_FORMAT };
  switch (c.kind) {
    case 'money':
      if (typeof v === 'number') return { value: v / 100, numFmt: MONEY_FORMAT };
      break;
    case 'int':
      if (typeof v === 'number' && Number.isSafeInteger(v)) return { value: v, numFmt: '0' };
      if (typeof v === 'string' && /^-?\d{1,15}$/.test(v)) return { value: Number(v), numFmt: '0' };
      break;
    case 'number': {
      if (typeof v === 'number' && Number.isFinite(v)) return { value: v };
      const shown = String(v);
      const s = GROUPED_DECIMAL.test(shown) ? shown.replace(/,/g, '') : shown;
      if (PLAIN_DECIMAL.test(s) && s.replace(/^-?0*|\./g, '').length <= 15) {
        const decimals = s.includes('.') ? s.length - s.indexOf('.') - 1 : 0;
        return { value: Number(s), numFmt: decimals ? `#,##0.${'0'.repeat(decimals)}` : '#,##0' };
      }
      break;
    }
  }
  return { value: cellText(c, v, false, lang) };
}

/** The width a cell's text needs, in characters. */
function textWidth(c: Column, v: Row[string], lang: Lang): number {
  if (v === null || v === undefined) return 0;
  if (c.kind === 'money' && typeof v === 'number') return formatFen(v as Fen).length + Math.floor(String(Math.abs(Math.trunc(v / 100))).length / 3) + 1;
  let w = 0;
  for (const line of cellText(c, v, false, lang).split('\n')) w = Math.max(w, displayWidth(line));
  return w;
}

interface Prepared {
  section: Section;
  /** Rows already read (all of a held list; the first SAMPLE_ROWS of a streamed one). */
  head: Row[];
  /** The rest of a streamed list. */
  rest: Iterator<Row> | null;
}

/** Read the first rows of every section: enough to size the columns before anything is written. */
function prepare(sections: readonly Section[]): Prepared[] {
  return sections.map((s) => {
    if (!s.each) return { section: s, head: s.rows, rest: null };
    const it = sectionRows(s)[Symbol.iterator]();
    const head: Row[] = [];
    while (head.length < SAMPLE_ROWS) {
      const n = it.next();
      if (n.done) return { section: s, head, rest: null };
      head.push(n.value);
    }
    return { section: s, head, rest: it };
  });
}

/** Column widths over every section (column i of each section shares sheet column i). */
function widths(prepared: readonly Prepared[], lang: Lang): number[] {
  const w: number[] = [];
  const grow = (i: number, x: number) => {
    w[i] = Math.max(w[i] ?? MIN_WIDTH, Math.min(MAX_WIDTH, x + 2));
  };
  for (const { section, head } of prepared) {
    section.columns.forEach((c, i) => {
      grow(i, Math.max(c.width ?? 0, ...pick(lang, c).split('\n').map(displayWidth)));
      const n = Math.min(head.length, SAMPLE_ROWS * 4);
      for (let k = 0; k < n; k++) grow(i, textWidth(c, head[k][c.key], lang));
      for (const f of section.footer ?? []) grow(i, textWidth(c, f[c.key], lang));
    });
  }
  return w;
}

/** Rows of a streamed list written between two pauses for the compressor and the file to catch up. */
const YIELD_ROWS = 1000;

/** What a stream holds unwritten: exceljs passes each sheet's XML on to the zip without waiting. */
interface Backlogged {
  once(event: 'drain', fn: () => void): unknown;
  _writableState?: { length: number; highWaterMark: number };
}

/**
 * A pause, so that the rows written so far are compressed and flushed before more are made: a loop
 * that only made rows would hold the whole sheet in memory, exceljs passing its XML on to the zip
 * without waiting (its destinations then hold it). Waits while any of them, or the file, is full.
 */
async function breathe(sheet: Worksheet, out: Writable): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  const pipes = ((sheet as unknown as { stream?: { pipes?: Backlogged[] } }).stream?.pipes ?? []) as Backlogged[];
  for (const p of pipes) {
    const st = p._writableState;
    if (st && st.length > st.highWaterMark) await new Promise<void>((resolve) => p.once('drain', resolve));
  }
  if (out.writableNeedDrain) await new Promise<void>((resolve) => out.once('drain', resolve));
}

const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFEFEFEF' } };

/** Where and what a workbook is written. */
export interface XlsxOptions {
  lang: Lang;
  /** The collective's name, printed in the title rows. */
  entity?: string;
  /** Where the bytes go (a file stream, or stdout). */
  stream: Writable;
}

/**
 * Write an Output as a workbook to a stream: the title rows, then every section one below another
 * on the first sheet (its title when there are several, the header row, the rows, the totals in
 * bold, the notes); then its extra sheets (a template's 说明).
 */
export async function writeXlsx(o: Output, opts: XlsxOptions): Promise<void> {
  const Excel = await loadExcel();
  const { lang } = opts;
  const wb = new Excel.stream.xlsx.WorkbookWriter({ stream: opts.stream, useStyles: true, useSharedStrings: true });
  wb.creator = 'sanzi';
  wb.lastModifiedBy = 'sanzi';
  const sections = xlsxSections(o);
  const prepared = prepare(sections);
  const w = widths(prepared, lang);
  const title = o.title ? pick(lang, o.title) : sections[0]?.title ? pick(lang, sections[0].title) : '';
  // Title rows: the report, then who keeps the books, the period and the unit.
  const entity = o.entity ?? opts.entity;
  const money = sections.some((s) => s.columns.some((c) => c.kind === 'money'));
  const meta = [
    entity ? (lang === 'en' ? `Entity: ${entity}` : `编制单位：${entity}`) : '',
    o.period ? pick(lang, o.period) : '',
    money ? (lang === 'en' ? 'Amounts in yuan' : '金额单位：元') : '',
  ].filter(Boolean);
  if (o.plain || (!entity && !o.period)) meta.length = 0; // a sheet that is not a report (a template, a bank file) starts with its header
  // The first header row is frozen and printed at the top of every page. The sheet's view is
  // written out with its first row, so it is known before any row.
  // A section's title is shown above its header when the report has several, or when it says more
  // than the report's title (汤泉民宿 2024 年分红发放表 under 分红发放表).
  const sectionTitle = (s: Section): string | null => {
    if (!s.title) return null;
    const t = pick(lang, s.title);
    if (prepared.length > 1) return t;
    return o.title && !o.plain && !t.startsWith(title) ? t : null;
  };
  const banner1 = title && !o.plain;
  const frozen = (banner1 ? 1 : 0) + (meta.length ? 1 : 0) + (prepared[0] && sectionTitle(prepared[0].section) ? 1 : 0) + 1;
  const ws = wb.addWorksheet(sheetName(o.sheet ? pick(lang, o.sheet) : title), {
    views: [{ state: 'frozen', ySplit: frozen, topLeftCell: `A${frozen + 1}`, activeCell: `A${frozen + 1}` }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: w.reduce((a, b) => a + b, 0) > PORTRAIT_WIDTH ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `${frozen}:${frozen}`,
      margins: { left: 0.7, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: lang === 'en' ? 'Page &P of &N' : '第 &P 页 共 &N 页' },
  });
  // A column of identifiers is text throughout, so that what is typed into it later stays text too.
  const first = sections[0]?.columns ?? [];
  ws.columns = w.map((width, i) => (first[i]?.id ? { width, style: { numFmt: TEXT_FORMAT } } : { width }));
  const span = Math.max(1, w.length);
  let r = 0;
  const next = (): ExcelRow => ws.getRow(++r);
  const banner = (text: string, font: Partial<import('exceljs').Font>, align: 'center' | 'left' = 'center') => {
    const row = next();
    const cell = row.getCell(1);
    cell.value = text;
    cell.font = font;
    cell.alignment = { horizontal: align, vertical: 'middle' };
    if (span > 1) ws.mergeCells(r, 1, r, span);
    row.commit();
  };

  if (banner1) banner(title, { bold: true, size: 16 });
  if (meta.length) banner(meta.join('　　'), { size: 10 });

  for (let k = 0; k < prepared.length; k++) {
    const { section, head, rest } = prepared[k];
    if (k > 0) next().commit();
    const st = sectionTitle(section);
    if (st) banner(st, { bold: true, size: 11 }, 'left');
    const cols = section.columns;
    const hrow = next();
    cols.forEach((c, i) => {
      const cell = hrow.getCell(i + 1);
      cell.value = pick(lang, c);
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = BORDER;
      cell.fill = HEADER_FILL;
    });
    hrow.commit();
    // A column filled in by hand (a signature) makes rows tall enough to write in.
    const tall = cols.some((c) => c.width !== undefined);
    // One style object per column and weight, shared by its cells: exceljs then finds the style
    // of a cell by the object (a lookup) instead of comparing its parts, cell after cell.
    const styles = [false, true].map((bold) =>
      cols.map((c) => {
        const base = { border: BORDER, ...(bold ? { font: { bold: true } } : {}), ...(tall ? { alignment: { vertical: 'middle' as const } } : {}) };
        const formats = new Map<string | undefined, Partial<import('exceljs').Style>>();
        return (numFmt: string | undefined) => {
          let st = formats.get(numFmt);
          if (!st) formats.set(numFmt, (st = numFmt ? { ...base, numFmt } : c.id ? { ...base, numFmt: TEXT_FORMAT } : base));
          return st;
        };
      }),
    );
    const put = (values: Row, bold: boolean) => {
      const row = next();
      if (tall) row.height = 26;
      const style = styles[bold ? 1 : 0];
      for (let i = 0; i < cols.length; i++) {
        const cell = row.getCell(i + 1);
        const x = xlsxCell(cols[i], values[cols[i].key], lang);
        if (x) cell.value = x.value;
        cell.style = style[i](x?.numFmt);
      }
      row.commit();
    };
    for (const values of head) put(values, false);
    if (rest) {
      let count = 0;
      for (let n = rest.next(); !n.done; n = rest.next()) {
        put(n.value, false);
        // Let the rows written so far be compressed and flushed before making more.
        if (++count % YIELD_ROWS === 0) await breathe(ws, opts.stream);
      }
    }
    for (const f of footerRows(section)) put(f, true);
    for (const note of section.notes ?? []) banner(pick(lang, note), { size: 10 }, 'left');
  }
  ws.commit();
  for (const extra of o.sheets ?? []) {
    const sheet = wb.addWorksheet(sheetName(pick(lang, extra.name)), { views: [{ state: 'frozen', ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] });
    writeSimpleSheet(sheet, extra.sections, lang);
  }
  await wb.commit();
}

/** A plain sheet of sections (a template's 说明): header rows in bold, text cells, wrapped. */
function writeSimpleSheet(ws: Worksheet, sections: readonly Section[], lang: Lang): void {
  const w = widths(prepare(sections), lang);
  ws.columns = w.map((width) => ({ width }));
  let r = 0;
  for (const s of sections) {
    if (r > 0) ws.getRow(++r).commit();
    const h = ws.getRow(++r);
    s.columns.forEach((c, i) => {
      const cell = h.getCell(i + 1);
      cell.value = pick(lang, c);
      cell.font = { bold: true };
      cell.border = BORDER;
      cell.fill = HEADER_FILL;
    });
    h.commit();
    for (const values of s.rows) {
      const row = ws.getRow(++r);
      s.columns.forEach((c, i) => {
        const cell = row.getCell(i + 1);
        const x = xlsxCell(c, values[c.key], lang);
        if (x) cell.value = x.value;
        cell.border = BORDER;
        cell.alignment = { wrapText: true, vertical: 'top' };
      });
      row.commit();
    }
  }
  ws.commit();
}
