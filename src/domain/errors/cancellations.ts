// Undoing what a register command posted: only by its own cancel command (dividend cancel,
// contribution cancel), never by a hand reversal, so the registers and the books never disagree.
import { catalogue, type Text } from '../errors.js';

export const CancelErrors = catalogue({
  /** voucher reverse of a voucher a register command posted. `undo`: the command that undoes it, if any. */
  REVERSE_REGISTER: (what: Text, undo: Text | null) => ({
    zh: `该凭证由${what.zh}生成，不能手工冲销${undo ? `；要撤销，请用 ${undo.zh}` : '；登记簿与账簿须保持一致，如有错误请另行编制更正凭证'}`,
    en: `this voucher was posted by ${what.en} and cannot be reversed by hand${undo ? `; undo it with ${undo.en}` : '; correct it with a voucher of its own'}`,
  }),
  CONTRIBUTION_UNKNOWN: (id: string) => ({
    zh: `出资第 ${id} 号不存在（编号见 sanzi contribution list）`,
    en: `contribution ${id} does not exist (see sanzi contribution list)`,
  }),
  CONTRIBUTION_CANCELLED: (id: number, at: string, reason: string) => ({
    zh: `出资第 ${id} 号已于 ${at} 撤销（${reason}），不能再次撤销`,
    en: `contribution ${id} was cancelled on ${at} (${reason}); it cannot be cancelled again`,
  }),
  /** Without the contribution's shares, a later transfer would leave the member holding less than nothing. */
  CONTRIBUTION_SHARES_USED: (x: { id: number; member: string; name: string; date: string; shareClass: string; left: string }) => ({
    zh: `撤销出资第 ${x.id} 号后，成员「${x.member} ${x.name}」在 ${x.date} 的${x.shareClass}将为 ${x.left} 股（其后的股份转让已用到这些股份），不能撤销`,
    en: `without contribution ${x.id}, member "${x.member} ${x.name}" would hold ${x.left} ${x.shareClass} shares on ${x.date} (a later transfer used them); it cannot be cancelled`,
  }),
  /** A declaration in force counted the contribution's shares. */
  CONTRIBUTION_DECLARED: (x: { id: number; member: string; project: string; year: number }) => ({
    zh: `出资第 ${x.id} 号的股份已计入项目 ${x.project} ${x.year} 年的收益分配（成员 ${x.member}），先撤销该分配：sanzi dividend cancel --project ${x.project} --year ${x.year} --reason 原因（已发放的分配不能撤销）`,
    en: `the shares of contribution ${x.id} count in the ${x.year} distribution of ${x.project} (member ${x.member}); cancel it first: sanzi dividend cancel --project ${x.project} --year ${x.year} --reason TEXT (a paid one cannot be)`,
  }),
  CONTRIBUTION_AMORTISED: (x: { id: number; months: number; last: string }) => ({
    zh: `出资第 ${x.id} 号（土地经营权）已摊销 ${x.months} 个月（至 ${x.last}），摊销凭证不能撤回，不能再撤销这笔出资；如确有错误，请另做更正凭证并经成员（代表）大会决议`,
    en: `contribution ${x.id} (land use right) has been amortised for ${x.months} months (through ${x.last}); it can no longer be cancelled — correct it with a new voucher under a members' resolution`,
  }),
  /** verify: a contribution's cancellation and its reversal disagree. */
  CONTRIBUTION_CANCEL_MISMATCH: (id: number, detail: Text) => ({
    zh: `出资第 ${id} 号的撤销记录与账不符：${detail.zh}`,
    en: `the cancellation of contribution ${id} disagrees with the books: ${detail.en}`,
  }),
});
