// A workbook's zip must read the same from the front as through its central directory. The import
// reads a workbook front to back (exceljs's streaming reader: each entry's local header in turn),
// while Excel, WPS and every other program read it through the central directory at its end. Two
// zips joined into one file, or entries the directory does not list, would show one table in Excel
// and import another: an auditor opening the imported file would not see what was imported. Such a
// file is refused. The layout every zip writer makes is accepted: the entries one after the other
// from the first byte, each as long in its local header as in the directory (or, sized only by the
// data descriptor after it, without that descriptor's signature inside its data), then the central
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
  uncompressed: number;
  crc: number;
}

const ZIP64_EOCD = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const DESCRIPTOR = 0x08074b50;
const FULL32 = 0xffffffff;

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
 * told (no end record: a file cut short, which the reader refuses as damaged).
 */
export function zipLayoutProblem(file: string): LayoutProblem | null {
  const fd = fs.openSync(file, 'r');
  try {
    return problemOf(fd, fs.fstatSync(fd).size);
  } finally {
    fs.closeSync(fd);
  }
}

/** The central directory as the end records give it: where it is, how long, how many entries. */
interface Directory {
  offset: number;
  size: number;
  count: number;
  /** Where the records after the directory begin (the zip64 end record, else the end record). */
  endsAt: number;
}

function problemOf(fd: number, size: number): LayoutProblem | null {
  const tailStart = Math.max(0, size - TAIL);
  const tail = readAt(fd, tailStart, size - tailStart);
  // The last end record; after it its comment, and nothing else but zero bytes (some writers pad a
  // zip sent down a pipe to a whole block: zeros cannot hide a second zip).
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const after = eocd + 22 + tail.readUInt16LE(eocd + 20);
  if (after > tail.length || tail.subarray(after).some((b) => b !== 0)) return problem('压缩包结束之后还有别的内容', 'there is more after the end of the zip');
  const dir = directoryOf(fd, tail, eocd, tailStart + eocd);
  if ('zh' in dir) return dir;
  if (dir.offset + dir.size !== dir.endsAt) return problem('中央目录与结束记录不相接', 'the central directory does not end where its end record begins');
  const cd = readAt(fd, dir.offset, dir.size);
  const entries: Entry[] = [];
  const names = new Set<string>();
  let p = 0;
  for (let k = 0; k < dir.count && (dir.count !== Infinity || p < cd.length); k++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) return problem('中央目录的条目比它声明的少', 'the central directory lists fewer entries than it says');
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const name = cd.toString('utf8', p + 46, p + 46 + nameLen);
    if (names.has(name)) return problem(`条目 ${name} 出现了两次`, `the entry ${name} is listed twice`);
    names.add(name);
    // Sizes and offset of 0xFFFFFFFF are in the zip64 extra field (0x0001), in this order, only those.
    const wide = zip64Extra(cd.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen)) ?? [];
    const field = (at: number) => {
      const v = cd.readUInt32LE(p + at);
      return v === FULL32 && wide.length ? wide.shift()! : v;
    };
    const uncompressed = field(24);
    const compressed = field(20);
    const offset = field(42);
    entries.push({ name, offset, compressed, uncompressed, crc: cd.readUInt32LE(p + 16) });
    p += 46 + nameLen + extraLen + cd.readUInt16LE(p + 32);
  }
  if (p !== cd.length) return problem('中央目录里有条目以外的内容', 'the central directory holds more than its entries');
  entries.sort((a, b) => a.offset - b.offset);
  let expected = 0;
  for (const e of entries) {
    if (e.offset !== expected) return problem(`条目 ${e.name} 不紧接在前一个条目之后`, `the entry ${e.name} is not where the one before it ends`);
    const end = entryEnd(fd, e);
    if (typeof end !== 'number') return end;
    expected = end;
  }
  if (expected !== dir.offset) return problem('条目与中央目录不相接', 'the entries do not end where the central directory begins');
  return null;
}

/**
 * Where an entry ends (its descriptor included), read as the central directory says, or why the
 * import's front-to-back reading of it would differ: its local header names another entry, gives
 * another size, or (giving none) leaves the data to end at the first descriptor signature, which is
 * not where the directory ends it.
 */
