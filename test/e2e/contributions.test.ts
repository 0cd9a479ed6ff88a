import { afterEach, describe, expect, it } from 'vitest';
import { expectRefused, type Sandbox } from '../harness.js';
import { fx, ledgerWithMembers, snapshot } from './shares-setup.js';

let sb: Sandbox;
afterEach(() => sb?.cleanup());

type TbRow = { account: string; debit: string; credit: string; closing: string };

async function tb(s: Sandbox): Promise<Map<string, TbRow>> {
  const j = (await s.ok('report', 'trial-balance', '--from', '2016-01', '--to', '2016-12', '--format', 'json')).json();
  return new Map(j.rows.map((r: TbRow) => [r.account, r]));
}

describe('contributions', () => {
  // Par 300.00. By hand:
  //  X001 cash 1,000.00            → 3.3333 sh, capital 999.99, 311 0.01
  //  X002 brick 8000 × 0.45        → 3,600.00 → 12 sh
  //  X003 timber 12.5 × 36.80      → 460.00 → 1.5333 sh, capital 459.99, 311 0.01
  //  X001 labor 45 × 120.00        → 5,400.00 → 18 sh
  //  X004 land 2.35 亩 × 1,000.00  → 2,350.00 → 7.8333 sh, capital 2,349.99, 311 0.01
  //  X002 labor 10.5 × 120.35      → 1,263.675 → 1,263.68 → 4.2122 sh, capital 1,263.66, 311 0.02
  it('a mixed import of all four kinds: register and ledger to the share and the fen', async () => {
    sb = await ledgerWithMembers();
    const r = await sb.ok('import', 'contributions', fx('contributions-mixed.csv'));
    expect(r.stdout).toContain('已导入出资 6 笔，价值 14073.68 元，折 46.9121 股');
    const reg = (await sb.ok('shares', '--project', 'tq', '--as-of', '2016-12-31', '--format', 'json')).json();
    expect(reg.project).toBe('tq');
    expect(reg.asOf).toBe('2016-12-31');
    expect(reg.totalShares).toBe('46.9121');
    expect(reg.holders.map((h: object) => ({ ...h }))).toEqual([
      { member: 'X001', name: '邓志强', shares: '21.3333', value: '6399.99', household: 'H01', percentage: '45.4750', classes: [{ class: '现金股', shares: '3.3333' }, { class: '劳务股', shares: '18' }] },
      { member: 'X002', name: '李秀英', shares: '16.2122', value: '4863.66', household: 'H01', percentage: '34.5587', classes: [{ class: '实物股', shares: '12' }, { class: '劳务股', shares: '4.2122' }] },
      { member: 'X003', name: '邓伟', shares: '1.5333', value: '459.99', household: 'H02', percentage: '3.2685', classes: [{ class: '实物股', shares: '1.5333' }] },
      { member: 'X004', name: '邓福来', shares: '7.8333', value: '2349.99', household: 'H02', percentage: '16.6978', classes: [{ class: '土地股', shares: '7.8333' }] },
    ]);
    expect(reg.classes).toEqual([
      { class: '现金股', shares: '3.3333' },
      { class: '实物股', shares: '13.5333' },
      { class: '劳务股', shares: '22.2122' },
      { class: '土地股', shares: '7.8333' },
    ]);
    const t = await tb(sb);
    expect(t.get('102')).toMatchObject({ debit: '1000.00', credit: '0.00', closing: '1000.00' });
    expect(t.get('121')).toMatchObject({ debit: '4060.00', closing: '4060.00' });
    expect(t.get('153')).toMatchObject({ debit: '6663.68', closing: '6663.68' });
    expect(t.get('161')).toMatchObject({ debit: '2350.00', closing: '2350.00' });
    expect(t.get('301')).toMatchObject({ debit: '0.00', credit: '14073.63', closing: '-14073.63' });
    expect(t.get('311')).toMatchObject({ debit: '0.00', credit: '0.05', closing: '-0.05' });
    // The valuation list the members' meeting checks, with each voucher.
    const list = (await sb.ok('contribution', 'list', '--project', 'tq', '--format', 'json')).json();
    expect(list.contributions).toHaveLength(6);
    expect(list.contributions[5]).toMatchObject({
      date: '2016-06-15',
      member: 'X002',
      kind: 'labor',
      quantity: '10.5',
      unit: '工日',
      unitPrice: '120.35',
      value: '1263.68',
      shares: '4.2122',
      capital: '1263.66',
      remainder: '0.02',
      account: '153',
      voucher: '2016-06/2',
    });
    expect(list.contributions[1]).toMatchObject({ kind: 'material', item: null, note: '青砖', quantity: '8000', unit: '块', unitPrice: '0.45', value: '3600.00', voucher: '2016-04/1' });
    expect(list.totals).toEqual({ value: '14073.68', shares: '46.9121', capital: '14073.63', remainder: '0.05' });
    // Prices are money: two decimals at least, whatever the file wrote (land at 1000 a 亩 is "1000.00").
    expect(list.contributions.map((c: { unitPrice: string | null }) => c.unitPrice)).toEqual([null, '0.45', '36.80', '120.00', '1000.00', '120.35']);
    // Each voucher carries the member and project on every line.
    const journal = (await sb.ok('report', 'journal', '--from', '2016-06', '--to', '2016-06', '--format', 'json')).json();
    const v = journal.vouchers.find((x: { number: number }) => x.number === 2);
    expect(v.summary).toContain('出资第6号');
    expect(v.lines).toEqual([
      { account: '153', debit: '1263.68', credit: '0.00', member: 'X002', project: 'tq' },
      { account: '301', debit: '0.00', credit: '1263.66', member: 'X002', project: 'tq' },
      { account: '311', debit: '0.00', credit: '0.02', member: 'X002', project: 'tq' },
    ]);
  });

  it('contribute: each kind from the command line, --account for materials into 在建工程', async () => {
    sb = await ledgerWithMembers();
    let r = await sb.ok('contribute', '--member', 'X001', '--project', 'tq', '--date', '2016-03-02', '--cash', '¥1,000.00');
    expect(r.stdout).toContain('价值 1000.00 元，折现金股 3.3333 股（资本 999.99，公积公益金 0.01），凭证 2016-03/1');
    r = await sb.ok('contribute', '--member', 'X002', '--project', 'tq', '--date', '2016-04-12', '--material', '水泥', '--quantity', '20', '--unit', '吨', '--unit-price', '380', '--account', '153');
    expect(r.stdout).toContain('价值 7600.00 元，折实物股 25.3333 股');
    r = await sb.ok('contribute', '--member', 'X003', '--project', 'tq', '--date', '2016-05-31', '--labor', '45', '--wage', '120');
    expect(r.stdout).toContain('价值 5400.00 元，折劳务股 18 股');
    r = await sb.ok('contribute', '--member', 'X004', '--project', 'tq', '--date', '2016-06-01', '--land', '2.5', '--value-per-mu', '6000');
    expect(r.stdout).toContain('价值 15000.00 元，折土地股 50 股');
    const t = await tb(sb);
    expect(t.get('153')).toMatchObject({ debit: '13000.00' });
    expect(t.has('121')).toBe(false);
    expect(t.get('161')).toMatchObject({ debit: '15000.00' });
    expect(t.get('301')).toMatchObject({ credit: '28999.98' });
    expect(t.get('311')).toMatchObject({ credit: '0.02' });
    // 7600.00 ÷ 300 = 25.3333…: capital 7,599.99, 0.01 to 311.
    const list = (await sb.ok('contribution', 'list', '--project', 'tq', '--format', 'json')).json();
    expect(list.contributions[1]).toMatchObject({ item: '水泥', account: '153', capital: '7599.99', remainder: '0.01' });
  });

  it('a material amount that disagrees with 数量 × 单价 is refused, showing both', async () => {
    sb = await ledgerWithMembers();
    const before = await snapshot(sb);
    const r = await sb.run('import', 'contributions', fx('bad/contributions-amount-mismatch.csv'));
    expectRefused(r, 'CONTRIBUTION_VALUE');
    expect(r.stderr).toContain('contributions-amount-mismatch.csv:2: 实物出资：金额 3,500.00 与 数量 × 单价 = 3,600.00 不符');
    expect(await snapshot(sb)).toBe(before);
    const cli = await sb.run('contribute', '--member', 'X002', '--project', 'tq', '--date', '2016-04-10', '--material', '青砖', '--quantity', '8000', '--unit-price', '0.45', '--amount', '3500');
    expectRefused(cli, 'CONTRIBUTION_VALUE');
    expect(await snapshot(sb)).toBe(before);
  });

  it('unknown member and project: every bad row reported, nothing written', async () => {
    sb = await ledgerWithMembers();
    const before = await snapshot(sb);
    const r = await sb.run('import', 'contributions', fx('bad/contributions-unknown.csv'));
    expectRefused(r, 'MEMBER_UNKNOWN', 'PROJECT_UNKNOWN');
    expect(r.stderr).toContain('contributions-unknown.csv:3: 成员「X999」不存在');
    expect(r.stderr).toContain('contributions-unknown.csv:4: 项目「nope」不存在');
    expect(r.stderr).not.toContain(':2:');
    expect(await snapshot(sb)).toBe(before);
    const cli = await sb.run('contribute', '--member', 'X999', '--project', 'tq', '--date', '2016-03-02', '--cash', '100');
    expectRefused(cli, 'MEMBER_UNKNOWN');
    expect(cli.stderr).toContain('成员「X999」不存在');
    expect(await snapshot(sb)).toBe(before);
  });

  it('a member who is not active cannot contribute (迁出, and 已故 after the date of death)', async () => {
    sb = await ledgerWithMembers();
    const before = await snapshot(sb);
    const r = await sb.run('import', 'contributions', fx('bad/contributions-inactive.csv'));
    expectRefused(r, 'MEMBER_INACTIVE');
    expect(r.stderr).toContain('contributions-inactive.csv:3: 成员「X005 何三妹」在 2016-03-05 的状态为「迁出」，不能出资入股');
    expect(await snapshot(sb)).toBe(before);
    await sb.ok('member', 'status', 'X004', '--status', '已故', '--date', '2016-08-01');
    await sb.ok('contribute', '--member', 'X004', '--project', 'tq', '--date', '2016-07-31', '--cash', '300');
    const alive = await snapshot(sb);
    const after = await sb.run('contribute', '--member', 'X004', '--project', 'tq', '--date', '2016-08-01', '--cash', '300');
    expectRefused(after, 'MEMBER_INACTIVE');
    expect(after.stderr).toContain('在 2016-08-01 的状态为「已故」');
    expect(await snapshot(sb)).toBe(alive);
  });

  it('a death or exit cannot be dated before a later contribution of the member; a contribution cancelled no longer counts', async () => {
    sb = await ledgerWithMembers();
    await sb.ok('contribute', '--member', 'X003', '--project', 'tq', '--date', '2016-06-01', '--cash', '300');
    const before = await snapshot(sb);
    const show = async () => (await sb.ok('member', 'show', 'X003', '--format', 'json')).stdout;
    const was = await show();
    const r = await sb.run('member', 'status', 'X003', '--status', '已故', '--date', '2016-05-31');
    expectRefused(r, 'MEMBER_STATUS_BEFORE_SHARES');
    expect(r.stderr).toContain('成员「X003」在 2016-06-01 还出资入股');
    expect(await snapshot(sb)).toBe(before);
    expect(await show()).toBe(was);
    const id = String((await sb.ok('contribution', 'list', '--format', 'json')).json().contributions[0].id);
    await sb.ok('contribution', 'cancel', id, '--reason', '重复登记');
    await sb.ok('member', 'status', 'X003', '--status', '已故', '--date', '2016-05-31');
  });

  it('a grant made to a member after the date of death does not stop the death being recorded (no command takes a grant back)', async () => {
    sb = await ledgerWithMembers();
    await sb.ok('shares', 'grant', '--project', 'tq', '--member', 'X003', '--class', '募集股', '--shares', '1', '--date', '2016-06-01');
    await sb.ok('member', 'status', 'X003', '--status', '已故', '--date', '2016-05-31');
  });

  it('non-positive quantities, prices and amounts are refused', async () => {
    sb = await ledgerWithMembers();
    const before = await snapshot(sb);
    const r = await sb.run('import', 'contributions', fx('bad/contributions-nonpositive.csv'));
    expectRefused(r, 'CONTRIBUTION_VALUE');
    expect(r.codes).toEqual(['CONTRIBUTION_VALUE', 'CONTRIBUTION_VALUE', 'CONTRIBUTION_VALUE', 'CONTRIBUTION_VALUE']);
    expect(r.stderr).toContain('contributions-nonpositive.csv:2: 实物出资：数量必须大于 0');
    expect(r.stderr).toContain('contributions-nonpositive.csv:3: 劳务出资：单价必须大于 0');
    expect(r.stderr).toContain('contributions-nonpositive.csv:4: 土地出资：数量必须大于 0');
    expect(r.stderr).toContain('contributions-nonpositive.csv:5: 现金出资：金额必须大于 0');
    expect(await snapshot(sb)).toBe(before);
    const cli = await sb.run('contribute', '--member', 'X003', '--project', 'tq', '--date', '2016-05-31', '--labor', '0', '--wage', '120');
    expectRefused(cli, 'CONTRIBUTION_VALUE');
    expect(cli.stderr).toContain('数量必须大于 0');
    expect(await snapshot(sb)).toBe(before);
  });

  it('a closed month refuses the contribution and its voucher', async () => {
    sb = await ledgerWithMembers();
    await sb.ok('period', 'close', '2016-01');
    await sb.ok('period', 'close', '2016-02');
    await sb.ok('period', 'close', '2016-03');
    const before = await snapshot(sb);
    const r = await sb.run('contribute', '--member', 'X001', '--project', 'tq', '--date', '2016-03-02', '--cash', '1000');
    expectRefused(r, 'PERIOD_CLOSED');
    expect(r.stderr).toContain('已结账');
    const imp = await sb.run('import', 'contributions', fx('contributions-mixed.csv'));
    expectRefused(imp, 'PERIOD_CLOSED');
    expect(imp.stderr).toContain('contributions-mixed.csv:2: ');
    expect(await snapshot(sb)).toBe(before);
  });

  it('usage errors exit 2: not exactly one kind, an option the kind does not use, a missing price', async () => {
    sb = await ledgerWithMembers();
    const before = await snapshot(sb);
    const usage = async (...args: string[]) => {
      const r = await sb.run('contribute', '--member', 'X001', '--project', 'tq', '--date', '2016-03-02', ...args);
      expect([r.code, r.codes]).toEqual([2, ['CONTRIBUTE_USAGE']]);
      return r.stderr;
    };
    expect(await usage('--cash', '1', '--labor', '2', '--wage', '3')).toContain('须且只能选一种出资');
    expect(await usage()).toContain('须且只能选一种出资');
    expect(await usage('--cash', '1', '--wage', '2', '--quantity', '3')).toContain('--quantity、--wage 不适用于这种出资');
    expect(await usage('--material', '青砖', '--quantity', '10')).toContain('实物出资须有 --quantity 和 --unit-price');
    expect(await usage('--labor', '10')).toContain('劳务出资须有 --wage');
    expect(await usage('--land', '2.5')).toContain('土地入股须有 --value-per-mu');
    expect(await snapshot(sb)).toBe(before);
  });

  it('a debit account outside the assets, and a contribution before joining, are refused', async () => {
    sb = await ledgerWithMembers();
    const before = await snapshot(sb);
    const acct = await sb.run('contribute', '--member', 'X001', '--project', 'tq', '--date', '2016-03-02', '--cash', '1', '--account', '501');
    expectRefused(acct, 'CONTRIBUTION_ACCOUNT');
    expect(acct.stderr).toContain('借方科目「501」不能用于现金出资，应为 101、102 或其明细科目');
    // Each kind to what it may become: labour is no money, cash no 累计折旧, land no receivable.
    for (const [kind, account] of [
      [['--labor', '100', '--wage', '150'], '101'],
      [['--land', '3', '--value-per-mu', '4000'], '102'],
      [['--cash', '3000'], '152'],
      [['--cash', '3000'], '113'],
      [['--material', '水泥', '--quantity', '20', '--unit-price', '380'], '162'],
    ] as const) {
      expectRefused(await sb.run('contribute', '--member', 'X001', '--project', 'tq', '--date', '2016-03-02', ...kind, '--account', account), 'CONTRIBUTION_ACCOUNT');
    }
    // members-basic.csv: everyone joined on 2016-01-01
    expectRefused(await sb.run('contribute', '--member', 'X001', '--project', 'tq', '--date', '2015-12-31', '--cash', '1'), 'MEMBER_NOT_JOINED');
    expect(await snapshot(sb)).toBe(before);
  });
});
