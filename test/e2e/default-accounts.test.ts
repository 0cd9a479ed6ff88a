// Entries the tool makes go to the default account, or to its single leaf when the collective keeps
// one sub-account under it (102 → 10201); two sub-accounts make the user choose.
import { afterEach, describe, expect, it } from 'vitest';
import { Sandbox } from '../harness.js';

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
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('有下级科目 10201、10202');
    await sb.ok('contribute', '--member', 'X001', '--project', 'tq', '--date', '2024-02-01', '--cash', '100', '--account', '10202');
  });
});
