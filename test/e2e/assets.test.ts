// Asset cards and depreciation, end to end. Amounts in the comments are in fen unless said.
import { afterEach, describe, expect, it } from 'vitest';
import { expectRefused, Sandbox } from '../harness.js';
import { registerState } from './register-state.js';

let sb: Sandbox;
afterEach(() => sb?.cleanup());

// A1 房屋: cost 100,000.00 = 10,000,000 fen, 残值率 5%, 3 years, 511.
//   residual = round(10,000,000 × 0.05) = 500,000; depreciable = 9,500,000
//   monthly = round(9,500,000 ÷ 36) = round(263,888.89) = 263,889
//   last (36th) month = 9,500,000 − 263,889 × 35 = 9,500,000 − 9,236,115 = 263,885
// E1 设备: cost 12,345.67 = 1,234,567 fen, 残值率 4%, 5 years, 513.
//   residual = round(49,382.68) = 49,383; depreciable = 1,185,184
//   monthly = round(1,185,184 ÷ 60) = round(19,753.07) = 19,753
//   last (60th) month = 1,185,184 − 19,753 × 59 = 1,185,184 − 1,165,427 = 19,757
// L1 土地: cost 50,000.00, never depreciated.
const ASSETS = [
  '资产编码,名称,类别,取得日期,原值,残值率,使用年限,折旧方法,费用科目,状态',
  'A1,汤泉主楼,房屋及建筑物,2024-01-10,"100,000.00",5%,3,年限平均法,511,在用',
  'E1,温泉水泵,机器设备,2024/2/20,￥12345.67,4,5,,513,在用',
  'L1,停车场用地,土地,2024年1月5日,50000,,,,,在用',
].join('\n');

async function cards(s: Sandbox): Promise<void> {
  await s.ok('init', '--name', '测试村', '--start', '2024-01');
  await s.ok('import', 'assets', s.file('assets.csv', ASSETS));
}

/** The three cards, with their purchases posted to 151 (or not). */
async function setup(opts: { purchase?: boolean } = {}): Promise<void> {
  if (opts.purchase === false) {
    sb = await Sandbox.from('assets-unposted', cards);
    return;
  }
  sb = await Sandbox.from('assets', async (s) => {
    await cards(s);
    await s.ok('voucher', 'add', '--date', '2024-01-10', '--summary', '购建主楼', '--debit', '151:100000', '--credit', '102:100000');
    await s.ok('voucher', 'add', '--date', '2024-02-20', '--summary', '购入水泵', '--debit', '151:12345.67', '--credit', '102:12345.67');
    await s.ok('voucher', 'add', '--date', '2024-01-05', '--summary', '购入土地', '--debit', '151:50000', '--credit', '102:50000');
  });
}

async function journal(from: string, to: string) {
  return (await sb.ok('report', 'journal', '--from', from, '--to', to, '--format', 'json')).json().vouchers as {
    date: string;
    summary: string;
    lines: { account: string; debit: string; credit: string }[];
  }[];
}

const depVouchers = <V extends { summary: string }>(vs: V[]) => vs.filter((v) => v.summary.includes('折旧'));

