// Closing controls end to end: what a close needs, range close, period check, year reopen, the
// reopen guard, and what verify finds in closed periods. Money in the comments in 元.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { expectRefused, Sandbox } from '../harness.js';

let sb: Sandbox;
afterEach(() => sb?.cleanup());

// The ledger: books from 2024-01;
//  - 101: 500.00 drawn on 2024-01-05, 800.00 paid out on 2024-02-10 → −300.00 at the end of February;
//  - B1 a building of 36,000.00 over 3 years, no residual, acquired 2024-01-20: 1,000.00 a month from February (513);
//  - land of 10,000.00 (1 亩 × 10,000) put in by X001 for 3 years on 2024-01-10: 277.78 a month from February (511, tq);
//  - HT-1 lets GD-01 for 12,000.00 a year, 2024-01-01 … 2026-12-31 (收, 112 / 501).
async function setup(): Promise<void> {
  sb = await Sandbox.from('closing', async (s) => {
    await s.ok('init', '--name', '测试村', '--start', '2024-01');
    await s.ok('account', 'add', '10201', '基本户');
    await s.ok('project', 'add', 'tq', '--name', '汤泉民宿', '--par', '1000');
    await s.ok('member', 'add', 'X001', '--name', '邓志强', '--joined', '2016-01-01');
    await s.ok('resource', 'add', 'GD-01', '--name', '村前耕地', '--category', '耕地', '--area', '30');
    await s.ok('contract', 'add', 'HT-1', '--kind', '出租', '--counterparty', '王五', '--subject', 'GD-01', '--start', '2024-01-01', '--end', '2026-12-31', '--annual-rent', '12000');
    await s.ok('asset', 'add', 'B1', '--name', '仓库', '--category', '房屋及建筑物', '--acquired', '2024-01-20', '--cost', '36000', '--life-years', '3', '--expense-account', '513');
    await s.ok('voucher', 'add', '--date', '2024-01-20', '--summary', '购建仓库', '--debit', '151:36000', '--credit', '10201:36000');
    await s.ok('contribute', '--member', 'X001', '--project', 'tq', '--date', '2024-01-10', '--land', '1', '--value-per-mu', '10000', '--term-years', '3');
    await s.ok('voucher', 'add', '--date', '2024-01-05', '--summary', '提取备用金', '--debit', '101:500', '--credit', '10201:500');
    await s.ok('voucher', 'add', '--date', '2024-02-10', '--summary', '付修理费', '--debit', '513:800', '--credit', '101:800');
  });
}

const closed = async () => (await sb.ok('period', 'list', '--format', 'json')).json().closed as string[];
const voucherCount = async () => (await sb.ok('voucher', 'list', '--format', 'json')).json().vouchers.length as number;
const tbRow = async (from: string, to: string, account: string) =>
  (await sb.ok('report', 'trial-balance', '--from', from, '--to', to, '--format', 'json')).json().rows.find((r: { account: string }) => r.account === account);

