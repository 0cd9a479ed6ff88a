// Entry controls end to end: opening balances, the same file imported twice, reversal dates, future
// dates, member and account corrections, rent received ahead on the balance sheet, land amortised.
// The test clock is 2026-01-15 10:00. Money in the comments in 元.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { expectRefused, FIXTURES, Sandbox } from '../harness.js';

let sb: Sandbox;
afterEach(() => sb?.cleanup());

const line = (doc: { lines: { label: string; amount: string }[] }, label: string) => doc.lines.find((l) => l.label === label)?.amount;
const tb = async (from: string, to: string) => (await sb.ok('report', 'trial-balance', '--from', from, '--to', to, '--format', 'json')).json();
const row = (t: { rows: { account: string }[] }, account: string) => t.rows.find((r) => r.account === account) as Record<string, string> | undefined;
const voucherCount = async () => (await sb.ok('voucher', 'list', '--format', 'json')).json().vouchers.length as number;

async function ledger(name: string, start = '2016-01'): Promise<void> {
  sb = await Sandbox.from(`${name}-${start}`, async (s) => {
    await s.ok('init', '--name', '测试村', '--start', start);
    await s.ok('account', 'add', '10201', '基本户');
    await s.ok('project', 'add', 'tq', '--name', '汤泉民宿', '--par', '1000');
    await s.ok('member', 'add', 'X001', '--name', '邓志强', '--id-card', '441827196503121239', '--household', 'H01', '--relation', '户主', '--joined', '2016-01-01');
    await s.ok('member', 'add', 'X002', '--name', '李秀英', '--household', 'H01', '--relation', '配偶', '--joined', '2016-01-01');
  });
}

// Σ debit: 1,200 + 50,000 + 300 + 80,000 = 131,500; Σ credit: 100 + 20,000 + 100,000 + 11,400 = 131,500
const OPENING = [
  '科目编码,科目名称,借方余额,贷方余额,成员编号,项目',
  '101,库存现金,"1,200.00",,,',
  '10201,基本户,50000,,,',
  '113,内部往来,300,,X001,',
  '113,内部往来,,100,X002,',
  '151,固定资产,80000,,,',
  '152,累计折旧,,20000,,',
  '301,资本,,100000,,',
  '32202,未分配收益,,11400,,',
  '511,经营支出,0,0,,tq',
].join('\n');

