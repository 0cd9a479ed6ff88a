// What the three 三资 registers (assets, resources, contracts) share: the fields of a register row
// as read from a CSV row or from command-line options, and the accounts a register entry names.
// (AMOUNT, DATE, NUMBER, ACCOUNT_UNKNOWN, ACCOUNT_NOT_LEAF, MEMBER_UNKNOWN and PROJECT_UNKNOWN are
// codes every importer shares; they are raised where the value is parsed or looked up.)
import { catalogue, type Text } from '../errors.js';

const REQUIRED = {
  empty: { zh: '不能为空', en: 'is empty' },
  life: { zh: '计提折旧的资产须填使用年限', en: 'a depreciated asset needs a life in years' },
  expenseAccount: {
    zh: '计提折旧的资产须填费用科目（401/511/513/514 的末级科目）',
    en: 'a depreciated asset needs an expense account (a leaf of 401/511/513/514)',
  },
  inKindItem: { zh: '实物租金须写明品种（如 稻谷）', en: 'rent in kind needs the item (e.g. rice)' },
} as const;

export type RequiredWhat = keyof typeof REQUIRED;

export const RegisterErrors = catalogue({
  /** A field left empty that the row needs; `choices` lists what may be written. */
  REGISTER_REQUIRED: (what: RequiredWhat = 'empty', choices?: readonly string[]) => {
    const t = REQUIRED[what];
    return choices ? { zh: `${t.zh}（${choices.join('/')}）`, en: `${t.en} (${choices.join('/')})` } : t;
  },
  /** A value not among the allowed ones; `method`: not a depreciation method; `disposed`: a new card marked 处置. */
  CHOICE: (value: string, of: readonly string[] | 'method' | 'disposed') =>
    of === 'method'
      ? {
          zh: `「${value}」不是可用的折旧方法（年限平均法 或 工作量法）`,
          en: `"${value}" is not a method (年限平均法 straight line, or 工作量法)`,
        }
      : of === 'disposed'
        ? { zh: '新登记的资产不能是「处置」状态；处置请用 sanzi asset dispose', en: 'a new card cannot be 处置 (disposed); use sanzi asset dispose' }
        : { zh: `「${value}」不在可选值 ${of.join('/')} 之中`, en: `"${value}" is not one of ${of.join('/')}` },
  BOOL: (value: string) => ({ zh: `应填「是」或「否」：「${value}」`, en: `expected yes or no: "${value}"` }),
  /** A rate the parser refused (its reason), or one beyond `max` percent. */
  RATE: (why: Text | { max: number; below?: boolean }) =>
    'zh' in why
      ? why
      : why.below
        ? { zh: `须小于 ${why.max}%`, en: `must be below ${why.max}%` }
        : { zh: `不能超过 ${why.max}%`, en: `may not exceed ${why.max}%` },
  /** An account a register entry names that is not of the kind it is for (费用科目 must be 401/511/513/514…). */
  ACCOUNT_PURPOSE: (what: Text, code: string, name: string, under: readonly string[]) => ({
    zh: `${what.zh}须为 ${under.join('/')} 或其明细科目，不能是「${code} ${name}」`,
    en: `${what.en} must be ${under.join('/')} or a sub-account, not "${code} ${name}"`,
  }),
});
