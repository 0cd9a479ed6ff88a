// User errors at the edges of the ledger file and the output file: each is refused with exit 1 and a
// message (never 'sanzi 内部错误' or a stack trace), and nothing is written.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Sandbox, expectRefused, expectUsage } from '../harness.js';

let sb: Sandbox;
afterEach(() => sb?.cleanup());

const mode = (f: string) => fs.statSync(f).mode & 0o777;

async function ledgerWithOneVoucher(name: string): Promise<Sandbox> {
  return Sandbox.from(name, async (s) => {
    await s.ok('init', '--name', '测试村', '--start', '2024-01');
    await s.ok('voucher', 'add', '--date', '2024-01-05', '--summary', '收租金', '--debit', '101:1000', '--credit', '501:1000');
  });
}

describe('a ledger made read-only', () => {
  it('is not written (exit 1, LEDGER_READONLY), stays read-only, and still reads', async () => {
    sb = await ledgerWithOneVoucher('readonly');
    fs.chmodSync(sb.db, 0o444);
    const before = fs.readFileSync(sb.db);

    const w = await sb.run('voucher', 'add', '--date', '2024-01-06', '--summary', '电费', '--debit', '511:10', '--credit', '101:10');
    expectRefused(w, 'LEDGER_READONLY');
    expect(w.stderr).not.toContain('内部错误');
    const en = await sb.run('--lang', 'en', 'account', 'add', '10101', '备用金');
    expectRefused(en, 'LEDGER_READONLY');
    expect(en.stderr).toContain('is read-only');

    // Reads work; the owner keeps read-only (others lose their read bit, as for every ledger).
    const tb = (await sb.ok('report', 'trial-balance', '--from', '2024-01', '--to', '2024-01', '--format', 'json')).json();
    expect(tb.totals).toEqual({ debit: '1000.00', credit: '1000.00' });
    expect((await sb.run('verify')).code).toBe(0);
    expect(mode(sb.db)).toBe(0o400);
    expect(fs.readFileSync(sb.db).equals(before)).toBe(true);

    // Given write permission again, the same command goes through.
    fs.chmodSync(sb.db, 0o600);
    await sb.ok('voucher', 'add', '--date', '2024-01-06', '--summary', '电费', '--debit', '511:10', '--credit', '101:10');
    expect((await sb.ok('report', 'journal', '--from', '2024-01', '--to', '2024-01', '--format', 'json')).json().vouchers).toHaveLength(2);
  });
});

describe('restore onto a ledger made read-only', () => {
  it('is refused like any other write, and the ledger is left as it was', async () => {
    sb = await ledgerWithOneVoucher('readonly-restore');
    await sb.ok('backup', path.join(sb.dir, 'copy.db'));
    fs.chmodSync(sb.db, 0o400);
    const before = fs.readFileSync(sb.db);
    expectRefused(await sb.run('restore', path.join(sb.dir, 'copy.db')), 'LEDGER_READONLY');
    expect(fs.readFileSync(sb.db).equals(before)).toBe(true);
    expect(mode(sb.db)).toBe(0o400);
    expect(fs.readdirSync(sb.dir).filter((f) => f.includes('before-restore'))).toEqual([]);
  });
});

describe('--out never overwrites the ledger', () => {
  it('by its own name or its -wal, with or without --force; the ledger stays whole', async () => {
    sb = await ledgerWithOneVoucher('out-ledger');
    const before = fs.readFileSync(sb.db);
    for (const out of [sb.db, 'ledger.db', `${sb.db}-wal`]) {
      const r = await sb.run('report', 'trial-balance', '--from', '2024-01', '--to', '2024-01', '--format', 'csv', '--out', out, '--force');
      expectRefused(r, 'OUT_IS_LEDGER');
    }
    // Under another name (a hard link to the same file) too.
    fs.linkSync(sb.db, path.join(sb.dir, 'alias.db'));
    expectRefused(await sb.run('member', 'list', '--out', 'alias.db', '--force'), 'OUT_IS_LEDGER');
    expect(fs.readFileSync(sb.db).equals(before)).toBe(true);
    expect((await sb.run('verify')).code).toBe(0);
  });
});

