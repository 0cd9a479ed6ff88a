// Reading import files, CSV or Excel (.xlsx): what the file is (an old .xls or .ods, UTF-16,
// binary — refused with a clear message; a workbook is read by xlsx-read.ts), encoding detection
// (UTF-8 with or without BOM, GBK/GB18030), header aliases, line numbers, streaming, and cells no
// spreadsheet shows: NUL and control characters, zero-width and text-direction characters,
// undecodable bytes, identifiers Excel turned into numbers. Both sources feed one RowSink, so every
// importer reads rows the same way whatever the file: records keyed by the canonical (English)
// column name, every problem reported as FILE:LINE (a sheet's own row number).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Refusal, withSource, type LedgerError } from '../domain/errors.js';
import { CsvErrors } from '../domain/errors/trust.js';
import { ExcelErrors } from '../domain/errors/excel.js';
import { CsvParser, CsvSyntaxError, MAX_FIELD, MAX_RECORD, splitPlain } from './csv-parser.js';
import { lineChunks } from './file-chunks.js';

/**
 * What a column holds. A workbook's cells are read by it (an amount cell may be a number, a date
 * cell a date), templates describe it, and identifiers are guarded: `id` (ID card, bank account)
 * and `code` (member id, account or asset code) are text that Excel must not turn into numbers.
 */
export type FieldKind = 'text' | 'id' | 'code' | 'amount' | 'date' | 'number' | 'int' | 'percent' | 'choice' | 'monthDay' | 'bool';

export interface ColumnSpec {
  /** Canonical (English) name, as in the contract. */
  key: string;
  /** Chinese name. */
  zh: string;
  /** Other accepted spellings. */
  aliases?: string[];
  required: boolean;
  /** What the cells hold (text when not said). */
  kind?: FieldKind;
  /** The values allowed (a choice), as a template lists them. */
  values?: readonly string[];
  /** What a template says of the column beyond its kind: what it means, its default. */
  note?: string;
}

/** One data row; the object is reused for the next row, so read it inside onRow. */
export interface CsvRow {
  line: number;
  get(key: string): string;
  has(key: string): boolean;
  /** The file has had a problem of its own by this row: it will be refused, whatever its rows. */
  readonly spoiled: boolean;
}

const HEAD_BYTES = 64 * 1024;
/** Row-level problems listed before the rest are only counted. */
const MAX_LISTED = 100;

/**
 * 'utf8' when the bytes decode as UTF-8 (or start with a BOM), or when the first line (the header)
 * does and holds Chinese: a UTF-8 file with rows in another encoding pasted in, whose undecodable
 * bytes are then refused at their own lines (CSV_MIXED_ENCODING). Else 'gb18030'.
 */
export function detectEncoding(head: Buffer, complete: boolean): 'utf8' | 'gb18030' {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf8';
  let buf = head;
  if (!complete) {
    // Drop a possibly cut multi-byte sequence at the end.
    let i = buf.length - 1;
    let back = 0;
    while (i >= 0 && back < 4 && (buf[i] & 0xc0) === 0x80) {
      i--;
      back++;
    }
    if (i >= 0 && buf[i] >= 0xc0) buf = buf.subarray(0, i);
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return 'utf8';
  } catch {
    return utf8Header(buf) ? 'utf8' : 'gb18030';
  }
}

/**
 * Whether the first line is UTF-8 holding two or more characters of three bytes (Chinese). The
 * Chinese column names of every import, saved in GBK, are not valid UTF-8 (tested with each import's
 * template); an English header holds no Chinese and decides nothing.
 */
function utf8Header(buf: Buffer): boolean {
  const end = buf.indexOf(0x0a);
  if (end < 0) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, end));
  } catch {
    return false;
  }
  let wide = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x800) wide++;
  return wide >= 2;
}

/** A spreadsheet workbook rather than text: '.xlsx', '.ods', '.xls', or null. */
export function workbookKind(head: Buffer): string | null {
  const zip = head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05);
  if (zip) {
    const s = head.subarray(0, 4096).toString('latin1');
    if (s.includes('opendocument.spreadsheet')) return '.ods';
    if (s.includes('word/') || s.includes('ppt/') || s.includes('opendocument.text')) return null;
    return '.xlsx'; // an Office Open XML workbook is a zip; a zip given as CSV is most often one
  }
  const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].every((b, i) => head[i] === b);
  return ole ? '.xls' : null;
}

