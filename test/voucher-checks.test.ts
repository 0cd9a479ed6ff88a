// The voucher checks on negative amounts: a red-ink voucher (every line negative, one side each,
// its summary saying 冲销 or 红字) is taken from an import as it is; a voucher mixing signs, one whose
// summary does not say it corrects anything, or a negative line typed by hand, is not.
import { describe, expect, it } from 'vitest';
import { checkVoucher, isRedInk, type VoucherDraft, type VoucherLine } from '../src/domain/voucher.js';

const chart = new Set(['101', '102', '301', '501']);
const lookup = {
  account: (code: string) => (chart.has(code) ? { name: code, isLeaf: true } : undefined),
  hasMember: () => true,
  hasProject: () => true,
};
const line = (account: string, debit: number, credit: number): VoucherLine => ({ account, debit, credit });
const draft = (kind: string, lines: VoucherLine[]): VoucherDraft => ({ date: '2024-03-02', summary: '撤销出资：冲销 3月 记字第1号', kind, lines });
const codes = (v: VoucherDraft) => checkVoucher(v, lookup).map((e) => e.code);

describe('red-ink vouchers', () => {
  const redInk = [line('102', -200000, 0), line('301', 0, -200000)];
  const mixed = [line('102', -500, 0), line('501', 0, -1000), line('101', 500, 0)];

  it('isRedInk: every line negative on one side', () => {
    expect(isRedInk(redInk)).toBe(true);
    expect(isRedInk(mixed)).toBe(false);
    expect(isRedInk([line('102', 100, 0), line('301', 0, 100)])).toBe(false);
    expect(isRedInk([])).toBe(false);
  });

  it('an imported red-ink voucher passes; mixed signs and hand-entered negatives are refused', () => {
    expect(codes(draft('import', redInk))).toEqual([]);
    // Dr −5.00 + 5.00 = 0.00 ≠ Cr −10.00: negative lines refused, and unbalanced.
    expect(codes(draft('import', mixed))).toEqual(['LINE_NEGATIVE', 'LINE_NEGATIVE', 'VOUCHER_UNBALANCED']);
    expect(codes(draft('manual', redInk))).toEqual(['LINE_NEGATIVE', 'LINE_NEGATIVE']);
    expect(codes({ ...draft('import', redInk), summary: '购买办公用品' })).toEqual(['LINE_NEGATIVE', 'LINE_NEGATIVE']);
    expect(codes({ ...draft('import', redInk), summary: '红字更正 3月 记字第1号' })).toEqual([]);
    expect(codes({ ...draft('reversal', redInk), reversal: true })).toEqual([]);
  });
});
