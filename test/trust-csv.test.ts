// The CSV reader's defences, unit by unit: field and record limits (also across chunks), what a file
// is by its first bytes, and cells no spreadsheet shows — each with its line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Refusal } from '../src/domain/errors.js';
import { CsvParser, CsvSyntaxError, MAX_FIELD } from '../src/io/csv-parser.js';
import { detectEncoding, readCsv, sniffFile, workbookKind, type ColumnSpec } from '../src/io/csv-read.js';
import iconv from 'iconv-lite';
import { Sandbox } from './harness.js';

function parse(chunks: string[]): [string[], number][] {
  const out: [string[], number][] = [];
  const p = new CsvParser((c, l) => out.push([c, l]));
  for (const c of chunks) p.push(c);
  p.end();
  return out;
}

function syntax(chunks: string[]): CsvSyntaxError {
  try {
    parse(chunks);
  } catch (e) {
    if (e instanceof CsvSyntaxError) return e;
    throw e;
  }
  throw new Error('no syntax error');
}

describe('CsvParser', () => {
  it('line numbers over CRLF, LF, CR and quoted line breaks, whatever the chunks', () => {
    const text = 'a,b\r\n1,"x\ny"\n2,z\r3,"p\r\nq"\n4,w\n';
    const expected: [string[], number][] = [
      [['a', 'b'], 1],
      [['1', 'x\ny'], 2],
      [['2', 'z'], 4],
      [['3', 'p\r\nq'], 5],
      [['4', 'w'], 7],
    ];
    expect(parse([text])).toEqual(expected);
    for (let cut = 1; cut < text.length; cut++) expect(parse([text.slice(0, cut), text.slice(cut)]), `cut at ${cut}`).toEqual(expected);
  });

  it(`a field of ${MAX_FIELD} characters passes; one more is refused with its line and column, quoted or not`, () => {
    const ok = 'x'.repeat(MAX_FIELD);
    expect(parse([`a,b\n1,${ok}\n`])[1][0][1]).toHaveLength(MAX_FIELD);
    expect(parse([`a,b\n1,"${ok}"\n`])[1][0][1]).toHaveLength(MAX_FIELD);
    for (const cell of [ok + 'x', `"${ok}x"`]) {
      const e = syntax([`a,b\n1,2\n3,${cell}\n`]);
      expect([e.line, e.kind, e.detail]).toEqual([3, 'field-too-long', 2]);
    }
  });

  it('an endless field is refused while it is still arriving, not after the whole file is held', () => {
    const p = new CsvParser(() => {});
    p.push('a,b\n1,');
    const chunk = 'y'.repeat(4096);
    let pushed = 0;
    expect(() => {
      for (; pushed < 1000; pushed++) p.push(chunk);
    }).toThrow(CsvSyntaxError);
    expect(pushed * chunk.length).toBeLessThan(3 * MAX_FIELD); // stopped within a few chunks
    const q = new CsvParser(() => {});
    q.push('a,b\n1,"');
    expect(() => {
      for (let i = 0; i < 1000; i++) q.push(chunk + '\n');
    }).toThrow(/field-too-long at line 2/);
  });

  it('a quote left open, and text after a closing quote', () => {
    expect(syntax(['a,b\n1,"open\n2,3\n'])).toMatchObject({ line: 2, kind: 'unclosed-quote' });
    expect(syntax(['a,b\n1,"x"y\n'])).toMatchObject({ line: 2, kind: 'after-quote', detail: 'y', closedAt: 2 });
    expect(syntax(['a,b\n1,"x\n2,"3\n'])).toMatchObject({ line: 2, kind: 'after-quote', detail: '3', closedAt: 3 });
  });
});

