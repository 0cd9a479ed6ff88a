// Read-side queries. Balances come from the per-month balance tables, not from every line.
import type { IsoDate, Period } from '../domain/dates.js';
import { dayEndCut, periodOf } from '../domain/dates.js';
import { OPENING_PERIOD } from '../domain/opening.js';
import { emptiedAtYearEnd } from '../domain/statements.js';
import type { Ledger } from './ledger.js';
import { sqlOf } from './internal.js';
import { accountLineTexts, BOOK_LINES } from './book-text.js';
import { codeRange } from './code-range.js';

import type { Movement } from '../domain/movement.js';
import type { BookLine, JournalLine, JournalVoucher } from '../domain/statements.js';
export type { Movement } from '../domain/movement.js';

/** Debit and credit movements of every leaf account over [from, to]. */
export function leafMovements(ledger: Ledger, from: Period, to: Period, opts: { excludeClosing?: boolean } = {}): Map<string, Movement> {
  const rows = sqlOf(ledger)
    .prepare(
      `SELECT account, SUM(debit) AS debit, SUM(credit) AS credit FROM balances
        WHERE period BETWEEN ? AND ? ${opts.excludeClosing ? 'AND closing = 0' : ''} GROUP BY account`,
    )
    .all(from, to) as ({ account: string } & Movement)[];
  return new Map(rows.map((r) => [r.account, { debit: r.debit, credit: r.credit }]));
}

/**
 * The opening balances of the accounts a year-end closing empties (emptiedAtYearEnd), in the year
 * the books start within: that year's months before the start, brought in as balances.
 */
function openingPnl(ledger: Ledger, year: number): { account: string; debit: number; credit: number }[] {
  const first = ledger.firstPeriod();
  if (first === null || Number(first.slice(0, 4)) !== year) return [];
  const rows = sqlOf(ledger)
    .prepare('SELECT account, SUM(debit) AS debit, SUM(credit) AS credit FROM balances WHERE period = ? GROUP BY account')
    .all(OPENING_PERIOD) as { account: string; debit: number; credit: number }[];
  return rows.filter((r) => emptiedAtYearEnd(r.account));
}

/**
 * A year's movements of every leaf, closing entries excluded, as the income statement and the
 * distribution rules count them. In the year the books start within, the opening balances of the
 * accounts the year-end closing empties (income, expense, 本年收益, the distributions on 322) are
 * the year's too, as that closing carries them into 32202.
 */
export function yearMovements(ledger: Ledger, year: number): Map<string, Movement> {
  const m = leafMovements(ledger, `${year}-01`, `${year}-12`, { excludeClosing: true });
  for (const r of openingPnl(ledger, year)) {
    const was = m.get(r.account) ?? { debit: 0, credit: 0 };
    m.set(r.account, { debit: was.debit + r.debit, credit: was.credit + r.credit });
  }
  return m;
}

/** Net of every leaf before the year, less what yearMovements counts as the year's. */
export function netBeforeYear(ledger: Ledger, year: number): Map<string, number> {
  const n = leafNetBefore(ledger, `${year}-01`);
  for (const r of openingPnl(ledger, year)) {
    const left = (n.get(r.account) ?? 0) - (r.debit - r.credit);
    if (left === 0) n.delete(r.account);
    else n.set(r.account, left);
  }
  return n;
}

/** Net (debit − credit) of every leaf account over all months before `before`. */
export function leafNetBefore(ledger: Ledger, before: Period): Map<string, number> {
  const rows = sqlOf(ledger)
    .prepare('SELECT account, SUM(debit) - SUM(credit) AS net FROM balances WHERE period < ? GROUP BY account')
    .all(before) as { account: string; net: number }[];
  return new Map(rows.map((r) => [r.account, r.net]));
}

/** Net of every leaf account at the end of the day `date`. */
export function leafNetAsOf(ledger: Ledger, date: IsoDate): Map<string, number> {
  const cut = dayEndCut(date);
  const m = leafNetBefore(ledger, cut.before);
  if (cut.month === null) return m;
  const rows = sqlOf(ledger)
    .prepare(
      `SELECT l.account, SUM(l.debit) - SUM(l.credit) AS net FROM vouchers v JOIN voucher_lines l ON l.voucher_id = v.id
        WHERE v.period = ? AND v.date <= ? GROUP BY l.account`,
    )
    .all(cut.month, date) as { account: string; net: number }[];
  for (const r of rows) m.set(r.account, (m.get(r.account) ?? 0) + r.net);
  return m;
}

