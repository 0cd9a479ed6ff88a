// sanzi asset add|list|show|depreciate|dispose, and `import assets`.
//
// The asset register (资产卡片) is kept beside the ledger: adding a card posts no voucher — the
// purchase is an ordinary voucher on 151 固定资产 (voucher add / import vouchers), and
// `asset list` shows whether the register's 原值/累计折旧/净值 agree with 151 and 152.
// The tool posts the depreciation (Dr the card's expense account / Cr 152, one voucher a month)
// and the disposal through 154 固定资产清理.
import { Command } from 'commander';
import { Refusal, ledgerError, type LedgerError } from '../domain/errors.js';
import { formatFen as fmt, formatFenGrouped, type Fen } from '../domain/money.js';
import { lastDayOfPeriod, periodLabel, periodOf, type Period } from '../domain/dates.js';
import { isExempt, isLand, lifeMonths, monthlyCharge, residualOf } from '../domain/depreciation.js';
import { accumulatedOf, depreciable, depreciationPlan, disposalLines, openingAccumulated, type AssetCard } from '../domain/registers.js';
import type { VoucherLine } from '../domain/voucher.js';
import type { Context } from '../cli/context.js';
import { timestamp } from '../cli/context.js';
import { emit, examples, outputOptions, say, withLedger, type OutputOpts, fence } from '../cli/run.js';
import { optAmount, optDate, optPeriod } from '../cli/options.js';
import { readCsv } from '../io/csv-read.js';
import { ASSET_COLUMNS, ASSET_OPTIONS, readAsset } from '../io/assets-csv.js';
import { FieldReader } from '../io/register-fields.js';
import type { Ledger, WriteTx } from '../store/ledger.js';
import { leafNetAsOf } from '../store/queries.js';
import {
  checkAccountUnder,
  checkAssetCard,
  depreciationOf,
  depreciationPosted,
  getAsset,
  insertAsset,
  insertDepreciation,
  listAssets,
  markDisposed,
  type AssetRecord,
} from '../store/registers.js';
import { depreciationTotalsAsOf } from '../store/registers.js';
import { MAX_REPORTED_ERRORS, importRefusal } from '../domain/errors/imports.js';

function refuseOne(errors: LedgerError[]): void {
  if (errors.length) throw new Refusal(errors);
}

function accountOrRefuse(ledger: Ledger, code: string, option: string | null): string {
  return ledger.leafFor(code, option);
}

/** The first month of the books (init --start): months before it are the opening balance of 152. */
function firstPeriod(ledger: Ledger): Period | null {
  return ledger.meta('start') ?? null;
}

/**
 * Post the depreciation of every asset through `through`, one voucher per month (dated its last day):
 * Dr each expense account (per project) / Cr 152. A closed month that still needs depreciation is
 * refused before anything is written. `override` replaces cards (a disposal being made).
 */
export function postDepreciation(
  ledger: Ledger,
  w: WriteTx,
  through: Period,
  override?: AssetRecord,
): { period: Period; ref: string; amount: Fen; assets: number }[] {
  const assets = listAssets(ledger).map((a) => (override && a.code === override.code ? override : a));
  const posted = depreciationPosted(ledger);
  const plan = depreciationPlan(
    assets.map((a) => ({ asset: depreciable(a), posted: new Set(posted.get(a.code)?.keys() ?? []) })),
    through,
    firstPeriod(ledger),
  );
  const closed = plan.filter((m) => ledger.isClosed(m.period));
  if (closed.length) {
    throw new Refusal(
      closed.map((m) => {
        const list = m.charges.map((c) => `${c.code} ${formatFenGrouped(c.amount)}`).join('、');
        return ledgerError(
          'DEPRECIATION_CLOSED_MONTH',
          `${periodLabel(m.period)}已结账，但当月折旧尚未计提（${list}）；没有写入任何数据。请先反结账（sanzi period reopen ${m.period} --reason …），或把 --through 改到该月之前`,
          `${m.period} is closed but its depreciation was never posted (${list}); nothing was written. Reopen it (sanzi period reopen ${m.period} --reason …) or depreciate through an earlier month`,
        );
      }),
    );
  }
  const byCode = new Map(assets.map((a) => [a.code, a]));
  const credit = plan.length ? accountOrRefuse(ledger, '152', null) : '152';
  const out: { period: Period; ref: string; amount: Fen; assets: number }[] = [];
  for (const m of plan) {
    const debits = new Map<string, VoucherLine>();
    let total = 0;
    for (const c of m.charges) {
      const a = byCode.get(c.code)!;
      const key = `${a.expenseAccount}\u0000${a.project ?? ''}`;
      const l = debits.get(key) ?? { account: a.expenseAccount!, debit: 0, credit: 0, project: a.project };
      l.debit += c.amount;
      debits.set(key, l);
      total += c.amount;
    }
    const lines = [...debits.values()].sort((x, y) => (x.account < y.account ? -1 : x.account > y.account ? 1 : 0));
    lines.push({ account: credit, debit: 0, credit: total });
    const v = w.post({ date: lastDayOfPeriod(m.period), summary: `计提${periodLabel(m.period)}固定资产折旧`, lines, kind: 'depreciation' });
    for (const c of m.charges) insertDepreciation(ledger, c.code, m.period, c.amount, v.id);
    out.push({ period: m.period, ref: v.ref, amount: total, assets: m.charges.length });
  }
  return out;
}