function entryEnd(fd: number, e: Entry): number | LayoutProblem {
  const head = readAt(fd, e.offset, 30);
  if (head.length < 30 || head.readUInt32LE(0) !== LOCAL) return problem(`条目 ${e.name} 的位置上没有文件头`, `the entry ${e.name} has no local header`);
  const nameLen = head.readUInt16LE(26);
  const extraLen = head.readUInt16LE(28);
  const localName = readAt(fd, e.offset + 30, nameLen).toString('utf8');
  if (localName !== e.name) return problem(`条目 ${e.name} 的位置上是 ${localName}`, `the local header at the place of ${e.name} names ${localName}`);
  const flags = head.readUInt16LE(6);
  const localSize = head.readUInt32LE(18);
  const dataAt = e.offset + 30 + nameLen + extraLen;
  const dataEnd = dataAt + e.compressed;
  // The front-to-back reader takes an entry's data by the local header's size when it gives one,
  // else up to the first data descriptor signature (unzipper's Parse).
  if ((flags & 8) === 0 || localSize > 0) {
    if (localSize !== FULL32 && localSize !== e.compressed) return problem(`条目 ${e.name} 的文件头与中央目录的大小不同`, `the local header of ${e.name} gives another size than the central directory`);
  } else if (firstDescriptorSignature(fd, dataAt, dataEnd) !== dataEnd) {
    return problem(`条目 ${e.name} 的数据不是恰好在数据描述的标记处结束`, `the data of ${e.name} does not end exactly at a data descriptor's signature`);
  }
  if ((flags & 8) === 0) return dataEnd;
  // A local header with a zip64 extra field has its descriptor's sizes in 8 bytes each; some
  // writers give zip64 sizes without it: the other width is tried too.
  const wide = zip64Extra(readAt(fd, e.offset + 30 + nameLen, extraLen)) !== null;
  const bytes = readAt(fd, dataEnd, 24);
  const length = descriptorLength(bytes, e, wide) || descriptorLength(bytes, e, !wide);
  if (length === 0) return problem(`条目 ${e.name} 的数据描述与中央目录不符`, `the data descriptor of ${e.name} disagrees with the central directory`);
  return dataEnd + length;
}

/** The first data descriptor signature from `from` on, looked for up to `to` (where it should be); -1 when none. */
function firstDescriptorSignature(fd: number, from: number, to: number): number {
  const sig = Buffer.alloc(4);
  sig.writeUInt32LE(DESCRIPTOR, 0);
  const CHUNK = 1 << 20;
  for (let at = from; at <= to; at += CHUNK) {
    const b = readAt(fd, at, Math.min(CHUNK + 3, to + 4 - at));
    const hit = b.indexOf(sig);
    if (hit >= 0) return at + hit;
    if (b.length < 4) break;
  }
  return -1;
}

/**
 * The directory from the end record, or from the zip64 end record its locator (just before it)
 * points to: the zip64 record must lie right after the directory, and the locator right after it.
 */
function directoryOf(fd: number, tail: Buffer, eocd: number, eocdAt: number): Directory | LayoutProblem {
  const count = tail.readUInt16LE(eocd + 10);
  const size = tail.readUInt32LE(eocd + 12);
  const offset = tail.readUInt32LE(eocd + 16);
  // Without a zip64 record, a field at its maximum is taken as readers take it: the directory ends
  // where the end record begins, and holds as many entries as it has records.
  const plain: Directory = { count: count === 0xffff ? Infinity : count, size, offset: offset === FULL32 ? eocdAt - size : offset, endsAt: eocdAt };
  if (eocdAt < 20) return plain;
  const locator = readAt(fd, eocdAt - 20, 20);
  if (locator.readUInt32LE(0) !== ZIP64_LOCATOR) return size === FULL32 ? problem('中央目录的大小无从得知', 'the size of the central directory is not given') : plain;
  const at = Number(locator.readBigUInt64LE(8));
  const record = readAt(fd, at, 56);
  if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_EOCD) return problem('zip64 结束记录不在它的定位记录所指之处', 'the zip64 end record is not where its locator points');
  if (at + 12 + Number(record.readBigUInt64LE(4)) !== eocdAt - 20) return problem('zip64 结束记录与它的定位记录不相接', 'the zip64 end record does not end where its locator begins');
  return { count: Number(record.readBigUInt64LE(32)), size: Number(record.readBigUInt64LE(40)), offset: Number(record.readBigUInt64LE(48)), endsAt: at };
}

/** The 8-byte values of a zip64 extra field (ID 0x0001) among an entry's extra fields; null without one. */
function zip64Extra(extra: Buffer): number[] | null {
  for (let q = 0; q + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(q);
    const len = extra.readUInt16LE(q + 2);
    if (id === 1) {
      const out: number[] = [];
      for (let r = q + 4; r + 8 <= q + 4 + len && r + 8 <= extra.length; r += 8) out.push(Number(extra.readBigUInt64LE(r)));
      return out;
    }
    q += 4 + len;
  }
  return null;
}

/**
 * The length of the data descriptor `b` begins with, its CRC and sizes agreeing with the central
 * directory's: 16 bytes with its optional signature, 12 without; with zip64 sizes (`wide`), 24 or
 * 20. 0 when it disagrees.
 */
function descriptorLength(b: Buffer, e: Entry, wide: boolean): number {
  const fits = (at: number): boolean => {
    if (b.length < at + 4 + (wide ? 16 : 8) || b.readUInt32LE(at) !== e.crc) return false;
    if (wide) return Number(b.readBigUInt64LE(at + 4)) === e.compressed && Number(b.readBigUInt64LE(at + 12)) === e.uncompressed;
    return b.readUInt32LE(at + 4) === e.compressed && b.readUInt32LE(at + 8) === e.uncompressed;
  };
  const size = wide ? 20 : 12;
  if (b.length >= 4 && b.readUInt32LE(0) === DESCRIPTOR && fits(4)) return size + 4;
  return fits(0) ? size : 0;
}