/**
 * Net per member on the accounts under `prefix` (e.g. 113 内部往来) at the end of `date`.
 * Lines without a member are gathered under the key ''.
 */
export function memberNetAsOf(ledger: Ledger, prefix: string, date: IsoDate): Map<string, number> {
  const cut = dayEndCut(date);
  const like = prefix + '%';
  const m = new Map<string, number>();
  const before = sqlOf(ledger)
    .prepare('SELECT member, SUM(debit) - SUM(credit) AS net FROM member_balances WHERE account LIKE ? AND period < ? GROUP BY member')
    .all(like, cut.before) as { member: string; net: number }[];
  for (const r of before) m.set(r.member, r.net);
  const inMonth =
    cut.month === null
      ? []
      : (sqlOf(ledger)
          .prepare(
            `SELECT COALESCE(l.member, '') AS member, SUM(l.debit) - SUM(l.credit) AS net
               FROM vouchers v JOIN voucher_lines l ON l.voucher_id = v.id
              WHERE v.period = ? AND v.date <= ? AND l.account LIKE ? GROUP BY COALESCE(l.member, '')`,
          )
          .all(cut.month, date, like) as { member: string; net: number }[]);
  const totalBefore = sqlOf(ledger)
    .prepare('SELECT COALESCE(SUM(debit) - SUM(credit), 0) FROM balances WHERE account LIKE ? AND period < ?')
    .pluck()
    .get(like, cut.before) as number;
  const memberBefore = before.reduce((a, r) => a + r.net, 0);
  if (totalBefore - memberBefore !== 0) m.set('', totalBefore - memberBefore);
  for (const r of inMonth) m.set(r.member, (m.get(r.member) ?? 0) + r.net);
  return m;
}

/**
 * What a balance sheet reads of memberNetAsOf: the sum of the members' debit nets and the sum of
 * their credit nets (lines without a member net as one more member), as a map of two entries that
 * nets to the same two sides. 100,000 members are never read one by one: SQL sums the sides of
 * every member's net before the month (in key order when the accounts are one), and only the few
 * members with lines in the month up to `date` are looked up and moved from one side to the other.
 */
export function memberNetSidesAsOf(ledger: Ledger, prefix: string, date: IsoDate): Map<string, number> {
  return memberNetSidesAsOfEach(ledger, prefix, [date])[0];
}

/** memberNetSidesAsOf at several dates, the member balances read once for all of them. */
export function memberNetSidesAsOfEach(ledger: Ledger, prefix: string, dates: readonly IsoDate[]): Map<string, number>[] {
  const db = sqlOf(ledger);
  const cuts = dates.map(dayEndCut);
  const [lo, hi] = codeRange(prefix);
  // The leaf accounts under the prefix: the only ones with balances. One leaf (113 without
  // sub-accounts) is read in key order, member by member, without sorting.
  const accounts = ledger.allAccounts().filter((a) => a.isLeaf && a.code >= lo && a.code < hi).map((a) => a.code);
  // Each member's net over the months wholly before each date's end (0 when it has none), then the
  // sums of their sides.
  const nets = cuts.map((_, i) => `SUM(CASE WHEN period < @p${i} THEN debit - credit ELSE 0 END) AS n${i}`).join(', ');
  const sides = cuts.map((_, i) => `COALESCE(SUM(MAX(n${i}, 0)), 0), COALESCE(SUM(MIN(n${i}, 0)), 0), COALESCE(SUM(n${i}), 0)`).join(', ');
  const params: Record<string, string> = { a: accounts[0] ?? lo, lo, hi, last: cuts.map((c) => c.before).reduce((a, b) => (a > b ? a : b)) };
  cuts.forEach((c, i) => (params[`p${i}`] = c.before));
  const before = db
    .prepare(
      `SELECT ${sides} FROM (SELECT ${nets} FROM member_balances
        WHERE ${accounts.length === 1 ? 'account = @a' : 'account >= @lo AND account < @hi'} AND period < @last GROUP BY member)`,
    )
    .raw(true)
    .get(params) as number[];
  // Each member with lines in the month up to the date (none when the date ends its month): their
  // net there, and (in the same statement, a key look-up per leaf account) what they held before
  // the month.
  const leaves = accounts.length ? accounts.map(() => '?').join(', ') : 'NULL';
  const inMonthOf = db
    .prepare(
      `SELECT i.member, i.net, (SELECT COALESCE(SUM(b.debit - b.credit), 0) FROM member_balances b
                                 WHERE b.account IN (${leaves}) AND b.member = i.member AND b.period < ?) AS was
         FROM (SELECT l.member, SUM(l.debit) - SUM(l.credit) AS net FROM vouchers v JOIN voucher_lines l ON l.voucher_id = v.id
                WHERE v.period = ? AND v.date <= ? AND l.account >= ? AND l.account < ? GROUP BY l.member) i`,
    )
    .raw(true);
  const allBefore = db.prepare('SELECT COALESCE(SUM(debit) - SUM(credit), 0) FROM balances WHERE account >= ? AND account < ? AND period < ?').pluck();
  return dates.map((date, i) => {
    const { before: p, month } = cuts[i];
    let debit = before[3 * i];
    let credit = before[3 * i + 1];
    let others = (allBefore.get(lo, hi, p) as number) - before[3 * i + 2];
    const inMonth = month === null ? [] : (inMonthOf.all(...accounts, p, month, date, lo, hi) as [string | null, number, number][]);
    for (const [member, net, was] of inMonth) {
      if (member === null) {
        others += net;
        continue;
      }
      const now = was + net;
      debit += Math.max(now, 0) - Math.max(was, 0);
      credit += Math.min(now, 0) - Math.min(was, 0);
    }
    return new Map([
      ['debit', debit + Math.max(others, 0)],
      ['credit', credit + Math.min(others, 0)],
    ]);
  });
}

