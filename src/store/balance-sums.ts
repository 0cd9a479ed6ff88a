// The movements of the vouchers a write posts, summed per month: per account (closing entries
// apart) and per account and member, project or counterparty. Written into the balance tables by
// adding to what they hold (an upsert), so sums written in several parts add up to the same rows.
import type { DB } from './db.js';
import { rowBatches } from './row-batches.js';

interface Acc {
  debit: number;
  credit: number;
}

function add(m: Map<string, Acc>, k: string, debit: number, credit: number): void {
  const a = m.get(k);
  if (a) {
    a.debit += debit;
    a.credit += credit;
  } else m.set(k, { debit, credit });
}

/** Sums by account, then by member (or project, or counterparty). */
type ByAccount = Map<string, Map<string, Acc>>;

function addBy(m: ByAccount, account: string, value: string, debit: number, credit: number): void {
  let inner = m.get(account);
  if (!inner) m.set(account, (inner = new Map()));
  add(inner, value, debit, credit);
}

/** One month's sums. */
export class MonthSums {
  readonly accounts = new Map<string, Acc>();
  /** The closing entries' (a year's close), apart: the trial balance shows the year before them. */
  readonly closing = new Map<string, Acc>();
  readonly members: ByAccount = new Map();
  readonly projects: ByAccount = new Map();
  readonly parties: ByAccount = new Map();
}

/** Balance sums as plain rows (key, debit, credit): what crosses from an import's reader to its writer. */
export interface BalanceRows {
  /** Key: period \0 closing (0|1) \0 account. */
  accounts: [string, number, number][];
  /** Key: account \0 member \0 period. */
  members: [string, number, number][];
  projects: [string, number, number][];
  parties: [string, number, number][];
}

const DIMENSIONS = [
  ['members', 'member_balances', 'member'],
  ['projects', 'project_balances', 'project'],
  ['parties', 'party_balances', 'party'],
] as const;

/**
 * The movements of the vouchers posted in a write, per month, written before COMMIT; an import's
 * reader also hands over the months it has left behind with its batches (Batcher in
 * import-vouchers-feed.ts), for the writer to write as it goes.
 */
export class BalanceSums {
  private readonly months = new Map<string, MonthSums>();

  /** A month's sums, to add a voucher's lines to. */
  month(period: string): MonthSums {
    let m = this.months.get(period);
    if (!m) this.months.set(period, (m = new MonthSums()));
    return m;
  }

  /** One line of a voucher of the month `m` (`closing`: a year-close voucher). */
  line(m: MonthSums, closing: boolean, account: string, debit: number, credit: number, member: string | null, project: string | null, party: string | null): void {
    add(closing ? m.closing : m.accounts, account, debit, credit);
    if (member) addBy(m.members, account, member, debit, credit);
    if (project) addBy(m.projects, account, project, debit, credit);
    if (party) addBy(m.parties, account, party, debit, credit);
  }

  /**
   * The sums of every month not in `keep`, as rows, forgotten here; undefined when every month
   * with sums is in `keep`.
   */
  takeAllBut(keep: ReadonlySet<string>): BalanceRows | undefined {
    let out: BalanceRows | undefined;
    for (const [period, m] of this.months) {
      if (keep.has(period)) continue;
      monthRows(period, m, (out ??= emptyRows()));
      this.months.delete(period);
    }
    return out;
  }

  /** Every sum, as rows. */
  rows(): BalanceRows {
    const out = emptyRows();
    for (const [period, m] of this.months) monthRows(period, m, out);
    return out;
  }

  /** Write the sums into the balance tables (BalanceTables) and forget them. */
  writeTo(tables: BalanceTables): void {
    for (const [period, m] of this.months) {
      for (const [account, a] of m.accounts) tables.accounts.add(account, period, 0, a.debit, a.credit);
      for (const [account, a] of m.closing) tables.accounts.add(account, period, 1, a.debit, a.credit);
      for (const [name] of DIMENSIONS) {
        const up = tables[name];
        for (const [account, byValue] of m[name]) for (const [value, a] of byValue) up.add(account, value, period, a.debit, a.credit);
      }
    }
    this.months.clear();
  }
}

/**
 * The balance tables of one write, each written by adding to what it holds (an upsert),
 * ROWS_PER_STATEMENT rows a statement (a million-line import's 37,000 member sums: 0.23 s one
 * statement each). Rows are held until a statement is full: flush() before anything reads them.
 */
export class BalanceTables {
  readonly accounts: RowWriter;
  readonly members: RowWriter;
  readonly projects: RowWriter;
  readonly parties: RowWriter;

  constructor(db: DB) {
    this.accounts = rowBatches(db, 'balances', ['account', 'period', 'closing', 'debit', 'credit'], `ON CONFLICT(account, period, closing) ${ADD}`);
    const [members, projects, parties] = DIMENSIONS.map(([, table, column]) =>
      rowBatches(db, table, ['account', column, 'period', 'debit', 'credit'], `ON CONFLICT(account, ${column}, period) ${ADD}`),
    );
    this.members = members;
    this.projects = projects;
    this.parties = parties;
  }

  /** Rows of sums made elsewhere (an import's reader). */
  addRows(r: BalanceRows): void {
    for (const [k, d, c] of r.accounts) {
      const [period, closing, account] = k.split('\u0000');
      this.accounts.add(account, period, closing === '1' ? 1 : 0, d, c);
    }
    for (const [name] of DIMENSIONS) {
      const up = this[name];
      for (const [k, d, c] of r[name]) {
        const [account, value, period] = k.split('\u0000');
        up.add(account, value, period, d, c);
      }
    }
  }

  /** Write the rows still held. */
  flush(): void {
    this.accounts.flush();
    this.members.flush();
    this.projects.flush();
    this.parties.flush();
  }
}

const ADD = 'DO UPDATE SET debit = debit + excluded.debit, credit = credit + excluded.credit';

type RowWriter = ReturnType<typeof rowBatches>;

function emptyRows(): BalanceRows {
  return { accounts: [], members: [], projects: [], parties: [] };
}

function monthRows(period: string, m: MonthSums, out: BalanceRows): void {
  for (const [account, a] of m.accounts) out.accounts.push([`${period}\u00000\u0000${account}`, a.debit, a.credit]);
  for (const [account, a] of m.closing) out.accounts.push([`${period}\u00001\u0000${account}`, a.debit, a.credit]);
  for (const [name] of DIMENSIONS) {
    for (const [account, byValue] of m[name]) for (const [value, a] of byValue) out[name].push([`${account}\u0000${value}\u0000${period}`, a.debit, a.credit]);
  }
}
