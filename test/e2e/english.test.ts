// --lang en: the messages and the plan's own words are English; only the user's data (names,
// summaries, codes) stays as it was entered.
import { afterEach, describe, expect, it } from 'vitest';
import { Sandbox, expectRefused } from '../harness.js';

let sb: Sandbox;
afterEach(() => sb?.cleanup());

/** Han characters outside the data the test put in (测试村, 张三, 汤泉, 门票, 借款, 募集股), and the term 公积公益金 glossed in parentheses. */
function strayChinese(text: string): string[] {
  const data = /测试村|张三|汤泉|门票|借款|募集股|\(公积公益金\)/g;
  return [...text.replace(data, '').matchAll(/[\u4e00-\u9fff]+/g)].map((m) => m[0]);
}

const ledger = () =>
  Sandbox.from('english', async (s) => {
    await s.ok('init', '--name', '测试村', '--start', '2024-01');
    await s.ok('import', 'members', s.file('members.csv', 'id,name,household,joined\nX001,张三,H01,2020-01-01\n'));
    await s.ok('project', 'add', 'tq', '--name', '汤泉', '--par', '100');
    await s.ok('shares', 'grant', '--member', 'X001', '--project', 'tq', '--shares', '10', '--date', '2024-01-01', '--class', '募集股');
    await s.ok('voucher', 'add', '--date', '2024-03-01', '--summary', '门票', '--debit', '102:1000', '--credit', '501:1000:p=tq');
    await s.ok('voucher', 'add', '--date', '2024-03-02', '--summary', '借款', '--debit', '113:100:m=X001', '--credit', '102:100');
  });

describe('--lang en', () => {
  it('refusals of the distribution and of a hand reversal are English throughout', async () => {
    sb = await ledger();
    // 可分配收益 of 2024: 1,000.00; a --profit of 5,000.00 is above it.
    const cap = await sb.run('--lang', 'en', 'dividend', 'plan', '--project', 'tq', '--year', '2024', '--profit', '5000');
    expectRefused(cap, 'DIVIDEND_EXCEEDS');
    expect(strayChinese(cap.stderr)).toEqual([]);

    await sb.ok('dividend', 'declare', '--project', 'tq', '--year', '2024');
    const rev = await sb.run('--lang', 'en', 'voucher', 'reverse', '2024-12/1');
    expectRefused(rev, 'REVERSE_REGISTER');
    expect(rev.stderr).toContain('sanzi dividend cancel --project CODE --year YYYY --reason TEXT');
    expect(strayChinese(rev.stderr)).toEqual([]);

    const same = sb.file('members.csv', 'id,name,household,joined\nX001,张三,H01,2020-01-01\n'); // the bytes imported when the ledger was built
    const again = await sb.run('--lang', 'en', 'import', 'members', same);
    expectRefused(again, 'FILE_IMPORTED_BEFORE');
    expect(again.stderr).toMatch(/\(as members, as ".*members.csv", identical bytes\)/);
    expect(strayChinese(again.stderr)).toEqual([]);
  });

  it("the plan's figures are in English", async () => {
    sb = await ledger();
    const plan = await sb.ok('--lang', 'en', 'dividend', 'plan', '--project', 'tq', '--year', '2024', '--offset-debts');
    expect(plan.stdout).toContain('Profit of the year (汤泉 in 2024: income 1,000.00 − expense 0.00)');
    expect(plan.stdout).toContain('holdings on the record date (2024-12-31)');
    expect(strayChinese(plan.stdout)).toEqual([]);
  });
});
