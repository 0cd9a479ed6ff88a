// 收益分配 integrity end to end: losses made up first, subsidies left out, the ceiling of 可分配收益,
// members not active, 加入日期, tax per member, dividend cancel, contribution cancel, voucher reverse of
// what a register posted, the income statement after all of it. Every figure computed by hand.
import { afterEach, describe, expect, it } from 'vitest';
import { expectRefused, Sandbox, type RunResult } from '../harness.js';

let sb: Sandbox;
afterEach(() => sb?.cleanup());

const MEMBERS = [
  '成员编号,姓名,身份证号,户号,与户主关系,加入日期,状态',
  'X001,邓志强,441827196503121239,H01,户主,2016-01-01,正常',
  'X002,李秀英,441827196807052340,H01,配偶,2016-01-01,',
  'X003,邓伟,441827199001013450,H02,户主,2016-01-01,',
  'X004,邓福来,441827195511204566,H02,父亲,2016-01-01,',
  'X005,何新,,H03,户主,2024-06-01,',
].join('\n');

const SHARES = [
  '日期,成员编号,项目,股种,股数,说明',
  '2022-01-01,X001,tq,募集股,2,',
  '2022-01-01,X002,tq,募集股,1,',
  '2022-01-01,X001,main,人口股,1,',
  '2022-01-01,X003,main,人口股,1,',
  '2022-01-01,X004,main,人口股,1,',
].join('\n');

async function closeYear(s: Sandbox, y: number): Promise<void> {
  for (let m = 1; m <= 11; m++) await s.ok('period', 'close', `${y}-${String(m).padStart(2, '0')}`);
  await s.ok('year', 'close', String(y));
}

const post = (s: Sandbox, date: string, summary: string, debit: string, credit: string) => s.ok('voucher', 'add', '--date', date, '--summary', summary, '--debit', debit, '--credit', credit);

/**
 * 汤泉 (tq) lost 4,000.00 in 2022 and 1,000.00 in 2023 (1,000.00 − 2,000.00): −5,000.00 to make up.
 * The collective: 2022 10,000.00 − 4,000.00 = 6,000.00; 2023 1,000.00 + 3,000.00 − 2,000.00 = 2,000.00,
 * so 年初未分配收益 2024 = 8,000.00.
 * 2024, tq: 501 9,000.00 + 503 2,000.00 − 511 1,000.00 = 10,000.00 (2,000.00 of it subsidies).
 * 2024, the collective: 10,000.00 + 503 1,000.00 − 513 500.00 = 本年收益 10,500.00 (3,000.00 subsidies);
 * 可分配收益 = 10,500.00 + 8,000.00 = 18,500.00.
 */
async function build(s: Sandbox): Promise<void> {
  await s.ok('init', '--name', '测试合作社', '--start', '2022-01');
  await s.ok('project', 'add', 'tq', '--name', '汤泉民宿', '--par', '100');
  await s.ok('import', 'members', s.file('members.csv', MEMBERS));
  await s.ok('import', 'shares', s.file('shares.csv', SHARES));
  await post(s, '2022-03-01', '林地租金', '102:10000', '501:10000');
  await post(s, '2022-03-02', '汤泉开办费', '511:4000:p=tq', '102:4000');
  await closeYear(s, 2022);
  await post(s, '2023-03-01', '汤泉门票', '102:1000', '501:1000:p=tq');
  await post(s, '2023-03-02', '汤泉水电', '511:2000:p=tq', '102:2000');
  await post(s, '2023-03-03', '林地租金', '102:3000', '501:3000');
  await closeYear(s, 2023);
  await post(s, '2024-03-01', '汤泉门票', '102:9000', '501:9000:p=tq');
  await post(s, '2024-03-02', '汤泉乡村振兴补助', '102:2000', '503:2000:p=tq');
  await post(s, '2024-03-03', '汤泉水电', '511:1000:p=tq', '102:1000');
  await post(s, '2024-03-04', '村道补助', '102:1000', '503:1000');
  await post(s, '2024-03-05', '办公费', '513:500', '102:500');
}

const base = () => Sandbox.from('integrity', build);
const TQ = ['--project', 'tq', '--year', '2024'];
const MAIN = ['--project', 'main', '--year', '2024'];
/** tq declared: reserve 10%, tax 20%. */
const TQ_DECLARE = ['dividend', 'declare', ...TQ, '--reserve', '10', '--withhold', '20'];
const tqDeclared = () =>
  Sandbox.from('integrity-tq', async (s) => {
    await build(s);
    await s.ok(...TQ_DECLARE);
  });

/** The vouchers, the share registers and the tq and main declarations: what a refused command must leave. */
async function state(s: Sandbox): Promise<string> {
  const parts = [
    (await s.ok('voucher', 'list', '--format', 'json')).stdout,
    (await s.ok('shares', '--project', 'tq', '--as-of', '2024-12-31', '--format', 'json')).stdout,
    (await s.ok('shares', '--project', 'main', '--as-of', '2024-12-31', '--format', 'json')).stdout,
    (await s.ok('contribution', 'list', '--format', 'json')).stdout,
  ];
  for (const p of [TQ, MAIN]) {
    const r = await s.run('dividend', 'show', ...p, '--format', 'json');
    parts.push(String(r.code), r.stdout);
  }
  return parts.join('\n');
}

async function refusedUnchanged(s: Sandbox, args: string[], ...codes: string[]): Promise<RunResult> {
  const before = await state(s);
  const r = await s.run(...args);
  expectRefused(r, ...codes);
  expect(r.stderr).not.toMatch(/at .*\.[jt]s/);
  expect(await state(s)).toBe(before);
  return r;
}

const planJson = async (s: Sandbox, ...args: string[]) => (await s.ok('dividend', 'plan', ...args, '--format', 'json')).json();
const grosses = (j: { allocations: { member: string; gross: string }[] }) => j.allocations.map((a) => [a.member, a.gross]);

async function income(s: Sandbox): Promise<Record<string, string>> {
  const j = (await s.ok('report', 'income', '--year', '2024', '--format', 'json')).json();
  return Object.fromEntries(j.lines.map((l: { label: string; amount: string }) => [l.label, l.amount]));
}

