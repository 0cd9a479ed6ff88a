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
  'flat items as written by hand: numbers, keys that are indices, booleans': {
    rows: list([
      { b: 1, a: -0, 2: 'two', 1: 'one', z: NaN, y: Infinity, x: -Infinity, t: true, f: false, n: null, big: 2 ** 60, frac: 0.1 + 0.2, e: 1e-7 },
      Object.assign(Object.create({ inherited: 'yes' }) as object, { own: 1 }),
      Object.assign(Object.create(null) as object, { bare: 'x' }),
      Object.defineProperty({ a: 1 }, 'hidden', { value: 2, enumerable: false }),
      Object.defineProperty({ a: 1 }, 'got', { get: () => 'from a getter', enumerable: true }),
      new (class Row {
        member = 'M1';
      })(),
      { [Symbol('s')]: 1, plain: 'x' },
      { big: 10n === 10n ? 'bigint-free' : 'x', nested: { a: 1 } },
      { '': 'empty key', '"quoted"': 'key', 'line\nbreak': 'key' },
    ]),
  },
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

  it('flat items of every kind, generated: the same text as JSON.stringify', () => {
    let seed = 7;
    const rnd = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const values = [() => Math.floor(rnd() * 1e9) - 5e8, () => rnd() * 100, () => '田芳子', () => 'a"b\\c\n\u0001\ud800', () => null, () => rnd() < 0.5, () => undefined, () => [1], () => ({ x: 1 }), () => -0, () => NaN];
    const keys = ['member', 'name', '0', '10', '2', 'gross', 'tax', '__x', ''];
    const items = Array.from({ length: 2000 }, () => {
      const o: Record<string, unknown> = {};
      const n = Math.floor(rnd() * 7);
      for (let k = 0; k < n; k++) o[keys[Math.floor(rnd() * keys.length)]] = values[Math.floor(rnd() * values.length)]();
      return o;
    });
    for (const value of [list(items), { a: { b: list(items) } }]) {
      expect([...jsonPieces(value)].join('')).toBe(oracle(value));
    }
  });

  it('strings of every kind of character, generated: the same text as JSON.stringify', () => {
    // The characters at the edges of what JSON.stringify escapes: controls, quote, backslash, DEL,
    // each end of the surrogates (alone and paired), U+2028, and plain text around them.
    const pool = ['\u0000', '\u001f', ' ', '"', '\\', '/', '\u007f', '\ud7ff', '\ud800', '\udbff', '\udc00', '\udfff', '\ud83d\ude00', '\ue000', '\u2028', '\ufeff', '\uffff', 'a', '田', '0', '.', '-'];
    let seed = 11;
    const rnd = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const text = () => Array.from({ length: Math.floor(rnd() * 6) }, () => pool[Math.floor(rnd() * pool.length)]).join('');
    const items = Array.from({ length: 5000 }, () => ({ member: text(), name: text(), gross: text() }));
    const value = { allocations: list(items) };
    expect([...jsonPieces(value)].join('')).toBe(oracle(value));
  });

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
