// The batches of an import's reader (import-vouchers-feed.ts): the checked vouchers numbered,
// chained (or left for the writer's SQLite to chain), summed into the balances and packed into the
// column arrays the writer inserts (VoucherBatch), a batch at a time.
import type { LedgerError } from '../domain/errors.js';
import type { VoucherDraft } from '../domain/voucher.js';
import { periodOf } from '../domain/dates.js';
import { VoucherChain } from '../store/voucher-writer.js';
import { BalanceSums, type MonthSums } from '../store/balance-sums.js';
import { ChainText } from '../store/chain-text.js';
import { VoucherRowsHash } from '../store/voucher-rows-hash.js';
import type { BatchHasher } from '../store/batch-hasher.js';
import type { VoucherBatch } from '../store/voucher-writer.js';
import type { FeedEnd, FeedSink, FeedStart } from './import-vouchers-feed.js';

/** Vouchers a batch holds at most (a batch is sent when full). */
const BATCH_VOUCHERS = 1024;
/** Lines after which a batch is sent. */
const BATCH_LINES = 4 * BATCH_VOUCHERS;
/**
 * Vouchers of the first batch: the writer waits for it while the reader's code is still cold (the
 * first thousand vouchers take a tenth of a second), so it is sent small; each next one holds twice
 * as many, up to BATCH_VOUCHERS.
 */
const FIRST_BATCH = 64;

/** Collects checked vouchers into column batches, numbering and chaining them on the way. */
export class Batcher {
  private readonly chain: VoucherChain;
  readonly sums = new BalanceSums();
  private readonly chainText = new ChainText();
  private lastDate = '';
  private lastPeriod = '';
  /** The texts of lastDate and lastPeriod in the batch being filled (−1: not yet in it). */
  private dateText = -1;
  private periodText = -1;
  /** The month the balance sums were last added to, and its sums. */
  private balPeriod = '';
  private touched = new Set<string>(); // the months of the batch being filled
  private bal: MonthSums | null = null;
  /** The digest of the rows made, when the write may take it from here (start.rowsDigest) and they are hashed in JavaScript. */
  private readonly rowsHash: VoucherRowsHash | null;
  /**
   * The batches' hashes and rows digest made by this thread's own SQLite (sink.hasher), when the
   * writer's would make them otherwise (start.hash false); null once a batch could not be hashed so:
   * the writer hashes from that batch on, and the rows digest is left to the write.
   */
  private hasher: BatchHasher | null;
  /** The rows digest is no longer this reader's to make (a batch it left to the writer). */
  private digestLost = false;
  /** Vouchers the batch being filled holds at most (see FIRST_BATCH). */
  private limit = FIRST_BATCH;
  private nextId: number;
  private b!: {
    vouchers: number;
    lines: number;
    vNum: Float64Array;
    vText: Int32Array;
    hashes: string[];
    lNum: Float64Array;
    lText: Int32Array;
    texts: string[];
    ends: number[];
    length: number;
    index: Map<string, number>;
  };

  constructor(
    private readonly start: FeedStart,
    private readonly sink: FeedSink,
  ) {
    const max = new Map(start.maxNumbers);
    this.chain = new VoucherChain(start.head, (p) => max.get(p) ?? 0);
    this.rowsHash = start.rowsDigest && start.hash ? new VoucherRowsHash(start.now) : null;
    this.hasher = start.hash ? null : (sink.hasher?.() ?? null);
    if (this.hasher && start.rowsDigest) this.hasher.startDigest();
    this.nextId = start.firstId;
    this.fresh();
  }

  private fresh(): void {
    this.dateText = -1;
    this.periodText = -1;
    const a = this.sink.spare?.();
    const fits = a !== undefined && a.lText.length === BATCH_LINES * 4;
    this.b = {
      vouchers: 0,
      lines: 0,
      vNum: fits ? a.vNum : new Float64Array(BATCH_VOUCHERS * 3),
      vText: fits ? a.vText : new Int32Array(BATCH_VOUCHERS * 4),
      hashes: [],
      lNum: fits ? a.lNum : new Float64Array(BATCH_LINES * 2),
      lText: fits ? a.lText : new Int32Array(BATCH_LINES * 4),
      texts: [],
      ends: [],
      length: 0,
      index: new Map(),
    };
  }

  private text(s: string | null | undefined): number {
    if (s === null || s === undefined) return -1;
    const b = this.b;
    let i = b.index.get(s);
    if (i === undefined) {
      i = b.texts.length;
      b.texts.push(s);
      b.ends.push((b.length += s.length));
      b.index.set(s, i);
    }
    return i;
  }

  /** A voucher's chain hash (voucher-writer.ts ChainText), which becomes the head. */
  private hash(v: VoucherDraft, period: string, n: number): string {
    this.chainText.head(this.chain.head, period, n, v.date, v.summary, 'import', null);
    for (const l of v.lines) this.chainText.line(l.account, l.debit, l.credit, l.member || null, l.project || null, l.party || null);
    return this.chain.linkHash(this.chainText.hash());
  }

