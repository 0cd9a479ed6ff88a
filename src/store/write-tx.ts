// WriteTx: the only type with write methods. It exists only inside Ledger.write(), between
// BEGIN IMMEDIATE and COMMIT; everything read through tx.ledger there is read under the lock.
import { Refusal, type LedgerError } from '../domain/errors.js';
import type { VoucherDraft } from '../domain/voucher.js';
import { checkPosting } from '../domain/voucher-post.js';
import type { Period } from '../domain/dates.js';
import type { DB } from './db.js';
import { DB_KEY, type HasDb } from './internal.js';
import { appendRecord, hasPendingRows, rowsChangedBehind, sameVoucherColumns } from './audit.js';
import { StoreErrors } from '../domain/errors/store.js';
import { VoucherWriter, type PostedVoucher, type VoucherBatch } from './voucher-writer.js';
import type { BalanceRows } from './balance-sums.js';
import { checkImportAgain } from '../domain/entries.js';
import { importedBefore, recordImport, type ImportFile } from './imported-files.js';
import { chartRows, type AccountRow, type Ledger } from './ledger.js';
import { checkDeclaredYears, checkDistributionsAdded, type DeclaredYear } from '../domain/dividend-profit.js';
import { declaredShareDates, declaredYears, uncarriedYears } from './declared-years.js';
import { IN_FORCE } from './shares.js';
import { checkMovementsAfterDeclarations, checkStatusAfterDeclarations } from '../domain/shares.js';

export interface WriteMeta {
  /** The command, e.g. `voucher.add`, `member.edit`, `dividend.declare`. */
  action: string;
  /** Who: --by, else the OS user. */
  by: string;
  /** When: local time YYYY-MM-DD HH:MM:SS. */
  at: string;
}

/** See WriteTx.importStart(). Plain data: it is handed to another thread. */
export interface ImportStart {
  /** The write's time (created_at of the vouchers). */
  now: string;
  today: string;
  accounts: AccountRow[];
  members: string[];
  projects: string[];
  closed: string[];
  start: Period | null;
  /** The hash of the last voucher. */
  head: string;
  /** The id the first imported voucher gets. */
  firstId: number;
  /** Each month's highest voucher number. */
  maxNumbers: [string, number][];
  /** Whether the reader may digest the voucher rows as it makes them (audit.ts voucherRowJson), when it hashes them. */
  rowsDigest: boolean;
  /**
   * Whether the reader hashes the vouchers in JavaScript; false: SQLite does, the reader's own when
   * it has one (batch-hasher.ts), else the writer's (voucher-writer.ts insertNative).
   */
  hash: boolean;
}

export class WriteTx implements HasDb {
  readonly [DB_KEY]: DB;
  /** Reads, inside the same locked transaction. */
  readonly ledger: Ledger;
  readonly now: string;
  readonly by: string;
  readonly action: string;
  private readonly vouchers: VoucherWriter;
  private summary: string | null = null;
  private detail: unknown = undefined;
  private entity: string;
  private importing: ImportFile | null = null;
  /** The declared years as they were before this write's first voucher (see finish). */
  private declaredBefore: Map<number, DeclaredYear> | null = null;
  /** The last share movement before this write: those after it are this write's (see finish). */
  private readonly sharesBefore: number;
  /** The last member status change before this write (likewise). */
  private readonly eventsBefore: number;

  constructor(ledger: Ledger, meta: WriteMeta) {
    this.ledger = ledger;
    this[DB_KEY] = ledger[DB_KEY];
    this.now = meta.at;
    this.by = meta.by;
    this.action = meta.action;
    this.entity = meta.action.split('.')[0];
    this.vouchers = new VoucherWriter(this[DB_KEY], meta.at);
    this.sharesBefore = this[DB_KEY].prepare('SELECT coalesce(max(id), 0) FROM share_movements').pluck().get() as number;
    this.eventsBefore = this[DB_KEY].prepare('SELECT coalesce(max(id), 0) FROM member_events').pluck().get() as number;
  }

