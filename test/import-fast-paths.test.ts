// The shortcuts of the vouchers import, each against the general code it stands in for: a plain
// amount counted from its characters against parseAmount, a voucher row's JSON made in JavaScript
// against SQLite's own json_array (the audit digest of imported vouchers).
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { plainFen, sameMonth, VoucherGrouper, type ParsedGroup } from '../src/io/voucher-csv.js';
import type { CsvRow } from '../src/io/csv-read.js';
import { parseAmount } from '../src/domain/money.js';
import { voucherRowJson } from '../src/store/audit.js';

describe('plainFen', () => {
  it('gives what parseAmount gives for every plain amount, and leaves the rest to it', () => {
    const cells = ['0', '00', '7', '0.5', '0.05', '12.3', '12.30', '1234567.89', '9999999999999.99', '0012.50'];
    // Not plain (parseAmount decides): signs, separators, spaces, a third decimal, no digits around
    // the point, more than 13 digits before it (parseAmount checks the range).
    const others = ['10000000000000', '-1', '+1', '1,234.50', '¥12', '１２', '1.', '.5', '1.234', '1 000', '1e3', '', '12.3.4', '0x10', '99999999999999'];
    for (const s of cells) {
      const r = parseAmount(s, { allowNegative: true });
      expect(r.ok).toBe(true);
      expect(plainFen(s)).toBe(r.ok ? r.value : NaN);
    }
    for (const s of others) expect(plainFen(s)).toBeNull();
    // 1234567.89 yuan = 123456789 fen; 12.3 = 1230 fen (one decimal is tens of fen).
    expect(plainFen('1234567.89')).toBe(123456789);
    expect(plainFen('12.3')).toBe(1230);
  });

  it('agrees with parseAmount on every string of up to 4 characters of digits and a point', () => {
    const alphabet = ['0', '1', '9', '.'];
    const all: string[] = [''];
    for (let len = 1; len <= 4; len++) for (const s of all.filter((x) => x.length === len - 1)) for (const c of alphabet) all.push(s + c);
    for (const s of all) {
      const fen = plainFen(s);
      if (fen === null) continue;
      const r = parseAmount(s, { allowNegative: true });
      expect(r.ok && r.value).toBe(fen);
    }
  });
});

describe('voucherRowJson', () => {
  // The digested columns of the vouchers table, typed as there (STRICT: a number bound to an INTEGER column is stored as one).
  const db = new Database(':memory:');
  db.exec('CREATE TABLE v (id INTEGER PRIMARY KEY, attachments INTEGER NOT NULL, preparer TEXT, created_at TEXT NOT NULL, hash TEXT NOT NULL) STRICT');
  const sqlite = (...v: unknown[]) => {
    db.prepare('INSERT INTO v VALUES (?, ?, ?, ?, ?)').run(...v);
    return db.prepare('SELECT json_array(id, attachments, preparer, created_at, hash) FROM v WHERE id = ?').pluck().get(v[0]) as string;
  };

  it('is the text of SQLite json_array for the rows it makes', () => {
    const rows: [number, number, string | null, string, string][] = [
      [1, 0, null, '2026-01-15 10:00:00', 'a'.repeat(64)],
      [469461, 12, '李会计', '2026-01-15 10:00:00', 'f'.repeat(64)],
      [9007199254740991, 3, "O'Brien 王", '2026-12-31 23:59:59', '0'.repeat(64)],
    ];
    for (const r of rows) expect(voucherRowJson(...r)).toBe(sqlite(...r));
  });

  it('leaves to the query what it might write otherwise (characters to escape, and, to be safe, any outside the BMP)', () => {
    for (const p of ['王"会计', 'a\\b', 'tab\there', 'line\nbreak', '\u007f', '\ud800', '🌾']) expect(voucherRowJson(1, 0, p, 'x', 'y')).toBeNull();
    expect(voucherRowJson(1, 2 ** 53, null, 'x', 'y')).toBeNull();
  });
});

describe('sameMonth', () => {
  it('is what comparing the first 7 characters gives', () => {
    const dates = ['2024-03-05', '2024-03-31', '2024-04-01', '2023-03-05', '2024-03', '2024-0', '', '2024-03-05x'];
    for (const a of dates) for (const b of dates) expect(sameMonth(a, b), `${a} ${b}`).toBe(a.slice(0, 7) === b.slice(0, 7));
  });
});

describe('VoucherGrouper', () => {
  it('gives each voucher its own lines and account names, though it gathers them in reused arrays', () => {
    const groups: ParsedGroup[] = [];
    const g = new VoucherGrouper('v.csv', (x) => groups.push(x));
    // Vouchers 1 (3 lines), 2 (1 line, a bad amount: no line), 3 (2 lines).
    const rows = [
      ['1', '100', '', '现金'],
      ['1', '', '60', ''],
      ['1', '', '40', ''],
      ['2', 'x', '', ''],
      ['3', '5', '', ''],
      ['3', '', '5', '银行'],
    ];
    rows.forEach(([voucher, debit, credit, accountName], i) => {
      const cells: Record<string, string> = { voucher, date: '2024-03-05', summary: '摘要', account: '101', debit, credit, accountName };
      const row: CsvRow = { line: i + 2, get: (k) => cells[k] ?? '', has: (k) => k in cells };
      g.push(row);
    });
    g.end();
    expect(groups.map((x) => x.draft.lines.map((l) => [l.debit, l.credit, l.source?.line]))).toEqual([
      [
        [10000, 0, 2],
        [0, 6000, 3],
        [0, 4000, 4],
      ],
      [],
      [
        [500, 0, 6],
        [0, 500, 7],
      ],
    ]);
    expect(groups.map((x) => x.accountNames)).toEqual([['现金', null, null], [], [null, '银行']]);
    expect(groups.map((x) => x.errors.map((e) => e.code))).toEqual([[], ['AMOUNT'], []]);
  });
});