describe('the profit of a plan', () => {
  it('a project that lost money for years makes up its losses first; subsidies are left out unless included', async () => {
    sb = await base();
    const j = await planJson(sb, ...TQ, '--reserve', '10');
    // 10,000.00 − 2,000.00 subsidies = 8,000.00; 5,000.00 of it makes up 2022–2023 → profit 3,000.00;
    // reserve 300.00; pool 2,700.00 over 3 shares: X001 2 → 1,800.00, X002 1 → 900.00.
    expect(j).toMatchObject({ profit: '3000.00', lossCovered: '5000.00', reserve: '300.00', pool: '2700.00', perShare: '900.000000' });
    expect(j).toMatchObject({ yearProfit: '10000.00', subsidiesExcluded: '2000.00', retainedBefore: '-5000.00', declaredByOthers: '0.00', distributable: '18500.00', remaining: '18500.00' });
    expect(j.profitSource).toEqual({ kind: 'project', income: '11000.00', expense: '1000.00' });
    expect(grosses(j)).toEqual([['X001', '1800.00'], ['X002', '900.00']]);
    const table = (await sb.ok('dividend', 'plan', ...TQ, '--reserve', '10')).stdout;
    for (const line of ['减：补助收入（不参与分配）', '减：弥补以前年度亏损', '本次分配的收益', '尚可分配（本次上限）']) expect(table).toContain(line);

    // --include-subsidies: 10,000.00 − 5,000.00 = 5,000.00; reserve 500.00; pool 4,500.00 → 3,000.00 / 1,500.00.
    const incl = await planJson(sb, ...TQ, '--reserve', '10', '--include-subsidies');
    expect(incl).toMatchObject({ profit: '5000.00', lossCovered: '5000.00', reserve: '500.00', pool: '4500.00', subsidiesExcluded: '0.00' });
    expect(incl.options.includeSubsidies).toBe(true);

    // 2023: tq's 1,000.00 − 2,000.00 is a loss; nothing to distribute.
    expect(await planJson(sb, '--project', 'tq', '--year', '2023')).toMatchObject({ profit: '-1000.00', pool: '0.00', emptyReason: 'no-profit', retainedBefore: '-4000.00' });
  });

  it("main after a project's declaration: the ledger's 本年收益 without subsidies, less what tq declared", async () => {
    sb = await tqDeclared();
    const j = await planJson(sb, ...MAIN);
    // 10,500.00 − 3,000.00 subsidies = 7,500.00; 年初未分配收益 +8,000.00 (no loss); tq took 300.00 + 2,700.00
    // → 4,500.00 over X001, X003, X004 (1 share each): 1,500.00 each. What remains: 18,500.00 − 3,000.00.
    expect(j).toMatchObject({ profit: '4500.00', lossCovered: '0.00', pool: '4500.00', declaredByOthers: '3000.00', retainedBefore: '8000.00', remaining: '15500.00' });
    expect(grosses(j)).toEqual([['X001', '1500.00'], ['X003', '1500.00'], ['X004', '1500.00']]);
    expect((await sb.ok('dividend', 'plan', ...MAIN)).stdout).toContain('减：其他项目已宣告的分配');
    await sb.ok('dividend', 'declare', ...MAIN);
    // 可分配收益 18,500.00 − reserve 300.00 − to members 2,700.00 + 4,500.00 = 11,000.00 left.
    const inc = await income(sb);
    expect([inc['本年收益'], inc['年初未分配收益'], inc['可分配收益'], inc['提取公积公益金'], inc['向成员分配'], inc['年末未分配收益']]).toEqual([
      '10500.00', '8000.00', '18500.00', '300.00', '7200.00', '11000.00',
    ]);
    // tq planned again reproduces what it declared: its own declaration is left out of what remains.
    const again = await planJson(sb, ...TQ, '--reserve', '10', '--withhold', '20');
    const shown = (await sb.ok('dividend', 'show', ...TQ, '--format', 'json')).json();
    for (const k of ['profit', 'lossCovered', 'reserve', 'pool', 'allocations', 'totals']) expect(again[k]).toEqual(shown[k]);
    // …and main sees tq's 3,000.00 as declared by others, its own 4,500.00 not: the same 4,500.00 again.
    expect((await planJson(sb, ...MAIN)).pool).toBe('4500.00');
    expect((await sb.run('verify')).code).toBe(0);
  });
});

describe('the ceiling: never more than what remains distributable', () => {
  it('--profit is taken as given, but reserve + pool above what remains is refused with both figures', async () => {
    sb = await base();
    // 可分配收益 18,500.00; 50,000.00 would leave 年末未分配收益 at −31,500.00.
    const r = await refusedUnchanged(sb, ['dividend', 'declare', ...MAIN, '--profit', '50000'], 'DIVIDEND_EXCEEDS');
    expect(r.stderr).toContain('合计 50,000.00，超过 2024 年尚可分配的收益 18,500.00');
    expectRefused(await sb.run('dividend', 'plan', ...TQ, '--profit', '18500.01'), 'DIVIDEND_EXCEEDS');
    // Exactly what remains is allowed: --profit is not made to cover tq's losses.
    expect(await planJson(sb, ...TQ, '--profit', '18500')).toMatchObject({ profit: '18500.00', lossCovered: '0.00', pool: '18500.00' });
    // A reserve + pool within it, from a larger profit (payout 50%): 40,000.00 × 40% = 16,000.00 → allowed.
    expect(await planJson(sb, ...TQ, '--profit', '40000', '--payout', '40')).toMatchObject({ pool: '16000.00' });
  });

  it('what a project declared is taken out of what remains for every other plan, any project', async () => {
    sb = await tqDeclared();
    // 18,500.00 − 3,000.00 = 15,500.00 left for main.
    expect(await planJson(sb, ...MAIN, '--profit', '15500')).toMatchObject({ pool: '15500.00', remaining: '15500.00' });
    const r = await refusedUnchanged(sb, ['dividend', 'declare', ...MAIN, '--profit', '15500.01'], 'DIVIDEND_EXCEEDS');
    expect(r.stderr).toContain('已宣告的其他分配 3,000.00');
    // tq itself, planned again, may take the whole 18,500.00 (its own declaration is left out).
    expect(await planJson(sb, ...TQ, '--profit', '18500')).toMatchObject({ pool: '18500.00' });
  });
});

