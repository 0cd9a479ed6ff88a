// The SHA-256 of a file as read from disk (streamed: large imports are not held in memory).
import crypto from 'node:crypto';
import fs from 'node:fs';
import { workbookKind } from './csv-read.js';
import { fileChunksSync } from './file-chunks.js';

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
  for (const chunk of fileChunksSync(file, 1 << 22)) {
    if (bytes === 0) workbook = workbookKind(chunk) === '.xlsx';
    h.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: h.digest('hex'), bytes, workbook };
}
