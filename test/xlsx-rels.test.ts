// openpyxl (and other writers) give the workbook's relationships targets from the package's root
// ("/xl/worksheets/sheet1.xml"); exceljs's streaming reader matched only targets relative to xl/
// and found no worksheet. The same workbook, its targets made absolute, imports the same rows.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsv } from '../src/io/csv-read.js';
import { Refusal } from '../src/domain/errors.js';
import { MEMBER_COLUMNS } from '../src/io/members-csv.js';
import { zipLayoutProblem } from '../src/io/xlsx-zip-layout.js';
import { membersWorkbook, storedZip, unzipEntries } from './zip-bytes.js';

let dir: string;
let relative: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanzi-rels-'));
  relative = await membersWorkbook(path.join(dir, 'relative.xlsx'), [
    ['X001', '张三', 'H01'],
    ['X002', '李四', 'H02'],
  ]);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function rowsOf(file: string): Promise<string[]> {
  const seen: string[] = [];
  await readCsv(file, { columns: MEMBER_COLUMNS, onRow: (r) => void seen.push(`${r.line}:${r.get('id')}/${r.get('name')}/${r.get('household')}`) });
  return seen;
}

describe("a workbook's relationship targets", () => {
  it('targets from the package root ("/xl/worksheets/sheet1.xml") import as the relative ones do', async () => {
    const files = unzipEntries(fs.readFileSync(relative)).map(([name, data]) => ({ name, data }));
    const rels = files.find((f) => f.name === 'xl/_rels/workbook.xml.rels')!;
    const text = rels.data.toString('utf8');
    expect(text).toContain('Target="worksheets/sheet1.xml"');
    rels.data = Buffer.from(text.replace(/Target="(?!\/)([^"]+)"/g, 'Target="/xl/$1"'), 'utf8');
    expect(rels.data.toString('utf8')).toContain('Target="/xl/worksheets/sheet1.xml"');
    const absolute = path.join(dir, 'absolute.xlsx');
    fs.writeFileSync(absolute, storedZip(files));
    expect(zipLayoutProblem(absolute)).toBeNull();
    const want = ['2:X001/张三/H01', '3:X002/李四/H02'];
    expect(await rowsOf(relative)).toEqual(want);
    expect(await rowsOf(absolute)).toEqual(want);
  });
});

describe('half a character in a workbook', () => {
  it('a lone surrogate written as &#xD83D; makes the workbook unreadable, refused: no half character reaches a ledger', async () => {
    // (SQLite would store half a character as bytes no reader gives back as they were hashed.)
    const made = await membersWorkbook(path.join(dir, 'halves.xlsx'), [['X001', '张Q三', 'H01']]);
    const files = unzipEntries(fs.readFileSync(made)).map(([name, data]) => ({ name, data }));
    const strings = files.find((f) => f.data.toString('utf8').includes('张Q三'))!;
    strings.data = Buffer.from(strings.data.toString('utf8').replace('Q', '&#xD83D;'), 'utf8');
    const file = path.join(dir, 'halves-patched.xlsx');
    fs.writeFileSync(file, storedZip(files));
    const seen: string[] = [];
    let errors: string[] = [];
    try {
      await readCsv(file, { columns: MEMBER_COLUMNS, onRow: (r) => void seen.push(`${r.line}:${r.get('name')}`) });
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
      errors = e.errors.map((x) => x.code);
    }
    expect(errors).toEqual(['XLSX_UNREADABLE']);
    expect(seen).toEqual([]);
  });
});
