// 收益分配 end to end: plan, declare, show, pay, roll, bank file, notice; numbers computed by hand.
// Each test starts from a template ledger built once per file (Sandbox.from).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { expectRefused, expectUsage, Sandbox, type RunResult } from '../harness.js';
import { expectGolden } from '../golden.js';
import { main } from '../../src/cli/main.js';
import { Refusal } from '../../src/domain/errors.js';

let sb: Sandbox;
afterEach(() => sb?.cleanup());

const MEMBERS = [
  '成员编号,姓名,身份证号,户号,与户主关系,加入日期,状态,开户银行,银行账号',
  'X001,邓志强,441827196503121239,H01,户主,2016-01-01,正常,清新农商银行,6230000000000000011',
  'X002,李秀英,441827196807052340,H01,配偶,2016-01-01,,清新农商银行,6230000000000000029',
  'X003,邓伟,441827199001013450,H02,户主,2016-01-01,,,',
  'X004,邓福来,441827195511204566,H02,父亲,2016-01-01,,,',
].join('\n');

const OPTS = ['--project', 'tq', '--year', '2024', '--reserve', '10', '--withhold', '20', '--offset-debts'];
const TQ = ['--project', 'tq', '--year', '2024'];

/**
 * 汤泉 (tq) in 2024: income 12,000.00 − expense 2,000.00 = profit 10,000.00 (project lines only;
 * a 501 line of 777.00 without the project is not counted). Shares on 2024-01-01: X001 3, X002 2,
 * X003 1, X004 1 (7 in all). 113 内部往来: X003 owes 500.00, X004 owes 2,000.00.
 */
async function buildTq(s: Sandbox, bank = '102'): Promise<void> {
  await s.ok('init', '--name', '下迳乡村旅游经济合作社', '--start', '2024-01');
  if (bank !== '102') await s.ok('account', 'add', bank, '基本户');
  await s.ok('project', 'add', 'tq', '--name', '汤泉民宿', '--par', '100');
  await s.ok('import', 'members', s.file('members.csv', MEMBERS));
  const grants = ['日期,成员编号,项目,股种,股数,说明', '2024-01-01,X001,tq,募集股,3,', '2024-01-01,X002,tq,募集股,2,', '2024-01-01,X003,tq,募集股,1,', '2024-01-01,X004,tq,募集股,1,'];
  await s.ok('import', 'shares', s.file('shares.csv', grants.join('\n') + '\n'));
  await s.ok('voucher', 'add', '--date', '2024-03-08', '--summary', '汤泉门票', '--debit', `${bank}:12000`, '--credit', '501:12000:p=tq');
  await s.ok('voucher', 'add', '--date', '2024-04-08', '--summary', '汤泉水电', '--debit', '511:2000:p=tq', '--credit', `${bank}:2000`);
  await s.ok('voucher', 'add', '--date', '2024-05-08', '--summary', '其他收入', '--debit', `${bank}:777`, '--credit', '501:777');
  await s.ok('voucher', 'add', '--date', '2024-06-01', '--summary', '借款', '--debit', '113:500:m=X003', '--debit', '113:2000:m=X004', '--credit', `${bank}:2500`);
}

const tq = () => Sandbox.from('tq', buildTq);
/** tq with the 2024 distribution declared with OPTS. */
const tqDeclared = () =>
  Sandbox.from('tq-declared', async (s) => {
    await buildTq(s);
    await s.ok('dividend', 'declare', ...OPTS);
  });

/** Everything a refused dividend command must leave as it was: the vouchers and the tq declaration. */
async function state(s: Sandbox): Promise<string> {
  const vouchers = (await s.ok('voucher', 'list', '--format', 'json')).stdout;
  const show = await s.run('dividend', 'show', ...TQ, '--format', 'json');
  return vouchers + show.code + show.stdout;
}

/** A refusal (exit 1) with these codes that wrote nothing. */
async function refusedUnchanged(s: Sandbox, args: string[], ...codes: string[]): Promise<RunResult> {
  const before = await state(s);
  const r = await s.run(...args);
  expectRefused(r, ...codes);
  expect(r.stderr).not.toMatch(/at .*\.[jt]s/);
  expect(await state(s)).toBe(before);
  return r;
}

