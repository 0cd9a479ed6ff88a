// sanzi asset depreciate|amortize|dispose: the entries the tool posts for the asset register.
// Depreciation: Dr the card's expense account / Cr 152, one voucher a month (depreciationVouchers).
// Amortisation of land 经营权 taken in as shares for a term: Dr 511 / Cr 162, one voucher a month.
// Disposal: through 154 固定资产清理 (disposalVoucher), after depreciating through its month.
import { Command } from 'commander';
import { refuseAll } from '../domain/errors.js';
import { formatFenGrouped } from '../domain/money.js';
import { periodLabel, periodOf, type Period } from '../domain/dates.js';
import { checkDisposal, disposalVoucher, manualDepreciation, type AssetRecord } from '../domain/assets.js';
import { depreciationVouchers } from '../domain/depreciation.js';
import { amortisationVouchers } from '../domain/amortisation.js';
import type { Context } from '../cli/context.js';
import { examples, fence, say, withLedger } from '../cli/run.js';
import { optAmount, optDate, optPeriod } from '../cli/options.js';
import type { WriteTx } from '../store/ledger.js';
import { depreciationInputs, depreciationOf, fixedCostHeldFrom, getAsset, listAssets, markDisposed, postDepreciation } from '../store/assets.js';
import { amortisationInputs, postAmortisation } from '../store/amortisation.js';
import { contractsOn } from '../store/contracts.js';

/** Post every month not yet depreciated through `through`, inside the caller's fence; `override` stands in for a card. */
function depreciate(tx: WriteTx, through: Period, override?: AssetRecord) {
  const { vouchers, errors } = depreciationVouchers(depreciationInputs(tx.ledger, override), through, tx.ledger);
  refuseAll(errors);
  return postDepreciation(tx, vouchers);
}

