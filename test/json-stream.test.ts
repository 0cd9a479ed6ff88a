// A JSON holding a JsonList is written an item at a time (jsonPieces, jsonBytes): the text must be
// JSON.stringify(value, null, 2) + '\n' of the same value, byte for byte.
import { describe, expect, it } from 'vitest';
import { JsonList, holdsJsonList, jsonPieces, renderJson } from '../src/io/render.js';
import { jsonBytes } from '../src/io/emit.js';

const list = <T>(items: T[]) => new JsonList(() => items);

/** The same value with every JsonList replaced by its array: what JSON.stringify sees. */
function oracle(v: unknown): string {
  return JSON.stringify(v, null, 2) + '\n';
}

const cases: Record<string, unknown> = {
  'a list at the top': list([{ a: 1 }, { b: [1, 2, { c: 'x' }] }]),
  'an empty list': { project: 'tq', allocations: list([]), totals: { gross: '0.00' } },
  'a list among other keys': {
    project: 'tq',
    year: 2024,
    allocations: list([
      { member: 'M001', name: '田芳子', shares: '4', gross: '40.96' },
      { member: 'M002', name: 'a "quoted"\nname\twith\u0000controls \u2028 and \ud800 a lone surrogate', shares: '1.5', gross: '-0.01' },
    ]),
    totals: { gross: '40.95', list: [], empty: {} },
    skipped: undefined,
    fn: () => 1,
    nothing: null,
    flag: false,
  },
  'lists nested in plain objects': { outer: { inner: list([1, 'two', null, undefined, [], {}]), after: [{ x: 1 }] }, tail: list([{ deep: { deeper: [1, [2, [3]]] } }]) },
  'items with toJSON': { when: list([new Date(Date.UTC(2024, 11, 31)), { toJSON: () => ({ made: 'by toJSON' }) }]) },
  'an object with no keys left': { only: undefined, list: list([]) },
  'flat items deep down (gaps past 10 spaces)': { a: { b: { c: { d: { e: list([{ x: 1, y: 'z', n: null, u: undefined, f: () => 1 }, { only: undefined }, {}]) } } } } },
};

describe('jsonPieces', () => {
  for (const [name, value] of Object.entries(cases)) {
    it(`is JSON.stringify of the same value: ${name}`, () => {
      const text = [...jsonPieces(value)].join('');
      expect(text).toBe(oracle(value));
      expect(text).toBe(renderJson(value));
      expect(Buffer.concat([...jsonBytes(value)]).toString('utf8')).toBe(oracle(value));
      // and it parses back to the value JSON.parse(JSON.stringify(…)) gives
      expect(JSON.parse(text)).toEqual(JSON.parse(oracle(value)));
    });
  }

  it('makes a list’s items only while writing them, one after another', () => {
    let made = 0;
    const value = {
      rows: new JsonList(function* () {
        for (let i = 0; i < 3; i++) {
          made++;
          yield { i };
        }
      }),
    };
    const pieces = jsonPieces(value);
    expect(made).toBe(0);
    pieces.next(); // the opening of the object and the key
    pieces.next(); // the first item
    expect(made).toBe(1);
    expect([...pieces].length).toBeGreaterThan(0);
    expect(made).toBe(3);
  });

  it('finds the lists in plain objects only', () => {
    expect(holdsJsonList({ a: { b: list([]) } })).toBe(true);
    expect(holdsJsonList({ a: [list([])] })).toBe(false); // inside an array: JSON.stringify writes it (toJSON)
    expect(holdsJsonList({ a: { b: [1] } })).toBe(false);
    expect(holdsJsonList(null)).toBe(false);
  });

  it('writes many items in pieces of bytes, the same as one text', () => {
    const items = Array.from({ length: 20000 }, (_, i) => ({ member: `M${String(i).padStart(6, '0')}`, name: '欧国涵', net: `${i}.00` }));
    const value = { project: 'tq', allocations: list(items), totals: { net: '1.00' } };
    const pieces = [...jsonBytes(value)];
    expect(pieces.length).toBeGreaterThan(1);
    expect(Buffer.concat(pieces).equals(Buffer.from(oracle(value), 'utf8'))).toBe(true);
  });
});