describe('opening import', () => {
  it('balances, not movements: the first month opens with them, no journal shows them, statements include them', async () => {
    await ledger('entry-opening');
    const r = await sb.ok('opening', 'import', sb.file('opening.csv', OPENING));
    expect(r.stdout).toContain('已录入期初余额 8 行');
    const t = await tb('2016-01', '2016-01');
    expect(row(t, '101')).toMatchObject({ opening: '1200.00', debit: '0.00', credit: '0.00', closing: '1200.00' });
    expect(row(t, '102')).toMatchObject({ opening: '50000.00', debit: '0.00', credit: '0.00' });
    expect(row(t, '152')).toMatchObject({ opening: '-20000.00', closing: '-20000.00' });
    expect(row(t, '113')).toMatchObject({ opening: '200.00' }); // 300 − 100
    expect(t.totals).toEqual({ debit: '0.00', credit: '0.00' });
    // a range that starts before the books still reads them as opening, never as a movement
    expect(row(await tb('2015-06', '2016-03'), '101')).toMatchObject({ opening: '1200.00', debit: '0.00', credit: '0.00' });
    // 年初未分配收益 of the first year is the opening 32202
    const inc = (await sb.ok('report', 'income', '--year', '2016', '--format', 'json')).json();
    expect(line(inc, '年初未分配收益')).toBe('11400.00');
    expect((await sb.ok('report', 'journal', '--from', '2015-01', '--to', '2016-12', '--format', 'json')).json().vouchers).toEqual([]);
    expect(await voucherCount()).toBe(0);
    // 资产 = 51,200 + 300 (X001 owes) + (80,000 − 20,000) = 111,500; 负债 100 (owed to X002) + 权益 100,000 + 11,400
    const bs = (await sb.ok('report', 'balance-sheet', '--as-of', '2016-01-31', '--format', 'json')).json();
    expect(line(bs, '货币资金')).toBe('51200.00');
    expect(line(bs, '应收款项')).toBe('300.00');
    expect(line(bs, '应付款项')).toBe('100.00');
    expect(line(bs, '固定资产净值')).toBe('60000.00');
    expect(line(bs, '未分配收益')).toBe('11400.00');
    expect(line(bs, '资产总计')).toBe('111500.00');
    expect(line(bs, '负债和所有者权益总计')).toBe('111500.00');
    // the books run on from them
    await sb.ok('voucher', 'add', '--date', '2016-02-03', '--summary', '付办公费', '--debit', '513:200', '--credit', '101:200');
    const cash = (await sb.ok('report', 'cash-book', '--from', '2016-02', '--to', '2016-02', '--format', 'json')).json();
    expect(cash.opening).toBe('1200.00');
    expect(row(await tb('2016-02', '2016-02'), '101')).toMatchObject({ opening: '1200.00', credit: '200.00', closing: '1000.00' });
    expect((await sb.ok('member', 'show', 'X001', '--as-of', '2016-02-29', '--format', 'json')).json().balance113).toBe('300.00');
    expect((await sb.run('verify')).code).toBe(0);
  });

  it('refused when unbalanced (both sums and the difference), after a voucher, and a second time', async () => {
    await ledger('entry-opening');
    const bad = sb.file('bad.csv', OPENING.replace('32202,未分配收益,,11400', '32202,未分配收益,,11000'));
    const r = await sb.run('opening', 'import', bad);
    expectRefused(r, 'OPENING_UNBALANCED');
    expect(r.stderr).toContain('借方合计 131,500.00 ≠ 贷方合计 131,100.00，差额 400.00');
    expect((await tb('2016-01', '2016-12')).rows).toEqual([]);
    const file = sb.file('opening.csv', OPENING);
    await sb.ok('opening', 'import', file);
    // the same file: refused as a file imported before; with --again, as balances entered before
    expectRefused(await sb.run('opening', 'import', file), 'FILE_IMPORTED_BEFORE');
    expectRefused(await sb.run('opening', 'import', file, '--again'), 'OPENING_ALREADY');
    expect(row(await tb('2016-01', '2016-01'), '101')?.opening).toBe('1200.00');

    sb.cleanup();
    await ledger('entry-opening');
    await sb.ok('voucher', 'add', '--date', '2016-01-05', '--summary', '收款', '--debit', '101:10', '--credit', '504:10');
    expectRefused(await sb.run('opening', 'import', sb.file('opening.csv', OPENING)), 'OPENING_AFTER_VOUCHERS');
    expect(row(await tb('2016-01', '2016-01'), '101')).toMatchObject({ opening: '0.00', debit: '10.00' });
  });
});

describe('the same file imported twice', () => {
  it('members and vouchers: refused naming when; --again imports it anyway', async () => {
    await ledger('entry-plain', '2024-01');
    const members = sb.file('members.csv', '成员编号,姓名,户号\nX101,邓伟,H02\n');
    await sb.ok('import', 'members', members);
    const again = await sb.run('import', 'members', members);
    expectRefused(again, 'FILE_IMPORTED_BEFORE');
    expect(again.stderr).toContain('已于 2026-01-15 10:00:00 导入过（导入成员名册');
    expect(again.stderr).toContain('--again');
    // with --again the import runs, and meets the members already there
    expectRefused(await sb.run('import', 'members', members, '--again'), 'MEMBER_DUPLICATE');

    const vouchers = path.join(FIXTURES, 'demo', 'vouchers-2024.csv');
    await sb.ok('import', 'vouchers', vouchers);
    expect(await voucherCount()).toBe(15);
    expectRefused(await sb.run('import', 'vouchers', vouchers), 'FILE_IMPORTED_BEFORE');
    expect(await voucherCount()).toBe(15);
    await sb.ok('import', 'vouchers', vouchers, '--again');
    expect(await voucherCount()).toBe(30);
    // a refused import records nothing: the same bytes under another name are still the same file
    expectRefused(await sb.run('import', 'vouchers', sb.file('copy.csv', (await import('node:fs')).readFileSync(vouchers))), 'FILE_IMPORTED_BEFORE');
  });
});

