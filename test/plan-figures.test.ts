// planFigureSql (a stored plan's reserve or pool read from the text before its allocations) against
// JSON.parse of the whole plan.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { planFigureSql } from '../src/store/dividends.js';

/** A small deterministic generator (no Math.random: the same plans every run). */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

describe('planFigureSql', () => {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE p (id INTEGER PRIMARY KEY, plan TEXT)');
  const figures = (plan: string) => {
    db.exec('DELETE FROM p');
    db.prepare('INSERT INTO p (plan) VALUES (?)').run(plan);
    return db.prepare(`SELECT ${planFigureSql('reserve')} AS reserve, ${planFigureSql('pool')} AS pool FROM p`).get() as { reserve: unknown; pool: unknown };
  };
  const whole = (plan: string) => {
    const p = JSON.parse(plan) as { reserve?: unknown; pool?: unknown };
    return { reserve: p.reserve ?? null, pool: p.pool ?? null };
  };
  const alloc = (i: number) => ({ member: `M${i}`, name: `名,"allocations":${i}`, gross: i * 7, net: i * 7 });

  const cases: Record<string, string> = {
    'as declared: figures first, allocations last': JSON.stringify({ year: 2024, profit: 1000, reserve: 100, pool: 900, basis: 'record-date', allocations: [alloc(1), alloc(2)] }),
    'allocations first': JSON.stringify({ allocations: [alloc(1)], reserve: 5, pool: 6 }),
    'allocations between the figures': JSON.stringify({ reserve: 5, allocations: [alloc(1)], pool: 6 }),
    'no allocations at all': JSON.stringify({ reserve: 11, pool: 12 }),
    'an allocations key nested before the plan’s own': JSON.stringify({ reserve: 1, extra: { pool: 99, allocations: [] }, pool: 2, allocations: [alloc(3)] }),
    'a name that reads ,"allocations": (escaped in the text)': JSON.stringify({ name: ',"allocations":[]}', reserve: 3, pool: 4, allocations: [] }),
    'pretty-printed': JSON.stringify({ reserve: 8, pool: 9, allocations: [alloc(4)] }, null, 2),
    'zero figures': JSON.stringify({ reserve: 0, pool: 0, allocations: [] }),
    'figures past 2^53 as stored text': JSON.stringify({ reserve: '12345678901234567890', pool: 1, allocations: [] }),
  };
  for (const [name, plan] of Object.entries(cases)) {
    it(name, () => {
      expect(figures(plan)).toEqual(whole(plan));
    });
  }

  it('generated plans: the figure from the head is the figure of the whole plan', () => {
    const rnd = lcg(42);
    for (let k = 0; k < 300; k++) {
      const keys = ['year', 'profit', 'reserve', 'pool', 'basis', 'allocations', 'note'];
      for (let i = keys.length - 1; i > 0; i--) {
        const j = Math.floor(rnd() * (i + 1));
        [keys[i], keys[j]] = [keys[j], keys[i]];
      }
      const obj: Record<string, unknown> = {};
      for (const key of keys) {
        if (key === 'allocations') obj[key] = Array.from({ length: Math.floor(rnd() * 4) }, (_, i) => alloc(i));
        else if (key === 'note') obj[key] = rnd() < 0.5 ? '"allocations":' : { allocations: [], reserve: -1 };
        else if (key === 'basis') obj[key] = 'time-weighted';
        else if (rnd() < 0.9) obj[key] = Math.floor(rnd() * 1e12);
      }
      const plan = JSON.stringify(obj);
      expect(figures(plan), plan).toEqual(whole(plan));
    }
  });
});
