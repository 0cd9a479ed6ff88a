// Imports from Excel workbooks built with exceljs the way accountants fill them in: real dates,
// amounts as numbers, title rows above the header, formulas, identifiers Excel made numbers of;
// templates that re-import; account name paths and 制单人 in the vouchers import.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { Sandbox, expectRefused } from '../harness.js';

let sb: Sandbox;
afterEach(() => sb?.cleanup());

type CellInput = ExcelJS.CellValue | { value: ExcelJS.CellValue; numFmt: string };

/** A workbook of sheets, each a list of rows (row 1 first); a cell may carry a number format. */
async function workbook(file: string, sheets: Record<string, CellInput[][]>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    rows.forEach((cells, r) =>
      cells.forEach((c, i) => {
        if (c === null || c === undefined) return;
        const cell = ws.getCell(r + 1, i + 1);
        if (typeof c === 'object' && 'numFmt' in (c as object) && 'value' in (c as object)) {
          cell.value = (c as { value: ExcelJS.CellValue }).value;
          cell.numFmt = (c as { numFmt: string }).numFmt;
        } else cell.value = c as ExcelJS.CellValue;
      }),
    );
  }
  await wb.xlsx.writeFile(file);
  return file;
}

const date = (y: number, m: number, d: number) => ({ value: new Date(Date.UTC(y, m - 1, d)), numFmt: 'yyyy-mm-dd' });
const HEAD = ['凭证号', '日期', '摘要', '科目编码', '借方金额', '贷方金额'];

const ledger = () =>
  Sandbox.from('excel-in', async (s) => {
    await s.ok('init', '--name', '下迳村股份经济合作社', '--start', '2024-01');
    await s.ok('account', 'add', '10201', '农商行基本户');
    await s.ok('account', 'add', '10202', '一般户');
    await s.ok('account', 'add', '11201', '一般户');
    await s.ok('account', 'add', '50101', '门票收入');
  });

const voucherCount = async () => (await sb.ok('voucher', 'list', '--format', 'json')).json().vouchers.length as number;

