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
});
