import { describe, expect, it } from 'vitest';
import { checkProjectAdd, type ProjectLookup } from '../src/domain/projects.js';

// The chart: 301 资本 without sub-accounts; 311 with its one sub-account 31101.
const chart = new Map([
  ['301', { code: '301', name: '资本', isLeaf: true }],
  ['311', { code: '311', name: '公积公益金', isLeaf: false }],
  ['31101', { code: '31101', name: '公积', isLeaf: true }],
]);
const lookup = (postings: string[] = []): ProjectLookup => ({
  project: (code) => (code === 'tq' ? { code: 'tq', name: '汤泉民宿' } : undefined),
  chart: { account: (c) => chart.get(c), hasPostings: (c) => postings.includes(c) },
});
const p = (over: object) => ({ code: 'cy', name: '茶园', par: 100000, capitalAccount: '301', ...over });

describe('checkProjectAdd', () => {
  it('accepts a new project on 301', () => {
    expect(checkProjectAdd(p({}), lookup())).toEqual({ errors: [], createAccount: false });
  });

  it('creates a capital sub-account of 301 that does not exist yet', () => {
    expect(checkProjectAdd(p({ capitalAccount: '30101' }), lookup())).toEqual({ errors: [], createAccount: true });
  });

  it('refuses a sub-account under a 301 that already has postings', () => {
    const r = checkProjectAdd(p({ capitalAccount: '30101' }), lookup(['301']));
    expect(r.errors.map((e) => e.code)).toEqual(['ACCOUNT_HAS_POSTINGS']);
  });

  it('reports every problem at once', () => {
    const r = checkProjectAdd({ code: 'a b', name: '', par: 0, capitalAccount: '401' }, lookup());
    expect(r.errors.map((e) => e.code)).toEqual(['PROJECT_CODE', 'PROJECT_NAME', 'PROJECT_PAR', 'PROJECT_CAPITAL_ACCOUNT']);
    expect(r.errors.map((e) => e.zh)).toEqual([
      '项目编码「a b」只能用字母、数字、- 和 _（不超过 20 个）',
      '项目名称为空',
      '每股金额必须大于 0',
      '资本科目「401」应为 301 或其明细科目（如 30101）',
    ]);
  });

  it('refuses a code already taken', () => {
    expect(checkProjectAdd(p({ code: 'tq' }), lookup()).errors.map((e) => e.zh)).toEqual(['项目「tq」已存在（汤泉民宿）']);
  });
});
