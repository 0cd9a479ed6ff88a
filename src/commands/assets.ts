// sanzi asset add|list|show (depreciate and dispose: asset-postings.ts), and `import assets`.
//
// The asset register (资产卡片) is kept beside the ledger: adding a card posts no voucher — the
// purchase is an ordinary voucher on 151 固定资产 (voucher add / import vouchers), and
// `asset list` shows whether the register's 原值/累计折旧/净值 agree with 151 and 152.
import { Command } from 'commander';
import { Refusal, refuseAll } from '../domain/errors.js';
import { AssetErrors } from '../domain/errors/assets.js';
import { formatFenGrouped } from '../domain/money.js';
import { assetFigures, assetRegister, checkAssetCard, checkAssetRows, reconcileRegister } from '../domain/assets.js';
import { refuseRows } from '../domain/registers.js';
import type { Context } from '../cli/context.js';
import { emit, examples, fence, outputOptions, say, withLedger, type OutputOpts } from '../cli/run.js';
import { optDate } from '../cli/options.js';
import { ASSET_COLUMNS, ASSET_OPTIONS, readAsset } from '../io/assets-csv.js';
import { readOptions, readRegisterFile } from '../io/register-fields.js';
import { assetCardView, assetListView } from '../io/views/assets.js';
import type { Ledger } from '../store/ledger.js';
import { assetLookup, depreciationOf, depreciationTotalsAsOf, fixedAssetBalances, getAsset, insertAsset, listAssets } from '../store/assets.js';
import { registerAssetPostings } from './asset-postings.js';

export function registerAssets(program: Command, ctx: Context): void {
  const asset = program.command('asset').description('资产卡片：登记、台账（与 151/152 核对）、按月计提折旧、入股土地经营权摊销、处置');

  const add = asset
    .command('add')
    .description('登记一张资产卡片（只登记台账，不生成凭证：购入凭证照常记 151）')
    .argument('<code>', '资产编码')
    .requiredOption('--name <name>', '名称')
    .requiredOption('--category <category>', '类别（房屋及建筑物、机器设备、土地……；土地不计提折旧）')
    .requiredOption('--acquired <date>', '取得日期（次月起计提折旧）')
    .requiredOption('--cost <amount>', '原值（元）')
    .option('--residual-rate <rate>', '残值率：5 或 5% 均为百分之五（默认 0）')
    .option('--life-years <years>', '使用年限（年）')
    .option('--method <method>', '折旧方法（默认 年限平均法）')
    .option('--expense-account <code>', '折旧费用科目：401 生产 / 511 经营 / 513 管理 / 514 公益（末级科目）')
    .option('--status <status>', '使用状态 在用|出租|闲置（默认 在用）')
    .option('--spec <text>', '规格型号')
    .option('--location <text>', '坐落位置')
    .option('--keeper <name>', '保管人')
    .option('--operating <yes|no>', '是否经营性（是/否）')
    .option('--poverty-relief <yes|no>', '是否扶贫资产（是/否）')
    .option('--lessee <name>', '承租方')
    .option('--annual-rent <amount>', '年租金（元）')
    .option('--depreciable <yes|no>', '是否计提折旧（默认：土地否，闲置的非房屋建筑物否，其余是）')
    .option('--project <code>', '项目（折旧记入该项目）')
    .option('--note <text>', '备注');
  examples(add, [
    'sanzi asset add TQ-F01 --name 汤泉主楼 --category 房屋及建筑物 --acquired 2017-06-30 --cost 1200000 --residual-rate 5 --life-years 20 --expense-account 511 --project tq',
    'sanzi asset add TD-01 --name 停车场土地 --category 土地 --acquired 2017-03-01 --cost 300000',
  ]).action(async (code: string, opts: Record<string, string | undefined>) => {
    const card = readOptions(ASSET_COLUMNS, ASSET_OPTIONS, { ...opts, code }, readAsset);
    await withLedger(ctx, (ledger) =>
      ledger.write(fence(ctx, 'asset.add'), (tx) => {
        refuseAll(checkAssetCard(card, assetLookup(tx.ledger)));
        insertAsset(tx, card);
        tx.describe(`登记资产 ${card.code} ${card.name}，原值 ${formatFenGrouped(card.cost)}`);
      }),
    );
    const notDepreciated = card.depreciable ? '' : '（不计提折旧）';
    say(
      ctx,
      `已登记资产 ${card.code} ${card.name}，原值 ${formatFenGrouped(card.cost)}${notDepreciated}；购入凭证请照常记入 151 固定资产`,
      `asset ${card.code} registered, cost ${formatFenGrouped(card.cost)}${card.depreciable ? '' : ' (not depreciated)'}; post the purchase to 151 as usual`,
    );
  });

  examples(
    outputOptions(
      asset
        .command('list')
        .description('资产台账：原值、累计折旧、净值，合计与总账 151/152 核对')
        .option('--as-of <date>', '截至日期（默认全部）')
        .option('--all', '包括已处置的资产'),
    ),
    ['sanzi asset list', 'sanzi asset list --as-of 2024-12-31 --format csv --out 资产台账.csv'],
  ).action(async (opts: OutputOpts & { asOf?: string; all?: boolean }) => {
    const asOf = opts.asOf ? optDate(opts.asOf, '--as-of') : null;
    const view = await withLedger(ctx, (ledger) => {
      const day = asOf ?? '9999-12-31';
      const lines = assetRegister(listAssets(ledger), depreciationTotalsAsOf(ledger, day), ledger.startPeriod(), asOf);
      return assetListView({ asOf, lines, all: !!opts.all, reconciliation: reconcileRegister(lines, fixedAssetBalances(ledger, day)) });
    });
    await emit(ctx, view, opts);
  });

  examples(outputOptions(asset.command('show').description('查看一张资产卡片及其折旧记录').argument('<code>', '资产编码')), ['sanzi asset show TQ-F01']).action(
    async (code: string, opts: OutputOpts) => {
      const view = await withLedger(ctx, (ledger) => {
        const a = getAsset(ledger, code);
        if (!a) throw new Refusal(AssetErrors.ASSET_UNKNOWN(code));
        const depreciation = depreciationOf(ledger, code);
        const figures = assetFigures(a, depreciation.reduce((s, p) => s + p.amount, 0), ledger.startPeriod());
        return assetCardView({ asset: a, figures, depreciation }, ctx.lang);
      });
      await emit(ctx, view, opts);
    },
  );

  registerAssetPostings(asset, ctx);
}

export async function importAssets(ctx: Context, ledger: Ledger, file: string, sheet?: string): Promise<void> {
  const { rows, errors } = await readRegisterFile(file, ASSET_COLUMNS, readAsset, sheet);
  const cards = ledger.write(fence(ctx, 'asset.import'), (tx) => {
    refuseRows([...errors, ...checkAssetRows(rows, assetLookup(tx.ledger))]);
    const cards = rows.map((r) => r.entry!);
    cards.forEach((c) => insertAsset(tx, c));
    tx.describe(`导入资产卡片 ${cards.length} 张（${file}）`);
    return cards;
  });
  const cost = cards.reduce((s, c) => s + c.cost, 0);
  say(ctx, `已导入资产卡片 ${cards.length} 张，原值合计 ${formatFenGrouped(cost)}（台账不生成凭证）`, `imported ${cards.length} asset cards, total cost ${formatFenGrouped(cost)} (no vouchers)`);
}
