// A file read in chunks into one buffer, read into again and again: a large file leaves no trail of
// chunks for the garbage collector.
import fs from 'node:fs';

/**
 * The bytes of a text file about `size` at a time, each chunk ending after the last line feed (byte
 * 10) read so far: the bytes after it begin the next chunk (all of it where a chunk holds none). A
 * line feed is never part of a character in UTF-8 or GB18030, so each chunk decodes to whole lines
 * and the text of a chunk is not joined to the end of the one before: V8 then reads it as the one
 * flat string the decoder made, not as two strings joined (whose every character read costs more).
 * Each chunk is a view of the same buffer, valid until the next one is asked for. The reads are made
 * in the calling thread (see fileChunksSync): the reader has nothing else to do while it waits.
 */
export async function* lineChunks(file: string, size: number): AsyncGenerator<Buffer, void, undefined> {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(2 * size);
    let kept = 0;
    for (;;) {
      const bytesRead = fs.readSync(fd, buf, kept, size, null);
      const end = kept + bytesRead;
      if (bytesRead === 0) {
        if (kept > 0) yield buf.subarray(0, kept);
        return;
      }
      // (The bytes kept hold no line feed, and are fewer than `size`: there is room to read after them.)
      const lf = buf.lastIndexOf(10, end - 1);
      const cut = lf >= 0 ? lf + 1 : end;
      yield buf.subarray(0, cut);
      kept = end - cut;
      if (kept > 0) buf.copyWithin(0, cut, end);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The bytes of `file`, `size` at a time, each chunk a view of the same buffer (valid until the next
 * one is asked for), read in this thread: for a file read straight through with nothing else to do meanwhile
 * (an import's digest, before its write). Each read waits for the disk instead of for a thread of
 * libuv's pool and the event loop to hand it over: a 52 MB file's digest took 0.16 s of an import's
 * start read 1 MB at a time that way, while the import's reader thread was starting beside it.
 */
export function* fileChunksSync(file: string, size: number): Generator<Buffer, void, undefined> {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(size);
    for (;;) {
      const n = fs.readSync(fd, buf, 0, size, null);
      if (n === 0) return;
      yield buf.subarray(0, n);
    }
  } finally {
    fs.closeSync(fd);
  }
}
