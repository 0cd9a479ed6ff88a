// A declaration's stored plan (the JSON text of a StoredPlan) read from its bytes as the roll and
// verify need it: everything but the allocations parsed at once, the allocations one at a time as
// they are read. 100,000 allocations are some 13 MB of text: made into one JavaScript string and
// parsed whole, they cost a 26 MB two-byte string and 100,000 objects kept until the end; read from
// the bytes, each allocation is made, used and dropped. The reader takes the plain shape
// JSON.stringify writes (flat objects; strings without escapes, integers, null); anything else (an
// escape in a string, a fraction, white space, a nested value, a repeated key) is handed to
// JSON.parse, the text whole. The result is JSON.parse's, or, for a text that is valid JSON but not
// one plan (a list closed between the marks and other keys opened, which only an edit by hand
// makes), a SyntaxError when that is reached: never anything else.
import type { StoredPlan } from '../domain/dividend-plan.js';

export type StoredAllocationRow = StoredPlan['allocations'][number];

export interface PlanBytes {
  /** The plan but its allocations (an empty list in their place). */
  readonly head: StoredPlan;
  /** The allocations in stored order, parsed as they are read; each reading parses them afresh. */
  allocations(): Iterable<StoredAllocationRow>;
  /** Every allocation at once, parsed whole on first use. */
  all(): StoredAllocationRow[];
}

const OPEN = Buffer.from(',"allocations":[', 'latin1');
const KEY = Buffer.from('"allocations":', 'latin1');
const CLOSE = Buffer.from('],"totals":', 'latin1');

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const BRACE_OPEN = 0x7b;
const BRACE_CLOSE = 0x7d;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;

/** The keys of a stored allocation, in the order storePlan writes them: matched as bytes, no string made. */
const KEYS = ['member', 'name', 'household', 'shares', 'weight', 'gross', 'tax', 'offset', 'net'] as const;
const KEY_BYTES = KEYS.map((k) => Buffer.from(`"${k}":`, 'latin1'));

/** Buffer's own slicers (what toString(encoding, start, end) calls after checking its arguments). */
interface SliceBuffer extends Buffer {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}

/** Signals that the plain parser met something it leaves to JSON.parse. */
class NotPlain extends Error {}
const notPlain = new NotPlain();

/** The stored plan in `bytes` (its UTF-8 text). */
export function planFromBytes(bytes: Buffer): PlanBytes {
  const parse = () => JSON.parse(bytes.toString('utf8')) as StoredPlan;
  const start = bytes.indexOf(OPEN);
  const end = bytes.lastIndexOf(CLOSE);
  let head: StoredPlan | undefined;
  // One key named allocations in the whole text (JSON.parse keeps the last of repeated keys).
  if (start > 0 && end >= start + OPEN.length - 1 && bytes.indexOf(KEY) === start + 1 && bytes.indexOf(KEY, start + 2) === -1) {
    try {
      // The plan with its allocations left out: `…,"allocations":[` + `],"totals":…`.
      const text = bytes.toString('utf8', 0, start + OPEN.length) + bytes.toString('utf8', end);
      const parsed = JSON.parse(text) as StoredPlan;
      if (parsed && typeof parsed === 'object' && Array.isArray(parsed.allocations) && parsed.allocations.length === 0) head = parsed;
    } catch {
      head = undefined;
    }
  }
  if (!head) {
    const plan = parse();
    return { head: { ...plan, allocations: [] }, allocations: () => plan.allocations, all: () => plan.allocations };
  }
  const cut = head;
  /**
   * The whole text parsed, once: what the allocations come from when they are not all of the
   * plain shape. Read to the end in the plain shape, the text between the marks was the list of
   * allocations and nothing else, so the plan without them was read right; otherwise it must be
   * what JSON.parse makes of the whole text without them, or the text is not a plan.
   */
  let whole: StoredPlan | undefined;
  const everything = (): StoredAllocationRow[] => {
    if (!whole) {
      const plan = parse();
      if (JSON.stringify({ ...plan, allocations: [] }) !== JSON.stringify(cut)) throw new SyntaxError('the stored plan is not one plan: its parts disagree');
      whole = plan;
    }
    return whole.allocations;
  };
  const from = start + OPEN.length;
  return {
    head: cut,
    all: everything,
    allocations: () => ({
      *[Symbol.iterator]() {
        const reader = new AllocationReader(bytes, from, end);
        let n = 0;
        try {
          for (let a = reader.next(); a !== null; a = reader.next()) {
            yield a;
            n++;
          }
          return;
        } catch (e) {
          if (e !== notPlain) throw e;
        }
        // Not the plain shape: the rest from JSON.parse of the whole text.
        const rows = everything();
        for (let i = n; i < rows.length; i++) yield rows[i];
      },
    }),
  };
}