describe('--sheet with a CSV file', () => {
  it('is a usage error (exit 2): a CSV has no sheets, and the same file must not pass for another by it', async () => {
    sb = await ledgerWithOneVoucher('sheet-csv');
    const csv = sb.file('v.csv', '凭证号,日期,摘要,科目编码,借方金额,贷方金额\n1,2024-02-01,门票,101,5,\n1,2024-02-01,门票,501,,5\n');
    await sb.ok('import', 'vouchers', csv);
    expectRefused(await sb.run('import', 'vouchers', csv), 'FILE_IMPORTED_BEFORE');
    const r = await sb.run('import', 'vouchers', csv, '--sheet', '二月');
    expect(r.code).toBe(2);
    expect(r.codes).toEqual(['SHEET_NOT_WORKBOOK']);
    // Still one import of it: 2 vouchers in all (the template's and this one).
    expect((await sb.ok('report', 'journal', '--from', '2024-01', '--to', '2024-02', '--format', 'json')).json().vouchers).toHaveLength(2);
  });
});

describe('--sheet naming the first sheet of a workbook', () => {
  it('is the same import as no --sheet: refused the second time, whichever way it is named', async () => {
    sb = await ledgerWithOneVoucher('sheet-first');
    // The template: sheet 记账凭证 (header and one voucher of 1,200.00), then sheet 说明.
    await sb.ok('template', 'vouchers', '--out', path.join(sb.dir, 't.xlsx'));
    const book = path.join(sb.dir, 't.xlsx');
    await sb.ok('import', 'vouchers', book);
    expectRefused(await sb.run('import', 'vouchers', book, '--sheet', '记账凭证'), 'FILE_IMPORTED_BEFORE');
    expectRefused(await sb.run('import', 'vouchers', book), 'FILE_IMPORTED_BEFORE');
    // 101: 1,000.00 from the template ledger + 1,200.00 once.
    const tb = (await sb.ok('report', 'trial-balance', '--from', '2024-01', '--to', '2024-03', '--format', 'json')).json();
    expect(tb.rows.find((r: { account: string }) => r.account === '101').closing).toBe('2200.00');
  });
});

describe('--out to a link or a device', () => {
  it('writes through it, leaving the link a link (a report never replaces /dev/null or a shortcut with a plain file)', async () => {
    sb = await ledgerWithOneVoucher('out-link');
    const real = sb.file('real.csv', 'old\n');
    const link = path.join(sb.dir, 'link.csv');
    fs.symlinkSync(real, link);
    expectRefused(await sb.run('member', 'list', '--format', 'csv', '--out', link), 'OUT_EXISTS');
    await sb.ok('report', 'trial-balance', '--from', '2024-01', '--to', '2024-01', '--format', 'csv', '--out', link, '--force');
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(real, 'utf8')).toContain('101,库存现金');
    // A link to a device: written in place, no --force needed; the link and the device stay.
    const nul = path.join(sb.dir, 'null.xlsx');
    fs.symlinkSync('/dev/null', nul);
    await sb.ok('report', 'trial-balance', '--from', '2024-01', '--to', '2024-01', '--out', nul);
    expect(fs.lstatSync(nul).isSymbolicLink()).toBe(true);
    expect(fs.statSync('/dev/null').isCharacterDevice()).toBe(true);
  });
});

