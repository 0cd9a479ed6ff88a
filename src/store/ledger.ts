// The ledger's write path and lookups. Every write of a command goes through here, in one transaction.
import crypto from 'node:crypto';
import { CHART_2023, STANDING_SUBACCOUNTS, classOf, levelOf, parentOf, type Side } from '../domain/accounts.js';
import { Refusal, ledgerError, type LedgerError, type Source } from '../domain/errors.js';
import { checkVoucher, voucherRef, type LedgerLookup, type VoucherDraft, type VoucherLine } from '../domain/voucher.js';
import { addMonths, monthsBetween, periodOf, periodLabel, type Period } from '../domain/dates.js';
import type { DB } from './db.js';

export interface AccountRow {
  code: string;
  name: string;
  side: Side;
  class: string;
  level: number;
  parent: string | null;
  isLeaf: boolean;
}

export interface PostedVoucher {
  id: number;
  period: Period;
  number: number;
  date: string;
  ref: string;
}

/** Canonical text of a voucher for the hash chain. */
export function voucherDigest(prev: string, v: {
  period: string;
  number: number;
  date: string;
  summary: string;
  kind: string;
  reverses: number | null;
  lines: { account: string; debit: number; credit: number; member: string | null; project: string | null }[];
}): string {
  let text = `${prev}\n${v.period}|${v.number}|${v.date}|${v.summary}|${v.kind}|${v.reverses ?? ''}`;
  for (const l of v.lines) text += `\n${l.account}|${l.debit}|${l.credit}|${l.member ?? ''}|${l.project ?? ''}`;
  return crypto.createHash('sha256').update(text).digest('hex');
}

export const GENESIS_HASH = '0'.repeat(64);

export class Ledger implements LedgerLookup {
  readonly db: DB;
  private accounts = new Map<string, AccountRow>();
  private members: Set<string> | null = null;
  private projects: Set<string> | null = null;
  private closed: Set<string> | null = null;
  private startCache: string | null | undefined = undefined;

  constructor(db: DB) {
    this.db = db;
    this.reloadAccounts();
  }

  // ---- meta ----
  meta(key: string): string | undefined {
    const r = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return r?.value;
  }

