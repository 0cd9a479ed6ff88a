// Vouchers: entry, review, reversal.
import { catalogue } from '../errors.js';

export const VoucherErrors = catalogue({
  VOUCHER_REF: (ref: string) => ({
    zh: `凭证号「${ref}」格式不正确，应为 2024-03/5`,
    en: `voucher reference "${ref}" is not valid; use 2024-03/5`,
  }),
  VOUCHER_UNKNOWN: (period: string, number: number) => ({
    zh: `凭证 ${period} 记字第${number}号 不存在`,
    en: `voucher ${period}/${number} does not exist`,
  }),
  LINE_SPEC: (opt: string, spec: string, why: string, whyEn: string) => ({
    zh: `${opt} ${spec}：应写作 科目:金额[:m=成员][:p=项目]，如 513:120.00${why ? '（' + why + '）' : ''}`,
    en: `${opt} ${spec}: write ACCOUNT:AMOUNT[:m=MEMBER][:p=PROJECT], e.g. 513:120.00${whyEn ? ' (' + whyEn + ')' : ''}`,
  }),
  LINE_SPEC_PART: (opt: string, spec: string, part: string) => ({
    zh: `${opt} ${spec}：不认识的「${part}」（用 m=成员编号 或 p=项目编码）`,
    en: `${opt} ${spec}: unknown "${part}" (use m=MEMBER or p=PROJECT)`,
  }),
  REVIEWER: () => ({ zh: '审核人不能为空', en: 'the reviewer is empty' }),
  REVIEWER_IS_PREPARER: (by: string) => ({
    zh: `审核人「${by}」与制单人相同，须由他人审核`,
    en: `the reviewer "${by}" prepared this voucher; someone else must review it`,
  }),
  ALREADY_REVIEWED: (by: string) => ({ zh: `该凭证已由「${by}」审核`, en: `already reviewed by "${by}"` }),
  REVERSE_CLOSING: () => ({ zh: '年终结转凭证不能冲销', en: 'a year-end closing voucher cannot be reversed' }),
  ALREADY_REVERSED: (ref: string) => ({ zh: `该凭证已被 ${ref} 冲销`, en: `already reversed by ${ref}` }),
  // The checks of one voucher (entered, imported or made by a register command).
  VOUCHER_EMPTY: () => ({ zh: '凭证没有分录', en: 'the voucher has no lines' }),
  VOUCHER_SUMMARY: () => ({ zh: '摘要为空', en: 'the summary is empty' }),
  LINE_BOTH_SIDES: () => ({ zh: '同一行不能同时填借方和贷方金额', en: 'a line has both a debit and a credit' }),
  LINE_ZERO: () => ({ zh: '分录金额为零：借方或贷方须填一个', en: 'the line has neither a debit nor a credit' }),
  LINE_NEGATIVE: () => ({ zh: '金额不能为负数（红字冲销请用 voucher reverse）', en: 'negative amount outside a reversal (use voucher reverse)' }),
  VOUCHER_UNBALANCED: (debit: string, credit: string, difference: string) => ({
    zh: `借贷不平：借方合计 ${debit} ≠ 贷方合计 ${credit}，差额 ${difference}`,
    en: `unbalanced: debits ${debit} ≠ credits ${credit}, difference ${difference}`,
  }),
  VOUCHER_ZERO: () => ({ zh: '凭证金额合计为零', en: 'the voucher totals zero' }),
  // A voucher file's rows.
  VOUCHER_KEY: () => ({ zh: '凭证号为空', en: 'the voucher number is empty' }),
  /** The rows of one 凭证号 in one month, not together in the file. */
  VOUCHER_KEY_SPLIT: (key: string, firstLine: number) => ({
    zh: `凭证号「${key}」在本月前面（第 ${firstLine} 行起）已经出现过，中间隔着别的凭证：同一张凭证的各行必须放在一起（可先按凭证号排序）`,
    en: `voucher "${key}" appeared earlier in the same month (from line ${firstLine}) with other vouchers in between: keep the rows of one voucher together (sort the file by voucher number first)`,
  }),
  VOUCHER_DATES: (key: string, date: string, first: string) => ({
    zh: `同一凭证「${key}」的日期不一致：${date} 与 ${first}`,
    en: `voucher "${key}" has two dates: ${date} and ${first}`,
  }),
  ATTACHMENTS: (given: string) => ({ zh: `附件数应为整数：「${given}」`, en: `attachments must be a whole number: "${given}"` }),
});