export type FileSniff =
  | { kind: 'text' }
  | { kind: 'workbook'; format: string }
  | { kind: 'utf16'; encoding: string }
  | { kind: 'binary'; what: string; whatEn: string };

/** What the first bytes of a file say it is. */
export function sniffFile(head: Buffer): FileSniff {
  const wb = workbookKind(head);
  if (wb) return { kind: 'workbook', format: wb };
  const latin = head.subarray(0, 16).toString('latin1');
  if (head[0] === 0x50 && head[1] === 0x4b) return { kind: 'binary', what: 'ZIP 压缩文件或 Office 文档', whatEn: 'a zip archive or Office document' };
  if (latin.startsWith('%PDF-')) return { kind: 'binary', what: 'PDF 文件', whatEn: 'a PDF file' };
  if (latin.startsWith('SQLite format 3')) return { kind: 'binary', what: 'SQLite 数据库，也许是账套文件本身', whatEn: 'an SQLite database, perhaps a ledger' };
  if (head[0] === 0xff && head[1] === 0xfe) return { kind: 'utf16', encoding: 'UTF-16LE' };
  if (head[0] === 0xfe && head[1] === 0xff) return { kind: 'utf16', encoding: 'UTF-16BE' };
  // UTF-16 without a mark: ASCII characters leave a NUL in every other byte.
  const n = Math.min(head.length, 4096) & ~1;
  let evenNul = 0;
  let oddNul = 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i];
    if (b === 0) {
      if (i & 1) oddNul++;
      else evenNul++;
    }
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) control++;
  }
  if (n >= 4 && oddNul > n / 6 && evenNul < n / 50) return { kind: 'utf16', encoding: 'UTF-16LE' };
  if (n >= 4 && evenNul > n / 6 && oddNul < n / 50) return { kind: 'utf16', encoding: 'UTF-16BE' };
  // A few control characters are a cell's problem, reported at their line; many are a binary file.
  if (control > Math.max(32, n / 20)) return { kind: 'binary', what: '二进制文件', whatEn: 'a binary file' };
  return { kind: 'text' };
}

/** Characters a spreadsheet does not show, and which no field of a ledger needs. */
const BAD_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFFD]/;

function badCharName(c: number): [string, string] {
  if (c === 0) return ['空字符 NUL', 'a NUL character'];
  if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return ['控制字符', 'a control character'];
  if (c === 0x200e || c === 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return ['文字方向控制符', 'a text-direction control'];
  if (c === 0x2028 || c === 0x2029) return ['Unicode 分行符', 'a Unicode line separator'];
  if (c === 0x00ad) return ['软连字符', 'a soft hyphen'];
  return ['零宽字符', 'a zero-width character'];
}

/** The first cell with a character no spreadsheet shows, as an error (column named), or null. */
function checkCells(cells: readonly string[], columnName: (i: number) => string): LedgerError | null {
  for (let i = 0; i < cells.length; i++) {
    const m = BAD_CHARS.exec(cells[i]);
    if (!m) continue;
    const c = m[0].charCodeAt(0);
    if (c === 0xfffd) return CsvErrors.CSV_MIXED_ENCODING(columnName(i));
    const [what, whatEn] = badCharName(c);
    return CsvErrors.CSV_BAD_CHAR(columnName(i), `U+${c.toString(16).toUpperCase().padStart(4, '0')}`, what, whatEn);
  }
  return null;
}

function readHead(file: string): { head: Buffer; size: number } {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const head = Buffer.alloc(Math.min(HEAD_BYTES, size));
      fs.readSync(fd, head, 0, head.length, 0);
      return { head, size };
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    throw new Refusal(CsvErrors.FILE_UNREADABLE(file, (e as Error).message));
  }
}