describe('members not active, and 加入日期', () => {
  it('a deceased holder is refused until the inheritance; time-weighted, the days before it count for the estate', async () => {
    sb = await base();
    await sb.ok('member', 'status', 'X004', '--status', '已故', '--date', '2024-06-12');
    const r = await refusedUnchanged(sb, ['dividend', 'declare', ...MAIN], 'DIVIDEND_INACTIVE_HOLDER');
    expect(r.stderr).toContain('成员「X004 邓福来」在 2024-12-31 的状态为「已故」，仍持有项目 main 1 股');
    expect(r.stderr).toContain('sanzi shares transfer --project main --from X004');
    expectRefused(await sb.run('dividend', 'plan', ...MAIN, '--basis', 'time-weighted'), 'DIVIDEND_INACTIVE_HOLDER');
    // Over the ceiling as well (20,000.00 against the 18,500.00 that remains): both reasons at once.
    const both = await sb.run('dividend', 'plan', ...MAIN, '--profit', '20000');
    expect([both.code, both.codes]).toEqual([1, ['DIVIDEND_INACTIVE_HOLDER', 'DIVIDEND_EXCEEDS']]);
    expect(both.stderr).toContain('18,500.00');
    // A record date before the death: X004 was active then.
    expect((await planJson(sb, ...MAIN, '--record-date', '2024-06-11')).allocations).toHaveLength(3);
    // tq: X004 holds nothing there.
    await sb.ok('dividend', 'plan', ...TQ);

    await sb.ok('shares', 'transfer', '--project', 'main', '--from', 'X004', '--to', 'X003', '--shares', 'all', '--reason', '继承', '--date', '2024-07-01');
    // Record date 12-31: X001 1, X003 2 → 7,500.00 as 2,500.00 / 5,000.00.
    expect(grosses(await planJson(sb, ...MAIN))).toEqual([['X001', '2500.00'], ['X003', '5000.00']]);
    // Time-weighted (2024: 366 days): X001 366, X003 366 + 184 = 550, X004 182 (01-01 … 06-30) of 1,098.
    // 750000 fen: X001 250000; X003 375683.06; X004 124316.94 → the last fen to X004 (.94): 1,243.17.
    const tw = await planJson(sb, ...MAIN, '--basis', 'time-weighted');
    expect(tw.allocations.map((a: { member: string; weight: string; gross: string }) => [a.member, a.weight, a.gross])).toEqual([
      ['X001', '1', '2500.00'],
      ['X003', '1.502732', '3756.83'],
      ['X004', '0.497268', '1243.17'],
    ]);
  });

  it('shares, contributions and transfers dated before 加入日期 are refused; on the day, accepted', async () => {
    sb = await base();
    const early = sb.file('early.csv', '日期,成员编号,项目,股种,股数,说明\n2024-05-31,X005,main,人口股,1,\n');
    const r = await refusedUnchanged(sb, ['import', 'shares', early], 'MEMBER_NOT_JOINED');
    expect(r.stderr).toContain(`${early}:2: 成员「X005 何新」在 2024-05-31 尚未加入本集体（加入日期 2024-06-01）`);
    await refusedUnchanged(sb, ['contribute', '--member', 'X005', '--project', 'tq', '--date', '2024-05-31', '--cash', '100'], 'MEMBER_NOT_JOINED');
    await refusedUnchanged(sb, ['shares', 'transfer', '--project', 'main', '--from', 'X001', '--to', 'X005', '--shares', '1', '--reason', '赠与', '--date', '2024-05-31'], 'MEMBER_NOT_JOINED');
    await sb.ok('import', 'shares', sb.file('ok.csv', '日期,成员编号,项目,股种,股数,说明\n2024-06-01,X005,main,人口股,1,\n'));
    await sb.ok('contribute', '--member', 'X005', '--project', 'tq', '--date', '2024-06-01', '--cash', '100');
    const holders = (await sb.ok('shares', '--project', 'tq', '--as-of', '2024-12-31', '--format', 'json')).json().holders;
    expect(holders.map((h: { member: string; shares: string }) => [h.member, h.shares])).toEqual([['X001', '2'], ['X002', '1'], ['X005', '1']]);
  });
});

describe('declaration entries', () => {
  it('the tax withheld is on 214 with each member it was withheld from', async () => {
    sb = await tqDeclared();
    const j = (await sb.ok('report', 'journal', '--from', '2024-12', '--to', '2024-12', '--format', 'json')).json();
    const v = j.vouchers.find((x: { summary: string }) => x.summary === '2024年汤泉民宿向成员分配收益');
    // gross 1,800.00 / 900.00; tax 20%: 360.00 / 180.00; net 1,440.00 / 720.00.
    expect(v.lines.map((l: { account: string; debit: string; credit: string; member: string | null }) => [l.account, l.debit, l.credit, l.member])).toEqual([
      ['3220102', '2700.00', '0.00', null],
      ['211', '0.00', '1440.00', 'X001'],
      ['211', '0.00', '720.00', 'X002'],
      ['214', '0.00', '360.00', 'X001'],
      ['214', '0.00', '180.00', 'X002'],
    ]);
    // The notice says where the profit came from, as the plan does.
    const html = (await sb.ok('dividend', 'notice', ...TQ, '--format', 'html')).stdout;
    for (const line of ['减：补助收入（不参与分配）', '减：弥补以前年度亏损', '本次分配的收益', '本集体 2024 年可分配收益', '尚可分配（本次上限）']) expect(html).toContain(line);
    expect(html).toContain('5,000.00');
  });
});

