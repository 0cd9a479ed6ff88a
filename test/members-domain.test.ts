import { describe, expect, it } from 'vitest';
import { checkActiveMember, checkMemberId, checkNewMembers, checkStatusChange, normalizeIdCard, parseStatus, statusAsOf, type MemberDraft } from '../src/domain/members.js';
import { memberBook } from './member-book.js';

const draft = (over: Partial<MemberDraft>): MemberDraft => ({
  id: 'X1',
  name: '甲',
  idCard: null,
  household: null,
  relation: null,
  joined: null,
  status: '正常',
  statusDate: null,
  bank: null,
  bankAccount: null,
  ...over,
});

const none = { hasId: () => false, idCardOwner: () => undefined, activeHead: () => undefined };

describe('member status', () => {
  it('parses the four statuses and English names', () => {
    expect(parseStatus('已故')).toBe('已故');
    expect(parseStatus('active')).toBe('正常');
    expect(parseStatus('失踪')).toBeNull();
  });
  it('status on a date follows the recorded changes', () => {
    const ev = [
      { date: '2017-03-08', status: '迁出' as const, previous: '正常' as const },
      { date: '2019-01-01', status: '正常' as const, previous: '迁出' as const },
    ];
    expect(statusAsOf('正常', ev, '2017-03-07')).toBe('正常');
    expect(statusAsOf('正常', ev, '2017-03-08')).toBe('迁出');
    expect(statusAsOf('正常', ev, '2019-01-01')).toBe('正常');
    expect(statusAsOf('已故', [], '2000-01-01')).toBe('已故');
  });
});

describe('checkNewMembers', () => {
  it('finds duplicates within the batch and against the ledger, and a second head', () => {
    const errs = checkNewMembers(
      [
        draft({ id: 'A', idCard: '441827196503121239', household: 'H1', relation: '户主', source: { file: 'f', line: 2 } }),
        draft({ id: 'A', source: { file: 'f', line: 3 } }),
        draft({ id: 'B', idCard: '441827196503121239', source: { file: 'f', line: 4 } }),
        draft({ id: 'C', household: 'H1', relation: '户主', source: { file: 'f', line: 5 } }),
        draft({ id: 'D', name: ' ', source: { file: 'f', line: 6 } }),
      ],
      none,
    );
    expect(errs.map((e) => [e.source?.line, e.code])).toEqual([
      [3, 'MEMBER_DUPLICATE'],
      [4, 'IDCARD_DUPLICATE'],
      [5, 'HOUSEHOLD_HEAD'],
      [6, 'MEMBER_NAME'],
    ]);
  });
  it('a deceased former head does not block a new head', () => {
    expect(checkNewMembers([draft({ id: 'A', household: 'H1', relation: '户主', status: '已故' }), draft({ id: 'B', household: 'H1', relation: '户主' })], none)).toEqual([]);
  });
});

describe('checkNewMembers codes and messages', () => {
  it('a member id with a space, an empty id, a head without a household, dates out of order', () => {
    const errs = checkNewMembers(
      [
        draft({ id: 'X 1' }),
        draft({ id: '' }),
        draft({ id: 'H', relation: '户主' }),
        draft({ id: 'S', joined: '2016-02-01', status: '已故', statusDate: '2016-01-31' }),
        draft({ id: 'T', statusDate: '2016-01-31' }),
      ],
      none,
    );
    expect(errs.map((e) => e.code)).toEqual(['MEMBER_ID', 'MEMBER_ID', 'HOUSEHOLD_HEAD', 'MEMBER_DATES', 'MEMBER_DATES']);
    expect(errs.map((e) => e.zh)).toEqual([
      '成员编号「X 1」不能含空格、逗号或竖线 |，且不超过 32 个字符',
      '成员编号为空',
      '户主须填写户号',
      '状态日期 2016-01-31 早于加入日期 2016-02-01',
      '状态为「正常」时不填状态日期',
    ]);
  });
  it('a member id holds no | (the chain separates a line’s fields by it) and no character no one sees', () => {
    for (const id of ['X|1', 'X001|', 'X\u200b1', 'X\u00071', 'X\u202e1']) expect(checkMemberId(id)?.code, JSON.stringify(id)).toBe('MEMBER_ID');
    for (const id of ['X001', '邓-01', 'H_2#3']) expect(checkMemberId(id)).toBeNull();
  });

  it('against the ledger: the id, the ID card and the active head already there', () => {
    const ledger = { hasId: (id: string) => id === 'X001', idCardOwner: (c: string) => (c === '441827196503121239' ? 'X001' : undefined), activeHead: (h: string) => (h === 'H01' ? 'X001' : undefined) };
    const errs = checkNewMembers([draft({ id: 'X001' }), draft({ id: 'X9', idCard: '441827196503121239', household: 'H01', relation: '户主' })], ledger);
    expect(errs.map((e) => e.zh)).toEqual(['成员编号「X001」已存在', '身份证号与已有成员「X001」相同', '户号「H01」已有户主「X001」']);
  });
  it('normalizeIdCard gives the upper-case number or an IDCARD error at the row', () => {
    expect(normalizeIdCard('11010519491231002x')).toEqual({ value: '11010519491231002X' });
    const bad = normalizeIdCard('441827196008088903', { file: 'm.csv', line: 4 });
    expect('error' in bad && [bad.error.code, bad.error.zh, bad.error.source]).toEqual(['IDCARD', '身份证号校验位应为 2，实为 3', { file: 'm.csv', line: 4 }]);
  });
});