export type { BookLine, JournalLine, JournalVoucher } from '../domain/statements.js';

/** Vouchers with their lines (and the lines' account names), by period range or ids, in period and number order. */
export function journalVouchers(ledger: Ledger, sel: { from?: Period; to?: Period; ids?: number[] }): JournalVoucher[] {
  const where = sel.ids ? `v.id IN (${sel.ids.map(() => '?').join(',')})` : 'v.period BETWEEN ? AND ?';
  const params = sel.ids ?? [sel.from ?? '0000-01', sel.to ?? '9999-12'];
  const rows = sqlOf(ledger)
    .prepare(
      `SELECT v.id, v.date, v.period, v.number, v.summary, v.kind, v.attachments,
              l.account, COALESCE(a.name, '') AS name, l.debit, l.credit, l.member, l.project
         FROM vouchers v JOIN voucher_lines l ON l.voucher_id = v.id LEFT JOIN accounts a ON a.code = l.account
        WHERE ${where} ORDER BY v.period, v.number, l.line_no`,
    )
    .all(...params) as (Omit<JournalVoucher, 'lines'> & JournalLine)[];
  const out: JournalVoucher[] = [];
  let cur: JournalVoucher | null = null;
  for (const r of rows) {
    if (!cur || cur.id !== r.id) {
      cur = { id: r.id, date: r.date, period: r.period, number: r.number, summary: r.summary, kind: r.kind, attachments: r.attachments, lines: [] };
      out.push(cur);
    }
    cur.lines.push({ account: r.account, name: r.name, debit: r.debit, credit: r.credit, member: r.member, project: r.project });
  }
  return out;
}

/** A voucher of the journal as exported: its lines' counterparties and its preparer too. */
export type ExportVoucher = JournalVoucher & { preparer: string | null; lines: (JournalLine & { party: string | null })[] };

/**
 * The vouchers of a range of months read one at a time, in period and number order (a year's
 * journal of a million lines is never held at once). The connection is busy until the last one is
 * read: nothing else may be asked of the ledger meanwhile.
 */
export function* eachJournalVoucher(ledger: Ledger, sel: { from: Period; to: Period }): Generator<ExportVoucher> {
  const rows = sqlOf(ledger)
    .prepare(
      `SELECT v.id, v.date, v.period, v.number, v.summary, v.kind, v.attachments, v.preparer,
              l.account, COALESCE(a.name, '') AS name, l.debit, l.credit, l.member, l.project, l.party
         FROM vouchers v JOIN voucher_lines l ON l.voucher_id = v.id LEFT JOIN accounts a ON a.code = l.account
        WHERE v.period BETWEEN ? AND ? ORDER BY v.period, v.number, l.line_no`,
    )
    .iterate(sel.from, sel.to) as IterableIterator<Omit<ExportVoucher, 'lines'> & JournalLine & { party: string | null }>;
  let cur: ExportVoucher | null = null;
  for (const r of rows) {
    if (!cur || cur.id !== r.id) {
      if (cur) yield cur;
      cur = { id: r.id, date: r.date, period: r.period, number: r.number, summary: r.summary, kind: r.kind, attachments: r.attachments, preparer: r.preparer, lines: [] };
    }
    cur.lines.push({ account: r.account, name: r.name, debit: r.debit, credit: r.credit, member: r.member, project: r.project, party: r.party });
  }
  if (cur) yield cur;
}

