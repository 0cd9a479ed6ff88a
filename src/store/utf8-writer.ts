// Text written as UTF-8 bytes into one reused buffer, for hashing: the texts an import hashes per
// voucher (its chain text, its row's JSON) are made here instead of as strings, which were built
// piece by piece, flattened by the hash and thrown away — garbage the import's reader had to collect
// by the gigabyte. The bytes are those Buffer.from(text) gives for the same text (a lone surrogate
// as U+FFFD, as crypto hashes a string).
/** Views kept of texts shorter than this (bytes). */
const MAX_VIEW = 4096;

export class Utf8Writer {
  private buf: Buffer;
  private views: (Buffer | undefined)[] = new Array<Buffer | undefined>(MAX_VIEW);
  /** Bytes written since the last reset(). */
  length = 0;

  constructor(size = 4096) {
    this.buf = Buffer.allocUnsafe(size);
  }

  reset(): void {
    this.length = 0;
  }

  /**
   * The bytes written (a view of the buffer: valid until the next write). The views are kept by
   * length, for the buffer's life: texts of a few hundred lengths are hashed half a million times.
   */
  bytes(): Buffer {
    let v = this.views[this.length];
    if (v === undefined) {
      v = this.buf.subarray(0, this.length);
      if (this.length < MAX_VIEW) this.views[this.length] = v;
    }
    return v;
  }

  /** An ASCII character, by its code. */
  byte(b: number): void {
    if (this.length === this.buf.length) this.room(1);
    this.buf[this.length++] = b;
  }

  str(s: string): void {
    const n = s.length;
    // A UTF-16 unit is at most 3 bytes of UTF-8.
    this.room(3 * n);
    const buf = this.buf;
    let at = this.length;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        // Not ASCII: the rest is encoded by Buffer (surrogate pairs, lone surrogates as U+FFFD).
        this.length = at + buf.write(i === 0 ? s : s.slice(i), at, 'utf8');
        return;
      }
      buf[at++] = c;
    }
    this.length = at;
  }

  /** A number as `${n}` writes it: the digits of a safe integer made here, any other by String(n). */
  num(n: number): void {
    if (!Number.isSafeInteger(n)) {
      this.str(String(n));
      return;
    }
    this.room(17);
    const buf = this.buf;
    if (n < 0) {
      buf[this.length++] = 45;
      n = -n;
    }
    let digits = 1;
    for (let m = n; m >= 10; m = Math.floor(m / 10)) digits++;
    let at = this.length + digits;
    this.length = at;
    do {
      const q = Math.floor(n / 10);
      buf[--at] = 48 + (n - q * 10);
      n = q;
    } while (n > 0);
  }

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(2 * this.buf.length, this.length + n));
    this.buf.copy(bigger, 0, 0, this.length);
    this.buf = bigger;
    this.views = new Array<Buffer | undefined>(MAX_VIEW);
  }
}
