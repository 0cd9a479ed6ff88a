// Zip bytes for the Excel import's tests: the members workbook they import, a zip's central
// directory read back, its entries unpacked, and a zip of stored entries made by hand (with a local
// header or a data descriptor that can be made to disagree).
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';

/** A members workbook (one sheet 成员: 成员编号, 姓名, 户号, then `rows`) written by exceljs. */
export async function membersWorkbook(file: string, rows: string[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('成员');
  ws.addRow(['成员编号', '姓名', '户号']);
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(file);
  return file;
}

/** Where the (last) end of central directory record begins. */
export function endRecordAt(zip: Buffer): number {
  return zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
}

export interface CentralEntry {
  /** Where the entry's record begins in the central directory. */
  at: number;
  name: string;
  /** Where its local header begins. */
  offset: number;
  compressed: number;
  method: number;
  flags: number;
}

/** The central directory's entries, in its order. */
export function centralEntries(zip: Buffer): CentralEntry[] {
  const e = endRecordAt(zip);
  const out: CentralEntry[] = [];
  for (let k = 0, p = zip.readUInt32LE(e + 16); k < zip.readUInt16LE(e + 10); k++) {
    const nameLen = zip.readUInt16LE(p + 28);
    out.push({
      at: p,
      name: zip.toString('utf8', p + 46, p + 46 + nameLen),
      offset: zip.readUInt32LE(p + 42),
      compressed: zip.readUInt32LE(p + 20),
      method: zip.readUInt16LE(p + 10),
      flags: zip.readUInt16LE(p + 8),
    });
    p += 46 + nameLen + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return out;
}

/** Where an entry's data begins, after its local header. */
export function dataAt(zip: Buffer, e: CentralEntry): number {
  return e.offset + 30 + zip.readUInt16LE(e.offset + 26) + zip.readUInt16LE(e.offset + 28);
}

/** Every entry unpacked, in file order. */
export function unzipEntries(zip: Buffer): [string, Buffer][] {
  return centralEntries(zip)
    .sort((a, b) => a.offset - b.offset)
    .map((e) => {
      const data = zip.subarray(dataAt(zip, e), dataAt(zip, e) + e.compressed);
      return [e.name, e.method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data)];
    });
}

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

export interface StoredFile {
  name: string;
  data: Buffer;
  /** Sized by a data descriptor after the data (flag bit 3; the local header's CRC and sizes 0). */
  descriptor?: boolean;
  /** The size the local header gives instead of the data's (a header that disagrees). */
  localSize?: number;
}

/** A header of `size` bytes: signature, then 16-bit and 32-bit fields at their offsets. */
function header(size: number, signature: number, u16: [number, number][], u32: [number, number][]): Buffer {
  const h = Buffer.alloc(size);
  h.writeUInt32LE(signature, 0);
  for (const [at, v] of u16) h.writeUInt16LE(v, at);
  for (const [at, v] of u32) h.writeUInt32LE(v, at);
  return h;
}

/** A zip of stored entries, in the order given. */
export function storedZip(files: readonly StoredFile[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name, 'utf8');
    const crc = crc32(f.data);
    const flags = f.descriptor ? 8 : 0;
    const [localCrc, localSize] = f.descriptor ? [0, f.localSize ?? 0] : [crc, f.localSize ?? f.data.length];
    const local = header(30, 0x04034b50, [[4, 20], [6, flags], [26, name.length]], [[14, localCrc], [18, localSize], [22, f.descriptor ? 0 : f.data.length]]);
    const descriptor = f.descriptor ? header(16, 0x08074b50, [], [[4, crc], [8, f.data.length], [12, f.data.length]]) : Buffer.alloc(0);
    central.push(header(46, 0x02014b50, [[4, 20], [6, 20], [8, flags], [28, name.length]], [[16, crc], [20, f.data.length], [24, f.data.length], [42, offset]]), name);
    parts.push(local, name, f.data, descriptor);
    offset += local.length + name.length + f.data.length + descriptor.length;
  }
  const cd = Buffer.concat(central);
  const end = header(22, 0x06054b50, [[8, files.length], [10, files.length]], [[12, cd.length], [16, offset]]);
  return Buffer.concat([...parts, cd, end]);
}