/** A file that is not CSV text: refused at line 1 with what it is instead. */
function refuseNonText(file: string, head: Buffer, size: number): void {
  const at = { file, line: 1 };
  if (size === 0 || head.toString('latin1').replace(/^\xef\xbb\xbf/, '').trim() === '') throw new Refusal(withSource(CsvErrors.CSV_EMPTY(false), at));
  const s = sniffFile(head);
  if (s.kind === 'workbook') throw new Refusal(withSource(CsvErrors.CSV_WORKBOOK(s.format), at));
  if (s.kind === 'utf16') throw new Refusal(withSource(CsvErrors.CSV_ENCODING(s.encoding), at));
  if (s.kind === 'binary') throw new Refusal(withSource(CsvErrors.CSV_NOT_TEXT(s.what, s.whatEn), at));
}

function syntaxError(e: CsvSyntaxError): LedgerError {
  switch (e.kind) {
    case 'unclosed-quote':
      return CsvErrors.CSV_MALFORMED('引号没有闭合（从这一行到文件末尾都被当成了一格）', 'a quote is never closed (the rest of the file became one cell)');
    case 'after-quote':
      return e.closedAt === e.line
        ? CsvErrors.CSV_MALFORMED(
            `引号后面还有字符「${e.detail}」：一格若以引号开头，就要以引号结束（格内的引号要写成两个 ""）`,
            `"${e.detail}" after a closing quote: a cell that starts with a quote must end with it (write a quote inside a cell as "")`,
          )
        : CsvErrors.CSV_MALFORMED(
            `这一行的引号没有成对：它一直到第 ${e.closedAt} 行才闭合，之后又有字符「${e.detail}」`,
            `a quote on this line is not closed until line ${e.closedAt}, followed by "${e.detail}"`,
          );
    case 'field-too-long':
      return CsvErrors.CSV_FIELD_TOO_LONG(Number(e.detail), MAX_FIELD.toLocaleString('en'));
    case 'record-too-long':
      return CsvErrors.CSV_RECORD_TOO_LONG(MAX_RECORD.toLocaleString('en'));
  }
}

/** A cell beginning with ' then = + - @ (as spreadsheet-safe exports write it) reads without the '. */
function unprotect(v: string): string {
  if (v.length > 1 && v.charCodeAt(0) === 39) {
    const c = v.charCodeAt(1);
    if (c === 61 || c === 43 || c === 45 || c === 64) return v.slice(1);
  }
  return v;
}

export interface CsvReadOptions {
  columns: ColumnSpec[];
  /** Called once per data row, in file order. May be async. */
  onRow: (row: CsvRow) => void | Promise<void>;
  /** Progress callback with bytes read so far and the file size. */
  onProgress?: (bytes: number, total: number) => void;
  /** A workbook's sheet to read (default: its first sheet). */
  sheet?: string;
  /**
   * The importer's own errors of the rows handed to it so far (called once, at the end): when the
   * file has problems of its own (cells past the header, an identifier Excel turned into a number,
   * an invisible character, a repeated header), the file is refused with those and these together,
   * by line, so that every bad row is listed in one run. `dropped`: the lines of the rows not handed
   * on (an error of the importer's that may follow from a row missing can be left out).
   */
  rowErrors?: (dropped: readonly number[]) => readonly LedgerError[];
  /**
   * Where the file's own problems of its rows go (each with its line) instead of a refusal at the
   * end: the importer lists them with its checks against the ledger, made under the write's lock,
   * so that every bad row comes in one run. A CSV syntax error ends the reading there and is one of
   * them. A file that cannot be read as a table (not CSV, its header) is still refused at once.
   */
  collect?: LedgerError[];
}

/** An identifier Excel has shown in scientific notation (4.41827E+17): its digits are gone. */
const SCIENTIFIC = /^[+-]?\d+(\.\d+)?[eE]\+?\d+$/;

export function looksExcelNumber(v: string): boolean {
  // What SCIENTIFIC matches ends in a digit and begins with one or a sign: most cells of a file (codes,
  // names) are told apart by those two characters, without a search or the expression.
  if (v.length <= 3) return false;
  const first = v.charCodeAt(0);
  const last = v.charCodeAt(v.length - 1);
  if (last < 48 || last > 57 || !((first >= 48 && first <= 57) || first === 43 || first === 45)) return false;
  return (v.indexOf('E') > 0 || v.indexOf('e') > 0) && SCIENTIFIC.test(v);
}

