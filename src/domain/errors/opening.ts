// Opening balances (期初余额) of books started mid-life.
import { catalogue } from '../errors.js';

export const OpeningErrors = catalogue({
  OPENING_UNBALANCED: (debit: string, credit: string, diff: string) => ({
    zh: `期初余额借贷不平：借方合计 ${debit} ≠ 贷方合计 ${credit}，差额 ${diff}；没有写入任何数据`,
    en: `opening balances do not balance: debits ${debit} ≠ credits ${credit}, difference ${diff}; nothing was written`,
  }),
  OPENING_SIDE: (code: string, name: string, side: '借' | '贷') => ({
    zh: `${code} ${name} 不能有${side}方余额（${side === '借' ? '备抵科目只有贷方余额' : '库存现金不会是负数'}）`,
    en: `${code} ${name} cannot have a ${side === '借' ? 'debit' : 'credit'} balance`,
  }),
  OPENING_ROW_SIDES: () => ({
    zh: '一行只能填借方余额或贷方余额中的一个',
    en: 'a row has either a debit or a credit balance, not both',
  }),
  OPENING_NEGATIVE: () => ({
    zh: '余额不能为负数：贷方余额请填在贷方余额列',
    en: 'a balance cannot be negative: put a credit balance in the credit column',
  }),
  OPENING_NOT_LEAF: (code: string, name: string) => ({
    zh: `科目「${code} ${name}」有下级科目：期初余额只能填在末级科目上`,
    en: `account "${code} ${name}" has sub-accounts; opening balances go on leaf accounts`,
  }),
  OPENING_ACCOUNT_NAME: (given: string, code: string, name: string) => ({
    zh: `科目名称「${given}」与科目编码 ${code} 的名称「${name}」不符`,
    en: `account name "${given}" does not match ${code} "${name}"`,
  }),
  OPENING_EMPTY: () => ({
    zh: '文件中没有非零的余额',
    en: 'the file has no balance other than zero',
  }),
  OPENING_AFTER_VOUCHERS: (count: number) => ({
    zh: `账套中已有 ${count} 张凭证：期初余额只能在记第一张凭证之前录入（否则各月余额和已出的报表都会改变）`,
    en: `the ledger already has ${count} vouchers; opening balances are entered only before the first voucher`,
  }),
  OPENING_AFTER_CLOSE: (period: string) => ({
    zh: `已有月份结账（${period}）：期初余额只能在结账之前录入`,
    en: `a month is closed already (${period}); opening balances are entered before any close`,
  }),
  OPENING_ALREADY: (at: string) => ({
    zh: `期初余额已于 ${at} 录入，只能录入一次（如有错误，请以凭证更正）`,
    en: `opening balances were entered on ${at}; they are entered once only (correct them with a voucher)`,
  }),
  OPENING_START_NEEDED: () => ({
    zh: '账套没有建账月份：请用 --start YYYY-MM 指明期初余额是哪个月月初的余额',
    en: 'the ledger has no first month: say which month the balances open with --start YYYY-MM',
  }),
  OPENING_START_DIFFERS: (given: string, start: string) => ({
    zh: `--start ${given} 与账套的建账月份 ${start} 不同；期初余额是建账月份月初的余额`,
    en: `--start ${given} differs from the books' first month ${start}; opening balances open that month`,
  }),
});
