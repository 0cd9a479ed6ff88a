// A streamed CSV (and a streamed JSON's text) as pieces of bytes, written as the rows come: the same
// bytes as render(o, 'csv') gathers first. In UTF-8 a plain record (no cell needing quotes) is
// written cell by cell straight into the piece's buffer, an amount in fen as its digits: no string
// is made for the record or for its amounts (for 100,000 lines a tenth of a second less than
// joining each record's text and encoding it).
import { createRequire } from 'node:module';
import type { Lang } from '../domain/errors.js';
import { formatFen, type Fen } from '../domain/money.js';
import { footerRows, sectionRows, type Row, type Section } from './output.js';
import { CSV_OPTIONS, cellText, neutralizeCell, UTF8_BOM, type CsvEncoding } from './render.js';

const require = createRequire(import.meta.url);

/** Bytes handed on at a time. */
const PIECE = 1 << 18;
/** A cell that may need csv-stringify's quoting (a comma, a quote, a line break): its record goes through it. */
const CSV_SPECIAL = /[",\r\n]/;
/** Bytes an amount in fen can take as text: '-', 16 digits of a safe integer's yuan, '.', 2. */
const FEN_BYTES = 20;

/**
 * Text gathered into pieces of bytes. UTF-8 is written into a buffer record by record: joining
 * thousands of strings first and encoding the result costs several times more. With `encode` (GBK)
 * the text is gathered as a string and encoded a piece at a time.
 */
export class BytePieces {
  private buf: Buffer | null = null;
  private off = 0;
  private text = '';
  constructor(private readonly encode: ((text: string) => Buffer) | null) {}

  /** Add text; a full piece comes back, to be written. */
  add(s: string): Buffer | null {
    if (this.encode) {
      this.text += s;
      return this.text.length >= PIECE / 4 ? this.flush() : null;
    }
    // A UTF-16 unit takes at most 3 bytes in UTF-8.
    const out = this.reserve(s.length * 3);
    this.off += this.buf!.write(s, this.off, 'utf8');
    return out;
  }

  /**
   * Room for `n` more bytes (UTF-8 only), before byte(), utf8() and fen() write them unchecked: the
   * bytes held come back as a piece when they leave too little room.
   */
  reserve(n: number): Buffer | null {
    if (this.buf && this.off + n <= this.buf.length) return null;
    const out = this.flush();
    this.buf = Buffer.allocUnsafe(Math.max(PIECE, n));
    return out;
  }

  /** An ASCII character, by its code. */
  byte(c: number): void {
    this.buf![this.off++] = c;
  }

  /** A text as UTF-8 (room for 3 bytes a UTF-16 unit reserved): ASCII copied here, the rest by Buffer. */
  utf8(s: string): void {
    const buf = this.buf!;
    let at = this.off;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        // Surrogate pairs and lone surrogates (as U+FFFD) the way Buffer writes a string.
        this.off = at + buf.write(i === 0 ? s : s.slice(i), at, 'utf8');
        return;
      }
      buf[at++] = c;
    }
    this.off = at;
  }

  /** An amount in fen as formatFen writes it (`-1234.05`), a safe integer (FEN_BYTES reserved). */
  fen(v: Fen): void {
    const buf = this.buf!;
    let at = this.off;
    if (v < 0) {
      buf[at++] = 45;
      v = -v;
    }
    const yuan = Math.floor(v / 100);
    const f = v - yuan * 100;
    let digits = 1;
    for (let m = yuan; m >= 10; m = Math.floor(m / 10)) digits++;
    let m = yuan;
    for (let k = at + digits - 1; k >= at; k--) {
      const q = Math.floor(m / 10);
      buf[k] = 48 + (m - q * 10);
      m = q;
    }
    at += digits;
    buf[at] = 46;
    buf[at + 1] = 48 + Math.floor(f / 10);
    buf[at + 2] = 48 + (f % 10);
    this.off = at + 3;
  }

  /** What is held, as a piece (null when nothing is). */
  flush(): Buffer | null {
    if (this.encode) {
      const t = this.text;
      this.text = '';
      return t ? this.encode(t) : null;
    }
    const b = this.buf && this.off ? this.buf.subarray(0, this.off) : null;
    this.buf = null;
    this.off = 0;
    return b;
  }
}