  setMeta(key: string, value: string): void {
    this.db.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  // ---- chart ----
  reloadAccounts(): void {
    const rows = this.db
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

  /** Seed the 2023 chart and 322's standing sub-accounts. */
  seedChart(now: string): void {
    const ins = this.db.prepare(
      'INSERT INTO accounts(code, name, side, class, level, parent, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for (const a of CHART_2023) ins.run(a.code, a.name, a.side, a.class, a.level, null, now);
    for (const [code, name] of STANDING_SUBACCOUNTS) {
      const p = parentOf(code)!;
      ins.run(code, name, this.sideOf(p), classOf(code), levelOf(code), p, now);
    }
    this.reloadAccounts();
  }

  private sideOf(code: string): Side {
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
    if (!a) return { error: ledgerError('ACCOUNT_UNKNOWN', `科目「${code}」不存在`, `unknown account "${code}"`) };
    if (a.isLeaf) return { code };
    const leaves = this.allAccounts().filter((x) => x.isLeaf && x.code.startsWith(code) && x.code !== code);
    if (leaves.length === 1) return { code: leaves[0].code };
    const list = leaves.map((l) => l.code);
    return {
      error: ledgerError(
        'ACCOUNT_NOT_LEAF',
        option
          ? `科目「${code} ${a.name}」有下级科目 ${list.join('、')}，请用 ${option} 指定末级科目`
          : `科目「${code} ${a.name}」有多个下级科目（${list.join('、')}），无法确定记到哪一个；本功能要求该科目只有一个末级科目`,
        option
          ? `account "${code} ${a.name}" has sub-accounts (${list.join(', ')}); name a leaf with ${option}`
          : `account "${code} ${a.name}" has several sub-accounts (${list.join(', ')}); this entry needs exactly one leaf under it`,
      ),
    };
  }

  /** resolveLeaf, refusing when there is no single leaf. */
  leafFor(code: string, option: string | null): string {
    const r = this.resolveLeaf(code, option);
    if ('error' in r) throw new Refusal(r.error);
    return r.code;
  }

  hasPostings(code: string): boolean {
    return this.db.prepare('SELECT 1 FROM balances WHERE account = ? LIMIT 1').get(code) !== undefined;
  }

  addAccount(code: string, name: string, now: string): AccountRow {
    const parent = parentOf(code)!;
    const p = this.accounts.get(parent);
    if (!p) {
      throw new Refusal(
        ledgerError('ACCOUNT_PARENT', `上级科目「${parent}」不存在，不能增设「${code}」`, `parent account "${parent}" does not exist`),
      );
    }
    if (p.isLeaf && this.hasPostings(parent)) {
      throw new Refusal(
        ledgerError(
          'ACCOUNT_HAS_POSTINGS',
          `科目「${parent} ${p.name}」已有发生额，不能再增设下级科目`,
          `account "${parent} ${p.name}" already has postings and cannot get sub-accounts`,
        ),
      );
    }
    this.db
      .prepare('INSERT INTO accounts(code, name, side, class, level, parent, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(code, name, p.side, classOf(code), levelOf(code), parent, now);
    this.reloadAccounts();
    return this.accounts.get(code)!;
  }

  // ---- dimensions ----
  hasMember(id: string): boolean {
    if (!this.members) {
      this.members = new Set((this.db.prepare('SELECT id FROM members').pluck().all() as string[]) ?? []);
    }
    return this.members.has(id);
  }

  hasProject(code: string): boolean {
    if (!this.projects) {
      this.projects = new Set(this.db.prepare('SELECT code FROM projects').pluck().all() as string[]);
    }
    return this.projects.has(code);
  }

  /** Forget cached members and projects after they are written. */
  invalidateDimensions(): void {
    this.members = null;
    this.projects = null;
  }

  // ---- periods ----
  isClosed(period: Period): boolean {
    if (!this.closed) this.closed = new Set(this.db.prepare('SELECT period FROM closed_periods').pluck().all() as string[]);
    return this.closed.has(period);
  }

  closedPeriods(): string[] {
    return this.db.prepare('SELECT period FROM closed_periods ORDER BY period').pluck().all() as string[];
  }

  /** The first month of the books: --start of init, else the earliest month with a voucher or a close. */
  startPeriod(): Period | null {
    const s = this.meta('start');
    if (s) return s;
    const v = this.db.prepare('SELECT MIN(period) FROM vouchers').pluck().get() as string | null;
    const c = this.db.prepare('SELECT MIN(period) FROM closed_periods').pluck().get() as string | null;
    if (v && c) return v < c ? v : c;
    return v ?? c ?? null;
  }

  closePeriod(period: Period, now: string): void {
    this.db.prepare('INSERT INTO closed_periods(period, closed_at) VALUES (?, ?)').run(period, now);
    this.db.prepare("INSERT INTO period_events(period, action, at) VALUES (?, 'close', ?)").run(period, now);
    this.closed = null;
  }

  reopenPeriod(period: Period, reason: string, now: string): void {
    this.db.prepare('DELETE FROM closed_periods WHERE period = ?').run(period);
    this.db.prepare("INSERT INTO period_events(period, action, reason, at) VALUES (?, 'reopen', ?, ?)").run(period, reason, now);
    this.closed = null;
  }

  /** Open months between the start and `before` (exclusive), oldest first. */
  openMonthsBefore(before: Period): Period[] {
    const start = this.startPeriod();
    if (!start || start >= before) return [];
    const out: Period[] = [];
    const n = monthsBetween(start, before);
    for (let i = 0; i < n; i++) {
      const p = addMonths(start, i);
      if (!this.isClosed(p)) out.push(p);
    }
    return out;
  }

  closedPeriodError(period: Period, source?: Source): LedgerError {
    return ledgerError(
      'PERIOD_CLOSED',
      `${periodLabel(period)}已结账，不能再记账（如确需更正，先 sanzi period reopen ${period} --reason …）`,
      `${period} is closed and takes no vouchers (reopen it with sanzi period reopen ${period} --reason …)`,
      source,
    );
  }

  beforeStartError(period: Period, start: Period, source?: Source): LedgerError {
    return ledgerError(
      'PERIOD_BEFORE_START',
      `凭证日期在建账月份 ${start} 之前`,
      `the voucher is dated before the first month of the books (${start})`,
      source,
    );
  }

  /** Refuse a voucher in a month that is closed or before the books start. */
  checkPeriodOpen(period: Period, source?: Source): LedgerError | null {
    if (this.isClosed(period)) return this.closedPeriodError(period, source);
    if (this.startCache === undefined) this.startCache = this.meta('start') ?? null;
    const start = this.startCache;
    if (start && period < start) return this.beforeStartError(period, start, source);
    return null;
  }

  // ---- vouchers ----
  voucherByRef(period: Period, number: number): { id: number; date: string; number: number; period: string; summary: string; kind: string; preparer: string | null; attachments: number; reverses: number | null } | undefined {
    return this.db
      .prepare('SELECT id, date, number, period, summary, kind, preparer, attachments, reverses FROM vouchers WHERE period = ? AND number = ?')
      .get(period, number) as never;
  }

  linesOf(voucherId: number): VoucherLine[] {
    return this.db
      .prepare('SELECT account, debit, credit, member, project FROM voucher_lines WHERE voucher_id = ? ORDER BY line_no')
      .all(voucherId) as VoucherLine[];
  }

  newWriter(now: string): VoucherWriter {
    return new VoucherWriter(this, now);
  }
}

interface Acc {
  debit: number;
  credit: number;
}

/**
 * Posts vouchers inside the caller's transaction. Balances are accumulated in memory and
 * written by flush(), which the caller runs before COMMIT.
 */
export class VoucherWriter {
  private readonly ledger: Ledger;
  private readonly now: string;
  private readonly insVoucher;
  private readonly insLine;
  private readonly maxNumber;
  private readonly nextNumbers = new Map<string, number>();
  private readonly bal = new Map<string, Acc>();
  private readonly memberBal = new Map<string, Acc>();
  private readonly projectBal = new Map<string, Acc>();
  private lastHash: string;
  posted = 0;
  lines = 0;

  constructor(ledger: Ledger, now: string) {
    this.ledger = ledger;
    this.now = now;
    const db = ledger.db;
    this.insVoucher = db.prepare(
      `INSERT INTO vouchers(period, number, date, summary, attachments, preparer, kind, reverses, created_at, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insLine = db.prepare(
      'INSERT INTO voucher_lines(voucher_id, line_no, account, debit, credit, member, project) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.maxNumber = db.prepare('SELECT COALESCE(MAX(number), 0) FROM vouchers WHERE period = ?').pluck();
    this.lastHash =
      (db.prepare('SELECT hash FROM vouchers ORDER BY id DESC LIMIT 1').pluck().get() as string | undefined) ?? GENESIS_HASH;
  }

  /** All checks of a voucher against the ledger, without writing. */
  check(v: VoucherDraft, accountNames?: (string | null)[]): LedgerError[] {
    const errors = checkVoucher(v, this.ledger, accountNames);
    if (v.date) {
      const p = this.ledger.checkPeriodOpen(periodOf(v.date), v.source);
      if (p) errors.unshift(p);
    }
    return errors;
  }

  /** Check and post; throws a Refusal with every error found. */
  post(v: VoucherDraft, opts: { reverses?: number | null; accountNames?: (string | null)[] } = {}): PostedVoucher {
    const errors = this.check(v, opts.accountNames);
    if (errors.length) throw new Refusal(errors);
    return this.postChecked(v, opts.reverses ?? null);
  }

  /** Post a voucher already checked by check(). */
  postChecked(v: VoucherDraft, reverses: number | null = null): PostedVoucher {
    const period = periodOf(v.date);
    let n = this.nextNumbers.get(period);
    if (n === undefined) n = (this.maxNumber.get(period) as number) + 1;
    this.nextNumbers.set(period, n + 1);
    const kind = v.kind ?? 'manual';
    const lines = v.lines.map((l) => ({
      account: l.account,
      debit: l.debit,
      credit: l.credit,
      member: l.member || null,
      project: l.project || null,
    }));
    const hash = voucherDigest(this.lastHash, { period, number: n, date: v.date, summary: v.summary, kind, reverses, lines });
    this.lastHash = hash;
    const info = this.insVoucher.run(
      period,
      n,
      v.date,
      v.summary,
      v.attachments ?? 0,
      v.preparer ?? null,
      kind,
      reverses,
      this.now,
      hash,
    );
    const id = Number(info.lastInsertRowid);
    const closing = kind === 'year-close' ? 1 : 0;
    lines.forEach((l, i) => {
      this.insLine.run(id, i + 1, l.account, l.debit, l.credit, l.member, l.project);
      add(this.bal, `${l.account}\u0000${period}\u0000${closing}`, l.debit, l.credit);
      if (l.member) add(this.memberBal, `${l.account}\u0000${l.member}\u0000${period}`, l.debit, l.credit);
      if (l.project) add(this.projectBal, `${l.account}\u0000${l.project}\u0000${period}`, l.debit, l.credit);
    });
    this.posted++;
    this.lines += lines.length;
    return { id, period, number: n, date: v.date, ref: voucherRef(period, n) };
  }

  /** Write the accumulated balances. Must run inside the same transaction, before COMMIT. */
  flush(): void {
    const db = this.ledger.db;
    const up = db.prepare(
      `INSERT INTO balances(account, period, closing, debit, credit) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(account, period, closing) DO UPDATE SET debit = debit + excluded.debit, credit = credit + excluded.credit`,
    );
    for (const [k, a] of this.bal) {
      const [account, period, closing] = k.split('\u0000');
      up.run(account, period, Number(closing), a.debit, a.credit);
    }
    const upM = db.prepare(
      `INSERT INTO member_balances(account, member, period, debit, credit) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(account, member, period) DO UPDATE SET debit = debit + excluded.debit, credit = credit + excluded.credit`,
    );
    for (const [k, a] of this.memberBal) {
      const [account, member, period] = k.split('\u0000');
      upM.run(account, member, period, a.debit, a.credit);
    }
    const upP = db.prepare(
      `INSERT INTO project_balances(account, project, period, debit, credit) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(account, project, period) DO UPDATE SET debit = debit + excluded.debit, credit = credit + excluded.credit`,
    );
    for (const [k, a] of this.projectBal) {
      const [account, project, period] = k.split('\u0000');
      upP.run(account, project, period, a.debit, a.credit);
    }
    this.bal.clear();
    this.memberBal.clear();
    this.projectBal.clear();
  }
}

function add(m: Map<string, Acc>, k: string, debit: number, credit: number): void {
  const a = m.get(k);
  if (a) {
    a.debit += debit;
    a.credit += credit;
  } else m.set(k, { debit, credit });
}
