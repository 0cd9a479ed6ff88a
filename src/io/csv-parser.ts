// A streaming CSV parser (RFC 4180: quoted fields, "" escapes, quoted line breaks; CRLF, LF or CR
// line ends) that knows the physical line each record starts on. Lines without quotes take a
// split(',') fast path: on a million-line file this is several times faster than a general parser,
// and the import spends its time on checks and SQLite instead.
//
// Untrusted input is bounded: a field longer than MAX_FIELD characters, or a record longer than
// MAX_RECORD, stops the parse with its line — before the text is held in memory, so a quote left
// open in a large file, or a file that is not CSV at all, fails fast instead of growing one cell.

/** The longest field accepted (characters). */
export const MAX_FIELD = 10_000;
/** The longest record accepted (characters, all fields). */
export const MAX_RECORD = 1_000_000;

export type CsvSyntaxKind = 'unclosed-quote' | 'after-quote' | 'field-too-long' | 'record-too-long';

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly kind: CsvSyntaxKind,
    /** 1-based column of the field (field-too-long), or the stray character (after-quote). */
    readonly detail: number | string = 0,
    /** after-quote: the line where the quote closed (a later line when it spans lines). */
    readonly closedAt = line,
  ) {
    super(`${kind} at line ${line}`);
  }
}

export type RecordHandler = (cells: string[], line: number) => void;

/**
 * A line without quotes, given as where it is in `text` (from, to: the line without its end)
 * instead of as cells: splitPlain makes its cells when they are read. It may be blank.
 */
export type PlainLineHandler = (text: string, from: number, to: number, line: number) => void;

export class CsvParser {
  private carry = '';
  /** Physical line number of the next unread line (1-based). */
  private line = 1;
  private readonly onRecord: RecordHandler;
  private readonly onPlain: PlainLineHandler | undefined;

  /**
   * With onPlain, the lines without quotes (all but a few of most files) are handed to it unsplit;
   * the others, and a line too long to be one field, are split here and given to onRecord.
   */
  constructor(onRecord: RecordHandler, onPlain?: PlainLineHandler) {
    this.onRecord = onRecord;
    this.onPlain = onPlain;
  }

  /** Feed decoded text; complete records are emitted, an incomplete tail is kept. */
  push(chunk: string): void {
    const text = this.carry + chunk;
    const end = this.parse(text, false);
    this.carry = text.slice(end);
  }

  /** End of input: the tail is the last record. */
  end(): void {
    if (this.carry !== '') {
      const text = this.carry;
      this.carry = '';
      this.parse(text, true);
    }
  }

  /** Parse as many complete records as the text holds; returns where the unparsed tail begins. */
  private parse(text: string, final: boolean): number {
    let pos = 0;
    const n = text.length;
    // Next CR and next quote at or after pos, searched again only once passed (-1: none left).
    let cr = -2;
    let q = -2;
    while (pos < n) {
      let nl = text.indexOf('\n', pos);
      if (cr !== -1 && cr < pos) cr = text.indexOf('\r', pos);
      // A lone CR also ends a line.
      if (cr !== -1 && (nl === -1 || cr < nl) && text.charCodeAt(cr + 1) !== 10) {
        if (cr === n - 1 && !final) return this.incomplete(text, pos); // might be CRLF split across chunks
        nl = cr;
      }
      if (nl === -1) {
        if (!final) return this.incomplete(text, pos);
        nl = n;
      }
      let lineEnd = nl;
      if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
      if (q !== -1 && q < pos) q = text.indexOf('"', pos);
      if (q === -1 || q >= lineEnd) {
        // Fast path: no quotes on this line.
        if (this.onPlain !== undefined && lineEnd - pos <= MAX_FIELD) {
          this.onPlain(text, pos, lineEnd, this.line++);
          pos = nl + 1;
          continue;
        }
        const raw = text.slice(pos, lineEnd);
        const startLine = this.line;
        this.line++;
        pos = nl + 1;
        if (raw.trim() === '') continue;
        const cells = raw.split(',');
        for (let i = 0; i < cells.length; i++) cells[i] = cells[i].trim();
        if (raw.length > MAX_FIELD) checkLengths(cells, startLine);
        this.onRecord(cells, startLine);
        continue;
      }
      // Slow path: a record with quotes, possibly over several lines.
      const r = this.parseQuoted(text, pos, final);
      if (r === null) return this.incomplete(text, pos);
      pos = r;
    }
    return pos;
  }

