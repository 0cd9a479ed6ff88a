import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { expectRefused, Sandbox } from '../harness.js';
import { fx, ledgerWithMembers, snapshot } from './shares-setup.js';

let sb: Sandbox;
afterEach(() => sb?.cleanup());

describe('members', () => {
  it('imports a roster; list masks ID numbers (JSON, table, CSV); show gives the full number', async () => {
    sb = await ledgerWithMembers();
    const list = (await sb.ok('member', 'list', '--format', 'json')).json();
    expect(list.members).toHaveLength(5);
    expect(list.members[0]).toMatchObject({ id: 'X001', name: '邓志强', idCard: '441827********1239', household: 'H01', status: '正常' });
    expect(list.members[4]).toMatchObject({ id: 'X005', status: '迁出' });
    const table = (await sb.ok('member', 'list')).stdout;
    expect(table).toContain('441827********1239');
    expect(table).not.toContain('441827196503121239');
    const csv = (await sb.ok('member', 'list', '--format', 'csv')).bytes;
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = csv.toString('utf8');
    expect(text).toContain('441827********1239');
    expect(text).not.toMatch(/\d{17}[\dX]/);
    const show = (await sb.ok('member', 'show', 'X001', '--format', 'json')).json();
    expect(show.idCard).toBe('441827196503121239');
    expect(show.relation).toBe('户主');
    expect(show.balance113).toBe('0.00');
    expect((await sb.ok('member', 'show', 'X001')).stdout).toContain('441827196503121239');
  });

  it('member add checks the ID card; x is stored upper-case', async () => {
    sb = await ledgerWithMembers();
    await sb.ok('member', 'add', 'X006', '--name', '邓小红', '--id-card', '44182719850214678 3'.replace(' ', ''), '--household', 'H02', '--relation', '女');
    await sb.ok('member', 'add', 'X007', '--name', '邓北京', '--id-card', '11010519491231002x');
    expect((await sb.ok('member', 'show', 'X007', '--format', 'json')).json().idCard).toBe('11010519491231002X');
  });

  it('member add refuses a bad ID card, a taken id or ID card, a second head — writing nothing', async () => {
    sb = await ledgerWithMembers();
    const before = await snapshot(sb);
    const bad = await sb.run('member', 'add', 'X007', '--name', '错号', '--id-card', '441827196008088903');
    expectRefused(bad, 'IDCARD');
    expect(bad.stderr).toContain('身份证号校验位应为 2，实为 3');
    const dup = await sb.run('member', 'add', 'X001', '--name', '重号');
    expectRefused(dup, 'MEMBER_DUPLICATE');
    expect(dup.stderr).toContain('成员编号「X001」已存在');
    const dupCard = await sb.run('member', 'add', 'X008', '--name', '同证', '--id-card', '441827196503121239');
    expectRefused(dupCard, 'IDCARD_DUPLICATE');
    expect(dupCard.stderr).toContain('身份证号与已有成员「X001」相同');
    const head = await sb.run('member', 'add', 'X009', '--name', '二户主', '--household', 'H01', '--relation', '户主');
    expectRefused(head, 'HOUSEHOLD_HEAD');
    expect(head.stderr).toContain('户号「H01」已有户主「X001」');
    // Every reason at once: an id with a space and an empty name.
    expectRefused(await sb.run('member', 'add', 'X 1', '--name', ' '), 'MEMBER_ID', 'MEMBER_NAME');
    expect(await snapshot(sb)).toBe(before);
  });

  it('refuses a bad check character, reporting every bad row with FILE:LINE and writing nothing', async () => {
    sb = await ledgerWithMembers();
    const before = await snapshot(sb);
    const r = await sb.run('import', 'members', fx('bad/members-check-char.csv'));
    expectRefused(r, 'IDCARD');
    expect(r.codes).toEqual(['IDCARD', 'IDCARD']);
    expect(r.stderr).toContain('members-check-char.csv:2: 身份证号校验位应为 9，实为 8');
    expect(r.stderr).toContain('members-check-char.csv:3: 身份证号校验位应为 0，实为 X');
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(await snapshot(sb)).toBe(before);
  });

  it('refuses duplicate member ids, in the file and against the ledger', async () => {
    sb = await ledgerWithMembers();
    const before = await snapshot(sb);
    const r = await sb.run('import', 'members', fx('bad/members-duplicate-id.csv'));
    expectRefused(r, 'MEMBER_DUPLICATE');
    expect(r.stderr).toContain('members-duplicate-id.csv:3: 成员编号「Y001」重复（第 2 行已有）');
    expect(r.stderr).toContain('members-duplicate-id.csv:4: 成员编号「X001」已存在');
    expect(await snapshot(sb)).toBe(before);
  });

  it('refuses the same ID card twice (English headers)', async () => {
    sb = await ledgerWithMembers();
    const before = await snapshot(sb);
    const r = await sb.run('import', 'members', fx('bad/members-duplicate-idcard.csv'));
    expectRefused(r, 'IDCARD_DUPLICATE');
    expect(r.stderr).toContain('members-duplicate-idcard.csv:3: 身份证号与成员「Y001」相同（第 2 行）');
    expect(r.stderr).toContain('members-duplicate-idcard.csv:4: 身份证号与已有成员「X001」相同');
    expect(await snapshot(sb)).toBe(before);
  });

  it('reads a GBK (GB18030) roster', async () => {
    sb = new Sandbox();
    await sb.ok('init', '--name', '下迳村', '--start', '2016-01');
    const text = '成员编号,姓名,身份证号,户号,与户主关系,状态\r\nG001,邓锦华,441827196008088902,H21,户主,正常\r\nG002,邓喆,,H21,子,\r\n';
    const file = sb.file('成员-gbk.csv', iconv.encode(text, 'gb18030'));
    await sb.ok('import', 'members', file);
    const list = (await sb.ok('member', 'list', '--format', 'json')).json();
    expect(list.members).toEqual([
      { id: 'G001', name: '邓锦华', idCard: '441827********8902', household: 'H21', status: '正常', relation: '户主', joined: null, statusDate: null },
      { id: 'G002', name: '邓喆', idCard: null, household: 'H21', status: '正常', relation: '子', joined: null, statusDate: null },
    ]);
  });

  it('records status changes with their date and keeps the history', async () => {
    sb = await ledgerWithMembers();
    await sb.ok('member', 'status', 'X004', '--status', '已故', '--date', '2017-03-08', '--note', '病故');
    const show = (await sb.ok('member', 'show', 'X004', '--format', 'json')).json();
    expect(show.status).toBe('已故');
    expect(show.statusDate).toBe('2017-03-08');
    expect(show.statusHistory).toEqual([{ date: '2017-03-08', status: '已故', previous: '正常', note: '病故' }]);
    expect((await sb.ok('member', 'list', '--status', '已故', '--format', 'json')).json().members.map((m: { id: string }) => m.id)).toEqual(['X004']);
  });

  it('refuses the same status, a date before the last change or before joining, an unknown status — writing nothing', async () => {
    sb = await ledgerWithMembers();
    await sb.ok('member', 'status', 'X004', '--status', '已故', '--date', '2017-03-08');
    const before = await snapshot(sb);
    expectRefused(await sb.run('member', 'status', 'X004', '--status', '已故', '--date', '2017-04-01'), 'MEMBER_STATUS_SAME');
    const earlier = await sb.run('member', 'status', 'X004', '--status', '正常', '--date', '2017-01-01');
    expectRefused(earlier, 'MEMBER_STATUS_DATE');
    expect(earlier.stderr).toContain('早于上次状态变更 2017-03-08');
    // X001 joined on 2016-01-01; the same status too: both reasons at once.
    const both = await sb.run('member', 'status', 'X001', '--status', '正常', '--date', '2015-12-31');
    expectRefused(both, 'MEMBER_STATUS_SAME', 'MEMBER_STATUS_DATE');
    expect(both.stderr).toContain('变更日期 2015-12-31 早于加入日期 2016-01-01');
    expectRefused(await sb.run('member', 'status', 'X004', '--status', '失踪', '--date', '2017-04-01'), 'MEMBER_STATUS');
    expectRefused(await sb.run('member', 'status', 'X999', '--status', '迁出', '--date', '2017-04-01'), 'MEMBER_UNKNOWN');
    expect(await snapshot(sb)).toBe(before);
    const show = (await sb.ok('member', 'show', 'X004', '--format', 'json')).json();
    expect(show.statusHistory).toHaveLength(1);
  });

  it('a roster row with a status and its date: active before, not after', async () => {
    sb = await ledgerWithMembers();
    await sb.ok('import', 'members', sb.file('m.csv', 'member,name,household,relation,status,statusDate\nX010,邓老伯,H05,户主,已故,2016-06-30\n'));
    await sb.ok('contribute', '--member', 'X010', '--project', 'tq', '--date', '2016-06-29', '--cash', '300');
    const before = await snapshot(sb);
    const r = await sb.run('contribute', '--member', 'X010', '--project', 'tq', '--date', '2016-06-30', '--cash', '300');
    expectRefused(r, 'MEMBER_INACTIVE');
    expect(r.stderr).toContain('在 2016-06-30 的状态为「已故」');
    expect(await snapshot(sb)).toBe(before);
    const show = (await sb.ok('member', 'show', 'X010', '--format', 'json')).json();
    expect(show.statusHistory).toEqual([{ date: '2016-06-30', status: '已故', previous: '正常', note: null }]);
  });

  it('nothing is held before joining: grants and contributions dated earlier are refused', async () => {
    sb = await ledgerWithMembers();
    await sb.ok('member', 'add', 'X011', '--name', '邓新', '--joined', '2016-05-01');
    const before = await snapshot(sb);
    const grant = await sb.run('shares', 'grant', '--project', 'main', '--member', 'X011', '--class', '人口股', '--shares', '1', '--date', '2016-04-30');
    expectRefused(grant, 'MEMBER_NOT_JOINED');
    expect(grant.stderr).toContain('成员「X011 邓新」在 2016-04-30 尚未加入本集体（加入日期 2016-05-01），不能配股');
    expectRefused(await sb.run('contribute', '--member', 'X011', '--project', 'tq', '--date', '2016-04-30', '--cash', '300'), 'MEMBER_NOT_JOINED');
    expect(await snapshot(sb)).toBe(before);
    await sb.ok('shares', 'grant', '--project', 'main', '--member', 'X011', '--class', '人口股', '--shares', '1', '--date', '2016-05-01');
  });

  it('member show gives holdings, contributions and the 113 balance', async () => {
    sb = await ledgerWithMembers();
    await sb.ok('contribute', '--member', 'X001', '--project', 'tq', '--date', '2016-03-02', '--cash', '600');
    await sb.ok('voucher', 'add', '--date', '2016-03-05', '--summary', '借支', '--debit', '113:250.50:m=X001', '--credit', '101:250.50');
    const show = (await sb.ok('member', 'show', 'X001', '--format', 'json')).json();
    // 600.00 ÷ 300.00 = 2 shares exactly
    expect(show.holdings).toEqual([{ project: 'tq', projectName: '汤泉民宿', shares: '2', value: '600.00', classes: [{ class: '现金股', shares: '2' }] }]);
    expect(show.contributions).toEqual([{ id: 1, project: 'tq', date: '2016-03-02', kind: 'cash', value: '600.00', shares: '2', voucher: '2016-03/1' }]);
    expect(show.balance113).toBe('250.50');
    // Before the contribution and the advance: nothing held, nothing owed.
    const early = (await sb.ok('member', 'show', 'X001', '--as-of', '2016-03-01', '--format', 'json')).json();
    expect([early.holdings, early.contributions, early.balance113]).toEqual([[], [], '0.00']);
  });
});
