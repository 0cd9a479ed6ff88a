// Backups and restores. A backup is SQLite's online backup of the ledger — one consistent snapshot
// even while another sanzi writes — into a temporary file beside the target, made one
// self-contained file (rollback journal: no -wal or -shm needed to read it), verified, and only then
// given its name (never over an existing file). A restore verifies the backup the same way before
// it touches the ledger, keeps the current ledger aside (with its -wal and -shm, so nothing of it is
// lost and no stale -wal is ever replayed into the restored file), then puts the backup in place.
// Every file written is readable by its owner only.
import fs from 'node:fs';
import path from 'node:path';
import { Refusal, formatError, type LedgerError } from '../domain/errors.js';
import { StoreErrors } from '../domain/errors/store.js';
import { TrustErrors } from '../domain/errors/trust.js';
import { checkSameCollective, type Collective } from '../domain/collective.js';
import { APPLICATION_ID, createOwnerOnlyFile, isBusyError, isReadOnlyFile, openDatabase, openLedgerFile, readHeader, type DB } from './db.js';
import { sqlOf } from './internal.js';
import type { Ledger } from './ledger.js';
import { SCHEMA_VERSION } from './migrations/index.js';
import { verifyDb } from './verify.js';

/** The progress answer that copies every remaining page in one step: one read transaction, one snapshot. */
const ALL_PAGES = 0x7fffffff;

const SIDE_FILES = ['-wal', '-shm', '-journal'] as const;

function removeWithSideFiles(file: string): void {
  for (const f of [file, ...SIDE_FILES.map((s) => file + s)]) fs.rmSync(f, { force: true });
}

function samePath(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  return real(a) === real(b);
}

/** The first findings, on one line, for a message: [zh, en]. */
function brief(findings: readonly LedgerError[]): [string, string] {
  const more = findings.length > 3;
  return [
    findings.slice(0, 3).map((e) => formatError(e, 'zh').replace(/\s+/g, ' ')).join('；') + (more ? `；……共 ${findings.length} 处` : ''),
    findings.slice(0, 3).map((e) => formatError(e, 'en').replace(/\s+/g, ' ')).join('; ') + (more ? `; … ${findings.length} in all` : ''),
  ];
}

const UNREADABLE: [string, string] = ['文件无法完整读取（已损坏或被截断）', 'the file cannot be read in full (damaged or truncated)'];

function isSqliteError(e: unknown): e is Error & { code: string } {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_');
}

/** Copy every page of `source` into the existing (empty, 0600) file `target`. */
async function copyPages(source: DB, target: string): Promise<void> {
  await source.backup(target, { progress: () => ALL_PAGES });
}

/** Make a copied database one self-contained file and verify it: the findings (none when sound) and its vouchers. */
function settleAndVerify(file: string): { findings: LedgerError[]; vouchers: number } {
  const db = openDatabase(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
    const findings = verifyDb(db);
    return { findings, vouchers: findings.length ? 0 : (db.prepare('SELECT COUNT(*) FROM vouchers').pluck().get() as number) };
  } finally {
    db.close();
  }
}

/**
 * Give `tmp` the name `target` without ever replacing a file that appeared there meanwhile: a hard
 * link fails on an existing name; where links are not supported (FAT/exFAT USB sticks), a rename
 * after a last look.
 */
function placeWithoutClobbering(tmp: string, target: string, file: string): void {
  try {
    fs.linkSync(tmp, target);
    fs.rmSync(tmp, { force: true });
    return;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'EEXIST' || fs.existsSync(target)) throw new Refusal(TrustErrors.BACKUP_EXISTS(file));
  }
  fs.renameSync(tmp, target);
}

function chmodOwnerOnly(file: string): void {
  try {
    fs.chmodSync(file, 0o600);
  } catch {
    // file systems without Unix permissions (FAT, exFAT) have nothing to set
  }
}

export interface BackupResult {
  file: string;
  bytes: number;
  vouchers: number;
}

