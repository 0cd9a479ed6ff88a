// Reports and lists as Excel workbooks, read back with exceljs: money cells are numbers with a
// two-decimal format, identifiers text (a 19-digit account exact), no formulas, a title row, the
// header frozen and the same as the CSV's, totals in bold; the journal re-imports; the bank file.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { Sandbox, expectRefused } from '../harness.js';

let sb: Sandbox;
afterEach(() => sb?.cleanup());

async function book(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Every cell of a sheet, with its address. */
function cells(ws: ExcelJS.Worksheet): ExcelJS.Cell[] {
  const out: ExcelJS.Cell[] = [];
  ws.eachRow({ includeEmpty: false }, (row) => row.eachCell({ includeEmpty: false }, (c) => void out.push(c)));
  return out;
}

/** The values of a row from its first column. */
const rowValues = (ws: ExcelJS.Worksheet, n: number) => (ws.getRow(n).values as unknown[]).slice(1);

/**
 * 下迳村's first quarter: 1,234.50 of cash sales, 88.80 of office supplies, a loan to 张三 (X001,
 * whose bank account has 19 digits) of 1,000.00, a summary that looks like a formula.
 */
const quarter = () =>
  Sandbox.from('excel-out', async (s) => {
    await s.ok('init', '--name', '下迳村股份经济合作社', '--start', '2024-01');
    await s.ok('account', 'add', '10201', '农商行基本户');
    await s.ok('member', 'add', 'X001', '--name', '张三', '--household', 'H01', '--bank', '农商银行', '--bank-account', '6228480012345678901');
    await s.ok('member', 'add', 'X002', '--name', '李四', '--household', 'H02');
    await s.ok('voucher', 'add', '--date', '2024-01-05', '--summary', '收门票', '--debit', '101:1234.5', '--credit', '501:1234.5', '--preparer', '李会计');
    await s.ok('voucher', 'add', '--date', '2024-02-10', '--summary', '=SUM(A1:A9)', '--debit', '513:88.8', '--credit', '101:88.8');
    await s.ok('voucher', 'add', '--date', '2024-03-15', '--summary', '借给张三', '--debit', '113:1000:m=X001', '--credit', '10201:1000');
  });

describe('a report as a workbook', () => {
  it('trial balance: title rows, the CSV header frozen, money as numbers, codes as text, totals in bold', async () => {
    sb = await quarter();
    const r = await sb.ok('report', 'trial-balance', '--from', '2024-01', '--to', '2024-03', '--out', 'tb.xlsx');
    expect(r.stderr).toBe('已写入 tb.xlsx\n');
    const ws = (await book(path.join(sb.dir, 'tb.xlsx'))).worksheets[0];
    expect(ws.name).toBe('科目余额表');
    expect(ws.getCell('A1').value).toBe('科目余额表');
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('A2').value).toBe('编制单位：下迳村股份经济合作社　　2024-01 至 2024-03　　金额单位：元');
    // The header is the CSV's, on row 3, frozen.
    const csv = (await sb.ok('report', 'trial-balance', '--from', '2024-01', '--to', '2024-03', '--format', 'csv')).stdout;
    expect(rowValues(ws, 3)).toEqual(csv.replace(/^\uFEFF/, '').split('\r\n')[0].split(','));
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', printTitlesRow: '3:3' });
    // 101 库存现金: debit 1,234.50, credit 88.80, closing 1,234.50 − 88.80 = 1,145.70.
    const rows = new Map<string, ExcelJS.Row>();
    ws.eachRow((row) => void rows.set(String(row.getCell(1).value), row));
    const cash = rows.get('101')!;
    expect(cash.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(cash.getCell(1).numFmt).toBe('@');
    expect([cash.getCell(5).value, cash.getCell(6).value, cash.getCell(9).value]).toEqual([1234.5, 88.8, 1145.7]);
    expect(cash.getCell(5).type).toBe(ExcelJS.ValueType.Number);
    expect(cash.getCell(5).numFmt).toBe('#,##0.00');
    // 10201 under 102: a text code, not the number 10201.
    expect(rows.get('10201')!.getCell(1).value).toBe('10201');
    // 合计: this quarter's debits 1,234.50 + 88.80 + 1,000.00 = 2,323.30, in bold.
    const total = rows.get('合计')!;
    expect(total.getCell(5).value).toBe(2323.3);
    expect(total.getCell(6).value).toBe(2323.3);
    expect(total.getCell(5).font?.bold).toBe(true);
    expect(cells(ws).filter((c) => c.type === ExcelJS.ValueType.Formula)).toEqual([]);
  });

  it('a text that starts with = is a string cell, never a formula', async () => {
    sb = await quarter();
    await sb.ok('report', 'journal', '--from', '2024-01', '--to', '2024-03', '--format', 'xlsx', '--out', 'j.xlsx');
    const ws = (await book(path.join(sb.dir, 'j.xlsx'))).worksheets[0];
    const all = cells(ws);
    expect(all.filter((c) => c.type === ExcelJS.ValueType.Formula)).toEqual([]);
    const f = all.filter((c) => c.value === '=SUM(A1:A9)');
    expect(f.length).toBe(2); // both lines of the voucher
    expect(f.every((c) => c.type === ExcelJS.ValueType.String)).toBe(true);
  });

  it('--format xlsx to a terminal is refused; to a pipe it is the workbook', async () => {
    sb = await quarter();
    let err = '';
    const out: Buffer[] = [];
    const args = ['node', 'sanzi', '--db', sb.db, 'member', 'list', '--format', 'xlsx'];
    const io = { stdout: (c: string | Buffer) => void out.push(Buffer.from(c)), stderr: (c: string) => void (err += c), cwd: sb.dir, env: {} };
    expect(await main(args, { ...io, columns: 120 })).toBe(2);
    expect(err).toContain('--out 文件名.xlsx');
    expect(out).toEqual([]);
    expect(await main(args, io)).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(out) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const ids = cells(ws).filter((c) => c.value === 'X001' || c.value === 'X002');
    expect(ids.map((c) => c.numFmt)).toEqual(['@', '@']);
  });

  it('--out x.xlsx with another --format is refused, and so is a format sanzi does not write (.pdf, .xls); an existing file needs --force', async () => {
    sb = await quarter();
    expectRefused(await sb.run('report', 'journal', '--format', 'csv', '--out', 'j.xlsx'), 'OUT_FORMAT');
    // .pdf, .doc, .xls: sanzi would write text into them; the message says what to write instead.
    const pdf = await sb.run('report', 'journal', '--out', 'j.pdf');
    expectRefused(pdf, 'OUT_UNSUPPORTED');
    expect(pdf.stderr).toContain('请写 .html');
    const xls = await sb.run('report', 'journal', '--format', 'csv', '--out', 'j.XLS');
    expectRefused(xls, 'OUT_UNSUPPORTED');
    expect(xls.stderr).toContain('请写 .xlsx');
    // A blank after the name hides nothing.
    expectRefused(await sb.run('report', 'journal', '--out', 'j.pdf '), 'OUT_UNSUPPORTED');
    await sb.ok('report', 'journal', '--out', 'k.xlsx ');
    expect(fs.readFileSync(path.join(sb.dir, 'k.xlsx ')).subarray(0, 2).toString('latin1')).toBe('PK');
    expect(fs.readdirSync(sb.dir).filter((f) => /\.(pdf|XLS)\s*$/.test(f))).toEqual([]);
    await sb.ok('report', 'journal', '--out', 'j.xlsx');
    expectRefused(await sb.run('report', 'journal', '--out', 'j.xlsx'), 'OUT_EXISTS');
    await sb.ok('report', 'journal', '--out', 'j.xlsx', '--force');
    expect(fs.readdirSync(sb.dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('a report of several sections puts them one below another on the first sheet', async () => {
    sb = await quarter();
    await sb.ok('project', 'add', 'tq', '--name', '汤泉民宿', '--par', '1000');
    await sb.ok('contribute', '--member', 'X001', '--project', 'tq', '--date', '2024-03-01', '--cash', '3000', '--account', '101');
    await sb.ok('contribute', '--member', 'X002', '--project', 'tq', '--date', '2024-03-01', '--cash', '1000', '--account', '101');
    await sb.ok('voucher', 'add', '--date', '2024-03-20', '--summary', '汤泉收入', '--debit', '101:4000', '--credit', '501:4000:p=tq');
    await sb.ok('dividend', 'plan', '--project', 'tq', '--year', '2024', '--out', 'plan.xlsx');
    const wb = await book(path.join(sb.dir, 'plan.xlsx'));
    expect(wb.worksheets).toHaveLength(1);
    const ws = wb.worksheets[0];
    const texts = cells(ws).map((c) => String(c.value));
    // The figures, then the allocations, each under its own header.
    expect(texts).toContain('项目');
    expect(texts).toContain('成员编号');
    const header = (name: string) => cells(ws).find((c) => c.value === name)!.row;
    expect(Number(header('成员编号'))).toBeGreaterThan(Number(header('项目')));
    // The figures' amounts are numbers with two decimals, 1,000 and more as well: 本年收益 4,000.00, the pool 4,000.00.
    const figure = (label: string) => ws.getRow(Number(cells(ws).find((c) => String(c.value).startsWith(label))!.row)).getCell(2);
    for (const label of ['本年收益', '向成员分配总额']) expect([figure(label).value, figure(label).numFmt]).toEqual([4000, '#,##0.00']);
  });
});

describe('the journal as a workbook re-imports', () => {
  it('export, import into a fresh ledger with the same chart: the same trial balance, preparer kept', async () => {
    sb = await quarter();
    await sb.ok('report', 'journal', '--from', '2024-01', '--to', '2024-03', '--out', 'j.xlsx');
    const ws = (await book(path.join(sb.dir, 'j.xlsx'))).worksheets[0];
    // Two title rows, then the vouchers import's own column names.
    expect(rowValues(ws, 3)).toEqual(['凭证号', '日期', '摘要', '科目编码', '科目名称', '借方金额', '贷方金额', '成员编号', '项目', '附件数', '制单人', '往来单位']);
    expect(ws.getRow(4).getCell(6).value).toBe(1234.5);
    const other = new Sandbox('excel-reimport');
    try {
      await other.ok('init', '--name', '另一个村', '--start', '2024-01');
      await other.ok('account', 'add', '10201', '农商行基本户');
      await other.ok('member', 'add', 'X001', '--name', '张三', '--household', 'H01');
      await other.ok('import', 'vouchers', path.join(sb.dir, 'j.xlsx'));
      const tb = ['report', 'trial-balance', '--from', '2024-01', '--to', '2024-03', '--format', 'json'];
      expect((await other.ok(...tb)).json()).toEqual((await sb.ok(...tb)).json());
      const j = (await other.ok('report', 'journal', '--from', '2024-02', '--to', '2024-02', '--format', 'json')).json();
      expect(j.vouchers[0].summary).toBe('=SUM(A1:A9)');
      const v = (await other.ok('voucher', 'list', '--format', 'json')).json();
      expect(v.vouchers.map((x: { preparer: string | null }) => x.preparer)).toEqual(['李会计', null, null]);
    } finally {
      other.cleanup();
    }
  });
});

describe('payment roll and bank file', () => {
  const declared = () =>
    Sandbox.from('excel-roll', async (s) => {
      await s.ok('init', '--name', '下迳村股份经济合作社', '--start', '2024-01');
      await s.ok('member', 'add', 'X001', '--name', '张三', '--household', 'H01', '--bank', '农商银行', '--bank-account', '6228480012345678901');
      await s.ok('member', 'add', 'X002', '--name', '李四', '--household', 'H02');
      await s.ok('project', 'add', 'tq', '--name', '汤泉民宿', '--par', '1000');
      await s.ok('contribute', '--member', 'X001', '--project', 'tq', '--date', '2024-03-01', '--cash', '3000', '--account', '101');
      await s.ok('contribute', '--member', 'X002', '--project', 'tq', '--date', '2024-03-01', '--cash', '1000', '--account', '101');
      await s.ok('voucher', 'add', '--date', '2024-03-20', '--summary', '汤泉收入', '--debit', '101:4000', '--credit', '501:4000:p=tq');
      await s.ok('dividend', 'declare', '--project', 'tq', '--year', '2024');
    });
  const TQ = ['--project', 'tq', '--year', '2024'];

  it('the roll: 大写 and a signature column, landscape A4, rows tall enough to sign', async () => {
    sb = await declared();
    await sb.ok('dividend', 'roll', ...TQ, '--out', 'roll.xlsx');
    const ws = (await book(path.join(sb.dir, 'roll.xlsx'))).worksheets[0];
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape' });
    const head = cells(ws).find((c) => c.value === '领款人签字')!;
    expect(ws.getColumn(Number(head.col)).width).toBeGreaterThanOrEqual(16);
    // 4,000.00 profit over 3 + 1 shares: 张三 3,000.00, 李四 1,000.00.
    const first = ws.getRow(Number(head.row) + 1);
    expect(rowValues(ws, Number(head.row) + 1).slice(0, 2)).toEqual(['X001', '张三']);
    expect(first.height).toBeGreaterThanOrEqual(24);
    const words = cells(ws).find((c) => c.value === '叁仟元整');
    expect(words).toBeDefined();
  });

  it('the bank file as xlsx: no title rows, the 19-digit account exact text, amounts numbers', async () => {
    sb = await declared();
    // 李四 has no account: refused, naming him and --skip-missing.
    const refused = await sb.run('dividend', 'roll', ...TQ, '--format', 'bank', '--out', 'bank.xlsx');
    expectRefused(refused, 'BANK_ACCOUNT_MISSING');
    expect(refused.stderr).toContain('X002 李四');
    expect(refused.stderr).toContain('--skip-missing');
    expect(fs.existsSync(path.join(sb.dir, 'bank.xlsx'))).toBe(false);

    const r = await sb.ok('dividend', 'roll', ...TQ, '--format', 'bank', '--out', 'bank.xlsx', '--skip-missing');
    expect(r.stderr).toContain('未列入银行代发文件（没有银行账号，须另行发放）：X002 李四');
    const wb = await book(path.join(sb.dir, 'bank.xlsx'));
    const ws = wb.worksheets[0];
    expect(rowValues(ws, 1)).toEqual(['户名', '银行账号', '开户银行', '金额', '成员编号', '用途']);
    expect(rowValues(ws, 2)).toEqual(['张三', '6228480012345678901', '农商银行', 3000, 'X001', '2024年汤泉民宿分红']);
    expect(ws.getCell('B2').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('D2').numFmt).toBe('#,##0.00');
    expect(ws.rowCount).toBe(2);
    // Who was left out, on a sheet of its own (the bank reads the first).
    const left = wb.getWorksheet('未列入')!;
    expect(rowValues(left, 2)).toEqual(['X002', '李四', 1000, '没有银行账号']);

    // CSV: the same transfers; --skip-missing belongs to the bank file only.
    const csv = await sb.ok('dividend', 'roll', ...TQ, '--format', 'bank', '--skip-missing');
    expect(csv.stdout.replace(/^\uFEFF/, '').split('\r\n')[1]).toBe('张三,6228480012345678901,农商银行,3000.00,X001,2024年汤泉民宿分红');
    expect((await sb.run('dividend', 'roll', ...TQ, '--skip-missing')).code).toBe(2);
  });
});
