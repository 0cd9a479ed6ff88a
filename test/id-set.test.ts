// IdSet (domain/id-set.ts) against a Set of the same ids.
import { describe, expect, it } from 'vitest';
import { IdSet, packIds } from '../src/domain/id-set.js';

describe('IdSet', () => {
  it('has exactly the ids a Set of them has', () => {
    // Member ids of the usual shape, some of other shapes (empty, Chinese, a surrogate pair, one
    // that is another's prefix), and one repeated.
    const ids = Array.from({ length: 5000 }, (_, i) => `M${String(i).padStart(6, '0')}`).concat(['', '张三', '𠀀1', 'M00001', 'M000001']);
    const set = new Set(ids);
    const idSet = new IdSet(packIds(ids));
    const asked = [...ids, 'M', 'M0000010', 'M005000', '张', '张三四', '𠀀', 'm000001', ' M000001'];
    for (const id of asked) expect(idSet.has(id), id).toBe(set.has(id));
    expect(asked.filter((id) => !idSet.has(id))).toEqual(['M', 'M0000010', 'M005000', '张', '张三四', '𠀀', 'm000001', ' M000001']);
  });

  it('has nothing when it holds nothing', () => {
    const none = new IdSet(packIds([]));
    expect(none.has('')).toBe(false);
    expect(none.has('M000001')).toBe(false);
  });

  it('packs ids as one text and where each ends', () => {
    // 'ab' ends at 2, '' at 2, '成员' at 4.
    const p = packIds(['ab', '', '成员']);
    expect(p.text).toBe('ab成员');
    expect([...p.ends]).toEqual([2, 2, 4]);
  });
});
