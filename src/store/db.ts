// Opening a ledger file: owner-only permissions, pragmas, identity, migrations.
import fs from 'node:fs';
import { declineNative } from './native-sqlite.js';
import { createRequire } from 'node:module';
import type Database from 'better-sqlite3';
import { Refusal } from '../domain/errors.js';
import { StoreErrors } from '../domain/errors/store.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations/index.js';

export type DB = Database.Database;

/** The application id stamped into every sanzi ledger ("SANZ"). */
export const APPLICATION_ID = 0x53414e5a;

/** A writer waits this long for another writer (SANZI_BUSY_TIMEOUT seconds, at least 5). */
export const DEFAULT_BUSY_SECONDS = 30;
export const MIN_BUSY_SECONDS = 5;

export interface OpenOptions {
  /** Seconds a writer waits for the lock before giving up with 账套正忙. */
  busySeconds?: number;
  /** Open without running migrations and refuse writes (verify, backup checks). */
  readonly?: boolean;
  /** Leave the journal mode as the file has it (verify: a backup stays one self-contained file). */
  keepJournalMode?: boolean;
  /** false: without sanzi's SQLite extension (native-sqlite.ts), as where it is not built (SANZI_NATIVE=0). */
  native?: boolean;
}

let DatabaseCtor: typeof Database | null = null;
/** better-sqlite3 is loaded on first use, so that `--help` and other commands without a ledger start fast. */
function sqlite(): typeof Database {
  if (!DatabaseCtor) DatabaseCtor = createRequire(import.meta.url)('better-sqlite3') as typeof Database;
  return DatabaseCtor;
}

/** A plain connection to a database file (backups, restores): no pragmas, no migrations. */
export function openDatabase(path: string, options?: Database.Options): DB {
  const Ctor = sqlite();
  // (Waiting for another process's lock as a ledger's connection does, not better-sqlite3's 5 s.)
  return new Ctor(path, { timeout: DEFAULT_BUSY_SECONDS * 1000, ...options });
}

/** Create an empty file readable by its owner only (0600 whatever the umask); refuses an existing one. */
export function createOwnerOnlyFile(path: string): void {
  fs.closeSync(fs.openSync(path, 'wx', 0o600));
  fs.chmodSync(path, 0o600);
}

export function busySeconds(raw: string | undefined): number {
  const n = raw === undefined || raw.trim() === '' ? DEFAULT_BUSY_SECONDS : Number(raw);
  if (!Number.isFinite(n)) return DEFAULT_BUSY_SECONDS;
  return Math.max(MIN_BUSY_SECONDS, n);
}

/**
 * SQLite's page cache of a connection, KiB. Every page slot first used is memory the process has not
 * touched before, and a page of it costs the kernel some 13 µs on the benchmark's machine (100 MB:
 * 0.3–0.4 s), more than reading the page again from the file system's cache. At 4 MiB a million-line
 * import, verify and the imports of 100,000 members and shares run as fast as at 16 MiB (and at 64),
 * with 10–15 MB less peak memory; a command that reads a table once runs a little faster.
 */
export const PAGE_CACHE_KIB = 4096;

/**
 * The page size of a new ledger, bytes (SQLite's default is 4,096; a ledger keeps the size it was
 * made with). On the benchmark's million-line ledger 16 KiB pages made verify some 6 % faster (fewer,
 * fuller pages to walk), the imports, plans and reports the same within the noise; an empty ledger
 * is 1.1 MB instead of 0.3 MB.
 */
export const PAGE_SIZE = 16384;

function pragmas(db: DB, opts: OpenOptions): void {
  if (opts.native === false) declineNative(db);
  db.pragma(`busy_timeout = ${Math.round((opts.busySeconds ?? DEFAULT_BUSY_SECONDS) * 1000)}`);
  const wal = opts.readonly || opts.keepJournalMode ? true : walMode(db);
  // A connection that found the ledger in a large write's rollback journal (walMode) writes, if it
  // writes before the ledger is back in WAL mode, as that write does: synced to the directory.
  db.pragma(`synchronous = ${wal ? 'NORMAL' : 'EXTRA'}`);
  db.pragma('foreign_keys = ON');
  db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  db.pragma('temp_store = MEMORY');
}

