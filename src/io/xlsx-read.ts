// The workbook source of the import rows: one sheet of an .xlsx file (the first, or the one named
// by --sheet), streamed row by row (exceljs's streaming reader), each row with the sheet's own row
// number. Title rows above the header are skipped: the header is the first row whose non-empty
// cells are all column names of the import, so a report exported as xlsx, title and all, imports
// again. Cells are turned into the text a CSV would have held, by what their column holds:
// an amount cell may be a number (1234.5 is 1234.50; floating-point noise such as
// 0.30000000000000004 is dropped, so that only a real third decimal is refused), a date cell a real
// Excel date, a formula is read by its saved result; an identifier that Excel made a number of is
// refused with what to do about it.
import fs from 'node:fs';
import zlib from 'node:zlib';
import { Refusal, withSource, type LedgerError } from '../domain/errors.js';
import { ExcelErrors } from '../domain/errors/excel.js';
import { CsvErrors } from '../domain/errors/trust.js';
import { MAX_FIELD } from './csv-parser.js';
import { normalizeHeader, type ColumnSpec, type FieldKind, type RowSink } from './csv-read.js';
import { loadExcel } from './xlsx-write.js';
import { zipInput } from './xlsx-zip-input.js';
import { zipLayoutProblem } from './xlsx-zip-layout.js';

/** Rows with content looked through for the header before the first is taken as a bad header. */
const MAX_TITLE_ROWS = 20;

/** Significant digits a spreadsheet number holds exactly. */
const PRECISION = 15;

/** The largest Excel date serial (9999-12-31). */
const MAX_SERIAL = 2958465;

/** A number as plain decimal text: floating-point noise beyond 15 significant digits dropped, no exponent. */
export function numberText(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const clean = Number(v.toPrecision(PRECISION));
  const s = String(clean);
  if (!/e/i.test(s)) return s;
  // Very large or very small: write the digits out.
  if (Math.abs(clean) >= 1) return BigInt(Math.round(clean)).toString();
  return clean.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

const pad = (n: number) => String(n).padStart(2, '0');

function isoDate(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** An Excel date serial (days since 1899-12-30; the 1904 system adds 1462) as a date. */
export function serialDate(serial: number, date1904 = false): string {
  const ms = Math.round((Math.floor(serial) - 25569 + (date1904 ? 1462 : 0)) * 86400000);
  return isoDate(new Date(ms));
}

/** What a cell held, as text: or an error for a value that cannot stand for anything. */
type CellText = string | LedgerError;

interface CellContext {
  column: string;
  kind: FieldKind | undefined;
  numFmt: () => string | undefined;
  date1904: boolean;
}

/** An identifier held as a number: exact only when it has at most 15 digits. */
function identifierText(v: number, column: string): CellText {
  if (Number.isSafeInteger(v) && v >= 0 && String(v).length <= PRECISION) return String(v);
  return ExcelErrors.EXCEL_NUMBER(column, numberText(v));
}

function numberCell(v: number, c: CellContext): CellText {
  if (Number.isNaN(v)) return ExcelErrors.XLSX_CELL_ERROR(c.column, '#VALUE!');
  switch (c.kind) {
    case 'id':
      // An ID card or bank account number is text: as a number cell Excel has taken it for a number,
      // whatever is left of it (the contract refuses it, with how to keep the column as text).
      return ExcelErrors.EXCEL_NUMBER_CELL(c.column, numberText(v));
    case 'code':
      return identifierText(v, c.column);
    case 'date':
      // A date whose cell lost its date format (or has one the reader does not know) is its serial.
      if (v >= 1 && v <= MAX_SERIAL) return serialDate(v, c.date1904);
      return numberText(v);
  }
  const fmt = c.numFmt();
  if (fmt && fmt.includes('%') && !/"[^"]*%[^"]*"/.test(fmt)) return `${numberText(v * 100)}%`;
  return numberText(v);
}

/** A cell's value as the text the import reads (see the file's head). */
export function cellText(value: unknown, c: CellContext): CellText {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') {
    const s = value.trim();
    return s.length > MAX_FIELD ? CsvErrors.CSV_FIELD_TOO_LONG(0, MAX_FIELD.toLocaleString('en')) : s;
  }
  if (typeof value === 'number') return numberCell(value, c);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return ExcelErrors.XLSX_CELL_ERROR(c.column, '#VALUE!');
    return c.kind === 'monthDay' ? isoDate(value).slice(5) : isoDate(value);
  }
  if (typeof value === 'object') {
    const o = value as { formula?: string; sharedFormula?: string; result?: unknown; richText?: { text?: string }[]; text?: unknown; error?: string };
    if ('formula' in o || 'sharedFormula' in o) {
      const r = o.result;
      if (r === undefined || r === null || r === '') return ExcelErrors.XLSX_FORMULA_NO_VALUE(c.column, o.formula ?? o.sharedFormula ?? '');
      if (typeof r === 'object' && r !== null && 'error' in r) return ExcelErrors.XLSX_CELL_ERROR(c.column, String((r as { error: unknown }).error));
      return cellText(r, c);
    }
    if (Array.isArray(o.richText)) return cellText(o.richText.map((p) => p.text ?? '').join(''), c);
    if (o.error !== undefined) return ExcelErrors.XLSX_CELL_ERROR(c.column, String(o.error));
    if (o.text !== undefined) return cellText(o.text, c);
  }
  return '';
}