  /**
   * The text from pos on is an unfinished record, kept for the next chunk. When it is already
   * longer than a field may be, parse it as far as it goes, so that a field or record over the
   * limits is refused now rather than after the whole file has been gathered into it.
   */
  private incomplete(text: string, pos: number): number {
    if (text.length - pos > MAX_FIELD) {
      const line = this.line;
      this.parseQuoted(text, pos, false, true);
      this.line = line;
    }
    return pos;
  }

  /**
   * One record from `start`, quotes and all. Returns where the next record begins, or null when
   * the text ends first (more input may complete it). With `probe`, only check the limits.
   */
  private parseQuoted(text: string, start: number, final: boolean, probe = false): number | null {
    const cells: string[] = [];
    let field = '';
    let quoted = false;
    let wasQuoted = false;
    let i = start;
    const startLine = this.line;
    let lines = 0;
    const n = text.length;
    const push = () => {
      const v = wasQuoted ? field : field.trim();
      if (v.length > MAX_FIELD) throw new CsvSyntaxError(startLine, 'field-too-long', cells.length + 1);
      cells.push(v);
    };
    while (i < n) {
      if (i - start > MAX_RECORD) throw new CsvSyntaxError(startLine, 'record-too-long');
      const c = text[i];
      if (quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          if (i + 1 >= n && !final) return null;
          quoted = false;
          i++;
          continue;
        }
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) lines++;
        // Copy up to the next quote at once (a long quoted field is not built a character at a time).
        let j = text.indexOf('"', i);
        if (j === -1) j = n;
        const piece = text.slice(i, j);
        for (let k = piece.indexOf('\n', 1); k !== -1; k = piece.indexOf('\n', k + 1)) lines++;
        if (piece.length > 1) lines += countLoneCr(piece, 1);
        field += piece;
        if (field.length > MAX_FIELD) throw new CsvSyntaxError(startLine, 'field-too-long', cells.length + 1);
        i = j;
        continue;
      }
      if (c === '"' && field.trim() === '' && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
        field = '';
        i++;
        continue;
      }
      if (c === ',') {
        push();
        field = '';
        wasQuoted = false;
        i++;
        continue;
      }
      if (c === '\r' || c === '\n') {
        if (c === '\r' && i + 1 >= n && !final) return null;
        push();
        const next = c === '\r' && text[i + 1] === '\n' ? i + 2 : i + 1;
        if (probe) return next;
        this.line = startLine + lines + 1;
        this.onRecord(cells, startLine);
        return next;
      }
      if (wasQuoted) {
        if (c === ' ' || c === '\t') {
          i++;
          continue;
        }
        throw new CsvSyntaxError(startLine, 'after-quote', c, startLine + lines);
      }
      field += c;
      if (field.length > MAX_FIELD) throw new CsvSyntaxError(startLine, 'field-too-long', cells.length + 1);
      i++;
    }
    if (!final) return null;
    if (quoted) throw new CsvSyntaxError(startLine, 'unclosed-quote');
    push();
    this.line = startLine + lines + 1;
    this.onRecord(cells, startLine);
    return n;
  }
}

/** CRs in s (from index `from`) that are not followed by LF: each ends a line too. */
function countLoneCr(s: string, from: number): number {
  let n = 0;
  for (let k = s.indexOf('\r', from); k !== -1; k = s.indexOf('\r', k + 1)) if (s.charCodeAt(k + 1) !== 10) n++;
  return n;
}

function checkLengths(cells: string[], line: number): void {
  for (let i = 0; i < cells.length; i++) if (cells[i].length > MAX_FIELD) throw new CsvSyntaxError(line, 'field-too-long', i + 1);
}

/**
 * The cells of a line without quotes (text from…to), trimmed, into `out` (reused: its length is set
 * to the count): what `text.slice(from, to).split(',').map((c) => c.trim())` gives, without the
 * line's copy and the array made for each line. Returns the count.
 */
export function splitPlain(text: string, from: number, to: number, out: string[]): number {
  let n = 0;
  let a = from;
  for (;;) {
    let c = a;
    while (c < to && text.charCodeAt(c) !== 44) c++;
    let s = a;
    let e = c;
    while (s < e && isTrimmed(text.charCodeAt(s))) s++;
    while (e > s && isTrimmed(text.charCodeAt(e - 1))) e--;
    out[n++] = s === e ? '' : text.slice(s, e);
    if (c >= to) break;
    a = c + 1;
  }
  if (out.length !== n) out.length = n;
  return n;
}

/** What String.prototype.trim removes: white space and line terminators (ECMA-262 §12.2, §12.3). */
export function isTrimmed(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
