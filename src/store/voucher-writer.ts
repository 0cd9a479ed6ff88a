// Posting vouchers inside a write: numbering, the hash chain, lines, and the running balances per
// account, member, project and counterparty (accumulated in memory and written by flush() before
// COMMIT; an import's reader hands over the sums of the months it has left behind with its batches,
// added as they come). Nothing here looks anything up per line: a million-line import stays one pass.
import { voucherRef, type VoucherDraft } from '../domain/voucher.js';
import { periodOf, type Period } from '../domain/dates.js';
import type { DB } from './db.js';
import type { Statement } from 'better-sqlite3';
import { sha256Hex } from './digest.js';
import { INSERT_MANY } from './row-batches.js';
import { BalanceSums, BalanceTables, type BalanceRows } from './balance-sums.js';
import { nativeSqlite } from './native-sqlite.js';
import { batchBytes, SPLIT_CHARACTER } from './batch-hasher.js';
import { ChainText } from './chain-text.js';
import { sameVoucherColumns } from './audit.js';

export interface PostedVoucher {
  id: number;
  period: Period;
  number: number;
  date: string;
  ref: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** Canonical text of a voucher for the hash chain. */
export function voucherDigest(
  prev: string,
  v: {
    period: string;
    number: number;
    date: string;
    summary: string;
    kind: string;
    reverses: number | null;
    lines: readonly { account: string; debit: number; credit: number; member: string | null; project: string | null; party?: string | null }[];
  },
): string {
  let text = voucherHeadText(prev, v.period, v.number, v.date, v.summary, v.kind, v.reverses);
  for (const l of v.lines) text += voucherLineText(l.account, l.debit, l.credit, l.member, l.project, l.party);
  return sha256Hex(text);
}

/** The start of a voucher's canonical text: the hash before it and its head. */
export function voucherHeadText(prev: string, period: string, number: number, date: string, summary: string, kind: string, reverses: number | null): string {
  return `${prev}\n${period}|${number}|${date}|${summary}|${kind}|${reverses ?? ''}`;
}

/** One line of a voucher's canonical text. */
export function voucherLineText(account: string, debit: number, credit: number, member: string | null, project: string | null, party?: string | null): string {
  // A line's counterparty is hashed only when it has one, so the chains written before the
  // counterparty existed hash exactly as they did.
  return `\n${account}|${debit}|${credit}|${member ?? ''}|${project ?? ''}${party ? `|${party}` : ''}`;
}

/**
 * Numbering and the hash chain: each month's vouchers numbered on from the highest number it has,
 * each voucher's hash over the one before it. The writer keeps one over the ledger; an import's
 * reader keeps one over the numbers and head hash read when its write began.
 */
export class VoucherChain {
  private readonly next = new Map<string, number>();
  constructor(
    /** The hash of the last voucher. */
    public head: string,
    /** The highest number a month has (0 for none). */
    private readonly maxNumber: (period: string) => number,
  ) {}

  /** The next number of the month. */
  number(period: string): number {
    let n = this.next.get(period);
    if (n === undefined) n = this.maxNumber(period) + 1;
    this.next.set(period, n + 1);
    return n;
  }

  /** The numbers given so far: the next of each month. */
  numbers(): [string, number][] {
    return [...this.next];
  }

  /** Continue from numbers given elsewhere (an import's reader). */
  numberFrom(next: readonly [string, number][]): void {
    for (const [p, n] of next) this.next.set(p, n);
  }

  /** The voucher's hash over its canonical text (which starts with the current head); it becomes the head. */
  link(text: string): string {
    return (this.head = sha256Hex(text));
  }