describe('dividend cancel', () => {
  it('undoes a declaration: reversals dated 12-31, the reason kept; then it counts nowhere and may be declared again', async () => {
    sb = await tqDeclared();
    const c = await sb.ok('dividend', 'cancel', ...TQ, '--reason', '成员大会调整分配比例');
    expect(c.stdout).toContain('红字冲销凭证 2024-12/3、2024-12/4');
    const j = (await sb.ok('report', 'journal', '--from', '2024-12', '--to', '2024-12', '--format', 'json')).json();
    expect(j.vouchers.map((v: { date: string; number: number; summary: string }) => [v.date, v.number, v.summary])).toEqual([
      ['2024-12-31', 1, '2024年汤泉民宿提取公积公益金'],
      ['2024-12-31', 2, '2024年汤泉民宿向成员分配收益'],
      ['2024-12-31', 3, '撤销2024年汤泉民宿收益分配：冲销 12月 记字第1号'],
      ['2024-12-31', 4, '撤销2024年汤泉民宿收益分配：冲销 12月 记字第2号'],
    ]);
    expect(j.vouchers[3].lines.map((l: { account: string; debit: string; credit: string }) => [l.account, l.debit, l.credit])[0]).toEqual(['3220102', '-2700.00', '0.00']);
    for (const cmd of ['show', 'roll', 'notice']) expectRefused(await sb.run('dividend', cmd, ...TQ), 'DIVIDEND_NOT_DECLARED');
    expectRefused(await sb.run('dividend', 'pay', ...TQ, '--date', '2025-01-10'), 'DIVIDEND_NOT_DECLARED');
    expectRefused(await sb.run('dividend', 'cancel', ...TQ, '--reason', '再撤'), 'DIVIDEND_NOT_DECLARED');
    // Counts nowhere: main's default profit is the whole 7,500.00; the year's 322 nets to nothing.
    expect(await planJson(sb, ...MAIN)).toMatchObject({ profit: '7500.00', declaredByOthers: '0.00', remaining: '18500.00' });
    expect((await income(sb))['年末未分配收益']).toBe('18500.00');

    // Declared again with other figures: reserve 20% of 3,000.00 = 600.00; payout 50% × 2,400.00 = 1,200.00.
    const d = (await sb.ok('dividend', 'declare', ...TQ, '--reserve', '20', '--payout', '50', '--format', 'json')).json();
    expect([d.reserve, d.pool, d.vouchers]).toEqual(['600.00', '1200.00', ['2024-12/5', '2024-12/6']]);
    expect((await sb.ok('dividend', 'show', ...TQ, '--format', 'json')).json()).toMatchObject({ reserve: '600.00', pool: '1200.00', vouchers: ['2024-12/5', '2024-12/6'] });
    // main: 7,500.00 − 1,800.00 = 5,700.00 → 1,900.00 each.
    expect(await planJson(sb, ...MAIN)).toMatchObject({ profit: '5700.00', declaredByOthers: '1800.00' });
    const inc = await income(sb);
    expect([inc['提取公积公益金'], inc['向成员分配'], inc['年末未分配收益']]).toEqual(['600.00', '1200.00', '16700.00']);
    expect((await sb.run('verify')).code).toBe(0);
    // The reversals a cancellation posted are not reversed by hand either.
    expectRefused(await sb.run('voucher', 'reverse', '2024-12/3', '--date', '2024-12-31'), 'REVERSE_REGISTER');
  });

  it('is refused once anything is paid, when December is closed, and without a reason; nothing written', async () => {
    sb = await tqDeclared();
    const closedOff = await Sandbox.from('integrity-tq-closed', async (s) => {
      await build(s);
      await s.ok(...TQ_DECLARE);
      await closeYear(s, 2024);
    });
    try {
      const r = await refusedUnchanged(closedOff, ['dividend', 'cancel', ...TQ, '--reason', '调整'], 'PERIOD_CLOSED');
      expect(r.codes).toEqual(['PERIOD_CLOSED']);
    } finally {
      closedOff.cleanup();
    }
    const blank = await sb.run('dividend', 'cancel', ...TQ, '--reason', '  ');
    expect([blank.code, blank.codes]).toEqual([1, ['REASON_REQUIRED']]);
    await sb.ok('dividend', 'pay', ...TQ, '--date', '2025-01-10', '--member', 'X001');
    const paid = await refusedUnchanged(sb, ['dividend', 'cancel', ...TQ, '--reason', '调整'], 'DIVIDEND_CANCEL_PAID');
    expect(paid.stderr).toContain('已发放 1 人、合计 1,440.00 元');
  });
});

describe('after a declaration, no write takes its year over 可分配收益', () => {
  /**
   * 2024: the collective spends 3,000.00 (513), a loss while 2024 stays open. 2025: tq earns 5,000.00
   * and declares it all (pool 5,000.00): 可分配收益 2025 = 5,000.00 + 32202 at 2025-01-01 (0.00: 2024
   * not closed yet) = 5,000.00, so 年末未分配收益 = 0.00.
   */
  const declared2025 = () =>
    Sandbox.from('integrity-2025', async (s) => {
      await s.ok('init', '--name', '测试合作社', '--start', '2024-01');
      await s.ok('project', 'add', 'tq', '--name', '汤泉民宿', '--par', '100');
      await s.ok('import', 'members', s.file('members.csv', MEMBERS));
      await s.ok('import', 'shares', s.file('shares.csv', SHARES.replace(/2022-01-01/g, '2024-01-01')));
      await post(s, '2024-03-05', '办公费', '513:3000', '102:3000');
      await post(s, '2025-03-01', '汤泉门票', '102:5000', '501:5000:p=tq');
      await s.ok('dividend', 'declare', '--project', 'tq', '--year', '2025');
    });

  it('an expense of the year beyond what is left, a year before it closed with a loss, an import: refused with the figures, nothing written', async () => {
    sb = await declared2025();
    expect((await sb.ok('report', 'income', '--year', '2025', '--format', 'json')).json().lines.find((l: { label: string }) => l.label === '年末未分配收益').amount).toBe('0.00');
    const over = await refusedUnchanged(sb, ['voucher', 'add', '--date', '2025-06-01', '--summary', '管理费', '--debit', '513:1000', '--credit', '102:1000'], 'DIVIDEND_UNCOVERED');
    expect(over.stderr).toContain('2025 年已宣告收益分配（项目 tq），此操作将使该年年末未分配收益由 0.00 变为 -1,000.00（可分配收益 4,000.00，各项分配 5,000.00）');
    expect(over.stderr).toContain('sanzi dividend cancel --project tq --year 2025');
    // Income first leaves room: 300.00 in, 200.00 out (年末未分配收益 100.00), then 200.00 more is over.
    await post(sb, '2025-06-01', '汤泉门票', '102:300', '501:300:p=tq');
    await post(sb, '2025-06-02', '管理费', '513:200', '102:200');
    const again = await refusedUnchanged(sb, ['voucher', 'add', '--date', '2025-06-03', '--summary', '管理费', '--debit', '513:200', '--credit', '102:200'], 'DIVIDEND_UNCOVERED');
    expect(again.stderr).toContain('由 100.00 变为 -100.00（可分配收益 4,900.00，各项分配 5,000.00）');
    const csv = sb.file('v.csv', ['凭证号,日期,摘要,科目编码,借方金额,贷方金额', '1,2025-07-01,修缮,513,150.00,', '1,2025-07-01,修缮,102,,150.00'].join('\n'));
    expect((await refusedUnchanged(sb, ['import', 'vouchers', csv], 'DIVIDEND_UNCOVERED')).stderr).toContain('由 100.00 变为 -50.00');
    // Closing 2024 carries its 3,000.00 loss into 32202: 可分配收益 2025 = 5,100.00 − 3,000.00 = 2,100.00.
    for (let m = 1; m <= 11; m++) await sb.ok('period', 'close', `2024-${String(m).padStart(2, '0')}`);
    const close = await refusedUnchanged(sb, ['year', 'close', '2024'], 'DIVIDEND_UNCOVERED');
    expect(close.stderr).toContain('由 100.00 变为 -2,900.00（可分配收益 2,100.00，各项分配 5,000.00）');
    // Cancelled, the year has nothing declared: 2024 closes, the import goes in, and tq may declare what remains.
    await sb.ok('dividend', 'cancel', '--project', 'tq', '--year', '2025', '--reason', '2024 年亏损未弥补');
    await sb.ok('year', 'close', '2024');
    await sb.ok('import', 'vouchers', csv);
    // 可分配收益 2025: 5,000.00 + 300.00 − 200.00 − 150.00 − 3,000.00 = 1,950.00; tq's own 5,300.00 is over it.
    const plan = await sb.run('dividend', 'plan', '--project', 'tq', '--year', '2025');
    expectRefused(plan, 'DIVIDEND_EXCEEDS');
    expect(plan.stderr).toContain('1,950.00');
    expect(await planJson(sb, '--project', 'tq', '--year', '2025', '--profit', '1950')).toMatchObject({ pool: '1950.00', remaining: '1950.00' });
    expect((await sb.run('verify')).code).toBe(0);
  });

  it('money taken out through 321 本年收益 by hand, or an account added under 322, counts as well', async () => {
    sb = await declared2025();
    // Year close carries 321 into 32202: a debit on it by hand is a loss of the year.
    const through321 = await refusedUnchanged(sb, ['voucher', 'add', '--date', '2025-06-01', '--summary', '调整', '--debit', '321:1000', '--credit', '102:1000'], 'DIVIDEND_UNCOVERED');
    expect(through321.stderr).toContain('由 0.00 变为 -1,000.00（可分配收益 4,000.00，各项分配 5,000.00）');
    await sb.ok('account', 'add', '32203', '其他调整');
    const under322 = await refusedUnchanged(sb, ['voucher', 'add', '--date', '2025-06-01', '--summary', '调整', '--debit', '32203:500', '--credit', '102:500'], 'DIVIDEND_UNCOVERED');
    expect(under322.stderr).toContain('由 0.00 变为 -500.00（可分配收益 5,000.00，各项分配 5,500.00）');
    // A credit there is taken, but not counted: the income statement does not show it as distributable.
    await post(sb, '2025-06-02', '调整', '102:300', '321:300');
    const more = await sb.run('dividend', 'plan', '--project', 'main', '--year', '2025', '--profit', '300');
    expect([more.code, more.codes]).toEqual([1, ['DIVIDEND_EXCEEDS']]);
    expect(more.stderr).toContain('5,000.00');
  });
});

