// Reading CSV files: encoding detection (UTF-8 with or without BOM, GBK/GB18030), header aliases,
// line numbers, streaming. Rows come out as records keyed by the canonical (English) column name.
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { ledgerError, Refusal, type LedgerError } from '../domain/errors.js';
import { CsvParser, CsvSyntaxError } from './csv-parser.js';

export interface ColumnSpec {
  /** Canonical (English) name, as in the contract. */
  key: string;
  /** Chinese name. */
  zh: string;
  /** Other accepted spellings. */
  aliases?: string[];
  required: boolean;
}

/** One data row; the object is reused for the next row, so read it inside onRow. */
export interface CsvRow {
  line: number;
  get(key: string): string;
  has(key: string): boolean;
}

const HEAD_BYTES = 64 * 1024;

/** 'utf8' when the bytes decode as UTF-8 (or start with a BOM), else 'gb18030'. */
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
    return 'gb18030';
  }
}

function readHead(file: string): { head: Buffer; size: number } {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(HEAD_BYTES, size));
    fs.readSync(fd, head, 0, head.length, 0);
    return { head, size };
  } finally {
    fs.closeSync(fd);
  }
}

function fileError(file: string, line: number, zh: string, en: string, code = 'CSV'): LedgerError {
  return ledgerError(code, zh, en, { file, line });
}

export interface CsvReadOptions {
  columns: ColumnSpec[];
  /** Called once per data row, in file order. May be async. */
  onRow: (row: CsvRow) => void | Promise<void>;
  /** Progress callback with bytes read so far and the file size. */
  onProgress?: (bytes: number, total: number) => void;
}

/**
 * Stream a CSV file, mapping its header to the canonical columns. Header problems (missing,
 * unknown or repeated columns; not a CSV; empty file) throw a Refusal at line 1.
 * Returns the number of data rows.
 */
export async function readCsv(file: string, opts: CsvReadOptions): Promise<number> {
  const label = file;
  if (!fs.existsSync(file)) {
    throw new Refusal(ledgerError('FILE_MISSING', `文件「${file}」不存在`, `file "${file}" does not exist`));
  }
  if (fs.statSync(file).isDirectory()) {
    throw new Refusal(ledgerError('FILE_MISSING', `「${file}」是目录，不是 CSV 文件`, `"${file}" is a directory, not a CSV file`));
  }
  const { head, size } = readHead(file);
  const text = head.toString('latin1').replace(/^\xef\xbb\xbf/, '');
  if (size === 0 || text.trim() === '') {
    throw new Refusal(fileError(label, 1, '文件是空的：没有表头，也没有数据', 'the file is empty: no header, no rows', 'CSV_EMPTY'));
  }
  if (head.includes(0) || (head[0] === 0x50 && head[1] === 0x4b) || head.subarray(0, 5).toString('latin1') === '%PDF-') {
    throw new Refusal(
      fileError(
        label,
        1,
        '这不是 CSV 文本文件（像是 Excel 工作簿或其他二进制文件）；请在 Excel 中“另存为 CSV”后再导入',
        'this is not a CSV text file (it looks like a workbook or other binary file); save it as CSV first',
        'CSV_NOT_TEXT',
      ),
    );
  }
  const encoding = detectEncoding(head, head.length === size);
  const decoder =
    encoding === 'utf8'
      ? (() => {
          const d = new TextDecoder('utf-8');
          return { write: (b: Buffer) => d.decode(b, { stream: true }), end: () => d.decode() };
        })()
      : (() => {
          const d = iconv.getDecoder('gb18030');
          return { write: (b: Buffer) => d.write(b), end: () => d.end() ?? '' };
        })();
  let header: (ColumnSpec | null)[] | null = null;
  const index = new Map<string, number>();
  let rows = 0;
  let cells: string[] = [];
  const row: CsvRow = {
    line: 0,
    get: (key) => {
      const i = index.get(key);
      return i === undefined ? '' : (cells[i] ?? '');
    },
    has: (key) => index.has(key),
  };
  let pending: { cells: string[]; line: number }[] = [];
  const parser = new CsvParser((c, line) => pending.push({ cells: c, line }));
  const drain = async () => {
    const batch = pending;
    pending = [];
    for (const rec of batch) {
      cells = rec.cells;
      if (!header) {
        header = mapHeader(label, cells, opts.columns);
        header.forEach((c, i) => c && index.set(c.key, i));
        continue;
      }
      if (cells.every((c) => c === '')) continue;
      rows++;
      row.line = rec.line;
      const r = opts.onRow(row);
      if (r) await r;
    }
  };
  let bytes = 0;
  try {
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      parser.push(decoder.write(chunk));
      await drain();
      opts.onProgress?.(bytes, size);
    }
    parser.push(decoder.end());
    parser.end();
    await drain();
  } catch (e) {
    if (e instanceof CsvSyntaxError) {
      throw new Refusal(fileError(label, e.line, `CSV 格式错误：${e.message}（请检查引号）`, `malformed CSV: ${e.message}`, 'CSV_MALFORMED'));
    }
    throw e;
  }
  if (!header) throw new Refusal(fileError(label, 1, '文件是空的：没有表头，也没有数据', 'the file is empty', 'CSV_EMPTY'));
  if (rows === 0) throw new Refusal(fileError(label, 1, '文件只有表头，没有数据行', 'the file has a header but no rows', 'CSV_EMPTY'));
  return rows;
}

function normalizeHeader(s: string): string {
  return s.replace(/^\uFEFF/, '').trim().replace(/\s+/g, '').replace(/[（(].*[)）]$/, '');
}

/** Map header cells to columns; refuse unknown, repeated and missing required columns (line 1). */
export function mapHeader(file: string, cells: string[], columns: ColumnSpec[]): (ColumnSpec | null)[] {
  const errors: LedgerError[] = [];
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
    if (seen.has(spec.key)) {
      errors.push(fileError(file, 1, `列「${raw.trim()}」重复`, `column "${raw.trim()}" appears twice`, 'CSV_HEADER'));
    }
    seen.add(spec.key);
    out.push(spec);
  }
  const expected = columns.map((c) => `${c.zh}/${c.key}`).join('、');
  if (unknown.length) {
    errors.push(
      fileError(
        file,
        1,
        `不认识的列：${unknown.map((u) => `「${u}」`).join('、')}；可用的列为：${expected}`,
        `unknown column(s): ${unknown.map((u) => `"${u}"`).join(', ')}; the columns are: ${expected}`,
        'CSV_HEADER',
      ),
    );
  }
  const missing = columns.filter((c) => c.required && !seen.has(c.key));
  if (missing.length) {
    errors.push(
      fileError(
        file,
        1,
        `缺少必需的列：${missing.map((c) => `${c.zh}/${c.key}`).join('、')}`,
        `missing required column(s): ${missing.map((c) => `${c.key} (${c.zh})`).join(', ')}`,
        'CSV_HEADER',
      ),
    );
  }
  if (errors.length) throw new Refusal(errors);
  return out;
}

/** Short file label for messages: the path as the user gave it. */
export function fileLabel(file: string): string {
  return path.normalize(file);
}