describe('a row the file itself spoils does not hide the other bad rows', () => {
  it('vouchers: a bad amount before a row with cells past the header; the voucher that row belongs to is not called unbalanced', async () => {
    sb = new Sandbox('spoiled-rows');
    await sb.ok('init', '--name', '测试', '--start', '2024-01');
    const before = (await sb.ok('voucher', 'list', '--format', 'json')).stdout;
    const csv = sb.file('b.csv', ['凭证号,日期,摘要,科目编码,借方金额,贷方金额', '1,2024-03-10,a,513,1.005,', '1,2024-03-10,a,101,,1.00', '2,2024-03-10,b,513,1.00,,x', '2,2024-03-10,b,101,,1.00'].join('\n'));
    const r = await sb.run('import', 'vouchers', csv);
    expect([r.code, r.codes]).toEqual([1, ['AMOUNT', 'CSV_EXTRA_CELLS']]);
    expect(r.stderr.split('\n').filter(Boolean).map((l) => l.split(':')[1])).toEqual(['2', '4']);
    expect((await sb.ok('voucher', 'list', '--format', 'json')).stdout).toBe(before);
  });

  it('members: an ID Excel turned into a number, then two bad ID numbers, all three listed', async () => {
    sb = new Sandbox('spoiled-members');
    await sb.ok('init', '--name', '测试', '--start', '2024-01');
    const csv = sb.file('m.csv', ['成员编号,姓名,身份证号,户号', 'X030,张,4.41827E+17,H1', 'X031,李,441827199001010313X,H1', 'X032,王,441827199001010314,H1'].join('\n'));
    const r = await sb.run('import', 'members', csv);
    expectRefused(r, 'EXCEL_NUMBER', 'IDCARD');
    expect(r.stderr.split('\n').filter(Boolean).map((l) => l.split(':')[1])).toEqual(['2', '3', '4']);
    expect((await sb.ok('member', 'list', '--format', 'json')).json().members).toEqual([]);
  });

  it('vouchers: a hidden character in one voucher does not hide another voucher’s imbalance, nor a bad amount after it', async () => {
    sb = new Sandbox('spoiled-unbalanced');
    await sb.ok('init', '--name', '测试', '--start', '2024-01');
    const before = (await sb.ok('voucher', 'list', '--format', 'json')).stdout;
    const csv = sb.file(
      'v.csv',
      ['凭证号,日期,摘要,科目编码,借方金额,贷方金额', '1,2024-05-05,a\u0007b,513,1,', '1,2024-05-05,a,101,,1', '2,2024-05-05,b,513,1,', '2,2024-05-05,b,101,,2', '3,2024-05-05,c,513,1e5,', '3,2024-05-05,c,101,,1'].join('\n'),
    );
    const r = await sb.run('import', 'vouchers', csv);
    expect(r.code).toBe(1);
    // Voucher 1 lost its line 2: that it no longer balances is not said of it.
    expect(r.stderr.split('\n').filter(Boolean).map((l) => l.split(':')[1])).toEqual(['2', '4', '6']);
    expect(r.codes).toEqual(['CSV_BAD_CHAR', 'VOUCHER_UNBALANCED', 'AMOUNT']);
    expect((await sb.ok('voucher', 'list', '--format', 'json')).stdout).toBe(before);
  });

  it('members, shares and registers: the rows’ checks against the ledger are listed with the file’s own problems', async () => {
    sb = new Sandbox('spoiled-ledger-checks');
    await sb.ok('init', '--name', '测试', '--start', '2024-01');
    await sb.ok('import', 'members', sb.file('m0.csv', ['成员编号,姓名,身份证号,户号', 'M01,张一,,H1'].join('\n')));
    const members = sb.file('m.csv', ['成员编号,姓名,身份证号,户号', 'N01,甲,4.41827E+17,H9', 'M01,重号,,H9', 'N03,,,H9'].join('\n'));
    const m = await sb.run('import', 'members', members);
    expect(m.code).toBe(1);
    expect(m.stderr.split('\n').filter(Boolean).map((l) => l.split(':')[1])).toEqual(['2', '3', '4']);
    expect(m.codes).toContain('EXCEL_NUMBER');
    expect(m.stderr).toContain('M01');
    const shares = sb.file('s.csv', ['日期,成员编号,项目,股种,股数,说明', '2024-01-01,M01,main,人口股,1,\u200b', '2024-01-01,Z99,main,人口股,1,'].join('\n'));
    const s = await sb.run('import', 'shares', shares);
    expect(s.code).toBe(1);
    expect(s.stderr.split('\n').filter(Boolean).map((l) => l.split(':')[1])).toEqual(['2', '3']);
    expect(s.codes).toEqual(['CSV_BAD_CHAR', 'MEMBER_UNKNOWN']);
    expect((await sb.ok('member', 'list', '--format', 'json')).json().members.map((x: { id: string }) => x.id)).toEqual(['M01']);
  });
});

