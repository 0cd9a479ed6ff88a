// The pieces of Excel in and out, each on its own: a workbook cell read as the text a CSV would
// hold, a cell written by its column's kind, account name paths, the bank file leaving out
// members without an account.
import { describe, expect, it } from 'vitest';
import { cellText, numberText, serialDate, workbookSheetNames } from '../src/io/xlsx-read.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sheetName, xlsxCell } from '../src/io/xlsx-write.js';
import { looksExcelNumber, type FieldKind } from '../src/io/csv-read.js';
import { AccountPaths, isAccountCode, type PathAccount } from '../src/domain/account-path.js';
import { bankFile, type MemberCard } from '../src/domain/dividend-payout.js';
import type { DividendPlan } from '../src/domain/dividend-plan.js';
import type { LedgerError } from '../src/domain/errors.js';

const ctx = (kind: FieldKind | undefined, numFmt?: string) => ({ column: '金额', kind, numFmt: () => numFmt, date1904: false });
const code = (t: string | LedgerError) => (typeof t === 'string' ? t : t.code);

describe('a workbook cell as text', () => {
  it('numbers: floating-point noise dropped, a real third decimal kept (and then refused by the amount rule)', () => {
    expect(numberText(1234.5)).toBe('1234.5');
    expect(numberText(88.8)).toBe('88.8');
    expect(numberText(0.1 + 0.2)).toBe('0.3'); // 0.30000000000000004 is noise
    expect(numberText(10.005)).toBe('10.005');
    expect(numberText(-3)).toBe('-3');
    expect(numberText(1e21)).toBe('1000000000000000000000');
    expect(numberText(0.0000001)).toBe('0.0000001');
  });

  it('Excel date serials, both date systems', () => {
    // 45356 days after 1899-12-30 is 2024-03-05; the 1904 system counts 1462 days fewer.
    expect(serialDate(45356)).toBe('2024-03-05');
    expect(serialDate(45356 - 1462, true)).toBe('2024-03-05');
    expect(serialDate(45356.75)).toBe('2024-03-05');
  });

  it('by what the column holds', () => {
    expect(cellText(1234.5, ctx('amount'))).toBe('1234.5');
    expect(cellText(new Date(Date.UTC(2024, 2, 5)), ctx('date'))).toBe('2024-03-05');
    expect(cellText(new Date(Date.UTC(2024, 2, 5)), ctx('monthDay'))).toBe('03-05');
    expect(cellText(45356, ctx('date'))).toBe('2024-03-05'); // a date cell that lost its format
    expect(cellText(0.05, ctx('percent', '0%'))).toBe('5%');
    expect(cellText(0.05, ctx('percent', '0.00'))).toBe('0.05');
    expect(cellText('  张三 ', ctx('text'))).toBe('张三');
    expect(cellText(true, ctx('bool'))).toBe('TRUE');
    expect(cellText({ richText: [{ text: '银行' }, { text: '存款' }] }, ctx('text'))).toBe('银行存款');
    expect(cellText({ text: '链接', hyperlink: 'http://x' }, ctx('text'))).toBe('链接');
    expect(cellText(null, ctx('amount'))).toBe('');
  });

  it('codes: exact up to 15 digits, else refused as a number Excel made; ID card and bank account numbers: never a number cell', () => {
    expect(cellText(10201, ctx('code'))).toBe('10201');
    expect(cellText(4418030020101, ctx('code'))).toBe('4418030020101');
    expect(code(cellText(12.5, ctx('code')))).toBe('EXCEL_NUMBER');
    expect(code(cellText(4418271980010112345, ctx('code')))).toBe('EXCEL_NUMBER');
    // 441827198001011234 is past what a double holds exactly: Excel kept 441827198001011000.
    expect(code(cellText(441827198001011234, ctx('id')))).toBe('EXCEL_NUMBER_CELL');
    expect(code(cellText(6228480012345678901, ctx('id')))).toBe('EXCEL_NUMBER_CELL');
    expect(code(cellText(8002000010000, ctx('id')))).toBe('EXCEL_NUMBER_CELL');
    expect(cellText('8002000010000', ctx('id'))).toBe('8002000010000');
  });

  it('formulas by their saved result; none saved, or an error, is refused', () => {
    expect(cellText({ formula: 'A1+A2', result: 0.1 + 0.2 }, ctx('amount'))).toBe('0.3');
    expect(cellText({ formula: 'B2', result: '张三' }, ctx('text'))).toBe('张三');
    expect(code(cellText({ formula: 'A1+A2' }, ctx('amount')))).toBe('XLSX_FORMULA_NO_VALUE');
    expect(code(cellText({ formula: '1/0', result: { error: '#DIV/0!' } }, ctx('amount')))).toBe('XLSX_CELL_ERROR');
    expect(code(cellText({ error: '#N/A' }, ctx('amount')))).toBe('XLSX_CELL_ERROR');
  });

  it('scientific notation in a CSV cell is what Excel made of an identifier', () => {
    expect(looksExcelNumber('4.41827E+17')).toBe(true);
    expect(looksExcelNumber('6.22848e+18')).toBe(true);
    expect(looksExcelNumber('1E+5')).toBe(true);
    expect(looksExcelNumber('441827198001011234')).toBe(false);
    expect(looksExcelNumber('E001')).toBe(false);
    expect(looksExcelNumber('10E')).toBe(false);
  });
});