/**
 * The ledger in WAL mode. A large write running through a rollback journal (rollback-journal.ts)
 * holds the lock that changing the mode needs, and SQLite then refuses at once: the connection goes
 * on in the ledger's mode, waiting for that write as for any (the busy timeout), and the write gives
 * WAL mode back when it ends (SQLite follows the mode the file says at each transaction).
 */
function walMode(db: DB): boolean {
  try {
    return db.pragma('journal_mode = WAL', { simple: true }) === 'wal';
  } catch (e) {
    if (!isBusyError(e)) throw e;
    return false;
  }
}

/**
 * The ledger, its -wal and -shm files are readable by their owner only, whatever the umask: the
 * group's and others' bits are taken away, the owner's kept (a ledger made read-only, 0444, becomes
 * 0400 and stays read-only).
 */
export function ownerOnly(path: string): void {
  // (-journal: a large write's rollback journal, which SQLite makes with the ledger's own permissions;
  // one a cut write left behind as well.)
  for (const f of [path, path + '-wal', path + '-shm', path + '-journal']) {
    try {
      if (!fs.existsSync(f)) continue;
      const mode = fs.statSync(f).mode & 0o777;
      if ((mode & 0o077) !== 0) fs.chmodSync(f, mode & 0o700);
    } catch {
      // a file that vanished between the two calls has nothing left to protect
    }
  }
}