describe('vouchers from a workbook', () => {
  it('real Excel dates, amounts as numbers, title rows above the header', async () => {
    sb = await ledger();
    const file = await workbook(path.join(sb.dir, '凭证.xlsx'), {
      凭证: [
        ['下迳村 2024 年 3 月凭证'],
        [],
        HEAD,
        [1, date(2024, 3, 5), '收门票', 101, 1234.5, null],
        [1, date(2024, 3, 5), '收门票', 50101, null, 1234.5],
        [2, '2024/3/8', '买办公用品', '513', 88.8, null],
        [2, '2024年3月8日', '买办公用品', '101', null, { formula: 'E6', result: 88.8 }],
      ],
    });
    const r = await sb.ok('import', 'vouchers', file);
    expect(r.stdout).toBe('已导入凭证 2 张，分录 4 行\n');
    const j = (await sb.ok('report', 'journal', '--from', '2024-03', '--to', '2024-03', '--format', 'json')).json();
    expect(j.vouchers.map((v: { date: string; lines: { account: string; debit: string; credit: string }[] }) => [v.date, v.lines.map((l) => `${l.account} ${l.debit} ${l.credit}`)])).toEqual([
      ['2024-03-05', ['101 1234.50 0.00', '50101 0.00 1234.50']],
      ['2024-03-08', ['513 88.80 0.00', '101 0.00 88.80']],
    ]);
  });

  it('floating-point noise is no third decimal; 10.005 is, refused at the sheet row', async () => {
    sb = await ledger();
    const noise = await workbook(path.join(sb.dir, 'noise.xlsx'), {
      S: [HEAD, [1, date(2024, 3, 5), '收', '101', { formula: '0.1+0.2', result: 0.1 + 0.2 }, null], [1, date(2024, 3, 5), '收', '50101', null, 0.3]],
    });
    await sb.ok('import', 'vouchers', noise);
    const bad = await workbook(path.join(sb.dir, 'bad.xlsx'), {
      S: [['标题'], HEAD, [1, date(2024, 3, 6), '收', '101', 10.005, null], [1, date(2024, 3, 6), '收', '50101', null, 10.005]],
    });
    const r = await sb.run('import', 'vouchers', bad);
    expectRefused(r, 'AMOUNT');
    expect(r.stderr).toContain('bad.xlsx:3: 借方');
    expect(r.stderr).toContain('bad.xlsx:4: 贷方');
    expect(await voucherCount()).toBe(1);
  });

  it('a formula without a saved result is refused with its row; a cell error too', async () => {
    sb = await ledger();
    const file = await workbook(path.join(sb.dir, 'f.xlsx'), {
      S: [HEAD, [1, date(2024, 3, 5), '收', '101', { formula: 'SUM(Z1:Z9)' }, null], [1, date(2024, 3, 5), '收', '50101', null, { error: '#N/A' }]],
    });
    const r = await sb.run('import', 'vouchers', file);
    expectRefused(r, 'XLSX_FORMULA_NO_VALUE', 'XLSX_CELL_ERROR');
    expect(r.stderr).toContain('f.xlsx:2: 「借方金额」列是公式（=SUM(Z1:Z9)），文件里没有保存它的计算结果');
    expect(r.stderr).toContain('f.xlsx:3: 「贷方金额」列的值是 Excel 错误 #N/A');
    expect(await voucherCount()).toBe(0);
  });

  it("a text cell '= (as a CSV export opened in Excel holds it) reads without the '", async () => {
    sb = await ledger();
    const file = await workbook(path.join(sb.dir, 'q.xlsx'), {
      S: [HEAD, [1, date(2024, 3, 5), "'=HYPERLINK(\"x\")", '101', 5, null], [1, date(2024, 3, 5), "'=HYPERLINK(\"x\")", '50101', null, 5]],
    });
    await sb.ok('import', 'vouchers', file);
    const j = (await sb.ok('report', 'journal', '--from', '2024-03', '--to', '2024-03', '--format', 'json')).json();
    expect(j.vouchers[0].summary).toBe('=HYPERLINK("x")');
  });

  it('the first sheet, or the one --sheet names; a missing sheet lists those there are', async () => {
    sb = await ledger();
    const file = await workbook(path.join(sb.dir, 'two.xlsx'), {
      三月: [HEAD, [1, date(2024, 3, 5), '三月', '101', 1, null], [1, date(2024, 3, 5), '三月', '50101', null, 1]],
      四月: [HEAD, [1, date(2024, 4, 5), '四月', '101', 2, null], [1, date(2024, 4, 5), '四月', '50101', null, 2]],
    });
    const missing = await sb.run('import', 'vouchers', file, '--sheet', '五月');
    expectRefused(missing, 'XLSX_SHEET_MISSING');
    expect(missing.stderr).toContain('two.xlsx:1: 工作簿里没有名为「五月」的工作表；有：「三月」、「四月」');
    await sb.ok('import', 'vouchers', file, '--sheet', '四月');
    // Another sheet of the same file is another import; the same sheet again is refused.
    await sb.ok('import', 'vouchers', file);
    expectRefused(await sb.run('import', 'vouchers', file, '--sheet', '四月'), 'FILE_IMPORTED_BEFORE');
    const j = (await sb.ok('report', 'journal', '--from', '2024-03', '--to', '2024-04', '--format', 'json')).json();
    expect(j.vouchers.map((v: { summary: string }) => v.summary)).toEqual(['三月', '四月']);
  });

  it('content beside the table, and a sheet without a header, are refused at their rows', async () => {
    sb = await ledger();
    const beside = await workbook(path.join(sb.dir, 'beside.xlsx'), {
      S: [HEAD, [1, date(2024, 3, 5), '收', '101', 1, null, null, '备忘'], [1, date(2024, 3, 5), '收', '50101', null, 1]],
    });
    const r = await sb.run('import', 'vouchers', beside);
    expectRefused(r, 'XLSX_EXTRA_CELLS');
    expect(r.stderr).toContain('beside.xlsx:2: 这一行第 8 列有内容，但表头只有 6 列');
    const headless = await workbook(path.join(sb.dir, 'headless.xlsx'), { S: [[], [1, date(2024, 3, 5), '收', '101', 1, null]] });
    const h = await sb.run('import', 'vouchers', headless);
    expectRefused(h, 'CSV_HEADER');
    expect(h.stderr).toContain('headless.xlsx:2: 不认识的列');
    expect(await voucherCount()).toBe(0);
  });

  it('a damaged workbook ends in a message, not a stack trace', async () => {
    sb = await ledger();
    const good = await workbook(path.join(sb.dir, 'good.xlsx'), { S: [HEAD] });
    const bytes = fs.readFileSync(good);
    const cut = sb.file('cut.xlsx', bytes.subarray(0, Math.floor(bytes.length / 2)));
    const r = await sb.run('import', 'vouchers', cut);
    expectRefused(r, 'XLSX_UNREADABLE');
    expect(r.stderr).toContain('cut.xlsx:1: 无法读取这个 Excel 工作簿');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    // A header and nothing under it.
    expectRefused(await sb.run('import', 'vouchers', good), 'CSV_EMPTY');
  });
});

