// exceljs's streaming reader sets a worksheet aside in a temporary file when it comes before the
// shared strings (as in every workbook exceljs writes, and in Excel's own). The zip parser under it
// emitted 'end' as soon as the file had been read in, and the reader then stopped before the
// entries after the worksheet: a good workbook was refused now and then. Here the temporary file is
// made slow, so that the parser always reaches the file's end while the worksheet is set aside.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Refusal } from '../src/domain/errors.js';
import { readCsv } from '../src/io/csv-read.js';
import { MEMBER_COLUMNS } from '../src/io/members-csv.js';
import { zipInput } from '../src/io/xlsx-zip-input.js';
import { centralEntries, dataAt, membersWorkbook } from './zip-bytes.js';

const exceljsRequire = createRequire(createRequire(import.meta.url).resolve('exceljs'));
const tmp = exceljsRequire('tmp') as { file: (cb: (...args: unknown[]) => void) => void };

let dir: string;
let file: string;
let restore: () => void;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanzi-zip-'));
  file = await membersWorkbook(path.join(dir, 'members.xlsx'), [
    ['X001', '张三', 'H01'],
    ['X002', '李四', 'H02'],
  ]);
  const slow = tmp.file;
  tmp.file = (cb) => void setTimeout(() => slow.call(tmp, cb), 150);
  restore = () => (tmp.file = slow);
});

afterAll(() => {
  restore?.();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The zip with the compressed data of one entry overwritten in its middle. */
function damaged(zip: Buffer, name: string): Buffer {
  const out = Buffer.from(zip);
  const e = centralEntries(out).find((x) => x.name === name)!;
  expect(e.compressed).toBeGreaterThan(16);
  const at = dataAt(out, e);
  out.fill(0xff, at + 4, at + Math.min(e.compressed - 4, 64));
  return out;
}

/** Every row of the first sheet, as exceljs's streaming reader gives them. */
async function rowsOf(input: string | fs.ReadStream): Promise<unknown[][]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  const rows: unknown[][] = [];
  for await (const sheet of reader as unknown as AsyncIterable<AsyncIterable<ExcelJS.Row>>) {
    for await (const row of sheet) rows.push((row.values as unknown[]).slice(1));
    break;
  }
  return rows;
}

describe('the workbook reader with the worksheet set aside', () => {
  it('the zip entries after the worksheet are lost without the guard (the failure this guards against)', async () => {
    await expect(rowsOf(file)).rejects.toThrow(/sheets/);
  });

  it('with the guard every entry is read: the rows come with their shared strings', async () => {
    expect(await rowsOf(zipInput(file).stream)).toEqual([
      ['成员编号', '姓名', '户号'],
      ['X001', '张三', 'H01'],
      ['X002', '李四', 'H02'],
    ]);
  });

  it('an import reads the workbook whole', async () => {
    const seen: string[] = [];
    const n = await readCsv(file, { columns: MEMBER_COLUMNS, onRow: (r) => void seen.push(`${r.line}:${r.get('id')}/${r.get('name')}/${r.get('household')}`) });
    expect(n).toBe(2);
    expect(seen).toEqual(['2:X001/张三/H01', '3:X002/李四/H02']);
  });

  it('a workbook cut short still ends in an error, not a wait', async () => {
    const cut = path.join(dir, 'cut.xlsx');
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await expect(rowsOf(zipInput(cut).stream)).rejects.toThrow();
  });

  it('a file that cannot be read fails the reader, and its failure is told', async () => {
    const input = zipInput(path.join(dir, 'gone.xlsx'));
    await expect(rowsOf(input.stream)).rejects.toThrow(/ENOENT/);
    await expect(input.failed).rejects.toThrow(/ENOENT/);
  });

  // The reader waits on an entry whose compressed data is damaged for ever: the error is the zip
  // parser's alone. The import used to stop there, saying nothing, with exit 0.
  for (const entry of ['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml', 'xl/workbook.xml']) {
    it(`damaged compressed data in ${entry} is refused as a damaged workbook`, async () => {
      const bad = path.join(dir, `bad-${path.basename(entry)}.xlsx`);
      fs.writeFileSync(bad, damaged(fs.readFileSync(file), entry));
      const err = await readCsv(bad, { columns: MEMBER_COLUMNS, onRow: () => undefined }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(Refusal);
      expect((err as Refusal).errors.map((e) => e.code)).toEqual(['XLSX_UNREADABLE']);
    });
  }
});
