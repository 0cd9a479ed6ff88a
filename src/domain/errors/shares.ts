// Projects (项目), share registers: grants, transfers, certificates.
import { catalogue } from '../errors.js';

/** A transfer that would take more than the giver holds: on its date, or on a later movement's date. */
export type Exceeds =
  | { giver: string; name: string; date: string; shareClass: string | null; held: string; reason: string; reasonEn: string }
  | { giver: string; name: string; laterDate: string; shareClass: string; left: string };

export const ShareErrors = catalogue({
  /** A share movement on or before the day a declaration in force counted the shares. */
  SHARES_DECLARED: (d: { project: string; date: string; year: number; shareDate: string }) => ({
    zh:
      `项目 ${d.project} ${d.year} 年的收益分配已按 ${d.shareDate} 的股份宣告；${d.date} 的股份变动会使已宣告的分配与股东名册不符，不能登记；` +
      `如确需更正，先撤销该年分配（sanzi dividend cancel --project ${d.project} --year ${d.year} --reason 原因；已发放的不能撤销），登记后重新宣告`,
    en:
      `the ${d.year} distribution of project ${d.project} was declared on the shares held on ${d.shareDate}; a share movement dated ${d.date} would make the register disagree with it; ` +
      `cancel that distribution first (sanzi dividend cancel --project ${d.project} --year ${d.year} --reason …; not once paid), then declare again`,
  }),
  /** A status change (已故, 迁出, 退出) dated on or before the day a declaration in force counted the member's shares. */
  SHARES_DECLARED_STATUS: (d: { member: string; status: string; date: string; project: string; year: number; shareDate: string }) => ({
    zh:
      `项目 ${d.project} ${d.year} 年的收益分配已按 ${d.shareDate} 的股份宣告，成员 ${d.member} 当日持有该项目股份；` +
      `登记其 ${d.date} 起${d.status}会使已宣告的分配落在非正常成员名下，不能登记；` +
      `如确需更正，先撤销该年分配（sanzi dividend cancel --project ${d.project} --year ${d.year} --reason 原因；已发放的不能撤销），` +
      `登记状态并办理股份继承或退出后重新宣告`,
    en:
      `the ${d.year} distribution of project ${d.project} was declared on the shares held on ${d.shareDate}, and member ${d.member} held shares of it that day; ` +
      `recording them as ${d.status} from ${d.date} would leave the declaration paying a member who was not active; ` +
      `cancel that distribution first (sanzi dividend cancel --project ${d.project} --year ${d.year} --reason …; not once paid), record the status and the transfer, then declare again`,
  }),
  PROJECT_UNKNOWN: (code: string) => ({
    zh: `项目「${code}」不存在（sanzi project list 查看，sanzi project add 新增）`,
    en: `unknown project "${code}" (see sanzi project list)`,
  }),
  PROJECT_EMPTY: () => ({ zh: '项目为空', en: 'the project is empty' }),
  PROJECT_CODE: (code: string) => ({
    zh: `项目编码「${code}」只能用字母、数字、- 和 _（不超过 20 个）`,
    en: `project code "${code}" may use letters, digits, - and _ (at most 20)`,
  }),
  PROJECT_NAME: () => ({ zh: '项目名称为空', en: 'the project name is empty' }),
  PROJECT_PAR: () => ({ zh: '每股金额必须大于 0', en: 'the par per share must be greater than 0' }),
  PROJECT_CAPITAL_ACCOUNT: (account: string) => ({
    zh: `资本科目「${account}」应为 301 或其明细科目（如 30101）`,
    en: `the capital account "${account}" must be 301 or one of its sub-accounts (e.g. 30101)`,
  }),
  PROJECT_EXISTS: (code: string, name: string) => ({ zh: `项目「${code}」已存在（${name}）`, en: `project "${code}" already exists (${name})` }),
  SHARE_CLASS: () => ({ zh: '股种为空（如 人口股、农龄股）', en: 'the share class is empty (e.g. 人口股)' }),
  SHARES: (reason: string, reasonEn: string, option?: string) =>
    option ? { zh: `${option}：${reason}`, en: `${option}: ${reasonEn}` } : { zh: reason, en: reasonEn },
  TRANSFER_REASON: (reason: string, allowed: readonly string[]) => ({
    zh: `转让原因「${reason}」不正确，应为 ${allowed.join('、')}`,
    en: `transfer reason "${reason}" must be one of ${allowed.join(', ')}`,
  }),
  TRANSFER_SELF: () => ({ zh: '转出和受让是同一成员', en: 'the giver and the receiver are the same member' }),
  TRANSFER_EXCEEDS: (x: Exceeds) =>
    'laterDate' in x
      ? {
          zh: `转出后 ${x.name}（${x.giver}）在 ${x.laterDate} 的${x.shareClass}将为 ${x.left} 股（该日之后已有转出）`,
          en: `after this transfer ${x.giver} would hold ${x.left} ${x.shareClass} shares on ${x.laterDate} (later movements exist)`,
        }
      : {
          zh: `${x.name}（${x.giver}）在 ${x.date} 持有${x.shareClass ?? ''} ${x.held} 股：${x.reason}`,
          en: `${x.giver} holds ${x.held}${x.shareClass ? ' ' + x.shareClass : ''} shares on ${x.date}: ${x.reasonEn}`,
        },
  TRANSFER_CLASS: (giver: string, name: string, holding: string, holdingEn: string) => ({
    zh: `${name}（${giver}）持有多个股种（${holding}），部分转让请用 --class 指定股种`,
    en: `${giver} holds several classes (${holdingEn}); name one with --class for a partial transfer`,
  }),
  NO_HOLDING: (id: string, name: string, project: string, asOf: string) => ({
    zh: `${name}（${id}）在 ${asOf} 未持有项目 ${project} 的股份`,
    en: `${id} holds no shares of ${project} on ${asOf}`,
  }),
});