describe('dividend plan', () => {
  it('record date, reserve, withholding and offsets (hand-computed); writes nothing', async () => {
    sb = await tq();
    const before = await state(sb);
    const j = (await sb.ok('dividend', 'plan', ...OPTS, '--format', 'json')).json();
    // reserve = 10% × 10,000.00 = 1,000.00; pool = 9,000.00 over 7 shares.
    // exact: X001 3857.142857, X002 2571.428571, X003 1285.714285, X004 1285.714285 → floors in fen
    // 385714 + 257142 + 128571 + 128571 = 899998; 2 fen left: X002 (.857), then X003 (.428, tie with
    // X004 → the smaller id).
    // tax 20%: 771.428 → 771.43, 514.286 → 514.29, 257.144 → 257.14, 257.142 → 257.14.
    // offset: X003 min(500.00, 1285.72 − 257.14) = 500.00; X004 min(2000.00, 1285.71 − 257.14) = 1028.57.
    expect(j).toMatchObject({
      project: 'tq',
      year: 2024,
      profit: '10000.00',
      reserve: '1000.00',
      pool: '9000.00',
      totalWeight: '7',
      perShare: '1285.714286',
      basis: 'record-date',
      totals: { gross: '9000.00', tax: '1800.00', offset: '1528.57', net: '5671.43' },
      profitSource: { kind: 'project', income: '12000.00', expense: '2000.00' },
      options: { reserve: '10%', payout: '100%', withhold: '20%', offsetDebts: true, recordDate: '2024-12-31', basis: 'record-date' },
      emptyReason: null,
    });
    expect(Object.keys(j)).toEqual([
      'project', 'year', 'profit', 'lossCovered', 'reserve', 'pool', 'totalWeight', 'perShare', 'basis', 'allocations', 'totals', 'options', 'profitSource', 'emptyReason',
      'yearProfit', 'subsidiesExcluded', 'retainedBefore', 'declaredByOthers', 'otherDistributions', 'distributable', 'remaining',
    ]);
    // Where the profit came from: tq's own 10,000.00, nothing earlier; the collective's 可分配收益 is its
    // 本年收益 12,000.00 + 777.00 − 2,000.00 = 10,777.00 and nothing is declared yet.
    expect(j).toMatchObject({ yearProfit: '10000.00', subsidiesExcluded: '0.00', retainedBefore: '0.00', declaredByOthers: '0.00', distributable: '10777.00', remaining: '10777.00' });
    expect(j.allocations).toEqual([
      { member: 'X001', name: '邓志强', shares: '3', weight: '3', gross: '3857.14', tax: '771.43', offset: '0.00', net: '3085.71' },
      { member: 'X002', name: '李秀英', shares: '2', weight: '2', gross: '2571.43', tax: '514.29', offset: '0.00', net: '2057.14' },
      { member: 'X003', name: '邓伟', shares: '1', weight: '1', gross: '1285.72', tax: '257.14', offset: '500.00', net: '528.58' },
      { member: 'X004', name: '邓福来', shares: '1', weight: '1', gross: '1285.71', tax: '257.14', offset: '1028.57', net: '0.00' },
    ]);
    expect(await state(sb)).toBe(before);
    expectGolden('dividends/plan.txt', (await sb.ok('dividend', 'plan', ...OPTS)).stdout);
    const csv = (await sb.ok('dividend', 'plan', ...OPTS, '--format', 'csv')).bytes;
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expectGolden('dividends/plan.csv', csv);
  });

  it('planned again once declared, debts offset included, reproduces the declaration', async () => {
    // The declaration credited 113 with X003's 500.00 and X004's 1,028.57 on 2024-12-31; a plan of
    // the declared year counts those back (as it leaves the declaration out of what remains), so
    // the offsets are those of the first test: 500.00 and 1,028.57, net 528.58 and 0.00.
    sb = await tqDeclared();
    const again = (await sb.ok('dividend', 'plan', ...OPTS, '--format', 'json')).json();
    const shown = (await sb.ok('dividend', 'show', ...TQ, '--format', 'json')).json();
    expect(again.totals).toEqual({ gross: '9000.00', tax: '1800.00', offset: '1528.57', net: '5671.43' });
    for (const k of ['profit', 'reserve', 'pool', 'allocations', 'totals']) expect(again[k]).toEqual(shown[k]);
  });

  it('time-weighted in a leap year, payout 60%, household cap', async () => {
    sb = await Sandbox.from('tw', async (s) => {
      await s.ok('init', '--name', '下迳', '--start', '2024-01');
      await s.ok('project', 'add', 'tq', '--name', '汤泉民宿', '--par', '100');
      await s.ok('import', 'members', s.file('members.csv', MEMBERS));
      const grants = ['日期,成员编号,项目,股种,股数,说明', '2024-01-01,X001,tq,募集股,2,', '2024-07-01,X002,tq,募集股,2,', '2024-01-01,X003,tq,募集股,1,'];
      await s.ok('import', 'shares', s.file('shares.csv', grants.join('\n') + '\n'));
      // 可分配收益 1,000.00, so that --profit 1000 stays within it.
      await s.ok('voucher', 'add', '--date', '2024-03-08', '--summary', '汤泉门票', '--debit', '102:1000', '--credit', '501:1000:p=tq');
    });
    const j = (await sb.ok('dividend', 'plan', ...TQ, '--profit', '1000', '--payout', '60', '--basis', 'time-weighted', '--format', 'json')).json();
    // 2024 has 366 days; X002 holds 2 shares from 07-01: 184 days → weight 2 × 184 ÷ 366 = 368/366.
    // total = 2 + 368/366 + 1 = 1466/366. pool = 60% × 1,000.00 = 600.00 = 60000 fen.
    // X001 60000 × 732/1466 = 29959.0723; X002 60000 × 368/1466 = 15061.3915; X003 60000 × 366/1466 = 14979.5362
    // floors 59999, 1 fen to X003 (largest remainder). perShare = 600 × 366/1466 = 149.7953615…
    expect(j).toMatchObject({ profit: '1000.00', reserve: '0.00', pool: '600.00', totalWeight: '4.005464', perShare: '149.795362', basis: 'time-weighted' });
    expect(j.allocations.map((a: { member: string; shares: string; weight: string; gross: string }) => [a.member, a.shares, a.weight, a.gross])).toEqual([
      ['X001', '2', '2', '299.59'],
      ['X002', '2', '1.005464', '150.61'],
      ['X003', '1', '1', '149.80'],
    ]);
    expect(j.options.recordDate).toBeNull();
    const capped = (await sb.ok('dividend', 'plan', ...TQ, '--profit', '1000', '--cap-per-household', '1', '--format', 'json')).json();
    // record date: H01 holds 4 shares, capped to 1 → X001 0.5, X002 0.5; H02 X003 1. pool 1000.00 over 2.
    expect(capped.allocations.map((a: { member: string; weight: string; gross: string }) => [a.member, a.weight, a.gross])).toEqual([
      ['X001', '0.5', '250.00'],
      ['X002', '0.5', '250.00'],
      ['X003', '1', '500.00'],
    ]);
    expect(capped.options.capPerHousehold).toBe('1');
    const r = await sb.run('dividend', 'plan', ...TQ, '--basis', 'time-weighted', '--record-date', '2024-06-30');
    expect([r.code, r.codes]).toEqual([2, ['USAGE']]);
    const cap = await sb.run('dividend', 'plan', ...TQ, '--cap-per-household', '1.00001');
    expectUsage(cap, 'OPTION_VALUE');
  });

  it('profit ≤ 0 gives an empty plan with the reason; declare refuses it and writes nothing', async () => {
    sb = await tq();
    const j = (await sb.ok('dividend', 'plan', ...TQ, '--profit', '-100', '--reserve', '10', '--format', 'json')).json();
    expect(j).toMatchObject({ profit: '-100.00', reserve: '0.00', pool: '0.00', emptyReason: 'no-profit', totals: { gross: '0.00', net: '0.00' } });
    expect((await sb.ok('dividend', 'plan', '--project', 'tq', '--year', '2023')).stdout).toContain('没有可分配的收益');
    const r = await refusedUnchanged(sb, ['dividend', 'declare', '--project', 'tq', '--year', '2023'], 'DIVIDEND_EMPTY');
    expect(r.stderr).toContain('不能宣告');
  });

  it('declare with an --out it could not write is refused before anything is posted', async () => {
    sb = await tq();
    sb.file('declared.json', 'kept');
    await refusedUnchanged(sb, ['dividend', 'declare', ...OPTS, '--format', 'json', '--out', 'declared.json'], 'OUT_EXISTS');
    expect(fs.readFileSync(path.join(sb.dir, 'declared.json'), 'utf8')).toBe('kept');
    await refusedUnchanged(sb, ['dividend', 'declare', ...OPTS, '--out', path.join('no-such-folder', 'd.json')], 'OUT_DIR');
    await refusedUnchanged(sb, ['dividend', 'declare', ...OPTS, '--out', 'ledger.db', '--force'], 'OUT_IS_LEDGER');
    // A name the file system takes, but not with the temporary file's longer name beside it.
    const long = `${'分'.repeat(82)}.json`; // 251 bytes; the temporary name's would pass 255
    await refusedUnchanged(sb, ['dividend', 'declare', ...OPTS, '--out', long], 'OUT_FILE');
    await refusedUnchanged(sb, ['dividend', 'declare', ...OPTS, '--format', 'json', '--out', 'declared.csv'], 'OUT_FORMAT');
    expect(fs.existsSync(path.join(sb.dir, 'declared.csv'))).toBe(false);
    // A format sanzi does not write, named by the extension alone: refused before the declaration.
    await refusedUnchanged(sb, ['dividend', 'declare', ...OPTS, '--out', 'declared.pdf'], 'OUT_UNSUPPORTED');
    expect(fs.existsSync(path.join(sb.dir, 'declared.pdf'))).toBe(false);
    // A workbook for a terminal, likewise.
    const before = await state(sb);
    let err = '';
    let codes: string[] = [];
    const io = { stdout: () => undefined, stderr: (c: string) => void (err += c), cwd: sb.dir, env: {}, columns: 120, onRefusal: (r: Refusal) => void (codes = r.errors.map((e) => e.code)) };
    expect(await main(['node', 'sanzi', '--db', sb.db, 'dividend', 'declare', ...OPTS, '--format', 'xlsx'], io)).toBe(2);
    expect(codes).toEqual(['XLSX_TO_TERMINAL']);
    expect(err).toContain('--out 文件名.xlsx');
    expect(await state(sb)).toBe(before);
    // With --force the same file is replaced, and the declaration posted once.
    const d = JSON.parse((await sb.ok('dividend', 'declare', ...OPTS, '--format', 'json', '--out', 'declared.json', '--force')).stdout || fs.readFileSync(path.join(sb.dir, 'declared.json'), 'utf8'));
    expect(d.year).toBe(2024);
    expect((await sb.ok('dividend', 'show', ...TQ, '--format', 'json')).json()).toMatchObject({ year: 2024 });
  });

  it('main: the whole ledger’s 本年收益, 弥补亏损 of an opening debit on 32202', async () => {
    sb = await Sandbox.from('main-loss', async (s) => {
      await s.ok('init', '--name', '下迳', '--start', '2023-01');
      await s.ok('import', 'members', s.file('members.csv', MEMBERS));
      await s.ok('import', 'shares', s.file('s.csv', '日期,成员编号,项目,股种,股数,说明\n2023-01-01,X001,main,人口股,1,\n2023-01-01,X003,main,人口股,1,\n'));
      // 2023: a loss of 300.00, closed into 32202 (debit).
      await s.ok('voucher', 'add', '--date', '2023-05-01', '--summary', '管理费用', '--debit', '513:300', '--credit', '102:300');
      for (let m = 1; m <= 11; m++) await s.ok('period', 'close', `2023-${String(m).padStart(2, '0')}`);
      await s.ok('year', 'close', '2023');
      // 2024: income 1,000.00 − 200.00 = 800.00; loss covered 300.00 → 500.00.
      await s.ok('voucher', 'add', '--date', '2024-02-01', '--summary', '租金', '--debit', '102:1000', '--credit', '501:1000');
      await s.ok('voucher', 'add', '--date', '2024-02-02', '--summary', '管理费用', '--debit', '513:200', '--credit', '102:200');
    });
    const j = (await sb.ok('dividend', 'plan', '--project', 'main', '--year', '2024', '--reserve', '10', '--format', 'json')).json();
    // profit after the loss: 800.00 − 300.00 = 500.00; reserve = 10% × 500.00 = 50.00; pool 450.00 split 1:1.
    // 可分配收益 = 800.00 + 年初未分配收益 −300.00 = 500.00: exactly what is taken.
    expect(j).toMatchObject({ profit: '500.00', lossCovered: '300.00', reserve: '50.00', pool: '450.00', profitSource: { kind: 'ledger', income: '1000.00', expense: '200.00' } });
    expect(j).toMatchObject({ yearProfit: '800.00', retainedBefore: '-300.00', distributable: '500.00', remaining: '500.00' });
    expect(j.allocations.map((a: { gross: string }) => a.gross)).toEqual(['225.00', '225.00']);
    expect((await sb.ok('dividend', 'plan', '--project', 'main', '--year', '2024')).stdout).toContain('弥补以前年度亏损');
  });

  it('an unknown project is refused', async () => {
    sb = await tq();
    expectRefused(await sb.run('dividend', 'plan', '--project', 'nope', '--year', '2024'), 'PROJECT_UNKNOWN');
  });
});