describe('dates of entries', () => {
  it('a reversal without --date takes the original’s date; when that month is closed, --date is asked for', async () => {
    await ledger('entry-plain', '2024-01');
    await sb.ok('voucher', 'add', '--date', '2024-03-05', '--summary', '办公', '--debit', '513:120', '--credit', '10201:120');
    await sb.ok('voucher', 'add', '--date', '2024-03-06', '--summary', '办公', '--debit', '513:80', '--credit', '10201:80');
    const r = await sb.ok('voucher', 'reverse', '2024-03/1');
    expect(r.stdout).toContain('2024-03/3');
    expect((await sb.ok('voucher', 'show', '2024-03/3', '--format', 'json')).json().date).toBe('2024-03-05');
    await sb.ok('period', 'close', '--through', '2024-03');
    const n = await voucherCount();
    const closed = await sb.run('voucher', 'reverse', '2024-03/2');
    expectRefused(closed, 'REVERSE_DATE_NEEDED');
    expect(closed.stderr).toContain('--date');
    expect(await voucherCount()).toBe(n);
    await sb.ok('voucher', 'reverse', '2024-03/2', '--date', '2024-04-02');
    expect((await sb.ok('voucher', 'show', '2024-04/1', '--format', 'json')).json().date).toBe('2024-04-02');
  });

  it('a voucher entered, imported or reversed after today is refused; the tool’s year-end entries are not', async () => {
    await ledger('entry-plain', '2024-01');
    expectRefused(await sb.run('voucher', 'add', '--date', '2026-01-16', '--summary', 'x', '--debit', '513:1', '--credit', '10201:1'), 'ENTRY_FUTURE_DATE');
    expectRefused(await sb.run('voucher', 'add', '--date', '2099-01-01', '--summary', 'x', '--debit', '513:1', '--credit', '10201:1'), 'ENTRY_FUTURE_DATE');
    await sb.ok('voucher', 'add', '--date', '2026-01-15', '--summary', '今天', '--debit', '513:1', '--credit', '10201:1');
    const csv = sb.file('v.csv', ['凭证号,日期,摘要,科目编码,借方金额,贷方金额', '1,2025-12-01,a,513,5,', '1,2025-12-01,a,10201,,5', '2,2026-02-01,b,513,5,', '2,2026-02-01,b,10201,,5'].join('\n'));
    const imp = await sb.run('import', 'vouchers', csv);
    expectRefused(imp, 'ENTRY_FUTURE_DATE');
    expect(imp.stderr).toContain(`${csv}:4: 日期 2026-02-01 晚于今天（2026-01-15）`);
    expect(await voucherCount()).toBe(1);
    expectRefused(await sb.run('voucher', 'reverse', '2026-01/1', '--date', '2026-01-20'), 'ENTRY_FUTURE_DATE');
    // an accrual dated 2026-12-31 by the tool is fine
    await sb.ok('resource', 'add', 'GD-01', '--name', '耕地', '--category', '耕地', '--area', '10');
    await sb.ok('contract', 'add', 'HT-1', '--kind', '发包', '--counterparty', '王五', '--subject', 'GD-01', '--start', '2026-01-01', '--end', '2026-12-31', '--annual-rent', '1000');
    expect((await sb.ok('contract', 'accrue', '--year', '2026')).stdout).toContain('凭证 2026-12/1');
  });
});

describe('corrections', () => {
  it('member edit: new values in member show; an ID card of another member refused; the audit keeps before and after', async () => {
    await ledger('entry-plain', '2024-01');
    const clash = await sb.run('member', 'edit', 'X002', '--id-card', '441827196503121239', '--name', '李秀莹');
    expectRefused(clash, 'IDCARD_DUPLICATE');
    expect((await sb.ok('member', 'show', 'X002', '--format', 'json')).json()).toMatchObject({ name: '李秀英', idCard: null });
    expectRefused(await sb.run('member', 'edit', 'X002', '--id-card', '441827196807052341'), 'IDCARD');
    expect((await sb.run('member', 'edit', 'X002')).code).toBe(2);
    const ok = await sb.ok('member', 'edit', 'X002', '--name', '李秀莹', '--id-card', '441827196807052340', '--bank', '清新农商银行', '--bank-account', '6228480000000000019');
    expect(ok.stdout).toContain('已更正成员 X002 李秀莹：name、idCard、bank、bankAccount');
    expect((await sb.ok('member', 'show', 'X002', '--format', 'json')).json()).toMatchObject({
      name: '李秀莹',
      idCard: '441827196807052340',
      bank: '清新农商银行',
      bankAccount: '6228480000000000019',
    });
    const db = new Database(sb.db, { readonly: true });
    const rec = db.prepare("SELECT detail FROM audit_records WHERE action = 'member.edit'").get() as { detail: string };
    db.close();
    expect(JSON.parse(rec.detail).changes).toEqual([
      { field: 'name', before: '李秀英', after: '李秀莹' },
      { field: 'idCard', before: null, after: '441827196807052340' },
      { field: 'bank', before: null, after: '清新农商银行' },
      { field: 'bankAccount', before: null, after: '6228480000000000019' },
    ]);
    expect((await sb.run('verify')).code).toBe(0);
  });

  it('account rename: a detail account takes a new name; the statutory first-level accounts do not', async () => {
    await ledger('entry-plain', '2024-01');
    await sb.ok('account', 'rename', '10201', '农商行基本户');
    const list = (await sb.ok('account', 'list', '--format', 'json')).json();
    expect(JSON.stringify(list)).toContain('农商行基本户');
    const r = await sb.run('account', 'rename', '102', '存款');
    expectRefused(r, 'ACCOUNT_STATUTORY');
    expect(JSON.stringify((await sb.ok('account', 'list', '--format', 'json')).json())).toContain('银行存款');
    expectRefused(await sb.run('account', 'rename', '10299', 'x'), 'ACCOUNT_UNKNOWN');
  });

  it('resources may be 流转 (经营权 transferred out)', async () => {
    await ledger('entry-plain', '2024-01');
    await sb.ok('resource', 'add', 'GD-09', '--name', '山坑田', '--category', '耕地', '--area', '3.5', '--status', '流转');
    expect((await sb.ok('resource', 'list', '--format', 'csv')).stdout).toContain('流转');
  });
});

