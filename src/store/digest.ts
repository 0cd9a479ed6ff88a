// SHA-256 for the voucher chain and the audit trail. node:crypto is loaded on first use: a command
// that only reads (a report, a list) never hashes, and loading crypto is some 4 ms of its start.
import { createRequire } from 'node:module';
import type { Hash } from 'node:crypto';

type Crypto = typeof import('node:crypto');
let loaded: Crypto | null = null;
const crypto = (): Crypto => (loaded ??= createRequire(import.meta.url)('node:crypto') as Crypto);

/** SHA-256 of a text (as UTF-8) or of bytes, as 64 hex digits. */
export function sha256Hex(text: string | Uint8Array): string {
  const c = crypto();
  // crypto.hash (Node 20.12+) hashes in one call, without a Hash object per text.
  return typeof c.hash === 'function' ? c.hash('sha256', text, 'hex') : c.createHash('sha256').update(text).digest('hex');
}

/** A SHA-256 to feed piece by piece. */
export function sha256(): Hash {
  return crypto().createHash('sha256');
}

/**
 * A SHA-256 of texts added one after another, handed to the hash some 64 K characters at a time
 * rather than in a call each (a text a row of a 100,000-row write): the same digest as one update
 * a text.
 */
export class TextSha256 {
  private readonly h = sha256();
  private text = '';
  add(s: string): void {
    this.text += s;
    if (this.text.length >= 1 << 16) {
      this.h.update(this.text);
      this.text = '';
    }
  }
  hex(): string {
    this.h.update(this.text);
    this.text = '';
    return this.h.digest('hex');
  }
}