describe('a cell written by its column', () => {
  it('money a number in yuan with a two-decimal format; ids text; no formula ever', () => {
    expect(xlsxCell({ key: 'a', zh: '', en: '', kind: 'money' }, 123456, 'zh')).toEqual({ value: 1234.56, numFmt: '#,##0.00' });
    expect(xlsxCell({ key: 'a', zh: '', en: '', id: true }, '6228480012345678901', 'zh')).toEqual({ value: '6228480012345678901', numFmt: '@' });
    expect(xlsxCell({ key: 'a', zh: '', en: '', id: true }, 1, 'zh')).toEqual({ value: '1', numFmt: '@' });
    expect(xlsxCell({ key: 'a', zh: '', en: '', kind: 'number' }, '12.3456', 'zh')).toEqual({ value: 12.3456, numFmt: '#,##0.0000' });
    // A figure shown with thousands separators (a plan's reserve and pool) is a number as well.
    expect(xlsxCell({ key: 'a', zh: '', en: '', kind: 'number' }, '1,234,567.50', 'zh')).toEqual({ value: 1234567.5, numFmt: '#,##0.00' });
    expect(xlsxCell({ key: 'a', zh: '', en: '', kind: 'number' }, '-5,000.00', 'zh')).toEqual({ value: -5000, numFmt: '#,##0.00' });
    expect(xlsxCell({ key: 'a', zh: '', en: '', kind: 'number' }, '12,34.5', 'zh')).toEqual({ value: '12,34.5' });
    expect(xlsxCell({ key: 'a', zh: '', en: '', kind: 'number' }, '1,234', 'zh')).toEqual({ value: 1234, numFmt: '#,##0' });
    expect(xlsxCell({ key: 'a', zh: '', en: '' }, '=SUM(A1:A9)', 'zh')).toEqual({ value: '=SUM(A1:A9)' });
    expect(xlsxCell({ key: 'a', zh: '', en: '', kind: 'side' }, '借', 'en')).toEqual({ value: 'Dr' });
    expect(xlsxCell({ key: 'a', zh: '', en: '', kind: 'money' }, null, 'zh')).toBe(null);
  });

  it('sheet names Excel accepts', () => {
    expect(sheetName('科目余额表')).toBe('科目余额表');
    expect(sheetName('a/b:c?d*e[f]')).toBe('a b c d e f');
    expect(sheetName('')).toBe('Sheet1');
    expect(sheetName('x'.repeat(40))).toHaveLength(31);
  });
});

