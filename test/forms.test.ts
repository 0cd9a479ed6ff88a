// Forms as data, printed books' pagination, the archive's check: pure functions, hand-computed figures.
import { describe, expect, it } from 'vitest';
import { FORMS, BALANCE_SHEET_2023, type FormDef } from '../src/domain/forms.js';
import { checkForm, evaluateForm, parseFormula } from '../src/domain/form-eval.js';
import { bookEntries, counterAccounts, disclosure, generalLedgerBook, monthTotals, type AccountBook } from '../src/domain/statements.js';
import { clip, paginate } from '../src/io/views/books.js';
import { compareArchive, RETENTION, type Manifest } from '../src/domain/archive.js';

describe('form definitions', () => {
  it('every form keeps its rules: 行次 unique, ascending down each side, right after left, formulas that parse', () => {
    for (const f of FORMS) expect(checkForm(f), f.id).toEqual([]);
  });
  it('the balance sheet has the lines the contract names, with rows', () => {
    const labels = BALANCE_SHEET_2023.lines.map((l) => l.label);
    for (const l of ['货币资金', '资产总计', '负债和所有者权益总计', '累计折旧', '累计摊销', '生产性生物资产累计折旧']) expect(labels).toContain(l);
  });
  it('a broken table is caught: a repeated 行次, a row that does not ascend, a formula that does not parse', () => {
    const bad: FormDef = {
      ...BALANCE_SHEET_2023,
      lines: [
        { row: 1, label: 'a', side: 'left', normal: 'debit', formula: '101' },
        { row: 1, label: 'b', side: 'left', normal: 'debit', formula: '101 ++ 102' },
        { row: 3, label: 'c', side: 'right', normal: 'credit', formula: '[9]' },
      ],
    };
    const p = checkForm(bad);
    expect(p.some((x) => x.includes('used twice'))).toBe(true);
    expect(p.some((x) => x.includes('bad formula'))).toBe(true);
    expect(p.some((x) => x.includes('missing line 9'))).toBe(true);
  });
  it('parses codes, per-member sides, opening balances and row references', () => {
    expect(parseFormula('112+113(debit per member) - [3] + opening(32202)')).toEqual([
      { sign: 1, kind: 'account', code: '112' },
      { sign: 1, kind: 'perMember', code: '113', side: 'debit' },
      { sign: -1, kind: 'row', row: 3 },
      { sign: 1, kind: 'opening', code: '32202' },
    ]);
    expect(() => parseFormula('151 * 2')).toThrow();
  });
  it('evaluates on the line’s normal side; a member’s balance counts on its own side', () => {
    const form: FormDef = {
      ...BALANCE_SHEET_2023,
      lines: [
        { row: 1, label: 'cost', side: 'left', normal: 'debit', formula: '151' },
        { row: 2, label: 'dep', side: 'left', normal: 'debit', formula: '-152' },
        { row: 3, label: 'net', side: 'left', normal: 'debit', formula: '[1]-[2]' },
        { row: 4, label: 'recv', side: 'left', normal: 'debit', formula: '113(debit per member)' },
        { row: 5, label: 'pay', side: 'right', normal: 'credit', formula: '211+113(credit per member)' },
      ],
    };
    // 151 debit 10,000; 152 credit 2,500; 211 credit 700; 113: A owes 400, B is owed 150.
    const f = evaluateForm(form, {
      net: new Map([['151', 10000], ['152', -2500], ['21101', -700]]),
      perMember: new Map([['113', new Map([['A', 400], ['B', -150]])]]),
    });
    expect(f.map((x) => x.amount)).toEqual([10000, 2500, 7500, 400, 850]); // 700 + 150
  });
});

