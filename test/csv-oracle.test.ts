// Differential test of our streaming CSV parser (src/io/csv-parser.ts) against csv-parse, the
// reference implementation: every fixture CSV and thousands of generated files must give the same
// records, each starting on the same physical line, and the same files must be refused.
//
// The oracle is csv-parse configured for what the reader promises (README, CONTRACT): fields may be
// quoted (RFC 4180: "" is a quote, quoted fields hold commas and line breaks); CRLF, LF and a lone CR
// all end a record, in any mix within one file (as Excel reads them); a UTF-8 BOM is dropped;
// whitespace around a field is not part of it (trim); a quote inside an unquoted field is an
// ordinary character (relax_quotes, as Excel reads `ab"c`); records may have any number of fields.
// Records whose every field is empty are dropped on both sides, as the reader skips them.
//
// Line numbers: a record's line is 1 + the number of line breaks (CRLF counted once) before its
// first byte. csv-parse's own `info.lines` cannot be used as is: it counts a CRLF inside a quoted
// field as two lines (`"a\r\nb",c\r\nd` puts `d` on line 4). We take the record's end offset from
// `info.bytes` instead and count the line breaks ourselves, so the oracle stays independent of our
// parser.
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { parse, type Info } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvParser, MAX_FIELD, MAX_RECORD, splitPlain } from '../src/io/csv-parser.js';

interface Parsed {
  records: { cells: string[]; line: number }[];
  /** The parser refused the input (after emitting `records`). */
  error: boolean;
}

const allEmpty = (cells: string[]) => cells.every((c) => c === '');

/** 1 + line breaks in bytes[0, end): CRLF, LF and a lone CR each count once. */
function lineAt(bytes: Buffer, end: number, memo: { pos: number; line: number }): number {
  // Offsets only grow from one record to the next; continue from the last one.
  let { pos, line } = memo;
  for (; pos < end; pos++) {
    const b = bytes[pos];
    if (b === 0x0a) line++;
    else if (b === 0x0d && bytes[pos + 1] !== 0x0a) line++;
  }
  memo.pos = pos;
  memo.line = line;
  return line;
}

/** The oracle: csv-parse over the raw bytes. */
function oracle(bytes: Buffer): Parsed {
  const records: Parsed['records'] = [];
  let start = 0; // byte offset where the next record begins
  const memo = { pos: 0, line: 1 };
  let error = false;
  try {
    parse(bytes, {
      bom: true,
      trim: true,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: false,
      record_delimiter: ['\r\n', '\n', '\r'],
      on_record: (record: string[], info: Info) => {
        const line = lineAt(bytes, start, memo);
        start = info.bytes;
        if (!allEmpty(record)) records.push({ cells: record, line });
        return record;
      },
    });
  } catch {
    error = true;
  }
  // Our reader bounds untrusted input: a field over MAX_FIELD characters (or a record over
  // MAX_RECORD) ends the file there with an error. Apply the same bound to the oracle's records.
  const cut = records.findIndex((r) => r.cells.some((c) => c.length > MAX_FIELD) || r.cells.reduce((a, c) => a + c.length, 0) > MAX_RECORD);
  if (cut >= 0) return { records: records.slice(0, cut), error: true };
  return { records, error };
}

/**
 * Ours, fed the way the reader feeds it: bytes in chunks cut anywhere, decoded as a stream. With
 * `plain`, as the file reader runs it: lines without quotes handed on unsplit and split by
 * splitPlain.
 */
function ours(bytes: Buffer, cuts: number[], plain = false): Parsed {
  const records: Parsed['records'] = [];
  const onRecord = (cells: string[], line: number) => {
    if (!allEmpty(cells)) records.push({ cells, line });
  };
  const parser = plain
    ? new CsvParser(onRecord, (text, from, to, line) => {
        const cells: string[] = [];
        splitPlain(text, from, to, cells);
        onRecord(cells, line);
      })
    : new CsvParser(onRecord);
  const decoder = new TextDecoder('utf-8');
  let error = false;
  try {
    let from = 0;
    for (const to of [...cuts, bytes.length]) {
      parser.push(decoder.decode(bytes.subarray(from, to), { stream: true }));
      from = to;
    }
    parser.push(decoder.decode());
    parser.end();
  } catch {
    error = true;
  }
  return { records, error };
}

