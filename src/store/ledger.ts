// The ledger: reads, and the one write fence. A write runs as ledger.write(meta, tx => …):
// BEGIN IMMEDIATE → load → check → write → audit record → COMMIT. WriteTx is the only type with
// write methods, so a check and the write it guards are always one locked step.
import { CHART_2023, STANDING_SUBACCOUNTS, classOf, levelOf, parentOf, type Side } from '../domain/accounts.js';
import { Refusal, type LedgerError } from '../domain/errors.js';
import { StoreErrors } from '../domain/errors/store.js';
import { AccountErrors } from '../domain/errors/accounts.js';
import type { LedgerLookup, VoucherLine } from '../domain/voucher.js';
import { openMonthsBetween, type PeriodLookup } from '../domain/periods.js';
import type { Period } from '../domain/dates.js';
import { createLedgerFile, isReadOnlyError, openLedgerFile, type DB, type OpenOptions } from './db.js';
import { DB_KEY, type HasDb } from './internal.js';
import { installCapture } from './audit.js';
import { refuseChangedSchema } from './schema.js';
import { WriteTx, type WriteMeta } from './write-tx.js';
import { FlushBeside } from './flush-beside.js';
import { RollbackJournal } from './rollback-journal.js';
import type { ImportFile } from './imported-files.js';

export { WriteTx, type WriteMeta } from './write-tx.js';
export type { PostedVoucher } from './voucher-writer.js';

/** Rows from which an import's write is a large one (WriteOptions.large). */
export const LARGE_WRITE_ROWS = 10_000;

/** How a write is run. */
export interface WriteOptions {
  /**
   * A large write (an import of megabytes): it goes through a rollback journal where it can, its pages
   * written into the ledger once rather than into the -wal and again by a checkpoint
   * (rollback-journal.ts), and what it writes is flushed to disk beside it, so that the syncs ending
   * it find little left to wait for (flush-beside.ts).
   */
  large?: boolean;
}

export interface AccountRow {
  code: string;
  name: string;
  side: Side;
  class: string;
  level: number;
  parent: string | null;
  isLeaf: boolean;
}

export interface VoucherHead {
  id: number;
  date: string;
  number: number;
  period: string;
  summary: string;
  kind: string;
  preparer: string | null;
  attachments: number;
  reverses: number | null;
}

export class Ledger implements LedgerLookup, PeriodLookup, HasDb {
  readonly [DB_KEY]: DB;
  readonly path: string;
  private readonly busySeconds: number;
  private accounts = new Map<string, AccountRow>();
  private members: Set<string> | null = null;
  private projects: Set<string> | null = null;
  private closed: Set<string> | null = null;
  private startCache: string | null | undefined = undefined;
  private importing: ImportFile | null = null;

  private constructor(db: DB, path: string, opts: OpenOptions) {
    this[DB_KEY] = db;
    this.path = path;
    this.busySeconds = opts.busySeconds ?? 30;
    this.reloadAccounts();
  }

  static open(path: string, opts: OpenOptions = {}): Ledger {
    return new Ledger(openLedgerFile(path, opts), path, opts);
  }

  static create(path: string, opts: OpenOptions = {}): Ledger {
    return new Ledger(createLedgerFile(path, opts), path, opts);
  }

  close(): void {
    if (this[DB_KEY].open) this[DB_KEY].close();
  }

  // ---- the write fence ----
  private begin(): void {
    const db = this[DB_KEY];
    // A read-only ledger (opened so because its file may not be written) takes no write at all.
    if (db.readonly) throw new Refusal(StoreErrors.LEDGER_READONLY(this.path));
    // The capture's TEMP triggers are built from the file's tables: only once they are the expected
    // ones (a table planted under a crafted name would otherwise put its SQL into sanzi's). Checked
    // again under the lock below, against a change made meanwhile.
    refuseChangedSchema(db, this.path);
    installCapture(db);
    try {
      db.exec('BEGIN IMMEDIATE');
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_BUSY') throw new Refusal(StoreErrors.LEDGER_BUSY(this.busySeconds));
      if (isReadOnlyError(e)) throw new Refusal(StoreErrors.LEDGER_READONLY(this.path));
      throw e;
    }
    // What was cached before the lock may be stale: another process may have written since.
    this.invalidate();
    // A file whose tables, indexes or triggers were changed behind sanzi's back takes no write.
    try {
      refuseChangedSchema(db, this.path);
    } catch (e) {
      this.rollback();
      throw e;
    }
  }

  private rollback(): void {
    const db = this[DB_KEY];
    if (db.inTransaction) db.exec('ROLLBACK');
    this.invalidate();
  }

  /**
   * The file the next write imports: inside that write, before anything else, the same bytes
   * imported before are refused (unless `again`), and the file's digest is recorded with it.
   */
  importFile(f: ImportFile): void {
    this.importing = f;
  }