describe('printed pages: pagination with 承前页 and 过次页', () => {
  const carry = (n: number) => ({ debit: n, credit: 0, balance: n * 10 });
  it('a book that fits is one page with neither line', () => {
    expect(paginate([1, 2, 3], 3, carry)).toEqual([{ broughtForward: null, rows: [1, 2, 3], carriedForward: null }]);
  });
  it('first page R − 1 rows, middle pages R − 2, the last what is left; both lines carry the last row', () => {
    const rows = Array.from({ length: 25 }, (_, i) => i + 1);
    const pages = paginate(rows, 10, carry);
    // 9 + 8 + 8 = 25 rows on 3 pages
    expect(pages.map((p) => p.rows.length)).toEqual([9, 8, 8]);
    expect(pages.map((p) => p.rows.length + (p.broughtForward ? 1 : 0) + (p.carriedForward ? 1 : 0))).toEqual([10, 10, 9]);
    expect(pages[0].carriedForward).toEqual(carry(9));
    expect(pages[1].broughtForward).toEqual(carry(9));
    expect(pages[1].carriedForward).toEqual(carry(17));
    expect(pages[2].broughtForward).toEqual(carry(17));
    expect(pages[2].carriedForward).toBeNull();
  });
  it('R + 1 rows take two pages (R − 1, then 2)', () => {
    expect(paginate(Array.from({ length: 11 }, (_, i) => i), 10, carry).map((p) => p.rows.length)).toEqual([9, 2]);
  });
  it('refuses fewer than three rows a page', () => {
    expect(() => paginate([1, 2, 3, 4], 2, carry)).toThrow();
  });
  it('a long 摘要 is cut to the width with …', () => {
    expect(clip('收到第一笔门票收入', 10)).toBe('收到第一…');
    expect(clip('短', 10)).toBe('短');
  });
});

describe('books: 本日合计, 本月合计, 本年累计', () => {
  const line = (date: string, number: number, debit: number, credit: number, balance: number) => ({
    date,
    period: date.slice(0, 7),
    number,
    summary: 's',
    account: '101',
    debit,
    credit,
    member: null,
    project: null,
    balance,
  });
  it('month and year totals follow each month; a day with two entries gets 本日合计; the month-to-date is carried', () => {
    const book: AccountBook = {
      account: '101',
      name: '库存现金',
      side: '借',
      from: '2024-02',
      to: '2024-03',
      opening: 1000,
      // Feb: +500, +300 (same day), −200; Mar: −100
      lines: [line('2024-02-01', 1, 500, 0, 1500), line('2024-02-01', 2, 300, 0, 1800), line('2024-02-09', 3, 0, 200, 1600), line('2024-03-02', 1, 0, 100, 1500)],
      // January before the range moved 50 debit and 0 credit.
      months: monthTotals(1000, [['2024-02', { debit: 800, credit: 200 }], ['2024-03', { debit: 0, credit: 100 }]], { debit: 50, credit: 0 }, '2024'),
      debit: 800,
      credit: 300,
      closing: 1500,
    };
    const rows = bookEntries(book, { dayTotals: true });
    expect(rows.map((r) => `${r.kind}:${r.summary}:${r.debit}:${r.credit}:${r.balance}:${r.mtdDebit}/${r.mtdCredit}`)).toEqual([
      'opening:期初余额:null:null:1000:0/0',
      'line:s:500:0:1500:500/0',
      'line:s:300:0:1800:800/0',
      'day:本日合计:800:0:1800:800/0',
      'line:s:0:200:1600:800/200',
      'month:本月合计:800:200:1600:800/200',
      // 50 + 800, 0 + 200
      'year:本年累计:850:200:1600:800/200',
      'line:s:0:100:1500:0/100',
      'month:本月合计:0:100:1500:0/100',
      'year:本年累计:850:300:1500:0/100',
    ]);
  });
  it('the year total starts again in January', () => {
    const m = monthTotals(0, [['2024-12', { debit: 10, credit: 0 }], ['2025-01', { debit: 5, credit: 1 }]], { debit: 100, credit: 0 }, '2024');
    expect(m.map((x) => [x.yearDebit, x.yearCredit, x.closing])).toEqual([
      [110, 0, 10],
      [5, 1, 14],
    ]);
  });
  it('the general ledger adds a first-level account’s leaves per month', () => {
    const g = generalLedgerBook(
      { code: '102', name: '银行存款', side: '借' },
      '2024-02',
      '2024-03',
      new Map([['10201', 1000], ['10202', 500]]),
      new Map([
        ['2024-02', new Map([['10201', { debit: 100, credit: 0 }], ['10202', { debit: 0, credit: 50 }], ['101', { debit: 9, credit: 9 }]])],
        ['2024-03', new Map([['101', { debit: 1, credit: 0 }]])],
      ]),
      new Map([['10201', { debit: 7, credit: 3 }]]),
    );
    // Opening 1,500; February +100 −50 → 1,550; March has no movement of 102.
    expect(g).toMatchObject({ opening: 1500, debit: 100, credit: 50, closing: 1550 });
    expect(g.months).toEqual([{ period: '2024-02', debit: 100, credit: 50, closing: 1550, yearDebit: 107, yearCredit: 53 }]);
  });
  it('对方科目: the first-level names on the other side', () => {
    const names: Record<string, string> = { '501': '经营收入', '503': '补助收入', '101': '库存现金' };
    const lines = [
      { account: '10201', debit: 900, credit: 0 },
      { account: '50101', debit: 0, credit: 600 },
      { account: '503', debit: 0, credit: 300 },
    ];
    expect(counterAccounts('102', { debit: 900, credit: 0 }, lines, (c) => names[c])).toBe('经营收入、补助收入');
  });
});

