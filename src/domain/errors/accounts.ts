// The chart of accounts.
import { catalogue, type Text } from '../errors.js';

export const AccountErrors = catalogue({
  ACCOUNT_CODE: (code: string, reason: 'form' | 'zero') =>
    reason === 'form'
      ? {
          zh: `科目编码「${code}」不正确：明细科目编码为上级编码加两位数字（如 10201）`,
          en: `account code "${code}" is not valid: a detail account is its parent's code plus 2 digits (e.g. 10201)`,
        }
      : { zh: `科目编码「${code}」的末两位不能为 00`, en: `account code "${code}" may not end in 00` },
  ACCOUNT_NAME: () => ({ zh: '科目名称不能为空', en: 'the account name is empty' }),
  ACCOUNT_EXISTS: (code: string, name: string) => ({
    zh: `科目编码 ${code} 已被「${name}」使用`,
    en: `account code ${code} is already "${name}"`,
  }),
  ACCOUNT_PARENT: (parent: string, code: string) => ({
    zh: `上级科目「${parent}」不存在，不能增设「${code}」`,
    en: `parent account "${parent}" does not exist`,
  }),
  ACCOUNT_HAS_POSTINGS: (parent: string, name: string) => ({
    zh: `科目「${parent} ${name}」已有发生额，不能再增设下级科目`,
    en: `account "${parent} ${name}" already has postings and cannot get sub-accounts`,
  }),
  /** Unknown in the chart; `what` names the field (费用科目) for a short message in a file's row. */
  ACCOUNT_UNKNOWN: (code: string, what?: Text) =>
    what
      ? { zh: `${what.zh}「${code}」不存在`, en: `${what.en} "${code}" does not exist` }
      : {
          zh: `科目「${code}」不存在（sanzi account list 查看科目表；明细科目用 sanzi account add 增设）`,
          en: `unknown account "${code}" (see sanzi account list; add a sub-account with sanzi account add)`,
        },
  ACCOUNT_EMPTY: () => ({ zh: '科目编码为空', en: 'the account code is empty' }),
  /**
   * A parent where a leaf is needed: on a voucher line (`line`), in a register's field (`what`), or
   * as the default of an entry the tool makes (`leaves`, with the option that lets the user choose).
   */
  ACCOUNT_NOT_LEAF: (code: string, name: string, where: { line: true } | { what: Text } | { leaves: string[]; option: string | null }) =>
    'line' in where
      ? { zh: `科目「${code} ${name}」有下级科目，只能记到末级科目`, en: `account "${code} ${name}" has sub-accounts; post to a leaf account` }
      : 'what' in where
        ? { zh: `${where.what.zh}「${code} ${name}」有下级科目，须用末级科目`, en: `${where.what.en} "${code} ${name}" has sub-accounts; use a leaf account` }
        : where.option
          ? {
              zh: `科目「${code} ${name}」有下级科目 ${where.leaves.join('、')}，请用 ${where.option} 指定末级科目`,
              en: `account "${code} ${name}" has sub-accounts (${where.leaves.join(', ')}); name a leaf with ${where.option}`,
            }
          : {
              zh: `科目「${code} ${name}」有多个下级科目（${where.leaves.join('、')}），无法确定记到哪一个；本功能要求该科目只有一个末级科目`,
              en: `account "${code} ${name}" has several sub-accounts (${where.leaves.join(', ')}); this entry needs exactly one leaf under it`,
            },
  ACCOUNT_NAME_MISMATCH: (given: string, code: string, name: string) => ({
    zh: `科目名称「${given}」与科目编码 ${code} 的名称「${name}」不符`,
    en: `account name "${given}" does not match ${code} "${name}"`,
  }),
  ACCOUNT_STATUTORY: (code: string, name: string) => ({
    zh: `「${code} ${name}」是《农村集体经济组织会计制度》规定的一级科目，名称不能更改（可增设明细科目：sanzi account add）`,
    en: `"${code} ${name}" is a first-level account of the statutory chart; its name cannot change (add a detail account with sanzi account add)`,
  }),
  ACCOUNT_RENAME_EMPTY: () => ({ zh: '新的科目名称不能为空', en: 'the new account name is empty' }),
  ACCOUNT_NAME_TAKEN: (name: string, sibling: string) => ({
    zh: `同一上级科目下已有名为「${name}」的科目 ${sibling}`,
    en: `${sibling} under the same parent is already named "${name}"`,
  }),
});