describe('the same 未分配收益 is never distributed twice, nor by hand beyond 可分配收益', () => {
  it('a year after one not closed that distributed more than it earned: its plan, declaration and entries on 322 wait for that year’s closing', async () => {
    sb = await tqDeclared();
    // 2024 (not closed): tq declared 3,000.00 of its 10,500.00, so closing 2024 would carry 7,500.00
    // into 32202: 2025's ceiling by the contract (32202 at 2025-01-01, 8,000.00) is below what truly
    // remains (15,500.00), and holds.
    expect(await planJson(sb, '--project', 'main', '--year', '2025', '--profit', '100')).toMatchObject({ remaining: '8000.00' });
    // main then declares the rest of 2024's 可分配收益, 15,500.00: 2024 hands out 18,500.00 of a
    // 10,500.00 result, 8,000.00 more than it earned, which 32202 at 2025-01-01 still counts.
    await sb.ok('dividend', 'declare', ...MAIN, '--profit', '15500');
    for (const cmd of [
      ['dividend', 'plan', '--project', 'main', '--year', '2025', '--profit', '100'],
      ['dividend', 'declare', '--project', 'main', '--year', '2025', '--profit', '100'],
      ['dividend', 'declare', '--project', 'main', '--year', '2026', '--profit', '100'],
      ['voucher', 'add', '--date', '2025-06-30', '--summary', '向成员分配', '--debit', '3220102:100', '--credit', '211:100'],
    ]) {
      const r = await refusedUnchanged(sb, cmd, 'DIVIDEND_EARLIER_YEAR_OPEN');
      expect(r.codes).toEqual(['DIVIDEND_EARLIER_YEAR_OPEN']);
      expect(r.stderr).toContain('2024 年还没有年终结转，它的分配比本年收益多（或亏损）8,000.00');
      expect(r.stderr).toContain('sanzi year close 2024');
    }
    // The declared year itself is not held back by it.
    expect((await planJson(sb, ...TQ, '--reserve', '10')).pool).toBe('2700.00');
    await closeYear(sb, 2024);
    // Carried: 32202 at 2025-01-01 = 18,500.00 − 18,500.00 = 0.00; 2025 has no result yet.
    expectRefused(await sb.run('dividend', 'plan', '--project', 'main', '--year', '2025', '--profit', '0.01'), 'DIVIDEND_EXCEEDS');
    await refusedUnchanged(sb, ['voucher', 'add', '--date', '2025-06-30', '--summary', '向成员分配', '--debit', '3220102:100', '--credit', '211:100'], 'DIVIDEND_UNCOVERED');
    await post(sb, '2025-06-29', '林地租金', '102:300', '501:300');
    await post(sb, '2025-06-30', '向成员分配', '3220102:100', '211:100');
    expect((await sb.run('verify')).code).toBe(0);
  });

  it('entries on 322 by hand in a year nothing was declared for: not beyond its 可分配收益', async () => {
    sb = await base();
    // 2024: 可分配收益 = 10,500.00 + 8,000.00 = 18,500.00.
    const over = await refusedUnchanged(sb, ['voucher', 'add', '--date', '2024-12-20', '--summary', '向成员分配', '--debit', '3220102:18500.01', '--credit', '211:18500.01'], 'DIVIDEND_UNCOVERED');
    expect(over.codes).toEqual(['DIVIDEND_UNCOVERED']);
    expect(over.stderr).toContain('2024 年在 322 收益分配-各项分配 上记有分配，此操作将使该年年末未分配收益变为 -0.01（可分配收益 18,500.00，各项分配 18,500.01）');
    await post(sb, '2024-12-20', '向成员分配', '3220102:18500', '211:18500');
    // Distributed to the last fen: an expense of the year would now make it more than was earned.
    const expense = await refusedUnchanged(sb, ['voucher', 'add', '--date', '2024-12-21', '--summary', '办公费', '--debit', '513:1', '--credit', '102:1'], 'DIVIDEND_UNCOVERED');
    expect(expense.stderr).toContain('由 0.00 变为 -1.00');
    // An earlier year's hand entries count as a distribution too: 2025 waits for 2024's closing.
    await refusedUnchanged(sb, ['voucher', 'add', '--date', '2025-01-05', '--summary', '提取公积公益金', '--debit', '3220101:1', '--credit', '311:1'], 'DIVIDEND_EARLIER_YEAR_OPEN');
    expect((await sb.run('verify')).code).toBe(0);
  });
});

