// The chart of accounts.
import { catalogue } from '../errors.js';

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
  ACCOUNT_UNKNOWN: (code: string) => ({
    zh: `科目「${code}」不存在（sanzi account list 查看科目表；明细科目用 sanzi account add 增设）`,
    en: `unknown account "${code}" (see sanzi account list; add a sub-account with sanzi account add)`,
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