describe('dividend declare and show', () => {
  it('declare posts the entries; trial balance and income statement agree; verify is clean', async () => {
    sb = await tq();
    const d = await sb.ok('dividend', 'declare', ...OPTS, '--format', 'json');
    expect(d.stderr).toContain('已宣告 2024 年分配：公积公益金 1000.00，向成员分配 9000.00，凭证 2024-12/1、2024-12/2');
    const dj = d.json();
    expect(dj.totals).toEqual({ gross: '9000.00', tax: '1800.00', offset: '1528.57', net: '5671.43' });
    expect(dj.vouchers).toEqual(['2024-12/1', '2024-12/2']);
    expect(dj.declaredAt).toBe('2026-01-15 10:00:00');

    const journal = (await sb.ok('report', 'journal', '--from', '2024-12', '--to', '2024-12', '--format', 'json')).json();
    expect(journal.vouchers.map((v: { date: string; summary: string }) => [v.date, v.summary])).toEqual([
      ['2024-12-31', '2024年汤泉民宿提取公积公益金'],
      ['2024-12-31', '2024年汤泉民宿向成员分配收益'],
    ]);
    const lines = (v: { lines: { account: string; debit: string; credit: string; member: string | null; project: string | null }[] }) =>
      v.lines.map((l) => [l.account, l.debit, l.credit, l.member, l.project]);
    expect(lines(journal.vouchers[0])).toEqual([
      ['3220101', '1000.00', '0.00', null, 'tq'],
      ['311', '0.00', '1000.00', null, 'tq'],
    ]);
    // Dr 3220102 gross 9,000.00 = Cr 211 nets 5,671.43 + 214 tax 1,800.00 + 113 offsets 1,528.57; the tax
    // withheld on a line per member (771.43 + 514.29 + 257.14 + 257.14 = 1,800.00).
    expect(lines(journal.vouchers[1])).toEqual([
      ['3220102', '9000.00', '0.00', null, 'tq'],
      ['211', '0.00', '3085.71', 'X001', 'tq'],
      ['211', '0.00', '2057.14', 'X002', 'tq'],
      ['211', '0.00', '528.58', 'X003', 'tq'],
      ['214', '0.00', '771.43', 'X001', 'tq'],
      ['214', '0.00', '514.29', 'X002', 'tq'],
      ['214', '0.00', '257.14', 'X003', 'tq'],
      ['214', '0.00', '257.14', 'X004', 'tq'],
      ['113', '0.00', '500.00', 'X003', 'tq'],
      ['113', '0.00', '1028.57', 'X004', 'tq'],
    ]);

    const tb = (await sb.ok('report', 'trial-balance', '--from', '2024-01', '--to', '2024-12', '--format', 'json')).json();
    const closing = Object.fromEntries(tb.rows.map((r: { account: string; closing: string }) => [r.account, r.closing]));
    // 113: 2,500.00 lent − 1,528.57 offset = 971.43
    expect([closing['211'], closing['214'], closing['311'], closing['3220101'], closing['3220102'], closing['113']]).toEqual([
      '-5671.43',
      '-1800.00',
      '-1000.00',
      '1000.00',
      '9000.00',
      '971.43',
    ]);
    expect(tb.totals.debit).toBe(tb.totals.credit);

    const inc = (await sb.ok('report', 'income', '--year', '2024', '--format', 'json')).json();
    const line = Object.fromEntries(inc.lines.map((l: { label: string; amount: string }) => [l.label, l.amount]));
    // 本年收益 of the whole ledger: 12,000.00 + 777.00 − 2,000.00
    expect([line['本年收益'], line['提取公积公益金'], line['向成员分配'], line['年末未分配收益']]).toEqual(['10777.00', '1000.00', '9000.00', '777.00']);
    expect((await sb.run('verify')).code).toBe(0);
  });

  it('a second declaration is refused and writes nothing', async () => {
    sb = await tqDeclared();
    const r = await refusedUnchanged(sb, ['dividend', 'declare', ...OPTS], 'DIVIDEND_DECLARED');
    expect(r.stderr).toContain('不能重复宣告');
  });

  it('declare is refused while December is closed, and writes nothing', async () => {
    sb = await tq();
    for (let m = 1; m <= 11; m++) await sb.ok('period', 'close', `2024-${String(m).padStart(2, '0')}`);
    await sb.ok('year', 'close', '2024');
    const r = await refusedUnchanged(sb, ['dividend', 'declare', ...OPTS], 'PERIOD_CLOSED');
    // Both vouchers fall in the closed month: said once.
    expect(r.codes).toEqual(['PERIOD_CLOSED']);
    expectRefused(await sb.run('dividend', 'show', ...TQ), 'DIVIDEND_NOT_DECLARED');
  });

  it('show prints the declaration as declared, even after the ledger moves on', async () => {
    sb = await tq();
    const dj = (await sb.ok('dividend', 'plan', ...OPTS, '--format', 'json')).json();
    await sb.ok('dividend', 'declare', ...OPTS);
    // Afterwards X003 and X004 owe less (their offsets are posted) and tq earns more: a new plan differs.
    await sb.ok('voucher', 'add', '--date', '2024-12-30', '--summary', '再收', '--debit', '102:5000', '--credit', '501:5000:p=tq');
    const show = (await sb.ok('dividend', 'show', ...TQ, '--format', 'json')).json();
    for (const k of ['profit', 'reserve', 'pool', 'perShare', 'allocations', 'totals', 'options', 'profitSource']) expect(show[k]).toEqual(dj[k]);
    expect([show.declaredAt, show.vouchers, show.paid]).toEqual(['2026-01-15 10:00:00', ['2024-12/1', '2024-12/2'], '0.00']);
    expectGolden('dividends/show.txt', (await sb.ok('dividend', 'show', ...TQ)).stdout);
    expectGolden('dividends/show.csv', (await sb.ok('dividend', 'show', ...TQ, '--format', 'csv')).bytes);
  });
});