describe('what a file is', () => {
  const zip = (name: string) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from(name)]);
  it('workbooks by their container', () => {
    expect(workbookKind(zip('[Content_Types].xml'))).toBe('.xlsx');
    expect(workbookKind(zip('mimetypeapplication/vnd.oasis.opendocument.spreadsheet'))).toBe('.ods');
    expect(workbookKind(zip('word/document.xml'))).toBe(null);
    expect(workbookKind(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toBe('.xls');
    expect(workbookKind(Buffer.from('凭证号,日期\n'))).toBe(null);
  });
  it('UTF-16 with or without its mark, binary, text', () => {
    const text = '凭证号,日期,摘要\n1,2024-01-01,abc\n';
    expect(sniffFile(Buffer.from(text))).toEqual({ kind: 'text' });
    expect(sniffFile(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toEqual({ kind: 'utf16', encoding: 'UTF-16LE' });
    expect(sniffFile(Buffer.from('voucher,date\n1,2024-01-01\n', 'utf16le'))).toEqual({ kind: 'utf16', encoding: 'UTF-16LE' });
    expect(sniffFile(Buffer.from('voucher,date\n1,2024-01-01\n', 'utf16le').swap16())).toEqual({ kind: 'utf16', encoding: 'UTF-16BE' });
    expect(sniffFile(Buffer.from('%PDF-1.7\n'))).toMatchObject({ kind: 'binary', what: 'PDF 文件' });
    expect(sniffFile(Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 37) % 256)))).toMatchObject({ kind: 'binary' });
    // one NUL in a text file is a cell's problem, reported at its line, not a binary file
    expect(sniffFile(Buffer.from('a,b\n1,x\u0000y\n'))).toEqual({ kind: 'text' });
  });
});

describe('readCsv', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trust-csv-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const COLS: ColumnSpec[] = [
    { key: 'id', zh: '编号', required: true },
    { key: 'name', zh: '名称', required: true },
  ];
  async function read(content: string | Buffer): Promise<{ rows: [number, string, string][]; errors: string[] }> {
    const f = path.join(dir, `t${Math.random().toString(36).slice(2)}.csv`);
    fs.writeFileSync(f, content);
    const rows: [number, string, string][] = [];
    try {
      await readCsv(f, { columns: COLS, onRow: (r) => void rows.push([r.line, r.get('id'), r.get('name')]) });
      return { rows, errors: [] };
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
      return { rows, errors: e.errors.map((x) => `${x.source?.line}:${x.code}`) };
    }
  }

  it('a row answers get() for its own cells whatever the order the keys are asked in, absent and optional keys included', async () => {
    const cols: ColumnSpec[] = [...COLS, { key: 'note', zh: '备注', required: false }, { key: 'gone', zh: '没有', required: false }];
    const f = path.join(dir, 'orders.csv');
    const lines = ['备注,编号,名称'];
    for (let i = 1; i <= 40; i++) lines.push(`n${i},${i},名${i}`);
    fs.writeFileSync(f, lines.join('\n') + '\n');
    // Row by row a different order: the usual one, reversed, skipping, repeating, absent keys between.
    const orders = [['id', 'name', 'note'], ['note', 'name', 'id'], ['name'], ['id', 'id', 'gone', 'note'], ['gone', 'name', 'note', 'id', 'zzz']];
    const got: string[] = [];
    const want: string[] = [];
    let n = 0;
    await readCsv(f, {
      columns: cols,
      onRow: (r) => {
        n++;
        const cells: Record<string, string> = { id: String(n), name: `名${n}`, note: `n${n}`, gone: '', zzz: '' };
        for (const k of orders[(n * 7) % orders.length]) {
          got.push(`${n}.${k}=${r.get(k)}`);
          want.push(`${n}.${k}=${cells[k]}`);
        }
      },
    });
    expect(n).toBe(40);
    expect(got).toEqual(want);
  });

  it('every hidden character is reported at its line, after the whole file is read; no bad row reaches the caller', async () => {
    const r = await read('编号,名称\n1,甲\n2,"乙\n\u0000"\n3,丙\u200B\n4,\u202E丁\n5,戊\n');
    expect(r.errors).toEqual(['3:CSV_BAD_CHAR', '5:CSV_BAD_CHAR', '6:CSV_BAD_CHAR']);
    // The good rows still reach the importer, whose own errors of them are listed with these (rowErrors).
    expect(r.rows).toEqual([
      [2, '1', '甲'],
      [7, '5', '戊'],
    ]);
  });

  it("' before = + - @ is read as the protection an export wrote", async () => {
    const r = await read("编号,名称\n1,'=SUM(A1)\n2,'@x\n3,'+86\n4,'-5\n5,'普通\n");
    expect(r.rows.map((x) => x[2])).toEqual(['=SUM(A1)', '@x', '+86', '-5', "'普通"]);
  });

  it('more cells than the header, a repeated header, undecodable bytes', async () => {
    expect((await read('编号,名称\n1,甲,多\n2,乙,,\n')).errors).toEqual(['2:CSV_EXTRA_CELLS']);
    // A column whose header cell is empty: its content would be lost, so the row is refused (empty cells pass).
    expect((await read('编号,,名称,\n1,备注,甲,\n2,,乙,\n3,,丙,x\n')).errors).toEqual(['2:CSV_UNNAMED_CELL', '4:CSV_UNNAMED_CELL']);
    expect((await read('\uFEFF编号,名称\n1,甲\n\uFEFF编号,名称\n2,乙\n')).errors).toEqual(['3:CSV_HEADER_REPEATED']);
    const bytes = Buffer.concat([Buffer.from('编号,名称\n' + '1,甲\n'.repeat(20_000)), Buffer.from([0x32, 0x2c, 0xd2, 0xd2, 0x0a])]);
    expect((await read(bytes)).errors).toEqual(['20002:CSV_MIXED_ENCODING']);
  });

  it('a GBK row in the first 64 KB of a UTF-8 file is refused at its own line, not the header’s', async () => {
    const bytes = Buffer.concat([Buffer.from('编号,名称\n1,甲\n2,乙\n'), iconv.encode('3,丙丁\n', 'gbk'), Buffer.from('4,戊\n')]);
    const r = await read(bytes);
    expect(r.errors).toEqual(['4:CSV_MIXED_ENCODING']);
    expect(r.rows).toEqual([
      [2, '1', '甲'],
      [3, '2', '乙'],
      [5, '4', '戊'],
    ]);
  });
});

