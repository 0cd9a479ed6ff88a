// Table (aligned Chinese columns, fitted to the terminal), CSV (BOM or GBK, no formulas) and JSON
// (camelCase keys, money as strings) from an Output's sections.
import { createRequire } from 'node:module';
import { formatFen, formatFenGrouped, type Fen } from '../domain/money.js';
import type { Lang } from '../domain/errors.js';
import type { Cell, Column, Section } from './output.js';
import { displayWidth, wrapText } from './text-width.js';

const require = createRequire(import.meta.url);

const SIDE_EN: Record<string, string> = { 借: 'Dr', 贷: 'Cr', 平: 'Even' };

export function cellText(c: Column, v: Cell, grouped: boolean, lang: Lang): string {
  if (v === null || v === undefined) return '';
  if (c.kind === 'side') return lang === 'en' ? (SIDE_EN[String(v)] ?? String(v)) : String(v);
  if (c.kind === 'money' && typeof v === 'number') return grouped ? formatFenGrouped(v as Fen) : formatFen(v as Fen);
  return String(v);
}

function isNumeric(c: Column): boolean {
  return c.kind !== undefined && c.kind !== 'text' && c.kind !== 'side';
}

/** The narrowest a wrapping column is made, in terminal columns (four Chinese characters). */
export const MIN_COLUMN_WIDTH = 8;

/**
 * Column widths that fit a table into `maxWidth` terminal columns: the widest shrinkable column
 * gives way one column at a time, none below `min` (nor below its own width). When even that is too
 * wide, the table stays as narrow as it can get and the terminal wraps it.
 */
export function fitWidths(natural: readonly number[], shrinkable: readonly boolean[], maxWidth: number, min = MIN_COLUMN_WIDTH): number[] {
  const w = [...natural];
  // The table draws a border and one space of padding each side: 3 per column, plus 1.
  let total = w.reduce((a, b) => a + b, 0) + 3 * w.length + 1;
  while (total > maxWidth) {
    let best = -1;
    for (let i = 0; i < w.length; i++) if (shrinkable[i] && w[i] > min && (best < 0 || w[i] > w[best])) best = i;
    if (best < 0) break;
    w[best] -= 1;
    total -= 1;
  }
  return w;
}

/** Text that can wrap inside a cell: it has spaces or Chinese in it (dates, codes and numbers do not). */
function wraps(s: string): boolean {
  return /\s/.test(s) || displayWidth(s) > s.length;
}

/** The widest line of each column (no spread of the rows: a report may have a million). */
function columnWidths(head: readonly string[], body: readonly string[][]): number[] {
  const w = head.map((h) => Math.max(...h.split('\n').map(displayWidth)));
  for (const row of body) {
    for (let i = 0; i < w.length; i++) {
      for (const l of row[i].split('\n')) {
        const x = displayWidth(l);
        if (x > w[i]) w[i] = x;
      }
    }
  }
  return w;
}

/** A cell's text padded to `width` terminal columns. */
function pad(s: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
}

/**
 * A boxed table: a header row, a rule, the body rows (a cell may hold several lines, top-aligned);
 * every column as wide as its widest line, or as `widths` says. Drawn in one pass over the cells, so
 * a year's journal of many thousand rows renders in well under a second.
 */
export function drawTable(head: readonly string[], body: readonly string[][], right: readonly boolean[], widths?: readonly number[]): string {
  const lines = (s: string) => s.split('\n');
  const w = widths ?? columnWidths(head, body);
  const rule = (l: string, m: string, r: string) => l + w.map((x) => '─'.repeat(x + 2)).join(m) + r;
  const out: string[] = [rule('┌', '┬', '┐')];
  const row = (cells: readonly string[]) => {
    const parts = cells.map(lines);
    const height = Math.max(...parts.map((p) => p.length));
    for (let k = 0; k < height; k++) out.push('│' + parts.map((p, i) => ' ' + pad(p[k] ?? '', w[i], right[i]) + ' ').join('│') + '│');
  };
  row(head);
  if (body.length) {
    out.push(rule('├', '┼', '┤'));
    for (const r of body) row(r);
  }
  out.push(rule('└', '┴', '┘'));
  return out.join('\n');
}