describe('dividend pay', () => {
  it('pays one member, then the rest; every refusal writes nothing', async () => {
    sb = await tqDeclared();
    const p1 = await sb.ok('dividend', 'pay', ...TQ, '--date', '2025-01-20', '--member', 'X001');
    expect(p1.stdout).toBe('已发放 1 人分红，合计 3085.71 元，凭证 2025-01/1\n');
    // Paid already and dated before the declaration: both reasons at once.
    await refusedUnchanged(sb, ['dividend', 'pay', ...TQ, '--date', '2024-12-01', '--member', 'X001'], 'DIVIDEND_PAY_DATE', 'DIVIDEND_PAID');
    // Money paid on a day the user names is never dated after today (2026-01-15 in these tests).
    await refusedUnchanged(sb, ['dividend', 'pay', ...TQ, '--date', '2026-01-16', '--member', 'X002'], 'ENTRY_FUTURE_DATE');
    // X004 nets 0 (all offset); X009 is not in the plan.
    await refusedUnchanged(sb, ['dividend', 'pay', ...TQ, '--date', '2025-01-21', '--member', 'X004'], 'DIVIDEND_NO_MEMBER');
    await refusedUnchanged(sb, ['dividend', 'pay', ...TQ, '--date', '2025-01-21', '--member', 'X009'], 'DIVIDEND_NO_MEMBER');
    // Paid from an income account, a payable or 内部往来, no money would leave: refused, nothing written.
    for (const account of ['501', '211', '113']) await refusedUnchanged(sb, ['dividend', 'pay', ...TQ, '--date', '2025-01-21', '--account', account], 'DIVIDEND_PAY_ACCOUNT');
    const rest = await sb.ok('dividend', 'pay', ...TQ, '--date', '2025-01-21', '--account', '101');
    // X002 2,057.14 + X003 528.58 (X004 nets 0 and is not paid)
    expect(rest.stdout).toBe('已发放 2 人分红，合计 2585.72 元，凭证 2025-01/2\n');
    const all = await refusedUnchanged(sb, ['dividend', 'pay', ...TQ, '--date', '2025-01-22'], 'DIVIDEND_PAID');
    expect(all.stderr).toContain('已全部发放');
    const tb = (await sb.ok('report', 'trial-balance', '--from', '2025-01', '--to', '2025-01', '--format', 'json')).json();
    const row = (a: string) => tb.rows.find((r: { account: string }) => r.account === a);
    // 211: 5,671.43 declared, 3,085.71 + 2,585.72 paid.
    expect(row('211')).toMatchObject({ opening: '-5671.43', debit: '5671.43', closing: '0.00' });
    expect(row('101')).toMatchObject({ credit: '2585.72' });
    expect(row('102')).toMatchObject({ credit: '3085.71' });
    expect((await sb.ok('dividend', 'show', ...TQ, '--format', 'json')).json().paid).toBe('5671.43');
    expect((await sb.run('verify')).code).toBe(0);
  });

  it('nothing is paid before the declaration', async () => {
    sb = await tq();
    await refusedUnchanged(sb, ['dividend', 'pay', ...TQ, '--date', '2025-01-20'], 'DIVIDEND_NOT_DECLARED');
  });
});