export function migrate(db: DB): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    db.transaction(() => {
      if (m.sql) db.exec(m.sql);
      m.up?.(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}

/** Create a new ledger file (0600); refuses an existing one. */
export function createLedgerFile(path: string, opts: OpenOptions = {}): DB {
  if (fs.existsSync(path)) throw new Refusal(StoreErrors.LEDGER_EXISTS(path));
  let db: DB;
  try {
    // Create the file ourselves so that it is owner-only from its first byte; SQLite gives the
    // -wal and -shm files the permissions of the database file.
    fs.closeSync(fs.openSync(path, 'wx', 0o600));
    fs.chmodSync(path, 0o600);
    const Ctor = sqlite();
    db = new Ctor(path);
  } catch (e) {
    throw new Refusal(StoreErrors.LEDGER_CREATE(path, (e as Error).message));
  }
  db.pragma(`page_size = ${PAGE_SIZE}`); // before anything is written (and before WAL)
  pragmas(db, opts);
  db.pragma(`application_id = ${APPLICATION_ID}`);
  migrate(db);
  ownerOnly(path);
  return db;
}

/** What the first 100 bytes of a file say: an SQLite database, and whose (its application id). Never throws. */
export function readHeader(path: string): { sqlite: boolean; applicationId: number | null; version: number | null } {
  try {
    const fd = fs.openSync(path, 'r');
    try {
      const b = Buffer.alloc(100);
      const n = fs.readSync(fd, b, 0, 100, 0);
      if (n < 100 || b.subarray(0, 16).toString('latin1') !== 'SQLite format 3\0') return { sqlite: false, applicationId: null, version: null };
      return { sqlite: true, applicationId: b.readUInt32BE(68), version: b.readUInt32BE(60) };
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return { sqlite: false, applicationId: null, version: null };
  }
}

/** An error SQLite raised for a file it cannot read as a database. */
function isUnreadable(e: unknown): e is Error {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB|IOERR|CANTOPEN|FORMAT)/.test(code);
}

/** The refusal for a file SQLite could not read: damaged when its header says it is ours. */
export function unreadableLedger(path: string, e: Error): Refusal {
  return readHeader(path).applicationId === APPLICATION_ID
    ? new Refusal(StoreErrors.LEDGER_DAMAGED(path, e.message))
    : new Refusal(StoreErrors.NOT_A_LEDGER(path));
}

/** The refusal for an error SQLite raised reading a damaged ledger in the middle of a command, or null. */
export function damagedLedger(e: unknown, path: string): Refusal | null {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' ? new Refusal(StoreErrors.LEDGER_DAMAGED(path, (e as Error).message)) : null;
}

/** Is this file a sanzi ledger (SQLite with our application id)? Never throws. */
export function probeLedger(path: string): { ok: true; version: number } | { ok: false; reason: string } {
  if (!fs.existsSync(path)) return { ok: false, reason: 'missing' };
  let db: DB | null = null;
  try {
    const Ctor = sqlite();
    db = new Ctor(path, { readonly: true, fileMustExist: true });
    const appId = db.pragma('application_id', { simple: true }) as number;
    if (appId !== APPLICATION_ID) return { ok: false, reason: 'foreign' };
    return { ok: true, version: db.pragma('user_version', { simple: true }) as number };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  } finally {
    db?.close();
  }
}

/**
 * A ledger file that may not be written: its owner's write bit is off (a ledger made read-only on
 * purpose, honoured even for root, whom the system would let write), or this user may not write it.
 */
export function isReadOnlyFile(path: string): boolean {
  try {
    if ((fs.statSync(path).mode & 0o200) === 0) return true;
    fs.accessSync(path, fs.constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

/** Another process held the ledger's lock past the busy timeout: busy, never damaged. */
export function isBusyError(e: unknown): boolean {
  return (e as { code?: unknown } | null)?.code === 'SQLITE_BUSY';
}

/**
 * Opening a ledger held by another process: its lock kept past the busy timeout (busy, never
 * damaged), or a cut write's journal that a read-only ledger cannot undo; null for anything else.
 */
function lockRefusal(e: unknown, path: string, busySeconds: number): Refusal | null {
  if (isBusyError(e)) return new Refusal(StoreErrors.LEDGER_BUSY(busySeconds));
  if ((e as { code?: unknown } | null)?.code === 'SQLITE_READONLY_ROLLBACK') return new Refusal(StoreErrors.LEDGER_ROLLBACK_READONLY(path));
  return null;
}

/** An error SQLite raised because the file or its folder may not be written. */
export function isReadOnlyError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_READONLY');
}

/**
 * Open an existing ledger; refuses a missing file, a file that is not a ledger, or a newer one. A
 * read-only file is opened read-only: reports read it, and a write is refused (LEDGER_READONLY).
 */
export function openLedgerFile(path: string, opts: OpenOptions = {}): DB {
  if (!fs.existsSync(path)) throw new Refusal(StoreErrors.LEDGER_MISSING(path));
  if (!opts.readonly && isReadOnlyFile(path)) opts = { ...opts, readonly: true };
  let db: DB;
  const busySeconds = opts.busySeconds ?? DEFAULT_BUSY_SECONDS;
  try {
    const Ctor = sqlite();
    // Its first read waits for another process's write as long as any (not better-sqlite3's 5 s).
    db = new Ctor(path, { fileMustExist: true, readonly: opts.readonly === true, timeout: Math.round(busySeconds * 1000) });
    const appId = db.pragma('application_id', { simple: true }) as number;
    if (appId !== APPLICATION_ID) {
      db.close();
      throw new Refusal(StoreErrors.NOT_A_LEDGER(path));
    }
  } catch (e) {
    if (e instanceof Refusal) throw e;
    const locked = lockRefusal(e, path, busySeconds);
    if (locked) throw locked;
    if (isReadOnlyError(e)) throw new Refusal(StoreErrors.LEDGER_FOLDER_READONLY(path));
    throw unreadableLedger(path, e as Error);
  }
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) throw new Refusal(StoreErrors.LEDGER_TOO_NEW(path, version, SCHEMA_VERSION));
    // Every ledger sanzi makes holds its texts as UTF-8; one rewritten as UTF-16 behind its back reads
    // otherwise where lengths in bytes count (a book's summaries, the voucher chain's texts).
    const encoding = db.pragma('encoding', { simple: true }) as string;
    if (encoding !== 'UTF-8') throw new Refusal(StoreErrors.LEDGER_DAMAGED(path, `文本编码是 ${encoding}，不是 sanzi 写入的 UTF-8 (its texts are stored as ${encoding}, not the UTF-8 sanzi writes)`));
    pragmas(db, opts);
    if (version < SCHEMA_VERSION) {
      // An older ledger is upgraded on opening; one that may not be written cannot be.
      if (opts.readonly) throw new Refusal(StoreErrors.LEDGER_READONLY(path));
      migrate(db);
    }
  } catch (e) {
    db.close();
    if (e instanceof Refusal) throw e;
    const locked = lockRefusal(e, path, busySeconds);
    if (locked) throw locked;
    if (isReadOnlyError(e)) throw new Refusal(isReadOnlyFile(path) ? StoreErrors.LEDGER_READONLY(path) : StoreErrors.LEDGER_FOLDER_READONLY(path));
    if (isUnreadable(e)) throw unreadableLedger(path, e);
    throw e;
  }
  ownerOnly(path);
  return db;
}
