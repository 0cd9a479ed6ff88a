// openpyxl (and other writers) give the workbook's relationships targets from the package's root
// ("/xl/worksheets/sheet1.xml"); exceljs's streaming reader matched only targets relative to xl/
// and found no worksheet. The same workbook, its targets made absolute, imports the same rows.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsv } from '../src/io/csv-read.js';
import { MEMBER_COLUMNS } from '../src/io/members-csv.js';
import { zipLayoutProblem } from '../src/io/xlsx-zip-layout.js';

let dir: string;
let relative: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanzi-rels-'));
  relative = path.join(dir, 'relative.xlsx');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('成员');
  ws.addRow(['成员编号', '姓名', '户号']);
  ws.addRow(['X001', '张三', 'H01']);
  ws.addRow(['X002', '李四', 'H02']);
  await wb.xlsx.writeFile(relative);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Every entry of a zip (through its central directory), in file order. */
function entries(zip: Buffer): [string, Buffer][] {
  const e = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const out: [number, string, Buffer][] = [];
  for (let k = 0, p = zip.readUInt32LE(e + 16); k < zip.readUInt16LE(e + 10); k++) {
    const nameLen = zip.readUInt16LE(p + 28);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLen);
    const at = zip.readUInt32LE(p + 42);
    const data = zip.subarray(at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28)).subarray(0, zip.readUInt32LE(p + 20));
    out.push([at, name, zip.readUInt16LE(p + 10) === 8 ? zlib.inflateRawSync(data) : Buffer.from(data)]);
    p += 46 + nameLen + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return out.sort((a, b) => a[0] - b[0]).map(([, n, d]) => [n, d]);
}

/** A zip of stored entries, in the order given. */
function storedZip(files: [string, Buffer][]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of files) {
    const n = Buffer.from(name, 'utf8');
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt32LE(crc32(data), 14);
    h.writeUInt32LE(data.length, 18);
    h.writeUInt32LE(data.length, 22);
    h.writeUInt16LE(n.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt32LE(crc32(data), 16);
    c.writeUInt32LE(data.length, 20);
    c.writeUInt32LE(data.length, 24);
    c.writeUInt16LE(n.length, 28);
    c.writeUInt32LE(offset, 42);
    locals.push(h, n, data);
    central.push(c, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

async function rowsOf(file: string): Promise<string[]> {
  const seen: string[] = [];
  await readCsv(file, { columns: MEMBER_COLUMNS, onRow: (r) => void seen.push(`${r.line}:${r.get('id')}/${r.get('name')}/${r.get('household')}`) });
  return seen;
}

describe("a workbook's relationship targets", () => {
  it('targets from the package root ("/xl/worksheets/sheet1.xml") import as the relative ones do', async () => {
    const files = entries(fs.readFileSync(relative));
    const rels = files.find(([n]) => n === 'xl/_rels/workbook.xml.rels')!;
    const text = rels[1].toString('utf8');
    expect(text).toContain('Target="worksheets/sheet1.xml"');
    rels[1] = Buffer.from(text.replace(/Target="(?!\/)([^"]+)"/g, 'Target="/xl/$1"'), 'utf8');
    expect(rels[1].toString('utf8')).toContain('Target="/xl/worksheets/sheet1.xml"');
    const absolute = path.join(dir, 'absolute.xlsx');
    fs.writeFileSync(absolute, storedZip(files));
    expect(zipLayoutProblem(absolute)).toBeNull();
    const want = ['2:X001/张三/H01', '3:X002/李四/H02'];
    expect(await rowsOf(relative)).toEqual(want);
    expect(await rowsOf(absolute)).toEqual(want);
  });
});