export function registerAssetPostings(asset: Command, ctx: Context): void {
  examples(
    asset
      .command('depreciate')
      .description('按月计提折旧至指定月份：每月一张凭证（借 费用科目，贷 152 累计折旧），已计提的月份不再重复')
      .requiredOption('--through <YYYY-MM>', '计提至该月（含）'),
    ['sanzi asset depreciate --through 2024-12'],
  ).action(async (opts: { through: string }) => {
    const through = optPeriod(opts.through, '--through');
    const { done, manual } = await withLedger(ctx, (ledger) =>
      ledger.write(fence(ctx, 'asset.depreciate'), (tx) => {
        const done = depreciate(tx, through);
        tx.describe(`计提折旧至 ${through}：${done.length} 个月，合计 ${formatFenGrouped(done.reduce((s, d) => s + d.total, 0))}`);
        return { done, manual: manualDepreciation(listAssets(tx.ledger)).map((a) => a.code) };
      }),
    );
    if (done.length === 0) {
      say(ctx, `截至 ${periodLabel(through)} 没有需要计提的折旧（已计提的月份不再重复）`, `nothing to depreciate through ${through}`);
    } else {
      const total = formatFenGrouped(done.reduce((s, d) => s + d.total, 0));
      const [first, last] = [done[0], done[done.length - 1]];
      const refs = `${first.posted.ref}${done.length > 1 ? ' … ' + last.posted.ref : ''}`;
      say(
        ctx,
        `已计提折旧 ${done.length} 个月（${first.period} 至 ${last.period}），凭证 ${refs}，合计 ${total}`,
        `depreciation posted for ${done.length} months (${first.period} … ${last.period}), vouchers ${refs}, total ${total}`,
      );
    }
    if (manual.length) {
      say(ctx, `工作量法资产不自动计提，请按实际工作量手工记账：${manual.join('、')}`, `units-of-work assets are not depreciated automatically: ${manual.join(', ')}`);
    }
  });

  examples(
    asset
      .command('amortize')
      .description('按月摊销入股土地经营权（有期限的土地入股）至指定月份：每月一张凭证（借 511 经营支出 带项目，贷 162 累计摊销），已摊销的月份不再重复')
      .requiredOption('--through <YYYY-MM>', '摊销至该月（含）')
      .option('--expense-account <code>', '摊销费用科目（默认 511 经营支出；有多个明细科目时须指定末级科目）'),
    ['sanzi asset amortize --through 2024-12'],
  ).action(async (opts: { through: string; expenseAccount?: string }) => {
    const through = optPeriod(opts.through, '--through');
    const expense = { code: opts.expenseAccount?.trim() || '511', option: '--expense-account' };
    const done = await withLedger(ctx, (ledger) =>
      ledger.write(fence(ctx, 'asset.amortize'), (tx) => {
        const { vouchers, errors } = amortisationVouchers(amortisationInputs(tx.ledger), through, tx.ledger, expense);
        refuseAll(errors);
        const done = postAmortisation(tx, vouchers);
        tx.describe(`摊销土地经营权至 ${through}：${done.length} 个月，合计 ${formatFenGrouped(done.reduce((s, d) => s + d.total, 0))}`);
        return done;
      }),
    );
    if (done.length === 0) {
      say(ctx, `截至 ${periodLabel(through)} 没有需要摊销的土地经营权（已摊销的月份不再重复）`, `nothing to amortise through ${through}`);
      return;
    }
    const total = formatFenGrouped(done.reduce((s, d) => s + d.total, 0));
    const [first, last] = [done[0], done[done.length - 1]];
    const refs = `${first.posted.ref}${done.length > 1 ? ' … ' + last.posted.ref : ''}`;
    say(
      ctx,
      `已摊销土地经营权 ${done.length} 个月（${first.period} 至 ${last.period}），凭证 ${refs}，合计 ${total}`,
      `amortisation posted for ${done.length} months (${first.period} … ${last.period}), vouchers ${refs}, total ${total}`,
    );
  });

  examples(
    asset
      .command('dispose')
      .description('处置资产：先计提至处置当月的折旧，再通过 154 固定资产清理 转销，净收益记 504、净损失记 515')
      .argument('<code>', '资产编码')
      .requiredOption('--date <date>', '处置日期')
      .requiredOption('--proceeds <amount>', '处置收入（元，可为 0）')
      .option('--account <code>', '收款科目（默认 102 银行存款）')
      .option('--summary <text>', '摘要'),
    ['sanzi asset dispose TQ-E03 --date 2024-06-20 --proceeds 1500 --account 101'],
  ).action(async (code: string, opts: { date: string; proceeds: string; account?: string; summary?: string }) => {
    const date = optDate(opts.date, '--date');
    const proceeds = optAmount(opts.proceeds, '--proceeds');
    const r = await withLedger(ctx, (ledger) =>
      ledger.write(fence(ctx, 'asset.dispose'), (tx) => {
        const a = getAsset(tx.ledger, code);
        const depreciatedThrough = depreciationOf(tx.ledger, code).at(-1)?.period ?? null;
        const fixedInBooks = fixedCostHeldFrom(tx.ledger, date);
        const contracts = contractsOn(tx.ledger, code);
        const { accounts, errors } = checkDisposal(code, a, { date, proceeds, cashAccount: opts.account ?? null, depreciatedThrough, fixedInBooks, contracts }, tx.ledger);
        refuseAll(errors);
        const dep = depreciate(tx, periodOf(date), { ...a!, disposedOn: date });
        const postedTotal = depreciationOf(tx.ledger, code).reduce((s, p) => s + p.amount, 0);
        const d = disposalVoucher(a!, { date, proceeds, postedTotal, firstPeriod: tx.ledger.startPeriod(), summary: opts.summary ?? null }, accounts!);
        const v = tx.post(d.draft);
        markDisposed(tx, code, date, proceeds, v.id);
        tx.describe(`处置资产 ${code} ${a!.name}：处置收入 ${formatFenGrouped(proceeds)}，凭证 ${v.ref}`);
        return { a: a!, dep, v, ...d };
      }),
    );
    const [g, gEn] = r.result >= 0 ? ['净收益', 'gain'] : ['净损失', 'loss'];
    const f = formatFenGrouped;
    say(
      ctx,
      `已处置 ${r.a.code} ${r.a.name}：原值 ${f(r.a.cost)}，累计折旧 ${f(r.accumulated)}，净值 ${f(r.net)}，处置收入 ${f(proceeds)}，${g} ${f(Math.abs(r.result))}；凭证 ${r.v.ref}` +
        (r.dep.length ? `（先补提折旧 ${r.dep.length} 个月）` : ''),
      `disposed ${r.a.code}: cost ${f(r.a.cost)}, accumulated ${f(r.accumulated)}, net ${f(r.net)}, proceeds ${f(proceeds)}, ${gEn} ${f(Math.abs(r.result))}; voucher ${r.v.ref}` +
        (r.dep.length ? ` (depreciation posted for ${r.dep.length} months first)` : ''),
    );
  });
}