describe('identifiers Excel turned into numbers', () => {
  const MEMBERS = ['成员编号', '姓名', '身份证号', '户号', '开户银行', '银行账号'];

  it('CSV: 4.41827E+17 in 身份证号 is refused, saying what happened and how to keep the column as text', async () => {
    sb = await ledger();
    const f = sb.file('m.csv', [MEMBERS.join(','), 'X001,张三,4.41827E+17,H01,,', 'X002,李四,,H02,农商银行,6.22848E+18'].join('\n'));
    const r = await sb.run('import', 'members', f);
    expectRefused(r, 'EXCEL_NUMBER');
    expect(r.stderr).toContain('m.csv:2: 「身份证号」列的「4.41827E+17」是 Excel 把号码当成数字转换后的结果');
    expect(r.stderr).toContain('设置单元格格式为“文本”');
    expect(r.stderr).toContain("号码前加英文单引号 '");
    expect(r.stderr).toContain('m.csv:3: 「银行账号」列的「6.22848E+18」');
    expect((await sb.ok('member', 'list', '--format', 'json')).json().members).toEqual([]);
  });

  it('xlsx: a number cell in 身份证号 or 银行账号 is refused; as text it imports exactly', async () => {
    sb = await ledger();
    const bad = await workbook(path.join(sb.dir, 'm.xlsx'), {
      名册: [MEMBERS, ['X001', '张三', 441827198001011234, 'H01'], ['X002', '李四', null, 'H02', '农商银行', 6228480012345678901]],
    });
    const r = await sb.run('import', 'members', bad);
    expectRefused(r, 'EXCEL_NUMBER_CELL');
    expect(r.stderr).toContain('m.xlsx:2: 「身份证号」列的「441827198001011000」是数字格式的单元格');
    expect(r.stderr).toContain('m.xlsx:3: 「银行账号」列的「6228480012345680000」');
    // A short number keeps its digits, but it is still a number cell where text must be: refused too.
    const short = await workbook(path.join(sb.dir, 's.xlsx'), { 名册: [MEMBERS, ['X013', '赵六', null, 'H05', '农商行', 8002000010000]] });
    const s = await sb.run('import', 'members', short);
    expectRefused(s, 'EXCEL_NUMBER_CELL');
    expect(s.stderr).toContain('s.xlsx:2: 「银行账号」列的「8002000010000」是数字格式的单元格');
    expect((await sb.ok('member', 'list', '--format', 'json')).json().members).toEqual([]);
    const good = await workbook(path.join(sb.dir, 'ok.xlsx'), {
      名册: [MEMBERS, ['X002', '李四', null, 'H02', '农商银行', '6228480012345678901'], [1001, '王五', null, 'H03']],
    });
    await sb.ok('import', 'members', good);
    const show = (await sb.ok('member', 'show', 'X002', '--format', 'json')).json();
    expect(JSON.stringify(show)).toContain('6228480012345678901');
    // A member id typed as the number 1001 (15 digits or fewer: exact) is the id "1001".
    expect((await sb.ok('member', 'list', '--format', 'json')).json().members.map((m: { id: string }) => m.id)).toEqual(['1001', 'X002']);
  });
});