describe('asset depreciate', () => {
  it('one voucher per month, Dr the expense accounts / Cr 152, starting the month after acquisition', async () => {
    await setup();
    const r = await sb.ok('asset', 'depreciate', '--through', '2024-03');
    expect(r.stdout).toContain('2 个月');
    const vs = depVouchers(await journal('2024-01', '2024-12'));
    expect(vs.map((v) => v.date)).toEqual(['2024-02-29', '2024-03-31']);
    // February: only A1 (E1 acquired 2024-02-20 starts in March)
    expect(vs[0].lines).toEqual([
      { account: '511', debit: '2638.89', credit: '0.00', member: null, project: null },
      { account: '152', debit: '0.00', credit: '2638.89', member: null, project: null },
    ]);
    // March: A1 263,889 + E1 19,753 = 283,642
    expect(vs[1].lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
      ['511', '2638.89', '0.00'],
      ['513', '197.53', '0.00'],
      ['152', '0.00', '2836.42'],
    ]);
  });

  it('running it twice adds nothing', async () => {
    await setup();
    await sb.ok('asset', 'depreciate', '--through', '2024-06');
    const before = (await journal('2024-01', '2030-12')).length;
    const r = await sb.ok('asset', 'depreciate', '--through', '2024-06');
    expect(r.stdout).toContain('没有需要计提的折旧');
    expect((await journal('2024-01', '2030-12')).length).toBe(before);
    // extending the range adds only the new months
    await sb.ok('asset', 'depreciate', '--through', '2024-08');
    expect(depVouchers(await journal('2024-01', '2030-12')).map((v) => v.date.slice(0, 7))).toEqual([
      '2024-02', '2024-03', '2024-04', '2024-05', '2024-06', '2024-07', '2024-08',
    ]);
  });

  it('the whole schedule totals exactly cost − residual; the last month takes the remainder; land is skipped', async () => {
    await setup();
    await sb.ok('asset', 'depreciate', '--through', '2029-12');
    const a1 = (await sb.ok('asset', 'show', 'A1', '--format', 'json')).json();
    expect(a1.depreciation).toHaveLength(36);
    expect(a1.depreciation[0]).toMatchObject({ period: '2024-02', amount: '2638.89' });
    expect(a1.depreciation[35]).toMatchObject({ period: '2027-01', amount: '2638.85' });
    expect(a1.accumulated).toBe('95000.00'); // 9,500,000 fen exactly
    expect(a1.netValue).toBe('5000.00'); // = the residual
    const e1 = (await sb.ok('asset', 'show', 'E1', '--format', 'json')).json();
    expect(e1.depreciation).toHaveLength(60);
    expect(e1.depreciation[59]).toMatchObject({ period: '2029-02', amount: '197.57' });
    expect(e1.accumulated).toBe('11851.84');
    const l1 = (await sb.ok('asset', 'show', 'L1', '--format', 'json')).json();
    expect(l1.depreciated).toBe(false);
    expect(l1.depreciation).toEqual([]);
    // 2027-01: A1's last month 263,885 + E1 19,753 = 283,638
    const jan27 = depVouchers(await journal('2027-01', '2027-01'))[0];
    expect(jan27.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
      ['511', '2638.85', '0.00'],
      ['513', '197.53', '0.00'],
      ['152', '0.00', '2836.38'],
    ]);
    // from 2027-02 only E1; after 2029-02 nothing: 36 + 60 − 35 shared months = 61 vouchers (2024-02 … 2029-02)
    expect(depVouchers(await journal('2024-01', '2030-12'))).toHaveLength(61);
    // the register and the ledger agree: 152 = 95,000.00 + 11,851.84 = 106,851.84
    const list = (await sb.ok('asset', 'list', '--format', 'json')).json();
    expect(list.totals).toEqual({ cost: '162345.67', accumulated: '106851.84', netValue: '55493.83' });
    expect(list.ledger).toEqual({ cost: '162345.67', accumulated: '106851.84', netValue: '55493.83' });
    expect(list.agrees).toBe(true);
  });

  it('a month closes only once depreciated; a card that would be charged in a closed month is not taken until it is reopened', async () => {
    await setup();
    await sb.ok('period', 'close', '2024-01'); // January has nothing to charge (A1 starts in February)
    const before = await registerState(sb);
    const c = await sb.run('period', 'close', '2024-02');
    expect(c.codes).toEqual(['CLOSE_DEPRECIATION']);
    expect(c.stderr).toContain('（2024年2月：A1）：请先 sanzi asset depreciate --through 2024-02');
    expect(await registerState(sb)).toBe(before);
    await sb.ok('asset', 'depreciate', '--through', '2024-02');
    await sb.ok('period', 'close', '2024-02');
    // B1, acquired in January but entered now: its February charge would fall in a closed month.
    // 36,000.00 over 3 years, no residual: 3,600,000 ÷ 36 = 100,000 fen a month.
    const b1 = ['asset', 'add', 'B1', '--name', '仓库', '--category', '房屋及建筑物', '--acquired', '2024-01-20', '--cost', '36000', '--life-years', '3', '--expense-account', '513'];
    const before2 = await registerState(sb);
    const r = await sb.run(...b1);
    expectRefused(r, 'ASSET_CLOSED_MONTHS');
    expect(r.stderr).toContain('资产「B1」在已结账的 2024-02 应计提折旧');
    expect(r.stderr).not.toMatch(/at .*\.ts/);
    expect(await registerState(sb)).toBe(before2);
    expectRefused(await sb.run('asset', 'show', 'B1'), 'ASSET_UNKNOWN');
    // once February is reopened the card is taken, and the same command charges B1's February, then March and April for all
    await sb.ok('period', 'reopen', '2024-02', '--reason', '补登资产');
    await sb.ok(...b1);
    await sb.ok('asset', 'depreciate', '--through', '2024-04');
    await sb.ok('period', 'close', '2024-02');
    // February: A1's voucher, then B1's; March; April
    expect(depVouchers(await journal('2024-01', '2024-12'))).toHaveLength(4);
  });
});

