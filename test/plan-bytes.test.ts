// planFromBytes (a stored plan read from its bytes, the allocations one at a time) against JSON.parse
// of the whole text: the same head, the same allocations in the same order, for plans as declared,
// for thousands of generated ones with awkward strings and numbers, and for texts the plain reader
// leaves to JSON.parse (part way through the allocations, too).
import { describe, expect, it } from 'vitest';
import { planFromBytes } from '../src/store/plan-bytes.js';

/** A small deterministic generator (no Math.random: the same plans every run). */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** What JSON.parse makes of the text, split the same way: the plan without its allocations, and them. */
function oracle(text: string) {
  const whole = JSON.parse(text) as { allocations: unknown[] };
  return { head: { ...whole, allocations: [] }, allocations: whole.allocations };
}

function read(text: string) {
  const p = planFromBytes(Buffer.from(text, 'utf8'));
  return { head: p.head, allocations: [...p.allocations()], again: [...p.allocations()], all: p.all() };
}

function expectSame(text: string) {
  const want = oracle(text);
  const got = read(text);
  expect(got.head).toEqual(want.head);
  expect(got.allocations).toEqual(want.allocations);
  expect(got.again).toEqual(want.allocations);
  expect(got.all).toEqual(want.allocations);
  // Same keys in the same order, not only equal values.
  expect(got.allocations.map((a) => Object.keys(a as object).join())).toEqual(want.allocations.map((a) => Object.keys(a as object).join()));
}

const plan = (allocations: unknown[], extra: Record<string, unknown> = {}) => ({
  year: 2024,
  profit: 11413853618,
  lossCovered: 0,
  reserve: 1141385362,
  pool: 10272468256,
  totalWeight: '10030980',
  perShare: '10.240742',
  basis: 'record-date',
  allocations,
  totals: { gross: 4096, tax: 0, offset: 0, net: 4096 },
  emptyReason: null,
  profitSource: { kind: 'project', income: 22468064754, expense: 11054211136 },
  breakdown: { yearProfit: 11413853618, subsidies: 0, distributable: 17149657048 },
  ...extra,
});

const alloc = (i: number, over: Record<string, unknown> = {}) => ({
  member: `M${String(i).padStart(6, '0')}`,
  name: '田芳子',
  household: i % 3 ? `H${i}` : null,
  shares: 40000 * i,
  weight: String(4 * i),
  gross: 4096 * i,
  tax: i % 5,
  offset: -(i % 2),
  net: 4096 * i - (i % 5),
  ...over,
});