describe('books started within a year', () => {
  it('the start year counts the income before the start (opening balances) as its own: on the income statement and in its 可分配收益', async () => {
    sb = new Sandbox('integrity-midyear');
    await sb.ok('init', '--name', '测试合作社', '--start', '2024-07');
    // January to June: 30,000.00 of income and 4,000.00 of expense, carried in the opening balances.
    await sb.ok('opening', 'import', sb.file('op.csv', ['科目编码,借方余额,贷方余额', '102,50000,', '511,4000,', '501,,30000', '301,,24000'].join('\n')));
    await post(sb, '2024-08-01', '门票收入', '102:500', '501:500');
    // 2024: 经营收入 30,000.00 + 500.00 = 30,500.00; 经营支出 4,000.00; 本年收益 26,500.00 = 可分配收益.
    const lines = async (year: string) =>
      Object.fromEntries((await sb.ok('report', 'income', '--year', year, '--format', 'json')).json().lines.map((l: { label: string; amount: string }) => [l.label, l.amount]));
    expect(await lines('2024')).toMatchObject({ 经营收入: '30500.00', 经营支出: '4000.00', 本年收益: '26500.00', 可分配收益: '26500.00' });
    const vouchers = (await sb.ok('voucher', 'list', '--format', 'json')).stdout;
    const over = await sb.run('voucher', 'add', '--date', '2024-08-02', '--summary', '向成员分配', '--debit', '3220102:26500.01', '--credit', '211:26500.01');
    expectRefused(over, 'DIVIDEND_UNCOVERED');
    expect(over.stderr).toContain('可分配收益 26,500.00');
    expect((await sb.ok('voucher', 'list', '--format', 'json')).stdout).toBe(vouchers);
    await post(sb, '2024-08-02', '向成员分配', '3220102:20000', '211:20000');
    // Closed, 2024 carries 26,500.00 − 20,000.00 = 6,500.00 into 32202: what the next year starts with.
    for (let m = 7; m <= 11; m++) await sb.ok('period', 'close', `2024-${String(m).padStart(2, '0')}`);
    await sb.ok('year', 'close', '2024');
    expect(await lines('2025')).toMatchObject({ 本年收益: '0.00', 年初未分配收益: '6500.00', 可分配收益: '6500.00' });
    const tb = (await sb.ok('report', 'trial-balance', '--from', '2025-01', '--to', '2025-01', '--format', 'json')).json();
    expect(tb.rows.find((r: { account: string }) => r.account === '32202').opening).toBe('-6500.00');
    expect((await sb.run('verify')).code).toBe(0);
  });
});

describe('books started within a year: what was distributed before the start, and a project’s opening', () => {
  it('opening 322 各项分配 is the start year’s distribution; a project’s opening income and expense its profit of that year', async () => {
    sb = new Sandbox('integrity-midyear-322');
    await sb.ok('init', '--name', '测试合作社', '--start', '2024-07');
    await sb.ok('project', 'add', 'tq', '--name', '汤泉民宿', '--par', '1');
    await sb.ok('import', 'members', sb.file('m.csv', '成员编号,姓名,户号,加入日期\nX001,张三,H01,2000-01-01\n'));
    await sb.ok('import', 'shares', sb.file('s.csv', '日期,成员编号,项目,股种,股数,说明\n2024-07-01,X001,tq,现金股,10,\n2024-07-01,X001,main,人口股,1,\n'));
    // Before July: tq earned 60,000.00 and spent 20,000.00; 20,000.00 was distributed; 32202 held 50,000.00.
    await sb.ok(
      'opening',
      'import',
      sb.file('op.csv', ['科目编码,借方余额,贷方余额,项目', '102,150000,,', '3220102,20000,,', '32202,,50000,', '501,,60000,tq', '511,20000,,tq', '301,,80000,'].join('\n')),
    );
    // 本年收益 40,000.00; 年初未分配收益 50,000.00; 可分配收益 90,000.00, of which 20,000.00 distributed: 70,000.00 remain.
    const lines = Object.fromEntries(
      (await sb.ok('report', 'income', '--year', '2024', '--format', 'json')).json().lines.map((l: { label: string; amount: string }) => [l.label, l.amount]),
    );
    expect(lines).toMatchObject({ 本年收益: '40000.00', 年初未分配收益: '50000.00', 可分配收益: '90000.00', 年末未分配收益: '70000.00' });
    const over = await sb.run('dividend', 'plan', '--project', 'main', '--year', '2024', '--profit', '70000.01');
    expectRefused(over, 'DIVIDEND_EXCEEDS');
    expect(over.stderr).toContain('尚可分配的收益 70,000.00');
    // The project's own profit of the year: 60,000.00 − 20,000.00, as for the whole ledger.
    for (const project of ['tq', 'main']) {
      expect((await sb.ok('dividend', 'plan', '--project', project, '--year', '2024', '--format', 'json')).json().profit).toBe('40000.00');
    }
  });
});