describe('detectEncoding: GBK, UTF-8, and a UTF-8 file with rows in GBK', () => {
  const gbk = (s: string) => iconv.encode(s, 'gbk');

  it('reads every import template saved in GBK as GBK: no Chinese header is valid UTF-8 in GBK', async () => {
    const s = new Sandbox('encoding');
    for (const kind of ['vouchers', 'members', 'shares', 'contributions', 'assets', 'resources', 'contracts', 'opening']) {
      const r = await s.ok('template', kind, '--format', 'csv', '--encoding', 'gbk');
      expect(r.bytes.includes(0x0a)).toBe(true);
      expect([kind, detectEncoding(r.bytes, true)]).toEqual([kind, 'gb18030']);
      // The same template in UTF-8 (with its BOM, and without) is UTF-8.
      const u = await s.ok('template', kind, '--format', 'csv');
      expect(detectEncoding(u.bytes, true)).toBe('utf8');
      expect(detectEncoding(u.bytes.subarray(3), true)).toBe('utf8');
    }
  });

  it('a UTF-8 header with a GBK row in the first 64 KB is UTF-8', async () => {
    const head = Buffer.from('编号,名称\n1,甲\n2,乙\n');
    const mixed = Buffer.concat([head, gbk('3,丙丁\n'), Buffer.from('4,戊\n')]);
    expect(detectEncoding(mixed, true)).toBe('utf8');
    // A GBK header is GBK whatever follows; an English header (no Chinese) decides nothing.
    expect(detectEncoding(Buffer.concat([gbk('编号,名称\n1,甲\n'), Buffer.from('2,乙\n')]), true)).toBe('gb18030');
    expect(detectEncoding(Buffer.concat([Buffer.from('id,name\n'), gbk('1,甲\n')]), true)).toBe('gb18030');
    // One Chinese character in the header is not enough to tell.
    expect(detectEncoding(Buffer.concat([Buffer.from('id,名\n'), gbk('1,甲\n')]), true)).toBe('gb18030');
  });
});
