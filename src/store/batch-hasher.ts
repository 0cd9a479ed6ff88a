// An import's batches hashed in its reader thread (commands/import-vouchers-batcher.ts): each
// voucher's chain hash, and the digest of the rows the writer will store, made by sanzi's SQLite
// extension (sanzi_batch_hashes, native/sqlite-batch.c) on an in-memory connection of the reader's
// own. They are the same hashes and the same digest the writer's SQLite makes when a batch comes
// without them (voucher-writer.ts insertNative): made here, they are off the inserting thread, the
// busier of the two on a large import.
import type { Statement } from 'better-sqlite3';
import { openDatabase, type DB } from './db.js';
import { nativeSqlite } from './native-sqlite.js';
import type { VoucherBatch } from './voucher-writer.js';

/** What native/sqlite-batch.c says of a batch whose text ends inside a character. */
export const SPLIT_CHARACTER = 'sanzi_batch: a text ends inside a character';

/** A batch's arrays as the extension reads them: its used part, as bytes. */
export function batchBytes(a: Float64Array | Int32Array, n: number): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, n * a.BYTES_PER_ELEMENT);
}

export class BatchHasher {
  private digestOn = false;

  private constructor(
    private readonly db: DB,
    private readonly hashesOf: Statement,
  ) {}

  /** A hasher of this thread's own, or null where the extension cannot be loaded. */
  static open(): BatchHasher | null {
    let db: DB | null = null;
    try {
      db = openDatabase(':memory:');
      if (!nativeSqlite(db)) {
        db.close();
        return null;
      }
      return new BatchHasher(db, db.prepare('SELECT sanzi_batch_hashes(?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?)').pluck());
    } catch {
      db?.close();
      return null;
    }
  }

  /** Begin the rows digest: the batches hashed from here with a created_at are added to it. */
  startDigest(): void {
    this.db.prepare('SELECT sanzi_rows_digest_reset()').get();
    this.digestOn = true;
  }

  /**
   * The hashes of a batch's vouchers (64 hex digits each, one after another), chained from `prev`;
   * with `at` (their created_at), their rows are added to the digest. null when a text of the batch
   * ends inside a character (the batch cannot be hashed here: sanzi_batch_vouchers refuses it too).
   */
  hashes(b: VoucherBatch, first: number, prev: string, kind: string, at: string | null): string | null {
    try {
      return this.hashesOf.get(
        batchBytes(b.vNum, b.vouchers * 3),
        batchBytes(b.vText, b.vouchers * 4),
        batchBytes(b.lNum, b.lines * 2),
        batchBytes(b.lText, b.lines * 4),
        b.texts,
        batchBytes(b.textEnds, b.textEnds.length),
        first,
        prev,
        kind,
        this.digestOn ? at : null,
      ) as string;
    } catch (e) {
      if (e instanceof Error && e.message.includes(SPLIT_CHARACTER)) return null;
      throw e;
    }
  }

  /** The digest of the rows added since startDigest(); null when a text of them would need an escape in JSON. */
  digest(): string | null {
    if (!this.digestOn) return null;
    this.digestOn = false;
    return (this.db.prepare('SELECT sanzi_rows_digest()').pluck().get() as string | null) ?? null;
  }

  close(): void {
    this.db.close();
  }
}