describe('asset list', () => {
  it('shows the difference from 151/152 when the purchase was not posted', async () => {
    await setup({ purchase: false });
    await sb.ok('voucher', 'add', '--date', '2024-01-10', '--summary', '购建主楼', '--debit', '151:100000', '--credit', '102:100000');
    const list = (await sb.ok('asset', 'list', '--format', 'json')).json();
    expect(list.agrees).toBe(false);
    // register 162,345.67 − ledger 100,000.00
    expect(list.difference).toEqual({ cost: '62345.67', accumulated: '0.00', netValue: '62345.67' });
    const table = await sb.ok('asset', 'list');
    expect(table.stdout).toContain('台账与总账不一致：原值差 62,345.67');
  });
});

describe('asset dispose', () => {
  it('depreciates through the disposal month, then clears through 154 with the loss to 515', async () => {
    await setup();
    await sb.ok('asset', 'depreciate', '--through', '2024-03');
    const r = await sb.ok('asset', 'dispose', 'E1', '--date', '2024-05-15', '--proceeds', '11000');
    // E1 charged March, April, May: 19,753 × 3 = 59,259 → 592.59; net = 1,234,567 − 59,259 = 1,175,308
    // proceeds 1,100,000 → loss 75,308 = 753.08
    expect(r.stdout).toContain('净损失 753.08');
    const vs = await journal('2024-04', '2024-05');
    expect(depVouchers(vs).map((v) => v.date)).toEqual(['2024-04-30', '2024-05-31']);
    const d = vs.find((v) => v.summary.startsWith('处置固定资产'))!;
    expect(d.date).toBe('2024-05-15');
    expect(d.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
      ['154', '11753.08', '0.00'],
      ['152', '592.59', '0.00'],
      ['151', '0.00', '12345.67'],
      ['102', '11000.00', '0.00'],
      ['154', '0.00', '11000.00'],
      ['515', '753.08', '0.00'],
      ['154', '0.00', '753.08'],
    ]);
    const e1 = (await sb.ok('asset', 'show', 'E1', '--format', 'json')).json();
    expect(e1).toMatchObject({ status: '处置', disposedOn: '2024-05-15', disposalProceeds: '11000.00', accumulated: '592.59' });
    // not depreciated after the month it left
    await sb.ok('asset', 'depreciate', '--through', '2024-06');
    const june = depVouchers(await journal('2024-06', '2024-06'))[0];
    expect(june.lines.map((l) => [l.account, l.debit])).toEqual([['511', '2638.89'], ['152', '0.00']]);
    // the register still agrees: 151 = 162,345.67 − 12,345.67; 152 = A1 × 5 months = 1,319,445 → 13,194.45
    const list = (await sb.ok('asset', 'list', '--format', 'json')).json();
    expect(list.totals).toMatchObject({ cost: '150000.00', accumulated: '13194.45' });
    expect(list.agrees).toBe(true);
    // a second disposal is refused, and writes nothing
    const before = await registerState(sb);
    expectRefused(await sb.run('asset', 'dispose', 'E1', '--date', '2024-06-01', '--proceeds', '0'), 'ASSET_DISPOSED');
    expect(await registerState(sb)).toBe(before);
  });

  it('a gain goes to 504; land has no accumulated depreciation', async () => {
    await setup();
    await sb.ok('asset', 'dispose', 'L1', '--date', '2024-03-01', '--proceeds', '60000');
    const d = (await journal('2024-03', '2024-03')).find((v) => v.summary.startsWith('处置固定资产'))!;
    // net 50,000.00, proceeds 60,000.00 → gain 10,000.00
    expect(d.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
      ['154', '50000.00', '0.00'],
      ['151', '0.00', '50000.00'],
      ['102', '60000.00', '0.00'],
      ['154', '0.00', '60000.00'],
      ['154', '10000.00', '0.00'],
      ['504', '0.00', '10000.00'],
    ]);
  });
});

