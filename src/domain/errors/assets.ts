// The asset register (资产卡片): cards, depreciation, disposal.
import { catalogue } from '../errors.js';

export const AssetErrors = catalogue({
  ASSET_EXISTS: (code: string) => ({ zh: `资产编码「${code}」已登记`, en: `asset "${code}" is already registered` }),
  ASSET_DUPLICATE: (code: string) => ({ zh: `资产编码「${code}」在本文件中重复`, en: `asset code "${code}" appears twice in the file` }),
  ASSET_UNKNOWN: (code: string) => ({
    zh: `资产「${code}」不存在（sanzi asset list 查看已登记的资产）`,
    en: `unknown asset "${code}" (see sanzi asset list)`,
  }),
  ASSET_LAND: () => ({ zh: '土地不计提折旧', en: 'land is never depreciated' }),
  ASSET_PUBLIC_BIOLOGICAL: () => ({ zh: '公益性生物资产不计提折旧', en: '公益性生物资产 are never depreciated' }),
  ASSET_MUST_DEPRECIATE: (status: string, building: boolean) => ({
    zh: `${building ? '房屋及建筑物' : `${status}的资产`}按制度须计提折旧，不能填「否」（不提折旧的只有土地、未使用的非房屋资产和公益性生物资产；已提足折旧的资产不填此项，计提到足额后自动停止）`,
    en: `${building ? 'a building' : `an asset ${status === '出租' ? 'let' : 'in use'}`} must be depreciated (only land, idle assets other than buildings and 公益性生物资产 are not; a fully depreciated asset needs nothing: its depreciation stops by itself)`,
  }),
  ASSET_DISPOSED: (code: string, on: string) => ({ zh: `资产「${code}」已于 ${on} 处置`, en: `asset "${code}" was disposed on ${on}` }),
  ASSET_DISPOSE_DATE: (code: string, date: string, before: { acquired: string } | { depreciatedThrough: string }) =>
    'acquired' in before
      ? {
          zh: `处置日期 ${date} 早于取得日期 ${before.acquired}`,
          en: `disposal date ${date} is before the acquisition ${before.acquired}`,
        }
      : {
          zh: `资产「${code}」已计提折旧至 ${before.depreciatedThrough}，处置日期 ${date} 不能早于该月`,
          en: `asset "${code}" is depreciated through ${before.depreciatedThrough}; the disposal cannot be dated before that month`,
        },
  ASSET_CLOSED_MONTHS: (code: string, months: readonly string[]) => ({
    zh: `资产「${code}」在已结账的 ${months.length > 3 ? `${months[0]} 至 ${months[months.length - 1]}（${months.length} 个月）` : months.join('、')} 应计提折旧，已结账的月份不能再记账；请核对取得日期，或先反结账至 ${months[0]}（sanzi period reopen 月份 --reason 原因；已年终结账的年度先 sanzi year reopen 年度 --reason 原因）`,
    en: `asset "${code}" would be depreciated in months already closed (${months.length > 3 ? `${months[0]} … ${months[months.length - 1]}` : months.join(', ')}); check its acquisition date, or reopen the months back to ${months[0]} first (sanzi period reopen; sanzi year reopen for a year closed)`,
  }),
  ASSET_NOT_IN_BOOKS: (code: string, cost: string, held: string, date: string) => ({
    zh: `资产「${code}」原值 ${cost}，而 151 固定资产在 ${date} 及以后最少只有 ${held}：这张卡片的购置（或期初余额）没有记入总账，处置会使固定资产变成负数；请先补记购置凭证（借 151）`,
    en: `asset "${code}" costs ${cost}, but 151 holds as little as ${held} on ${date} or after: its purchase (or opening balance) never reached the books, and the disposal would take 151 below zero; post the purchase (Dr 151) first`,
  }),
  ASSET_UNDER_CONTRACT: (code: string, contract: string, end: string, date: string, ended: boolean) =>
    ended
      ? {
          zh: `资产「${code}」由合同「${contract}」占用至 ${end}（已提前终止于该日），处置日期须不早于 ${end}`,
          en: `asset "${code}" is held by contract "${contract}" until ${end} (its early end): dispose of it on ${end} or later`,
        }
      : {
          zh: `资产「${code}」由合同「${contract}」占用至 ${end}，不能在 ${date} 处置：先提前终止合同（sanzi contract end ${contract} --date ${date} --reason 原因），再处置`,
          en: `asset "${code}" is held by contract "${contract}" until ${end} and cannot be disposed of on ${date}: end the contract first (sanzi contract end ${contract} --date ${date} --reason …)`,
        },
  ASSET_DISPOSE_ZERO: () => ({ zh: '原值、处置收入均为零，没有可记的分录', en: 'cost and proceeds are both zero: nothing to post' }),
  DEPRECIATION_CLOSED_MONTH: (period: string, label: string, charges: string) => ({
    zh: `${label}已结账，但当月折旧尚未计提（${charges}）；没有写入任何数据。请先反结账（sanzi period reopen ${period} --reason …），或把 --through 改到该月之前`,
    en: `${period} is closed but its depreciation was never posted (${charges}); nothing was written. Reopen it (sanzi period reopen ${period} --reason …) or depreciate through an earlier month`,
  }),
  AMORTISATION_CLOSED_MONTH: (period: string, label: string, charges: string) => ({
    zh: `${label}已结账，但当月入股土地经营权尚未摊销（${charges}）；没有写入任何数据。请先反结账（sanzi period reopen ${period} --reason …），或把 --through 改到该月之前`,
    en: `${period} is closed but its amortisation was never posted (${charges}); nothing was written. Reopen it (sanzi period reopen ${period} --reason …) or amortise through an earlier month`,
  }),
});