/** A line of a voucher as 对方科目 reads it. */
export interface VoucherLineSide {
  account: string;
  debit: number;
  credit: number;
}


/**
 * The lines on an account and its sub-accounts over [from, to] in date order (明细账, 日记账), handed
 * over one at a time as a book is written; their text is read from SQLite whole for a book of up to
 * BOOK_TEXT.heldLines lines, else a line at a time, so no larger book is held at once. Each call
 * reads them afresh. With `voucherLines`, each line also brings every line of its voucher, in
 * order (for 对方科目). The lines come off the `voucher_lines(account, voucher_id)` index by a
 * range of codes, each joined to its voucher, then sorted by date, number and line (a voucher's
 * period is its date's month, so the period is not read: one column less for every line).
 *
 * Only what the book shows is read: each column a line brings into JavaScript costs (a book of
 * 97,000 lines: its account and its member and project, ≈ 30 ms of 0.2 s). A leaf account's lines
 * are all on that account; the member and project (null when not read) only with `dimensions`.
 */
export function* eachAccountLine(
  ledger: Ledger,
  code: string,
  from: Period,
  to: Period,
  opts: { voucherLines?: boolean; dimensions?: boolean } = {},
): Generator<BookLine & { voucherLines?: VoucherLineSide[] }> {
  const leaf = ledger.account(code)?.isLeaf ?? false;
  const dimensions = opts.dimensions ?? false;
  if (!opts.voucherLines && !dimensions) {
    yield* accountLineTexts(ledger, code, leaf, from, to);
    return;
  }
  const others = opts.voucherLines
    ? `, (SELECT group_concat(o.account || ' ' || o.debit || ' ' || o.credit, ' ' ORDER BY o.line_no) FROM voucher_lines o WHERE o.voucher_id = l.voucher_id)`
    : '';
  // Prepared on each call (not cached): two passes over a book may be open at once.
  const rows = sqlOf(ledger)
    .prepare(
      `SELECT v.date, v.number, v.summary, l.debit, l.credit${leaf ? '' : ', l.account'}${dimensions ? ', l.member, l.project' : ''}${others} ${BOOK_LINES}`,
    )
    .raw(true)
    .iterate(...codeRange(code), from, to) as IterableIterator<(string | number | null)[]>;
  const at = 5 + (leaf ? 0 : 1);
  const othersAt = at + (dimensions ? 2 : 0);
  // A day's lines share their month's text (the book compares it line by line).
  let day = '';
  let month = '';
  for (const r of rows) {
    const date = r[0] as string;
    if (date !== day) {
      day = date;
      month = periodOf(date);
    }
    const line: BookLine & { voucherLines?: VoucherLineSide[] } = {
      date,
      period: month,
      number: r[1] as number,
      summary: r[2] as string,
      account: leaf ? code : (r[5] as string),
      debit: r[3] as number,
      credit: r[4] as number,
      member: dimensions ? (r[at] as string | null) : null,
      project: dimensions ? (r[at + 1] as string | null) : null,
    };
    if (opts.voucherLines) line.voucherLines = voucherSides((r[othersAt] as string | null) ?? '');
    yield line;
  }
}


/** `account debit credit account debit credit …` as the lines it lists. */
function voucherSides(text: string): VoucherLineSide[] {
  const parts = text ? text.split(' ') : [];
  const out: VoucherLineSide[] = [];
  for (let i = 0; i + 2 < parts.length; i += 3) out.push({ account: parts[i], debit: Number(parts[i + 1]), credit: Number(parts[i + 2]) });
  return out;
}

/** The movement of every leaf account per month over [from, to] (总账). */
export function leafMovementsByMonth(ledger: Ledger, from: Period, to: Period): Map<Period, Map<string, Movement>> {
  const rows = sqlOf(ledger)
    .prepare('SELECT period, account, SUM(debit) AS debit, SUM(credit) AS credit FROM balances WHERE period BETWEEN ? AND ? GROUP BY period, account')
    .all(from, to) as ({ period: string; account: string } & Movement)[];
  const m = new Map<Period, Map<string, Movement>>();
  for (const r of rows) {
    let p = m.get(r.period);
    if (!p) m.set(r.period, (p = new Map()));
    p.set(r.account, { debit: r.debit, credit: r.credit });
  }
  return m;
}

