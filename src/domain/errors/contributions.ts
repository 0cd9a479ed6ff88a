// Contributions (出资、出物料、出工、土地入股): kind, value, debit account, the contribute options.
import { catalogue, type Text } from '../errors.js';

/** What is wrong with the options of `sanzi contribute` (exit 2). */
export type ContributeUsage =
  | { oneKind: true }
  | { stray: string[] }
  | { needs: 'material' | 'labor' | 'land' };

const NEEDS = {
  material: { zh: '实物出资须有 --quantity 和 --unit-price', en: 'a material contribution needs --quantity and --unit-price' },
  labor: { zh: '劳务出资须有 --wage（日工价）', en: 'a labor contribution needs --wage' },
  land: { zh: '土地入股须有 --value-per-mu（每亩作价）', en: 'a land contribution needs --value-per-mu' },
};

export const ContributionErrors = catalogue({
  CONTRIBUTION_KIND: (kind: string) => ({
    zh: `出资类型「${kind}」不正确，应为 现金、实物、劳务 或 土地`,
    en: `contribution kind "${kind}" must be cash, material, labor or land`,
  }),
  CONTRIBUTION_VALUE: (kind: Text, reason: string, reasonEn: string) => ({ zh: `${kind.zh}出资：${reason}`, en: `${kind.en} contribution: ${reasonEn}` }),
  CONTRIBUTION_ACCOUNT: (account: string, kind: Text, under: readonly string[]) => ({
    zh: `借方科目「${account}」不能用于${kind.zh}出资，应为 ${under.join('、')} 或其明细科目`,
    en: `the debit account "${account}" cannot take a ${kind.en} contribution; it must be ${under.join(', ')} or one of their sub-accounts`,
  }),
  CONTRIBUTION_TERM: (value: string, kind: Text | null) =>
    kind
      ? { zh: `期限只适用于土地入股（${kind.zh}出资不摊销）`, en: `a term applies to land only (a ${kind.en} contribution is not amortised)` }
      : { zh: `期限「${value}」应为正整数年数，如 20`, en: `the term "${value}" must be a whole number of years, e.g. 20` },
  CONTRIBUTION_TERM_ACCOUNT: (account: string) => ({
    zh: `有期限的土地经营权按月摊销，须记入 161 无形资产（借方科目「${account}」不是 161 的科目）`,
    en: `land-use rights with a term are amortised and must be booked to 161 无形资产 (the debit account "${account}" is not under 161)`,
  }),
  CONTRIBUTE_USAGE: (u: ContributeUsage) =>
    'oneKind' in u
      ? { zh: '须且只能选一种出资：--cash、--material、--labor 或 --land', en: 'give exactly one of --cash, --material, --labor, --land' }
      : 'stray' in u
        ? { zh: `${u.stray.join('、')} 不适用于这种出资`, en: `${u.stray.join(', ')} do not apply to this kind of contribution` }
        : NEEDS[u.needs],
});