describe('the rows of one 凭证号 in a month are kept together', () => {
  it('the same 凭证号 again after other vouchers in the same month is refused at its line; in another month it is another voucher', async () => {
    sb = new Sandbox('split-key');
    await sb.ok('init', '--name', '测试', '--start', '2024-01');
    const rows = ['7,2024-03-10,a,513,1.00,', '7,2024-03-10,a,101,,1.00', '8,2024-03-10,b,513,2.00,', '8,2024-03-10,b,101,,2.00'];
    const split = sb.file('split.csv', ['凭证号,日期,摘要,科目编码,借方金额,贷方金额', ...rows, '7,2024-03-11,c,513,3.00,', '7,2024-03-11,c,101,,3.00'].join('\n'));
    const r = await sb.run('import', 'vouchers', split);
    expectRefused(r, 'VOUCHER_KEY_SPLIT');
    expect(r.stderr).toBe(`${split}:6: 凭证号「7」在本月前面（第 2 行起）已经出现过，中间隔着别的凭证：同一张凭证的各行必须放在一起（可先按凭证号排序）\n`);
    expect((await sb.ok('voucher', 'list', '--format', 'json')).json().vouchers).toEqual([]);
    // April's 7 is April's own voucher.
    const ok = sb.file('ok.csv', ['凭证号,日期,摘要,科目编码,借方金额,贷方金额', ...rows, '7,2024-04-10,d,513,3.00,', '7,2024-04-10,d,101,,3.00'].join('\n'));
    expect((await sb.ok('import', 'vouchers', ok)).stdout).toBe('已导入凭证 3 张，分录 6 行\n');
  });
});

describe('each error of a voucher once', () => {
  it('a voucher whose rows all leave 摘要 empty: 摘要为空 said once, at its first row', async () => {
    sb = new Sandbox('empty-summary');
    await sb.ok('init', '--name', '测试', '--start', '2024-01');
    const csv = sb.file('es.csv', ['凭证号,日期,摘要,科目编码,借方金额,贷方金额', '1,2024-03-10,,513,1.00,', '1,2024-03-10,,101,,1.00'].join('\n'));
    const r = await sb.run('import', 'vouchers', csv);
    expect([r.code, r.codes]).toEqual([1, ['VOUCHER_SUMMARY']]);
    expect(r.stderr).toBe(`${csv}:2: 摘要为空\n`);
    expect((await sb.ok('voucher', 'list', '--format', 'json')).json().vouchers).toEqual([]);
  });
});

describe('a command-line value over 10,000 characters', () => {
  it('is refused, as a field of an import file is, and nothing is written; 10,000 exactly is taken', async () => {
    sb = new Sandbox('long-text');
    await sb.ok('init', '--name', '测试', '--start', '2024-01');
    const r = await sb.run('voucher', 'add', '--date', '2024-03-05', '--summary', '摘'.repeat(10_001), '--debit', '513:1', '--credit', '101:1');
    expectRefused(r, 'OPTION_VALUE');
    expect(r.stderr).toBe('--summary：内容超过 10,000 个字符\n');
    expect((await sb.ok('voucher', 'list', '--format', 'json')).json().vouchers).toEqual([]);
    await sb.ok('voucher', 'add', '--date', '2024-03-05', '--summary', '摘'.repeat(10_000), '--debit', '513:1', '--credit', '101:1');
    expect(await sb.run('member', 'status', 'X'.repeat(10_001), '--status', '迁出', '--date', '2024-03-05')).toMatchObject({ code: 1, codes: ['OPTION_VALUE'] });
    expect((await sb.ok('voucher', 'list', '--format', 'json')).json().vouchers).toHaveLength(1);
    expect((await sb.ok('audit', 'log', '--format', 'json')).json().records.map((x: { action: string }) => x.action)).toEqual(['ledger.init', 'voucher.add']);
  });
});

describe('a year, a month or a file name given wrong', () => {
  it('is named in Chinese (年度, 月份), and an empty backup file name is a usage error', async () => {
    sb = await ledgerWithOneVoucher('labels');
    const y = await sb.run('year', 'close', '24');
    expectUsage(y, 'OPTION_VALUE');
    expect(y.stderr).toContain('年度：年份格式不正确：「24」');
    expect((await sb.run('--lang', 'en', 'year', 'close', '24')).stderr).toContain('year: not a year: "24"');
    expect((await sb.run('--lang', 'en', 'period', 'check', '2024-13')).stderr).toContain('month: not a month: "2024-13"');
    for (const args of [['period', 'check', '2024-13'], ['period', 'reopen', '2024-13', '--reason', '补记']]) {
      const m = await sb.run(...args);
      expectUsage(m, 'OPTION_VALUE');
      expect(m.stderr).toContain('月份：月份格式不正确：「2024-13」');
    }
    for (const cmd of ['backup', 'restore']) {
      const b = await sb.run(cmd, '');
      expect(b.code).toBe(2);
      expect(b.stderr).toContain('缺少备份文件名');
    }
    expect(fs.readdirSync(sb.dir).filter((f) => !f.startsWith(path.basename(sb.db)))).toEqual([]);
  });
});