/** Reads the flat objects of `bytes[from, end)` (`{…},{…}`) one at a time; throws notPlain on anything else. */
class AllocationReader {
  private i: number;
  constructor(
    private readonly b: Buffer,
    from: number,
    private readonly end: number,
  ) {
    this.i = from;
  }

  next(): StoredAllocationRow | null {
    const b = this.b;
    if (this.i === this.end) return null;
    if (b[this.i] !== BRACE_OPEN) throw notPlain;
    this.i++;
    const row: Record<string, unknown> = {};
    // Keys in storePlan's order are matched as bytes and cannot repeat; any other key is read as a
    // string, and then a repeated key (JSON.parse keeps the last) is left to JSON.parse.
    let irregular = false;
    for (let k = 0; ; k++) {
      let key: string = KEYS[k];
      if (key === undefined || !this.at(KEY_BYTES[k])) {
        if (b[this.i] !== QUOTE) throw notPlain;
        key = this.string();
        if (key === '__proto__' || b[this.i] !== COLON) throw notPlain;
        this.i++;
        irregular = true;
      }
      if (irregular && Object.prototype.hasOwnProperty.call(row, key)) throw notPlain;
      row[key] = this.value();
      const c = b[this.i++];
      if (c === COMMA) continue;
      if (c !== BRACE_CLOSE) throw notPlain;
      break;
    }
    if (this.i === this.end) return row as unknown as StoredAllocationRow;
    if (b[this.i] !== COMMA) throw notPlain;
    this.i++;
    if (this.i === this.end) throw notPlain; // a trailing comma: not JSON
    return row as unknown as StoredAllocationRow;
  }

  /** Whether `bytes` (a key with its quotes and colon) are at the read position; if so, reads past them. */
  private at(bytes: Buffer): boolean {
    const b = this.b;
    const i = this.i;
    const n = bytes.length;
    if (i + n > this.end) return false;
    for (let j = 0; j < n; j++) if (b[i + j] !== bytes[j]) return false;
    this.i = i + n;
    return true;
  }

  private value(): string | number | boolean | null {
    const b = this.b;
    const c = b[this.i];
    if (c === QUOTE) return this.string();
    if (c === 0x6e && b[this.i + 1] === 0x75 && b[this.i + 2] === 0x6c && b[this.i + 3] === 0x6c) {
      this.i += 4;
      return null;
    }
    if (c === 0x74 && b[this.i + 1] === 0x72 && b[this.i + 2] === 0x75 && b[this.i + 3] === 0x65) {
      this.i += 4;
      return true;
    }
    if (c === 0x66 && b[this.i + 1] === 0x61 && b[this.i + 2] === 0x6c && b[this.i + 3] === 0x73 && b[this.i + 4] === 0x65) {
      this.i += 5;
      return false;
    }
    return this.integer();
  }

  /** An integer as JSON writes it (no leading zeros, at most 15 digits: exact as a double); else notPlain. */
  private integer(): number {
    const b = this.b;
    let i = this.i;
    const negative = b[i] === MINUS;
    if (negative) i++;
    const first = i;
    let v = 0;
    for (; i < this.end; i++) {
      const d = b[i];
      if (d < ZERO || d > NINE) break;
      v = v * 10 + (d - ZERO);
    }
    const digits = i - first;
    if (digits === 0 || digits > 15 || (digits > 1 && b[first] === ZERO)) throw notPlain;
    const next = b[i];
    if (next !== COMMA && next !== BRACE_CLOSE) throw notPlain; // a fraction, an exponent, white space
    this.i = i;
    return negative ? -v : v;
  }

  /** A string without escapes or control characters, read as UTF-8; else notPlain. */
  private string(): string {
    const b = this.b;
    const from = this.i + 1;
    let ascii = true;
    let i = from;
    for (; i < this.end; i++) {
      const c = b[i];
      if (c === QUOTE) break;
      if (c === BACKSLASH || c < 0x20) throw notPlain;
      if (c >= 0x80) ascii = false;
    }
    if (i >= this.end) throw notPlain;
    this.i = i + 1;
    return ascii ? (b as SliceBuffer).latin1Slice(from, i) : (b as SliceBuffer).utf8Slice(from, i);
  }
}