  /** A voucher hashed elsewhere (chain-text.ts, over text that starts with the current head): it becomes the head. */
  linkHash(hash: string): string {
    return (this.head = hash);
  }
}

/**
 * Imported vouchers, numbered and chained, as columns rather than objects: a reader (possibly in
 * another thread) makes them, the writer inserts them many rows a statement. Texts are indices into
 * `texts` (-1: null); ids are the writer's next ids in order.
 */
export interface VoucherBatch {
  vouchers: number;
  lines: number;
  /** Per voucher: number, attachments, line count. */
  vNum: Float64Array;
  /** Per voucher: period, date, summary, preparer. */
  vText: Int32Array;
  /** The vouchers' hashes, 64 hex digits each, one after another. */
  hashes: string;
  /** Per line: debit, credit (fen). */
  lNum: Float64Array;
  /** Per line: account, member, project, party. */
  lText: Int32Array;
  /** The batch's distinct texts, one after another. */
  texts: string;
  /** Where each text ends in `texts`. */
  textEnds: Int32Array;
  /** The balance sums of the months the reader has left behind (BalanceSums.takeAllBut), if any. */
  sums?: BalanceRows;
}

/** Rows of a multi-row INSERT: fewer statements run, the same rows stored. */
const ROWS_PER_INSERT = 32;
const V_COLS = 'id, period, number, date, summary, attachments, preparer, hash, kind, reverses, created_at';
/** The parameters of a voucher row (the columns before kind). */
const V_PARAMS = 8;
const L_COLS = 'voucher_id, line_no, account, debit, credit, member, project, party';

/** `rows` rows of `cols` parameters, each followed by the constants `tail` (SQL literals). */
function values(rows: number, cols: number, tail = ''): string {
  const one = `(${new Array(cols).fill('?').join(', ')}${tail})`;
  return new Array(rows).fill(one).join(', ');
}

/** The statements of an import's batches through the extension (voucher-writer.ts insertNative). */
interface NativeBatch {
  v: Statement;
  l: Statement;
  hashOf: Statement;
  resetDigest: Statement;
  digest: Statement;
  /** created_at of the rows, for the rows digest; null: the vouchers table is not as the digest reads it. */
  at: string | null;
}

/** A text as an SQL literal. */
function literal(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

export class VoucherWriter {
  private readonly db: DB;
  private readonly now: string;
  private readonly insVoucher;
  private readonly insLine;
  private readonly chain: VoucherChain;
  private readonly sums = new BalanceSums();
  private tables: BalanceTables | null = null;
  private bulk: { v: Statement; l: Statement; v1: Statement; l1: Statement; vp: unknown[]; lp: unknown[] } | null = null;
  /** The extension's batch statements (null: it is not loaded; undefined: not looked for yet). */
  private native: NativeBatch | null | undefined = undefined;
  /**
   * The rows digest SQLite makes as it writes an import's batches (sanzi_rows_digest): 'made' while
   * every batch has gone through it, 'broken' once one has not.
   */
  private nativeDigest: 'none' | 'made' | 'broken' = 'none';
  /** Vouchers of an import were hashed here (the reader left it to SQLite): the head is ours, the row digest the audit's. */
  private hashedHere = false;
  posted = 0;
  lines = 0;
  /** Σ debit of the vouchers posted (fen), for the audit record. */
  amount = 0;
  firstId: number | null = null;
  lastId: number | null = null;
  /** The digest of the voucher rows posted, when made as they were (see audit.ts voucherRowsDigest). */
  rowsDigest: string | null = null;
  /** A voucher was posted one by one: the row digest is left to the audit trail's own query. */
  private single = false;
  /** The id of the next batch's first voucher (chainStart()). */
  private nextId = 0;

  constructor(db: DB, now: string) {
    this.db = db;
    this.now = now;
    this.insVoucher = db.prepare(
      `INSERT INTO vouchers(period, number, date, summary, attachments, preparer, kind, reverses, created_at, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insLine = db.prepare(
      'INSERT INTO voucher_lines(voucher_id, line_no, account, debit, credit, member, project, party) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const maxNumber = db.prepare('SELECT COALESCE(MAX(number), 0) FROM vouchers WHERE period = ?').pluck();
    this.chain = new VoucherChain(
      (db.prepare('SELECT hash FROM vouchers ORDER BY id DESC LIMIT 1').pluck().get() as string | undefined) ?? GENESIS_HASH,
      (period) => maxNumber.get(period) as number,
    );
  }

  get headHash(): string {
    return this.chain.head;
  }

  /**
   * Where an import's reader starts: the head hash, the next voucher id, every month's highest
   * number; and whether it is to hash the vouchers (`hash`), or leave that to SQLite here
   * (sanzi_batch_vouchers: the reader then sends batches without hashes).
   */
  chainStart(): { head: string; firstId: number; maxNumbers: [string, number][]; hash: boolean } {
    const db = this.db;
    const maxId = db.prepare('SELECT COALESCE(MAX(id), 0) FROM vouchers').pluck().get() as number;
    const maxNumbers = db.prepare('SELECT period, MAX(number) FROM vouchers GROUP BY period').raw(true).all() as [string, number][];
    this.nextId = maxId + 1;
    if (this.native === undefined) this.native = this.prepareNative();
    return {
      head: this.chain.head,
      firstId: maxId + 1,
      maxNumbers: maxNumbers.concat(this.chain.numbers().map(([p, n]) => [p, n - 1])),
      hash: this.native === null,
    };
  }

  /** Post a voucher already checked. */
  post(v: VoucherDraft, reverses: number | null = null): PostedVoucher {
    const period = periodOf(v.date);
    const n = this.chain.number(period);
    const kind = v.kind ?? 'manual';
    // The chain's text, then the rows: each line read once, no copy of it made.
    let text = voucherHeadText(this.chain.head, period, n, v.date, v.summary, kind, reverses);
    for (const l of v.lines) text += voucherLineText(l.account, l.debit, l.credit, l.member || null, l.project || null, l.party || null);
    const hash = this.chain.link(text);
    const info = this.insVoucher.run(period, n, v.date, v.summary, v.attachments ?? 0, v.preparer ?? null, kind, reverses, this.now, hash);
    const id = Number(info.lastInsertRowid);
    if (this.firstId === null) this.firstId = id;
    this.lastId = id;
    this.rowsDigest = null;
    this.single = true;
    const month = this.sums.month(period);
    const closing = kind === 'year-close';
    const lines = v.lines;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i];
      const member = l.member || null;
      const project = l.project || null;
      const party = l.party || null;
      this.insLine.run(id, i + 1, l.account, l.debit, l.credit, member, project, party);
      this.amount += l.debit;
      this.sums.line(month, closing, l.account, l.debit, l.credit, member, project, party);
    }
    this.posted++;
    this.lines += lines.length;
    return { id, period, number: n, date: v.date, ref: voucherRef(period, n) };
  }

  /**
   * Insert imported vouchers (kind 'import') made by a reader from chainStart(): ids, numbers and
   * hashes as it gave them. Through the extension's table-valued functions where it is loaded (two
   * statements a batch, SQLite reading the batch's arrays: native-sqlite.ts), else bound,
   * ROWS_PER_INSERT rows a statement.
   */
  insertBatch(b: VoucherBatch): void {
    this.insertBatchRows(b);
    // Added to the tables as they come (32 rows a statement), while a reader thread reads on, rather
    // than all before COMMIT: the upserts add up the same. Nothing reads the tables before flush().
    if (b.sums) this.balanceTables().addRows(b.sums);
  }

  private insertBatchRows(b: VoucherBatch): void {
    if (this.native === undefined) this.native = this.prepareNative();
    if (this.native && this.insertNative(this.native, b)) return;
    const k = (this.bulk ??= this.prepareBulk());
    const { vNum, vText, lNum, lText } = b;
    const texts = new Array<string>(b.textEnds.length);
    for (let i = 0, from = 0; i < texts.length; i++) {
      const to = b.textEnds[i];
      texts[i] = b.texts.slice(from, to);
      from = to;
    }
    const text = (i: number) => (i < 0 ? null : texts[i]);
    // A batch the reader did not hash (SQLite was to): hashed here, as the reader would have.
    const hashes = b.vouchers > 0 && b.hashes === '' ? this.hashBatch(b, texts) : b.hashes;
    let id = this.nextId;
    if (this.firstId === null) this.firstId = id;
    const vp = k.vp;
    const lp = k.lp;
    let vi = 0;
    let li = 0;
    let line = 0;
    for (let v = 0; v < b.vouchers; v++, id++) {
      const t = v * 4;
      vp[vi++] = id;
      vp[vi++] = texts[vText[t]];
      vp[vi++] = vNum[v * 3];
      vp[vi++] = texts[vText[t + 1]];
      vp[vi++] = texts[vText[t + 2]];
      vp[vi++] = vNum[v * 3 + 1];
      vp[vi++] = text(vText[t + 3]);
      vp[vi++] = hashes.slice(v * 64, v * 64 + 64);
      if (vi === vp.length) {
        k.v.run(vp);
        vi = 0;
      }
      const n = vNum[v * 3 + 2];
      for (let j = 1; j <= n; j++, line++) {
        const a = line * 2;
        const s = line * 4;
        lp[li++] = id;
        lp[li++] = j;
        lp[li++] = texts[lText[s]];
        lp[li++] = lNum[a];
        lp[li++] = lNum[a + 1];
        lp[li++] = text(lText[s + 1]);
        lp[li++] = text(lText[s + 2]);
        lp[li++] = text(lText[s + 3]);
        this.amount += lNum[a];
        if (li === lp.length) {
          k.l.run(lp);
          li = 0;
        }
      }
    }
    for (let i = 0; i < vi; i += V_PARAMS) k.v1.run(vp.slice(i, i + V_PARAMS));
    for (let i = 0; i < li; i += 8) k.l1.run(lp.slice(i, i + 8));
    this.lastId = id - 1;
    this.nextId = id;
    this.posted += b.vouchers;
    this.lines += b.lines;
    if (hashes !== b.hashes) this.hashedHere = true;
    else this.linkBatch(b);
  }

  /**
   * A batch hashed by the reader: its last hash becomes the head here too, so that a batch the reader
   * leaves unhashed after it (one it could not hash: BatchHasher) is chained from it.
   */
  private linkBatch(b: VoucherBatch): void {
    if (b.vouchers > 0) this.chain.linkHash(b.hashes.slice(b.vouchers * 64 - 64, b.vouchers * 64));
  }

  /** The hashes of a batch's vouchers, chained from the head (ChainText, as the reader makes them); the last becomes the head. */
  private hashBatch(b: VoucherBatch, texts: readonly string[]): string {
    const text = (i: number) => (i < 0 ? null : texts[i]);
    const chainText = new ChainText();
    const out: string[] = [];
    let line = 0;
    for (let v = 0; v < b.vouchers; v++) {
      const t = v * 4;
      chainText.head(this.chain.head, texts[b.vText[t]], b.vNum[v * 3], texts[b.vText[t + 1]], texts[b.vText[t + 2]], 'import', null);
      for (let j = 0; j < b.vNum[v * 3 + 2]; j++, line++) {
        const s = line * 4;
        chainText.line(texts[b.lText[s]], b.lNum[line * 2], b.lNum[line * 2 + 1], text(b.lText[s + 1]), text(b.lText[s + 2]), text(b.lText[s + 3]));
      }
      out.push(this.chain.linkHash(chainText.hash()));
    }
    return out.join('');
  }

  /** The end of an import's batches: the reader's balance sums not handed over with a batch, head hash, numbers and row digest. */
  endBatches(end: { balances: BalanceRows; head: string; numbers: [string, number][]; rowsDigest: string | null }): void {
    this.balanceTables().addRows(end.balances);
    // Vouchers hashed here (by SQLite or hashBatch) carried the head along, and SQLite digested their
    // rows as it wrote them (when every batch went through it); else the reader did both.
    if (!this.hashedHere) this.chain.head = end.head;
    this.chain.numberFrom(end.numbers);
    // (A digest left 'broken' is never read: the next import resets it before its first batch.)
    const native = this.nativeDigest === 'made' ? ((this.native!.digest.get() as string | null) ?? null) : null;
    this.nativeDigest = 'none';
    this.rowsDigest = this.single ? null : this.hashedHere ? native : end.rowsDigest;
  }

  /**
   * A batch inserted by SQLite from its arrays (sanzi_batch_vouchers, sanzi_batch_lines); false when
   * a text of it ends inside a character of the texts joined (a surrogate pair two texts make only
   * together), nothing of it inserted: its rows are then bound one by one.
   */
  private insertNative(k: NativeBatch, b: VoucherBatch): boolean {
    const vNum = batchBytes(b.vNum, b.vouchers * 3);
    const texts = b.texts;
    const ends = batchBytes(b.textEnds, b.textEnds.length);
    const lNum = batchBytes(b.lNum, b.lines * 2);
    const lText = batchBytes(b.lText, b.lines * 4);
    const id = this.nextId;
    // Hashes the reader left to SQLite (null) are made from the head, as ChainText makes them.
    const hashes = b.hashes === '' ? null : b.hashes;
    // The rows digest from the first batch on, when every batch goes this way and is hashed here (a
    // reader that hashes its batches digests their rows too: batch-hasher.ts).
    if (this.nativeDigest === 'none' && this.firstId === null && k.at !== null && hashes === null) {
      k.resetDigest.run();
      this.nativeDigest = 'made';
    }
    const at = this.nativeDigest === 'made' ? k.at : null;
    try {
      k.v.run(vNum, batchBytes(b.vText, b.vouchers * 4), hashes, lNum, lText, texts, ends, id, this.chain.head, 'import', at);
    } catch (e) {
      if (e instanceof Error && e.message.includes(SPLIT_CHARACTER)) {
        this.nativeDigest = 'broken';
        return false;
      }
      throw e;
    }
    k.l.run(vNum, lNum, lText, texts, ends, id);
    for (let i = 0; i < b.lines; i++) this.amount += b.lNum[i * 2];
    if (this.firstId === null) this.firstId = id;
    this.lastId = id + b.vouchers - 1;
    this.nextId = id + b.vouchers;
    this.posted += b.vouchers;
    this.lines += b.lines;
    if (hashes === null && b.vouchers > 0) {
      this.chain.linkHash(k.hashOf.get(this.lastId) as string);
      this.hashedHere = true;
    } else if (hashes !== null) this.linkBatch(b);
    return true;
  }

  /** The batch statements, or null where the extension is not loaded (or lacks them): rows are then bound. */
  private prepareNative(): NativeBatch | null {
    if (!nativeSqlite(this.db)) return null;
    const tail = `'import', NULL, ${literal(this.now)}`;
    try {
      return this.prepareNativeStatements(tail);
    } catch {
      return null;
    }
  }

  private prepareNativeStatements(tail: string): NativeBatch {
    return {
      v: this.db.prepare(
        `${INSERT_MANY} INTO vouchers(${V_COLS}) SELECT id, period, number, date, summary, attachments, preparer, hash, ${tail} FROM sanzi_batch_vouchers(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      l: this.db.prepare(`${INSERT_MANY} INTO voucher_lines(${L_COLS}) SELECT ${L_COLS} FROM sanzi_batch_lines(?, ?, ?, ?, ?, ?)`),
      hashOf: this.db.prepare('SELECT hash FROM vouchers WHERE id = ?').pluck(),
      resetDigest: this.db.prepare('SELECT sanzi_rows_digest_reset()'),
      digest: this.db.prepare('SELECT sanzi_rows_digest()').pluck(),
      at: sameVoucherColumns(this.db) ? this.now : null,
    };
  }

  private prepareBulk() {
    const db = this.db;
    // Every imported voucher has the same kind, no reversed voucher and the write's time: written
    // into the statement once rather than bound for each row.
    const tail = `, 'import', NULL, ${literal(this.now)}`;
    return {
      v: db.prepare(`${INSERT_MANY} INTO vouchers(${V_COLS}) VALUES ${values(ROWS_PER_INSERT, V_PARAMS, tail)}`),
      l: db.prepare(`${INSERT_MANY} INTO voucher_lines(${L_COLS}) VALUES ${values(ROWS_PER_INSERT, 8)}`),
      v1: db.prepare(`INSERT INTO vouchers(${V_COLS}) VALUES ${values(1, V_PARAMS, tail)}`),
      l1: db.prepare(`INSERT INTO voucher_lines(${L_COLS}) VALUES ${values(1, 8)}`),
      vp: new Array<unknown>(ROWS_PER_INSERT * V_PARAMS),
      lp: new Array<unknown>(ROWS_PER_INSERT * 8),
    };
  }

  /** Write the accumulated balances. Runs inside the same transaction, before COMMIT. */
  flush(): void {
    const tables = this.balanceTables();
    this.sums.writeTo(tables);
    tables.flush();
  }

  /** The balance tables' writer of this write (its statements prepared once). */
  private balanceTables(): BalanceTables {
    return (this.tables ??= new BalanceTables(this.db));
  }
}
