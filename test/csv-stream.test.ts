// A streamed CSV (csvPieces: records joined directly unless a cell needs quoting, UTF-8 written
// into buffers) is byte for byte the CSV of the same rows held and written by csv-stringify.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { emit, render } from '../src/io/emit.js';
import { Refusal } from '../src/domain/errors.js';
import { BytePieces, csvPieces } from '../src/io/csv-pieces.js';
import { formatFen } from '../src/domain/money.js';
import type { Column, Output, Row, Section } from '../src/io/output.js';

const COLUMNS: Column[] = [
  { key: 'date', zh: '日期', en: 'Date' },
  { key: 'summary', zh: '摘要', en: 'Summary' },
  { key: 'account', zh: '科目', en: 'Account', id: true },
  { key: 'debit', zh: '借方', en: 'Debit', kind: 'money' },
  { key: 'side', zh: '借或贷', en: 'Dr/Cr', kind: 'side' },
];

// Cells csv-stringify quotes (a comma, a quote), cells with a line break or a carriage return
// (handed to csv-stringify too, which decides), cells neutralized against formulas (=, +, -, @),
// negative amounts, empty and missing cells, Chinese.
const TRICKY: Row[] = [
  { date: '2024-01-02', summary: '收到短期借款', account: '10201', debit: 2000000, side: '借' },
  { date: '2024-01-03', summary: '付款,含税', account: '10201', debit: -12345, side: '贷' },
  { date: '2024-01-04', summary: '他说"好"', account: '10201', debit: 0, side: '平' },
  { date: '2024-01-05', summary: '两行\n摘要', account: null, debit: null, side: null },
  { date: '2024-01-06', summary: '回车\r', account: '', debit: 1, side: '借' },
  { date: '2024-01-07', summary: '=SUM(A1)', account: '+1', debit: 99, side: '借' },
  { date: '2024-01-08', summary: '-负数摘要', account: '@x', debit: 100, side: '贷' },
  { date: '2024-01-09', summary: '', debit: 5 },
];

const output = (sections: Section[]): Output => ({ json: null, sections });
const streamed = (rows: Row[], footer?: Row[]): Section => ({ columns: COLUMNS, rows: [], each: () => rows, tail: () => footer ?? [] });

