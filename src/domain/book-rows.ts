// 明细账 and the day books (现金日记账, 银行存款日记账) computed as their lines pass, in date order:
// the running balance, 本日合计, 本月合计 and 本年累计, without holding the lines. The rows are
// what bookEntries in src/domain/statements.ts gives for a book held whole (a test compares them
// with an independent whole-book computation); a book of 100,000 lines is written from the ledger's cursor to the file.
import type { Fen } from './money.js';
import type { Period } from './dates.js';
import type { BookEntry, BookLine, Movement } from './statements.js';

/** The summaries of a book's own rows. */
export const BOOK_SUMMARIES = { carriedFromLastYear: '上年结转', opening: '期初余额', day: '本日合计', month: '本月合计', year: '本年累计' } as const;

/** What a book knows before its first line. */
export interface BookStart {
  /** The first month of the book. */
  from: Period;
  /** Signed balance (debit positive) of the account and its sub-accounts before `from`. */
  opening: Fen;
  /** The account's movement from January of `from`'s year up to `from` (本年累计 before the range). */
  yearBefore: Movement;
}

/** A row of a book; an entry row carries the line it shows. */
export interface BookRow extends BookEntry {
  line?: BookLine;
}

/** 本期合计: Σ debit and Σ credit of the lines that passed, and the balance after the last. */
export interface BookTotals {
  debit: Fen;
  credit: Fen;
  closing: Fen;
}

/**
 * The rows of a book from its lines in date order: the opening balance (上年结转 when the book starts
 * in January, else 期初余额), each line with the balance after it, and after each month with lines
 * 本月合计 and 本年累计 (a new year counts from 0); with `dayTotals`, a 本日合计 after a day with
 * several lines. `totals`, when given, holds 本期合计 once the last row has been read.
 */
export function* bookRows(start: BookStart, lines: Iterable<BookLine>, opts: { dayTotals?: boolean } = {}, totals?: BookTotals): Generator<BookRow> {
  const S = BOOK_SUMMARIES;
  const january = start.from.endsWith('-01');
  let balance = start.opening;
  yield {
    kind: 'opening',
    period: start.from,
    date: null,
    number: null,
    summary: january ? S.carriedFromLastYear : S.opening,
    debit: null,
    credit: null,
    balance,
    mtdDebit: 0,
    mtdCredit: 0,
  };
  // 本年累计 so far, of `year`.
  let year = start.from.slice(0, 4);
  let yearDebit = january ? 0 : start.yearBefore.debit;
  let yearCredit = january ? 0 : start.yearBefore.credit;
  let debit = 0;
  let credit = 0;
  // The month to date, and the day so far (its lines and their sums).
  let monthDebit = 0;
  let monthCredit = 0;
  let dayLines = 0;
  let dayDebit = 0;
  let dayCredit = 0;
  const dayTotal = (p: BookLine): BookRow => ({
    kind: 'day',
    period: p.period,
    date: p.date,
    number: null,
    summary: S.day,
    debit: dayDebit,
    credit: dayCredit,
    balance,
    mtdDebit: monthDebit,
    mtdCredit: monthCredit,
  });
  const monthEnd = (period: Period): [BookRow, BookRow] => {
    if (period.slice(0, 4) !== year) {
      year = period.slice(0, 4);
      yearDebit = 0;
      yearCredit = 0;
    }
    yearDebit += monthDebit;
    yearCredit += monthCredit;
    const base = { period, date: null, number: null, balance, mtdDebit: monthDebit, mtdCredit: monthCredit };
    return [
      { ...base, kind: 'month', summary: S.month, debit: monthDebit, credit: monthCredit },
      { ...base, kind: 'year', summary: S.year, debit: yearDebit, credit: yearCredit },
    ];
  };
  let prev: BookLine | null = null;
  for (const l of lines) {
    if (prev) {
      if (prev.date !== l.date) {
        if (opts.dayTotals && dayLines > 1) yield dayTotal(prev);
        dayLines = 0;
        dayDebit = 0;
        dayCredit = 0;
      }
      if (prev.period !== l.period) {
        yield* monthEnd(prev.period);
        monthDebit = 0;
        monthCredit = 0;
      }
    }
    dayLines += 1;
    dayDebit += l.debit;
    dayCredit += l.credit;
    monthDebit += l.debit;
    monthCredit += l.credit;
    debit += l.debit;
    credit += l.credit;
    balance += l.debit - l.credit;
    yield {
      kind: 'line',
      period: l.period,
      date: l.date,
      number: l.number,
      summary: l.summary,
      counter: l.counter,
      debit: l.debit,
      credit: l.credit,
      balance,
      mtdDebit: monthDebit,
      mtdCredit: monthCredit,
      line: l,
    };
    prev = l;
  }
  if (prev) {
    if (opts.dayTotals && dayLines > 1) yield dayTotal(prev);
    yield* monthEnd(prev.period);
  }
  if (totals) {
    totals.debit = debit;
    totals.credit = credit;
    totals.closing = balance;
  }
}