  /** What this write did, in words, for the audit trail (and what it concerns, when not the command's). */
  describe(summary: string, detail?: unknown, entity?: string): void {
    this.summary = summary;
    if (detail !== undefined) this.detail = detail;
    if (entity) this.entity = entity;
  }

  // ---- vouchers ----
  get posted(): number {
    return this.vouchers.posted;
  }

  get lines(): number {
    return this.vouchers.lines;
  }

  /** Every check of a voucher against the ledger, without writing. */
  checkVoucher(v: VoucherDraft, accountNames?: (string | null)[]): LedgerError[] {
    return checkPosting(v, this.ledger, this.now.slice(0, 10), accountNames);
  }

  /**
   * What an import's reader needs to check, number and chain vouchers away from the ledger (in
   * another thread): everything the checks look up and where the chain stands, read under the lock.
   */
  importStart(): ImportStart {
    this.beforePosting();
    const db = this[DB_KEY];
    const l = this.ledger;
    return {
      now: this.now,
      today: this.now.slice(0, 10),
      accounts: l.allAccounts(),
      members: db.prepare('SELECT id FROM members').pluck().all() as string[],
      projects: db.prepare('SELECT code FROM projects').pluck().all() as string[],
      closed: db.prepare('SELECT period FROM closed_periods').pluck().all() as string[],
      start: l.startPeriod(),
      ...this.vouchers.chainStart(),
      rowsDigest: sameVoucherColumns(db),
    };
  }

  /** Insert a batch of vouchers an import's reader checked, numbered and chained from importStart(). */
  insertBatch(b: VoucherBatch): void {
    this.vouchers.insertBatch(b);
  }

  /** The reader's end: the balance sums it did not hand over with a batch, head hash, month numbers and the digest of the rows it made. */
  endBatches(end: { balances: BalanceRows; head: string; numbers: [string, number][]; rowsDigest: string | null }): void {
    this.vouchers.endBatches(end);
  }

  /** The file this write imports: the same bytes imported before are refused (unless --again); recorded at finish(). */
  guardImport(f: ImportFile): void {
    const errors = checkImportAgain(f, importedBefore(this.ledger, f.sha256));
    if (errors.length) throw new Refusal(errors);
    this.importing = f;
  }

  /** The file this write imports, if it was given one (see guardImport). */
  get importFile(): ImportFile | null {
    return this.importing;
  }

  /** Check and post; refuses with every error found. */
  post(v: VoucherDraft, opts: { reverses?: number | null; accountNames?: (string | null)[] } = {}): PostedVoucher {
    const errors = this.checkVoucher(v, opts.accountNames);
    if (errors.length) throw new Refusal(errors);
    this.beforePosting();
    return this.vouchers.post(v, opts.reverses ?? null);
  }

  /** Post a voucher already checked with checkVoucher(). */
  postChecked(v: VoucherDraft, reverses: number | null = null): PostedVoucher {
    this.beforePosting();
    return this.vouchers.post(v, reverses);
  }

  /** Before the write's first voucher: the declared years as they stand, for finish() to compare. */
  private beforePosting(): void {
    this.declaredBefore ??= new Map(declaredYears(this.ledger).map((y) => [y.year, y]));
  }

  reviewVoucher(voucherId: number, reviewer: string): void {
    this[DB_KEY].prepare('INSERT INTO voucher_reviews(voucher_id, reviewer, reviewed_at) VALUES (?, ?, ?)').run(voucherId, reviewer, this.now);
  }

  // ---- meta and chart ----
  setMeta(key: string, value: string): void {
    this[DB_KEY]
      .prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(key, value);
  }

