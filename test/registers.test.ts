// What the three registers share (accounts an entry names, areas, errors in file order) and the
// resource register's rules, on plain data.
import { describe, expect, it } from 'vitest';
import { byLine, checkAccountUnder, duplicateRows, formatArea, pickAccount } from '../src/domain/registers.js';
import { checkResource, checkResourceRows, inForceBySubject, resourceTotals, type ResourceEntry } from '../src/domain/resources.js';
import { chart, codes } from './registers-fakes.js';

const WHAT = { zh: '费用科目', en: 'expense account' };

describe('accounts a register entry names', () => {
  it('exists, lies under one of the allowed accounts, and is a leaf', () => {
    const c = chart({ '51101': '折旧费' });
    expect(checkAccountUnder(c, '999', ['511'], WHAT)?.zh).toBe('费用科目「999」不存在');
    expect(checkAccountUnder(c, '102', ['401', '511'], WHAT)).toMatchObject({ code: 'ACCOUNT_PURPOSE', zh: '费用科目须为 401/511 或其明细科目，不能是「102 银行存款」' });
    expect(checkAccountUnder(c, '511', ['511'], WHAT)?.code).toBe('ACCOUNT_NOT_LEAF');
    expect(checkAccountUnder(c, '51101', ['511'], WHAT)).toBeNull();
  });

  it('given: checked; not given: the default, or its only leaf', () => {
    expect(pickAccount(chart(), '101', '102', ['101', '102'], WHAT, '--account')).toEqual({ code: '101' });
    expect(pickAccount(chart(), null, '102', ['101', '102'], WHAT, '--account')).toEqual({ code: '102' });
    expect(pickAccount(chart({ '10201': '基本户' }), null, '102', ['101', '102'], WHAT, '--account')).toEqual({ code: '10201' });
    const two = pickAccount(chart({ '10201': '基本户', '10202': '一般户' }), null, '102', ['101', '102'], WHAT, '--account', { file: 'c.csv', line: 3 });
    expect(two).toMatchObject({ error: { code: 'ACCOUNT_NOT_LEAF', source: { file: 'c.csv', line: 3 } } });
    // The default named (--account 102, as the synopsis shows it) is the default: its only leaf.
    expect(pickAccount(chart({ '10201': '基本户' }), '102', '102', ['101', '102'], WHAT, '--account')).toEqual({ code: '10201' });
    expect(pickAccount(chart({ '10201': '基本户', '10202': '一般户' }), '102', '102', ['101', '102'], WHAT, '--account')).toMatchObject({ error: { code: 'ACCOUNT_NOT_LEAF' } });
    // Another parent given is not resolved: the user names the leaf.
    expect(pickAccount(chart({ '10101': '备用金' }), '101', '102', ['101', '102'], WHAT, '--account')).toMatchObject({ error: { code: 'ACCOUNT_NOT_LEAF' } });
  });
});

describe('register files', () => {
  it('errors in file order; on one line, the reader’s before the checks', () => {
    const e = (code: string, line?: number) => ({ code, zh: code, en: code, ...(line ? { source: { file: 'f', line } } : {}) });
    expect(codes(byLine([e('PARSE3', 3), e('PARSE5', 5), e('CHECK2', 2), e('CHECK3', 3), e('FILE')]))).toEqual(['FILE', 'CHECK2', 'PARSE3', 'CHECK3', 'PARSE5']);
  });

  it('a duplicate is a code seen on an earlier row; empty codes are left to the reader', () => {
    const rows = ['A', 'B', 'A', '', '', 'B', 'A'].map((code) => ({ code, entry: null }));
    expect([...duplicateRows(rows)]).toEqual([2, 5, 6]);
  });

  it('areas in 1/10,000 units', () => {
    expect([formatArea(333_000), formatArea(102_500), formatArea(33_333), formatArea(0), formatArea(null)]).toEqual(['33.3', '10.25', '3.3333', '0', '']);
  });
});

function resource(code: string, category: string, area: number, unit = '亩', status: ResourceEntry['status'] = '闲置'): ResourceEntry {
  return { code, name: code, category, area, unit, location: null, boundaries: null, parcelCode: null, ownership: null, status, note: null };
}

describe('resources', () => {
  it('a new code; in a file, a code seen on an earlier row (even a bad one) is a duplicate', () => {
    const lookup = { resourceExists: (c: string) => c === 'GD-01' };
    expect(codes(checkResource(resource('GD-01', '耕地', 1), lookup))).toEqual(['RESOURCE_EXISTS']);
    const at = (line: number) => ({ file: 'r.csv', line });
    const errors = checkResourceRows(
      [
        { source: at(2), code: 'GD-02', entry: null },
        { source: at(3), code: 'GD-02', entry: resource('GD-02', '耕地', 1) },
        { source: at(4), code: 'GD-01', entry: resource('GD-01', '耕地', 1) },
      ],
      lookup,
    );
    expect(errors.map((e) => [e.source?.line, e.code])).toEqual([
      [3, 'RESOURCE_DUPLICATE'],
      [4, 'RESOURCE_EXISTS'],
    ]);
  });

  it('totals by category and unit: 亩 and 株 never added together', () => {
    const list = [resource('A', '耕地', 333_000), resource('B', '林地', 3_200_000), resource('C', '耕地', 102_500), resource('D', '林地', 8_000_000, '株')];
    // 耕地 33.3 + 10.25 = 43.55 亩
    expect(resourceTotals(list, (r) => r.category)).toEqual([
      { key: '耕地', unit: '亩', count: 2, area: 435_500 },
      { key: '林地', unit: '亩', count: 1, area: 3_200_000 },
      { key: '林地', unit: '株', count: 1, area: 8_000_000 },
    ]);
  });

  it('contracts in force on a day, both ends inclusive', () => {
    const c = (code: string, subject: string, start: string, end: string) => ({ code, subject, start, end });
    const m = inForceBySubject([c('H1', 'A', '2024-01-01', '2024-12-31'), c('H2', 'A', '2025-01-01', '2025-12-31'), c('H3', 'B', '2023-01-01', '2024-12-31')], '2024-12-31');
    expect([...m.entries()].map(([s, l]) => [s, l.map((x) => x.code)])).toEqual([
      ['A', ['H1']],
      ['B', ['H3']],
    ]);
  });
});