export function renderTable(t: Section, lang: Lang, maxWidth?: number): string {
  let head = t.columns.map((c) => (lang === 'en' ? c.en : c.zh));
  let body = [...t.rows, ...(t.footer ?? [])].map((r) => t.columns.map((c) => cellText(c, r[c.key], true, lang)));
  let title = t.title ? (lang === 'en' ? t.title.en : t.title.zh) : undefined;
  let widths: number[] | undefined;
  if (maxWidth && maxWidth > 20) {
    const natural = columnWidths(head, body);
    const shrinkable = t.columns.map((c, i) => !isNumeric(c) && body.some((row) => displayWidth(row[i]) > MIN_COLUMN_WIDTH && wraps(row[i])));
    const fitted = fitWidths(natural, shrinkable, maxWidth);
    if (fitted.some((w, i) => w !== natural[i])) {
      const wrap = (s: string, i: number) => (fitted[i] < natural[i] ? wrapText(s, fitted[i], { hard: true }) : s);
      head = head.map(wrap);
      body = body.map((row) => row.map(wrap));
      widths = fitted;
    }
    if (title !== undefined) title = wrapText(title, maxWidth, { hard: true });
  }
  let out = '';
  if (title !== undefined) out += title + '\n';
  out += drawTable(head, body, t.columns.map(isNumeric), widths) + '\n';
  for (const n of t.notes ?? []) out += (lang === 'en' ? n.en : n.zh) + '\n';
  return out;
}

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** A text cell a spreadsheet would run as a formula gets a leading apostrophe; plain numbers stay. */
export function neutralizeCell(s: string): string {
  if (s === '') return s;
  // = + - @ TAB CR: a formula's first characters. Only a plain number may start with '-'.
  const c = s.charCodeAt(0);
  if (c !== 61 && c !== 43 && c !== 45 && c !== 64 && c !== 9 && c !== 13) return s;
  return c === 45 && PLAIN_NUMBER.test(s) ? s : `'${s}`;
}

/**
 * How every CSV is written: CRLF between records, and a cell holding a line break of its own (a bare
 * LF or CR, which is not the record delimiter) quoted too, so that it reads back as one cell.
 */
export const CSV_OPTIONS = { record_delimiter: 'windows', quoted_match: /[\r\n]/ } as const;

/** CSV text of sections, one below another with a blank line between. */
export function renderCsvText(sections: readonly Section[], lang: Lang): string {
  const { stringify } = require('csv-stringify/sync') as typeof import('csv-stringify/sync');
  return sections
    .map((t) => {
      const head = t.columns.map((c) => neutralizeCell(lang === 'en' ? c.en : c.zh));
      const rows = [...t.rows, ...(t.footer ?? [])].map((r) => t.columns.map((c) => neutralizeCell(cellText(c, r[c.key], false, lang))));
      return stringify([head, ...rows], CSV_OPTIONS);
    })
    .join('\r\n');
}

/**
 * How a CSV is written: UTF-8 with a BOM unless --encoding says otherwise (Excel on Windows reads
 * UTF-8 as such only after a BOM); `--encoding utf8` is UTF-8 without it, for scripts and other
 * programs; `--encoding gbk` is GBK (GB18030, which holds every character GBK has and the rest).
 */
export type CsvEncoding = 'utf8-bom' | 'utf8' | 'gbk';

/** The --encoding given (utf8 or gbk), or none: the CSV encoding it means. */
export function csvEncoding(given: string | undefined): CsvEncoding {
  return given === 'utf8' || given === 'gbk' ? given : 'utf8-bom';
}

export const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export function encodeCsv(text: string, encoding: CsvEncoding): Buffer {
  if (encoding === 'gbk') {
    const iconv = require('iconv-lite') as typeof import('iconv-lite');
    return iconv.encode(text, 'gb18030');
  }
  const body = Buffer.from(text, 'utf8');
  return encoding === 'utf8' ? body : Buffer.concat([UTF8_BOM, body]);
}

export function renderJson(v: unknown): string {
  return JSON.stringify(v, null, 2) + '\n';
}

/**
 * A JSON array of many items made as they are written: emit() writes them one at a time instead of
 * building the whole text (jsonPieces); JSON.stringify (toJSON) sees the array itself, so the text
 * is the same either way.
 */
export class JsonList<T = unknown> {
  constructor(private readonly items: () => Iterable<T>) {}
  [Symbol.iterator](): Iterator<T> {
    return this.items()[Symbol.iterator]();
  }
  toJSON(): T[] {
    return Array.from(this.items());
  }
}

