// npm run demo: build ./demo.db from fixtures/demo (下迳's hot-spring resort cooperative) and print
// its statements and the 2024 distributions. The books open in 2016 with the balances the cooperative
// brought in (opening import); each year is closed the way an accountant closes it: depreciation and
// amortisation through December, the months closed, the year's rent accrued, then the year-end
// closing. In 2024 the 汤泉 project is still making up its earlier losses, and the collective's own
// distribution is refused while a deceased member holds shares, then declared, cancelled and declared
// again.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../cli/main.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const demo = path.join(root, 'fixtures', 'demo');
const db = path.resolve(process.env.SANZI_DEMO_DB ?? path.join(process.cwd(), 'demo.db'));

for (const f of [db, db + '-wal', db + '-shm']) fs.rmSync(f, { force: true });

async function sanzi(args: string[], opts: { show?: boolean; refused?: boolean } = {}): Promise<void> {
  let out = '';
  let err = '';
  const code = await main(['node', 'sanzi', '--db', db, ...args], {
    stdout: (c) => {
      out += typeof c === 'string' ? c : c.toString('utf8');
    },
    stderr: (c) => {
      err += c;
    },
  });
  if (opts.refused) {
    // A step shown for the refusal it meets: its message is the point.
    process.stdout.write(`\n$ sanzi ${args.join(' ')}\n（拒绝，退出码 ${code}）${err}`);
    if (code !== 1) throw new Error(`demo step should have been refused (exit ${code}): sanzi ${args.join(' ')}`);
    return;
  }
  if (opts.show) {
    process.stdout.write(`\n$ sanzi ${args.join(' ')}\n${out}`);
  } else {
    process.stdout.write(`$ sanzi ${args.join(' ')}  → ${out.trim().split('\n').pop() ?? ''}\n`);
  }
  if (code !== 0) {
    process.stderr.write(err);
    throw new Error(`demo step failed (exit ${code}): sanzi ${args.join(' ')}`);
  }
}

const file = (name: string) => path.join(demo, name);
const exists = (name: string) => fs.existsSync(file(name));

await sanzi(['init', '--name', '清远市清新区浸潭镇下迳乡村旅游经济合作社', '--start', '2016-01']);
for (const line of fs.readFileSync(file('accounts.csv'), 'utf8').trim().split('\n').slice(1)) {
  const [code, name] = line.split(',');
  await sanzi(['account', 'add', code.trim(), name.trim()]);
}
for (const step of DEMO_STEPS()) {
  if (!step.needs || exists(step.needs)) await sanzi(step.args, { show: step.show, refused: step.refused });
}