/**
 * The CSV of sections whose rows are streamed, in pieces: the same bytes as render(o, 'csv'),
 * written as the rows come instead of gathered first.
 */
export function* csvPieces(sections: readonly Section[], lang: Lang, encoding: CsvEncoding): Generator<Buffer> {
  // csv-stringify (and Node's stream modules it loads) only once a record needs quoting.
  let stringifier: typeof import('csv-stringify/sync').stringify | undefined;
  const stringify = (records: string[][], opts: typeof CSV_OPTIONS) =>
    (stringifier ??= (require('csv-stringify/sync') as typeof import('csv-stringify/sync')).stringify)(records, opts);
  const iconv = encoding === 'gbk' ? (require('iconv-lite') as typeof import('iconv-lite')) : null;
  const out = new BytePieces(iconv ? (text) => iconv.encode(text, 'gb18030') : null);
  if (encoding === 'utf8-bom') yield UTF8_BOM;
  for (let k = 0; k < sections.length; k++) {
    const t = sections[k];
    const columns = t.columns;
    // A record whose cells hold no comma, quote or line break is its cells joined by commas, as
    // csv-stringify writes it; only the others go through it (the same bytes, a fifth of the time).
    const record = (cells: string[]) => (cells.some((c) => CSV_SPECIAL.test(c)) ? stringify([cells], CSV_OPTIONS) : cells.join(',') + '\r\n');
    const keys = columns.map((c) => c.key);
    const money = columns.map((c) => c.kind === 'money');
    // A row's cells: an amount in fen (a safe integer) stays a number, written as its digits (a plain
    // number: nothing to neutralize or quote); every other cell, any other number in an amount's
    // column included, is its neutralized text, as the held CSV writes it.
    const cells: (string | number)[] = new Array<string | number>(keys.length);
    const texts = () => cells.map((c) => (typeof c === 'number' ? formatFen(c) : c));
    // Each column's last value, its cell and whether it needs quoting: rows in a run often repeat a
    // column's value (a day's date, 借 or 贷, a summary), whose cell is then not made again.
    const lastValue: unknown[] = new Array<unknown>(keys.length).fill(undefined);
    const lastCell: string[] = new Array<string>(keys.length).fill('');
    const lastSpecial: boolean[] = new Array<boolean>(keys.length).fill(false);
    const line = (r: Row): Buffer | null => {
      let need = 2;
      let special = false;
      for (let i = 0; i < keys.length; i++) {
        const v = r[keys[i]];
        if (money[i] && typeof v === 'number' && Number.isSafeInteger(v)) {
          cells[i] = v;
          need += FEN_BYTES + 1;
          continue;
        }
        let cell: string;
        if (v === lastValue[i] && v !== undefined && (typeof v !== 'object' || v === null)) {
          cell = lastCell[i];
          if (lastSpecial[i]) special = true;
        } else {
          cell = neutralizeCell(cellText(columns[i], v, false, lang));
          const quoted = CSV_SPECIAL.test(cell);
          if (quoted) special = true;
          lastValue[i] = v;
          lastCell[i] = cell;
          lastSpecial[i] = quoted;
        }
        cells[i] = cell;
        need += 3 * cell.length + 1;
      }
      if (special) return out.add(stringify([texts()], CSV_OPTIONS));
      if (iconv) return out.add(texts().join(',') + '\r\n');
      const piece = out.reserve(need);
      for (let i = 0; i < cells.length; i++) {
        if (i > 0) out.byte(44);
        const c = cells[i];
        if (typeof c === 'number') out.fen(c);
        else out.utf8(c);
      }
      out.byte(13);
      out.byte(10);
      return piece;
    };
    let piece = k > 0 ? out.add('\r\n') : null;
    if (piece) yield piece;
    if ((piece = out.add(record(columns.map((c) => neutralizeCell(lang === 'en' ? c.en : c.zh)))))) yield piece;
    for (const r of sectionRows(t)) if ((piece = line(r))) yield piece;
    for (const r of footerRows(t)) if ((piece = line(r))) yield piece;
  }
  const last = out.flush();
  if (last) yield last;
}