/** Does the value hold a JsonList (in itself or in its plain objects)? */
export function holdsJsonList(v: unknown): boolean {
  if (v instanceof JsonList) return true;
  if (!isPlainObject(v)) return false;
  for (const k of Object.keys(v)) if (holdsJsonList((v as Record<string, unknown>)[k])) return true;
  return false;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}

/** JSON.stringify(v, null, 2) of a value inside others, `pad` deep: a raw line break is never inside a JSON string, so every one starts a line. */
function nested(v: unknown, pad: string): string | undefined {
  const flat = flatObjectJson(v, pad);
  if (flat !== undefined) return flat;
  const text = JSON.stringify(v, null, 2) as string | undefined;
  return text === undefined || pad === '' || !text.includes('\n') ? text : text.replace(/\n/g, '\n' + pad);
}

/**
 * A string JSON.stringify writes as it is, between quotes: no quote, backslash, control character
 * or surrogate (a lone one is escaped; a pair is left to JSON.stringify too). Tested first, it
 * saves a call of JSON.stringify for each of the 800,000 values of a 100,000-member plan.
 */
const PLAIN_JSON_STRING = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

/** Keys as JSON writes them (with their quotes), for the few keys the items of a list repeat. */
const quotedKeys = new Map<string, string>();

/**
 * nested() of a plain object whose values are all strings, finite numbers, booleans or null (an
 * allocation, a roll line): written here, some times faster than JSON.stringify with an indent
 * and the indent added after; undefined for anything else. Each value is JSON.stringify's own
 * text, the layout JSON.stringify(v, null, 2)'s.
 */
function flatObjectJson(v: unknown, pad: string): string | undefined {
  if (typeof v !== 'object' || v === null || Object.getPrototypeOf(v) !== Object.prototype) return undefined;
  const o = v as Record<string, unknown>;
  const inner = `\n${pad}  `;
  let text = '';
  for (const k in o) {
    if (!Object.prototype.hasOwnProperty.call(o, k)) return undefined;
    const x = o[k];
    let value: string;
    if (typeof x === 'string') value = PLAIN_JSON_STRING.test(x) ? `"${x}"` : JSON.stringify(x);
    else if (typeof x === 'number') value = Number.isFinite(x) ? String(x) : 'null';
    else if (x === null) value = 'null';
    else if (typeof x === 'boolean') value = x ? 'true' : 'false';
    else return undefined; // undefined, nested values, toJSON, bigint…: JSON.stringify decides
    let key = quotedKeys.get(k);
    if (key === undefined) {
      key = JSON.stringify(k);
      if (quotedKeys.size < 256) quotedKeys.set(k, key);
    }
    text += `${text === '' ? '{' : ','}${inner}${key}: ${value}`;
  }
  return text === '' ? '{}' : `${text}\n${pad}}`;
}

/**
 * The text of renderJson(v) in pieces: plain objects and JsonLists walked here, everything else
 * (each item of a list included) written by JSON.stringify, so that no piece holds more than one
 * item of a list.
 */
export function* jsonPieces(v: unknown): Generator<string> {
  yield* jsonValue(v, '');
  yield '\n';
}

function* jsonValue(v: unknown, pad: string): Generator<string> {
  if (v instanceof JsonList) {
    const inner = pad + '  ';
    let first = true;
    for (const item of v) {
      const text = nested(item, inner) ?? 'null';
      yield first ? `[\n${inner}${text}` : `,\n${inner}${text}`;
      first = false;
    }
    yield first ? '[]' : `\n${pad}]`;
  } else if (isPlainObject(v) && holdsJsonList(v)) {
    const inner = pad + '  ';
    let first = true;
    for (const k of Object.keys(v)) {
      const x = v[k];
      if (x instanceof JsonList || (isPlainObject(x) && holdsJsonList(x))) {
        yield `${first ? '{' : ','}\n${inner}${JSON.stringify(k)}: `;
        yield* jsonValue(x, inner);
      } else {
        const text = nested(x, inner);
        if (text === undefined) continue;
        yield `${first ? '{' : ','}\n${inner}${JSON.stringify(k)}: ${text}`;
      }
      first = false;
    }
    yield first ? '{}' : `\n${pad}}`;
  } else {
    yield nested(v, pad) ?? 'null';
  }
}

/** @deprecated import these from ./output.js */
export type { Column, Row, Cell, Output } from './output.js';
