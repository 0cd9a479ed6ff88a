// The import log: the SHA-256 of every file imported (imported_files), so that the same file is
// not imported twice by accident. Checked and written inside the import's own write.
import type { ImportedBefore } from '../domain/entries.js';
import type { Ledger, WriteTx } from './ledger.js';
import { sqlOf } from './internal.js';

/** A file an import reads: who names it, its digest, and whether --again was given. */
export interface ImportFile {
  /** vouchers, members, … opening */
  kind: string;
  /** The path as the user gave it. */
  name: string;
  sha256: string;
  bytes: number;
  again: boolean;
}

/** The first import of the same bytes, if any. */
export function importedBefore(ledger: Ledger, sha256: string): ImportedBefore | undefined {
  return sqlOf(ledger)
    .prepare('SELECT name, kind, imported_at AS at FROM imported_files WHERE sha256 = ? ORDER BY id LIMIT 1')
    .get(sha256) as ImportedBefore | undefined;
}

export function recordImport(tx: WriteTx, f: ImportFile): void {
  sqlOf(tx)
    .prepare('INSERT INTO imported_files(sha256, bytes, name, kind, action, imported_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(f.sha256, f.bytes, f.name, f.kind, tx.action, tx.now);
}
