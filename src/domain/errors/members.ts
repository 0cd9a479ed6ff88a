// Members (成员): the roster, ID cards, households, status changes, and who may hold shares.
import { catalogue } from '../errors.js';

/** Where an earlier copy of a value was seen: in the ledger, or on a line of the same file. */
export type SeenAt = 'ledger' | { line?: number };

/** What the member was about to do when the check found them unknown, absent or inactive. */
export type MemberPurpose = 'grant' | 'contribute' | 'receive';

const PURPOSE: Record<MemberPurpose, { zh: string; en: string }> = {
  grant: { zh: '不能配股', en: 'cannot be granted shares' },
  contribute: { zh: '不能出资入股', en: 'cannot contribute' },
  receive: { zh: '不能受让股份', en: 'cannot receive shares' },
};

const STATUS_EN: Record<string, string> = { 正常: 'active', 已故: 'deceased', 迁出: 'moved out', 退出: 'exited' };

export const MemberErrors = catalogue({
  MEMBER_ID: (id: string) =>
    id === ''
      ? { zh: '成员编号为空', en: 'the member id is empty' }
      : {
          zh: `成员编号「${id}」不能含空格、逗号或竖线 |，且不超过 32 个字符`,
          en: `member id "${id}" may not contain spaces, commas or | and has at most 32 characters`,
        },
  MEMBER_NAME: () => ({ zh: '姓名为空', en: 'the name is empty' }),
  MEMBER_DUPLICATE: (id: string, seen: SeenAt) =>
    seen === 'ledger'
      ? { zh: `成员编号「${id}」已存在`, en: `member id "${id}" already exists` }
      : {
          zh: `成员编号「${id}」重复${seen.line ? `（第 ${seen.line} 行已有）` : ''}`,
          en: `member id "${id}" appears twice${seen.line ? ` (also on line ${seen.line})` : ''}`,
        },
  IDCARD: (reason: string, reasonEn: string) => ({ zh: reason, en: reasonEn }),
  IDCARD_DUPLICATE: (other: string, seen: SeenAt) =>
    seen === 'ledger'
      ? { zh: `身份证号与已有成员「${other}」相同`, en: `the ID card number is already that of member "${other}"` }
      : {
          zh: `身份证号与成员「${other}」相同${seen.line ? `（第 ${seen.line} 行）` : ''}`,
          en: `the ID card number is the same as member "${other}"${seen.line ? ` (line ${seen.line})` : ''}`,
        },
  HOUSEHOLD_HEAD: (household: string | null, head?: string) =>
    household === null
      ? { zh: '户主须填写户号', en: 'a head of household needs a household number' }
      : { zh: `户号「${household}」已有户主「${head}」`, en: `household "${household}" already has a head, "${head}"` },
  MEMBER_DATES: (statusDate: string, joined: string | null) =>
    joined === null
      ? { zh: '状态为「正常」时不填状态日期', en: 'a status date is given only for a status other than active' }
      : { zh: `状态日期 ${statusDate} 早于加入日期 ${joined}`, en: `status date ${statusDate} is before the joining date ${joined}` },
  MEMBER_STATUS: (given: string) => ({
    zh: `成员状态「${given}」不正确，应为 正常、已故、迁出 或 退出`,
    en: `member status "${given}" must be 正常, 已故, 迁出 or 退出`,
  }),
  MEMBER_STATUS_SAME: (id: string, name: string, status: string) => ({
    zh: `成员 ${id} ${name} 的状态已是「${status}」`,
    en: `member ${id} is already ${STATUS_EN[status] ?? status}`,
  }),
  MEMBER_STATUS_DATE: (date: string, before: { lastChange: string } | { joined: string }) =>
    'lastChange' in before
      ? { zh: `变更日期 ${date} 早于上次状态变更 ${before.lastChange}`, en: `the date ${date} is before the last status change (${before.lastChange})` }
      : { zh: `变更日期 ${date} 早于加入日期 ${before.joined}`, en: `the date ${date} is before the member joined (${before.joined})` },
  MEMBER_UNKNOWN: (id: string, role?: 'from' | 'to') =>
    role === 'from'
      ? { zh: `转出成员「${id}」不存在（只能在本集体成员之间转让）`, en: `unknown member "${id}" (shares move only between members)` }
      : role === 'to'
        ? { zh: `受让成员「${id}」不存在（只能转让给本集体成员）`, en: `unknown member "${id}" (shares move only between members)` }
        : { zh: `成员「${id}」不存在（sanzi member list 查看成员名册）`, en: `unknown member "${id}" (see sanzi member list)` },
  MEMBER_INACTIVE: (id: string, name: string, date: string, status: string, purpose: MemberPurpose) =>
    purpose === 'receive'
      ? {
          zh: `受让成员「${id} ${name}」在 ${date} 的状态为「${status}」，${PURPOSE[purpose].zh}`,
          en: `the receiver "${id} ${name}" is not active on ${date} (${STATUS_EN[status] ?? status}) and ${PURPOSE[purpose].en}`,
        }
      : {
          zh: `成员「${id} ${name}」在 ${date} 的状态为「${status}」，${PURPOSE[purpose].zh}`,
          en: `member "${id} ${name}" is not active on ${date} (${STATUS_EN[status] ?? status}) and ${PURPOSE[purpose].en}`,
        },
  MEMBER_NOT_JOINED: (id: string, name: string, date: string, joined: string, purpose: MemberPurpose) => ({
    zh: `成员「${id} ${name}」在 ${date} 尚未加入本集体（加入日期 ${joined}），${PURPOSE[purpose].zh}`,
    en: `member "${id} ${name}" had not joined on ${date} (joined ${joined}) and ${PURPOSE[purpose].en}`,
  }),
  MEMBER_STATUS_BEFORE_SHARES: (id: string, status: string, date: string, last: string) => ({
    zh: `成员「${id}」在 ${last} 还出资入股，只有正常成员才能出资；${status}的日期不能早于 ${last}（如那笔出资有误，先撤销：sanzi contribution cancel 编号 --reason 原因）`,
    en: `member "${id}" contributed on ${last}, which only an active member may; the date of the change (${date}) cannot be before it (cancel that contribution first if it was wrong)`,
  }),
  MEMBER_JOINED_AFTER_SHARES: (id: string, joined: string, first: string) => ({
    zh: `成员「${id}」在 ${first} 已有股份或出资记录，加入日期不能改为更晚的 ${joined}`,
    en: `member "${id}" holds shares or contributions from ${first}; the joining date cannot move to the later ${joined}`,
  }),
  MEMBER_EDIT_NOTHING: () => ({
    zh: '没有要修改的内容：请给出 --name、--id-card、--household、--relation、--joined、--bank 或 --bank-account',
    en: 'nothing to change: give --name, --id-card, --household, --relation, --joined, --bank or --bank-account',
  }),
});