describe('planFromBytes', () => {
  const cases: Record<string, string> = {
    'as declared': JSON.stringify(plan([alloc(1), alloc(2), alloc(3)])),
    'no allocations': JSON.stringify(plan([])),
    'one allocation': JSON.stringify(plan([alloc(7)])),
    'a plan declared before the breakdown was kept': JSON.stringify({ ...plan([alloc(1)]), breakdown: undefined }),
    'names with quotes, backslashes and escapes (left to JSON.parse from that allocation on)': JSON.stringify(
      plan([alloc(1), alloc(2, { name: '王"小"二\\' }), alloc(3, { name: '\u0001控制' }), alloc(4)]),
    ),
    'names past U+FFFF and lone surrogates': JSON.stringify(plan([alloc(1, { name: '𠮷野家' }), alloc(2, { name: '\ud800x' }), alloc(3)])),
    'keys in another order': JSON.stringify(plan([{ net: 1, member: 'M1', name: '甲', gross: 1 }, alloc(2)])),
    'an extra key and a missing one': JSON.stringify(plan([{ ...alloc(1), note: '备注' }, { member: 'M2', name: '乙' }])),
    'a repeated key (JSON.parse keeps the last)': JSON.stringify(plan([alloc(1)])).replace('"member":"M000001"', '"member":"M000001","member":"M9"'),
    'a key named __proto__': JSON.stringify(plan([alloc(1)])).replace('"member":', '"__proto__":{"x":1},"member":'),
    'fractions, exponents and numbers past 2^53': JSON.stringify(plan([alloc(1, { shares: 1.5 }), alloc(2, { gross: 1e21 }), alloc(3, { net: 12345678901234567 })])),
    'negative zero and true/false': JSON.stringify(plan([alloc(1, { tax: -0, paid: true, held: false })])),
    'nested values in an allocation': JSON.stringify(plan([alloc(1), alloc(2, { extra: { a: [1, 2] } }), alloc(3)])),
    'pretty-printed': JSON.stringify(plan([alloc(1), alloc(2)]), null, 2),
    'allocations first': JSON.stringify({ allocations: [alloc(1), alloc(2)], year: 2024, totals: { gross: 1 } }),
    'the markers inside strings': JSON.stringify(plan([alloc(1, { name: ',"allocations":[' }), alloc(2, { name: '],"totals":' })], { basis: '],"totals":' })),
    'a nested allocations list before the plan’s own': JSON.stringify({ meta: { allocations: [alloc(9)] }, ...plan([alloc(1)]) }),
    'a nested totals after the allocations': JSON.stringify(plan([alloc(1)], { breakdown: { x: [1], totals: { y: 2 } } })),
    'the allocations key twice (JSON.parse keeps the last)': '{"year":1,"allocations":[{"member":"a"},{"member":"c"}],"totals":1,"allocations":[{"member":"b"}],"totals":2}',
    'an allocations key before the plan’s own, not after a comma': '{"allocations":[],"year":1,"allocations":[{"member":"a"}],"totals":{"gross":1}}',
    'an empty object and a trailing object': JSON.stringify(plan([{}, alloc(1)])),
  };
  for (const [name, text] of Object.entries(cases)) {
    it(name, () => expectSame(text));
  }

  // Texts whose part between the marks is not the allocations' list alone (a list closed there and
  // other keys opened): valid JSON, but not one plan. Never a result other than JSON.parse's: read as
  // JSON.parse reads them where that can be told at once, else refused as a SyntaxError when reached.
  const inconsistent: Record<string, string> = {
    'the totals key twice, a list between': '{"year":1,"allocations":[{"member":"a"}],"totals":1,"x":[{"b":2}],"totals":3}',
    'a list closed and a key opened between the marks': '{"year":1,"allocations":[{"member":"a"}],"reserve":5,"x":[{"member":"b"}],"totals":{"gross":1}}',
  };
  for (const [name, text] of Object.entries(inconsistent)) {
    it(`${name}: JSON.parse's result or a SyntaxError, nothing else`, () => {
      const want = oracle(text);
      const p = planFromBytes(Buffer.from(text, 'utf8'));
      expect(() => [...p.allocations()]).toThrow(SyntaxError);
      expect(() => p.all()).toThrow(SyntaxError);
      // What was handed over before the refusal is the start of JSON.parse's list.
      const got: unknown[] = [];
      try {
        for (const a of p.allocations()) got.push(a);
      } catch {
        // refused, as above
      }
      expect(want.allocations.slice(0, got.length)).toEqual(got);
    });
  }

  it('thousands of generated plans, strings of every kind', () => {
    const rnd = lcg(20261202);
    const pieces = ['甲', '乙', 'a', 'Z', ' ', ',', ':', '{', '}', '[', ']', '"', '\\', '/', '\n', '\t', '\u0000', '\u007f', 'é', '€', '𠮷', '\ud83d', '\ude00', '"allocations":[', '],"totals":'];
    const str = () => {
      let s = '';
      const n = Math.floor(rnd() * 6);
      for (let k = 0; k < n; k++) s += pieces[Math.floor(rnd() * pieces.length)];
      return s;
    };
    const num = () => {
      const r = rnd();
      if (r < 0.6) return Math.floor(rnd() * 1e9) * (rnd() < 0.2 ? -1 : 1);
      if (r < 0.7) return 0;
      if (r < 0.8) return Math.floor(rnd() * 2 ** 53);
      if (r < 0.9) return rnd() * 1000;
      return Number.MAX_SAFE_INTEGER;
    };
    for (let t = 0; t < 3000; t++) {
      const n = Math.floor(rnd() * 6);
      const allocations = Array.from({ length: n }, (_, i) => {
        const plain = rnd() < 0.7;
        return {
          member: plain ? `M${i}` : str(),
          name: plain ? '张三' : str(),
          household: rnd() < 0.3 ? null : str(),
          shares: num(),
          weight: String(num()),
          gross: num(),
          tax: num(),
          offset: num(),
          net: num(),
        };
      });
      expectSame(JSON.stringify(plan(allocations, { basis: str() })));
    }
  });

  it('a text that is not JSON fails as JSON.parse fails', () => {
    for (const text of ['', '{', 'not json', JSON.stringify(plan([alloc(1)])).replace('"net":', '"net":,'), JSON.stringify(plan([alloc(1), alloc(2)])).replace('},{', '},,{'),
      // A raw control character in a string (JSON.stringify writes \u0001).
      JSON.stringify(plan([alloc(1)])).replace('田芳子', '田\u0001芳子'),
      JSON.stringify(plan([alloc(1)])).replace('"net":4095', '"net":04095'),
      JSON.stringify(plan([alloc(1), alloc(2)])).replace('}],"totals"', '},],"totals"'),
    ]) {
      let want: unknown;
      try {
        JSON.parse(text);
      } catch (e) {
        want = e;
      }
      expect(want, text).toBeInstanceOf(SyntaxError);
      expect(() => {
        const p = planFromBytes(Buffer.from(text, 'utf8'));
        void [...p.allocations()];
      }, text).toThrow(SyntaxError);
    }
  });
});