describe('asset refusals: every reason at once, nothing written', () => {
  it('asset add: a code taken, an expense account of the wrong kind, an unknown project', async () => {
    await setup();
    const before = await registerState(sb);
    const r = await sb.run('asset', 'add', 'A1', '--name', '仓库', '--category', '房屋及建筑物', '--acquired', '2024-05-01', '--cost', '1000', '--life-years', '10', '--expense-account', '102', '--project', 'nope');
    expectRefused(r, 'ASSET_EXISTS', 'ACCOUNT_PURPOSE', 'PROJECT_UNKNOWN');
    expect(r.stderr).toContain('费用科目须为 401/511/513/514 或其明细科目，不能是「102 银行存款」');
    // a bad option value is refused before the ledger is touched, with the option named
    const bad = await sb.run('asset', 'add', 'B1', '--name', '仓库', '--category', '机器设备', '--acquired', '2024-02-30', '--cost', '1e5');
    expectRefused(bad, 'DATE', 'AMOUNT', 'REGISTER_REQUIRED');
    expect(bad.stderr).toContain('取得日期（--acquired）：日期不存在：「2024-02-30」');
    expect(await registerState(sb)).toBe(before);
  });

  it('asset dispose: unknown; before acquisition; before the months depreciated; a cash account of the wrong kind', async () => {
    await setup();
    await sb.ok('asset', 'depreciate', '--through', '2024-06');
    const before = await registerState(sb);
    expectRefused(await sb.run('asset', 'dispose', 'ZZ', '--date', '2024-06-01', '--proceeds', '0'), 'ASSET_UNKNOWN');
    const r = await sb.run('asset', 'dispose', 'A1', '--date', '2023-12-31', '--proceeds', '100', '--account', '501');
    expect(r.codes).toEqual(['ASSET_DISPOSE_DATE', 'ACCOUNT_PURPOSE']);
    const early = await sb.run('asset', 'dispose', 'A1', '--date', '2024-05-31', '--proceeds', '100');
    expectRefused(early, 'ASSET_DISPOSE_DATE');
    expect(early.stderr).toContain('资产「A1」已计提折旧至 2024-06，处置日期 2024-05-31 不能早于该月');
    expect(await registerState(sb)).toBe(before);
  });

  it('asset dispose of a card whose purchase never reached 151: refused, nothing written; once posted, taken', async () => {
    sb = new Sandbox('asset-not-in-books');
    await sb.ok('init', '--name', '测试村', '--start', '2024-01');
    await sb.ok('asset', 'add', 'E1', '--name', '拖拉机', '--category', '机器设备', '--acquired', '2024-01-15', '--cost', '12000', '--life-years', '1', '--expense-account', '513');
    const before = await registerState(sb);
    const r = await sb.run('asset', 'dispose', 'E1', '--date', '2024-03-20', '--proceeds', '0');
    expectRefused(r, 'ASSET_NOT_IN_BOOKS');
    expect(r.stderr).toContain('资产「E1」原值 12,000.00，而 151 固定资产在 2024-03-20 及以后最少只有 0.00');
    expect(await registerState(sb)).toBe(before);
    await sb.ok('voucher', 'add', '--date', '2024-01-15', '--summary', '购入拖拉机', '--debit', '151:12000', '--credit', '102:12000');
    await sb.ok('asset', 'dispose', 'E1', '--date', '2024-03-20', '--proceeds', '0');
    const bs = (await sb.ok('report', 'balance-sheet', '--as-of', '2024-03-31', '--format', 'json')).json();
    expect(bs.lines.find((l: { label: string }) => l.label === '固定资产原值').amount).toBe('0.00');
  });

  it('asset dispose dated before a later credit to 151 may not take it below zero either', async () => {
    sb = new Sandbox('asset-not-in-books-later');
    await sb.ok('init', '--name', '测试村', '--start', '2024-01');
    // One pump bought (151 1,000.00), two cards of 1,000.00.
    await sb.ok('voucher', 'add', '--date', '2024-03-01', '--summary', '购入水泵', '--debit', '151:1000', '--credit', '102:1000');
    for (const code of ['A', 'B']) await sb.ok('asset', 'add', code, '--name', '水泵', '--category', '机器设备', '--acquired', '2024-03-01', '--cost', '1000', '--life-years', '5', '--expense-account', '513');
    await sb.ok('asset', 'dispose', 'A', '--date', '2024-06-20', '--proceeds', '0');
    const before = await registerState(sb);
    for (const date of ['2024-06-20', '2024-06-10']) {
      const r = await sb.run('asset', 'dispose', 'B', '--date', date, '--proceeds', '0');
      expectRefused(r, 'ASSET_NOT_IN_BOOKS');
      expect(r.stderr).toContain(`而 151 固定资产在 ${date} 及以后最少只有 0.00`);
    }
    expect(await registerState(sb)).toBe(before);
  });
});