describe('the register a declaration was computed on stays as it was', () => {
  it('a transfer, a grant, an import or a contribution dated on or before the day it counted the shares is refused; after it, accepted', async () => {
    sb = await tqDeclared();
    // tq 2024 declared on the record date 2024-12-31 (the default).
    const cases: [string[], string][] = [
      [['shares', 'transfer', '--project', 'tq', '--from', 'X002', '--to', 'X001', '--shares', 'all', '--date', '2024-06-01', '--reason', '赠与'], '2024-06-01'],
      [['shares', 'grant', '--project', 'tq', '--member', 'X003', '--class', '募集股', '--shares', '5', '--date', '2022-01-01'], '2022-01-01'],
      [['import', 'shares', sb.file('late.csv', ['日期,成员编号,项目,股种,股数,说明', '2025-02-01,X003,tq,募集股,1,', '2024-12-31,X004,tq,募集股,1,'].join('\n'))], '2024-12-31'],
      [['contribute', '--member', 'X003', '--project', 'tq', '--date', '2024-12-30', '--cash', '100'], '2024-12-30'],
    ];
    for (const [cmd, date] of cases) {
      const r = await refusedUnchanged(sb, cmd, 'SHARES_DECLARED');
      expect(r.codes).toEqual(['SHARES_DECLARED']);
      expect(r.stderr).toContain(`项目 tq 2024 年的收益分配已按 2024-12-31 的股份宣告；${date} 的股份变动会使已宣告的分配与股东名册不符`);
    }
    // Another project's register, and tq's after the record date, are not held.
    await sb.ok('shares', 'grant', '--project', 'main', '--member', 'X003', '--class', '人口股', '--shares', '1', '--date', '2024-06-01');
    await sb.ok('shares', 'transfer', '--project', 'tq', '--from', 'X002', '--to', 'X001', '--shares', 'all', '--date', '2025-01-02', '--reason', '赠与');
    // Cancelled, the declaration holds nothing back.
    await sb.ok('dividend', 'cancel', ...TQ, '--reason', '股份登记有误');
    await sb.ok('shares', 'grant', '--project', 'tq', '--member', 'X003', '--class', '募集股', '--shares', '5', '--date', '2024-06-01');
    expect((await sb.run('verify')).code).toBe(0);
  });

  it('a holder recorded as not active on or before the day it counted the shares is refused; others, and later dates, accepted', async () => {
    sb = await tqDeclared();
    const member = async (id: string) => (await sb.ok('member', 'show', id, '--format', 'json')).stdout;
    const x002 = await member('X002');
    // X002 held 1 share of tq on 2024-12-31, the declaration's record date.
    for (const date of ['2024-06-01', '2024-12-31']) {
      const r = await refusedUnchanged(sb, ['member', 'status', 'X002', '--status', '已故', '--date', date], 'SHARES_DECLARED_STATUS');
      expect(r.codes).toEqual(['SHARES_DECLARED_STATUS']);
      expect(r.stderr).toContain(`项目 tq 2024 年的收益分配已按 2024-12-31 的股份宣告，成员 X002 当日持有该项目股份；登记其 ${date} 起已故会使已宣告的分配落在非正常成员名下`);
      expect(await member('X002')).toBe(x002);
    }
    // X003 holds no tq shares (main's 2024 is not declared); X002 from the day after the record date.
    await sb.ok('member', 'status', 'X003', '--status', '迁出', '--date', '2024-06-01');
    await sb.ok('member', 'status', 'X002', '--status', '已故', '--date', '2025-01-01');
    expect((await sb.run('verify')).code).toBe(0);
  });

  it('shares of a cancelled contribution are not held: the status of that member is taken', async () => {
    sb = await base();
    await sb.ok('contribute', '--member', 'X003', '--project', 'tq', '--date', '2024-03-01', '--cash', '100');
    const id = String((await sb.ok('contribution', 'list', '--format', 'json')).json().contributions[0].id);
    await sb.ok('contribution', 'cancel', id, '--reason', '录错');
    await sb.ok(...TQ_DECLARE);
    await sb.ok('member', 'status', 'X003', '--status', '已故', '--date', '2024-06-01');
  });
});

describe('contribution cancel', () => {
  /** tq with one contribution: X002 cash 500.00 on 2024-04-01 → 5 现金股 (par 100.00), voucher 2024-04/1. */
  const contributed = () =>
    Sandbox.from('integrity-contribution', async (s) => {
      await build(s);
      await s.ok('contribute', '--member', 'X002', '--project', 'tq', '--date', '2024-04-01', '--cash', '500');
    });
  const tqHolders = async (s: Sandbox) =>
    (await s.ok('shares', '--project', 'tq', '--as-of', '2024-12-31', '--format', 'json')).json().holders.map((h: { member: string; shares: string }) => [h.member, h.shares]);

  it('reverses its voucher on its date and removes its shares; it stays on the list, marked, and counts nowhere', async () => {
    sb = await contributed();
    expect(await tqHolders(sb)).toEqual([['X001', '2'], ['X002', '6']]);
    const id = String((await sb.ok('contribution', 'list', '--format', 'json')).json().contributions[0].id);
    const r = await sb.ok('contribution', 'cancel', id, '--reason', '重复登记');
    expect(r.stdout).toContain('红字冲销凭证 2024-04/2');
    expect(await tqHolders(sb)).toEqual([['X001', '2'], ['X002', '1']]);
    const list = (await sb.ok('contribution', 'list', '--format', 'json')).json();
    expect(list.contributions[0]).toMatchObject({ id: Number(id), value: '500.00', cancelled: true, reason: '重复登记' });
    expect(list.totals).toEqual({ value: '0.00', shares: '0', capital: '0.00', remainder: '0.00' });
    expect((await sb.ok('contribution', 'list')).stdout).toContain('已撤销');
    // 301 and 102 move by nothing in April (500.00 + −500.00): 301 has no row, 102 only its balance.
    const tb = (await sb.ok('report', 'trial-balance', '--from', '2024-04', '--to', '2024-04', '--format', 'json')).json();
    const row = (a: string) => tb.rows.find((x: { account: string }) => x.account === a);
    expect(row('301')).toBeUndefined();
    expect(row('102')).toMatchObject({ debit: '0.00', credit: '0.00' });
    // The plan no longer counts them: tq's 2,700.00 over 3 shares again.
    expect(grosses(await planJson(sb, ...TQ, '--reserve', '10'))).toEqual([['X001', '1800.00'], ['X002', '900.00']]);
    await refusedUnchanged(sb, ['contribution', 'cancel', id, '--reason', '再撤'], 'CONTRIBUTION_CANCELLED');
    await refusedUnchanged(sb, ['contribution', 'cancel', '99', '--reason', 'x'], 'CONTRIBUTION_UNKNOWN');
    await refusedUnchanged(sb, ['voucher', 'reverse', '2024-04/2', '--date', '2024-04-30'], 'REVERSE_REGISTER');
    expect((await sb.run('verify')).code).toBe(0);
  });

  it('is refused while its shares are used by a later transfer or counted by a declaration, or its month is closed', async () => {
    sb = await contributed();
    // X002: 1 募集股 + 5 现金股; 3 现金股 given away on 05-01: without the 5, 0 − 3 = −3.
    await sb.ok('shares', 'transfer', '--project', 'tq', '--from', 'X002', '--to', 'X001', '--shares', '3', '--class', '现金股', '--reason', '转让', '--date', '2024-05-01');
    const used = await refusedUnchanged(sb, ['contribution', 'cancel', '1', '--reason', '错录'], 'CONTRIBUTION_SHARES_USED');
    expect(used.stderr).toContain('在 2024-05-01 的现金股将为 -3 股');
    sb.cleanup();

    sb = await contributed();
    await sb.ok('dividend', 'declare', ...TQ);
    const declared = await refusedUnchanged(sb, ['contribution', 'cancel', '1', '--reason', '错录'], 'CONTRIBUTION_DECLARED');
    expect(declared.stderr).toContain('sanzi dividend cancel --project tq --year 2024');
    await sb.ok('dividend', 'cancel', ...TQ, '--reason', '出资有误');
    await sb.ok('contribution', 'cancel', '1', '--reason', '错录');
    await sb.ok('dividend', 'declare', ...TQ);
    expect((await sb.run('verify')).code).toBe(0);
    sb.cleanup();

    sb = await contributed();
    for (const m of ['01', '02', '03', '04']) await sb.ok('period', 'close', `2024-${m}`);
    await refusedUnchanged(sb, ['contribution', 'cancel', '1', '--reason', '错录'], 'PERIOD_CLOSED');
  });
});

