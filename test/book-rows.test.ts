// A book computed as its lines pass (bookRows): figures by hand, and the same rows as the book
// computed whole, line by line from accountBook's running balances, on generated books.
import { describe, expect, it } from 'vitest';
import { bookRows, type BookTotals } from '../src/domain/book-rows.js';
import { accountBook, bookEntries, BOOK_SUMMARIES, type AccountBook, type BookEntry, type BookLine, type MonthTotal } from '../src/domain/statements.js';

const line = (date: string, number: number, debit: number, credit: number, summary = '摘要'): BookLine => ({
  date,
  period: date.slice(0, 7),
  number,
  summary,
  account: '10201',
  debit,
  credit,
  member: null,
  project: null,
});

/**
 * The rows of a book held whole, computed from accountBook's running balances and month totals line
 * by line (the way the printed books were made before they were streamed): the oracle bookRows and
 * bookEntries are compared with.
 */
function wholeBookEntries(book: AccountBook, opts: { dayTotals?: boolean } = {}): BookEntry[] {
  const S = BOOK_SUMMARIES;
  const out: BookEntry[] = [
    {
      kind: 'opening',
      period: book.from,
      date: null,
      number: null,
      summary: book.from.endsWith('-01') ? S.carriedFromLastYear : S.opening,
      debit: null,
      credit: null,
      balance: book.opening,
      mtdDebit: 0,
      mtdCredit: 0,
    },
  ];
  const months = new Map(book.months.map((m) => [m.period, m]));
  const closeMonth = (m: MonthTotal) => {
    const base = { period: m.period, date: null, number: null, balance: m.closing, mtdDebit: m.debit, mtdCredit: m.credit };
    out.push({ ...base, kind: 'month', summary: S.month, debit: m.debit, credit: m.credit });
    out.push({ ...base, kind: 'year', summary: S.year, debit: m.yearDebit, credit: m.yearCredit });
  };
  let mtd = { debit: 0, credit: 0 };
  let day = { date: '', n: 0, debit: 0, credit: 0 };
  book.lines.forEach((l, i) => {
    if (i > 0 && book.lines[i - 1].period !== l.period) mtd = { debit: 0, credit: 0 };
    mtd = { debit: mtd.debit + l.debit, credit: mtd.credit + l.credit };
    day = day.date === l.date ? { date: l.date, n: day.n + 1, debit: day.debit + l.debit, credit: day.credit + l.credit } : { date: l.date, n: 1, debit: l.debit, credit: l.credit };
    out.push({
      kind: 'line',
      period: l.period,
      date: l.date,
      number: l.number,
      summary: l.summary,
      counter: l.counter,
      debit: l.debit,
      credit: l.credit,
      balance: l.balance,
      mtdDebit: mtd.debit,
      mtdCredit: mtd.credit,
    });
    const next = book.lines[i + 1];
    if (opts.dayTotals && day.n > 1 && (!next || next.date !== l.date)) {
      out.push({ kind: 'day', period: l.period, date: l.date, number: null, summary: S.day, debit: day.debit, credit: day.credit, balance: l.balance, mtdDebit: mtd.debit, mtdCredit: mtd.credit });
    }
    if (!next || next.period !== l.period) closeMonth(months.get(l.period)!);
  });
  return out;
}

/** [kind, summary, debit, credit, balance, month-to-date debit, month-to-date credit] of each row. */
const brief = (rows: Iterable<{ kind: string; summary: string; debit: number | null; credit: number | null; balance: number; mtdDebit: number; mtdCredit: number }>) =>
  Array.from(rows, (r) => [r.kind, r.summary, r.debit, r.credit, r.balance, r.mtdDebit, r.mtdCredit]);

