// What made a voucher (vouchers.kind). A voucher the user entered, imported or reversed may be
// reversed by hand; one a register command posted is undone only by its own cancel command, so the
// registers and the books never disagree (DOMAIN.md "Entries the tool makes itself"). Pure.
import type { Text } from './errors.js';

/** Vouchers the user made: `voucher add`, `import vouchers`, `voucher reverse`. */
export const HAND_KINDS: ReadonlySet<string> = new Set(['manual', 'import', 'reversal']);

/** The year-end closing entries (结转), undone only by reopening the year. */
export const CLOSING_KIND = 'year-close';

/** The kinds the cancel commands give the red-ink reversals they post. */
export const CANCEL_KINDS = {
  dividend: 'dividend-cancel',
  contribution: 'contribution-cancel',
  contractPayment: 'contract-payment-cancel',
  contractRefund: 'contract-refund-cancel',
} as const;

interface RegisterKind {
  what: Text;
  /** The command that undoes it, when there is one. */
  undo: Text | null;
}

const REGISTER_KINDS: Record<string, RegisterKind> = {
  dividend: {
    what: { zh: '收益分配宣告（sanzi dividend declare）', en: 'a dividend declaration (sanzi dividend declare)' },
    undo: {
      zh: 'sanzi dividend cancel --project 项目 --year 年度 --reason 原因（已发放的不能撤销）',
      en: 'sanzi dividend cancel --project CODE --year YYYY --reason TEXT (not once paid)',
    },
  },
  'dividend-payment': { what: { zh: '分红发放（sanzi dividend pay）', en: 'a dividend payment (sanzi dividend pay)' }, undo: null },
  contribution: {
    what: { zh: '出资登记（sanzi contribute / import contributions）', en: 'a contribution (sanzi contribute)' },
    undo: {
      zh: 'sanzi contribution cancel 出资编号 --reason 原因（编号见 sanzi contribution list）',
      en: 'sanzi contribution cancel ID --reason TEXT (the ID as in sanzi contribution list)',
    },
  },
  depreciation: { what: { zh: '计提折旧（sanzi asset depreciate）', en: 'depreciation (sanzi asset depreciate)' }, undo: null },
  amortization: { what: { zh: '无形资产摊销（sanzi asset amortize）', en: 'amortisation (sanzi asset amortize)' }, undo: null },
  amortisation: { what: { zh: '无形资产摊销（sanzi asset amortize）', en: 'amortisation (sanzi asset amortize)' }, undo: null },
  'asset-disposal': { what: { zh: '资产处置登记', en: 'an asset disposal' }, undo: null },
  'contract-payment': {
    what: { zh: '合同收付款（sanzi contract pay）', en: 'a contract payment (sanzi contract pay)' },
    undo: { zh: 'sanzi contract cancel-payment 合同编号 --voucher 凭证号 --reason 原因', en: 'sanzi contract cancel-payment CODE --voucher REF --reason TEXT' },
  },
  'contract-refund': {
    what: { zh: '合同退款（sanzi contract refund）', en: 'a contract refund (sanzi contract refund)' },
    undo: { zh: 'sanzi contract cancel-payment 合同编号 --voucher 退款凭证号 --reason 原因', en: "sanzi contract cancel-payment CODE --voucher REF --reason TEXT (the refund's voucher)" },
  },
  'contract-accrual': { what: { zh: '合同租金确认（sanzi contract accrue）', en: 'a contract accrual (sanzi contract accrue)' }, undo: null },
  'dividend-cancel': { what: { zh: '撤销收益分配（sanzi dividend cancel）', en: 'a cancelled declaration (sanzi dividend cancel)' }, undo: null },
  'contribution-cancel': { what: { zh: '撤销出资（sanzi contribution cancel）', en: 'a cancelled contribution (sanzi contribution cancel)' }, undo: null },
  'contract-payment-cancel': { what: { zh: '撤销合同收付款（sanzi contract cancel-payment）', en: 'a cancelled contract payment (sanzi contract cancel-payment)' }, undo: null },
  'contract-refund-cancel': { what: { zh: '撤销合同退款（sanzi contract cancel-payment）', en: 'a cancelled contract refund (sanzi contract cancel-payment)' }, undo: null },
};

/**
 * A voucher a register command posted: what posted it and the command that undoes it; null for a
 * voucher the user made (and for the closing entries, refused on their own). A kind this table
 * does not know is a register's too: only the user's own vouchers are reversed by hand.
 */
export function registerKind(kind: string): RegisterKind | null {
  if (HAND_KINDS.has(kind) || kind === CLOSING_KIND) return null;
  return REGISTER_KINDS[kind] ?? { what: { zh: `登记簿命令（${kind}）`, en: `a register command (${kind})` }, undo: null };
}
