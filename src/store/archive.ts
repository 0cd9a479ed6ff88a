// The archive's files: a new (or empty) folder, each document written with its size and SHA-256,
// a backup of the ledger checked by verify, and the folder read back for `archive verify`.
//
// The backup is SQLite's online backup (one consistent snapshot) into the archive folder, opened
// afterwards and verified like any ledger; the file is readable by its owner only.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Refusal } from '../domain/errors.js';
import { ArchiveErrors } from '../domain/errors/archive.js';
import { fileReason, OutputErrors } from '../domain/errors/output.js';
import type { Ledger } from './ledger.js';
import { backupLedger } from './backup.js';

export interface FileFacts {
  bytes: number;
  sha256: string;
}

function facts(bytes: Buffer): FileFacts {
  return { bytes: bytes.length, sha256: crypto.createHash('sha256').update(bytes).digest('hex') };
}

/** Create the archive folder; refuse one that exists and holds anything, or a file of that name. */
export function prepareArchiveDir(dir: string, shown: string): void {
  if (fs.existsSync(dir)) {
    if (!fs.statSync(dir).isDirectory() || fs.readdirSync(dir).length > 0) throw new Refusal(ArchiveErrors.ARCHIVE_DIR_NOT_EMPTY(shown));
    return;
  }
  try {
    makeDirs(dir);
  } catch (e) {
    const why = fileReason(e);
    throw new Refusal(OutputErrors.OUT_FILE(shown, why.zh, why.en));
  }
}

/**
 * A folder and the folders above it that are missing, made one level at a time from the nearest
 * that exists (Node's own recursive mkdir never returns on some paths, such as under /proc).
 */
function makeDirs(dir: string): void {
  const missing: string[] = [];
  for (let d = path.resolve(dir); !fs.existsSync(d); d = path.dirname(d)) {
    missing.push(d);
    if (path.dirname(d) === d) break;
  }
  for (const d of missing.reverse()) fs.mkdirSync(d);
}

/** Write one file of the archive (its folders made as needed); its size and digest. */
export function writeArchiveFile(dir: string, rel: string, bytes: Buffer, mode?: number): FileFacts {
  const file = path.join(dir, ...rel.split('/'));
  makeDirs(path.dirname(file));
  fs.writeFileSync(file, bytes, mode === undefined ? undefined : { mode });
  return facts(bytes);
}

/**
 * A verified copy of the ledger at `rel` in the archive: the online backup, then verify on the copy.
 * What verify finds comes back (empty when sound).
 */
/** A verified backup of the ledger inside the archive (the backup command's own path), and its facts. */
export async function backupIntoArchive(ledger: Ledger, dir: string, rel: string): Promise<FileFacts> {
  const file = path.join(dir, ...rel.split('/'));
  makeDirs(path.dirname(file));
  await backupLedger(ledger, file, rel);
  return facts(fs.readFileSync(file));
}

/** Every file under the folder (paths relative, with `/`), with its size and digest. */
export function readArchiveDir(dir: string): Map<string, FileFacts> {
  const out = new Map<string, FileFacts>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p).split(path.sep).join('/'), facts(fs.readFileSync(p)));
    }
  };
  walk(dir);
  return out;
}

/** The manifest's JSON, or why it cannot be read. */
export function readManifestFile(dir: string, name: string): { json: unknown } | { why: string } {
  try {
    return { json: JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) };
  } catch (e) {
    return { why: (e as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : (e as Error).message };
  }
}

export function isDirectory(dir: string): boolean {
  return fs.existsSync(dir) && fs.statSync(dir).isDirectory();
}