/** Lower-cased names (canonical, Chinese, aliases) of an import's columns. */
function knownNames(columns: readonly ColumnSpec[]): Set<string> {
  const names = new Set<string>();
  for (const c of columns) for (const n of [c.key, c.zh, ...(c.aliases ?? [])]) names.add(n.toLowerCase());
  return names;
}

/** A row whose non-empty cells are all column names of the import (and there is at least one). */
function isHeader(cells: readonly string[], names: Set<string>): boolean {
  let any = false;
  for (const raw of cells) {
    if (raw === '') continue;
    const n = normalizeHeader(raw).toLowerCase();
    if (!names.has(n) && !names.has(raw.trim().toLowerCase())) return false;
    any = true;
  }
  return any;
}

type ExcelRow = import('exceljs').Row;
type SheetReader = AsyncIterable<ExcelRow> & { name: string };

/** A failure of the workbook reader itself (not a zip, bad XML…): the file is refused at its start. */
function unreadable(file: string, e: unknown): Refusal {
  if (e instanceof Refusal) return e;
  const raw = e instanceof Error ? e.message : String(e);
  // The zip reader's words for a cut-off or damaged file, said plainly.
  const damaged = /FILE_ENDED|end of central directory|invalid signature|unexpected end|corrupt|invalid (zip|distance|block|stored|code)|incorrect header/i.test(raw);
  const why = raw.split('\n')[0].slice(0, 200);
  const e2 = damaged ? ExcelErrors.XLSX_UNREADABLE('文件不完整或已损坏', 'the file is cut short or damaged') : ExcelErrors.XLSX_UNREADABLE(why);
  return new Refusal(withSource(e2, { file, line: 1 }));
}

/**
 * Await a step of the reader, any failure of it being the workbook's; `failed` (the zip parser's or
 * the file's error, which the reader itself may never hear of) ends the wait too.
 */
async function step<T>(file: string, it: AsyncIterator<T>, failed: Promise<never>): Promise<IteratorResult<T>> {
  try {
    return await Promise.race([it.next(), failed]);
  } catch (e) {
    throw unreadable(file, e);
  }
}

/**
 * The workbook's relationships with their targets relative to xl/, as exceljs's streaming reader
 * matches them (`worksheets/sheet1.xml`): openpyxl and others write them from the package's root
 * (`/xl/worksheets/sheet1.xml`), and the reader then found no worksheet in such a workbook.
 */
function relativeTargets(reader: object): void {
  const r = reader as { _parseRels?: (entry: unknown) => Promise<void>; workbookRels?: { Target?: string }[] };
  const parse = r._parseRels;
  if (typeof parse !== 'function') return;
  r._parseRels = async function (this: typeof r, entry: unknown) {
    await parse.call(this, entry);
    for (const rel of this.workbookRels ?? []) if (typeof rel.Target === 'string' && rel.Target.startsWith('/xl/')) rel.Target = rel.Target.slice(4);
  };
}

/**
 * Read the sheet (the first of the workbook, or the one named `sheet`) into the sink: the header
 * once found, then every row after it with its row number.
 */
