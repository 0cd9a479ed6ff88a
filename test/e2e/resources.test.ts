// The resource register end to end, and the bad-input reproducers of the three registers.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { expectRefused, FIXTURES, Sandbox } from '../harness.js';
import { registerState } from './register-state.js';

let sb: Sandbox;
afterEach(() => sb?.cleanup());

const bad = (name: string) => path.join(FIXTURES, 'bad', name);

describe('resources', () => {
  it('lists resources with the contract using each and totals by category and status', async () => {
    sb = await Sandbox.from('resources', async (s) => {
      await s.ok('init', '--name', '测试村', '--start', '2024-01');
    });
    const csv = [
      '资源编码,名称,类别,面积,单位,坐落,四至,状态,地块代码',
      'LD-01,后山林地,林地,320,亩,后山,东至山脊 南至水渠,出租,4418030010001',
      'GD-01,村前耕地,耕地,33.3,亩,村前,,发包,',
      'GD-02,塘边耕地,耕地,10.25,亩,塘边,,闲置,',
      'SM-01,鱼塘,养殖水面,"1,200.5",,,,发包,',
    ].join('\n');
    await sb.ok('import', 'resources', sb.file('r.csv', csv));
    await sb.ok('resource', 'add', 'LM-01', '--name', '沿河竹林', '--category', '林地', '--area', '800', '--unit', '株', '--status', '自营');
    await sb.ok('contract', 'add', 'HT-LD', '--kind', '出租', '--counterparty', '林业公司', '--subject', 'LD-01', '--start', '2020-01-01', '--end', '2034-12-31', '--annual-rent', '48000');
    const j = (await sb.ok('resource', 'list', '--as-of', '2024-12-31', '--format', 'json')).json();
    expect(j.resources.map((r: { code: string; area: string; unit: string }) => [r.code, r.area, r.unit])).toEqual([
      ['GD-01', '33.3', '亩'],
      ['GD-02', '10.25', '亩'],
      ['LD-01', '320', '亩'],
      ['LM-01', '800', '株'],
      ['SM-01', '1200.5', '亩'],
    ]);
    expect(j.resources[2]).toMatchObject({ location: '后山', boundaries: '东至山脊 南至水渠', parcelCode: '4418030010001', status: '出租' });
    expect(j.resources[2].contracts).toEqual([{ code: 'HT-LD', kind: '出租', direction: '收', counterparty: '林业公司', start: '2020-01-01', end: '2034-12-31' }]);
    // 耕地 33.3 + 10.25 = 43.55 亩; 林地 in 亩 and in 株 are not added together
    expect(j.totals.byCategory).toEqual([
      { category: '耕地', unit: '亩', count: 2, area: '43.55' },
      { category: '林地', unit: '亩', count: 1, area: '320' },
      { category: '林地', unit: '株', count: 1, area: '800' },
      { category: '养殖水面', unit: '亩', count: 1, area: '1200.5' },
    ]);
    // 发包 33.3 + 1,200.5 = 1,233.8
    expect(j.totals.byStatus).toEqual([
      { status: '发包', unit: '亩', count: 2, area: '1233.8' },
      { status: '闲置', unit: '亩', count: 1, area: '10.25' },
      { status: '出租', unit: '亩', count: 1, area: '320' },
      { status: '自营', unit: '株', count: 1, area: '800' },
    ]);
    // a duplicate code is refused, and so is a bad option value; nothing written
    const before = await registerState(sb);
    expectRefused(await sb.run('resource', 'add', 'GD-01', '--name', 'x', '--category', '耕地', '--area', '1'), 'RESOURCE_EXISTS');
    const bad = await sb.run('resource', 'add', 'GD-09', '--name', 'x', '--category', '耕地', '--area', '1.23456', '--status', '出借');
    expect(bad.codes).toEqual(['NUMBER', 'CHOICE']);
    expect(bad.stderr).toContain('面积（--area）：数值「1.23456」超过 4 位小数');
    expect(await registerState(sb)).toBe(before);
  });
});