describe('period close', () => {
  it('refused with every reason at once, each with its fix; nothing written; closes once fixed', async () => {
    await setup();
    await sb.ok('period', 'close', '2024-01'); // nothing due in January; 101 ends at +500.00
    const n = await voucherCount();
    const r = await sb.run('period', 'close', '2024-02');
    expectRefused(r, 'CLOSE_CASH_CREDIT', 'CLOSE_DEPRECIATION', 'CLOSE_AMORTISATION');
    expect(r.codes).toEqual(['CLOSE_CASH_CREDIT', 'CLOSE_DEPRECIATION', 'CLOSE_AMORTISATION']);
    // 500.00 − 800.00 = −300.00
    expect(r.stderr).toContain('库存现金（101）为贷方余额 300.00');
    expect(r.stderr).toContain('sanzi asset depreciate --through 2024-02');
    expect(r.stderr).toContain('sanzi asset amortize --through 2024-02');
    expect(await closed()).toEqual(['2024-01']);
    expect(await voucherCount()).toBe(n);
    // the fixes: the missing cash withdrawal, then depreciation and amortisation through February
    await sb.ok('voucher', 'add', '--date', '2024-02-10', '--summary', '提取备用金', '--debit', '101:1000', '--credit', '10201:1000');
    await sb.ok('asset', 'depreciate', '--through', '2024-02');
    await sb.ok('asset', 'amortize', '--through', '2024-02');
    await sb.ok('period', 'close', '2024-02');
    expect(await closed()).toEqual(['2024-01', '2024-02']);
  });

  it('a range closes in one write, all or none: a refused month leaves every month open and lists every reason', async () => {
    await setup();
    await sb.ok('voucher', 'add', '--date', '2024-02-10', '--summary', '提取备用金', '--debit', '101:1000', '--credit', '10201:1000');
    await sb.ok('asset', 'depreciate', '--through', '2024-02');
    await sb.ok('asset', 'amortize', '--through', '2024-06');
    const audit = async () => (await sb.ok('audit', 'log', '--format', 'json')).json().records.length;
    const records = await audit();
    const r = await sb.run('period', 'close', '2024-01', '2024-04');
    // Exit 1 writes nothing (CONTRACT.md, exit codes): January and February are not kept closed.
    expectRefused(r, 'CLOSE_RANGE_REFUSED', 'CLOSE_DEPRECIATION');
    expect(r.codes).toEqual(['CLOSE_RANGE_REFUSED', 'CLOSE_DEPRECIATION', 'CLOSE_DEPRECIATION']);
    expect(r.stderr).toContain('或只结到 2024-02（sanzi period close --through 2024-02）');
    expect(r.stderr).toContain('sanzi asset depreciate --through 2024-03');
    expect(r.stderr).toContain('sanzi asset depreciate --through 2024-04');
    expect(await closed()).toEqual([]);
    expect(await audit()).toBe(records);
    await sb.ok('asset', 'depreciate', '--through', '2024-05');
    const ok = await sb.ok('period', 'close', '--through', '2024-02');
    expect(ok.stdout).toContain('已结账 2024-01 至 2024-02（2 个月）');
    // --through starts at the first open month; the months already closed are left as they are
    const more = await sb.ok('period', 'close', '--through', '2024-05');
    expect(more.stdout).toContain('已结账 2024-03 至 2024-05（3 个月）');
    expect(await closed()).toEqual(['2024-01', '2024-02', '2024-03', '2024-04', '2024-05']);
    // June: amortised, not depreciated
    expectRefused(await sb.run('period', 'close', '2024-02', '2024-06'), 'CLOSE_DEPRECIATION');
    expect(await closed()).toEqual(['2024-01', '2024-02', '2024-03', '2024-04', '2024-05']);
    expect((await sb.run('period', 'close')).code).toBe(2);
  });

  it('period check lists the controls and the unreviewed vouchers; exit 1 when the close would be refused', async () => {
    await setup();
    const r = await sb.run('period', 'check', '2024-02', '--format', 'json');
    expectRefused(r, 'PERIOD_ORDER', 'CLOSE_CASH_CREDIT', 'CLOSE_DEPRECIATION', 'CLOSE_AMORTISATION');
    expect(r.codes).toEqual(['PERIOD_ORDER', 'CLOSE_CASH_CREDIT', 'CLOSE_DEPRECIATION', 'CLOSE_AMORTISATION']);
    const j = r.json();
    expect(j.closable).toBe(false);
    expect(j.checks.map((c: { check: string; ok: boolean }) => [c.check, c.ok])).toEqual([
      ['order', false],
      ['cash', false],
      ['depreciation', false],
      ['amortisation', false],
    ]);
    expect(j.unreviewed).toEqual([{ ref: '2024-02/1', date: '2024-02-10', summary: '付修理费', preparer: null, amount: '800.00' }]);
    expect(await closed()).toEqual([]);
    // January: nothing blocks; its three vouchers (the building, the land, the cash) are listed, not blocking
    const jan = await sb.run('period', 'check', '2024-01');
    expect(jan.code).toBe(0);
    expect(jan.stdout).toContain('可以结账');
    expect(jan.stdout).toContain('未审核的凭证（3 张，不影响结账）');
    await sb.ok('voucher', 'review', '2024-01/1', '--by', '王主任');
    expect((await sb.ok('period', 'check', '2024-01', '--format', 'json')).json().unreviewed).toHaveLength(2);
    expect(await closed()).toEqual([]);
  });
});