describe('voucher reverse of what a register command posted', () => {
  it('is refused for a declaration, a payment, a contribution, depreciation, contract payments and accruals, and cancellations', async () => {
    sb = await Sandbox.from('integrity-registers', async (s) => {
      await build(s);
      await s.ok('import', 'assets', s.file('assets.csv', '资产编码,名称,类别,取得日期,原值,残值率,使用年限,费用科目,项目\nA1,客房楼,房屋及建筑物,2024-01-10,12000,0,10,511,tq\n'));
      await s.ok('asset', 'depreciate', '--through', '2024-02');
      await s.ok('import', 'contracts', s.file('contracts.csv', '合同编号,类型,对方,标的,开始,结束,年租金,方向\nHT1,出租,某公司,A1,2024-01-01,2026-12-31,1200,收\n'));
      await s.ok('contract', 'accrue', '--year', '2024');
      await s.ok('contract', 'pay', 'HT1', '--amount', '1200', '--date', '2024-05-10');
      await s.ok('contribute', '--member', 'X001', '--project', 'tq', '--date', '2024-06-01', '--cash', '300');
      await s.ok('contribute', '--member', 'X001', '--project', 'tq', '--date', '2024-06-02', '--cash', '100');
      await s.ok('contribution', 'cancel', '2', '--reason', '重复');
      await s.ok('dividend', 'declare', ...TQ, '--reserve', '10');
      await s.ok('dividend', 'pay', ...TQ, '--date', '2025-01-10', '--member', 'X001');
    });
    const vouchers = (await sb.ok('voucher', 'list', '--format', 'json')).json().vouchers as { ref: string; summary: string }[];
    const ref = (re: RegExp) => {
      const v = vouchers.find((x) => re.test(x.summary));
      if (!v) throw new Error(`no voucher ${re}`);
      return v.ref;
    };
    const cases: [RegExp, string | null][] = [
      [/提取公积公益金/, 'sanzi dividend cancel'],
      [/向成员分配收益/, 'sanzi dividend cancel'],
      [/^发放2024年/, null],
      [/^出资第1号/, 'sanzi contribution cancel'],
      [/^撤销出资第2号/, null],
      [/折旧/, null],
      [/HT1/, null],
    ];
    for (const [re, undo] of cases) {
      const r = await refusedUnchanged(sb, ['voucher', 'reverse', ref(re), '--date', '2025-01-15'], 'REVERSE_REGISTER');
      if (undo) expect(r.stderr).toContain(undo);
    }
    // Both contract entries (the accrual and the payment) carry the contract's code.
    const contract = vouchers.filter((v) => /HT1/.test(v.summary)).map((v) => v.ref);
    expect(contract.length).toBeGreaterThanOrEqual(2);
    for (const r of contract) expectRefused(await sb.run('voucher', 'reverse', r, '--date', '2025-01-15'), 'REVERSE_REGISTER');
    // A voucher entered by hand is still reversed by hand.
    await sb.ok('voucher', 'reverse', ref(/办公费/), '--date', '2024-03-31');
  });
});

describe('a ledger that disagrees with its declarations fails verify', () => {
  async function tamper(s: Sandbox, sql: string): Promise<void> {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(s.db);
    db.exec(sql);
    db.close();
  }

  it('a stored plan changed behind sanzi’s back', async () => {
    sb = await tqDeclared();
    // X002's net 720.00 changed to 7,200.00 in the stored plan.
    await tamper(
      sb,
      `DROP TRIGGER dividends_no_update;
       UPDATE dividends SET plan = replace(plan, '"net":72000', '"net":720000');
       CREATE TRIGGER dividends_no_update BEFORE UPDATE ON dividends BEGIN SELECT RAISE(ABORT, 'declared distributions are append-only'); END;`,
    );
    const r = await sb.run('verify');
    expect(r.code).toBe(3);
    expect(r.codes).toContain('DIVIDEND_LEDGER_MISMATCH');
    expect(r.stderr).toContain('应付分红 211（成员 X002）：方案 7200.00，凭证 720.00');
  });

  it('a cancellation removed: the declaration looks in force while its vouchers are reversed', async () => {
    sb = await tqDeclared();
    await sb.ok('dividend', 'cancel', ...TQ, '--reason', '调整');
    await tamper(
      sb,
      `DROP TRIGGER dividend_cancellations_no_delete;
       DELETE FROM dividend_cancellations;
       CREATE TRIGGER dividend_cancellations_no_delete BEFORE DELETE ON dividend_cancellations BEGIN SELECT RAISE(ABORT, 'cancellations are append-only'); END;`,
    );
    const r = await sb.run('verify');
    expect(r.code).toBe(3);
    expect(r.codes).toContain('DIVIDEND_CANCEL_MISMATCH');
    expect(r.stderr).toContain('凭证 2024-12/1 已被 2024-12/3 冲销，但分配未撤销');
  });

  it('a cancellation recorded without its reversal still counts', async () => {
    sb = await Sandbox.from('integrity-contribution-only', async (s) => {
      await build(s);
      await s.ok('contribute', '--member', 'X002', '--project', 'tq', '--date', '2024-04-01', '--cash', '500');
    });
    await tamper(sb, `INSERT INTO contribution_cancellations(contribution_id, reason, cancelled_at, voucher_id) VALUES (1, '伪造', '2025-01-01 00:00:00', NULL);`);
    const r = await sb.run('verify');
    expect(r.code).toBe(3);
    expect(r.codes).toContain('CONTRIBUTION_CANCEL_MISMATCH');
  });
});