/**
 * Below every importer: the rows of a file, wherever they come from (a CSV text stream or a
 * workbook's sheet), each with its line (the sheet's own row number). A source gives the header
 * once, then each record's cells as strings; the sink maps the header to the import's columns and
 * checks what no importer should have to (cells past the header, invisible characters,
 * a repeated header, identifiers Excel turned into numbers), lists every problem by line, and
 * hands each good row to onRow. The row object is reused: one per file, not one per row.
 */
export class RowSink {
  /** Rows handed on (or that would have been, had the file no problems). */
  rows = 0;
  /** Set when a cell may hold a character no field may have: only then is each cell scanned. */
  suspect = false;
  private header: (ColumnSpec | null)[] | null = null;
  private headerCells: string[] = [];
  private readonly index = new Map<string, number>();
  /** The keys row.get() was asked for, in the order first asked, and their columns (−1: none). */
  private readonly asked: string[] = [];
  private readonly askedColumn: number[] = [];
  /** Columns of identifiers (ID cards, bank accounts, member ids, codes) that Excel may have made numbers of. */
  private guarded: number[] = [];
  /** Columns whose header cell is empty: a cell under one is refused (nothing would read it). */
  private unnamed: number[] = [];
  private cells: string[] = [];
  readonly row: CsvRow;
  private readonly problems: LedgerError[] = [];
  private problemCount = 0;
  /** The lines of the rows not handed on, each once. */
  private readonly dropped: number[] = [];

  constructor(
    readonly label: string,
    private readonly opts: CsvReadOptions,
  ) {
    const index = this.index;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the row's getter reads the sink
    const sink = this;
    // An importer asks for the same columns in the same order row after row: the keys asked are
    // kept in that order with their columns, and get() first tries the one after the last asked
    // (a comparison instead of a Map look-up, for each of a million lines' ten cells).
    const asked = this.asked;
    const askedColumn = this.askedColumn;
    let next = 0;
    this.row = {
      line: 0,
      get: (key) => {
        let i: number;
        if (next < asked.length && asked[next] === key) i = askedColumn[next++];
        else {
          const k = asked.indexOf(key);
          if (k >= 0) {
            i = askedColumn[k];
            next = k + 1;
          } else {
            i = index.get(key) ?? -1;
            if (asked.length < 64) {
              asked.push(key);
              askedColumn.push(i);
              next = asked.length;
            }
          }
        }
        return i < 0 ? '' : unprotect(this.cells[i] ?? '');
      },
      has: (key) => index.has(key),
      get spoiled() {
        return sink.problemCount > 0;
      },
    };
  }

  /** Whether the file's problems go to the importer (CsvReadOptions.collect) rather than refuse it. */
  get collecting(): boolean {
    return this.opts.collect !== undefined;
  }

  get hasHeader(): boolean {
    return this.header !== null;
  }

  /** The column of each cell of the header (null for an empty header cell), once it is known. */
  get columns(): readonly (ColumnSpec | null)[] {
    return this.header ?? [];
  }

  /** The header row: refused (unknown, repeated or missing columns, invisible characters) at its line. */
  setHeader(cells: string[], line: number): void {
    const bad = this.suspect ? checkCells(cells, (i) => `第 ${i + 1} 列`) : null;
    if (bad) throw new Refusal(withSource(bad, { file: this.label, line }));
    const header = mapHeader(this.label, cells, this.opts.columns, line);
    this.header = header;
    this.asked.length = 0;
    this.askedColumn.length = 0;
    this.headerCells = cells.map(normalizeHeader);
    header.forEach((c, i) => {
      if (!c) {
        this.unnamed.push(i);
        return;
      }
      this.index.set(c.key, i);
      if (c.kind === 'id' || c.kind === 'code') this.guarded.push(i);
    });
  }

  columnName(i: number): string {
    return this.header?.[i]?.zh ?? this.headerCells[i] ?? `第 ${i + 1} 列`;
  }