describe('bookRows', () => {
  it('runs the balance, 本日合计, 本月合计 and 本年累计 across a month and a year end', () => {
    // Opening 1,000 (fen) before 2024-11; January..October moved 500 Dr and 200 Cr.
    const lines = [
      line('2024-11-03', 1, 300, 0),
      line('2024-11-03', 2, 0, 100),
      line('2024-11-10', 5, 50, 0),
      line('2024-12-01', 1, 0, 400),
      line('2025-01-05', 3, 70, 0),
    ];
    const totals: BookTotals = { debit: 0, credit: 0, closing: 0 };
    const rows = brief(bookRows({ from: '2024-11', opening: 1000, yearBefore: { debit: 500, credit: 200 } }, lines, { dayTotals: true }, totals));
    expect(rows).toEqual([
      ['opening', '期初余额', null, null, 1000, 0, 0],
      ['line', '摘要', 300, 0, 1300, 300, 0], // 1,000 + 300
      ['line', '摘要', 0, 100, 1200, 300, 100], // 1,300 − 100
      ['day', '本日合计', 300, 100, 1200, 300, 100], // two lines on 11-03
      ['line', '摘要', 50, 0, 1250, 350, 100], // one line on 11-10: no 本日合计
      ['month', '本月合计', 350, 100, 1250, 350, 100],
      ['year', '本年累计', 850, 300, 1250, 350, 100], // 500 + 350, 200 + 100
      ['line', '摘要', 0, 400, 850, 0, 400], // 1,250 − 400
      ['month', '本月合计', 0, 400, 850, 0, 400],
      ['year', '本年累计', 850, 700, 850, 0, 400], // 850 + 0, 300 + 400
      ['line', '摘要', 70, 0, 920, 70, 0],
      ['month', '本月合计', 70, 0, 920, 70, 0],
      ['year', '本年累计', 70, 0, 920, 70, 0], // 2025 counts from 0
    ]);
    // 本期合计: 300 + 50 + 70 = 420 Dr, 100 + 400 = 500 Cr; 1,000 + 420 − 500 = 920
    expect(totals).toEqual({ debit: 420, credit: 500, closing: 920 });
  });

  it('a book from January carries last year over and ignores the movement before it', () => {
    const rows = brief(bookRows({ from: '2024-01', opening: -500, yearBefore: { debit: 999, credit: 999 } }, [line('2024-01-31', 1, 0, 200)]));
    expect(rows).toEqual([
      ['opening', '上年结转', null, null, -500, 0, 0],
      ['line', '摘要', 0, 200, -700, 0, 200],
      ['month', '本月合计', 0, 200, -700, 0, 200],
      ['year', '本年累计', 0, 200, -700, 0, 200],
    ]);
  });

  it('a book without lines is its opening row, and its totals are the opening balance', () => {
    const totals: BookTotals = { debit: -1, credit: -1, closing: -1 };
    expect(brief(bookRows({ from: '2024-03', opening: 42, yearBefore: { debit: 1, credit: 2 } }, [], {}, totals))).toEqual([['opening', '期初余额', null, null, 42, 0, 0]]);
    expect(totals).toEqual({ debit: 0, credit: 0, closing: 42 });
  });

  it('gives the rows of the book computed whole, on generated books', () => {
    // A seeded generator (xorshift), so that a failure can be replayed.
    let seed = 12345;
    const rnd = (n: number) => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    for (let k = 0; k < 60; k++) {
      const fromMonth = 1 + rnd(12);
      const from = `2023-${String(fromMonth).padStart(2, '0')}`;
      const lines: BookLine[] = [];
      const count = rnd(40);
      for (let i = 0; i < count; i++) {
        const m = fromMonth - 1 + rnd(20);
        const date = `${2023 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-${String(1 + rnd(3)).padStart(2, '0')}`;
        const amount = rnd(100000) - 20000;
        lines.push(rnd(2) ? line(date, i + 1, amount, 0) : line(date, i + 1, 0, amount));
      }
      lines.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.number - b.number));
      const opening = rnd(50000) - 25000;
      const yearBefore = { debit: rnd(9000), credit: rnd(9000) };
      const netBefore = new Map([['10201', opening]]);
      for (const dayTotals of [false, true]) {
        const whole = accountBook({ code: '102', name: '银行存款', side: '借' }, from, '2024-12', netBefore, lines, yearBefore);
        const totals: BookTotals = { debit: 0, credit: 0, closing: 0 };
        const streamed = Array.from(bookRows({ from, opening, yearBefore }, lines, { dayTotals }, totals), ({ line: _line, ...e }) => e);
        expect(streamed).toEqual(wholeBookEntries(whole, { dayTotals }));
        expect(bookEntries(whole, { dayTotals })).toEqual(streamed);
        expect(totals).toEqual({ debit: whole.debit, credit: whole.credit, closing: whole.closing });
      }
    }
  });
});
