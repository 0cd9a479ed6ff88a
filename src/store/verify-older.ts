// verify of a ledger written by an older sanzi. Any command upgrades such a ledger as it opens it;
// verify leaves it as it is: a check writes nothing, and an archived copy is often read-only (it
// could not be verified at all otherwise). What is verified is a copy of it, page for page as
// SQLite's backup makes it (one consistent snapshot, the same rowids), upgraded as any command
// would upgrade the ledger, in a folder of its own readable by its owner only, removed after.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APPLICATION_ID, isReadOnlyFile, openDatabase, openLedgerFile } from './db.js';
import { SCHEMA_VERSION } from './migrations/index.js';

/** The older ledger's copy to verify, and what removes it; null for any other file (verified, or refused, as it is). */
export async function olderLedgerCopy(file: string): Promise<{ file: string; remove: () => void } | null> {
  let src;
  try {
    // Read-write where the file may be written (nothing is): closing it then removes the -wal and
    // -shm files opening it made, as any command's closing does.
    src = openDatabase(file, { readonly: isReadOnlyFile(file), fileMustExist: true });
  } catch {
    return null;
  }
  let dir: string | null = null;
  try {
    if (src.pragma('application_id', { simple: true }) !== APPLICATION_ID) return null;
    const version = src.pragma('user_version', { simple: true }) as number;
    if (version >= SCHEMA_VERSION) return null;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanzi-verify-'));
    const copy = path.join(dir, 'ledger.db');
    await src.backup(copy);
    openLedgerFile(copy, { keepJournalMode: true }).close(); // upgraded
    const made = dir;
    dir = null;
    return { file: copy, remove: () => fs.rmSync(made, { recursive: true, force: true }) };
  } catch {
    return null; // the ledger itself is opened next, and what stops it is said then
  } finally {
    src.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}
