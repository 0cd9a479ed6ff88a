// Entries the tool makes go to the default account, or to its single leaf when the collective keeps
// one sub-account under it (102 → 10201); two sub-accounts make the user choose.
import { afterEach, describe, expect, it } from 'vitest';
import { expectRefused, Sandbox } from '../harness.js';

let sb: Sandbox;
afterEach(() => sb?.cleanup());

type Line = { account: string; debit: string; credit: string; member: string | null };

async function journal(from: string, to: string): Promise<{ date: string; summary: string; lines: Line[] }[]> {
  return (await sb.ok('report', 'journal', '--from', from, '--to', to, '--format', 'json')).json().vouchers;
}

describe('default accounts with sub-accounts', () => {
  it('contribution, dividend declare and pay use the single leaf', async () => {
    sb = new Sandbox('defaults');
    await sb.ok('init', '--name', '下迳', '--start', '2024-01');
    await sb.ok('account', 'add', '10201', '基本户');
    await sb.ok('account', 'add', '21101', '应付股利');
    await sb.ok('account', 'add', '31101', '公积金');
    await sb.ok('project', 'add', 'tq', '--name', '汤泉民宿', '--par', '100');
    await sb.ok('member', 'add', 'X001', '--name', '邓志强', '--household', 'H01', '--bank', '农商银行', '--bank-account', '6230000000000000011');
    // 250.50 at par 100.00 → 2.505 shares: capital 250.50, nothing left for 311.
    await sb.ok('contribute', '--member', 'X001', '--project', 'tq', '--date', '2024-02-01', '--cash', '250.50');
    let v = await journal('2024-02', '2024-02');
    expect(v[0].lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
      ['10201', '250.50', '0.00'],
      ['301', '0.00', '250.50'],
    ]);
    await sb.ok('voucher', 'add', '--date', '2024-03-01', '--summary', '门票', '--debit', '10201:1000', '--credit', '501:1000:p=tq');
    // profit 1,000.00; reserve 10% = 100.00 to 31101; pool 900.00 to X001 alone, payable on 21101.
    await sb.ok('dividend', 'declare', '--project', 'tq', '--year', '2024', '--reserve', '10');
    v = await journal('2024-12', '2024-12');
    const credits = v.flatMap((x) => x.lines).filter((l) => l.credit !== '0.00').map((l) => [l.account, l.credit]);
    expect(credits).toEqual([
      ['31101', '100.00'],
      ['21101', '900.00'],
    ]);
    await sb.ok('dividend', 'pay', '--project', 'tq', '--year', '2024', '--date', '2025-01-10');
    v = await journal('2025-01', '2025-01');
    expect(v[0].lines.map((l) => [l.account, l.debit, l.credit, l.member])).toEqual([
      ['21101', '900.00', '0.00', 'X001'],
      ['10201', '0.00', '900.00', null],
    ]);
  });

  it('two sub-accounts: the user is asked to name one', async () => {
    sb = new Sandbox('defaults2');
    await sb.ok('init', '--name', '下迳', '--start', '2024-01');
    await sb.ok('account', 'add', '10201', '基本户');
    await sb.ok('account', 'add', '10202', '一般户');
    await sb.ok('project', 'add', 'tq', '--name', '汤泉民宿', '--par', '100');
    await sb.ok('member', 'add', 'X001', '--name', '邓志强', '--household', 'H01');
    const r = await sb.run('contribute', '--member', 'X001', '--project', 'tq', '--date', '2024-02-01', '--cash', '100');
    expectRefused(r, 'ACCOUNT_NOT_LEAF');
    expect(r.stderr).toContain('有下级科目 10201、10202');
    await sb.ok('contribute', '--member', 'X001', '--project', 'tq', '--date', '2024-02-01', '--cash', '100', '--account', '10202');
  });
});

describe('register entries with sub-accounts', () => {
  const registers = () =>
    Sandbox.from('defaults-registers', async (s) => {
      await s.ok('init', '--name', '下迳', '--start', '2024-01');
      await s.ok('account', 'add', '10201', '基本户');
      await s.ok('account', 'add', '15201', '房屋折旧');
      await s.ok('resource', 'add', 'GD-01', '--name', '村前耕地', '--category', '耕地', '--area', '10');
      // 1,200.00, no residual, 1 year: 100.00 a month from February
      await s.ok('asset', 'add', 'E1', '--name', '水泵', '--category', '机器设备', '--acquired', '2024-01-10', '--cost', '1200', '--life-years', '1', '--expense-account', '513');
      await s.ok('voucher', 'add', '--date', '2024-01-10', '--summary', '购入水泵', '--debit', '151:1200', '--credit', '10201:1200');
      await s.ok('contract', 'add', 'HT-1', '--kind', '发包', '--counterparty', '张三', '--subject', 'GD-01', '--start', '2024-01-01', '--end', '2025-12-31', '--annual-rent', '800');
    });

  it('depreciation credits 152’s only leaf; a rent payment and a disposal go to 102’s only leaf', async () => {
    sb = await registers();
    await sb.ok('asset', 'depreciate', '--through', '2024-02');
    expect((await journal('2024-02', '2024-02'))[0].lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
      ['513', '100.00', '0.00'],
      ['15201', '0.00', '100.00'],
    ]);
    await sb.ok('contract', 'pay', 'HT-1', '--amount', '800', '--date', '2024-03-01');
    // disposal on 2024-03-20: March charged first (accumulated 200.00), net 1,000.00, proceeds 1,000.00
    await sb.ok('asset', 'dispose', 'E1', '--date', '2024-03-20', '--proceeds', '1000');
    const march = await journal('2024-03', '2024-03');
    expect(march.find((v) => v.summary.includes('租金'))!.lines.map((l) => [l.account, l.debit])).toEqual([
      ['10201', '800.00'],
      ['112', '0.00'],
    ]);
    expect(march.find((v) => v.summary.startsWith('处置'))!.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
      ['154', '1000.00', '0.00'],
      ['15201', '200.00', '0.00'],
      ['151', '0.00', '1200.00'],
      ['10201', '1000.00', '0.00'],
      ['154', '0.00', '1000.00'],
    ]);
  });

  it('two sub-accounts of 102: the payment asks for --account, and nothing is written', async () => {
    sb = await registers();
    await sb.ok('account', 'add', '10202', '一般户');
    const r = await sb.run('contract', 'pay', 'HT-1', '--amount', '800', '--date', '2024-03-01');
    expectRefused(r, 'ACCOUNT_NOT_LEAF');
    expect(r.stderr).toContain('请用 --account 指定末级科目');
    expect((await sb.ok('contract', 'show', 'HT-1', '--format', 'json')).json().payments).toEqual([]);
    await sb.ok('contract', 'pay', 'HT-1', '--amount', '800', '--date', '2024-03-01', '--account', '10202');
  });
});