describe('dividend roll and bank file', () => {
  it('nothing is printed before the declaration, with or without options', async () => {
    sb = await tq();
    await refusedUnchanged(sb, ['dividend', 'roll', ...TQ], 'DIVIDEND_NOT_DECLARED');
    await refusedUnchanged(sb, ['dividend', 'roll', ...OPTS, '--format', 'json'], 'DIVIDEND_NOT_DECLARED');
    await refusedUnchanged(sb, ['dividend', 'roll', ...TQ, '--format', 'bank'], 'DIVIDEND_NOT_DECLARED');
  });

  it('masked IDs, 大写, a signature column; printed as declared', async () => {
    sb = await tqDeclared();
    const roll = (await sb.ok('dividend', 'roll', ...TQ, '--format', 'json')).json();
    expect(roll).toMatchObject({ project: 'tq', year: 2024, declared: true, perShare: '1285.714286' });
    expect(roll.rows[0]).toEqual({ member: 'X001', name: '邓志强', household: 'H01', idCard: '441827********1239', shares: '3', gross: '3857.14', tax: '771.43', offset: '0.00', net: '3085.71', netInWords: '叁仟零捌拾伍元柒角壹分' });
    expect(roll.rows[3]).toMatchObject({ member: 'X004', net: '0.00', netInWords: '零元整' });
    expect(roll.totals).toEqual({ gross: '9000.00', tax: '1800.00', offset: '1528.57', net: '5671.43', netInWords: '伍仟陆佰柒拾壹元肆角叁分' });
    const csv = (await sb.ok('dividend', 'roll', ...TQ, '--format', 'csv')).bytes;
    expect(csv.toString('utf8')).not.toContain('441827199001013450');
    expectGolden('dividends/roll.csv', csv);
    expectGolden('dividends/roll.txt', (await sb.ok('dividend', 'roll', ...TQ)).stdout);
    // A declared year takes no distribution options (usage, exit 2).
    const r = await sb.run('dividend', 'roll', ...TQ, '--reserve', '5');
    expect([r.code, r.codes]).toEqual([2, ['USAGE']]);
  });

  it('the bank file names every payee without an account, and writes nothing', async () => {
    sb = await tqDeclared();
    // X003 (net 528.58) has no account; X004 (net 0) is no payee.
    const bank = await refusedUnchanged(sb, ['dividend', 'roll', ...TQ, '--format', 'bank'], 'BANK_ACCOUNT_MISSING');
    expect(bank.stderr).toContain('：X003 邓伟\n');
    expect(bank.stdout).toBe('');
  });

  it('the bank file of the payees not paid yet', async () => {
    sb = await tq();
    // Without offsets and withholding X003 and X004 are payees too; pay them in cash first.
    await sb.ok('dividend', 'declare', ...TQ, '--reserve', '10');
    expect((await sb.run('dividend', 'roll', ...TQ, '--format', 'bank')).stderr).toContain('X003 邓伟、X004 邓福来');
    await sb.ok('dividend', 'pay', ...TQ, '--date', '2025-01-05', '--member', 'X003', '--account', '101');
    await sb.ok('dividend', 'pay', ...TQ, '--date', '2025-01-05', '--member', 'X004', '--account', '101');
    const r = await sb.ok('dividend', 'roll', ...TQ, '--format', 'bank');
    // pool 9,000.00 over 7 shares: X001 3 → 3,857.14, X002 2 → 2,571.43 (as in the plan above).
    expect(r.stdout.replace(/^\uFEFF/, '').split('\r\n')).toEqual([
      '户名,银行账号,开户银行,金额,成员编号,用途',
      '邓志强,6230000000000000011,清新农商银行,3857.14,X001,2024年汤泉民宿分红',
      '李秀英,6230000000000000029,清新农商银行,2571.43,X002,2024年汤泉民宿分红',
      '',
    ]);
    expectGolden('dividends/bank.csv', r.bytes);
    await sb.ok('dividend', 'roll', ...TQ, '--format', 'bank', '--out', '代发.csv');
    expect(fs.readFileSync(path.join(sb.dir, '代发.csv'))).toEqual(r.bytes);
    await sb.ok('dividend', 'pay', ...TQ, '--date', '2025-01-06');
    expectRefused(await sb.run('dividend', 'roll', ...TQ, '--format', 'bank'), 'DIVIDEND_NOTHING_TO_PAY');
  });

  it('--account 102, the default as the synopsis shows it, is 102’s only leaf, as the default is (pay, contribute)', async () => {
    // tq's books with the bank account under 102 (10201) from the start: 12,000.00 − 2,000.00, reserve 10%.
    sb = await Sandbox.from('tq-10201', async (s) => {
      await buildTq(s, '10201');
      await s.ok('dividend', 'declare', ...TQ, '--reserve', '10');
    });
    // pool 9,000.00 over 7 shares: X001's 3 → 3,857.14.
    await sb.ok('dividend', 'pay', ...TQ, '--date', '2025-01-05', '--member', 'X001', '--account', '102');
    await sb.ok('contribute', '--member', 'X002', '--project', 'tq', '--date', '2025-01-06', '--cash', '100', '--account', '102');
    const tb = (await sb.ok('report', 'trial-balance', '--from', '2025-01', '--to', '2025-01', '--format', 'json')).json();
    expect(tb.rows.find((r: { account: string }) => r.account === '10201')).toMatchObject({ debit: '100.00', credit: '3857.14' });
  });

  it('a member corrected after the declaration: the roll, the notice and the bank file print the name, household and account of now', async () => {
    sb = await tq();
    await sb.ok('dividend', 'declare', ...TQ, '--reserve', '10');
    await sb.ok('member', 'edit', 'X001', '--name', '邓志刚', '--household', 'H09', '--bank', '工商银行', '--bank-account', '6222000000000000001');
    const roll = (await sb.ok('dividend', 'roll', ...TQ, '--format', 'json')).json();
    expect(roll.rows[0]).toMatchObject({ member: 'X001', name: '邓志刚', household: 'H09', idCard: '441827********1239', gross: '3857.14' });
    expect(roll.rows[1]).toMatchObject({ member: 'X002', name: '李秀英', household: 'H01' });
    const notice = (await sb.ok('dividend', 'notice', ...TQ, '--format', 'csv')).stdout;
    expect(notice).toContain('X001,邓志刚,H09,');
    await sb.ok('dividend', 'pay', ...TQ, '--date', '2025-01-05', '--member', 'X003', '--account', '101');
    await sb.ok('dividend', 'pay', ...TQ, '--date', '2025-01-05', '--member', 'X004', '--account', '101');
    const bank = (await sb.ok('dividend', 'roll', ...TQ, '--format', 'bank')).stdout.replace(/^\uFEFF/, '').split('\r\n');
    expect(bank[1]).toBe('邓志刚,6222000000000000001,工商银行,3857.14,X001,2024年汤泉民宿分红');
    // The declaration itself is as it was computed: its stored plan keeps the name it was made with.
    expect((await sb.ok('dividend', 'show', ...TQ, '--format', 'json')).stdout).toContain('邓志强');
    expect((await sb.run('verify')).code).toBe(0);
  });
});

