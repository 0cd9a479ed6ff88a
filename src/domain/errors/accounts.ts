// The chart of accounts.
import { catalogue } from '../errors.js';

export const AccountErrors = catalogue({
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
});