  /** The batch is full: flush() before the next add(). */
  get full(): boolean {
    return this.b.vouchers >= this.limit || this.b.lines >= BATCH_LINES;
  }

  /** A checked voucher (kind import): numbered, hashed, summed, added to the batch. */
  add(v: VoucherDraft): void {
    // The vouchers of a day follow one another: its month is taken once.
    if (v.date !== this.lastDate) {
      this.lastDate = v.date;
      this.dateText = -1;
      const period = periodOf(v.date);
      if (period !== this.lastPeriod) {
        this.lastPeriod = period;
        this.periodText = -1;
      }
    }
    const period = this.lastPeriod;
    const n = this.chain.number(period);
    const lines = v.lines;
    // Hashed here unless the writer's SQLite hashes (start.hash false: the batch goes without them).
    const hash = this.start.hash ? this.hash(v, period, n) : '';
    const b = this.b;
    if (b.lines + lines.length > b.lText.length / 4) {
      // A voucher of many lines: the batch grows to hold it.
      const size = 2 * (b.lines + lines.length);
      const lNum = new Float64Array(size * 2);
      lNum.set(b.lNum);
      b.lNum = lNum;
      const lText = new Int32Array(size * 4);
      lText.set(b.lText);
      b.lText = lText;
    }
    const attachments = v.attachments ?? 0;
    const preparer = v.preparer ?? null;
    const vi = b.vouchers;
    b.vNum[vi * 3] = n;
    b.vNum[vi * 3 + 1] = attachments;
    b.vNum[vi * 3 + 2] = lines.length;
    b.vText[vi * 4] = this.periodText < 0 ? (this.periodText = this.text(period)) : this.periodText;
    b.vText[vi * 4 + 1] = this.dateText < 0 ? (this.dateText = this.text(v.date)) : this.dateText;
    b.vText[vi * 4 + 2] = this.text(v.summary);
    b.vText[vi * 4 + 3] = this.text(preparer);
    if (hash) b.hashes.push(hash);
    if (period !== this.balPeriod || this.touched.size === 0) {
      this.touched.add(period);
      this.balPeriod = period;
      this.bal = this.sums.month(period);
    }
    const bal = this.bal!;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i];
      const member = l.member || null;
      const project = l.project || null;
      const party = l.party || null;
      const li = b.lines + i;
      b.lNum[li * 2] = l.debit;
      b.lNum[li * 2 + 1] = l.credit;
      b.lText[li * 4] = this.text(l.account);
      b.lText[li * 4 + 1] = this.text(member);
      b.lText[li * 4 + 2] = this.text(project);
      b.lText[li * 4 + 3] = this.text(party);
      this.sums.line(bal, false, l.account, l.debit, l.credit, member, project, party);
    }
    b.lines += lines.length;
    b.vouchers++;
    this.rowsHash?.add(this.nextId, attachments, preparer, hash);
    this.nextId++;
  }

  async flush(): Promise<void> {
    const b = this.b;
    if (b.vouchers === 0) return;
    this.limit = Math.min(2 * this.limit, BATCH_VOUCHERS);
    this.fresh();
    // The sums of the months this batch did not touch go with it, for the writer to write as it goes: in
    // date order each month once (with the batch after it); a month coming back is summed afresh and
    // its rows add up in the tables; months a file keeps going back and forth between stay to the end.
    const sums = this.sums.takeAllBut(this.touched);
    this.touched = new Set();
    const batch: VoucherBatch = {
      vouchers: b.vouchers,
      lines: b.lines,
      vNum: b.vNum,
      vText: b.vText,
      hashes: b.hashes.join(''),
      lNum: b.lNum,
      lText: b.lText,
      texts: b.texts.join(''),
      textEnds: Int32Array.from(b.ends),
      sums,
    };
    if (this.hasher) this.hashBatch(batch, this.hasher);
    await this.sink.batch(batch);
  }

  /** A batch's hashes made by this thread's SQLite, chained on; else left to the writer from here on. */
  private hashBatch(batch: VoucherBatch, hasher: BatchHasher): void {
    const made = hasher.hashes(batch, this.nextId - batch.vouchers, this.chain.head, 'import', this.start.rowsDigest ? this.start.now : null);
    if (made === null) {
      hasher.close();
      this.hasher = null;
      this.digestLost = true;
      return;
    }
    batch.hashes = made;
    if (batch.vouchers > 0) this.chain.linkHash(made.slice(-64));
  }

  end(rows: number, errors: LedgerError[], errorCount: number): FeedEnd {
    return {
      rows,
      errors,
      errorCount,
      balances: this.sums.rows(),
      head: this.chain.head,
      numbers: this.chain.numbers(),
      rowsDigest: this.rowsHash ? this.rowsHash.end() : this.nativeDigest(),
    };
  }

  /** The rows digest this thread's SQLite made (the hasher is done with). */
  private nativeDigest(): string | null {
    const h = this.hasher;
    if (!h) return null;
    this.hasher = null;
    const digest = this.digestLost ? null : h.digest();
    h.close();
    return digest;
  }
}