describe('an option value that is not what the option takes', () => {
  it('is bad command-line usage (exit 2) with the option named, and nothing is written; a value the ledger refuses stays exit 1', async () => {
    sb = await ledgerWithOneVoucher('option-values');
    const trail = async () => (await sb.ok('audit', 'log', '--format', 'json')).json().records.length as number;
    const before = await trail();
    const cases: [string[], string, string][] = [
      [['voucher', 'add', '--date', '2024-02-30', '--summary', '电费', '--debit', '511:10', '--credit', '101:10'], 'OPTION_VALUE', '--date：日期不存在：「2024-02-30」'],
      [['voucher', 'add', '--date', '2024-02-03', '--summary', '电费', '--debit', '511:10', '--credit', '101:10', '--attachments', '两张'], 'NOT_A_WHOLE_NUMBER', '--attachments'],
      [['report', 'trial-balance', '--from', '2024-13', '--to', '2024-12'], 'OPTION_VALUE', '--from：月份格式不正确：「2024-13」'],
      [['report', 'balance-sheet', '--as-of', '2024/2/30'], 'OPTION_VALUE', '--as-of：日期不存在'],
      [['report', 'income', '--year', 'abc'], 'OPTION_VALUE', '--year：年份格式不正确：「abc」'],
      [['project', 'add', 'tq', '--name', '汤泉民宿', '--par', '1.005'], 'OPTION_VALUE', '--par'],
      [['dividend', 'plan', '--project', 'main', '--year', '2024', '--reserve', '150'], 'RATE_TOO_HIGH', '--reserve'],
      [['period', 'close', '2024-13'], 'OPTION_VALUE', '月份：月份格式不正确：「2024-13」'],
      [['--lang', 'fr', 'voucher', 'list'], 'OPTION_VALUE', '--lang：「fr」不是可用的语言（zh 或 en）'],
      [['voucher', 'add', '--date', '2024-02-03', '--summary', '电费', '--debit', '511', '--credit', '101:10'], 'LINE_SPEC', '--debit 511：应写作 科目:金额'],
      [['report', 'journal', '--from', '2024-05', '--to', '2024-03'], 'RANGE', '起始月份 --from 2024-05 晚于截止月份 --to 2024-03'],
      [['period', 'close', '2024-05', '2024-04'], 'CLOSE_RANGE', '起始月份 2024-05 晚于截止月份 2024-04'],
      [['audit', 'log', '--from', '2024-03-01', '--to', '2024-01-01'], 'AUDIT_DATE_RANGE', '2024-03-01'],
      [['voucher', 'list', '--from', '2024-05', '--to', '2024-03'], 'RANGE', '起始月份 --from 2024-05 晚于截止月份 --to 2024-03'],
      [['voucher', 'print', '--from', '2024-05', '--to', '2024-03'], 'RANGE', '起始月份 --from 2024-05 晚于截止月份 --to 2024-03'],
      [['shares', 'transfer', '--project', 'main', '--from', 'X001', '--to', 'X002', '--shares', '三股', '--date', '2024-03-01', '--reason', '转让'], 'SHARES', '--shares'],
    ];
    for (const [args, code, said] of cases) {
      const r = await sb.run(...args);
      expectUsage(r, code);
      expect(r.stderr).toContain(said);
      expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/);
    }
    expect(await trail()).toBe(before);
    expect((await sb.ok('voucher', 'list', '--format', 'json')).json().vouchers).toHaveLength(1);
    expect((await sb.ok('project', 'list', '--format', 'json')).json().projects.map((p: { code: string }) => p.code)).toEqual(['main']);
    // --lang as commander takes it, the last one given, blanks around it or not.
    expect((await sb.run('--lang', 'fr', '--lang', 'en', 'report', 'ledger', '--account', '99999')).stderr).toContain('unknown account "99999"');
    expect((await sb.run('--lang', ' en', 'report', 'ledger', '--account', '99999')).stderr).toContain('unknown account "99999"');
    // Well-formed values the ledger refuses are refusals of the request, not usage.
    expectRefused(await sb.run('voucher', 'add', '--date', '2023-12-31', '--summary', '电费', '--debit', '511:10', '--credit', '101:10'), 'PERIOD_BEFORE_START');
    expectRefused(await sb.run('report', 'ledger', '--account', '99999', '--from', '2024-01', '--to', '2024-12'), 'ACCOUNT_UNKNOWN');
  });
});