describe('year close, year reopen', () => {
  async function throughNovember(): Promise<void> {
    await setup();
    await sb.ok('voucher', 'add', '--date', '2024-02-10', '--summary', '提取备用金', '--debit', '101:1000', '--credit', '10201:1000');
    await sb.ok('asset', 'depreciate', '--through', '2024-12');
    await sb.ok('asset', 'amortize', '--through', '2024-12');
    await sb.ok('period', 'close', '--through', '2024-11');
  }

  it('refused until the receivable rent of the year is accrued; then closes', async () => {
    await throughNovember();
    const n = await voucherCount();
    const r = await sb.run('year', 'close', '2024');
    expect(r.codes).toEqual(['CLOSE_ACCRUAL']);
    expect(r.stderr).toContain('HT-1 12,000.00');
    expect(r.stderr).toContain('sanzi contract accrue --year 2024');
    expect(await voucherCount()).toBe(n);
    expect(await closed()).not.toContain('2024-12');
    const check = await sb.run('period', 'check', '2024-12', '--format', 'json');
    expectRefused(check, 'CLOSE_ACCRUAL');
    expect(check.json().checks.find((c: { check: string }) => c.check === 'accrual').ok).toBe(false);
    await sb.ok('contract', 'accrue', '--year', '2024');
    await sb.ok('year', 'close', '2024');
    expect(await closed()).toContain('2024-12');
  });

  it('rent in kind of the year not priced: refused until priced and accrued; afterwards no new price, and no contract into the closed year', async () => {
    await throughNovember();
    await sb.ok('resource', 'add', 'GD-02', '--name', '塘边耕地', '--category', '耕地', '--area', '10');
    await sb.ok('contract', 'add', 'HT-2', '--kind', '发包', '--counterparty', '陈七', '--subject', 'GD-02', '--start', '2024-01-01', '--end', '2025-12-31', '--in-kind', '500', '--in-kind-item', '稻谷');
    await sb.ok('contract', 'accrue', '--year', '2024');
    const n = await voucherCount();
    const r = await sb.run('year', 'close', '2024');
    expect(r.codes).toEqual(['CLOSE_UNPRICED']);
    expect(r.stderr).toContain('2024 年有实物租金尚未定价（HT-2 2024 年）');
    expect(r.stderr).toContain('sanzi contract price HT-2 --year 2024 --unit-price');
    expect(await voucherCount()).toBe(n);
    expect(await closed()).not.toContain('2024-12');
    // 500 斤 × 10 亩 × 1.50 = 7,500.00, accrued; then the year closes.
    await sb.ok('contract', 'price', 'HT-2', '--year', '2024', '--unit-price', '1.5');
    await sb.ok('contract', 'accrue', '--year', '2024');
    await sb.ok('year', 'close', '2024');
    const list = async () => (await sb.ok('contract', 'list', '--format', 'json')).stdout;
    const before = await list();
    const m = await voucherCount();
    expectRefused(await sb.run('contract', 'price', 'HT-2', '--year', '2024', '--unit-price', '1.6'), 'CONTRACT_PRICE_ACCRUED', 'CONTRACT_YEAR_CLOSED');
    await sb.ok('resource', 'add', 'GD-03', '--name', '村后耕地', '--category', '耕地', '--area', '5');
    const late = await sb.run('contract', 'add', 'HT-3', '--kind', '发包', '--counterparty', '赵六', '--subject', 'GD-03', '--start', '2024-03-01', '--end', '2026-02-28', '--annual-rent', '12000');
    expectRefused(late, 'CONTRACT_YEAR_CLOSED');
    expect(late.stderr).toContain('sanzi year reopen 2024');
    expect(await list()).toBe(before);
    expect(await voucherCount()).toBe(m);
    // From the next year on it is taken.
    await sb.ok('contract', 'add', 'HT-3', '--kind', '发包', '--counterparty', '赵六', '--subject', 'GD-03', '--start', '2025-01-01', '--end', '2026-02-28', '--annual-rent', '12000');
  });

  it('reopen → correction → close: the next year opens with the corrected balances', async () => {
    await throughNovember();
    await sb.ok('contract', 'accrue', '--year', '2024');
    await sb.ok('year', 'close', '2024');
    // 2024: rent 12,000.00 − depreciation 11 × 1,000.00 − amortisation 11 × 277.78 = 3,055.58 − repairs 800.00
    //      = 12,000.00 − 11,000.00 − 3,055.58 − 800.00 = −2,855.58 (a loss, a debit on 32202)
    expect((await tbRow('2025-01', '2025-01', '32202')).opening).toBe('2855.58');
    // a month of the closed year cannot be reopened on its own
    const guard = await sb.run('period', 'reopen', '2024-03', '--reason', '补记');
    expectRefused(guard, 'REOPEN_YEAR_CLOSED');
    expect(guard.stderr).toContain('sanzi year reopen 2024');
    expect(await closed()).toContain('2024-03');
    // a voucher into it points to year reopen as well, not to a period reopen that would be refused
    const vouchers = (await sb.ok('voucher', 'list', '--format', 'json')).stdout;
    const late = await sb.run('voucher', 'add', '--date', '2024-03-20', '--summary', '补记', '--debit', '513:100', '--credit', '10201:100');
    expect([late.code, late.codes]).toEqual([1, ['PERIOD_CLOSED']]);
    expect((await sb.ok('voucher', 'list', '--format', 'json')).stdout).toBe(vouchers);
    expect(late.stderr).toContain('先 sanzi year reopen 2024 --reason');
    expect(late.stderr).not.toContain('period reopen');

    const r = await sb.ok('year', 'reopen', '2024', '--reason', '补记 12 月电费');
    expect(r.stdout).toContain('已反结转');
    expect(await closed()).not.toContain('2024-12');
    // the closing entries are reversed: 513, 511, 501 carry their year's balances again
    expect((await tbRow('2024-12', '2024-12', '513')).closing).toBe('11800.00');
    expect((await tbRow('2024-12', '2024-12', '32202'))?.closing ?? '0.00').toBe('0.00');
    await sb.ok('voucher', 'add', '--date', '2024-12-20', '--summary', '补记电费', '--debit', '513:100', '--credit', '10201:100');
    await sb.ok('year', 'close', '2024');
    // −2,855.58 − 100.00 = −2,955.58
    expect((await tbRow('2025-01', '2025-01', '32202')).opening).toBe('2955.58');
    expect((await tbRow('2024-12', '2024-12', '513'))?.closing ?? '0.00').toBe('0.00');
    const inc = (await sb.ok('report', 'income', '--year', '2024', '--format', 'json')).json();
    expect(inc.lines.find((l: { label: string }) => l.label === '本年收益').amount).toBe('-2955.58');
    const log = (await sb.ok('period', 'list', '--format', 'json')).json().events as { period: string; action: string; reason: string | null }[];
    expect(log.filter((e) => e.period === '2024-12').map((e) => [e.action, e.reason])).toEqual([
      ['close', null],
      ['reopen', '补记 12 月电费'],
      ['close', null],
    ]);
    expect((await sb.run('verify')).code).toBe(0);
  });

  it('year reopen is refused while a month of the next year is closed, and for a year not closed', async () => {
    await throughNovember();
    expectRefused(await sb.run('year', 'reopen', '2024', '--reason', 'x'), 'YEAR_NOT_CLOSED');
    await sb.ok('contract', 'accrue', '--year', '2024');
    await sb.ok('year', 'close', '2024');
    await sb.ok('asset', 'depreciate', '--through', '2025-01');
    await sb.ok('asset', 'amortize', '--through', '2025-01');
    await sb.ok('period', 'close', '2025-01');
    const n = await voucherCount();
    const r = await sb.run('year', 'reopen', '2024', '--reason', '补记');
    expectRefused(r, 'YEAR_REOPEN_LATER');
    expect(r.stderr).toContain('sanzi period reopen 2025-01');
    expect(await voucherCount()).toBe(n);
    expect(await closed()).toContain('2024-12');
    // reopening a month reopens the later closed months of its own year only
    await sb.ok('period', 'reopen', '2025-01', '--reason', '补记');
    await sb.ok('year', 'reopen', '2024', '--reason', '补记');
    await sb.ok('period', 'reopen', '2024-10', '--reason', '补记');
    expect((await closed()).filter((p) => p >= '2024-09')).toEqual(['2024-09']);
  });
});