describe('dividend notice', () => {
  it('CSV and a printable page, masked IDs only, values escaped', async () => {
    sb = await tqDeclared();
    const notice = (await sb.ok('dividend', 'notice', ...TQ, '--format', 'csv')).bytes;
    expect(notice.toString('utf8')).not.toMatch(/\d{17}[\dX]/);
    expectGolden('dividends/notice.csv', notice);
    const j = (await sb.ok('dividend', 'notice', ...TQ, '--format', 'json')).json();
    expect([j.title, j.declared, j.allocations[2].idCard, j.allocations[2].net]).toEqual(['下迳乡村旅游经济合作社汤泉民宿2024年度收益分配公示', true, '441827********3450', '528.58']);

    await sb.ok('dividend', 'notice', ...TQ, '--html', 'notice.html');
    const html = fs.readFileSync(path.join(sb.dir, 'notice.html'), 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('@page { size: A4');
    expect(html).toContain('<h1>下迳乡村旅游经济合作社汤泉民宿2024年度收益分配公示</h1>');
    expect(html).toContain('441827********3450');
    expect(html).not.toMatch(/\d{17}[\dX]/);
    expect(html).toContain('9,000.00');
    // The 10,000.00 distributed is not called 可分配收益: that is the collective's 10,777.00 of the
    // income statement, which the notice's source line gives under that name.
    expect(html).toContain('2024年本次分配的收益 10,000.00 元。');
    expect(html).not.toContain('可分配收益 10,000.00');
    expect(html).toContain('本集体 2024 年可分配收益 10,777.00');
    expect(html).not.toMatch(/<script|<link|src=/);
    // The same page through --format html, or an --out FILE.html; an existing file needs --force.
    expect((await sb.ok('dividend', 'notice', ...TQ, '--format', 'html')).stdout).toBe(html);
    await sb.ok('dividend', 'notice', ...TQ, '--out', 'n2.html');
    expect(fs.readFileSync(path.join(sb.dir, 'n2.html'), 'utf8')).toBe(html);
    expectRefused(await sb.run('dividend', 'notice', ...TQ, '--html', 'notice.html'), 'OUT_EXISTS');
    await sb.ok('dividend', 'notice', ...TQ, '--html', 'notice.html', '--force');
  });

  it('nothing is posted as a notice before the declaration', async () => {
    sb = await tq();
    await refusedUnchanged(sb, ['dividend', 'notice', ...TQ], 'DIVIDEND_NOT_DECLARED');
    await refusedUnchanged(sb, ['dividend', 'notice', ...OPTS, '--html', 'n.html'], 'DIVIDEND_NOT_DECLARED');
    expect(fs.existsSync(path.join(sb.dir, 'n.html'))).toBe(false);
  });
});
