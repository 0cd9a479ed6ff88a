// 收益分配: plan, declaration, payment, roll and bank file.
import { catalogue, type Text } from '../errors.js';

export const DividendErrors = catalogue({
  /** The planner's input cannot give a plan (a negative holding, a rate outside 0–100%…). */
  DIVIDEND_PLAN: (reason: Text) => ({
    zh: `无法计算分配方案：${reason.zh}`,
    en: `cannot compute the plan: ${reason.en}`,
  }),
  DIVIDEND_NOT_DECLARED: (project: string, year: number) => ({
    zh: `项目「${project}」${year} 年尚未宣告分配（先 sanzi dividend plan 查看方案，再 sanzi dividend declare）`,
    en: `no distribution declared for project "${project}" in ${year} (see sanzi dividend plan, then sanzi dividend declare)`,
  }),
  DIVIDEND_DECLARED: (project: string, year: number, declaredAt: string) => ({
    zh: `项目「${project}」${year} 年已于 ${declaredAt} 宣告分配，不能重复宣告（sanzi dividend show --project ${project} --year ${year} 查看）`,
    en: `the ${year} distribution of project "${project}" was declared on ${declaredAt}; it cannot be declared again`,
  }),
  /** `why`: the plan's empty reason (no profit, no shares). */
  DIVIDEND_EMPTY: (why: Text) => ({ zh: `不能宣告：${why.zh}`, en: `nothing to declare: ${why.en}` }),
  DIVIDEND_PAY_DATE: (date: string, declaredOn: string) => ({
    zh: `发放日期 ${date} 早于宣告日 ${declaredOn}`,
    en: `payment date ${date} is before the declaration (${declaredOn})`,
  }),
  DIVIDEND_NO_MEMBER: (member: string, year: number) => ({
    zh: `成员「${member}」在 ${year} 年分配中没有应发金额`,
    en: `member "${member}" has nothing to be paid in the ${year} distribution`,
  }),
  /** One member paid already (`paid` given), or every member of the project. */
  DIVIDEND_PAID: (project: string, year: number, paid?: { member: string; name: string; date: string; amount: string }) =>
    paid
      ? {
          zh: `成员「${paid.member} ${paid.name}」的 ${year} 年分红已于 ${paid.date} 发放（${paid.amount} 元），不能重复发放`,
          en: `the ${year} dividend of "${paid.member}" was paid on ${paid.date}; it cannot be paid twice`,
        }
      : {
          zh: `项目「${project}」${year} 年分红已全部发放，不能重复发放`,
          en: `the ${year} dividends of project "${project}" are all paid; they cannot be paid twice`,
        },
  DIVIDEND_NOTHING_TO_PAY: (project: string, year: number) => ({
    zh: `项目「${project}」${year} 年没有待发放的分红`,
    en: `nothing left to pay for project "${project}" in ${year}`,
  }),
  /** `payees`: "X003 邓伟" each. */
  BANK_ACCOUNT_MISSING: (payees: string[]) => ({
    zh: `以下 ${payees.length} 名领款人没有银行账号，不能生成银行代发文件（用 sanzi member 补登 开户银行/银行账号）：${payees.join('、')}`,
    en: `${payees.length} payee(s) have no bank account number; no bank file written: ${payees.join(', ')}`,
  }),
});