interface AssetFigures {
  residual: Fen;
  monthly: Fen;
  months: number | null;
  opening: Fen;
  posted: Fen;
  accumulated: Fen;
  net: Fen;
  exempt: boolean;
}

function figures(a: AssetRecord, postedTotal: Fen, first: Period | null): AssetFigures {
  const d = depreciable(a);
  const exempt = isExempt(d);
  const opening = openingAccumulated(d, first);
  const accumulated = accumulatedOf(d, postedTotal, first);
  return {
    residual: exempt && isLand(a.category) ? 0 : residualOf(d),
    monthly: exempt ? 0 : monthlyCharge(d),
    months: exempt ? null : lifeMonths(d),
    opening,
    posted: postedTotal,
    accumulated,
    net: a.cost - accumulated,
    exempt,
  };
}

function yesNo(b: boolean): string {
  return b ? '是' : '否';
}

export function registerAssets(program: Command, ctx: Context): void {
  const asset = program.command('asset').description('资产卡片：登记、台账（与 151/152 核对）、按月计提折旧、处置');

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
    const values: Record<string, string | undefined> = { ...opts, code };
    const r = new FieldReader((k) => values[k], ASSET_COLUMNS, undefined, ASSET_OPTIONS);
    const card = readAsset(r);
    refuseOne(r.errors);
    await withLedger(ctx, async (ledger) => {
      refuseOne(checkAssetCard(ledger, card!, undefined));
      ledger.write(fence(ctx, 'asset.add'), () => insertAsset(ledger, card!, timestamp(ctx.now())));
      say(
        ctx,
        `已登记资产 ${card!.code} ${card!.name}，原值 ${formatFenGrouped(card!.cost)}${card!.depreciable ? '' : '（不计提折旧）'}；购入凭证请照常记入 151 固定资产`,
        `asset ${card!.code} registered, cost ${formatFenGrouped(card!.cost)}${card!.depreciable ? '' : ' (not depreciated)'}; post the purchase to 151 as usual`,
      );
    });
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
    const asOf = opts.asOf ? optDate(opts.asOf, '--as-of') : '9999-12-31';
    await withLedger(ctx, async (ledger) => {
      const first = firstPeriod(ledger);
      const posted = depreciationTotalsAsOf(ledger, asOf);
      const rows = listAssets(ledger)
        .filter((a) => a.acquired <= asOf)
        .map((a) => {
          const inRegister = !(a.disposedOn && a.disposedOn <= asOf);
          const f = figures(
            { ...a, disposedOn: a.disposedOn && a.disposedOn <= asOf ? a.disposedOn : null },
            posted.get(a.code) ?? 0,
            first && periodOf(asOf) < first ? periodOf(asOf) : first,
          );
          return { a, f, inRegister };
        });
      const live = rows.filter((r) => r.inRegister);
      const shown = opts.all ? rows : live;
      const total = {
        cost: live.reduce((s, r) => s + r.a.cost, 0),
        accumulated: live.reduce((s, r) => s + r.f.accumulated, 0),
      };
      const net = leafNetAsOf(ledger, asOf);
      let l151 = 0;
      let l152 = 0;
      for (const [acc, v] of net) {
        if (acc.startsWith('151')) l151 += v;
        if (acc.startsWith('152')) l152 -= v;
      }
      const diff = { cost: total.cost - l151, accumulated: total.accumulated - l152 };
      const agrees = diff.cost === 0 && diff.accumulated === 0;
      const asOfLabel = opts.asOf ? asOf : '';
      await emit(
        ctx,
        {
          json: {
            asOf: opts.asOf ? asOf : null,
            assets: shown.map(({ a, f }) => ({
              code: a.code,
              name: a.name,
              category: a.category,
              acquired: a.acquired,
              cost: fmt(a.cost),
              residual: fmt(f.residual),
              monthly: fmt(f.monthly),
              accumulated: fmt(f.accumulated),
              netValue: fmt(a.cost - f.accumulated),
              status: a.status,
              depreciated: !f.exempt,
              expenseAccount: a.expenseAccount,
              project: a.project,
              lessee: a.lessee,
              disposedOn: a.disposedOn,
            })),
            totals: { cost: fmt(total.cost), accumulated: fmt(total.accumulated), netValue: fmt(total.cost - total.accumulated) },
            ledger: { cost: fmt(l151), accumulated: fmt(l152), netValue: fmt(l151 - l152) },
            difference: { cost: fmt(diff.cost), accumulated: fmt(diff.accumulated), netValue: fmt(diff.cost - diff.accumulated) },
            agrees,
          },
          table: {
            title: { zh: `资产台账${asOfLabel ? '（截至 ' + asOfLabel + '）' : ''}`, en: `Fixed asset register${asOfLabel ? ' as of ' + asOfLabel : ''}` },
            columns: [
              { key: 'code', zh: '资产编码', en: 'Code' },
              { key: 'name', zh: '名称', en: 'Name' },
              { key: 'category', zh: '类别', en: 'Category' },
              { key: 'acquired', zh: '取得日期', en: 'Acquired' },
              { key: 'cost', zh: '原值', en: 'Cost', kind: 'money' },
              { key: 'monthly', zh: '月折旧额', en: 'Monthly', kind: 'money' },
              { key: 'accumulated', zh: '累计折旧', en: 'Accumulated', kind: 'money' },
              { key: 'net', zh: '净值', en: 'Net value', kind: 'money' },
              { key: 'status', zh: '使用状态', en: 'Status' },
              { key: 'expenseAccount', zh: '费用科目', en: 'Expense acct' },
            ],
            rows: shown.map(({ a, f }) => ({
              code: a.code,
              name: a.name,
              category: a.category,
              acquired: a.acquired,
              cost: a.cost,
              monthly: f.exempt ? null : f.monthly,
              accumulated: f.accumulated,
              net: a.cost - f.accumulated,
              status: a.status + (f.exempt && a.status !== '处置' ? '（不提折旧）' : ''),
              expenseAccount: a.expenseAccount ?? '',
            })),
            footer: [
              { code: '合计', cost: total.cost, accumulated: total.accumulated, net: total.cost - total.accumulated },
              { code: '总账', name: '151 / 152', cost: l151, accumulated: l152, net: l151 - l152 },
              { code: '差额', cost: diff.cost, accumulated: diff.accumulated, net: diff.cost - diff.accumulated },
            ],
            notes: [
              agrees
                ? { zh: '台账合计与总账 151 固定资产、152 累计折旧 一致', en: 'the register agrees with 151 and 152 in the ledger' }
                : {
                    zh: `台账与总账不一致：原值差 ${formatFenGrouped(diff.cost)}，累计折旧差 ${formatFenGrouped(diff.accumulated)}（购入凭证是否已记 151？折旧是否已计提？）`,
                    en: `the register differs from the ledger: cost ${formatFenGrouped(diff.cost)}, accumulated ${formatFenGrouped(diff.accumulated)}`,
                  },
            ],
          },
        },
        opts,
      );
    });
  });

  examples(outputOptions(asset.command('show').description('查看一张资产卡片及其折旧记录').argument('<code>', '资产编码')), ['sanzi asset show TQ-F01']).action(
    async (code: string, opts: OutputOpts) => {
      await withLedger(ctx, async (ledger) => {
        const a = getAsset(ledger, code);
        if (!a) throw new Refusal(ledgerError('ASSET_UNKNOWN', `资产「${code}」不存在`, `unknown asset "${code}"`));
        const postings = depreciationOf(ledger, code);
        const f = figures(a, postings.reduce((s, p) => s + p.amount, 0), firstPeriod(ledger));
        const card: [string, string, string, string | null][] = [
          ['code', '资产编码', 'Code', a.code],
          ['name', '名称', 'Name', a.name],
          ['category', '类别', 'Category', a.category],
          ['spec', '规格型号', 'Model', a.spec],
          ['location', '坐落位置', 'Location', a.location],
          ['keeper', '保管人', 'Keeper', a.keeper],
          ['acquired', '取得日期', 'Acquired', a.acquired],
          ['cost', '原值', 'Cost', formatFenGrouped(a.cost)],
          ['residualRate', '残值率', 'Residual rate', a.residualRate.mul(100).toString() + '%'],
          ['residual', '残值', 'Residual', formatFenGrouped(f.residual)],
          ['lifeYears', '使用年限', 'Life (years)', a.lifeYears?.toString() ?? null],
          ['method', '折旧方法', 'Method', a.method],
          ['monthly', '月折旧额', 'Monthly charge', f.exempt ? '不计提' : formatFenGrouped(f.monthly)],
          ['opening', '期初已提折旧', 'Opening accumulated', formatFenGrouped(f.opening)],
          ['accumulated', '累计折旧', 'Accumulated', formatFenGrouped(f.accumulated)],
          ['net', '净值', 'Net value', formatFenGrouped(f.net)],
          ['expenseAccount', '费用科目', 'Expense account', a.expenseAccount],
          ['status', '使用状态', 'Status', a.status],
          ['operating', '是否经营性', 'Operating', yesNo(a.operating)],
          ['povertyRelief', '是否扶贫资产', 'Poverty relief', yesNo(a.povertyRelief)],
          ['lessee', '承租方', 'Lessee', a.lessee],
          ['annualRent', '年租金', 'Annual rent', a.annualRent === null ? null : formatFenGrouped(a.annualRent)],
          ['project', '项目', 'Project', a.project],
          ['disposedOn', '处置日期', 'Disposed on', a.disposedOn],
          ['disposalProceeds', '处置收入', 'Proceeds', a.disposalProceeds === null ? null : formatFenGrouped(a.disposalProceeds)],
          ['note', '备注', 'Note', a.note],
        ];
        emit(
          ctx,
          {
            json: {
              code: a.code,
              name: a.name,
              category: a.category,
              spec: a.spec,
              location: a.location,
              keeper: a.keeper,
              acquired: a.acquired,
              cost: fmt(a.cost),
              residualRate: a.residualRate.toString(),
              residual: fmt(f.residual),
              lifeYears: a.lifeYears?.toString() ?? null,
              lifeMonths: f.months,
              method: a.method,
              depreciated: !f.exempt,
              monthly: fmt(f.monthly),
              openingAccumulated: fmt(f.opening),
              accumulated: fmt(f.accumulated),
              netValue: fmt(f.net),
              expenseAccount: a.expenseAccount,
              status: a.status,
              operating: a.operating,
              povertyRelief: a.povertyRelief,
              lessee: a.lessee,
              annualRent: a.annualRent === null ? null : fmt(a.annualRent),
              project: a.project,
              disposedOn: a.disposedOn,
              disposalProceeds: a.disposalProceeds === null ? null : fmt(a.disposalProceeds),
              note: a.note,
              depreciation: postings.map((p) => ({ period: p.period, amount: fmt(p.amount), voucher: p.ref })),
            },
            table: {
              title: { zh: `资产卡片 ${a.code} ${a.name}`, en: `Asset card ${a.code} ${a.name}` },
              columns: [
                { key: 'field', zh: '项目', en: 'Field' },
                { key: 'value', zh: '内容', en: 'Value' },
              ],
              rows: card.filter((c) => c[3] !== null && c[3] !== '').map((c) => ({ field: ctx.lang === 'en' ? c[2] : c[1], value: c[3] })),
              notes: [
                {
                  zh: postings.length
                    ? `已计提折旧 ${postings.length} 个月：${postings[0].period} 至 ${postings[postings.length - 1].period}，合计 ${formatFenGrouped(f.posted)}`
                    : '尚未计提折旧',
                  en: postings.length ? `depreciated ${postings.length} months, ${postings[0].period} … ${postings[postings.length - 1].period}, total ${formatFenGrouped(f.posted)}` : 'no depreciation posted',
                },
              ],
            },
          },
          opts,
        );
      });
    },
  );

  examples(
    asset
      .command('depreciate')
      .description('按月计提折旧至指定月份：每月一张凭证（借 费用科目，贷 152 累计折旧），已计提的月份不再重复')
      .requiredOption('--through <YYYY-MM>', '计提至该月（含）'),
    ['sanzi asset depreciate --through 2024-12'],
  ).action(async (opts: { through: string }) => {
    const through = optPeriod(opts.through, '--through');
    await withLedger(ctx, async (ledger) => {
      const done = ledger.write(fence(ctx, 'asset.depreciate'), (w) => postDepreciation(ledger, w, through));
      const skipped = listAssets(ledger).filter((a) => a.method === '工作量法' && a.status !== '处置');
      if (done.length === 0) {
        say(ctx, `截至 ${periodLabel(through)} 没有需要计提的折旧（已计提的月份不再重复）`, `nothing to depreciate through ${through}`);
      } else {
        const total = done.reduce((s, d) => s + d.amount, 0);
        say(
          ctx,
          `已计提折旧 ${done.length} 个月（${done[0].period} 至 ${done[done.length - 1].period}），凭证 ${done[0].ref}${done.length > 1 ? ' … ' + done[done.length - 1].ref : ''}，合计 ${formatFenGrouped(total)}`,
          `depreciation posted for ${done.length} months (${done[0].period} … ${done[done.length - 1].period}), vouchers ${done[0].ref}${done.length > 1 ? ' … ' + done[done.length - 1].ref : ''}, total ${formatFenGrouped(total)}`,
        );
      }
      if (skipped.length) {
        say(ctx, `工作量法资产不自动计提，请按实际工作量手工记账：${skipped.map((a) => a.code).join('、')}`, `units-of-work assets are not depreciated automatically: ${skipped.map((a) => a.code).join(', ')}`);
      }
    });
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
    await withLedger(ctx, async (ledger) => {
      const a = getAsset(ledger, code);
      if (!a) throw new Refusal(ledgerError('ASSET_UNKNOWN', `资产「${code}」不存在`, `unknown asset "${code}"`));
      if (a.disposedOn) throw new Refusal(ledgerError('ASSET_DISPOSED', `资产「${code}」已于 ${a.disposedOn} 处置`, `asset "${code}" was disposed on ${a.disposedOn}`));
      if (date < a.acquired) {
        throw new Refusal(ledgerError('ASSET_DISPOSE_DATE', `处置日期 ${date} 早于取得日期 ${a.acquired}`, `disposal date ${date} is before the acquisition ${a.acquired}`));
      }
      const postings = depreciationOf(ledger, code);
      const last = postings.length ? postings[postings.length - 1].period : null;
      if (last && last > periodOf(date)) {
        throw new Refusal(
          ledgerError(
            'ASSET_DISPOSE_DATE',
            `资产「${code}」已计提折旧至 ${last}，处置日期 ${date} 不能早于该月`,
            `asset "${code}" is depreciated through ${last}; the disposal cannot be dated before that month`,
          ),
        );
      }
      let cash: string;
      if (opts.account) {
        const e = checkAccountUnder(ledger, opts.account, ['101', '102', '112', '113'], { zh: '收款科目', en: 'cash account' });
        if (e) throw new Refusal(e);
        cash = opts.account;
      } else cash = accountOrRefuse(ledger, '102', '--account');
      const acc = {
        fixed: accountOrRefuse(ledger, '151', null),
        accumulated: accountOrRefuse(ledger, '152', null),
        clearing: accountOrRefuse(ledger, '154', null),
        gain: accountOrRefuse(ledger, '504', null),
        loss: accountOrRefuse(ledger, '515', null),
        cash,
      };
      const disposing: AssetRecord = { ...a, disposedOn: date };
      const r = ledger.write(fence(ctx, 'asset.dispose'), (w) => {
        const dep = postDepreciation(ledger, w, periodOf(date), disposing);
        const postedTotal = depreciationOf(ledger, code).reduce((s, p) => s + p.amount, 0);
        const accumulated = accumulatedOf(depreciable(disposing), postedTotal, firstPeriod(ledger));
        const lines = disposalLines({ cost: a.cost, accumulated, proceeds, project: a.project }, acc);
        if (lines.length === 0) {
          throw new Refusal(ledgerError('ASSET_DISPOSE_ZERO', '原值、处置收入均为零，没有可记的分录', 'cost and proceeds are both zero: nothing to post'));
        }
        const v = w.post({ date, summary: opts.summary?.trim() || `处置固定资产 ${a.code} ${a.name}`, lines, kind: 'asset-disposal' });
        markDisposed(ledger, code, date, proceeds, v.id);
        return { dep, v, accumulated, net: a.cost - accumulated };
      });
      const result = proceeds - r.net;
      say(
        ctx,
        `已处置 ${a.code} ${a.name}：原值 ${formatFenGrouped(a.cost)}，累计折旧 ${formatFenGrouped(r.accumulated)}，净值 ${formatFenGrouped(r.net)}，处置收入 ${formatFenGrouped(proceeds)}，` +
          `${result >= 0 ? '净收益' : '净损失'} ${formatFenGrouped(Math.abs(result))}；凭证 ${r.v.ref}` +
          (r.dep.length ? `（先补提折旧 ${r.dep.length} 个月）` : ''),
        `disposed ${a.code}: cost ${formatFenGrouped(a.cost)}, accumulated ${formatFenGrouped(r.accumulated)}, net ${formatFenGrouped(r.net)}, proceeds ${formatFenGrouped(proceeds)}, ` +
          `${result >= 0 ? 'gain' : 'loss'} ${formatFenGrouped(Math.abs(result))}; voucher ${r.v.ref}` +
          (r.dep.length ? ` (depreciation posted for ${r.dep.length} months first)` : ''),
      );
    });
  });
}

