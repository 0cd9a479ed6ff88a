// sanzi's SQLite extension, native/*.c (built into dist/native/ by `npm run build`): sha256(X) and
// sha256_agg(X) in SQL, so that verify hashes half a million voucher texts where SQLite builds them;
// sanzi_batch_vouchers and sanzi_batch_lines, through which an import writes a batch's rows from
// its arrays, and sanzi_batch_hashes, with which its reader thread hashes them (batch-hasher.ts);
// sanzi_flush_start and sanzi_flush_stop, a large write's flushing thread
// (flush-beside.ts); sanzi_book_text and sanzi_book_text_accounts, a book as one text (book-text.ts);
// sanzi_voucher_hash and sanzi_line_sums, a voucher's chain hash over its lines and the lines' sums
// per key (verify.ts). Loaded into a connection on demand; where it is missing, cannot be loaded or
// does not hash as node:crypto does, callers do without it (the same results, slower).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DB } from './db.js';

const ENTRY = 'sqlite3_sanzisqlite_init';
/** The build of native/*.c this code knows (sanzi_native_version()): another, older or newer, is not used. */
const VERSION = 10;
/** SHA-256 of 'abc', as node:crypto gives it: what a loaded extension must give before it is used. */
const ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

/** The extension's file beside this module's build, or null when there is none. */
function extensionFile(): string | null {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // dist/bundle/*.cjs and dist/store/*.js: ../native; src/store/*.ts (the tests): ../../dist/native.
  for (const f of [path.join(here, '..', 'native', 'sanzi-sqlite.so'), path.join(here, '..', '..', 'dist', 'native', 'sanzi-sqlite.so')]) {
    if (fs.existsSync(f)) return f;
  }
  return null;
}

const loaded = new WeakMap<DB, boolean>();

/** Whether the extension's functions can be used on this connection (loading them the first time). */
export function nativeSqlite(db: DB): boolean {
  let ok = loaded.get(db);
  if (ok === undefined) {
    ok = load(db);
    loaded.set(db, ok);
  }
  return ok;
}

/** This connection goes without the extension (OpenOptions.native false). */
export function declineNative(db: DB): void {
  loaded.set(db, false);
}

function load(db: DB): boolean {
  const file = extensionFile();
  if (!file) return false;
  try {
    // better-sqlite3 takes the entry point as a second argument (its type declarations omit it).
    (db.loadExtension as (file: string, entry: string) => DB).call(db, file, ENTRY);
    const [version, one, agg] = db
      .prepare("SELECT sanzi_native_version(), sha256('abc'), (SELECT sha256_agg(column1) FROM (VALUES ('a'), (NULL), ('bc')))")
      .raw(true)
      .get() as [number, string, string];
    return version === VERSION && one === ABC && agg === ABC;
  } catch {
    return false;
  }
}