describe('财务公开', () => {
  it('income and spending by item, closing excluded by the caller, cash at both ends', () => {
    const names: Record<string, string> = { '501': '经营收入', '50101': '门票', '513': '管理费用', '101': '库存现金', '102': '银行存款' };
    const d = disclosure(
      new Map([
        ['50101', { debit: 0, credit: 1200 }],
        ['513', { debit: 300, credit: 0 }],
        ['10201', { debit: 1200, credit: 300 }],
      ]),
      (c) => names[c] ?? c,
      new Map([['101', 100], ['10201', 1000]]),
      new Map([['101', 100], ['10201', 1900]]),
    );
    expect(d.income).toEqual([{ account: '50101', label: '经营收入—门票', amount: 1200 }]);
    expect(d.spending).toEqual([{ account: '513', label: '管理费用', amount: 300 }]);
    expect(d).toMatchObject({ totalIncome: 1200, totalSpending: 300, cashOpening: 1100, cashClosing: 2000 });
  });
});

describe('archive check', () => {
  const m: Manifest = {
    year: 2024,
    createdAt: '2025-01-02 10:00:00',
    files: [
      { path: 'a.html', title: 'a', kind: 'book', year: 2024, retention: '30年', bytes: 3, sha256: 'aaa' },
      { path: 'b.csv', title: 'b', kind: 'monthly-report', year: 2024, retention: '10年', bytes: 4, sha256: 'bbb' },
    ],
  };
  it('names every changed, missing and extra file; the manifest itself is not extra', () => {
    const found = new Map([
      ['a.html', { bytes: 3, sha256: 'xxx' }],
      ['c.txt', { bytes: 1, sha256: 'ccc' }],
      ['manifest.json', { bytes: 9, sha256: 'mmm' }],
    ]);
    const e = compareArchive(m, found);
    expect(e.map((x) => x.code)).toEqual(['ARCHIVE_FILE_CHANGED', 'ARCHIVE_FILE_MISSING', 'ARCHIVE_FILE_EXTRA']);
    expect(e.map((x) => x.zh).join('\n')).toMatch(/a\.html[\s\S]*b\.csv[\s\S]*c\.txt/);
  });
  it('a matching folder has no finding', () => {
    expect(compareArchive(m, new Map([['a.html', { bytes: 3, sha256: 'aaa' }], ['b.csv', { bytes: 4, sha256: 'bbb' }]]))).toEqual([]);
  });
  it('retention: vouchers and books 30 years, monthly reports 10, annual reports and distributions for ever', () => {
    expect([RETENTION.voucher, RETENTION.book, RETENTION['monthly-report'], RETENTION['annual-report'], RETENTION.distribution]).toEqual(['30年', '30年', '10年', '永久', '永久']);
  });
});
