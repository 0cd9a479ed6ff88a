import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { expectRefused, expectUsage, type Sandbox } from '../harness.js';
import { fx, ledgerWithContributions, ledgerWithMembers, snapshot } from './shares-setup.js';

let sb: Sandbox;
afterEach(() => sb?.cleanup());

type Holder = { member: string; shares: string; value: string; classes: { class: string; shares: string }[] };

async function register(s: Sandbox, asOf: string): Promise<{ totalShares: string; holders: Holder[] }> {
  return (await s.ok('shares', '--project', 'tq', '--as-of', asOf, '--format', 'json')).json();
}

function brief(reg: { holders: Holder[] }): Record<string, string> {
  return Object.fromEntries(reg.holders.map((h) => [h.member, h.shares]));
}

const GRANTS = '日期,成员编号,项目,股种,股数,说明\n2016-01-01,X001,main,人口股,1,\n2016-01-01,X002,main,人口股,1,\n2016-01-01,X003,main,人口股,1,\n2016-01-01,X003,main,农龄股,0.5,农龄 10 年\n';

describe('share registers', () => {
  it('project add / list; the main register takes 人口股 grants', async () => {
    sb = await ledgerWithMembers();
    await sb.ok('project', 'add', 'cy', '--name', '茶园', '--par', '1,000.00', '--capital-account', '30101');
    const list = (await sb.ok('project', 'list', '--format', 'json')).json();
    expect(list.projects.map((p: { code: string; par: string; capitalAccount: string }) => [p.code, p.par, p.capitalAccount])).toEqual([
      ['main', '1.00', '301'],
      ['cy', '1000.00', '30101'],
      ['tq', '300.00', '301'],
    ]);
    // The capital sub-account is created under 301 with the project's name.
    const accounts = (await sb.ok('account', 'list', '--format', 'json')).json().accounts;
    expect(accounts.find((a: { code: string }) => a.code === '30101')).toMatchObject({ name: '茶园', parent: '301' });
    await sb.ok('import', 'shares', sb.file('人口股.csv', GRANTS));
    const reg = (await sb.ok('shares', '--project', 'main', '--format', 'json')).json();
    expect(reg.totalShares).toBe('3.5');
    // X003: 1 人口股 + 0.5 农龄股 = 1.5 of 3.5 shares = 42.857142…% → 42.8571; 1.5 × 1.00 = 1.50
    expect(reg.holders[2]).toEqual({ member: 'X003', name: '邓伟', shares: '1.5', value: '1.50', household: 'H02', percentage: '42.8571', classes: [{ class: '人口股', shares: '1' }, { class: '农龄股', shares: '0.5' }] });
    const hh = (await sb.ok('shares', '--project', 'main', '--by', 'household', '--format', 'json')).json();
    expect(hh.households.map((h: { household: string; headName: string; shares: string; members: string[] }) => [h.household, h.headName, h.shares, h.members])).toEqual([
      ['H01', '邓志强', '2', ['X001', 'X002']],
      ['H02', '邓伟', '1.5', ['X003']],
    ]);
    const table = (await sb.ok('shares', '--project', 'main')).stdout;
    expect(table).toContain('人口股');
    expect(table).toContain('农龄股');
    expect(table).toContain('42.8571');
  });

  it('project add refuses a taken code, a zero par, a bad code and capital account — every reason, nothing written', async () => {
    sb = await ledgerWithMembers();
    const before = await snapshot(sb);
    expectRefused(await sb.run('project', 'add', 'tq', '--name', '再来', '--par', '1'), 'PROJECT_EXISTS');
    expectRefused(await sb.run('project', 'add', 'zz', '--name', '零', '--par', '0'), 'PROJECT_PAR');
    const many = await sb.run('project', 'add', 'a b', '--name', ' ', '--par', '1', '--capital-account', '401');
    expectRefused(many, 'PROJECT_CODE', 'PROJECT_NAME', 'PROJECT_CAPITAL_ACCOUNT');
    expect(await snapshot(sb)).toBe(before);
  });

  it('shares grant from the command line; a grant to a member who moved away is refused', async () => {
    sb = await ledgerWithMembers();
    const r = await sb.ok('shares', 'grant', '--project', 'main', '--member', 'X004', '--class', '人口股', '--shares', '1', '--date', '2016-01-01');
    expect(r.stdout).toContain('已配股：main X004 人口股 1 股（2016-01-01）');
    const before = await snapshot(sb);
    const moved = await sb.run('shares', 'grant', '--project', 'main', '--member', 'X005', '--class', '人口股', '--shares', '1', '--date', '2016-01-01');
    expectRefused(moved, 'MEMBER_INACTIVE');
    expect(moved.stderr).toContain('成员「X005 何三妹」在 2016-01-01 的状态为「迁出」，不能配股');
    const bad = await sb.run('shares', 'grant', '--project', 'main', '--member', 'X004', '--class', ' ', '--shares', '0', '--date', '2016-13-01');
    expectRefused(bad, 'DATE', 'SHARE_CLASS', 'SHARES');
    expect(await snapshot(sb)).toBe(before);
  });

  it('bad grants: unknown member/project, inactive member, zero shares — all lines, nothing written', async () => {
    sb = await ledgerWithMembers();
    const before = await snapshot(sb);
    const r = await sb.run('import', 'shares', fx('bad/shares-unknown.csv'));
    expectRefused(r, 'MEMBER_UNKNOWN', 'PROJECT_UNKNOWN', 'MEMBER_INACTIVE', 'SHARES');
    expect(r.stderr).toContain('shares-unknown.csv:3: 成员「X999」不存在');
    expect(r.stderr).toContain('shares-unknown.csv:4: 项目「nope」不存在');
    expect(r.stderr).toContain('shares-unknown.csv:5: 成员「X005 何三妹」在 2016-01-01 的状态为「迁出」');
    expect(r.stderr).toContain('shares-unknown.csv:6: 股数必须大于 0');
    expect(await snapshot(sb)).toBe(before);
  });

  it('a transfer: the register before and after, --as-of on both sides, history kept', async () => {
    sb = await ledgerWithContributions();
    // X001 holds 3.3333 现金股 + 18 劳务股; gives 10 劳务股 to X002 on 2016-09-01.
    const r = await sb.ok('shares', 'transfer', '--project', 'tq', '--from', 'X001', '--to', 'X002', '--shares', '10', '--class', '劳务股', '--date', '2016-09-01', '--reason', '转让');
    expect(r.stdout).toContain('10 股');
    const before = await register(sb, '2016-08-31');
    expect(brief(before)).toEqual({ X001: '21.3333', X002: '16.2122', X003: '1.5333', X004: '7.8333' });
    const after = await register(sb, '2016-09-01');
    expect(brief(after)).toEqual({ X001: '11.3333', X002: '26.2122', X003: '1.5333', X004: '7.8333' });
    expect(after.totalShares).toBe('46.9121');
    // X001: 11.3333 × 300.00 = 3,399.99; 11.3333 ÷ 46.9121 = 24.1586%
    expect(after.holders[0]).toMatchObject({ value: '3399.99', classes: [{ class: '现金股', shares: '3.3333' }, { class: '劳务股', shares: '8' }], percentage: '24.1586' });
    // X002: 26.2122 × 300.00 = 7,863.66; 26.2122 ÷ 46.9121 = 55.8751%
    expect(after.holders[1]).toMatchObject({ value: '7863.66', classes: [{ class: '实物股', shares: '12' }, { class: '劳务股', shares: '14.2122' }], percentage: '55.8751' });
    // Shares move between registers only; the ledger is untouched by a transfer.
    const tb = (await sb.ok('report', 'trial-balance', '--from', '2016-01', '--to', '2016-12', '--format', 'json')).json();
    expect(tb.rows.find((x: { account: string }) => x.account === '301').closing).toBe('-14073.63');
    const show = (await sb.ok('member', 'show', 'X002', '--format', 'json')).json();
    expect(show.transfers).toEqual([{ project: 'tq', date: '2016-09-01', from: 'X001', to: 'X002', shares: '10', reason: '转让' }]);
  });

  it("an inheritance: the deceased member's whole holding passes to the heir, class by class", async () => {
    sb = await ledgerWithContributions();
    await sb.ok('member', 'status', 'X004', '--status', '已故', '--date', '2017-03-08');
    await sb.ok('shares', 'transfer', '--project', 'tq', '--from', 'X004', '--to', 'X003', '--shares', 'all', '--date', '2017-03-20', '--reason', '继承');
    const mid = await register(sb, '2017-03-19');
    expect(brief(mid)).toEqual({ X001: '21.3333', X002: '16.2122', X003: '1.5333', X004: '7.8333' });
    const after = await register(sb, '2017-03-20');
    // X003: 1.5333 + 7.8333 = 9.3666 shares; × 300.00 = 2,809.98; ÷ 46.9121 = 19.9663%
    expect(brief(after)).toEqual({ X001: '21.3333', X002: '16.2122', X003: '9.3666' });
    expect(after.holders[2]).toMatchObject({ value: '2809.98', classes: [{ class: '实物股', shares: '1.5333' }, { class: '土地股', shares: '7.8333' }], percentage: '19.9663' });
    // A deceased member receives nothing.
    const before = await snapshot(sb);
    const toDead = await sb.run('shares', 'transfer', '--project', 'tq', '--from', 'X003', '--to', 'X004', '--shares', '1', '--class', '实物股', '--date', '2017-04-01', '--reason', '赠与');
    expectRefused(toDead, 'MEMBER_INACTIVE');
    expect(toDead.stderr).toContain('受让成员「X004 邓福来」在 2017-04-01 的状态为「已故」');
    expect(await snapshot(sb)).toBe(before);
  });

  it('an inheritance from a member still recorded as active is noted on stderr', async () => {
    sb = await ledgerWithContributions();
    const r = await sb.ok('shares', 'transfer', '--project', 'tq', '--from', 'X004', '--to', 'X003', '--shares', 'all', '--date', '2017-03-20', '--reason', '继承');
    expect(r.stderr).toContain('注意：邓福来（X004）在 2017-03-20 的状态仍为「正常」');
    expect(r.stdout).toContain('已登记股份继承：tq 邓福来（X004）→ 邓伟（X003）7.8333 股（土地股 7.8333），2017-03-20');
  });

  it('refuses a transfer beyond the holding — on its date and against later transfers — writing nothing', async () => {
    sb = await ledgerWithContributions();
    const before = await snapshot(sb);
    let r = await sb.run('shares', 'transfer', '--project', 'tq', '--from', 'X003', '--to', 'X001', '--shares', '1.5334', '--date', '2016-12-01', '--reason', '转让');
    expectRefused(r, 'TRANSFER_EXCEEDS');
    expect(r.stderr).toContain('转出 1.5334 股超过持有的 1.5333 股');
    // Before the contribution of 2016-04-12 X003 held nothing.
    r = await sb.run('shares', 'transfer', '--project', 'tq', '--from', 'X003', '--to', 'X001', '--shares', '1', '--date', '2016-04-11', '--reason', '转让');
    expectRefused(r, 'TRANSFER_EXCEEDS');
    expect(r.stderr).toContain('超过持有的 0 股');
    r = await sb.run('shares', 'transfer', '--project', 'tq', '--from', 'X001', '--to', 'X002', '--shares', '5', '--date', '2016-12-01', '--reason', '转让');
    expectRefused(r, 'TRANSFER_CLASS');
    expect(r.stderr).toContain('--class');
    r = await sb.run('shares', 'transfer', '--project', 'tq', '--from', 'X001', '--to', 'X999', '--shares', '1', '--class', '现金股', '--date', '2016-12-01', '--reason', '转让');
    expectRefused(r, 'MEMBER_UNKNOWN');
    expect(r.stderr).toContain('受让成员「X999」不存在');
    r = await sb.run('shares', 'transfer', '--project', 'tq', '--from', 'X001', '--to', 'X002', '--shares', '1', '--class', '现金股', '--date', '2016-12-01', '--reason', '买卖');
    expectRefused(r, 'TRANSFER_REASON');
    r = await sb.run('shares', 'transfer', '--project', 'tq', '--from', 'X001', '--to', 'X001', '--shares', '1', '--class', '现金股', '--date', '2016-12-01', '--reason', '赠与');
    expectRefused(r, 'TRANSFER_SELF');
    r = await sb.run('shares', 'transfer', '--project', 'tq', '--from', 'X001', '--to', 'X002', '--shares', '1.23456', '--date', '2016-12-01', '--reason', '赠与');
    expectUsage(r, 'SHARES');
    expectRefused(await sb.run('shares', 'transfer', '--project', 'nope', '--from', 'X001', '--to', 'X002', '--shares', '1', '--date', '2016-12-01', '--reason', '赠与'), 'PROJECT_UNKNOWN');
    expect(await snapshot(sb)).toBe(before);
    // A later transfer already took the shares: a back-dated one may not overdraw.
    // X003 holds 1.5333 实物股; after giving 1.5 on 12-01, 1 more on 10-01 would leave 1.5333 − 1 − 1.5 = −0.9667.
    await sb.ok('shares', 'transfer', '--project', 'tq', '--from', 'X003', '--to', 'X001', '--shares', '1.5', '--date', '2016-12-01', '--reason', '转让');
    const later = await snapshot(sb);
    r = await sb.run('shares', 'transfer', '--project', 'tq', '--from', 'X003', '--to', 'X002', '--shares', '1', '--date', '2016-10-01', '--reason', '赠与');
    expectRefused(r, 'TRANSFER_EXCEEDS');
    expect(r.stderr).toContain('在 2016-12-01 的实物股将为 -0.9667 股');
    expect(await snapshot(sb)).toBe(later);
  });

  it('股权证: number, holder, masked ID, classes, par, date', async () => {
    sb = await ledgerWithContributions();
    const text = (await sb.ok('shares', 'certificate', 'X001', '--project', 'tq', '--as-of', '2016-12-31', '--date', '2017-01-10')).stdout;
    expect(text).toContain('证号：TQ-X001');
    expect(text).toContain('股东：邓志强（成员编号 X001，户号 H01）');
    expect(text).toContain('身份证号：441827********1239');
    expect(text).not.toContain('441827196503121239');
    expect(text).toContain('每股金额：300.00 元');
    expect(text).toContain('现金股  3.3333 股');
    expect(text).toContain('劳务股  18 股');
    // 21.3333 × 300.00 = 6,399.99
    expect(text).toContain('合计  21.3333 股  股金 6,399.99 元');
    expect(text).toContain('发证日期：2017-01-10');
    const json = (await sb.ok('shares', 'certificate', 'X001', '--project', 'tq', '--as-of', '2016-12-31', '--date', '2017-01-10', '--format', 'json')).json();
    expect(json).toMatchObject({ number: 'TQ-X001', idCard: '441827********1239', shares: '21.3333', value: '6399.99', classes: [{ class: '现金股', shares: '3.3333' }, { class: '劳务股', shares: '18' }] });
    const none = await sb.run('shares', 'certificate', 'X005', '--project', 'tq');
    expectRefused(none, 'NO_HOLDING');
    // Written to a file of a format it is not: refused, nothing written.
    const pdf = await sb.run('shares', 'certificate', 'X001', '--project', 'tq', '--out', 'cert.pdf');
    expectRefused(pdf, 'OUT_UNSUPPORTED');
    expect(fs.existsSync(path.join(sb.dir, 'cert.pdf'))).toBe(false);
  });
});