/** Back up an open ledger to `target` (a path that must not exist); `file` names it in messages. */
export async function backupLedger(ledger: Ledger, target: string, file = target): Promise<BackupResult> {
  if (samePath(target, ledger.path)) throw new Refusal(TrustErrors.BACKUP_SAME_FILE(file));
  const dir = path.dirname(target);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new Refusal(TrustErrors.BACKUP_DIR(file, dir));
  if (fs.existsSync(target)) throw new Refusal(TrustErrors.BACKUP_EXISTS(file));
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.partial`);
  let vouchers: number;
  try {
    createOwnerOnlyFile(tmp);
    await copyPages(sqlOf(ledger), tmp);
    const copy = settleAndVerify(tmp);
    if (copy.findings.length) throw new Refusal(TrustErrors.BACKUP_UNVERIFIED(file, ...brief(copy.findings)));
    vouchers = copy.vouchers;
    placeWithoutClobbering(tmp, target, file);
  } catch (e) {
    removeWithSideFiles(tmp);
    if (e instanceof Refusal) throw e;
    throw new Refusal(TrustErrors.BACKUP_WRITE(file, (e as Error).message));
  }
  chmodOwnerOnly(target);
  return { file: target, bytes: fs.statSync(target).size, vouchers };
}

/** Refuse a file that is not a sanzi ledger of a version this program reads, before opening it. */
function checkBackupFile(file: string, label: string): void {
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) throw new Refusal(TrustErrors.RESTORE_MISSING(label));
  const h = readHeader(file);
  if (!h.sqlite) throw new Refusal(TrustErrors.RESTORE_NOT_LEDGER(label));
  if (h.applicationId !== APPLICATION_ID) throw new Refusal(TrustErrors.RESTORE_FOREIGN(label));
  if (h.version !== null && h.version > SCHEMA_VERSION) throw new Refusal(TrustErrors.RESTORE_TOO_NEW(label, h.version, SCHEMA_VERSION));
}

/** Copy a file's bytes into an existing file (keeping the target's owner-only mode). */
function copyBytes(from: string, to: string): void {
  const src = fs.openSync(from, 'r');
  const dst = fs.openSync(to, 'w');
  try {
    const buf = Buffer.alloc(1 << 20);
    for (let n; (n = fs.readSync(src, buf, 0, buf.length, null)) > 0; ) fs.writeSync(dst, buf, 0, n);
    fs.fsyncSync(dst);
  } finally {
    fs.closeSync(src);
    fs.closeSync(dst);
  }
}

/**
 * Copy the backup beside the ledger and verify the copy (upgraded first when it is older). The
 * backup is only read: its bytes are copied (with its -wal, when a ledger was copied by hand while
 * in use), so that opening it leaves no -wal or -shm beside it.
 */
function stageBackup(file: string, label: string, tmp: string, busySeconds: number): void {
  createOwnerOnlyFile(tmp);
  copyBytes(file, tmp);
  if (fs.existsSync(file + '-wal')) {
    createOwnerOnlyFile(tmp + '-wal');
    copyBytes(file + '-wal', tmp + '-wal');
  }
  let findings: LedgerError[];
  try {
    const db = openLedgerFile(tmp, { busySeconds });
    try {
      findings = verifyDb(db);
    } finally {
      db.close();
    }
  } catch (e) {
    if (e instanceof Refusal) {
      if (e.errors.some((x) => x.code === 'LEDGER_TOO_NEW')) throw e;
      throw new Refusal(TrustErrors.RESTORE_DAMAGED(label, ...UNREADABLE));
    }
    if (isSqliteError(e)) throw new Refusal(TrustErrors.RESTORE_DAMAGED(label, ...UNREADABLE));
    throw e;
  }
  if (findings.length) throw new Refusal(TrustErrors.RESTORE_DAMAGED(label, ...brief(findings)));
}

/**
 * Bring the current ledger's WAL into its main file so that moving the file moves all of it, and
 * refuse when another process is using it. A file that is not a readable database is left as it is.
 */
function quiesce(ledgerPath: string, busySeconds: number): void {
  let db: DB;
  try {
    db = openDatabase(ledgerPath, { fileMustExist: true });
  } catch {
    return;
  }
  try {
    db.pragma(`busy_timeout = ${Math.round(busySeconds * 1000)}`);
    db.exec('BEGIN IMMEDIATE');
    db.exec('COMMIT');
    const r = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (r[0]?.busy) throw new Refusal(TrustErrors.RESTORE_BUSY());
  } catch (e) {
    if (e instanceof Refusal) throw e;
    if ((e as { code?: string }).code === 'SQLITE_BUSY') throw new Refusal(TrustErrors.RESTORE_BUSY());
    // a damaged or foreign file: nothing to bring in; it is kept aside as it is
  } finally {
    db.close();
  }
}

/** A name beside the ledger that is not taken: <ledger>.before-restore-YYYYMMDD-HHMMSS[-N]. */
function asideName(ledgerPath: string, stamp: string): string {
  const base = `${ledgerPath}.before-restore-${stamp}`;
  let name = base;
  for (let n = 2; [name, ...SIDE_FILES.map((s) => name + s)].some((f) => fs.existsSync(f)); n++) name = `${base}-${n}`;
  return name;
}

/** Move a file and its -wal, -shm and -journal to a new name; returns the moves made, to undo. */
function moveWithSideFiles(from: string, to: string): [string, string][] {
  const done: [string, string][] = [];
  for (const s of ['', ...SIDE_FILES]) {
    if (!fs.existsSync(from + s)) continue;
    fs.renameSync(from + s, to + s);
    done.push([from + s, to + s]);
  }
  return done;
}

export interface RestoreResult {
  /** Where the ledger that was replaced now is, or null when there was none. */
  aside: string | null;
}

/**
/** Whose books a ledger file holds; null when it cannot be read (refused when another process's write kept it locked). */
function identityOf(file: string, busySeconds: number): Collective | null {
  try {
    const db = openDatabase(file, { readonly: true, fileMustExist: true, timeout: Math.round(busySeconds * 1000) });
    try {
      const meta = new Map(db.prepare("SELECT key, value FROM meta WHERE key IN ('name', 'creditCode')").raw(true).all() as [string, string][]);
      return { name: meta.get('name') ?? '', code: meta.get('creditCode') ?? null };
    } finally {
      db.close();
    }
  } catch (e) {
    if (isBusyError(e)) throw new Refusal(TrustErrors.RESTORE_BUSY());
    return null;
  }
}

/** checkSameCollective on the current ledger and the staged backup. A current ledger that cannot be read is not compared: the restore is its cure. */
function refuseOtherCollective(ledgerPath: string, staged: string, label: string, other: boolean, busySeconds: number): void {
  if (!fs.existsSync(ledgerPath)) return;
  // A write cut short (a large one's rollback journal left beside the ledger) is rolled back first:
  // a connection that may only read could not, and would not read whose books they are.
  quiesce(ledgerPath, busySeconds);
  const now = identityOf(ledgerPath, busySeconds);
  const then = identityOf(staged, busySeconds);
  const e = now && then ? checkSameCollective(label, now, then, other) : null;
  if (e) throw new Refusal(e);
}

/**
 * Replace the ledger at `ledgerPath` by the backup `file`. `stamp` (YYYYMMDD-HHMMSS) names the
 * copy of the current ledger kept aside. Nothing is changed when the backup is refused (a damaged
 * one, or another collective's without `other`).
 */
export async function restoreLedger(ledgerPath: string, file: string, opts: { label: string; stamp: string; busySeconds: number; other?: boolean }): Promise<RestoreResult> {
  const src = path.resolve(file);
  if (fs.existsSync(ledgerPath) && samePath(src, ledgerPath)) throw new Refusal(TrustErrors.RESTORE_SAME_FILE(opts.label));
  checkBackupFile(src, opts.label);
  // A ledger made read-only is not replaced either: the restore is a write like any other.
  if (fs.existsSync(ledgerPath) && isReadOnlyFile(ledgerPath)) throw new Refusal(StoreErrors.LEDGER_READONLY(ledgerPath));
  const dir = path.dirname(ledgerPath);
  if (!fs.existsSync(dir)) throw new Refusal(StoreErrors.LEDGER_CREATE(ledgerPath, `folder ${dir} does not exist`));
  const tmp = path.join(dir, `.${path.basename(ledgerPath)}.${process.pid}.restoring`);
  try {
    stageBackup(src, opts.label, tmp, opts.busySeconds);
    refuseOtherCollective(ledgerPath, tmp, opts.label, opts.other ?? false, opts.busySeconds);
  } catch (e) {
    removeWithSideFiles(tmp);
    throw e;
  }
  let aside: string | null = null;
  let moved: [string, string][] = [];
  try {
    if (fs.existsSync(ledgerPath)) {
      quiesce(ledgerPath, opts.busySeconds);
      aside = asideName(ledgerPath, opts.stamp);
      moved = moveWithSideFiles(ledgerPath, aside);
      chmodOwnerOnly(aside);
    } else {
      // -wal or -shm left without their ledger belong to nothing; never let SQLite replay them
      for (const s of SIDE_FILES) fs.rmSync(ledgerPath + s, { force: true });
    }
    fs.renameSync(tmp, ledgerPath);
    chmodOwnerOnly(ledgerPath);
  } catch (e) {
    for (const [from, to] of moved.reverse()) {
      try {
        fs.renameSync(to, from);
      } catch {
        // best effort: the aside copy keeps the ledger either way
      }
    }
    removeWithSideFiles(tmp);
    if (e instanceof Refusal) throw e;
    throw new Refusal(TrustErrors.RESTORE_MOVE((e as Error).message));
  }
  return { aside };
}