  /** A problem of a row: listed (up to MAX_LISTED) with its line; the file is refused at the end. */
  problem(e: LedgerError, line: number): void {
    this.problemCount++;
    if (this.dropped[this.dropped.length - 1] !== line) this.dropped.push(line);
    if (this.opts.collect) this.opts.collect.push(withSource(e, { file: this.label, line }));
    else if (this.problems.length < MAX_LISTED) this.problems.push(withSource(e, { file: this.label, line }));
  }

  /**
   * One data row (after the header). `extra` words the refusal of cells past the header: a CSV's
   * usual cause is a comma without quotes, a sheet's a note beside the table.
   */
  record(cells: string[], line: number, extra: (cells: number, columns: number) => LedgerError = CsvErrors.CSV_EXTRA_CELLS): void | Promise<void> {
    const header = this.header!;
    if (cells.length > header.length && !trailingEmpty(cells, header.length)) {
      this.problem(extra(lastNonEmpty(cells), header.length), line);
      return;
    }
    if (this.suspect) {
      const bad = this.badCell(cells);
      if (bad) {
        this.problem(bad, line);
        return;
      }
    }
    if (cells[0] === this.headerCells[0] && cells[0] !== '' && this.repeatsHeader(cells)) {
      this.problem(CsvErrors.CSV_HEADER_REPEATED(), line);
      return;
    }
    let empty = true;
    for (let i = 0; i < cells.length; i++) {
      if (cells[i] !== '') {
        empty = false;
        break;
      }
    }
    if (empty) return;
    for (let k = 0; k < this.unnamed.length; k++) {
      const v = cells[this.unnamed[k]];
      if (v !== undefined && v !== '') {
        this.problem(CsvErrors.CSV_UNNAMED_CELL(this.unnamed[k] + 1), line);
        return;
      }
    }
    for (let k = 0; k < this.guarded.length; k++) {
      const v = cells[this.guarded[k]];
      if (v !== undefined && looksExcelNumber(v)) {
        this.problem(ExcelErrors.EXCEL_NUMBER(this.columnName(this.guarded[k]), v), line);
        return;
      }
    }
    this.rows++;
    // After a problem the file is refused at the end; the rows still go to the importer, whose
    // checks of them are listed with it (rowErrors).
    this.cells = cells;
    this.row.line = line;
    return this.opts.onRow(this.row);
  }

  // The two checks below are methods rather than closures in record(): a closure there made every
  // call allocate a context for it, a million times a file.
  private badCell(cells: readonly string[]): LedgerError | null {
    return checkCells(cells, (i) => this.columnName(i));
  }

  private repeatsHeader(cells: readonly string[]): boolean {
    const hc = this.headerCells;
    return cells.every((c, i) => normalizeHeader(c) === (hc[i] ?? ''));
  }

  /** A problem that ends the reading (a CSV syntax error): the file is refused with every problem so far. */
  fail(e: LedgerError, line: number): Refusal {
    this.problem(e, line);
    return this.refused();
  }

  /** The file's problems and the importer's errors of its rows, together. */
  private refused(): Refusal {
    const theirs = this.opts.rowErrors?.(this.dropped) ?? [];
    return refusal([...this.problems, ...theirs.slice(0, MAX_LISTED)], this.problemCount + theirs.length);
  }

  /** The end of the file: refused with every problem listed, or when it had no header or no rows. */
  end(): number {
    if (this.problemCount > 0) {
      if (this.opts.collect) return this.rows;
      throw this.refused();
    }
    if (!this.header) throw new Refusal(withSource(CsvErrors.CSV_EMPTY(false), { file: this.label, line: 1 }));
    if (this.rows === 0) throw new Refusal(withSource(CsvErrors.CSV_EMPTY(true), { file: this.label, line: 1 }));
    return this.rows;
  }
}

/**
 * Read an import file, CSV or Excel workbook (.xlsx, told by its content, not its name), mapping
 * its header to the canonical columns. A file that is neither, header problems (missing, unknown or
 * repeated columns) and an empty file are refused at the header's line; rows with characters no
 * spreadsheet shows, more cells than the header, or identifiers Excel turned into numbers, at
 * their line (they are not passed to onRow, and the whole file is refused at the end). Returns the
 * number of rows.
 */