describe('verify', () => {
  it('finds income or expense left in a year-closed year, and a closed month whose cash ended in credit', async () => {
    await setup();
    await sb.ok('voucher', 'add', '--date', '2024-02-10', '--summary', '提取备用金', '--debit', '101:1000', '--credit', '10201:1000');
    await sb.ok('asset', 'depreciate', '--through', '2024-12');
    await sb.ok('asset', 'amortize', '--through', '2024-12');
    await sb.ok('contract', 'accrue', '--year', '2024');
    await sb.ok('period', 'close', '--through', '2024-11');
    await sb.ok('year', 'close', '2024');
    expect((await sb.run('verify')).code).toBe(0);
    // Behind sanzi's back (as an older version allowed): March reopened inside the closed year, an
    // expense posted into it; and January marked closed although its cash ended in credit.
    const db = new Database(sb.db);
    db.prepare("DELETE FROM closed_periods WHERE period = '2024-03'").run();
    db.close();
    await sb.ok('voucher', 'add', '--date', '2024-03-15', '--summary', '电费', '--debit', '513:2000', '--credit', '101:2000');
    const r = await sb.run('verify');
    expect(r.code).toBe(3);
    expect(r.codes).toContain('PNL_LEFT_AFTER_YEAR_CLOSE');
    expect(r.stderr).toContain('2024 年已年终结转，但损益类科目 513 年末仍有余额 借 2,000.00');
    // 101: +500 (Jan) −800 +1,000 (Feb) −2,000 (Mar) = −1,300.00 at the end of March and after
    expect(r.codes).toContain('CASH_CREDIT_IN_CLOSED_MONTH');
    expect(r.stderr).toContain('2024年4月已结账，但月末库存现金（101）为贷方余额 1,300.00');
    expect(r.stderr).not.toContain('2024年2月已结账，但月末库存现金');
  });
});
