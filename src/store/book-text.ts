// The lines of a book (明细账) read from SQLite as text: joined and put in the book's order in C
// (sanzi's SQLite extension), else joined by SQLite after its sort, or a line at a time for a large book.
import type { Period } from '../domain/dates.js';
import { periodOf } from '../domain/dates.js';
import { Refusal } from '../domain/errors.js';
import { StoreErrors } from '../domain/errors/store.js';
import type { BookLine } from '../domain/statements.js';
import { codeRange } from './code-range.js';
import type { Ledger } from './ledger.js';
import { sqlOf } from './internal.js';
import { nativeSqlite } from './native-sqlite.js';

/** A book's lines: an account and its sub-accounts (a range of codes), over a range of months, in date order. */
export const BOOK_LINES = `FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id
  WHERE l.account >= ? AND l.account < ? AND v.period BETWEEN ? AND ?
  ORDER BY v.date COLLATE BINARY, v.number, l.line_no`;

/**
 * A book of at most `heldLines` lines on its account's index (all months) is read from SQLite as
 * one text; a larger one a line at a time, so that no book of any size is held at once. With
 * `native` (and sanzi's SQLite extension loaded), the text is made and put in order in C, without
 * SQLite's sorter (nativeBookText); `maxBytes`, a smaller limit to its text than its own 256 MiB
 * (for the tests).
 */
export const BOOK_TEXT: { heldLines: number; native: boolean; maxBytes?: number } = { heldLines: 200_000, native: true };

/**
 * eachAccountLine's lines without their member, project or voucher, read from SQLite as text: each
 * line `date number debit credit `, `account<US>` (not for a leaf), the summary's length in UTF-8
 * bytes, a space and the summary, read apart here. better-sqlite3 builds a row of several columns
 * into an array through V8's API a cell at a time, and each row's crossing costs besides: one text
 * a line took a book of 97,033 lines 0.23 → 0.19 s (against five columns), the whole book as one
 * text (bookText) 0.03 s less again, that text made in C (nativeBookText) 0.06 s less again. The
 * numbers are integers (STRICT columns) as SQLite writes them; an account code has no U+001F (codes
 * are digits); a summary may hold anything, its length says where it ends in the one text, and a
 * line's own text ends with it.
 */
export function* accountLineTexts(ledger: Ledger, code: string, leaf: boolean, from: Period, to: Period): Generator<BookLine> {
  const db = sqlOf(ledger);
  const range = codeRange(code);
  // A line the STRICT, NOT NULL columns cannot hold (a file changed behind sanzi's back): said, not shown.
  const damaged = () => new Refusal(StoreErrors.LEDGER_DAMAGED(ledger.path, `${code} 的分录不完整或金额不是整数 (a line of ${code} is incomplete or its amounts are not whole numbers)`));
  const line = `v.date || ' ' || v.number || ' ' || l.debit || ' ' || l.credit || ' ' || ${leaf ? '' : "l.account || char(31) || "}length(CAST(v.summary AS BLOB)) || ' ' || v.summary`;
  const whole = heldWhole(db, range) ? wholeText(db, leaf, line, range, from, to, damaged) : undefined;
  const texts: Iterable<string | null> =
    whole !== undefined ? (whole === null ? [] : [whole]) : (db.prepare(`SELECT ${line} ${BOOK_LINES}`).pluck().iterate(...range, from, to) as IterableIterator<string | null>);
  const framed = whole !== undefined;
  let at = 0;
  // The integer at `at` (ended by a space), `at` moved past the space.
  const int = (t: string): number => {
    const start = at;
    let i = at;
    const negative = t.charCodeAt(i) === 45;
    if (negative) i++;
    let n = 0;
    for (let c = t.charCodeAt(i); c !== 32; c = t.charCodeAt(++i)) {
      if (!(c >= 48 && c <= 57)) throw damaged();
      n = n * 10 + (c - 48);
    }
    if (i === start + (negative ? 1 : 0)) throw damaged();
    at = i + 1;
    // Past 15 digits the sum above may round otherwise than the number's text does (as SQLite gives it).
    if (i - start > 15) return Number(t.slice(start, i));
    return negative ? -n : n;
  };
  // The end of a text of `bytes` UTF-8 bytes starting at `at` (bookText's text holds no U+FFFD: each character is what it was stored as).
  const after = (t: string, bytes: number): number => {
    let i = at;
    while (bytes > 0) {
      const c = t.charCodeAt(i);
      if (c !== c) throw damaged(); // past the end (NaN)
      if (c < 0x80) bytes -= 1;
      else if (c < 0x800) bytes -= 2;
      else if (c >= 0xd800 && c <= 0xdbff) {
        bytes -= 4;
        i++;
      } else bytes -= 3;
      i++;
    }
    if (bytes !== 0) throw damaged();
    return i;
  };
  // A day's lines share their date's and month's text (the book compares them line by line).
  let day = '';
  let month = '';
  let number = 0;
  for (const t of texts) {
    if (t === null) throw damaged();
    at = 0;
    while (at < t.length) {
      const space = t.indexOf(' ', at);
      if (space < 0) throw damaged();
      const sameDay = space - at === day.length && t.startsWith(day, at);
      if (!sameDay) {
        const date = t.slice(at, space);
        // A date as sanzi writes it, or the line's fields are askew (a date with a space in a loosened table).
        if (!DATE.test(date)) throw damaged();
        // The one text in the book's order (sorted in C, or by SQLite, which keeps an aggregate's
        // subquery sorted; said here should either fail): dates compared as bytes, alike in JavaScript for digits.
        if (framed && date < day) throw new Error(`accountLineTexts: ${code} 的分录未按日期排序 (lines out of order: ${date} after ${day})`);
        day = date;
        month = periodOf(day);
      }
      at = space + 1;
      const n = int(t);
      if (framed && sameDay && n < number) throw new Error(`accountLineTexts: ${code} 的分录未按凭证号排序 (lines out of order: ${day} no. ${n} after no. ${number})`);
      number = n;
      const debit = int(t);
      const credit = int(t);
      let account = code;
      if (!leaf) {
        const us = t.indexOf('\u001f', at);
        if (us < 0) throw damaged();
        account = t.slice(at, us);
        // One of this account's sub-accounts, or what came before it was not as written (a date or amount with a space in it).
        if (!account.startsWith(code)) throw damaged();
        at = us + 1;
      }
      const bytes = int(t);
      // In a line's own text the summary runs to its end, and its length says so unless its bytes were
      // not UTF-8 (read back with U+FFFD): a line whose fields are askew (a date with a space) is refused.
      const end = framed ? after(t, bytes) : t.length;
      if (!framed && !t.includes('\ufffd', at) && after(t, bytes) !== end) throw damaged();
      const summary = t.slice(at, end);
      at = end;
      yield { date: day, period: month, number: n, summary, account, debit, credit, member: null, project: null };
    }
  }
}