export async function readXlsx(file: string, sink: RowSink, sheet: string | undefined, columns: readonly ColumnSpec[]): Promise<void> {
  // What Excel would show is what is imported: a zip whose entries, read front to back, are not
  // those of its central directory is refused.
  const layout = zipLayoutProblem(file);
  if (layout !== null) {
    const e = ExcelErrors.XLSX_UNREADABLE(`文件的结构前后不一致，可能是拼接或改动过的文件：${layout.zh}`, `its parts disagree, as in a file joined to another or altered: ${layout.en}`);
    throw new Refusal(withSource(e, { file, line: 1 }));
  }
  const Excel = await loadExcel();
  let reader: InstanceType<typeof Excel.stream.xlsx.WorkbookReader>;
  const input = zipInput(file);
  try {
    reader = new Excel.stream.xlsx.WorkbookReader(input.stream, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  } catch (e) {
    input.stream.destroy();
    throw unreadable(file, e);
  }
  relativeTargets(reader);
  const book = reader as unknown as { model?: { sheets?: { name: string }[] }; properties?: { date1904?: boolean }; stream?: { destroy?: () => void } };
  const sheets = (reader as unknown as AsyncIterable<SheetReader>)[Symbol.asyncIterator]();
  sink.suspect = true; // a workbook's cells are each checked for characters no field may have
  let found = false;
  try {
    for (let s = await step(file, sheets, input.failed); !s.done; s = await step(file, sheets, input.failed)) {
      const ws = s.value;
      const first = book.model?.sheets?.[0]?.name;
      const wanted = sheet ?? first;
      if (wanted !== undefined && ws.name !== wanted) continue;
      found = true;
      await readSheet(file, ws, sink, columns, Boolean(book.properties?.date1904), input.failed);
      break;
    }
  } finally {
    // After a failure the reader may be stuck in a step that never ends: its return() would wait on it.
    await Promise.race([sheets.return?.(), input.failed]).catch(() => undefined);
    book.stream?.destroy?.();
  }
  if (!found) {
    const names = (book.model?.sheets ?? []).map((x) => `「${x.name}」`);
    if (sheet !== undefined && names.length) throw new Refusal(withSource(ExcelErrors.XLSX_SHEET_MISSING(sheet, names.join('、')), { file, line: 1 }));
    throw new Refusal(withSource(ExcelErrors.XLSX_NO_SHEET(), { file, line: 1 }));
  }
}

async function readSheet(file: string, ws: SheetReader, sink: RowSink, columns: readonly ColumnSpec[], date1904: boolean, failed: Promise<never>): Promise<void> {
  const names = knownNames(columns);
  const rows = ws[Symbol.asyncIterator]();
  let firstFilled: { cells: string[]; line: number } | null = null;
  let filled = 0;
  const headerText = (row: ExcelRow): string[] => {
    const values = row.values as unknown[];
    const out: string[] = [];
    for (let i = 1; i < values.length; i++) {
      const t = cellText(values[i], { column: `第 ${i} 列`, kind: 'text', numFmt: () => undefined, date1904 });
      out.push(typeof t === 'string' ? t : '');
    }
    return out;
  };
  for (let n = await step(file, rows, failed); !n.done; n = await step(file, rows, failed)) {
    const row = n.value;
    const line = row.number;
    if (!sink.hasHeader) {
      const cells = headerText(row);
      if (cells.every((c) => c === '')) continue;
      firstFilled ??= { cells, line };
      if (isHeader(cells, names)) {
        sink.setHeader(cells, line);
        continue;
      }
      // No header among the first rows: the first row with content is the header, and is refused.
      if (++filled >= MAX_TITLE_ROWS) sink.setHeader(firstFilled.cells, firstFilled.line);
      continue;
    }
    const values = row.values as unknown[];
    const spec = sink.columns;
    const cells: string[] = [];
    let bad: LedgerError | null = null;
    for (let i = 1; i < values.length; i++) {
      const column = spec[i - 1];
      const name = sink.columnName(i - 1);
      const t = cellText(values[i], { column: name, kind: column?.kind, numFmt: () => row.getCell(i).numFmt, date1904 });
      if (typeof t !== 'string') {
        bad ??= t.code === 'CSV_FIELD_TOO_LONG' ? CsvErrors.CSV_FIELD_TOO_LONG(i, MAX_FIELD.toLocaleString('en')) : t;
        cells.push('');
      } else cells.push(t);
    }
    if (bad) {
      sink.problem(bad, line);
      continue;
    }
    const r = sink.record(cells, line, ExcelErrors.XLSX_EXTRA_CELLS);
    if (r) await r;
  }
  // A sheet without a header row: its first row with content is refused as the header.
  if (!sink.hasHeader && firstFilled) sink.setHeader(firstFilled.cells, firstFilled.line);
}

/** One file of a zip archive, read through its central directory entry (stored or deflated). */
function zipEntry(buf: Buffer, name: string): Buffer | null {
  // The end of central directory record: its signature within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let k = 0; k < count && p + 46 <= buf.length && buf.readUInt32LE(p) === 0x02014b50; k++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    if (buf.toString('utf8', p + 46, p + 46 + nameLen) === name) {
      if (buf.readUInt32LE(local) !== 0x04034b50) return null;
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      if (method === 0) return data;
      if (method === 8) return zlib.inflateRawSync(data);
      return null;
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  return null;
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * The names of a workbook's sheets in their order (the first is the one read without --sheet), from
 * its xl/workbook.xml; null when the file cannot be read so (the import then says what is wrong).
 */
export function workbookSheetNames(file: string): string[] | null {
  try {
    const xml = zipEntry(fs.readFileSync(file), 'xl/workbook.xml')?.toString('utf8');
    if (!xml) return null;
    return [...xml.matchAll(/<(?:\w+:)?sheet\b[^>]*?\sname="([^"]*)"/g)].map((m) =>
      m[1].replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (e, c: string) =>
        c[0] === '#' ? String.fromCodePoint(c[1] === 'x' || c[1] === 'X' ? parseInt(c.slice(2), 16) : Number(c.slice(1))) : (XML_ENTITIES[c] ?? e),
      ),
    );
  } catch {
    return null;
  }
}