describe('resource status', () => {
  /** LD-01 (出租) let to 张三 for 2024–2028 by HT-1; GD-02 (闲置) free. */
  const statusLedger = () =>
    Sandbox.from('resource-status', async (s) => {
      await s.ok('init', '--name', '测试村', '--start', '2024-01');
      await s.ok('import', 'resources', s.file('r.csv', ['资源编码,名称,类别,面积,单位,状态', 'LD-01,后山林地,林地,100,亩,出租', 'GD-02,塘边耕地,耕地,10,亩,闲置'].join('\n')));
      await s.ok('contract', 'add', 'HT-1', '--kind', '出租', '--counterparty', '张三', '--subject', 'LD-01', '--start', '2024-01-01', '--end', '2028-12-31', '--annual-rent', '12000');
    });
  /** Each resource's status on a day, as resource list gives it. */
  const status = async (asOf: string) =>
    (await sb.ok('resource', 'list', '--as-of', asOf, '--format', 'json')).json().resources.map((r: { code: string; status: string }) => `${r.code} ${r.status}`);
  it('records a change of use status from a day: the register shows the status of its --as-of day; refused under a contract in force, out of order, unchanged or in the future', async () => {
    sb = await statusLedger();
    const before = await registerState(sb);
    // The lease runs to 2028: the land is not idle while it does.
    const held = await sb.run('resource', 'status', 'LD-01', '--status', '闲置', '--date', '2024-07-01');
    expectRefused(held, 'RESOURCE_STATUS_UNDER_CONTRACT');
    expect(held.stderr).toContain('仍由合同 HT-1 使用');
    expectRefused(await sb.run('resource', 'status', 'LD-01', '--status', '出租', '--date', '2024-07-01'), 'RESOURCE_STATUS_SAME');
    expectRefused(await sb.run('resource', 'status', 'LD-9', '--status', '闲置', '--date', '2024-07-01'), 'RESOURCE_UNKNOWN');
    // The harness's today is 2026-01-15.
    expectRefused(await sb.run('resource', 'status', 'GD-02', '--status', '自营', '--date', '2026-01-16'), 'RESOURCE_STATUS_FUTURE');
    const choice = await sb.run('resource', 'status', 'GD-02', '--status', '休耕', '--date', '2024-07-01');
    expect(choice.code).toBe(2); // commander's own refusal of a choice: no error code, its message
    expect(choice.stderr).toContain('「休耕」无效');
    expect(await registerState(sb)).toBe(before);
    // Ended early: contract end says the land is still recorded as let, and how to record it idle.
    const end = await sb.ok('contract', 'end', 'HT-1', '--date', '2024-06-30', '--reason', '协商解除');
    expect(end.stdout).toContain('资源 LD-01 自 2024-07-01 起的使用状态仍为「出租」；收回后闲置或自营的，请登记：sanzi resource status LD-01 --status 闲置 --date 2024-07-01');
    expectRefused(await sb.run('resource', 'status', 'LD-01', '--status', '闲置', '--date', '2024-06-30'), 'RESOURCE_STATUS_UNDER_CONTRACT');
    // contract alerts: the land recorded as let from 2024-07-01 with no contract in force.
    const mismatches = async (asOf: string) => (await sb.ok('contract', 'alerts', '--as-of', asOf, '--format', 'json')).json().statusMismatches;
    expect(await mismatches('2024-06-30')).toEqual([]);
    expect(await mismatches('2024-07-01')).toEqual([{ resource: 'LD-01', status: '出租', contracts: [], expected: '闲置' }]);
    expect((await sb.ok('contract', 'alerts', '--as-of', '2024-07-01')).stdout).toContain('资源 LD-01 的使用状态是「出租」，但当日没有在用的合同');
    const ok = await sb.ok('resource', 'status', 'LD-01', '--status', '闲置', '--date', '2024-07-01', '--reason', '合同提前终止，收回');
    expect(ok.stdout).toContain('资源 LD-01 的使用状态自 2024-07-01 起由「出租」改为「闲置」');
    // GD-02 rented in (付) from a household: the collective farms it itself while the contract runs.
    await sb.ok('contract', 'add', 'LZ-1', '--kind', '流转', '--direction', '付', '--counterparty', '邓有才', '--subject', 'GD-02', '--start', '2025-01-01', '--end', '2027-12-31', '--rent-per-mu', '500');
    await sb.ok('resource', 'status', 'GD-02', '--status', '自营', '--date', '2025-03-01');
    expect(await mismatches('2025-03-01')).toEqual([]);
    expect(await status('2024-06-30')).toEqual(['GD-02 闲置', 'LD-01 出租']);
    expect(await status('2024-07-01')).toEqual(['GD-02 闲置', 'LD-01 闲置']);
    expect(await status('2025-03-01')).toEqual(['GD-02 自营', 'LD-01 闲置']);
    // 按状态 follows the day: 闲置 10 + 100 亩 on 2024-07-01.
    expect((await sb.ok('resource', 'list', '--as-of', '2024-07-01', '--format', 'json')).json().totals.byStatus).toEqual([{ status: '闲置', unit: '亩', count: 2, area: '110' }]);
    // In order: not before a change recorded.
    const after = await registerState(sb);
    const order = await sb.run('resource', 'status', 'LD-01', '--status', '自营', '--date', '2024-06-01');
    expectRefused(order, 'RESOURCE_STATUS_ORDER', 'RESOURCE_STATUS_UNDER_CONTRACT');
    expect(await registerState(sb)).toBe(after);
    // Let again: a new contract from 2025, the status recorded with it.
    expect(await mismatches('2024-07-01')).toEqual([]);
    const ht2 = await sb.ok('contract', 'add', 'HT-2', '--kind', '出租', '--counterparty', '李四', '--subject', 'LD-01', '--start', '2025-01-01', '--end', '2029-12-31', '--annual-rent', '10000');
    expect(ht2.stdout).toContain('资源 LD-01 在合同期内自 2025-01-01 起记为「闲置」；请登记：sanzi resource status LD-01 --status 出租 --date 2025-01-01');
    // Let again while still recorded idle: an alert until the status is recorded.
    expect(await mismatches('2025-01-01')).toEqual([{ resource: 'LD-01', status: '闲置', contracts: ['HT-2'], expected: '出租' }]);
    await sb.ok('resource', 'status', 'LD-01', '--status', '出租', '--date', '2025-01-01');
    expect(await mismatches('2025-01-01')).toEqual([]);
    expect(await status('2025-06-30')).toEqual(['GD-02 自营', 'LD-01 出租']);
    const log = (await sb.ok('audit', 'log', '--format', 'json')).json().records.filter((r: { action: string }) => r.action === 'resource.status');
    expect(log.map((r: { summary: string }) => r.summary)).toEqual([
      '资源 LD-01 使用状态 出租 → 闲置（自 2024-07-01，合同提前终止，收回）',
      '资源 GD-02 使用状态 闲置 → 自营（自 2025-03-01）',
      '资源 LD-01 使用状态 闲置 → 出租（自 2025-01-01）',
    ]);
    expect((await sb.run('verify')).code).toBe(0);
  });

  it('a change of status entered by mistake is cancelled, the latest first; not in a closed month; idle before a lease to come is taken, with what to record', async () => {
    sb = await statusLedger();
    // A lease of GD-02 from 2025: idle until then is taken, and the reply says what to record when it begins.
    await sb.ok('contract', 'add', 'HT-3', '--kind', '发包', '--counterparty', '王五', '--subject', 'GD-02', '--start', '2025-01-01', '--end', '2027-12-31', '--annual-rent', '800');
    // 2025 typed where 2024 was meant: it would block every change dated before it.
    await sb.ok('resource', 'status', 'GD-02', '--status', '自营', '--date', '2024-03-01');
    const typo = await sb.ok('resource', 'status', 'GD-02', '--status', '闲置', '--date', '2024-12-01');
    expect(typo.stdout).toContain('合同 HT-3 自 2025-01-01 起发包该资源：请登记 sanzi resource status GD-02 --status 发包 --date 2025-01-01');
    expectRefused(await sb.run('resource', 'status', 'GD-02', '--status', '闲置', '--date', '2024-09-01'), 'RESOURCE_STATUS_ORDER');
    const before = await registerState(sb);
    expectRefused(await sb.run('resource', 'status-cancel', 'GD-02', '--reason', ' '), 'REASON_REQUIRED');
    expectRefused(await sb.run('resource', 'status-cancel', 'LD-9', '--reason', '录错'), 'RESOURCE_UNKNOWN');
    expectRefused(await sb.run('resource', 'status-cancel', 'LD-01', '--reason', '录错'), 'RESOURCE_STATUS_NONE');
    expect(await registerState(sb)).toBe(before);
    const c = await sb.ok('resource', 'status-cancel', 'GD-02', '--reason', '日期录错');
    expect(c.stdout).toContain('已撤销资源 GD-02 自 2024-12-01 起为「闲置」的使用状态变动');
    expect(await status('2024-12-01')).toEqual(['GD-02 自营', 'LD-01 出租']);
    await sb.ok('resource', 'status', 'GD-02', '--status', '闲置', '--date', '2024-09-01');
    expect(await status('2024-12-01')).toEqual(['GD-02 闲置', 'LD-01 出租']);
    // A closed month keeps the status it was closed with: no change dated in it, none cancelled there.
    await sb.ok('period', 'close', '2024-01', '--through', '2024-09');
    const closed = await registerState(sb);
    expectRefused(await sb.run('resource', 'status', 'GD-02', '--status', '自营', '--date', '2024-09-15'), 'RESOURCE_STATUS_CLOSED');
    // Before the books' first month: it would reach every closed month after it.
    expectRefused(await sb.run('resource', 'status', 'LD-01', '--status', '发包', '--date', '2023-12-31'), 'RESOURCE_STATUS_CLOSED');
    expectRefused(await sb.run('resource', 'status-cancel', 'GD-02', '--reason', '录错'), 'RESOURCE_STATUS_CLOSED');
    expect(await registerState(sb)).toBe(closed);
    await sb.ok('resource', 'status', 'GD-02', '--status', '自营', '--date', '2024-10-01');
    // 自营 still recorded when the 发包 of 2025 begins: the alert names 发包, the contract's kind.
    const alerts = await sb.ok('contract', 'alerts', '--as-of', '2025-02-01');
    expect(alerts.stdout).toContain('资源 GD-02 的使用状态是「自营」，但合同 HT-3 在用（sanzi resource status GD-02 --status 发包 --date 日期）');
    const trail = (await sb.ok('audit', 'log', '--format', 'json')).json().records.map((r: { action: string }) => r.action);
    expect(trail.filter((a: string) => a.startsWith('resource.status'))).toEqual(['resource.status', 'resource.status', 'resource.status-cancel', 'resource.status', 'resource.status']);
    expect((await sb.run('verify')).code).toBe(0);
  });
});