/** A small deterministic PRNG (mulberry32), so a failure names a seed that reproduces it. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEXT = ['a', 'b', 'Z', '1', '0', '.', '-', '¥', '张', '三', '汤', '泉', '凭', '证', "'", '=', ' ', ' ', '\t', '\u3000'];
const SPACE = [' ', '\t', '  ', ' \t', '\u3000', '\u00a0'];
const EOLS = { LF: ['\n'], CRLF: ['\r\n'], CR: ['\r'], mixed: ['\n', '\r\n', '\r'] } as const;

/** One generated CSV file: fields plain, empty, blank, quoted (with commas, quotes, line breaks). */
function generate(seed: number): { bytes: Buffer; cuts: number[]; text: string } {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const style = pick(Object.keys(EOLS) as (keyof typeof EOLS)[]);
  const eol = () => pick(EOLS[style]);
  const text = (max: number) => {
    let s = '';
    const n = Math.floor(r() * max);
    for (let i = 0; i < n; i++) s += pick(TEXT);
    return s;
  };
  const field = (): string => {
    const k = r();
    if (k < 0.15) return '';
    if (k < 0.22) return pick(SPACE);
    if (k < 0.55) return text(8);
    if (k < 0.6) return 'x' + text(3) + '"' + text(3) + (r() < 0.5 ? '"' : ''); // a quote inside an unquoted field
    // Quoted: may hold commas, doubled quotes and line breaks; spaces may stand around the quotes.
    let inner = '';
    const parts = Math.floor(r() * 5);
    for (let i = 0; i < parts; i++) {
      const p = r();
      inner += p < 0.4 ? text(5) : p < 0.55 ? ',' : p < 0.7 ? '""' : p < 0.85 ? pick(['\n', '\r\n', '\r']) : ' ';
    }
    const before = r() < 0.15 ? pick(SPACE) : '';
    const after = r() < 0.15 ? pick([' ', '\t', '  ']) : '';
    return `${before}"${inner}"${after}`;
  };
  let out = r() < 0.2 ? '\ufeff' : '';
  const records = Math.floor(r() * 9);
  for (let i = 0; i < records; i++) {
    if (r() < 0.1) out += pick(['', ' ', '\t', ',', ' , ']) + eol(); // blank-looking lines
    const n = 1 + Math.floor(r() * 5);
    const cells: string[] = [];
    for (let j = 0; j < n; j++) cells.push(field());
    out += cells.join(',');
    if (i < records - 1 || r() < 0.6) out += eol(); // trailing newline or not
  }
  // Now and then a broken file: an unclosed quote, or text after a closing quote.
  const broken = r();
  if (broken < 0.03) out += `"${text(4)}${eol()}${text(3)}`;
  else if (broken < 0.06) out += `"${text(3)}"x${text(2)},1${eol()}`;
  const bytes = Buffer.from(out, 'utf8');
  const cuts: number[] = [];
  for (let c = Math.floor(r() * 4); c > 0; c--) cuts.push(Math.floor(r() * (bytes.length + 1)));
  cuts.sort((a, b) => a - b);
  return { bytes, cuts, text: out };
}

/** Every CSV under fixtures/ (the hostile ones included, whichever exist when the test runs). */
function fixtureFiles(dir = path.join(import.meta.dirname, '..', 'fixtures')): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...fixtureFiles(p));
    else if (/\.csv$/i.test(e.name)) out.push(p);
  }
  return out.sort();
}

/** The bytes as the reader sees them: UTF-8 as is; anything else is GB18030, re-encoded as UTF-8. */
function asUtf8(raw: Buffer): Buffer {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(raw);
    return raw;
  } catch {
    return Buffer.from(iconv.decode(raw, 'gb18030'), 'utf8');
  }
}

describe('CSV parser against csv-parse', () => {
  const files = fixtureFiles();

  it('finds the fixtures', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files.map((f) => [path.relative(path.join(import.meta.dirname, '..'), f), f]))('%s', (_name, file) => {
    const bytes = asUtf8(fs.readFileSync(file));
    const want = oracle(bytes);
    expect(ours(bytes, [])).toEqual(want);
    expect(ours(bytes, [], true)).toEqual(want);
    // The same file read in small pieces, as a stream delivers it.
    const cuts: number[] = [];
    for (let i = 7; i < bytes.length; i += 7) cuts.push(i);
    expect(ours(bytes, cuts)).toEqual(want);
    expect(ours(bytes, cuts, true)).toEqual(want);
  });

  it('agrees on 5,000 generated files (quotes, line breaks, CR/LF/CRLF, BOM, blanks, chunk cuts; every other one read as the file reader reads it)', () => {
    let errors = 0;
    let multiline = 0;
    for (let seed = 1; seed <= Number(process.env.ORACLE_SEEDS ?? 5000); seed++) {
      const { bytes, cuts, text } = generate(seed);
      const want = oracle(bytes);
      const got = ours(bytes, cuts, seed % 2 === 0);
      if (want.error) errors++;
      if (want.records.some((rec) => rec.cells.some((c) => /[\r\n]/.test(c)))) multiline++;
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        expect({ seed, text, cuts, got }).toEqual({ seed, text, cuts, got: want });
      }
    }
    // The generator does reach the cases it is for.
    expect(errors).toBeGreaterThan(50);
    expect(multiline).toBeGreaterThan(500);
  });
});