export async function readCsv(file: string, opts: CsvReadOptions): Promise<number> {
  const label = file;
  if (!fs.existsSync(file)) throw new Refusal(CsvErrors.FILE_MISSING(file));
  if (fs.statSync(file).isDirectory()) throw new Refusal(CsvErrors.FILE_IS_DIR(file));
  const { head, size } = readHead(file);
  const sink = new RowSink(label, opts);
  if (workbookKind(head) === '.xlsx') {
    const { readXlsx } = await import('./xlsx-read.js');
    await readXlsx(file, sink, opts.sheet, opts.columns);
    return sink.end();
  }
  refuseNonText(label, head, size);
  await readCsvText(file, head, size, sink, opts.onProgress);
  return sink.end();
}

/** The CSV source: decode (UTF-8 or GB18030), parse, and give each record to the sink. */
async function readCsvText(file: string, head: Buffer, size: number, sink: RowSink, onProgress?: (bytes: number, total: number) => void): Promise<void> {
  const encoding = detectEncoding(head, head.length === size);
  let first = true;
  const decoder =
    encoding === 'utf8'
      ? (() => {
          const d = new TextDecoder('utf-8');
          return { write: (b: Buffer) => d.decode(b, { stream: true }), end: () => d.decode() };
        })()
      : (() => {
          // iconv-lite (half a megabyte of code) is loaded for a GBK file only.
          const iconv = createRequire(import.meta.url)('iconv-lite') as typeof import('iconv-lite');
          const d = iconv.getDecoder('gb18030');
          // A copy: the read buffer is filled again while the decoder may keep a cut sequence of it.
          return { write: (b: Buffer) => d.write(Buffer.from(b)), end: () => d.end() ?? '' };
        })();
  // The records of a chunk are parsed (and a syntax error found) before any is handed on. Most are
  // lines without quotes, kept as where they are in the text and split one at a time as they are
  // handed on, into one reused array: a million-line file is not made into a million arrays of cells
  // that all live until their chunk is done.
  const pending = new PendingRecords();
  const parser = new CsvParser(
    (cells, line) => pending.record(cells, line),
    (text, from, to, line) => pending.plain(text, from, to, line),
  );
  const cells: string[] = [];
  const drain = async () => {
    for (let i = 0; i < pending.count; i++) {
      const line = pending.cells(i, cells);
      if (line === 0) continue; // a blank line
      if (!sink.hasHeader) {
        sink.setHeader(cells.slice(), 1);
        continue;
      }
      const r = sink.record(cells, line);
      if (r) await r;
    }
    pending.clear();
  };
  const feed = (text: string) => {
    if (first) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (!sink.suspect && BAD_CHARS.test(text)) sink.suspect = true;
    parser.push(text);
  };
  let bytes = 0;
  try {
    // 64 KiB at a time, each chunk ending at a line's end (lineChunks says why): the records of a
    // chunk are handed on while still young.
    for await (const chunk of lineChunks(file, 1 << 16)) {
      bytes += chunk.length;
      feed(decoder.write(chunk));
      await drain();
      onProgress?.(bytes, size);
    }
    feed(decoder.end());
    parser.end();
    await drain();
  } catch (e) {
    if (!(e instanceof CsvSyntaxError)) throw e;
    if (!sink.collecting) throw sink.fail(syntaxError(e), e.line);
    // The rest of the file cannot be told into records: what was read is checked, this is said with it.
    sink.problem(syntaxError(e), e.line);
  }
}

/** The records of a chunk, in file order: a line without quotes by where it is, any other by its cells. */
class PendingRecords {
  count = 0;
  private texts: string[] = [];
  /** Per record: from, to (or -1 and the index of its cells), line. */
  private spans: number[] = [];
  private split: string[][] = [];

  // Written by index and never shortened: the arrays keep their room from one chunk to the next.
  plain(text: string, from: number, to: number, line: number): void {
    const at = 3 * this.count;
    this.spans[at] = from;
    this.spans[at + 1] = to;
    this.spans[at + 2] = line;
    this.texts[this.count++] = text;
  }

