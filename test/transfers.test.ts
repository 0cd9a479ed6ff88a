import { describe, expect, it } from 'vitest';
import { isTransferReason, planTransfer, TRANSFER_REASONS, type TransferRequest } from '../src/domain/transfers.js';
import type { ShareMovement } from '../src/domain/shares.js';
import { memberBook } from './member-book.js';

// A holds 3.3333 现金股 (2016-03-02) and 18 劳务股 (2016-05-31), and gave 10 劳务股 away on
// 2016-12-01: 8 劳务股 left from then on. E holds 2 人口股. C died on 2017-03-08 holding 1 人口股.
const movements: Record<string, ShareMovement[]> = {
  A: [
    { member: 'A', date: '2016-03-02', units: 33333, shareClass: '现金股' },
    { member: 'A', date: '2016-05-31', units: 180000, shareClass: '劳务股' },
    { member: 'A', date: '2016-12-01', units: -100000, shareClass: '劳务股' },
  ],
  E: [{ member: 'E', date: '2016-01-01', units: 20000, shareClass: '人口股' }],
  C: [{ member: 'C', date: '2016-01-01', units: 10000, shareClass: '人口股' }],
};
const lookup = {
  members: memberBook([
    { id: 'A', name: '甲' },
    { id: 'B', name: '乙' },
    { id: 'C', name: '丙', status: '已故', events: [{ date: '2017-03-08', status: '已故', previous: '正常' }] },
    { id: 'D', name: '丁', joined: '2017-01-01' },
    { id: 'E', name: '戊' },
  ]),
  movementsOf: (m: string) => movements[m] ?? [],
};
const req = (over: Partial<TransferRequest>): TransferRequest => ({
  project: 'tq',
  from: 'A',
  to: 'B',
  date: '2016-06-01',
  units: 'all',
  shareClass: null,
  reason: '转让',
  ...over,
});
const codes = (r: { errors: { code: string }[] }) => r.errors.map((e) => e.code);

describe('planTransfer', () => {
  it('knows the four reasons', () => {
    expect(TRANSFER_REASONS).toEqual(['继承', '转让', '赠与', '退出']);
    expect(isTransferReason('继承')).toBe(true);
    expect(isTransferReason('买卖')).toBe(false);
  });

  it('moves the whole holding class by class', () => {
    // On 2016-12-01 A holds 8 劳务股 (18 − 10) and 3.3333 现金股: 11.3333 shares in all.
    const r = planTransfer(req({ date: '2016-12-01' }), lookup);
    expect(r.errors).toEqual([]);
    expect(r.plan).toMatchObject({
      moves: [
        { shareClass: '劳务股', units: 80000 },
        { shareClass: '现金股', units: 33333 },
      ],
      units: 113333,
      reason: '转让',
      notes: [],
    });
  });

  it('moves part of a named class', () => {
    // 5 of the 18 劳务股 on 06-01 leaves 13; after the 10 given on 12-01, 3 remain: never negative.
    const r = planTransfer(req({ units: 50000, shareClass: '劳务股' }), lookup);
    expect(r.plan?.moves).toEqual([{ shareClass: '劳务股', units: 50000 }]);
    // 8 on 06-01 leaves 10, exactly what 12-01 takes: 0 left, allowed.
    expect(planTransfer(req({ units: 80000, shareClass: '劳务股' }), lookup).errors).toEqual([]);
  });

  it('takes the only class held when none is named', () => {
    expect(planTransfer(req({ from: 'E', units: 5000 }), lookup).plan?.moves).toEqual([{ shareClass: '人口股', units: 5000 }]);
  });

  it('refuses a part of several classes without --class', () => {
    const r = planTransfer(req({ units: 10000 }), lookup);
    expect(codes(r)).toEqual(['TRANSFER_CLASS']);
    expect(r.errors[0].zh).toBe('甲（A）持有多个股种（劳务股 18、现金股 3.3333），部分转让请用 --class 指定股种');
  });

  it('refuses more than held on the date', () => {
    const r = planTransfer(req({ units: 40000, shareClass: '现金股' }), lookup);
    expect(codes(r)).toEqual(['TRANSFER_EXCEEDS']);
    expect(r.errors[0].zh).toBe('甲（A）在 2016-06-01 持有现金股 3.3333 股：转出 4 股超过持有的 3.3333 股');
    // Before the first contribution A holds nothing: "all" is zero shares.
    const none = planTransfer(req({ date: '2016-03-01' }), lookup);
    expect(none.errors[0].zh).toBe('甲（A）在 2016-03-01 持有 0 股：转出股数必须大于 0（实为 0 股）');
  });

  it('refuses what a later movement of the class has already taken', () => {
    // 9 劳务股 on 06-01 leaves 9; the 10 given on 12-01 would leave 9 − 10 = −1.
    const r = planTransfer(req({ units: 90000, shareClass: '劳务股' }), lookup);
    expect(codes(r)).toEqual(['TRANSFER_EXCEEDS']);
    expect(r.errors[0].zh).toBe('转出后 甲（A）在 2016-12-01 的劳务股将为 -1 股（该日之后已有转出）');
    // The whole holding of 06-01 (18 劳务股) would leave 8 − 18 = −10 on 12-01.
    expect(planTransfer(req({}), lookup).errors[0].zh).toContain('的劳务股将为 -10 股');
  });

  it('reports every reason at once: reason, unknown receiver, holding', () => {
    const r = planTransfer(req({ to: 'Z', reason: '买卖', units: 10000 }), lookup);
    expect(codes(r)).toEqual(['TRANSFER_REASON', 'MEMBER_UNKNOWN', 'TRANSFER_CLASS']);
    expect(r.errors[1].zh).toBe('受让成员「Z」不存在（只能转让给本集体成员）');
  });

  it('refuses an unknown giver, and a transfer to oneself', () => {
    expect(codes(planTransfer(req({ from: 'Y' }), lookup))).toEqual(['MEMBER_UNKNOWN']);
    expect(codes(planTransfer(req({ to: 'A', date: '2016-12-01' }), lookup))).toEqual(['TRANSFER_SELF']);
  });

  it('the receiver must have joined and be active on the date', () => {
    const dead = planTransfer(req({ from: 'E', to: 'C', date: '2017-03-08', reason: '赠与' }), lookup);
    expect(codes(dead)).toEqual(['MEMBER_INACTIVE']);
    expect(dead.errors[0].zh).toBe('受让成员「C 丙」在 2017-03-08 的状态为「已故」，不能受让股份');
    expect(codes(planTransfer(req({ from: 'E', to: 'D', date: '2016-12-31' }), lookup))).toEqual(['MEMBER_NOT_JOINED']);
    expect(planTransfer(req({ from: 'E', to: 'D', date: '2017-01-01' }), lookup).errors).toEqual([]);
  });

  it('an inheritance from a deceased member passes; from an active one it notes the status', () => {
    const heir = planTransfer(req({ from: 'C', to: 'E', date: '2017-03-20', reason: '继承' }), lookup);
    expect(heir.plan).toMatchObject({ units: 10000, notes: [] });
    const early = planTransfer(req({ from: 'E', to: 'B', date: '2016-12-01', reason: '继承' }), lookup);
    expect(early.plan?.notes.map((n) => n.zh)).toEqual(['注意：戊（E）在 2016-12-01 的状态仍为「正常」；如已故，请用 sanzi member status E --status 已故 --date … 登记']);
  });
});