  private newTx(meta: WriteMeta): WriteTx {
    const tx = new WriteTx(this, meta);
    if (this.importing) {
      const f = this.importing;
      this.importing = null;
      tx.guardImport(f);
    }
    return tx;
  }

  /** One command's write: everything fn does, checks included, in one locked transaction. */
  write<T>(meta: WriteMeta, fn: (tx: WriteTx) => T, opts: WriteOptions = {}): T {
    const journal = opts.large ? RollbackJournal.take(this[DB_KEY]) : null;
    let flush: FlushBeside | null = null;
    try {
      this.begin();
      try {
        flush = opts.large ? FlushBeside.start(this[DB_KEY]) : null;
        const tx = this.newTx(meta);
        const r = fn(tx);
        if (r instanceof Promise) throw new Error('write(): use writeAsync for an asynchronous body');
        return this.commit(tx, r);
      } catch (e) {
        throw this.abandon(e);
      }
    } finally {
      // WAL mode back at once, before another process's write can begin in rollback mode.
      journal?.giveBack();
      flush?.stop();
    }
  }

  /** The body ran: its audit record, then COMMIT. */
  private commit<T>(tx: WriteTx, r: T): T {
    tx.finish();
    this[DB_KEY].exec('COMMIT');
    return r;
  }

  /** The body or the commit threw: ROLLBACK, and what to throw instead. */
  private abandon(e: unknown): unknown {
    this.rollback();
    return this.refusalOf(e);
  }

  /** SQLite found it may not write the file after all (its folder, a file made read-only meanwhile): said as a refusal. */
  private refusalOf(e: unknown): unknown {
    return isReadOnlyError(e) ? new Refusal(StoreErrors.LEDGER_READONLY(this.path)) : e;
  }

  /** The same for an asynchronous body (streaming imports). */
  async writeAsync<T>(meta: WriteMeta, fn: (tx: WriteTx) => Promise<T>, opts: WriteOptions = {}): Promise<T> {
    const journal = opts.large ? RollbackJournal.take(this[DB_KEY]) : null;
    let flush: FlushBeside | null = null;
    try {
      this.begin();
      try {
        flush = opts.large ? FlushBeside.start(this[DB_KEY]) : null;
        const tx = this.newTx(meta);
        return this.commit(tx, await fn(tx));
      } catch (e) {
        throw this.abandon(e);
      }
    } finally {
      journal?.giveBack();
      flush?.stop();
    }
  }

  /** Forget everything cached; the next read loads it again. */
  invalidate(): void {
    this.members = null;
    this.projects = null;
    this.closed = null;
    this.startCache = undefined;
    this.reloadAccounts();
  }

  // ---- meta ----
  meta(key: string): string | undefined {
    const r = this[DB_KEY].prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return r?.value;
  }

  /** The collective's name (init --name). */
  orgName(): string {
    return this.meta('name') ?? '';
  }

  // ---- chart ----
  reloadAccounts(): void {
    const rows = this[DB_KEY]
      .prepare(
        `SELECT a.code, a.name, a.side, a.class, a.level, a.parent,
                NOT EXISTS (SELECT 1 FROM accounts c WHERE c.parent = a.code) AS isLeaf
           FROM accounts a ORDER BY a.code`,
      )
      .all() as (Omit<AccountRow, 'isLeaf'> & { isLeaf: number })[];
    this.accounts = new Map(rows.map((r) => [r.code, { ...r, isLeaf: r.isLeaf === 1 }]));
  }

  account(code: string): AccountRow | undefined {
    return this.accounts.get(code);
  }

  allAccounts(): AccountRow[] {
    return [...this.accounts.values()];
  }

  /** The normal side of an account (its own, or its first-level ancestor's). */
  sideOf(code: string): Side {
    let c: string | null = code;
    while (c) {
      const a = this.accounts.get(c) ?? CHART_2023.find((x) => x.code === c);
      if (a) return a.side;
      c = parentOf(c);
    }
    return '借';
  }

  /**
   * The account an entry the tool makes goes to by default: `code` itself when it is a leaf; when it
   * has sub-accounts and exactly one leaf under it, that leaf; otherwise an error naming the option
   * that lets the user choose.
   */
  resolveLeaf(code: string, option: string | null): { code: string } | { error: LedgerError } {
    const a = this.accounts.get(code);
    if (!a) return { error: AccountErrors.ACCOUNT_UNKNOWN(code) };
    if (a.isLeaf) return { code };
    const leaves = this.allAccounts().filter((x) => x.isLeaf && x.code.startsWith(code) && x.code !== code);
    if (leaves.length === 1) return { code: leaves[0].code };
    return { error: AccountErrors.ACCOUNT_NOT_LEAF(code, a.name, { leaves: leaves.map((l) => l.code), option }) };
  }

