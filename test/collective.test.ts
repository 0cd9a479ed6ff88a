import { describe, expect, it } from 'vitest';
import { checkSameCollective } from '../src/domain/collective.js';
import { emptiedAtYearEnd } from '../src/domain/statements.js';

describe('checkSameCollective', () => {
  const a = { name: '甲村', code: '91441803MA4W0000X1' };
  it('refuses another name, or another credit code where both have one, unless meant', () => {
    expect(checkSameCollective('b.db', a, { name: '乙村', code: a.code }, false)?.code).toBe('RESTORE_OTHER_COLLECTIVE');
    expect(checkSameCollective('b.db', a, { name: '甲村', code: '91441803MA4W0000Y2' }, false)?.zh).toBe(
      '「b.db」是「甲村」（91441803MA4W0000Y2）的账套，当前账套是「甲村」（91441803MA4W0000X1），不是同一个集体；如确要用它替换当前账套，加 --other',
    );
    expect(checkSameCollective('b.db', a, { name: '乙村', code: null }, true)).toBeNull();
  });
  it('takes the same collective, a code on one side only included', () => {
    expect(checkSameCollective('b.db', a, { ...a }, false)).toBeNull();
    expect(checkSameCollective('b.db', a, { name: '甲村', code: null }, false)).toBeNull();
  });
});

describe('emptiedAtYearEnd', () => {
  it('income, expense, 321 and 322 各项分配; not 32202 未分配收益 nor the balance sheet accounts', () => {
    expect(['501', '51101', '321', '3220102'].map(emptiedAtYearEnd)).toEqual([true, true, true, true]);
    expect(['32202', '311', '102', '113', '322'].map(emptiedAtYearEnd)).toEqual([false, false, false, false, false]);
  });
});