function DEMO_STEPS(): { args: string[]; needs?: string; show?: boolean; refused?: boolean }[] {
  const steps: { args: string[]; needs?: string; show?: boolean; refused?: boolean }[] = [];
  steps.push({ args: ['project', 'add', 'tq', '--name', '汤泉民宿', '--par', '1000'] });
  steps.push({ args: ['import', 'members', file('members.csv')], needs: 'members.csv' });
  // The balances the cooperative brought into its first month (before any voucher).
  steps.push({ args: ['opening', 'import', file('opening.csv')], needs: 'opening.csv' });
  steps.push({ args: ['import', 'shares', file('shares.csv')], needs: 'shares.csv' });
  // Land 经营权 comes in as shares for 20 years (期限): amortised monthly by `asset amortize`.
  steps.push({ args: ['import', 'contributions', file('contributions.csv')], needs: 'contributions.csv' });
  steps.push({ args: ['member', 'status', 'X004', '--status', '已故', '--date', '2017-06-12'], needs: 'contributions.csv' });
  steps.push({ args: ['shares', 'transfer', '--project', 'tq', '--from', 'X004', '--to', 'X006', '--shares', 'all', '--date', '2017-07-01', '--reason', '继承'], needs: 'contributions.csv' });
  steps.push({ args: ['import', 'resources', file('resources.csv')], needs: 'resources.csv' });
  steps.push({ args: ['import', 'assets', file('assets.csv')], needs: 'assets.csv' });
  steps.push({ args: ['import', 'contracts', file('contracts.csv')], needs: 'contracts.csv' });
  // The resort's land and buildings enter the books (the asset cards above are registers only).
  const buy = (date: string, summary: string, ...lines: string[]) =>
    steps.push({ args: ['voucher', 'add', '--date', date, '--summary', summary, ...lines], needs: 'assets.csv' });
  buy('2017-03-01', '购入汤泉入口地块', '--debit', '151:20000', '--credit', '10201:20000');
  buy('2017-06-30', '客房楼、露天温泉池完工转入固定资产', '--debit', '151:92000', '--credit', '153:29458.75', '--credit', '121:38541.25', '--credit', '10201:24000');
  buy('2018-03-31', '室内理疗池完工转入固定资产', '--debit', '151:12500', '--credit', '10201:12500');
  buy('2018-05-31', '停车场及进场道路完工转入固定资产', '--debit', '151:8600', '--credit', '10201:8600');
  steps.push({ args: ['import', 'vouchers', file('vouchers-2024.csv')] });
  // Rent received from the forest's operator and paid to the households, oldest dues first.
  const pay = (contract: string, amount: string, date: string) =>
    steps.push({ args: ['contract', 'pay', contract, '--amount', amount, '--date', date], needs: 'contracts.csv' });
  pay('HT-LD-2019', '48000', '2019-01-15');
  pay('HT-LD-2019', '48000', '2020-01-15');
  pay('HT-LD-2019', '48000', '2021-01-15');
  pay('HT-LD-2019', '50400', '2022-01-15');
  pay('HT-LD-2019', '50400', '2023-01-16');
  pay('LZ-2018-01', '15750', '2023-05-01');
  pay('LZ-2017-01', '39680', '2024-03-01');
  pay('LZ-2017-02', '37120', '2024-03-01');
  // Close 2016–2023 year by year: depreciate and amortise through December, close January–November,
  // accrue the year's rent, then the year-end closing (each close checks that all of it was done).
  for (let y = 2016; y <= 2023; y++) {
    steps.push({ args: ['asset', 'depreciate', '--through', `${y}-12`], needs: 'assets.csv' });
    steps.push({ args: ['asset', 'amortize', '--through', `${y}-12`] });
    steps.push({ args: ['period', 'close', `${y}-01`, `${y}-11`] });
    steps.push({ args: ['contract', 'accrue', '--year', String(y)], needs: 'contracts.csv' });
    steps.push({ args: ['year', 'close', String(y)] });
  }
  steps.push({ args: ['asset', 'depreciate', '--through', '2024-12'], needs: 'assets.csv' });
  steps.push({ args: ['asset', 'amortize', '--through', '2024-12'] });
  steps.push({ args: ['period', 'close', '--through', '2024-11'] });
  steps.push({ args: ['contract', 'accrue', '--year', '2024'], needs: 'contracts.csv' });
  // December 2024 is left open: what the year-end closing would check, and the vouchers not reviewed.
  steps.push({ args: ['period', 'check', '2024-12'], show: true });
  steps.push({ args: ['report', 'trial-balance', '--from', '2024-01', '--to', '2024-12'], show: true });
  steps.push({ args: ['report', 'balance-sheet', '--as-of', '2024-12-31'], show: true });
  steps.push({ args: ['report', 'income', '--year', '2024'], show: true });
  steps.push({ args: ['asset', 'list'], needs: 'assets.csv', show: true });
  steps.push({ args: ['contract', 'dues', '--as-of', '2024-12-31'], needs: 'contracts.csv', show: true });
  steps.push({ args: ['shares', '--project', 'tq', '--as-of', '2024-12-31'], needs: 'contributions.csv', show: true });
  // 汤泉 lost money every year 2017–2023 (depreciation and land rent before it opened): its 2024
  // profit first makes up those losses, so nothing is distributed yet.
  steps.push({ args: ['dividend', 'plan', '--project', 'tq', '--year', '2024', '--reserve', '10'], needs: 'contributions.csv', show: true });
  // The collective's own shares: 邓福来 (X004, deceased 2017) still holds 人口股 and 农龄股, so the plan is
  // refused until his heir receives them; then 2024 is declared (subsidies left out), cancelled by the
  // members' meeting, and declared again with another payout.
  const main = ['--project', 'main', '--year', '2024'];
  steps.push({ args: ['dividend', 'plan', ...main], needs: 'shares.csv', refused: true });
  steps.push({ args: ['shares', 'transfer', '--project', 'main', '--from', 'X004', '--to', 'X006', '--shares', 'all', '--date', '2017-07-01', '--reason', '继承'], needs: 'shares.csv' });
  steps.push({ args: ['dividend', 'declare', ...main, '--reserve', '10', '--payout', '60'], needs: 'shares.csv' });
  steps.push({ args: ['dividend', 'cancel', ...main, '--reason', '成员大会决定提高分配比例'], needs: 'shares.csv' });
  steps.push({ args: ['dividend', 'declare', ...main, '--reserve', '10', '--payout', '80'], needs: 'shares.csv', show: true });
  steps.push({ args: ['report', 'income', '--year', '2024'], needs: 'shares.csv', show: true });
  return steps;
}
process.stdout.write(`\n演示账套已写入 ${db}（可用 sanzi --db ${path.relative(process.cwd(), db) || db} … 继续查看）\n`);