/** Who signed each voucher: 制单 (preparer), 审核 (reviewer), 记账 (who ran the command that posted it). */
export function voucherSigners(ledger: Ledger, ids: readonly number[]): Map<number, { preparer: string | null; reviewer: string | null; poster: string | null }> {
  const out = new Map<number, { preparer: string | null; reviewer: string | null; poster: string | null }>();
  const q = sqlOf(ledger).prepare(
    `SELECT v.preparer, r.reviewer,
            (SELECT a.by FROM audit_records a WHERE v.id BETWEEN a.voucher_from AND a.voucher_to ORDER BY a.id LIMIT 1) AS poster
       FROM vouchers v LEFT JOIN voucher_reviews r ON r.voucher_id = v.id WHERE v.id = ?`,
  );
  for (const id of ids) {
    const r = q.get(id) as { preparer: string | null; reviewer: string | null; poster: string | null } | undefined;
    if (r) out.set(id, r);
  }
  return out;
}

/** The projects whose distribution of `year` is declared. */
export function declaredProjects(ledger: Ledger, year: number): string[] {
  // In force only: a declaration cancelled and made again is one distribution (the archive keeps it once).
  return sqlOf(ledger)
    .prepare('SELECT DISTINCT project FROM dividends d WHERE year = ? AND NOT EXISTS (SELECT 1 FROM dividend_cancellations c WHERE c.dividend_id = d.id) ORDER BY project')
    .pluck()
    .all(year) as string[];
}

/**
 * Money received or paid on contracts over [from, to] (财务公开): the payments not cancelled, and the
 * refunds not cancelled (money given back or recovered) as negative amounts.
 */
export function contractPaymentsBetween(
  ledger: Ledger,
  from: IsoDate,
  to: IsoDate,
): { contract: string; counterparty: string; direction: string; kind: string; date: string; amount: number }[] {
  return sqlOf(ledger)
    .prepare(
      `SELECT contract, counterparty, direction, kind, date, amount FROM (
         SELECT p.contract, c.counterparty, c.direction, c.kind, p.date, p.amount, 0 AS refund, p.id FROM contract_payments p JOIN contracts c ON c.code = p.contract
          WHERE p.date BETWEEN ? AND ? AND NOT EXISTS (SELECT 1 FROM contract_payment_cancellations x WHERE x.payment_id = p.id)
         UNION ALL
         SELECT r.contract, c.counterparty, c.direction, c.kind, r.date, -r.amount, 1, r.id FROM contract_refunds r JOIN contracts c ON c.code = r.contract
          WHERE r.date BETWEEN ? AND ? AND NOT EXISTS (SELECT 1 FROM contract_refund_cancellations x WHERE x.refund_id = r.id))
        ORDER BY date, refund, id`,
    )
    .all(from, to, from, to) as never;
}

/** Assets acquired or disposed of over [from, to] (财务公开). */
export function assetChangesBetween(
  ledger: Ledger,
  from: IsoDate,
  to: IsoDate,
): { code: string; name: string; category: string; acquired: string; cost: number; disposedOn: string | null; proceeds: number | null }[] {
  return sqlOf(ledger)
    .prepare(
      `SELECT code, name, category, acquired, cost, disposed_on AS disposedOn, disposal_proceeds AS proceeds FROM assets
        WHERE acquired BETWEEN ? AND ? OR disposed_on BETWEEN ? AND ? ORDER BY code`,
    )
    .all(from, to, from, to) as never;
}

export interface VoucherListRow {
  id: number;
  period: string;
  number: number;
  date: string;
  summary: string;
  kind: string;
  attachments: number;
  preparer: string | null;
  reviewer: string | null;
  amount: number;
}

/** Vouchers of a period range with their amount (Σ debit) and reviewer, in period and number order. */
export function voucherList(ledger: Ledger, from: Period, to: Period): VoucherListRow[] {
  return sqlOf(ledger)
    .prepare(
      `SELECT v.id, v.period, v.number, v.date, v.summary, v.kind, v.attachments, v.preparer, r.reviewer,
              (SELECT SUM(debit) FROM voucher_lines l WHERE l.voucher_id = v.id) AS amount
         FROM vouchers v LEFT JOIN voucher_reviews r ON r.voucher_id = v.id
        WHERE v.period BETWEEN ? AND ? ORDER BY v.period, v.number`,
    )
    .all(from, to) as VoucherListRow[];
}
