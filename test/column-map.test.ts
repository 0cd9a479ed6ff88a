// ColumnMap answers as a Map built by set() with the same keys in the same order would: checked
// against a Map on random keys, asked in order, out of order, and for keys it does not hold.
import { describe, expect, it } from 'vitest';
import { ColumnMap } from '../src/domain/column-map.js';

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

describe('ColumnMap', () => {
  it('500 random maps: size, order, forEach, entries, keys, values, get and has as a Map answers them', () => {
    const rnd = lcg(20_261_202);
    const bad: string[] = [];
    for (let c = 0; c < 500; c++) {
      const n = Math.floor(rnd() * 60);
      const keys = [...new Set(Array.from({ length: n }, () => `M${Math.floor(rnd() * 200)}`))];
      const map = new Map<string, number>();
      const cm = new ColumnMap<number>();
      for (const k of keys) {
        const v = Math.floor(rnd() * 1000) - 500;
        map.set(k, v);
        cm.add(k, v);
      }
      const same = (what: string, a: unknown, b: unknown) => {
        if (JSON.stringify(a) !== JSON.stringify(b)) bad.push(`case ${c} ${what}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`);
      };
      same('size', cm.size, map.size);
      same('entries', [...cm.entries()], [...map.entries()]);
      same('iterator', [...cm], [...map]);
      same('keys', [...cm.keys()], [...map.keys()]);
      same('values', [...cm.values()], [...map.values()]);
      const each: [string, number][] = [];
      cm.forEach((v, k, m) => {
        if (m !== cm) bad.push(`case ${c}: forEach's third argument is not the map`);
        each.push([k, v]);
      });
      same('forEach', each, [...map.entries()]);
      // Asked in order (the cursor), then in a random order with absent keys among them (the index).
      const asked = [...keys, ...Array.from({ length: 3 * n + 5 }, () => `M${Math.floor(rnd() * 260)}`)];
      for (const k of asked) {
        if (cm.get(k) !== map.get(k)) bad.push(`case ${c}: get(${k}) ${cm.get(k)} ≠ ${map.get(k)}`);
        if (cm.has(k) !== map.has(k)) bad.push(`case ${c}: has(${k}) ${cm.has(k)} ≠ ${map.has(k)}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('keys added in order are searched, out of order indexed: both answer as a Map, for 300 random maps each', () => {
    const rnd = lcg(7);
    const bad: string[] = [];
    for (let c = 0; c < 600; c++) {
      const n = Math.floor(rnd() * 80);
      const keys = [...new Set(Array.from({ length: n }, () => `M${String(Math.floor(rnd() * 500)).padStart(3, '0')}`))];
      if (c % 2 === 0) keys.sort();
      const map = new Map<string, number>();
      const cm = new ColumnMap<number>();
      keys.forEach((k, i) => (map.set(k, i), cm.add(k, i)));
      // Random look-ups first (the search or the index), present and absent, then some in order.
      const asked = [...Array.from({ length: 2 * n + 3 }, () => `M${String(Math.floor(rnd() * 520)).padStart(3, '0')}`), ...keys, 'A', 'Z', ''];
      for (const k of asked) {
        if (cm.get(k) !== map.get(k) || cm.has(k) !== map.has(k)) bad.push(`case ${c} (${c % 2 === 0 ? 'in order' : 'as drawn'}): ${k} → ${cm.get(k)} ≠ ${map.get(k)}`);
      }
      // A key added later, past or before the others.
      for (const k of ['M999', 'L000']) {
        if (map.has(k)) continue;
        map.set(k, -1);
        cm.add(k, -1);
        if (cm.get(k) !== -1 || [...cm.keys()].join() !== [...map.keys()].join()) bad.push(`case ${c}: ${k} added late`);
        for (const x of keys) if (cm.get(x) !== map.get(x)) bad.push(`case ${c}: ${x} after ${k} was added`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('a key added after a look-up is found; a key added twice is refused when the index is made', () => {
    const cm = new ColumnMap<number>();
    cm.add('a', 1);
    cm.add('b', 2);
    expect(cm.get('zz')).toBeUndefined(); // in order: a search
    cm.add('c', 3);
    expect(cm.get('c')).toBe(3);
    expect(cm.get('a')).toBe(1);
    cm.add('b', 4); // no longer in order: the next miss makes the index, which finds b twice
    expect(() => cm.get('zz')).toThrow(RangeError);
  });

  it('a map looked into while empty, then filled in order, is still searched as one in order', () => {
    const cm = new ColumnMap<number>();
    expect(cm.get('a')).toBeUndefined();
    for (const k of ['a', 'b', 'c', 'd']) cm.add(k, k.charCodeAt(0));
    // Out of order, and absent: a search finds them without an index, so a key added twice is not caught here.
    expect([cm.get('d'), cm.get('a'), cm.get('c'), cm.get('bb')]).toEqual([100, 97, 99, undefined]);
    expect((cm as unknown as { index: unknown }).index).toBeNull();
  });

  it('100,000 keys asked in their order, each found where it was added', () => {
    const cm = new ColumnMap<number>();
    for (let i = 0; i < 100_000; i++) cm.add(`M${String(i).padStart(6, '0')}`, i);
    let wrong = 0;
    for (let i = 0; i < 100_000; i += 3) if (cm.get(`M${String(i).padStart(6, '0')}`) !== i) wrong++;
    expect(wrong).toBe(0);
    expect(cm.get('M100000')).toBeUndefined();
  });
});