describe('rent received ahead', () => {
  it('a prepayment across a year end is a liability (预收), not a negative receivable', async () => {
    await ledger('entry-plain', '2024-01');
    await sb.ok('resource', 'add', 'GD-01', '--name', '村前耕地', '--category', '耕地', '--area', '30');
    await sb.ok('resource', 'add', 'SM-01', '--name', '鱼塘', '--category', '养殖水面', '--area', '5');
    // HT-1: 2025's rent of 12,000.00 paid on 2024-12-20; HT-2: 2024's rent of 5,000.00 accrued, unpaid
    await sb.ok('contract', 'add', 'HT-1', '--kind', '出租', '--counterparty', '王五', '--subject', 'GD-01', '--start', '2025-01-01', '--end', '2025-12-31', '--annual-rent', '12000');
    await sb.ok('contract', 'add', 'HT-2', '--kind', '发包', '--counterparty', '赵六', '--subject', 'SM-01', '--start', '2024-01-01', '--end', '2024-12-31', '--annual-rent', '5000');
    await sb.ok('contract', 'pay', 'HT-1', '--amount', '12000', '--date', '2024-12-20', '--account', '10201');
    await sb.ok('contract', 'accrue', '--year', '2024');
    // 112 nets to −7,000.00 in total: HT-2 owes 5,000.00, HT-1 is owed a year's use (12,000.00 received ahead)
    expect(row(await tb('2024-12', '2024-12'), '112')?.closing).toBe('-7000.00');
    const bs = (await sb.ok('report', 'balance-sheet', '--as-of', '2024-12-31', '--format', 'json')).json();
    expect(line(bs, '应收款项')).toBe('5000.00');
    expect(line(bs, '应付款项')).toBe('12000.00');
    // 货币资金 12,000 + 应收款项 5,000 = 17,000 = 应付款项 12,000 + 未分配收益 5,000
    expect(line(bs, '资产总计')).toBe('17000.00');
    expect(line(bs, '负债和所有者权益总计')).toBe('17000.00');
    // a year on, 2025's rent is accrued against the prepayment: nothing owed either way by HT-1
    await sb.ok('contract', 'accrue', '--year', '2025');
    const next = (await sb.ok('report', 'balance-sheet', '--as-of', '2025-12-31', '--format', 'json')).json();
    expect(line(next, '应收款项')).toBe('5000.00');
    expect(line(next, '应付款项')).toBe('0.00');
    expect((await sb.run('verify')).code).toBe(0);
  });
});