describe('checkStatusChange', () => {
  const m = { id: 'X004', name: '邓福来', status: '已故' as const, joined: '2016-01-01' };
  const history = [{ date: '2017-03-08', status: '已故' as const, previous: '正常' as const }];

  it('accepts a change to another status on or after the last change', () => {
    expect(checkStatusChange(m, history, { status: '正常', date: '2017-03-08' })).toEqual([]);
    expect(checkStatusChange({ ...m, status: '正常' }, [], { status: '迁出', date: '2016-01-01' })).toEqual([]);
  });

  it('refuses the same status, a date before the last change, a date before joining — all at once', () => {
    const errs = checkStatusChange({ ...m, joined: '2017-02-01' }, history, { status: '已故', date: '2017-01-01' });
    expect(errs.map((e) => e.code)).toEqual(['MEMBER_STATUS_SAME', 'MEMBER_STATUS_DATE', 'MEMBER_STATUS_DATE']);
    expect(errs.map((e) => e.zh)).toEqual([
      '成员 X004 邓福来 的状态已是「已故」',
      '变更日期 2017-01-01 早于上次状态变更 2017-03-08',
      '变更日期 2017-01-01 早于加入日期 2017-02-01',
    ]);
  });

  it('refuses leaving 正常 before a later contribution of the member; on that day, or back to 正常, accepted', () => {
    const active = { ...m, status: '正常' as const };
    expect(checkStatusChange(active, [], { status: '已故', date: '2024-01-15' }, '2024-02-01').map((e) => e.code)).toEqual(['MEMBER_STATUS_BEFORE_SHARES']);
    expect(checkStatusChange(active, [], { status: '迁出', date: '2024-02-01' }, '2024-02-01')).toEqual([]);
    expect(checkStatusChange(m, history, { status: '正常', date: '2017-03-08' }, '2024-02-01')).toEqual([]);
  });
});

describe('checkActiveMember', () => {
  const members = memberBook([
    { id: 'X1', name: '甲', joined: '2016-02-01' },
    { id: 'X2', name: '乙', status: '迁出', events: [{ date: '2018-06-30', status: '迁出', previous: '正常' }] },
  ]);

  it('active from the joining date until the status changes', () => {
    expect(checkActiveMember(members, 'X1', '2016-02-01', 'grant')).toEqual([]);
    expect(checkActiveMember(members, 'X2', '2018-06-29', 'contribute')).toEqual([]);
  });

  it('unknown, not yet joined, not active: each named, at the source', () => {
    const at = { file: 'c.csv', line: 7 };
    expect(checkActiveMember(members, 'X9', '2016-03-01', 'contribute', at)).toEqual([
      { code: 'MEMBER_UNKNOWN', zh: '成员「X9」不存在（sanzi member list 查看成员名册）', en: 'unknown member "X9" (see sanzi member list)', source: at },
    ]);
    const early = checkActiveMember(members, 'X1', '2016-01-31', 'contribute');
    expect(early.map((e) => [e.code, e.zh])).toEqual([['MEMBER_NOT_JOINED', '成员「X1 甲」在 2016-01-31 尚未加入本集体（加入日期 2016-02-01），不能出资入股']]);
    const gone = checkActiveMember(members, 'X2', '2018-06-30', 'receive');
    expect(gone.map((e) => [e.code, e.zh])).toEqual([['MEMBER_INACTIVE', '受让成员「X2 乙」在 2018-06-30 的状态为「迁出」，不能受让股份']]);
  });
});