describe('streamed CSV', () => {
  for (const encoding of ['utf8-bom', 'utf8', 'gbk'] as const) {
    for (const lang of ['zh', 'en'] as const) {
      it(`is the held CSV's bytes (${encoding}, ${lang})`, () => {
        const footer = [{ summary: '合计', debit: 2000000 - 12345 + 1 + 99 + 100 + 5 }];
        const held = render(output([{ columns: COLUMNS, rows: TRICKY, footer }, { columns: COLUMNS, rows: TRICKY.slice(0, 2) }]), 'csv', { lang }, encoding);
        const pieces = Buffer.concat([...csvPieces([streamed(TRICKY, footer), streamed(TRICKY.slice(0, 2))], lang, encoding)]);
        expect(pieces.equals(held)).toBe(true);
        if (encoding !== 'gbk') {
          // The quoting csv-stringify does, seen in the bytes: "付款,含税", "他说""好""", '=SUM(A1).
          const text = pieces.toString('utf8');
          expect(text).toContain(`2024-01-03,"付款,含税",10201,-123.45,${lang === 'en' ? 'Cr' : '贷'}\r\n`);
          expect(text).toContain(`2024-01-04,"他说""好""",10201,0.00,${lang === 'en' ? 'Even' : '平'}\r\n`);
          expect(text).toContain("2024-01-07,'=SUM(A1),'+1,0.99,");
        }
      });
    }
  }

  it('reads back cell for cell: a line break inside a cell (LF or CR alone) is quoted, held or streamed', () => {
    const held = render(output([{ columns: COLUMNS, rows: TRICKY }]), 'csv', { lang: 'zh' }, 'utf8');
    const pieces = Buffer.concat([...csvPieces([streamed(TRICKY)], 'zh', 'utf8')]);
    for (const bytes of [held, pieces]) {
      const records = parse(bytes, { bom: true, relax_column_count: true }) as string[][];
      expect(records.map((r) => r[1])).toEqual(['摘要', '收到短期借款', '付款,含税', '他说"好"', '两行\n摘要', '回车\r', "'=SUM(A1)", "'-负数摘要", '']);
    }
    expect(pieces.toString('utf8')).toContain('2024-01-05,"两行\n摘要",,,\r\n');
  });

  it('is the same bytes when the rows fill many pieces', () => {
    // ≈ 40 bytes a row × 30,000 rows: several 256 KiB pieces, records cut at no piece boundary.
    const rows: Row[] = Array.from({ length: 30000 }, (_, i) => ({
      date: '2024-02-01',
      summary: i % 997 === 0 ? `第${i}笔,"引号"` : `汤泉门票收入第${i}笔`,
      account: '10202',
      debit: i * 37,
      side: i % 2 ? '借' : '贷',
    }));
    const held = render(output([{ columns: COLUMNS, rows }]), 'csv', { lang: 'zh' }, 'utf8');
    const pieces = [...csvPieces([streamed(rows)], 'zh', 'utf8')];
    expect(pieces.length).toBeGreaterThan(3);
    expect(Buffer.concat(pieces).equals(held)).toBe(true);
    // Each piece but the BOM ends at the end of a record.
    for (const p of pieces.slice(1)) expect(p.subarray(-2).toString()).toBe('\r\n');
  });

  it('writes every amount as formatFen does, and any text as Buffer does, into the piece', () => {
    // Amounts: 0, both signs, every fen ending, the safe integers' ends, powers of ten around them.
    const amounts = [0, -0, 1, -1, 9, 10, 99, 100, 101, -100, -101, 123456789, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER];
    for (let e = 0; e <= 15; e++) amounts.push(10 ** e, 10 ** e - 1, -(10 ** e), 1 - 10 ** e);
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 5000; i++) amounts.push(Math.floor((rnd() - 0.5) * 2 * 10 ** Math.floor(rnd() * 16)));
    const texts = ['', 'abc', '汤泉民宿', '😀 emoji', 'a\ud800b', '\udc00', 'x'.repeat(1000) + '中', '中' + 'y'.repeat(300)];
    const out = new BytePieces(null);
    let want = '';
    for (const a of amounts) {
      out.reserve(20);
      out.fen(a);
      want += formatFen(a);
    }
    for (const t of texts) {
      out.reserve(3 * t.length);
      out.utf8(t);
      want += t;
    }
    expect(out.flush()!.equals(Buffer.from(want, 'utf8'))).toBe(true);
  });

  it('is the held CSV\'s bytes for random rows: amounts of every size and sign, non-integer amounts, surrogates, long cells', () => {
    let seed = 11;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T,>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
    const summaries = ['门票', '含,逗号', '引"号', '换\n行', '=公式', '-12.50', '-负', '😀', 'a\ud800', '', '长'.repeat(100000)];
    const rows: Row[] = Array.from({ length: 3000 }, (_, i) => ({
      date: `2024-03-${String(1 + (i % 28)).padStart(2, '0')}`,
      summary: pick(summaries),
      account: pick(['10202', '113', null, '']),
      debit: pick([null, 0, 1.5, -2.25, Number.MAX_SAFE_INTEGER, Math.floor((rnd() - 0.5) * 2 * 10 ** Math.floor(rnd() * 16))]),
      side: pick(['借', '贷', '平', null]),
    }));
    for (const encoding of ['utf8-bom', 'utf8', 'gbk'] as const) {
      const held = render(output([{ columns: COLUMNS, rows }]), 'csv', { lang: 'zh' }, encoding);
      expect(Buffer.concat([...csvPieces([streamed(rows)], 'zh', encoding)]).equals(held), encoding).toBe(true);
    }
  });

  it('--out: the streamed CSV written into a temporary file and renamed; a failure midway leaves no file and the old one untouched', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanzi-csv-out-'));
    try {
      const env = { lang: 'zh' as const, cwd: dir, stdout: () => undefined, stderr: () => undefined };
      const rows: Row[] = Array.from({ length: 20000 }, (_, i) => ({ date: '2024-02-01', summary: i % 500 ? `收入${i}` : `第${i},笔`, account: '10202', debit: i * 37 - 5000, side: '借' }));
      // A link planted where the temporary file will be made: removed, never written through.
      fs.writeFileSync(path.join(dir, 'victim.txt'), 'keep');
      fs.symlinkSync(path.join(dir, 'victim.txt'), path.join(dir, `.a.csv.${process.pid}.tmp`));
      await emit(env, { ...output([streamed(rows)]), csv: [streamed(rows)] }, { out: 'a.csv' });
      expect(fs.readFileSync(path.join(dir, 'victim.txt'), 'utf8')).toBe('keep');
      fs.rmSync(path.join(dir, 'victim.txt'));
      const held = render(output([{ columns: COLUMNS, rows }]), 'csv', { lang: 'zh' });
      expect(fs.readFileSync(path.join(dir, 'a.csv')).equals(held)).toBe(true);
      // Rows that fail after several pieces were made: the refusal comes out, nothing is left behind.
      const failing = (): Section => ({
        columns: COLUMNS,
        rows: [],
        each: function* () {
          yield* rows;
          throw new Refusal({ code: 'TEST_FAILED', zh: '读到一半失败', en: 'failed halfway' });
        },
      });
      await expect(emit(env, { ...output([failing()]), csv: [failing()] }, { out: 'b.csv' })).rejects.toMatchObject({ errors: [{ code: 'TEST_FAILED' }] });
      expect(fs.existsSync(path.join(dir, 'b.csv'))).toBe(false);
      await expect(emit(env, { ...output([failing()]), csv: [failing()] }, { out: 'a.csv', force: true })).rejects.toMatchObject({ errors: [{ code: 'TEST_FAILED' }] });
      expect(fs.readFileSync(path.join(dir, 'a.csv')).equals(held)).toBe(true);
      expect(fs.readdirSync(dir).sort()).toEqual(['a.csv']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