describe('land 经营权 amortised', () => {
  it('10,000.00 for 3 years: 35 months of 277.78 and a last of 277.70; idempotent; on the balance sheet', async () => {
    await ledger('entry-plain', '2016-01');
    const c = await sb.ok('contribute', '--member', 'X001', '--project', 'tq', '--date', '2016-03-15', '--land', '1', '--value-per-mu', '10000', '--term-years', '3');
    expect(c.stdout).toContain('出资第1号');
    const r = await sb.ok('asset', 'amortize', '--through', '2019-12');
    expect(r.stdout).toContain('已摊销土地经营权 36 个月（2016-04 至 2019-03）');
    expect(r.stdout).toContain('合计 10,000.00');
    const j = (await sb.ok('report', 'journal', '--from', '2016-04', '--to', '2019-12', '--format', 'json')).json();
    expect(j.vouchers).toHaveLength(36);
    expect(j.vouchers[0]).toMatchObject({ date: '2016-04-30', summary: '摊销2016年4月入股土地经营权' });
    expect(j.vouchers[0].lines).toEqual([
      { account: '511', debit: '277.78', credit: '0.00', member: null, project: 'tq' },
      { account: '162', debit: '0.00', credit: '277.78', member: null, project: null },
    ]);
    expect(j.vouchers[35].lines[0].debit).toBe('277.70');
    expect((await sb.ok('asset', 'amortize', '--through', '2020-12')).stdout).toContain('没有需要摊销');
    const mid = (await sb.ok('report', 'balance-sheet', '--as-of', '2016-12-31', '--format', 'json')).json();
    // April … December 2016: 9 × 277.78 = 2,500.02
    expect(line(mid, '无形资产原值')).toBe('10000.00');
    expect(line(mid, '累计摊销')).toBe('2500.02');
    expect(line(mid, '无形资产净值')).toBe('7499.98');
    const end = (await sb.ok('report', 'balance-sheet', '--as-of', '2019-03-31', '--format', 'json')).json();
    expect(line(end, '累计摊销')).toBe('10000.00');
    expect(line(end, '无形资产净值')).toBe('0.00');
  });

  it('a term applies to land only; in the CSV as 期限', async () => {
    await ledger('entry-plain', '2016-01');
    expect((await sb.run('contribute', '--member', 'X001', '--project', 'tq', '--date', '2016-03-15', '--cash', '100', '--term-years', '3')).code).toBe(2);
    const csv = sb.file('c.csv', ['日期,成员编号,项目,类型,数量,单位,单价,期限', '2016-03-15,X001,tq,土地,2,亩,6000,20', '2016-03-16,X002,tq,现金,,,,5'].join('\n'));
    const bad = await sb.run('import', 'contributions', csv);
    expectRefused(bad, 'CONTRIBUTION_TERM');
    expect(bad.stderr).toContain(`${csv}:3:`);
    await sb.ok('import', 'contributions', sb.file('c2.csv', ['日期,成员编号,项目,类型,数量,单位,单价,期限', '2016-03-15,X001,tq,土地,2,亩,6000,20年'].join('\n')));
    // 12,000.00 over 20 years: 12,000 ÷ 240 = 50.00 a month
    expect((await sb.ok('asset', 'amortize', '--through', '2016-04')).stdout).toContain('合计 50.00');
  });

  it('a land contribution cancelled before any amortisation is never amortised; one amortised cannot be cancelled', async () => {
    await ledger('entry-plain', '2016-01');
    await sb.ok('contribute', '--member', 'X001', '--project', 'tq', '--date', '2016-03-15', '--land', '1', '--value-per-mu', '12000', '--term-years', '10');
    await sb.ok('contribute', '--member', 'X002', '--project', 'tq', '--date', '2016-03-15', '--land', '1', '--value-per-mu', '2400', '--term-years', '1');
    await sb.ok('contribution', 'cancel', '1', '--reason', '误录');
    // Only the second is left: 2,400.00 over 12 months = 200.00 a month, April to June.
    const r = await sb.ok('asset', 'amortize', '--through', '2016-06');
    expect(r.stdout).toContain('合计 600.00');
    const j = (await sb.ok('report', 'journal', '--from', '2016-04', '--to', '2016-06', '--format', 'json')).json();
    expect(j.vouchers.map((v: { lines: { debit: string }[] }) => v.lines[0].debit)).toEqual(['200.00', '200.00', '200.00']);
    const before = (await sb.ok('report', 'journal', '--from', '2016-01', '--to', '2016-12', '--format', 'json')).stdout;
    const cancelled = await sb.run('contribution', 'cancel', '2', '--reason', '误录');
    expectRefused(cancelled, 'CONTRIBUTION_AMORTISED');
    expect((await sb.ok('report', 'journal', '--from', '2016-01', '--to', '2016-12', '--format', 'json')).stdout).toBe(before);
    expect((await sb.run('verify')).code).toBe(0);
  });
});