describe('templates', () => {
  const KINDS = ['vouchers', 'members', 'shares', 'contributions', 'assets', 'resources', 'contracts', 'opening'];

  it('every template has the import columns as its header, a 说明 sheet, and identifier columns as text', async () => {
    sb = new Sandbox('excel-tpl');
    for (const kind of KINDS) {
      await sb.ok('template', kind, '--out', `${kind}.xlsx`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(sb.dir, `${kind}.xlsx`));
      const [sheet, help] = wb.worksheets;
      const header = (sheet.getRow(1).values as string[]).slice(1);
      const described = help.getColumn(1).values.slice(2) as string[];
      expect(described, kind).toEqual(header);
      expect((help.getRow(1).values as string[]).slice(1), kind).toEqual(['列名', '英文列名', '必填', '格式', '可选值', '也可写作', '说明']);
      const required = help.getColumn(3).values.slice(2);
      expect(required.every((x) => x === '必填' || x === '可选'), kind).toBe(true);
      expect(sheet.views[0], kind).toMatchObject({ state: 'frozen', ySplit: 1 });
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(sb.dir, 'members.xlsx'));
    const ws = wb.worksheets[0];
    const col = (name: string) => ws.getColumn((ws.getRow(1).values as string[]).indexOf(name));
    // 身份证号 and 银行账号 are text down the whole column, so what is typed in later stays text.
    expect(col('身份证号').numFmt).toBe('@');
    expect(col('银行账号').numFmt).toBe('@');
    expect(ws.getCell(2, (ws.getRow(1).values as string[]).indexOf('银行账号')).value).toBe('6228480012345678901');
    const status = wb.worksheets[1].getRow(8).values as string[];
    expect(status.slice(1, 6)).toEqual(['状态', 'status', '可选', '从可选值中选一个', '正常、已故、迁出、退出']);
    expect((await sb.run('template', 'nothing')).code).toBe(2);
  });

  it('every template re-imports its example, as xlsx and as CSV', async () => {
    for (const ext of ['xlsx', 'csv']) {
      sb = new Sandbox(`excel-tpl-${ext}`);
      const t = async (kind: string) => {
        await sb.ok('template', kind, '--out', `${kind}.${ext}`);
        return path.join(sb.dir, `${kind}.${ext}`);
      };
      await sb.ok('init', '--name', '测试村', '--start', '2024-01');
      await sb.ok('opening', 'import', await t('opening'));
      await sb.ok('import', 'members', await t('members'));
      await sb.ok('import', 'shares', await t('shares'));
      await sb.ok('import', 'contributions', await t('contributions'));
      await sb.ok('import', 'vouchers', await t('vouchers'));
      await sb.ok('import', 'assets', await t('assets'));
      await sb.ok('import', 'resources', await t('resources'));
      await sb.ok('import', 'contracts', await t('contracts'));
      // The examples' figures, by hand: cash 1,200.00 opening + 1,000.00 contributed + 1,200.00 sales.
      const tb = (await sb.ok('report', 'trial-balance', '--from', '2024-01', '--to', '2024-03', '--format', 'json')).json();
      const cash = tb.rows.find((r: { account: string }) => r.account === '101');
      expect([cash.opening, cash.debit, cash.closing], ext).toEqual(['1200.00', '2200.00', '3400.00']);
      const m = (await sb.ok('member', 'show', 'X001', '--format', 'json')).json();
      expect(JSON.stringify(m), ext).toContain('6228480012345678901');
      const v = (await sb.ok('voucher', 'list', '--format', 'json')).json();
      expect(v.vouchers.find((x: { summary: string }) => x.summary === '收到门票收入').preparer, ext).toBe('李会计');
      sb.cleanup();
    }
  });
});

describe('account name paths and 制单人 in the vouchers import', () => {
  const CSV_HEAD = '凭证号,日期,摘要,科目编码,借方金额,贷方金额,制单人';

  it('— - / between levels; the leaf found by its last levels; the preparer recorded', async () => {
    sb = await ledger();
    const f = sb.file(
      'p.csv',
      [
        CSV_HEAD,
        '1,2024-03-05,存现,银行存款—农商行基本户,100,,王会计',
        '1,2024-03-05,存现,库存现金,,100,',
        '2,2024-03-06,收门票,银行存款-农商行基本户,50,,',
        '2,2024-03-06,收门票,经营收入/门票收入,,50,',
        '3,2024-03-07,转账,银行存款/一般户,20,,',
        '3,2024-03-07,转账,农商行基本户,,20,',
      ].join('\n'),
    );
    await sb.ok('import', 'vouchers', f);
    const j = (await sb.ok('report', 'journal', '--from', '2024-03', '--to', '2024-03', '--format', 'json')).json();
    expect(j.vouchers.map((v: { lines: { account: string }[] }) => v.lines.map((l) => l.account))).toEqual([
      ['10201', '101'],
      ['10201', '50101'],
      ['10202', '10201'],
    ]);
    const list = (await sb.ok('voucher', 'list', '--format', 'json')).json();
    expect(list.vouchers.map((v: { preparer: string | null }) => v.preparer)).toEqual(['王会计', null, null]);
  });

  it('ambiguous, not a leaf, unknown: each refused at its line with the candidates, nothing written', async () => {
    sb = await ledger();
    const f = sb.file(
      'bad.csv',
      [CSV_HEAD, '1,2024-03-05,甲,一般户,10,,', '1,2024-03-05,甲,101,,10,', '2,2024-03-05,乙,银行存款,10,,', '2,2024-03-05,乙,101,,10,', '3,2024-03-05,丙,银行存款—基本户,10,,', '3,2024-03-05,丙,101,,10,'].join('\n'),
    );
    const r = await sb.run('import', 'vouchers', f);
    expectRefused(r, 'ACCOUNT_PATH_AMBIGUOUS', 'ACCOUNT_PATH_NOT_LEAF', 'ACCOUNT_PATH_UNKNOWN');
    expect(r.stderr).toContain('bad.csv:2: 科目「一般户」不止一个：10202 银行存款—一般户、11201 应收款—一般户');
    expect(r.stderr).toContain('bad.csv:4: 科目「银行存款」（102）有下级科目，凭证要记到末级科目：10201 银行存款—农商行基本户、10202 银行存款—一般户');
    expect(r.stderr).toContain('bad.csv:6: 科目「银行存款—基本户」不存在');
    expect(await voucherCount()).toBe(0);
  });
});
