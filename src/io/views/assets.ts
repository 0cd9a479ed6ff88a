// The asset register (资产台账, agreed with 151/152) and one asset card with its depreciation.
import type { Lang } from '../../domain/errors.js';
import { formatFen as fmt, formatFenGrouped } from '../../domain/money.js';
import type { IsoDate } from '../../domain/dates.js';
import type { AssetFigures, AssetRecord, Reconciliation, RegisterLine } from '../../domain/assets.js';
import type { Output } from '../output.js';

export interface AssetListData {
  /** The day given with --as-of; null: everything recorded. */
  asOf: IsoDate | null;
  lines: readonly RegisterLine[];
  /** Show disposed cards too (--all). */
  all: boolean;
  reconciliation: Reconciliation;
}

export function assetListView(d: AssetListData): Output {
  const shown = d.all ? d.lines : d.lines.filter((l) => l.inRegister);
  const { register: total, ledger, difference: diff, agrees } = d.reconciliation;
  const net = (x: { cost: number; accumulated: number }) => x.cost - x.accumulated;
  const money = (x: { cost: number; accumulated: number }) => ({ cost: fmt(x.cost), accumulated: fmt(x.accumulated), netValue: fmt(net(x)) });
  return {
    title: { zh: '资产台账', en: 'Fixed asset register' },
    period: d.asOf ? { zh: `截至 ${d.asOf}`, en: `as of ${d.asOf}` } : undefined,
    json: {
      asOf: d.asOf,
      assets: shown.map(({ asset: a, figures: f }) => ({
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
      totals: money(total),
      ledger: money(ledger),
      difference: money(diff),
      agrees,
    },
    sections: [
      {
        title: { zh: `资产台账${d.asOf ? '（截至 ' + d.asOf + '）' : ''}`, en: `Fixed asset register${d.asOf ? ' as of ' + d.asOf : ''}` },
        columns: [
          { key: 'code', zh: '资产编码', en: 'Code', id: true },
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
        rows: shown.map(({ asset: a, figures: f }) => ({
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
          { code: '合计', cost: total.cost, accumulated: total.accumulated, net: net(total) },
          { code: '总账', name: '151 / 152', cost: ledger.cost, accumulated: ledger.accumulated, net: net(ledger) },
          { code: '差额', cost: diff.cost, accumulated: diff.accumulated, net: net(diff) },
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
    ],
  };
}

export interface AssetCardData {
  asset: AssetRecord;
  figures: AssetFigures;
  depreciation: readonly { period: string; amount: number; ref: string }[];
}

const yesNo = (b: boolean) => (b ? '是' : '否');

/** One card: its fields (in the language asked for, as rows), and the months depreciated. */
export function assetCardView(d: AssetCardData, lang: Lang): Output {
  const { asset: a, figures: f, depreciation: postings } = d;
  const card: [string, string, string | null][] = [
    ['资产编码', 'Code', a.code],
    ['名称', 'Name', a.name],
    ['类别', 'Category', a.category],
    ['规格型号', 'Model', a.spec],
    ['坐落位置', 'Location', a.location],
    ['保管人', 'Keeper', a.keeper],
    ['取得日期', 'Acquired', a.acquired],
    ['原值', 'Cost', formatFenGrouped(a.cost)],
    ['残值率', 'Residual rate', a.residualRate.mul(100).toString() + '%'],
    ['残值', 'Residual', formatFenGrouped(f.residual)],
    ['使用年限', 'Life (years)', a.lifeYears?.toString() ?? null],
    ['折旧方法', 'Method', a.method],
    ['月折旧额', 'Monthly charge', f.exempt ? '不计提' : formatFenGrouped(f.monthly)],
    ['期初已提折旧', 'Opening accumulated', formatFenGrouped(f.opening)],
    ['累计折旧', 'Accumulated', formatFenGrouped(f.accumulated)],
    ['净值', 'Net value', formatFenGrouped(f.net)],
    ['费用科目', 'Expense account', a.expenseAccount],
    ['使用状态', 'Status', a.status],
    ['是否经营性', 'Operating', yesNo(a.operating)],
    ['是否扶贫资产', 'Poverty relief', yesNo(a.povertyRelief)],
    ['承租方', 'Lessee', a.lessee],
    ['年租金', 'Annual rent', a.annualRent === null ? null : formatFenGrouped(a.annualRent)],
    ['项目', 'Project', a.project],
    ['处置日期', 'Disposed on', a.disposedOn],
    ['处置收入', 'Proceeds', a.disposalProceeds === null ? null : formatFenGrouped(a.disposalProceeds)],
    ['备注', 'Note', a.note],
  ];
  const first = postings[0]?.period;
  const last = postings[postings.length - 1]?.period;
  return {
    title: { zh: `资产卡片 ${a.code} ${a.name}`, en: `Asset card ${a.code} ${a.name}` },
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
    sections: [
      {
        title: { zh: `资产卡片 ${a.code} ${a.name}`, en: `Asset card ${a.code} ${a.name}` },
        columns: [
          { key: 'field', zh: '项目', en: 'Field' },
          { key: 'value', zh: '内容', en: 'Value' },
        ],
        rows: card.filter((c) => c[2] !== null && c[2] !== '').map((c) => ({ field: lang === 'en' ? c[1] : c[0], value: c[2] })),
        notes: [
          postings.length
            ? {
                zh: `已计提折旧 ${postings.length} 个月：${first} 至 ${last}，合计 ${formatFenGrouped(f.posted)}`,
                en: `depreciated ${postings.length} months, ${first} … ${last}, total ${formatFenGrouped(f.posted)}`,
              }
            : { zh: '尚未计提折旧', en: 'no depreciation posted' },
        ],
      },
    ],
  };
}
