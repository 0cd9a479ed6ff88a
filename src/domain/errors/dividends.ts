// 收益分配: plan, declaration, payment, roll and bank file.
import { catalogue, type Text } from '../errors.js';
import { STATUS_EN } from '../members.js';

export const DividendErrors = catalogue({
  /** The planner's input cannot give a plan (a negative holding, a rate outside 0–100%…). */
  DIVIDEND_PLAN: (reason: Text) => ({
    zh: `无法计算分配方案：${reason.zh}`,
    en: `cannot compute the plan: ${reason.en}`,
  }),
  DIVIDEND_NOT_DECLARED: (project: string, year: number) => ({
    zh: `项目「${project}」${year} 年尚未宣告分配或宣告已撤销（先 sanzi dividend plan 查看方案，再 sanzi dividend declare）`,
    en: `no distribution of project "${project}" is declared for ${year}, or it was cancelled (see sanzi dividend plan, then sanzi dividend declare)`,
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
  /** A write would leave a declared year's 年末未分配收益 negative (checkDeclaredYears). */
  DIVIDEND_UNCOVERED: (y: { year: number; projects: readonly string[]; before: string | null; after: string; distributable: string; items: string }) => {
    const change = { zh: `${y.before === null ? '' : `由 ${y.before} `}变为 ${y.after}`, en: `${y.before === null ? '' : `from ${y.before} `}to ${y.after}` };
    const figures = { zh: `（可分配收益 ${y.distributable}，各项分配 ${y.items}）`, en: ` (distributable ${y.distributable}, distributions ${y.items})` };
    // A year distributed by hand (entries on 322 各项分配), no declaration: the entries are what to undo.
    if (y.projects.length === 0)
      return {
        zh:
          `不能写入：${y.year} 年在 322 收益分配-各项分配 上记有分配，此操作将使该年年末未分配收益${change.zh}${figures.zh}，分配将超过可分配收益（严禁举债分配）；` +
          `分配只能在可分配收益之内：请改正金额，或先冲销多记的分配凭证`,
        en:
          `refused: ${y.year} has distributions entered on 322 (各项分配); this would take its undistributed profit at year end ${change.en}${figures.en}, ` +
          `more distributed than distributable; correct the amount, or reverse the distribution entered first`,
      };
    return {
      zh:
        `不能写入：${y.year} 年已宣告收益分配（项目 ${y.projects.join('、')}），此操作将使该年年末未分配收益` +
        `${change.zh}${figures.zh}，分配将超过可分配收益；` +
        `如确需如此，先撤销该年分配（sanzi dividend cancel --project ${y.projects[0]} --year ${y.year} --reason 原因），再重新计算宣告`,
      en:
        `refused: ${y.year} has a declared distribution (project ${y.projects.join(', ')}); this would take its undistributed profit at year end ` +
        `${change.en}${figures.en}, more distributed than distributable; ` +
        `cancel that distribution first (sanzi dividend cancel --project ${y.projects[0]} --year ${y.year} --reason …) and declare again`,
    };
  },
  /**
   * An earlier year has distributions (declared, or entered on 322) but no year-end closing yet: its
   * result and its distributions are not in 32202, so the later year's 年初未分配收益 would count
   * again what that year distributed.
   */
  DIVIDEND_EARLIER_YEAR_OPEN: (year: number, earlier: number, out: string) => ({
    zh:
      `${earlier} 年还没有年终结转，它的分配比本年收益多（或亏损）${out}，还没有从 322 收益分配-未分配收益中减去，${year} 年的年初未分配收益因此多算了；` +
      `照此分配会把分过的收益再分一次；请先做 ${earlier} 年的年终结转（sanzi year close ${earlier}），再计算 ${year} 年的分配`,
    en:
      `${earlier} is not closed yet and took out ${out} more than it earned, not yet taken from 322 (未分配收益), so ${year}'s opening undistributed profit ` +
      `counts it still; a ${year} distribution would hand out again what was handed out; close ${earlier} first (sanzi year close ${earlier})`,
  }),
  /** A dividend is paid out of cash or the bank: 101 库存现金, 102 银行存款 or an account under them. */
  DIVIDEND_PAY_ACCOUNT: (account: string) => ({
    zh: `付款科目「${account}」应为 101 库存现金、102 银行存款或其明细科目：分红以货币资金发放`,
    en: `the paying account "${account}" must be 101 cash, 102 bank or one of their sub-accounts: dividends are paid in money`,
  }),
  DIVIDEND_NOTHING_TO_PAY: (project: string, year: number) => ({
    zh: `项目「${project}」${year} 年没有待发放的分红`,
    en: `nothing left to pay for project "${project}" in ${year}`,
  }),
  /** `payees`: "X003 邓伟" each. */
  BANK_ACCOUNT_MISSING: (payees: string[]) => ({
    zh: `以下 ${payees.length} 名领款人没有银行账号，不能生成银行代发文件（用 sanzi member edit 成员编号 --bank 开户银行 --bank-account 账号 补登；或加 --skip-missing 先为其他人生成）：${payees.join('、')}`,
    en: `${payees.length} payee(s) have no bank account number; no bank file written (add them with sanzi member edit ID --bank B --bank-account A, or give --skip-missing to leave them out): ${payees.join(', ')}`,
  }),
  /** reserve + pool of a plan above what remains distributable of its year (严禁超额分配). */
  DIVIDEND_EXCEEDS: (x: { year: number; taken: string; remaining: string; distributable: string; declared: string }) => ({
    zh: `提取公积公益金与向成员分配合计 ${x.taken}，超过 ${x.year} 年尚可分配的收益 ${x.remaining}（本集体可分配收益 ${x.distributable}，已宣告的其他分配 ${x.declared}）；分配不能超过可分配收益，请用 --profit 给出较小的利润，或用 --payout 降低分配比例`,
    en: `reserve + pool ${x.taken} exceed what remains distributable of ${x.year}, ${x.remaining} (distributable profit of the collective ${x.distributable}, already declared elsewhere ${x.declared}); give a smaller --profit or a lower --payout`,
  }),
  /** A member not active on the day the shares are counted still holds shares. */
  DIVIDEND_INACTIVE_HOLDER: (x: { project: string; member: string; name: string; status: string; date: string; shares: string; transfer: '继承' | '退出' }) => ({
    zh: `成员「${x.member} ${x.name}」在 ${x.date} 的状态为「${x.status}」，仍持有项目 ${x.project} ${x.shares} 股；先办理股份${x.transfer}：sanzi shares transfer --project ${x.project} --from ${x.member} --to 受让成员 --shares all --reason ${x.transfer} --date 日期`,
    en: `member "${x.member} ${x.name}" is ${STATUS_EN[x.status as keyof typeof STATUS_EN] ?? x.status} on ${x.date} and still holds ${x.shares} shares of ${x.project}; transfer them first (sanzi shares transfer --project ${x.project} --from ${x.member} --to MEMBER --shares all --reason ${x.transfer} --date DATE)`,
  }),
  /** dividend cancel of a declaration of which something is paid. */
  DIVIDEND_CANCEL_PAID: (project: string, year: number, count: number, total: string) => ({
    zh: `项目「${project}」${year} 年分红已发放 ${count} 人、合计 ${total} 元，不能撤销宣告`,
    en: `${count} member(s) of project "${project}" have been paid ${total} of the ${year} dividends; the declaration cannot be cancelled`,
  }),
  /** verify: a declaration's stored plan and its vouchers disagree. */
  DIVIDEND_LEDGER_MISMATCH: (project: string, year: number, detail: Text) => ({
    zh: `项目「${project}」${year} 年收益分配方案与其凭证不符：${detail.zh}`,
    en: `the ${year} distribution of project "${project}" disagrees with its vouchers: ${detail.en}`,
  }),
  /** verify: a cancelled declaration that still counts, or a declaration in force that no longer does. */
  DIVIDEND_CANCEL_MISMATCH: (project: string, year: number, detail: Text) => ({
    zh: `项目「${project}」${year} 年收益分配的撤销记录与账不符：${detail.zh}`,
    en: `the ${year} distribution of project "${project}" and its cancellation disagree with the books: ${detail.en}`,
  }),
});
