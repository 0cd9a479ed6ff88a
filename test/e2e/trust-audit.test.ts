// sanzi audit log: every write leaves one record — who, when, what — and the log lists them,
// filtered by day, entity and action; money as strings; refused commands leave none.
import { afterEach, describe, expect, it } from 'vitest';
import { Sandbox, expectRefused, expectUsage, runCli } from '../harness.js';
import { ledgerDigest } from './trust-helpers.js';

let sb: Sandbox;
afterEach(() => sb?.cleanup());

/** Run as `by` on a given day (the harness's clock is fixed; here each step has its own). */
async function on(day: string, by: string, ...args: string[]) {
  const r = await runCli(['--db', sb.db, '--by', by, ...args], { cwd: sb.dir, now: new Date(`${day}T09:30:00`) });
  if (r.code !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`);
  return r;
}

async function books(): Promise<void> {
  sb = new Sandbox('audit');
  await on('2024-01-02', '张会计', 'init', '--name', '测试村', '--start', '2024-01');
  await on('2024-01-03', '张会计', 'account', 'add', '10201', '基本户');
  await on('2024-01-05', '李出纳', 'voucher', 'add', '--date', '2024-01-05', '--summary', '收租金', '--debit', '10201:1234.5', '--credit', '501:1234.5');
  const csv = sb.file(
    'v.csv',
    '凭证号,日期,摘要,科目编码,借方金额,贷方金额\n1,2024-02-01,电费,511,80,\n1,2024-02-01,电费,10201,,80\n2,2024-02-03,水费,511,20.5,\n2,2024-02-03,水费,10201,,20.5\n',
  );
  await on('2024-02-10', '张会计', 'import', 'vouchers', csv);
  await on('2024-02-11', '王主任', 'period', 'close', '2024-01');
}

describe('audit log', () => {
  it('lists every write: who, when, what, the amount and the vouchers', async () => {
    await books();
    const j = (await runCli(['--db', sb.db, 'audit', 'log', '--format', 'json'])).json();
    expect(j.filter).toEqual({ from: null, to: null, entity: null, action: null });
    expect(j.records.map((r: Record<string, unknown>) => [r.id, r.at, r.by, r.action, r.entity, r.amount, r.vouchers])).toEqual([
      [1, '2024-01-02 09:30:00', '张会计', 'ledger.init', 'ledger', null, null],
      [2, '2024-01-03 09:30:00', '张会计', 'account.add', 'account', null, null],
      [3, '2024-01-05 09:30:00', '李出纳', 'voucher.add', 'voucher', '1234.50', { first: '2024-01/1', last: '2024-01/1', count: 1 }],
      // 80.00 + 20.50 = 100.50, two vouchers
      [4, '2024-02-10 09:30:00', '张会计', 'voucher.import', 'voucher', '100.50', { first: '2024-02/1', last: '2024-02/2', count: 2 }],
      [5, '2024-02-11 09:30:00', '王主任', 'period.close', 'period', null, null],
    ]);
    expect(j.records[3].summary).toContain('v.csv'); // the import names its file
    expect(j.records[4].summary).toContain('2024-01');
    const table = (await runCli(['--db', sb.db, 'audit', 'log'])).stdout;
    expect(table).toContain('2024-02/1 … 2024-02/2（2 张）');
    expect(table).toContain('1,234.50');
  });

  it('filters by day, entity and action; CSV with the same columns', async () => {
    await books();
    const ids = async (...args: string[]) => (await runCli(['--db', sb.db, 'audit', 'log', '--format', 'json', ...args])).json().records.map((r: { id: number }) => r.id);
    expect(await ids('--from', '2024-01-03', '--to', '2024-01-05')).toEqual([2, 3]);
    expect(await ids('--from', '2024-02-01')).toEqual([4, 5]);
    expect(await ids('--to', '2024/1/2')).toEqual([1]);
    expect(await ids('--entity', 'voucher')).toEqual([3, 4]);
    expect(await ids('--action', 'voucher')).toEqual([3, 4]); // the group
    expect(await ids('--action', 'voucher.import')).toEqual([4]);
    expect(await ids('--action', 'vouch')).toEqual([]); // not a prefix match
    const csv = (await runCli(['--db', sb.db, 'audit', 'log', '--format', 'csv', '--entity', 'voucher'])).stdout;
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('编号,时间,经办人,操作,对象,内容,金额,凭证');
    expect(lines[1]).toMatch(/^3,2024-01-05 09:30:00,李出纳,voucher\.add,voucher,.*,1234\.50,2024-01\/1$/);
  });

  it('a refused command leaves no record; reading the log writes nothing', async () => {
    await books();
    const before = ledgerDigest(sb.db);
    const r = await runCli(['--db', sb.db, 'voucher', 'add', '--date', '2024-01-09', '--summary', 'x', '--debit', '511:1', '--credit', '10201:1']);
    expectRefused(r, 'PERIOD_CLOSED');
    await runCli(['--db', sb.db, 'audit', 'log']);
    expect(ledgerDigest(sb.db)).toBe(before);
  });

  it('refuses --from after --to', async () => {
    await books();
    const r = await runCli(['--db', sb.db, 'audit', 'log', '--from', '2024-03-01', '--to', '2024-01-01']);
    expectUsage(r, 'AUDIT_DATE_RANGE');
  });
});
