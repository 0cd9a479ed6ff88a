// A file read in chunks into one buffer, read into again and again: a large file leaves no trail of
// chunks for the garbage collector.
import fs from 'node:fs';

/**
 * The bytes of `file`, `size` at a time, each chunk a view of the same buffer: valid until the next
 * one is asked for (copy what must be kept). The file is closed however the reading ends.
 */
export async function* fileChunks(file: string, size: number): AsyncGenerator<Buffer, void, undefined> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(size);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, size, null);
      if (bytesRead === 0) return;
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}
