// verify of a ledger written by an older sanzi. Any command upgrades such a ledger as it opens it;
// verify does not: a check writes nothing, and an archived copy is often read-only (it could not be
// verified at all otherwise). What is checked is a copy of it, page for page as SQLite's backup makes
// it (one consistent snapshot, the same rowids), upgraded as any command would upgrade the ledger,
// in a folder of its own readable by its owner only, removed after. The ledger's own newest audit
// record is what verify reports and what --expect is checked against: an upgrade may add records to
// the copy that the ledger will never hold. Whatever stops the copy, the ledger is never opened to
// be upgraded: a damaged one is reported damaged, a copy that cannot be written is said as such.
// A verify killed meanwhile leaves its copy behind (its folder is named with its process id): a
// verify of an older ledger hours later removes the copies of verifies no longer running.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AuditAnchor } from '../domain/audit-log.js';
import { Refusal, type LedgerError } from '../domain/errors.js';
import { VerifyErrors } from '../domain/errors/verify.js';
import { APPLICATION_ID, isReadOnlyFile, migrate, openDatabase, ownerOnly, type DB } from './db.js';
import { SCHEMA_VERSION } from './migrations/index.js';
import { anchorFindings, auditHead, isSqliteError } from './verify.js';

/** An older ledger's upgraded copy, and what the ledger itself says of its trail. */
export interface OlderCopy {
  file: string;
  remove: () => void;
  /** The ledger's newest audit record (null before schema 5, which began the trail). */
  head: { id: number; hash: string } | null;
  /** The --expect anchor checked against the ledger's own trail. */
  anchor: LedgerError[];
}

/**
 * The upgraded copy of an older ledger to verify; null for any other file (verified, or refused, as
 * it is). A ledger that cannot be read to the end is damage (a finding, as verify reports it); a copy
 * that cannot be written is refused (OLDER_COPY_FAILED, exit 1).
 */
export async function olderLedgerCopy(file: string, expect?: AuditAnchor): Promise<OlderCopy | { damaged: LedgerError } | null> {
  let src: DB;
  try {
    // Read-write where the file may be written (nothing is): closing it then removes the -wal and
    // -shm files opening it made, as any command's closing does (a -wal holding committed writes is
    // brought into the file then, its content unchanged).
    src = openDatabase(file, { readonly: isReadOnlyFile(file), fileMustExist: true });
  } catch {
    return null;
  }
  let dir: string | null = null;
  let copy = '';
  let version = 0;
  try {
    try {
      if (src.pragma('application_id', { simple: true }) !== APPLICATION_ID) return null;
      version = src.pragma('user_version', { simple: true }) as number;
    } catch {
      return null; // not a readable ledger: opened as usual next, and refused so
    }
    if (version >= SCHEMA_VERSION) return null;
    ownerOnly(file);
    const head = auditHead(src);
    const anchor = anchorFindings(src, expect);
    removeLeftCopies(os.tmpdir());
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `${COPY_PREFIX}${process.pid}-`));
    copy = path.join(dir, 'ledger.db');
    await src.backup(copy);
    upgrade(copy);
    const made = dir;
    dir = null;
    return { file: copy, remove: () => fs.rmSync(made, { recursive: true, force: true }), head, anchor };
  } catch (e) {
    // Said of the ledger, not of its copy.
    const said = (t: string) => (copy ? t.split(copy).join(file) : t);
    const detail = said(e instanceof Refusal ? e.errors.map((x) => x.zh).join('；') : isSqliteError(e) || e instanceof Error ? e.message : String(e));
    const code = (e as { code?: unknown }).code;
    if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
      return { damaged: VerifyErrors.UNREADABLE(detail) };
    }
    throw new Refusal(VerifyErrors.OLDER_COPY_FAILED(version, detail));
  } finally {
    src.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The start of a copy's folder's name, before the process id of the verify that made it. */
const COPY_PREFIX = 'sanzi-verify-';
/** A copy's folder: the prefix, the process id, and mkdtemp's six characters. */
const COPY_FOLDER = /^sanzi-verify-(\d+)-[A-Za-z0-9]{6}$/;
/**
 * How old a left folder must be before it is removed. A verify takes seconds; the age keeps a
 * running verify's folder safe where its process cannot be seen from here (another PID namespace,
 * another host sharing the folder).
 */
const LEFT_FOR_MS = 6 * 3600 * 1000;
/** What a copy's folder holds: the copy and SQLite's files beside it. */
const COPY_FILES = /^ledger\.db(-journal|-wal|-shm)?$/;

/**
 * The folders of copies left by verifies no longer running (killed before they could remove them):
 * this user's own folders as a copy's is made (owner-only, on the same file system, not a link,
 * holding nothing but a copy), hours old, whose process id names no running process. Anything else
 * is left alone. `now`: the time to judge the age by.
 */
export function removeLeftCopies(tmp: string, now: number = Date.now()): void {
  let names: string[];
  let tmpDev: number;
  try {
    names = fs.readdirSync(tmp);
    tmpDev = fs.statSync(tmp).dev;
  } catch {
    return;
  }
  const uid = process.getuid?.();
  for (const name of names) {
    const m = COPY_FOLDER.exec(name);
    if (!m || isRunning(Number(m[1]))) continue;
    const dir = path.join(tmp, name);
    try {
      const st = fs.lstatSync(dir);
      if (!st.isDirectory() || (st.mode & 0o777) !== 0o700 || st.dev !== tmpDev) continue;
      if ((uid !== undefined && st.uid !== uid) || now - st.mtimeMs < LEFT_FOR_MS) continue;
      const inside = fs.readdirSync(dir);
      if (!inside.every((f) => COPY_FILES.test(f) && fs.lstatSync(path.join(dir, f)).isFile())) continue;
      for (const f of inside) fs.unlinkSync(path.join(dir, f));
      fs.rmdirSync(dir);
    } catch {
      // Gone meanwhile, or not ours to remove: left.
    }
  }
}

/** Whether a process of that id runs (one that may not be signalled runs too). */
function isRunning(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** The copy upgraded as opening it would (foreign keys on, the migrations in order); SQLite's errors as they come. */
function upgrade(copy: string): void {
  const db = openDatabase(copy, { fileMustExist: true });
  try {
    db.pragma('foreign_keys = ON');
    migrate(db);
  } finally {
    db.close();
  }
}