  record(cells: string[], line: number): void {
    const at = 3 * this.count;
    this.spans[at] = -1;
    this.spans[at + 1] = this.split.length;
    this.spans[at + 2] = line;
    this.texts[this.count++] = '';
    this.split.push(cells);
  }

  /** The cells of record i into `out`; its line, or 0 for a blank line (no record). */
  cells(i: number, out: string[]): number {
    const from = this.spans[3 * i];
    const to = this.spans[3 * i + 1];
    if (from === -1) {
      const cells = this.split[to];
      out.length = cells.length;
      for (let k = 0; k < cells.length; k++) out[k] = cells[k];
    } else if (splitPlain(this.texts[i], from, to, out) === 1 && out[0] === '') return 0;
    return this.spans[3 * i + 2];
  }

  clear(): void {
    this.count = 0;
    if (this.split.length) this.split = [];
  }
}

function refusal(problems: LedgerError[], count: number): Refusal {
  const list = [...problems].sort((a, b) => (a.source?.line ?? 0) - (b.source?.line ?? 0)).slice(0, MAX_LISTED);
  if (count > list.length) list.push(CsvErrors.CSV_TOO_MANY_BAD(count - list.length));
  return new Refusal(list);
}

function trailingEmpty(cells: readonly string[], from: number): boolean {
  for (let i = from; i < cells.length; i++) if (cells[i] !== '') return false;
  return true;
}

function lastNonEmpty(cells: readonly string[]): number {
  let n = cells.length;
  while (n > 0 && cells[n - 1] === '') n--;
  return n;
}

export function normalizeHeader(s: string): string {
  return s.replace(/^\uFEFF/, '').trim().replace(/\s+/g, '').replace(/[（(].*[)）]$/, '');
}

/** Map header cells to columns; refuse unknown, repeated and missing required columns (line 1). */
export function mapHeader(file: string, cells: string[], columns: ColumnSpec[], line = 1): (ColumnSpec | null)[] {
  const errors: LedgerError[] = [];
  const at = { file, line };
  const byName = new Map<string, ColumnSpec>();
  for (const c of columns) {
    for (const n of [c.key, c.zh, ...(c.aliases ?? [])]) byName.set(n.toLowerCase(), c);
  }
  const seen = new Set<string>();
  const out: (ColumnSpec | null)[] = [];
  const unknown: string[] = [];
  for (const raw of cells) {
    const name = normalizeHeader(raw);
    if (name === '') {
      out.push(null);
      continue;
    }
    const spec = byName.get(name.toLowerCase()) ?? byName.get(raw.trim().toLowerCase());
    if (!spec) {
      unknown.push(raw.trim());
      out.push(null);
      continue;
    }
    if (seen.has(spec.key)) errors.push(withSource(CsvErrors.CSV_HEADER_DUPLICATE(raw.trim()), at));
    seen.add(spec.key);
    out.push(spec);
  }
  const expected = columns.map((c) => `${c.zh}/${c.key}`).join('、');
  if (unknown.length) {
    const none = seen.size === 0;
    errors.push(
      withSource(
        CsvErrors.CSV_HEADER(
          unknown.map((u) => `「${short(u)}」`).join('、'),
          expected,
          none ? '。一列都不认识：可能是文件编码不对（sanzi 读 UTF-8 或 GBK），或者选错了导入类型' : '',
          none ? '. Not one column is known: the file may be in another encoding (sanzi reads UTF-8 or GBK), or this is another kind of import' : '',
        ),
        at,
      ),
    );
  }
  const missing = columns.filter((c) => c.required && !seen.has(c.key));
  if (missing.length) {
    errors.push(
      withSource(
        CsvErrors.CSV_HEADER_MISSING(missing.map((c) => `${c.zh}/${c.key}`).join('、'), missing.map((c) => `${c.key} (${c.zh})`).join(', ')),
        at,
      ),
    );
  }
  if (errors.length) throw new Refusal(errors);
  return out;
}

/** A header cell as quoted in a message: at most 40 characters. */
function short(s: string): string {
  return s.length > 40 ? s.slice(0, 40) + '…' : s;
}

/** Short file label for messages: the path as the user gave it. */
export function fileLabel(file: string): string {
  return path.normalize(file);
}