export async function importAssets(ctx: Context, ledger: Ledger, file: string): Promise<void> {
  const cards: AssetCard[] = [];
  const errors: LedgerError[] = [];
  const seen = new Set<string>();
  await readCsv(file, {
    columns: ASSET_COLUMNS,
    onRow: (row) => {
      const at = { file, line: row.line };
      const r = new FieldReader((k) => row.get(k), ASSET_COLUMNS, at);
      const card = readAsset(r);
      errors.push(...r.errors);
      if (!card && r.raw('code') !== '') {
        if (seen.has(r.raw('code'))) errors.push(ledgerError('ASSET_DUPLICATE', `资产编码「${r.raw('code')}」在本文件中重复`, `asset code "${r.raw('code')}" appears twice in the file`, at));
        seen.add(r.raw('code'));
      }
      if (card) {
        const e = checkAssetCard(ledger, card, at, seen);
        errors.push(...e);
        if (!e.length) cards.push(card);
      }
    },
  });
  if (errors.length) throw importRefusal(errors.slice(0, MAX_REPORTED_ERRORS), errors.length);
  const now = timestamp(ctx.now());
  ledger.write(fence(ctx, 'asset.import'), () => cards.forEach((c) => insertAsset(ledger, c, now)));
  const cost = cards.reduce((s, c) => s + c.cost, 0);
  say(ctx, `已导入资产卡片 ${cards.length} 张，原值合计 ${formatFenGrouped(cost)}（台账不生成凭证）`, `imported ${cards.length} asset cards, total cost ${formatFenGrouped(cost)} (no vouchers)`);
}