describe('land written with a life of 0', () => {
  it('imports as land without a life (never depreciated); 0 years for a building, or −1 for land, is still refused', async () => {
    sb = new Sandbox('land-zero');
    await sb.ok('init', '--name', '测试村', '--start', '2024-01');
    const head = '资产编码,名称,类别,取得日期,原值,残值率,使用年限,折旧方法,费用科目,状态';
    const bad = await sb.run('import', 'assets', sb.file('bad.csv', [head, 'B1,仓库,房屋及建筑物,2024-01-05,1000,0,0,,513,在用', 'L2,林地,土地,2024-01-05,1000,0,-1,,,在用'].join('\n')));
    expectRefused(bad, 'NUMBER');
    expect(bad.stderr).toContain('bad.csv:2:');
    expect(bad.stderr).toContain('bad.csv:3:');
    await sb.ok('import', 'assets', sb.file('land.csv', [head, 'L1,鱼塘用地,土地,2024-01-05,20000,0,0,,,在用'].join('\n')));
    await sb.ok('asset', 'depreciate', '--through', '2024-06');
    const list = (await sb.ok('asset', 'list', '--format', 'json')).json();
    expect(list.assets).toHaveLength(1);
    expect(list.assets[0]).toMatchObject({ code: 'L1', cost: '20000.00', accumulated: '0.00' });
  });

  it('an asset in use cannot be marked as not depreciated: refused with its line, from the file and from asset add', async () => {
    sb = new Sandbox('must-depreciate');
    await sb.ok('init', '--name', '测试村', '--start', '2024-01');
    const head = '资产编码,名称,类别,取得日期,原值,残值率,使用年限,折旧方法,费用科目,状态,是否计提折旧';
    const bad = await sb.run('import', 'assets', sb.file('bad.csv', [head, 'P1,水泵,机器设备,2024-01-05,1200,0,5,,513,闲置,否', 'P2,水泵,机器设备,2024-01-05,1200,0,5,,513,在用,否'].join('\n')));
    expectRefused(bad, 'ASSET_MUST_DEPRECIATE');
    expect(bad.stderr).toContain('bad.csv:3:');
    expect(bad.stderr).not.toContain('bad.csv:2:');
    const add = await sb.run('asset', 'add', 'B1', '--name', '仓库', '--category', '房屋及建筑物', '--acquired', '2024-01-20', '--cost', '36000', '--life-years', '3', '--expense-account', '513', '--status', '闲置', '--depreciable', '否');
    expectRefused(add, 'ASSET_MUST_DEPRECIATE');
    expect((await sb.ok('asset', 'list', '--all', '--format', 'json')).json().assets).toEqual([]);
  });

  it('a life shorter than a month or longer than a century is refused with its line; a month and a century are taken', async () => {
    sb = new Sandbox('life-bounds');
    await sb.ok('init', '--name', '测试村', '--start', '2024-01');
    const head = '资产编码,名称,类别,取得日期,原值,残值率,使用年限,折旧方法,费用科目,状态';
    const row = (code: string, life: string) => `${code},水泵,机器设备,2024-01-05,1200,0,${life},,513,在用`;
    const bad = await sb.run('import', 'assets', sb.file('bad.csv', [head, row('E1', '0.01'), row('E2', '100.01'), row('E3', '99999999')].join('\n')));
    expectRefused(bad, 'NUMBER');
    for (const line of [2, 3, 4]) expect(bad.stderr).toContain(`bad.csv:${line}: 使用年限`);
    expect(bad.stderr).toContain('须在 1 个月（0.09 年）至 100 年之间');
    expect((await sb.ok('asset', 'list', '--format', 'json')).json().assets).toEqual([]);
    await sb.ok('import', 'assets', sb.file('ok.csv', [head, row('E4', '0.09'), row('E5', '100')].join('\n')));
    expectRefused(await sb.run('asset', 'add', 'E6', '--name', '水泵', '--category', '机器设备', '--acquired', '2024-01-05', '--cost', '1200', '--life-years', '0.01', '--expense-account', '513'), 'NUMBER');
  });
});
