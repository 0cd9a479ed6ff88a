// The layout of every list of members, shares and contributions, as golden files (table and CSV).
// The figures in them are checked by hand in members/shares/contributions.test.ts; here a change of
// layout shows as a diff to review.
import { afterEach, describe, it } from 'vitest';
import { Sandbox } from '../harness.js';
import { expectGolden } from '../golden.js';
import { fx } from './shares-setup.js';

let sb: Sandbox;
afterEach(() => sb?.cleanup());

/**
 * 下迳's resort: five members (X005 moved away), 人口股 and 农龄股 in main, the six contributions
 * of contributions-mixed.csv in tq, 10 劳务股 from X001 to X002, X004's death and inheritance by
 * X003, and an advance of 250.50 to X001 on 113.
 */
function ledger(): Promise<Sandbox> {
  return Sandbox.from('lists', async (s) => {
    await s.ok('init', '--name', '下迳乡村旅游经济合作社', '--start', '2016-01');
    await s.ok('project', 'add', 'tq', '--name', '汤泉民宿', '--par', '300');
    await s.ok('project', 'add', 'cy', '--name', '茶园', '--par', '1,000.00');
    await s.ok('import', 'members', fx('members-basic.csv'));
    await s.ok(
      'import',
      'shares',
      s.file('grants.csv', '日期,成员编号,项目,股种,股数,说明\n2016-01-01,X001,main,人口股,1,\n2016-01-01,X002,main,人口股,1,\n2016-01-01,X003,main,人口股,1,\n2016-01-01,X003,main,农龄股,0.5,农龄 10 年\n2016-01-01,X004,main,人口股,1,\n'),
    );
    await s.ok('import', 'contributions', fx('contributions-mixed.csv'));
    await s.ok('voucher', 'add', '--date', '2016-03-05', '--summary', '借支', '--debit', '113:250.50:m=X001', '--credit', '101:250.50');
    await s.ok('shares', 'transfer', '--project', 'tq', '--from', 'X001', '--to', 'X002', '--shares', '10', '--class', '劳务股', '--date', '2016-09-01', '--reason', '转让');
    await s.ok('member', 'status', 'X004', '--status', '已故', '--date', '2017-03-08', '--note', '病故');
    await s.ok('shares', 'transfer', '--project', 'tq', '--from', 'X004', '--to', 'X003', '--shares', 'all', '--date', '2017-03-20', '--reason', '继承');
  });
}

async function both(name: string, ...args: string[]): Promise<void> {
  expectGolden(`${name}.txt`, (await sb.ok(...args)).stdout);
  expectGolden(`${name}.csv`, (await sb.ok(...args, '--format', 'csv')).bytes);
}

describe('lists of members, shares and contributions (golden files)', () => {
  it('member list and member show', async () => {
    sb = await ledger();
    await both('members/list', 'member', 'list');
    expectGolden('members/list-en.txt', (await sb.ok('--lang', 'en', 'member', 'list')).stdout);
    await both('members/show-X001', 'member', 'show', 'X001', '--as-of', '2017-12-31');
    // X004: contributions, a status change and the inheritance in the history
    await both('members/show-X004', 'member', 'show', 'X004', '--as-of', '2017-12-31');
  });

  it('project list, the share register by member and by household, the certificate', async () => {
    sb = await ledger();
    await both('shares/projects', 'project', 'list');
    await both('shares/register-tq', 'shares', '--project', 'tq', '--as-of', '2017-12-31');
    await both('shares/register-main', 'shares', '--project', 'main', '--as-of', '2017-12-31');
    await both('shares/households-main', 'shares', '--project', 'main', '--as-of', '2017-12-31', '--group', 'household');
    await both('shares/households-tq', 'shares', '--project', 'tq', '--as-of', '2017-12-31', '--group', 'household');
    expectGolden('shares/register-tq-en.txt', (await sb.ok('--lang', 'en', 'shares', '--project', 'tq', '--as-of', '2017-12-31')).stdout);
    expectGolden('shares/certificate-X003.txt', (await sb.ok('shares', 'certificate', 'X003', '--project', 'tq', '--as-of', '2017-12-31', '--date', '2018-01-10')).stdout);
  });

  it('contribution list', async () => {
    sb = await ledger();
    await both('contributions/list', 'contribution', 'list', '--project', 'tq');
    expectGolden('contributions/list-en.txt', (await sb.ok('--lang', 'en', 'contribution', 'list')).stdout);
  });
});