describe('account name paths', () => {
  const chart: PathAccount[] = [
    { code: '102', name: '银行存款', parent: null, isLeaf: false },
    { code: '10201', name: '农商行基本户', parent: '102', isLeaf: true },
    { code: '10202', name: '一般户', parent: '102', isLeaf: true },
    { code: '112', name: '应收款', parent: null, isLeaf: false },
    { code: '11201', name: '一般户', parent: '112', isLeaf: true },
    { code: '501', name: '经营收入', parent: null, isLeaf: false },
    { code: '50101', name: '门票收入', parent: '501', isLeaf: true },
    { code: '101', name: '库存现金', parent: null, isLeaf: true },
  ];
  const paths = new AccountPaths(chart);
  const resolved = (p: string) => {
    const r = paths.resolve(p);
    return 'code' in r ? r.code : r.error.code;
  };

  it('any of — – - / between levels, spaces around them', () => {
    for (const p of ['银行存款—农商行基本户', '银行存款-农商行基本户', '银行存款/农商行基本户', '银行存款 — 农商行基本户', '银行存款――农商行基本户', '银行存款－农商行基本户']) {
      expect(resolved(p), p).toBe('10201');
    }
    expect(resolved('经营收入-门票收入')).toBe('50101');
    expect(resolved('库存现金')).toBe('101');
  });

  it('the last levels alone, when only one account ends so', () => {
    expect(resolved('农商行基本户')).toBe('10201');
    expect(resolved('门票收入')).toBe('50101');
  });

  it('ambiguous: every candidate listed', () => {
    const r = paths.resolve('一般户');
    expect('error' in r && r.error.code).toBe('ACCOUNT_PATH_AMBIGUOUS');
    expect('error' in r && r.error.zh).toContain('10202 银行存款—一般户、11201 应收款—一般户');
    expect(resolved('银行存款—一般户')).toBe('10202');
  });

  it('a parent is not a leaf: its leaves listed', () => {
    const r = paths.resolve('银行存款');
    expect('error' in r && r.error.code).toBe('ACCOUNT_PATH_NOT_LEAF');
    expect('error' in r && r.error.zh).toContain('10201 银行存款—农商行基本户、10202 银行存款—一般户');
  });

  it('unknown', () => {
    expect(resolved('银行存款—不存在')).toBe('ACCOUNT_PATH_UNKNOWN');
    expect(resolved('基本户—银行存款')).toBe('ACCOUNT_PATH_UNKNOWN');
  });

  it('a code is not a path', () => {
    expect(isAccountCode('10201')).toBe(true);
    expect(isAccountCode('银行存款')).toBe(false);
    expect(isAccountCode('102-01')).toBe(false);
  });
});

describe('the bank file, leaving out who has no account', () => {
  const plan = {
    project: { code: 'tq', name: '汤泉民宿' },
    year: 2024,
    distribution: {
      allocations: [
        { member: 'A', name: '甲', net: 2667 },
        { member: 'B', name: '乙', net: 2666 },
        { member: 'C', name: '丙', net: 0 },
      ],
    },
  } as unknown as DividendPlan;
  const cards = new Map<string, MemberCard>([
    ['A', { idCard: null, bank: '农商银行', bankAccount: '6228480012345678901' }],
    ['B', { idCard: null, bank: null, bankAccount: null }],
  ]);

  it('skips B, lists B, pays A', () => {
    const f = bankFile(plan, new Set(), cards, { skipMissing: true });
    expect(f.errors).toEqual([]);
    expect(f.lines.map((l) => [l.member, l.bankAccount, l.amount])).toEqual([['A', '6228480012345678901', 2667]]);
    expect(f.skipped.map((a) => a.member)).toEqual(['B']);
  });

  it('refused when nobody would be left', () => {
    expect(bankFile(plan, new Set(['A']), cards, { skipMissing: true }).errors.map((e) => e.code)).toEqual(['BANK_ACCOUNT_MISSING']);
  });
});

describe('workbookSheetNames', () => {
  it('reads the sheet names in order from xl/workbook.xml, XML entities decoded; null for a file that is not a workbook', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sheets-'));
    try {
      const wb = new ExcelJS.Workbook();
      for (const n of ['二组 & 三组', '说明', '<旧>']) wb.addWorksheet(n);
      const book = path.join(dir, 'b.xlsx');
      await wb.xlsx.writeFile(book);
      expect(workbookSheetNames(book)).toEqual(['二组 & 三组', '说明', '<旧>']);
      fs.writeFileSync(path.join(dir, 'a.csv'), 'id,name\n');
      expect(workbookSheetNames(path.join(dir, 'a.csv'))).toBeNull();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
