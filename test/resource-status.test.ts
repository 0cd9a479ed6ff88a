// A resource's use status over time (domain/resources.ts): the status of a day, and the checks of a change.
import { describe, expect, it } from 'vitest';
import { checkStatusCancel, checkStatusChange, freeDuringLetting, lettingOut, statusAsOf, statusLeftAfterEnd, statusMismatches, type StatusChange } from '../src/domain/resources.js';

const changes: StatusChange[] = [
  { date: '2024-07-01', status: '闲置', reason: '收回' },
  { date: '2025-01-01', status: '出租', reason: null },
];
const codes = (e: { code: string }[]) => e.map((x) => x.code);

describe('statusAsOf', () => {
  it('is the registered status before the first change, then that of the last change on or before the day', () => {
    expect(statusAsOf('出租', changes, '2024-06-30')).toBe('出租');
    expect(statusAsOf('出租', changes, '2024-07-01')).toBe('闲置');
    expect(statusAsOf('出租', changes, '2024-12-31')).toBe('闲置');
    expect(statusAsOf('出租', changes, '2025-01-01')).toBe('出租');
    expect(statusAsOf('发包', [], '2030-01-01')).toBe('发包');
  });
});

describe('checkStatusChange', () => {
  const r = { code: 'LD-01', status: '出租' as const };
  it('takes a change dated after the last one, to another status, with no contract holding the resource', () => {
    expect(checkStatusChange(r, changes, [], '自营', '2025-03-01', '2026-01-15')).toEqual([]);
    expect(checkStatusChange(r, [], [], '闲置', '2024-07-01', '2026-01-15')).toEqual([]);
  });
  it('refuses the status it has that day, a day before the last change, a future day, and idle or own use under a contract', () => {
    expect(codes(checkStatusChange(r, changes, [], '出租', '2025-03-01', '2026-01-15'))).toEqual(['RESOURCE_STATUS_SAME']);
    expect(codes(checkStatusChange(r, changes, [], '自营', '2024-12-01', '2026-01-15'))).toEqual(['RESOURCE_STATUS_ORDER']);
    expect(codes(checkStatusChange(r, changes, [], '自营', '2026-01-16', '2026-01-15'))).toEqual(['RESOURCE_STATUS_FUTURE']);
    // A status holds from its day on: any closed month at or after it is refused, the months before the books too.
    expect(codes(checkStatusChange(r, changes, [], '自营', '2025-03-01', '2026-01-15', '2025-03'))).toEqual(['RESOURCE_STATUS_CLOSED']);
    expect(codes(checkStatusChange(r, [], [], '闲置', '2023-12-31', '2026-01-15', '2024-01'))).toEqual(['RESOURCE_STATUS_CLOSED']);
    expect(checkStatusChange(r, changes, [], '自营', '2025-04-01', '2026-01-15', '2025-03')).toEqual([]);
    expect(codes(checkStatusCancel('LD-01', changes[1], '2025-01'))).toEqual(['RESOURCE_STATUS_CLOSED']);
    expect(checkStatusCancel('LD-01', changes[1], '2024-12')).toEqual([]);
    expect(codes(checkStatusCancel('LD-01', undefined, null))).toEqual(['RESOURCE_STATUS_NONE']);
    expect(codes(checkStatusChange(r, changes, [{ code: 'HT-2' }], '闲置', '2025-03-01', '2026-01-15'))).toEqual(['RESOURCE_STATUS_UNDER_CONTRACT']);
    expect(codes(checkStatusChange(r, changes, [{ code: 'HT-2' }], '自营', '2025-03-01', '2026-01-15'))).toEqual(['RESOURCE_STATUS_UNDER_CONTRACT']);
    // Let in another way while a contract holds it: taken (发包 and 流转 are contracts' statuses too).
    expect(checkStatusChange(r, changes, [{ code: 'HT-2' }], '发包', '2025-03-01', '2026-01-15')).toEqual([]);
  });
});

describe('statusLeftAfterEnd', () => {
  it('names a status still saying the resource is let, when no other contract holds it the next day', () => {
    expect(statusLeftAfterEnd({ status: '出租' }, [], [], '2024-07-01')).toBe('出租');
    expect(statusLeftAfterEnd({ status: '出租' }, [], [{}], '2024-07-01')).toBeNull();
    expect(statusLeftAfterEnd({ status: '出租' }, changes, [], '2024-07-01')).toBeNull();
    expect(statusLeftAfterEnd({ status: '自营' }, [], [], '2024-07-01')).toBeNull();
  });
});

describe('statusMismatches', () => {
  it('finds a resource recorded as let with no contract in force, and one idle or in own use under a contract; 入股 needs no contract', () => {
    const inForce = new Map([
      ['B', [{ code: 'HT-1', kind: '出租' }]],
      ['D', [{ code: 'HT-2', kind: '发包' }, { code: 'HT-3', kind: '出租' }]],
    ]);
    const resources = [
      { code: 'A', status: '出租' as const },
      { code: 'B', status: '出租' as const },
      { code: 'C', status: '入股' as const },
      { code: 'D', status: '闲置' as const },
      { code: 'E', status: '自营' as const },
      { code: 'F', status: '流转' as const },
    ];
    // The status to record: 闲置 when none lets it out, else that of the contract's kind.
    expect(statusMismatches(resources, inForce)).toEqual([
      { resource: 'A', status: '出租', contracts: [], expected: '闲置' },
      { resource: 'D', status: '闲置', contracts: ['HT-2', 'HT-3'], expected: '发包' },
      { resource: 'F', status: '流转', contracts: [], expected: '闲置' },
    ]);
  });
});

describe('lettingOut', () => {
  it('keeps the contracts that let a resource out (收), not those renting land in (付)', () => {
    expect(lettingOut([{ code: 'HT-1', direction: '收' }, { code: 'LZ-1', direction: '付' }]).map((c) => c.code)).toEqual(['HT-1']);
  });
});

describe('freeDuringLetting', () => {
  const today = '2026-01-15';
  it('the first day of a lease term on which the resource is recorded idle or in own use, and whether the status can be recorded then', () => {
    // Registered 出租, 闲置 from 2024-07-01, 出租 from 2025-01-01 (changes above).
    expect(freeDuringLetting({ status: '出租' }, changes, '2024-01-01', '2024-06-30', null, today)).toBeNull();
    expect(freeDuringLetting({ status: '出租' }, changes, '2024-01-01', '2024-12-31', null, today)).toEqual({ from: '2024-07-01', status: '闲置', ready: false, ahead: false });
    expect(freeDuringLetting({ status: '闲置' }, [], '2025-06-01', '2027-05-31', null, today)).toEqual({ from: '2025-06-01', status: '闲置', ready: true, ahead: false });
    expect(freeDuringLetting({ status: '闲置' }, [], '2025-06-01', '2027-05-31', '2025-06', today)).toEqual({ from: '2025-06-01', status: '闲置', ready: false, ahead: false });
    expect(freeDuringLetting({ status: '自营' }, [], '2026-03-01', '2027-02-28', null, today)).toEqual({ from: '2026-03-01', status: '自营', ready: false, ahead: true });
  });
});