  /** resolveLeaf, refusing when there is no single leaf. */
  leafFor(code: string, option: string | null): string {
    const r = this.resolveLeaf(code, option);
    if ('error' in r) throw new Refusal(r.error);
    return r.code;
  }

  hasPostings(code: string): boolean {
    return this[DB_KEY].prepare('SELECT 1 FROM balances WHERE account = ? LIMIT 1').get(code) !== undefined;
  }

  // ---- dimensions ----
  hasMember(id: string): boolean {
    if (!this.members) this.members = new Set(this[DB_KEY].prepare('SELECT id FROM members').pluck().all() as string[]);
    return this.members.has(id);
  }

  hasProject(code: string): boolean {
    if (!this.projects) this.projects = new Set(this[DB_KEY].prepare('SELECT code FROM projects').pluck().all() as string[]);
    return this.projects.has(code);
  }

  // ---- periods ----
  isClosed(period: Period): boolean {
    if (!this.closed) this.closed = new Set(this[DB_KEY].prepare('SELECT period FROM closed_periods').pluck().all() as string[]);
    return this.closed.has(period);
  }

  closedPeriods(): string[] {
    return this[DB_KEY].prepare('SELECT period FROM closed_periods ORDER BY period').pluck().all() as string[];
  }

  /** The last closed month, or null when none is. */
  lastClosedPeriod(): Period | null {
    return (this[DB_KEY].prepare('SELECT MAX(period) FROM closed_periods').pluck().get() as string | null) ?? null;
  }

  /** The first month of the books as set by `init --start`, if it was. */
  startPeriod(): Period | null {
    if (this.startCache === undefined) this.startCache = this.meta('start') ?? null;
    return this.startCache;
  }

  /** The first month of the books: --start of init, else the earliest month with a voucher or a close. */
  firstPeriod(): Period | null {
    const s = this.startPeriod();
    if (s) return s;
    const db = this[DB_KEY];
    const v = db.prepare('SELECT MIN(period) FROM vouchers').pluck().get() as string | null;
    const c = db.prepare('SELECT MIN(period) FROM closed_periods').pluck().get() as string | null;
    if (v && c) return v < c ? v : c;
    return v ?? c ?? null;
  }

  /** Open months between the books' first month and `before` (exclusive), oldest first. */
  openMonthsBefore(before: Period): Period[] {
    return openMonthsBetween(this.firstPeriod(), before, (p) => this.isClosed(p));
  }

  periodEvents(): { period: string; action: string; reason: string | null; at: string }[] {
    return this[DB_KEY].prepare('SELECT period, action, reason, at FROM period_events ORDER BY id').all() as never;
  }

  // ---- vouchers ----
  voucherByRef(period: Period, number: number): VoucherHead | undefined {
    return this[DB_KEY]
      .prepare('SELECT id, date, number, period, summary, kind, preparer, attachments, reverses FROM vouchers WHERE period = ? AND number = ?')
      .get(period, number) as VoucherHead | undefined;
  }

  voucherById(id: number): VoucherHead | undefined {
    return this[DB_KEY]
      .prepare('SELECT id, date, number, period, summary, kind, preparer, attachments, reverses FROM vouchers WHERE id = ?')
      .get(id) as VoucherHead | undefined;
  }

  /** The voucher that reversed this one, if any. */
  reversalOf(id: number): VoucherHead | undefined {
    return this[DB_KEY]
      .prepare('SELECT id, date, number, period, summary, kind, preparer, attachments, reverses FROM vouchers WHERE reverses = ?')
      .get(id) as VoucherHead | undefined;
  }

  reviewerOf(id: number): string | undefined {
    return this[DB_KEY].prepare('SELECT reviewer FROM voucher_reviews WHERE voucher_id = ?').pluck().get(id) as string | undefined;
  }

  linesOf(voucherId: number): VoucherLine[] {
    return this[DB_KEY]
      .prepare('SELECT account, debit, credit, member, project, party FROM voucher_lines WHERE voucher_id = ? ORDER BY line_no')
      .all(voucherId) as VoucherLine[];
  }

  voucherCount(): number {
    return this[DB_KEY].prepare('SELECT COUNT(*) FROM vouchers').pluck().get() as number;
  }
}

/** The 2023 chart and 322's standing sub-accounts, as rows to insert. */
export function chartRows(): { code: string; name: string; side: Side; class: string; level: number; parent: string | null }[] {
  const rows: { code: string; name: string; side: Side; class: string; level: number; parent: string | null }[] = CHART_2023.map((a) => ({
    code: a.code,
    name: a.name,
    side: a.side,
    class: a.class,
    level: a.level,
    parent: null,
  }));
  for (const [code, name] of STANDING_SUBACCOUNTS) {
    const p = parentOf(code)!;
    const side = CHART_2023.find((x) => x.code === p.slice(0, 3))!.side;
    rows.push({ code, name, side, class: classOf(code), level: levelOf(code), parent: p });
  }
  return rows;
}
