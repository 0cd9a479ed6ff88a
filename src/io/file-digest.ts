// The SHA-256 of a file as read from disk (streamed: large imports are not held in memory).
import crypto from 'node:crypto';
import fs from 'node:fs';
import { workbookKind } from './csv-read.js';

/**
 * The file's digest and size, and whether it is an Excel workbook (by its first bytes, as the
 * import reads it); null when it is missing or not a regular file (the import reports that).
 */
export async function fileDigest(file: string): Promise<{ sha256: string; bytes: number; workbook: boolean } | null> {
  try {
    if (!fs.statSync(file).isFile()) return null;
  } catch {
    return null;
  }
  const h = crypto.createHash('sha256');
  let bytes = 0;
  let workbook = false;
  // One buffer read into again and again: a large file leaves no trail of chunks for the collector.
  const fh = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      const chunk = buf.subarray(0, bytesRead);
      if (bytes === 0) workbook = workbookKind(chunk) === '.xlsx';
      h.update(chunk);
      bytes += bytesRead;
    }
  } finally {
    await fh.close();
  }
  return { sha256: h.digest('hex'), bytes, workbook };
}
