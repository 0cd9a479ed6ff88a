// voucherRowsDigest made as an import's reader numbers its vouchers: each row's json_array text
// (audit.ts voucherRowJson) written as UTF-8 into one reused buffer and hashed a buffer at a time,
// rather than made as a string per voucher and gathered into a longer one.
import type { Hash } from 'node:crypto';
import { voucherRowPlain } from './audit.js';
import { sha256 } from './digest.js';
import { Utf8Writer } from './utf8-writer.js';

/** Rows' bytes gathered before they are hashed. */
const FLUSH_BYTES = 1 << 16;

export class VoucherRowsHash {
  private readonly out = new Utf8Writer(FLUSH_BYTES + 1024);
  private readonly digest: Hash = sha256();
  /** False once a row could not be written as SQLite would: the digest is then left to the query. */
  ok = true;

  constructor(private readonly createdAt: string) {}

  /** The row `[${id},${attachments},${preparer | null},"${createdAt}","${hash}"]` and a line end. */
  add(id: number, attachments: number, preparer: string | null, hash: string): void {
    if (!this.ok) return;
    if (!voucherRowPlain(id, attachments, preparer, this.createdAt, hash)) {
      this.ok = false;
      return;
    }
    const o = this.out;
    o.byte(91); // [
    o.num(id);
    o.byte(44);
    o.num(attachments);
    o.byte(44);
    if (preparer === null) o.str('null');
    else {
      o.byte(34);
      o.str(preparer);
      o.byte(34);
    }
    o.str(',"');
    o.str(this.createdAt);
    o.str('","');
    o.str(hash);
    o.str('"]\n');
    if (o.length >= FLUSH_BYTES) {
      this.digest.update(o.bytes());
      o.reset();
    }
  }

  /** The digest of every row added, or null when one could not be made here. */
  end(): string | null {
    if (!this.ok) return null;
    this.digest.update(this.out.bytes());
    this.out.reset();
    return this.digest.digest('hex');
  }
}
