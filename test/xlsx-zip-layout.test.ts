// A workbook is imported front to back, while Excel reads it through its central directory: a file
// whose two readings differ (two workbooks joined, a directory moved) is refused, the layouts zip
// writers make are not.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Refusal } from '../src/domain/errors.js';
import { readCsv } from '../src/io/csv-read.js';
import { MEMBER_COLUMNS } from '../src/io/members-csv.js';
import { zipLayoutProblem } from '../src/io/xlsx-zip-layout.js';
import { centralEntries, endRecordAt, membersWorkbook, storedZip } from './zip-bytes.js';

let dir: string;
let shown: string; // what Excel would show
let imported: string; // what was meant to be imported instead
let streamed: string; // written by exceljs's streaming writer (data descriptors after each entry)

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanzi-layout-'));
  shown = await membersWorkbook(path.join(dir, 'shown.xlsx'), [['X001', '张三', 'H01']]);
  imported = await membersWorkbook(path.join(dir, 'imported.xlsx'), [['X001', '张三', 'H01'], ['X999', '王五', 'H09']]);
  streamed = path.join(dir, 'streamed.xlsx');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: streamed, useSharedStrings: true });
  const ws = wb.addWorksheet('成员');
  ws.addRow(['成员编号', '姓名', '户号']).commit();
  ws.addRow(['X001', '张三', 'H01']).commit();
  ws.commit();
  await wb.commit();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** `front` then `back`, back's central directory moved to where it now lies (as `zip -A` would). */
function joinedAdjusted(front: Buffer, back: Buffer): Buffer {
  const b = Buffer.from(back);
  for (const e of centralEntries(b)) b.writeUInt32LE(e.offset + front.length, e.at + 42);
  const end = endRecordAt(b);
  b.writeUInt32LE(b.readUInt32LE(end + 16) + front.length, end + 16);
  return Buffer.concat([front, b]);
}

/** The zip with a zip64 end record and its locator between its central directory and its end record. */
function withZip64(zip: Buffer): Buffer {
  const e = endRecordAt(zip);
  const count = zip.readUInt16LE(e + 10);
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4); // the record's size after these 12 bytes
  record.writeUInt16LE(45, 12);
  record.writeUInt16LE(45, 14);
  record.writeBigUInt64LE(BigInt(count), 24);
  record.writeBigUInt64LE(BigInt(count), 32);
  record.writeBigUInt64LE(BigInt(zip.readUInt32LE(e + 12)), 40);
  record.writeBigUInt64LE(BigInt(zip.readUInt32LE(e + 16)), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(e), 8); // where the zip64 record begins: where the end record was
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([zip.subarray(0, e), record, locator, zip.subarray(e)]);
}

let rowsRead = 0;

async function refusal(file: string): Promise<Refusal | null> {
  rowsRead = 0;
  return readCsv(file, { columns: MEMBER_COLUMNS, onRow: () => void rowsRead++ }).then(
    () => null,
    (e: unknown) => {
      if (e instanceof Refusal) return e;
      throw e;
    },
  );
}

