// Contracts and land transfers (发包/出租/流转/入股): entry, rent in kind, payments, accrual.
import { catalogue } from '../errors.js';

const lets = (direction: '收' | '付') => (direction === '收' ? { held: '发包/出租', again: '出租' } : { held: '租入', again: '租入' });
const payVerb = (direction: '收' | '付') => (direction === '收' ? '收' : '付');

export const ContractErrors = catalogue({
  CONTRACT_EXISTS: (code: string) => ({ zh: `合同编号「${code}」已登记`, en: `contract "${code}" is already registered` }),
  CONTRACT_DUPLICATE: (code: string) => ({ zh: `合同编号「${code}」在本文件中重复`, en: `contract "${code}" appears twice in the file` }),
  CONTRACT_UNKNOWN: (code: string) => ({
    zh: `合同「${code}」不存在（sanzi contract list 查看已登记的合同）`,
    en: `unknown contract "${code}" (see sanzi contract list)`,
  }),
  CONTRACT_ENDS_BEFORE_START: (start: string, end: string) => ({
    zh: `合同结束日期 ${end} 早于开始日期 ${start}`,
    en: `the contract ends (${end}) before it starts (${start})`,
  }),
  CONTRACT_RENT: (problem: 'several' | 'none') =>
    problem === 'several'
      ? { zh: '租金只能填一种：每亩租金、年租金或每亩实物', en: 'give one rent only: rent per 亩, annual rent or rent in kind' }
      : { zh: '缺少租金：填每亩租金、年租金或每亩实物之一', en: 'no rent: give rent per 亩, annual rent or rent in kind' },
  CONTRACT_SUBJECT_UNKNOWN: (subject: string) => ({
    zh: `标的「${subject}」不是已登记的资源或资产（先 sanzi resource add 或 sanzi asset add）`,
    en: `subject "${subject}" is neither a registered resource nor an asset (sanzi resource add or sanzi asset add first)`,
  }),
  CONTRACT_SUBJECT_DISPOSED: (subject: string) => ({
    zh: `资产「${subject}」已处置，不能再签合同`,
    en: `asset "${subject}" has been disposed`,
  }),
  CONTRACT_RENT_RANGE: (code: string, max: string) => ({
    zh: `合同「${code}」的租金在合同期内合计超过 ${max} 元（请检查年租金、递增率、面积、单价和起止日期是否填错）`,
    en: `the rent of contract "${code}" over its term comes to more than ${max} (check the rent, escalation, area, unit price and term)`,
  }),
  CONTRACT_YEAR_CLOSED: (code: string, years: readonly number[]) => ({
    zh: `合同「${code}」的租金会落在 ${years.join('、')} 年，而该年已年终结账（租金在 12-31 确认，已无法记账）；如确需登记，先 sanzi year reopen ${years[years.length - 1]} --reason 原因`,
    en: `the rent of contract "${code}" falls in ${years.join(', ')}, whose December is closed (rent is accrued on 12-31); reopen that year first (sanzi year reopen ${years[years.length - 1]} --reason …)`,
  }),
  CONTRACT_AREA_EXCEEDS: (subject: string, area: string, has: string) => ({
    zh: `合同面积 ${area} 亩超过资源「${subject}」的面积 ${has} 亩`,
    en: `the contract's area (${area} 亩) is more than resource "${subject}" has (${has} 亩)`,
  }),
  CONTRACT_AREA: () => ({ zh: '按亩计租须有面积（填面积，或以资源台账的面积为准）', en: 'rent per 亩 needs an area' }),
  CONTRACT_OVERLAP: (subject: string, other: string, direction: '收' | '付', from: string, to: string) => ({
    zh: `标的「${subject}」在 ${from} 至 ${to} 已由合同「${other}」${lets(direction).held}，不能重复${lets(direction).again}`,
    en: `subject "${subject}" is already held by contract "${other}" (same direction ${direction}) on overlapping days ${from}…${to}`,
  }),
  CONTRACT_NOT_IN_KIND: (code: string) => ({ zh: `合同「${code}」不是实物租金，无需定价`, en: `contract "${code}" has no rent in kind` }),
  CONTRACT_PRICE_YEAR: (code: string, year: number, start: string, end: string) => ({
    zh: `合同「${code}」没有从 ${year} 年开始的合同年（${start} 至 ${end}）`,
    en: `contract "${code}" has no contract year starting in ${year} (${start} … ${end})`,
  }),
  CONTRACT_PRICE_ACCRUED: (year: number, old: string, accruedYears: readonly number[]) => ({
    zh: `${year} 年单价已定为 ${old} 元，且 ${accruedYears.join('、')} 年的租金已确认入账，不能再改`,
    en: `the ${year} price is ${old} and rent of ${accruedYears.join(', ')} has been accrued; it cannot change`,
  }),
  CONTRACT_ALREADY_ENDED: (code: string, date: string) => ({
    zh: `合同「${code}」已于 ${date} 提前终止，不能再终止`,
    en: `contract "${code}" was already ended early on ${date}`,
  }),
  CONTRACT_END_DATE: (code: string, date: string, end: string) => ({
    zh: `合同「${code}」的终止日期 ${date} 须早于约定结束日期 ${end}（到 ${end} 合同自然到期，无需终止）`,
    en: `contract "${code}" can be ended early only before its agreed end (${end}), not on ${date}`,
  }),
  CONTRACT_END_ACCRUED: (code: string, date: string, years: readonly { year: number; accrued: string; after: string }[], earliest: string | null) => ({
    zh: `合同「${code}」在 ${date} 终止会改变已确认入账的租金：${years.map((y) => `${y.year} 年已确认 ${y.accrued}，终止后应为 ${y.after}`).join('；')}（已确认入账的租金不再调整）${earliest ? `；终止日期最早为 ${earliest}` : ''}`,
    en: `ending contract "${code}" on ${date} would change rent already accrued: ${years.map((y) => `${y.year} accrued ${y.accrued}, ${y.after} after the end`).join('; ')} (rent accrued is not adjusted)${earliest ? `; end it on ${earliest} or later` : ''}`,
  }),
  CONTRACT_END_CLOSED: (code: string, date: string) => ({
    zh: `合同「${code}」的终止日期 ${date} 所在月份已结账，已结账期间的合同台账不再改变：请用未结账月份的日期，或先反结账`,
    en: `contract "${code}" cannot be ended on ${date}: that month is closed (use a day of an open month, or reopen it)`,
  }),
  CONTRACT_END_BEFORE_START: (code: string, date: string, start: string) => ({
    zh: `合同「${code}」自开始日期 ${start} 起已有收付款或已确认租金，已经履行，不能终止在开始日期之前（${date}）`,
    en: `contract "${code}" has been performed (payments from its start ${start} on, or rent accrued) and cannot be ended before it, not on ${date}`,
  }),
  CONTRACT_REFUND_EXCEEDS: (code: string, direction: '收' | '付', beyond: string, amount: string, running: boolean) => ({
    zh: `合同「${code}」${direction === '收' ? '多收' : '多付'}（超出合同全部租金）的只有 ${beyond}，不能${direction === '收' ? '退还' : '收回'} ${amount}${running ? '（合同履行期间，预交的以后年度租金不能退）' : ''}`,
    en: `contract "${code}" holds only ${beyond} paid beyond all its rent; ${amount} cannot be refunded${running ? ' (rent paid ahead for years to come is not refunded while the contract runs)' : ''}`,
  }),
  CONTRACT_REFUND_UNPRICED: (code: string, years: readonly number[]) => ({
    zh: `合同「${code}」${years.join('、')} 年的实物租金尚未定价，多收多少还不能确定：先 sanzi contract price ${code} --year ${years[0]} --unit-price 单价`,
    en: `contract "${code}" has rent in kind not priced for ${years.join(', ')}: price it first (sanzi contract price ${code} --year ${years[0]} --unit-price …)`,
  }),
  CONTRACT_END_BEFORE_PAYMENTS: (code: string, date: string, last: string) => ({
    zh: `合同「${code}」在 ${date} 以后还收付过租金（最近一次 ${last}），超出了终止后的全部租金：终止日期不能早于实际履行到的日子；如确已终止，请核对这些收付款`,
    en: `contract "${code}" has payments after ${date} (the last on ${last}) beyond all its rent if it ended then: it cannot be ended before it stopped running`,
  }),
  CONTRACT_END_BEFORE_BOOKS: (code: string, date: string, first: string) => ({
    zh: `合同「${code}」的终止日期 ${date} 早于建账月份 ${first}：建账以前的事项在期初余额里，不能再改（建账以前已经结束的合同，按实际结束日期登记即可）`,
    en: `contract "${code}" cannot be ended on ${date}, before the books start (${first})`,
  }),
  CONTRACT_REFUND_REASON: () => ({ zh: '退款须写明原因（--reason）', en: 'a refund needs a reason (--reason)' }),
  CONTRACT_PAYMENT_UNKNOWN: (code: string, ref: string) => ({
    zh: `合同「${code}」没有凭证号为 ${ref} 的收付款或退款（sanzi contract show ${code} 查看收付款记录）`,
    en: `contract "${code}" has no payment or refund with voucher ${ref} (see sanzi contract show ${code})`,
  }),
  CONTRACT_PAYMENT_CANCELLED: (code: string, ref: string, at: string, reason: string) => ({
    zh: `合同「${code}」凭证 ${ref} 的这笔款项已于 ${at} 撤销（${reason}）`,
    en: `the money of voucher ${ref} of contract "${code}" was cancelled on ${at} (${reason})`,
  }),
  CONTRACT_PAYMENT_REFUNDED: (code: string, ref: string, refunded: string) => ({
    zh: `合同「${code}」已退还（收回）${refunded}，撤销收付款 ${ref} 后退款会超过多收（付）的部分，不能撤销`,
    en: `contract "${code}" has ${refunded} refunded; without payment ${ref} the refunds would exceed what was paid beyond the rent`,
  }),
  CONTRACT_END_REASON: () => ({ zh: '提前终止须写明原因（--reason，如 协商解除、承租方违约、土地征收）', en: 'an early end needs a reason (--reason)' }),
  /** A payment after the contract's end (or to a contract ended early): nothing outstanding, or more than what is. */
  CONTRACT_ENDED: (code: string, end: string, direction: '收' | '付', over?: { outstanding: string; amount: string }, early?: string | null, neverRan = false) => {
    const ended = early ? (neverRan ? `未履行即解除（${early}）` : `已于 ${early} 提前终止`) : `已于 ${end} 到期`;
    const endedEn = early ? `was ended early on ${early}` : `ended on ${end}`;
    return over
      ? {
          zh: `合同「${code}」${ended}，只能结清尚欠的 ${over.outstanding}，不能多${payVerb(direction)}（${over.amount}）`,
          en: `contract "${code}" ${endedEn}; only the outstanding ${over.outstanding} can be paid, not ${over.amount}`,
        }
      : {
          zh: `合同「${code}」${ended}且租金已全部结清，不能再${payVerb(direction)}款`,
          en: `contract "${code}" ${endedEn} and nothing is outstanding; no payment can be recorded`,
        };
  },
});