  /** Seed the 2023 chart and 322's standing sub-accounts. */
  seedChart(): void {
    const ins = this[DB_KEY].prepare(
      'INSERT INTO accounts(code, name, side, class, level, parent, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for (const a of chartRows()) ins.run(a.code, a.name, a.side, a.class, a.level, a.parent, this.now);
    this.ledger.reloadAccounts();
  }

  /** Insert a detail account under its parent (checked by the caller: domain/accounts). */
  insertAccount(code: string, name: string, parent: AccountRow): AccountRow {
    this[DB_KEY]
      .prepare('INSERT INTO accounts(code, name, side, class, level, parent, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(code, name, parent.side, parent.class, parent.level + 1, parent.code, this.now);
    this.ledger.reloadAccounts();
    return this.ledger.account(code)!;
  }

  // ---- periods ----
  closePeriod(period: Period): void {
    const db = this[DB_KEY];
    db.prepare('INSERT INTO closed_periods(period, closed_at) VALUES (?, ?)').run(period, this.now);
    db.prepare("INSERT INTO period_events(period, action, at) VALUES (?, 'close', ?)").run(period, this.now);
    this.ledger.invalidate();
  }

  reopenPeriod(period: Period, reason: string): void {
    const db = this[DB_KEY];
    db.prepare('DELETE FROM closed_periods WHERE period = ?').run(period);
    db.prepare("INSERT INTO period_events(period, action, reason, at) VALUES (?, 'reopen', ?, ?)").run(period, reason, this.now);
    this.ledger.invalidate();
  }

  /** Flush balances, check the declared years, append the audit record; Ledger.write() runs it before COMMIT. */
  finish(): void {
    this.vouchers.flush();
    // What the write posted may not leave a declared year over its 可分配收益 (a voucher of the year,
    // a year closed before it with a loss, an entry on 322 by hand): refused, nothing written.
    if (this.declaredBefore) {
      const after = declaredYears(this.ledger);
      const errors = [
        ...checkDeclaredYears(this.declaredBefore, after),
        ...checkDistributionsAdded(this.declaredBefore, after, (year) => uncarriedYears(this.ledger, year)),
      ];
      if (errors.length) throw new Refusal(errors);
    }
    // Share movements dated on or before the day a declaration in force counted the shares, and a holder's
    // status changed as of that day or before: refused.
    // (The write's movements are read only when there is a declaration: an import of 100,000 is a scan.)
    const declared = declaredShareDates(this.ledger);
    if (declared.length) {
      const added = this[DB_KEY].prepare('SELECT project, min(date) AS first FROM share_movements WHERE id > ? GROUP BY project ORDER BY project').all(this.sharesBefore) as {
        project: string;
        first: string;
      }[];
      const changes = this[DB_KEY].prepare('SELECT member, date, status FROM member_events WHERE id > ? ORDER BY id').all(this.eventsBefore) as {
        member: string;
        date: string;
        status: string;
      }[];
      const units = this[DB_KEY]
        .prepare(
          `SELECT coalesce(sum(units), 0) FROM share_movements WHERE member = ? AND project = ? AND date <= ? ${IN_FORCE}`,
        )
        .pluck();
      const errors = [
        ...checkMovementsAfterDeclarations(added, declared),
        ...checkStatusAfterDeclarations(changes, declared, (member, project, date) => units.get(member, project, date) as number),
      ];
      if (errors.length) throw new Refusal(errors);
    }
    if (this.importing) recordImport(this, this.importing);
    // A row updated or deleted here that was changed behind sanzi's back: the record would take the change as this write's.
    const changed = rowsChangedBehind(this[DB_KEY]);
    if (changed.length) throw new Refusal(changed.map(([t, rid]) => StoreErrors.LEDGER_ROW_CHANGED(t, rid)));
    const v = this.vouchers;
    // A write that changed nothing and said nothing (a correction to the values already there) leaves no record.
    if (v.firstId === null && this.summary === null && !hasPendingRows(this[DB_KEY])) return;
    appendRecord(this[DB_KEY], {
      at: this.now,
      by: this.by,
      action: this.action,
      entity: this.entity,
      summary: this.summary ?? this.action,
      detail: this.detail,
      amount: v.posted ? v.amount : null,
      vouchers: v.firstId === null ? null : { from: v.firstId, to: v.lastId!, head: v.headHash, digest: v.rowsDigest },
    });
  }
}
