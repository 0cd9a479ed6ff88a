// A seeded fuzz of every import kind: the valid file of each kind (fixtures/hostile/<kind>/base.csv)
// mutated at random — bytes flipped, inserted and deleted, cells swapped or replaced, lines
// duplicated, the file truncated or re-encoded — must end in exit 0 or 1, never a trace or an
// internal error, and a refused import must leave the ledger unchanged (every table's rows).
// Deterministic: the seed and the iteration are in every failure message.
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, Sandbox, runCli } from '../harness.js';
import { clean, copyLedger, ledgerDigest } from './trust-helpers.js';

// SANZI_FUZZ_SEED and SANZI_FUZZ_ITERATIONS run it longer, or elsewhere, by hand.
const SEED = Number(process.env.SANZI_FUZZ_SEED ?? 20240315);
/** Per kind; 7 kinds. Chosen so that the whole file runs in a few seconds. */
const ITERATIONS = Number(process.env.SANZI_FUZZ_ITERATIONS ?? 30);
const KINDS = ['vouchers', 'members', 'shares', 'contributions', 'assets', 'resources', 'contracts'];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTILE_CELLS = ['', ' ', '"', '""', '=1+1', '@SUM(A1)', '-1', '0', '1e5', '0x10', '--5', '壹佰', '１２３', '99999999999999999999', '1.005', '2024-13-01', '0000-00-00', '2024-02-30', "'); DROP TABLE members;--", '\u202E名', '名\u200B', '\u0000', 'X001', 'tq', 'main', '10201', '正常', '已故', '%', '100%', '-0.00'];
const INSERTS = [',', '"', '\n', '\r', '\r\n', '\u0000', '\uFEFF', '\xff', '，', '\t', '"",', '\n\n'];

type Mutation = (b: Buffer, rnd: () => number) => Buffer;

const pick = <T>(xs: readonly T[], rnd: () => number): T => xs[Math.floor(rnd() * xs.length)];
const at = (b: Buffer, rnd: () => number) => Math.floor(rnd() * (b.length + 1));

function cells(b: Buffer): string[][] {
  return b.toString('utf8').split('\n').map((l) => l.split(','));
}
const join = (rows: string[][]) => Buffer.from(rows.map((r) => r.join(',')).join('\n'));

const MUTATIONS: Record<string, Mutation> = {
  flipBit: (b, rnd) => {
    if (!b.length) return b;
    const c = Buffer.from(b);
    const i = Math.floor(rnd() * c.length);
    c[i] ^= 1 << Math.floor(rnd() * 8);
    return c;
  },
  insertBytes: (b, rnd) => {
    const i = at(b, rnd);
    const ins = rnd() < 0.5 ? Buffer.from(pick(INSERTS, rnd), 'utf8') : Buffer.from(Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => Math.floor(rnd() * 256)));
    return Buffer.concat([b.subarray(0, i), ins, b.subarray(i)]);
  },
  deleteBytes: (b, rnd) => {
    const i = at(b, rnd);
    return Buffer.concat([b.subarray(0, i), b.subarray(Math.min(b.length, i + 1 + Math.floor(rnd() * 8)))]);
  },
  truncate: (b, rnd) => b.subarray(0, at(b, rnd)),
  duplicateLine: (b, rnd) => {
    const lines = b.toString('utf8').split('\n');
    const i = Math.floor(rnd() * lines.length);
    lines.splice(i, 0, lines[i]);
    return Buffer.from(lines.join('\n'));
  },
  swapCells: (b, rnd) => {
    const rows = cells(b);
    const r = rows[Math.floor(rnd() * rows.length)];
    const i = Math.floor(rnd() * r.length);
    const j = Math.floor(rnd() * r.length);
    [r[i], r[j]] = [r[j], r[i]];
    return join(rows);
  },
  replaceCell: (b, rnd) => {
    const rows = cells(b);
    const r = rows[1 + Math.floor(rnd() * Math.max(1, rows.length - 1))] ?? rows[0];
    r[Math.floor(rnd() * r.length)] = pick(HOSTILE_CELLS, rnd);
    return join(rows);
  },
  reencode: (b, rnd) => {
    const text = b.toString('utf8');
    switch (Math.floor(rnd() * 4)) {
      case 0:
        return iconv.encode(text, 'gbk');
      case 1:
        return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      case 2:
        return Buffer.concat([Buffer.from('\uFEFF'), b]);
      default:
        return iconv.encode(text, 'big5');
    }
  },
};
const NAMES = Object.keys(MUTATIONS);

let tpl: Sandbox;
let work: Sandbox;
let pristine: string;

beforeAll(async () => {
  tpl = new Sandbox('fuzz-tpl');
  const demo = (f: string) => path.join(FIXTURES, 'demo', f);
  await tpl.ok('init', '--name', '下迳乡村旅游经济合作社', '--start', '2016-01');
  await tpl.ok('account', 'add', '10201', '基本户');
  await tpl.ok('project', 'add', 'tq', '--name', '汤泉民宿', '--par', '1000');
  await tpl.ok('import', 'members', demo('members.csv'));
  await tpl.ok('import', 'resources', demo('resources.csv'));
  await tpl.ok('import', 'assets', demo('assets.csv'));
  pristine = ledgerDigest(tpl.db);
  work = new Sandbox('fuzz');
  copyLedger(tpl.db, work.db);
}, 120_000);
afterAll(() => {
  tpl?.cleanup();
  work?.cleanup();
});

describe(`fuzz: ${ITERATIONS} mutated files per import kind (seed ${SEED})`, () => {
  for (const [k, kind] of KINDS.entries()) {
    it(kind, async () => {
      const rnd = mulberry32(SEED + k);
      const base = fs.readFileSync(path.join(FIXTURES, 'hostile', kind, 'base.csv'));
      const outcomes = { imported: 0, refused: 0 };
      for (let i = 0; i < ITERATIONS; i++) {
        let b: Buffer = base;
        const applied: string[] = [];
        for (let n = 1 + Math.floor(rnd() * 3); n > 0; n--) {
          const name = pick(NAMES, rnd);
          applied.push(name);
          b = MUTATIONS[name](b, rnd);
        }
        const file = work.file(`${kind}-${i}.csv`, b);
        const what = `${kind} #${i} (seed ${SEED + k}; ${applied.join(', ')}): ${JSON.stringify(b.toString('latin1').slice(0, 300))}`;
        const r = await runCli(['--db', work.db, 'import', kind, file]);
        expect([0, 1], `${what}\n${r.stderr}`).toContain(r.code);
        expect(clean(r.stderr), `${what}\n${r.stderr}`).toBe(true);
        if (r.code === 1) {
          outcomes.refused++;
          expect(r.stderr.trim(), what).not.toBe('');
          expect(ledgerDigest(work.db), `${what}: refused, but the ledger changed`).toBe(pristine);
        } else {
          outcomes.imported++;
          const v = await runCli(['--db', work.db, 'verify']);
          expect(v.code, `${what}: imported, then verify: ${v.stderr}`).toBe(0);
          copyLedger(tpl.db, work.db);
        }
        fs.rmSync(file);
      }
      // Both outcomes occur: the mutations are neither all fatal nor all harmless.
      expect(outcomes.refused, kind).toBeGreaterThan(0);
      expect(outcomes.imported, kind).toBeGreaterThan(0);
    });
  }
});
