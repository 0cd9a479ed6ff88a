// A workbook's zip must read the same from the front as through its central directory. The import
// reads a workbook front to back (exceljs's streaming reader: each entry's local header in turn),
// while Excel, WPS and every other program read it through the central directory at its end. Two
// zips joined into one file, or entries the directory does not list, would show one table in Excel
// and import another: an auditor opening the imported file would not see what was imported. Such a
// file is refused. The layout every zip writer makes is accepted: the entries one after the other
// from the first byte (each followed by its data descriptor when its flags say so), then the central
// directory listing exactly them, then its end record, and nothing after but the record's comment.
// A file without an end record at all (cut short) is left to the reader, which refuses it as damaged.
import fs from 'node:fs';

/** Why a zip's two readings may differ, in both languages. */
export interface LayoutProblem {
  zh: string;
  en: string;
}

const problem = (zh: string, en: string): LayoutProblem => ({ zh, en });

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** The end record (22 bytes) and the longest comment it may carry. */
const TAIL = 22 + 0xffff;

interface Entry {
  name: string;
  offset: number;
  compressed: number;
  /** General purpose flag bit 3: sizes in a data descriptor after the data. */
  descriptor: boolean;
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const n = fs.readSync(fd, buf, got, length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return got === length ? buf : buf.subarray(0, got);
}

/**
 * Why the zip's layout is not the plain one (see the file's head), or null when it is, or cannot be
 * told (no end record: a file cut short; a zip64 file).
 */
export function zipLayoutProblem(file: string): LayoutProblem | null {
  const fd = fs.openSync(file, 'r');
  try {
    return problemOf(fd, fs.fstatSync(fd).size);
  } finally {
    fs.closeSync(fd);
  }
}

function problemOf(fd: number, size: number): LayoutProblem | null {
  const tailStart = Math.max(0, size - TAIL);
  const tail = readAt(fd, tailStart, size - tailStart);
  // The last end record; its comment must run exactly to the end of the file.
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  if (eocd + 22 + tail.readUInt16LE(eocd + 20) !== tail.length) return problem('压缩包结束之后还有别的内容', 'there is more after the end of the zip');
  const count = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) return null; // zip64: not told here
  const eocdAt = tailStart + eocd;
  // A zip64 end record's locator just before it (some writers add one to any zip): not told here.
  if (eocd >= 20 && tail.readUInt32LE(eocd - 20) === 0x07064b50) return null;
  if (cdOffset + cdSize !== eocdAt) return problem('中央目录与结束记录不相接', 'the central directory does not end where its end record begins');
  const cd = readAt(fd, cdOffset, cdSize);
  const entries: Entry[] = [];
  const names = new Set<string>();
  let p = 0;
  for (let k = 0; k < count; k++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) return problem('中央目录的条目比它声明的少', 'the central directory lists fewer entries than it says');
    const nameLen = cd.readUInt16LE(p + 28);
    const name = cd.toString('utf8', p + 46, p + 46 + nameLen);
    if (names.has(name)) return problem(`条目 ${name} 出现了两次`, `the entry ${name} is listed twice`);
    names.add(name);
    entries.push({ name, offset: cd.readUInt32LE(p + 42), compressed: cd.readUInt32LE(p + 20), descriptor: (cd.readUInt16LE(p + 8) & 8) !== 0 });
    p += 46 + nameLen + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
  }
  if (p !== cd.length) return problem('中央目录里有条目以外的内容', 'the central directory holds more than its entries');
  entries.sort((a, b) => a.offset - b.offset);
  let expected = 0;
  for (const e of entries) {
    if (e.offset !== expected) return problem(`条目 ${e.name} 不紧接在前一个条目之后`, `the entry ${e.name} is not where the one before it ends`);
    const head = readAt(fd, e.offset, 30);
    if (head.length < 30 || head.readUInt32LE(0) !== LOCAL) return problem(`条目 ${e.name} 的位置上没有文件头`, `the entry ${e.name} has no local header`);
    const nameLen = head.readUInt16LE(26);
    const localName = readAt(fd, e.offset + 30, nameLen).toString('utf8');
    if (localName !== e.name) return problem(`条目 ${e.name} 的位置上是 ${localName}`, `the local header at the place of ${e.name} names ${localName}`);
    expected = e.offset + 30 + nameLen + head.readUInt16LE(28) + e.compressed;
    if (e.descriptor) expected += descriptorLength(fd, expected);
  }
  if (expected !== cdOffset) return problem('条目与中央目录不相接', 'the entries do not end where the central directory begins');
  return null;
}

/** A data descriptor at `at`: 12 bytes, or 16 with its optional signature. */
function descriptorLength(fd: number, at: number): number {
  const b = readAt(fd, at, 4);
  return b.length === 4 && b.readUInt32LE(0) === 0x08074b50 ? 16 : 12;
}