describe('the zip layout of an imported workbook', () => {
  it('workbooks as zip writers make them are accepted, with or without data descriptors', async () => {
    expect(centralEntries(fs.readFileSync(shown)).every((e) => (e.flags & 8) === 0)).toBe(true);
    expect(centralEntries(fs.readFileSync(streamed)).some((e) => (e.flags & 8) !== 0)).toBe(true);
    for (const f of [shown, imported, streamed]) expect(zipLayoutProblem(f)).toBeNull();
    expect(await refusal(streamed)).toBeNull();
    expect(rowsRead).toBe(1);
  });

  it('a zip64 end record and its locator before the end record (some writers add them to any zip) are followed', async () => {
    const file = path.join(dir, 'zip64.xlsx');
    fs.writeFileSync(file, withZip64(fs.readFileSync(shown)));
    expect(zipLayoutProblem(file)).toBeNull();
    expect(await refusal(file)).toBeNull();
    expect(rowsRead).toBe(1);
  });

  it('zero bytes after the end record (a zip padded to a block) are accepted', async () => {
    const file = path.join(dir, 'padded.xlsx');
    fs.writeFileSync(file, Buffer.concat([fs.readFileSync(shown), Buffer.alloc(2500)]));
    expect(zipLayoutProblem(file)).toBeNull();
    expect(await refusal(file)).toBeNull();
  });

  it('a file cut short is left to the reader, which refuses it as damaged', async () => {
    const cut = path.join(dir, 'cut.xlsx');
    const bytes = fs.readFileSync(shown);
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
    expect(zipLayoutProblem(cut)).toBeNull();
    const r = await refusal(cut);
    expect(r?.errors.map((e) => e.code)).toEqual(['XLSX_UNREADABLE']);
    expect(r?.errors[0].zh).toContain('文件不完整或已损坏');
  });

  // The import takes an entry's data by its local header's size (or, without one, up to the first
  // data descriptor signature); Excel by the central directory's. A local header that gives less
  // would have the import read, inside the entry, a second hidden entry of its own.
  const parts = (): { name: string; data: Buffer }[] => [
    { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
    { name: 'xl/media/a.bin', data: Buffer.from('0123456789abcdef') },
    { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
  ];

  it('stored entries, with or without data descriptors, as writers make them, are accepted', () => {
    const file = path.join(dir, 'stored.xlsx');
    fs.writeFileSync(file, storedZip(parts()));
    expect(zipLayoutProblem(file)).toBeNull();
    fs.writeFileSync(file, storedZip(parts().map((f) => ({ ...f, descriptor: true }))));
    expect(zipLayoutProblem(file)).toBeNull();
  });

  it('a local header that gives another size than the central directory is refused', () => {
    const file = path.join(dir, 'local-size.xlsx');
    fs.writeFileSync(file, storedZip(parts().map((f, i) => (i === 1 ? { ...f, localSize: 4 } : f))));
    expect(zipLayoutProblem(file)?.zh).toContain('条目 xl/media/a.bin 的文件头与中央目录的大小不同');
  });

  it("an entry sized by its descriptor, with a descriptor's signature inside its data, is refused", () => {
    const file = path.join(dir, 'inner-signature.xlsx');
    const inner = Buffer.concat([Buffer.from('0123'), Buffer.from([0x50, 0x4b, 0x07, 0x08]), Buffer.from('89abcdef')]);
    fs.writeFileSync(file, storedZip(parts().map((f, i) => ({ ...f, descriptor: true, data: i === 1 ? inner : f.data }))));
    expect(zipLayoutProblem(file)?.zh).toContain('条目 xl/media/a.bin 的数据不是恰好在数据描述的标记处结束');
  });

  const cases: [string, () => Buffer, string][] = [
    ['two workbooks joined', () => Buffer.concat([fs.readFileSync(imported), fs.readFileSync(shown)]), '中央目录与结束记录不相接'],
    ['two workbooks joined, the directory moved to match', () => joinedAdjusted(fs.readFileSync(imported), fs.readFileSync(shown)), '不紧接在前一个条目之后'],
    ['bytes after the end of the zip', () => Buffer.concat([fs.readFileSync(shown), Buffer.from('trailing')]), '压缩包结束之后还有别的内容'],
    ['two workbooks joined, the second with zip64 end records', () => Buffer.concat([fs.readFileSync(imported), withZip64(fs.readFileSync(shown))]), 'zip64 结束记录不在它的定位记录所指之处'],
  ];
  for (const [what, make, why] of cases) {
    it(`${what}: refused, nothing read`, async () => {
      const file = path.join(dir, `${what.replace(/\W+/g, '-')}.xlsx`);
      fs.writeFileSync(file, make());
      expect(zipLayoutProblem(file)?.zh).toContain(why);
      const r = await refusal(file);
      expect(r?.errors.map((e) => e.code)).toEqual(['XLSX_UNREADABLE']);
      expect(r?.errors[0].zh).toContain('可能是拼接或改动过的文件');
      expect(r?.errors[0].source).toMatchObject({ file, line: 1 });
      expect(rowsRead).toBe(0);
    });
  }
});