/** A voucher's date as sanzi stores it. */
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether the book is read as one text: at most BOOK_TEXT.heldLines lines on its accounts (counted on their index, no further). */
function heldWhole(db: ReturnType<typeof sqlOf>, range: [string, string]): boolean {
  const held = BOOK_TEXT.heldLines;
  return (db.prepare('SELECT count(*) FROM (SELECT 1 FROM voucher_lines WHERE account >= ? AND account < ? LIMIT ?)').pluck().get(...range, held + 1) as number) <= held;
}

/** The book as one text (null: no lines), or undefined when it is read a line at a time after all. */
function wholeText(db: ReturnType<typeof sqlOf>, leaf: boolean, line: string, range: [string, string], from: Period, to: Period, damaged: () => Refusal): string | null | undefined {
  const text = nativeBookText(db, leaf, range, from, to, BOOK_TEXT.maxBytes);
  return text !== READ_SORTED ? text : bookText(db, line, range, from, to, damaged);
}

/** nativeBookText's answer when the lines are to be read sorted by SQLite. */
export const READ_SORTED = Symbol('read sorted');

/**
 * The book's lines as one text, each as accountLineTexts reads them, joined by sanzi_book_text
 * (native/sqlite-book.c) as the accounts' index gives them (CROSS JOIN keeps the index the outer
 * loop), and put in the book's order there when they are not in it already (vouchers entered out
 * of date order, the lines of several sub-accounts): null when there are none. READ_SORTED when a
 * line is not as the tables' columns hold it or two lines share a date, number and line (a file
 * changed behind sanzi's back), or the extension is not there: bookText then reads them sorted and
 * says what is wrong. Undefined (a line at a time) when the text would take more than `maxBytes`
 * (256 MiB, sanzi_book_text's limit, unless a test asks for less): the sorted text would be as
 * large. SQLite's sorter and its text made a column at a time were 0.15 of the 0.2 s the query
 * took for 97,033 lines.
 */
export function nativeBookText(
  db: ReturnType<typeof sqlOf>,
  leaf: boolean,
  range: [string, string],
  from: Period,
  to: Period,
  maxBytes?: number,
): string | null | undefined | typeof READ_SORTED {
  if (!BOOK_TEXT.native || !nativeSqlite(db)) return READ_SORTED;
  const joined = leaf
    ? 'sanzi_book_text(v.date, v.number, l.line_no, l.debit, l.credit, v.summary, ?)'
    : 'sanzi_book_text_accounts(v.date, v.number, l.line_no, l.debit, l.credit, l.account, v.summary, ?)';
  let text: string | null;
  try {
    text = db
      .prepare(
        `SELECT ${joined} FROM voucher_lines l CROSS JOIN vouchers v
          WHERE v.id = l.voucher_id AND l.account >= ? AND l.account < ? AND v.period BETWEEN ? AND ?`,
      )
      .pluck()
      .get(maxBytes ?? null, ...range, from, to) as string | null;
  } catch (e) {
    // It stops at the first line it gives way on, so that no more are read for nothing.
    const message = (e as Error).message;
    if (message === 'sanzi_book_text: read sorted') return READ_SORTED;
    if (message === 'sanzi_book_text: too large') return undefined;
    throw e;
  }
  // sanzi_book_text checks the text is well-formed UTF-8: none is read back with U+FFFD in it but one
  // stored so, which the sorted text would hold as well.
  if (text !== null && text.includes('\ufffd')) return undefined;
  return text;
}

/**
 * The book's lines as one text, sorted by SQLite, each as accountLineTexts reads them (null: none);
 * undefined when it is to be read a line at a time: a text larger than SQLite makes (summaries of
 * thousands of characters), or a summary
 * stored as bytes that are not UTF-8 (read back with U+FFFD, whose length in the text is not the
 * stored one; sanzi's own entry refuses U+FFFD). group_concat passes over a NULL: a line with a
 * column missing is counted and refused.
 */
function bookText(db: ReturnType<typeof sqlOf>, line: string, range: [string, string], from: Period, to: Period, damaged: () => Refusal): string | null | undefined {
  let row: [number, string | null];
  try {
    row = db.prepare(`SELECT count(*) - count(x), group_concat(x, '') FROM (SELECT ${line} AS x ${BOOK_LINES})`).raw(true).get(...range, from, to) as [number, string | null];
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_TOOBIG') return undefined;
    throw e;
  }
  if (row[0] > 0) throw damaged();
  if (row[1] !== null && row[1].includes('\ufffd')) return undefined;
  return row[1];
}