describe('contract end and the status of the land it lets out', () => {
  it('an end still to come: the reply says to record the status once it has come (a change is not dated ahead)', async () => {
    sb = await Sandbox.from('resource-status-end', async (s) => {
      await s.ok('init', '--name', '测试村', '--start', '2024-01');
      await s.ok('import', 'resources', s.file('r.csv', ['资源编码,名称,类别,面积,单位,状态', 'LD-01,后山林地,林地,100,亩,出租'].join('\n')));
      await s.ok('contract', 'add', 'HT-1', '--kind', '出租', '--counterparty', '张三', '--subject', 'LD-01', '--start', '2024-01-01', '--end', '2028-12-31', '--annual-rent', '12000');
    });
    // The harness's today is 2026-01-15.
    const end = await sb.ok('contract', 'end', 'HT-1', '--date', '2026-06-30', '--reason', '协商解除');
    expect(end.stdout).toContain('资源 LD-01 自 2026-07-01 起的使用状态仍为「出租」；到 2026-07-01 收回后闲置或自营的，请登记：sanzi resource status LD-01 --status 闲置 --date 2026-07-01');
  });
});

describe('bad register input: exit 1, every bad row with its line, nothing written', () => {
  async function fresh(): Promise<void> {
    sb = await Sandbox.from('registers-empty', async (s) => {
      await s.ok('init', '--name', '测试村', '--start', '2016-01');
    });
  }

  it('assets', async () => {
    await fresh();
    const f = bad('assets-bad-rows.csv');
    const r = await sb.run('import', 'assets', f);
    expect(r.codes).toEqual(['AMOUNT', 'DATE', 'RATE', 'REGISTER_REQUIRED', 'ACCOUNT_PURPOSE', 'ACCOUNT_UNKNOWN', 'CHOICE', 'CHOICE', 'ASSET_DUPLICATE']);
    expect(r.stderr.trim().split('\n')).toEqual([
      `${f}:2: 原值：金额格式不正确：「1e5」`,
      `${f}:3: 取得日期：日期不存在：「2018-02-30」`,
      `${f}:4: 残值率：比率格式不正确：「abc」`,
      `${f}:5: 使用年限：计提折旧的资产须填使用年限`,
      `${f}:6: 费用科目须为 401/511/513/514 或其明细科目，不能是「102 银行存款」`,
      `${f}:7: 费用科目「999」不存在`,
      `${f}:8: 状态：「报废」不在可选值 在用/出租/闲置/处置 之中`,
      `${f}:9: 折旧方法：「双倍余额递减法」不是可用的折旧方法（年限平均法 或 工作量法）`,
      `${f}:10: 资产编码「A1」在本文件中重复`,
    ]);
    const land = await sb.run('import', 'assets', bad('assets-land-depreciated.csv'));
    expectRefused(land, 'ASSET_LAND');
    expect(land.stderr).toContain('assets-land-depreciated.csv:2: 是否计提折旧：土地不计提折旧');
    const col = await sb.run('import', 'assets', bad('assets-unknown-column.csv'));
    expectRefused(col, 'CSV_HEADER');
    expect(col.stderr).toContain('assets-unknown-column.csv:1: 不认识的列：「原价值」');
    expect((await sb.ok('asset', 'list', '--format', 'json')).json().assets).toEqual([]);
  });

  it('resources', async () => {
    await fresh();
    const f = bad('resources-bad-rows.csv');
    const r = await sb.run('import', 'resources', f);
    expect(r.codes).toEqual(['NUMBER', 'NUMBER', 'CHOICE', 'REGISTER_REQUIRED', 'RESOURCE_DUPLICATE']);
    expect(r.stderr.trim().split('\n')).toEqual([
      `${f}:2: 面积：数值格式不正确：「abc」`,
      `${f}:3: 面积：数值「1.23456」超过 4 位小数`,
      `${f}:4: 状态：「出借」不在可选值 自营/发包/出租/入股/流转/闲置 之中`,
      `${f}:5: 名称：不能为空`,
      `${f}:6: 资源编码「GD-02」在本文件中重复`,
    ]);
    expect((await sb.ok('resource', 'list', '--format', 'json')).json().resources).toEqual([]);
  });

  it('a negative area, in a file or an option, is refused with its line (it was an internal error)', async () => {
    await fresh();
    await sb.ok('resource', 'add', 'GD-01', '--name', '村前耕地', '--category', '耕地', '--area', '33.3');
    const res = await sb.run('import', 'resources', sb.file('r.csv', '资源编码,名称,类别,面积\nGD-02,后山,林地,-1\n'));
    expectRefused(res, 'NUMBER');
    expect(res.stderr).toContain('r.csv:2: 面积：不能为负数：「-1」');
    const con = await sb.run('import', 'contracts', sb.file('c.csv', '合同编号,类型,对方,标的,面积,开始,结束,每亩租金\nHT-A,发包,甲,GD-01,-10,2024-01-01,2026-12-31,100\n'));
    expectRefused(con, 'NUMBER');
    expect(con.stderr).toContain('c.csv:2: 面积：不能为负数：「-10」');
    const add = await sb.run('resource', 'add', 'GD-03', '--name', '鱼塘', '--category', '养殖水面', '--area', '-5');
    expectRefused(add, 'NUMBER');
    for (const r of [res, con, add]) expect(r.stderr).not.toContain('内部错误');
    expect((await sb.ok('resource', 'list', '--format', 'json')).json().resources).toHaveLength(1);
    expect((await sb.ok('contract', 'list', '--format', 'json')).json().contracts).toEqual([]);
  });

  it('contracts: ends before it starts, overlap within the file, unknown subject', async () => {
    await fresh();
    await sb.ok('resource', 'add', 'GD-01', '--name', '村前耕地', '--category', '耕地', '--area', '33.3');
    const cases: [string, string][] = [
      ['contracts-ends-before-start.csv', ':2: 合同结束日期 2020-12-31 早于开始日期 2021-01-01'],
      ['contracts-overlap.csv', ':3: 标的「GD-01」在 2025-12-31 至 2025-12-31 已由合同「HT-A」'],
      ['contracts-unknown-subject.csv', ':2: 标的「GD-99」不是已登记的资源或资产'],
    ];
    for (const [name, msg] of cases) {
      const r = await sb.run('import', 'contracts', bad(name));
      expect(r.code, name).toBe(1);
      expect(r.codes, name).toHaveLength(1);
      expect(r.stderr, name).toContain(bad(name) + msg);
    }
    expect((await sb.ok('contract', 'list', '--format', 'json')).json().contracts).toEqual([]);
  });
});
