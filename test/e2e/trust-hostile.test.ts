// Hostile input for every import kind (fixtures/hostile: the files, and manifest.json: what each
// must end in). Every file ends in a clear message at its line — or, where the input is legitimate,
// a correct import — never a stack trace, and a refused file leaves the ledger exactly as it was
// (a digest of every table's rows, read behind sanzi's back).
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, Sandbox, runCli, expectRefused } from '../harness.js';
import { ROOT, clean, copyLedger, count, ledgerDigest } from './trust-helpers.js';

/**
 * One file of the corpus. A refusal of the reader (CSV_… codes: what the file is, its cells) names
 * its code and the start of its message; a refusal by the kind's own rules (an amount, a date) names
 * the line and the value it must mention, so that those rules may word their messages as they like.
 */
interface Case {
  file: string;
  kind: string;
  note: string;
  exit: 0 | 1;
  line?: number;
  code?: string;
  message?: string;
  mentions?: string;
}

const MANIFEST: Case[] = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'hostile', 'manifest.json'), 'utf8'));
const KINDS = ['vouchers', 'members', 'shares', 'contributions', 'assets', 'resources', 'contracts'];

let tpl: Sandbox;
let work: Sandbox;
let pristine: string;
let dirty = true;

beforeAll(async () => {
  // The demo's members, resources and assets, the 汤泉 project and a bank sub-account: what the
  // valid file of every kind refers to.
  tpl = new Sandbox('hostile-tpl');
  const demo = (f: string) => path.join(FIXTURES, 'demo', f);
  await tpl.ok('init', '--name', '下迳乡村旅游经济合作社', '--start', '2016-01');
  await tpl.ok('account', 'add', '10201', '基本户');
  await tpl.ok('project', 'add', 'tq', '--name', '汤泉民宿', '--par', '1000');
  await tpl.ok('import', 'members', demo('members.csv'));
  await tpl.ok('import', 'resources', demo('resources.csv'));
  await tpl.ok('import', 'assets', demo('assets.csv'));
  pristine = ledgerDigest(tpl.db);
  work = new Sandbox('hostile');
}, 120_000);
afterAll(() => {
  tpl?.cleanup();
  work?.cleanup();
});

/** Import into a ledger that is a fresh copy of the template (copied again only after a write). */
async function importInto(kind: string, file: string) {
  if (dirty) copyLedger(tpl.db, work.db);
  const r = await runCli(['--db', work.db, 'import', kind, file], { cwd: ROOT });
  expect(clean(r.stderr), r.stderr).toBe(true);
  if (r.code === 0) dirty = true;
  else {
    dirty = false;
    expect(ledgerDigest(work.db), `${file}: the ledger changed although the import was refused`).toBe(pristine);
  }
  return r;
}

describe('the corpus', () => {
  it('covers every import kind with the same spoilings', () => {
    for (const k of KINDS) expect(MANIFEST.filter((c) => c.kind === k).length, k).toBeGreaterThanOrEqual(28);
    const files = KINDS.flatMap((k) => fs.readdirSync(path.join(FIXTURES, 'hostile', k)).map((f) => `${k}/${f}`));
    expect(files.sort()).toEqual(MANIFEST.map((c) => c.file).sort());
  });

  for (const kind of KINDS) {
    it(`${kind}: every file ends as its manifest says`, async () => {
      for (const c of MANIFEST.filter((x) => x.kind === kind)) {
        const rel = `fixtures/hostile/${c.file}`;
        const r = await importInto(kind, rel);
        expect(r.code, `${c.file} (${c.note}): ${r.stderr}`).toBe(c.exit);
        if (c.exit === 0) continue;
        if (c.code) {
          expect(r.stderr, c.file).toContain(`${rel}:${c.line}: ${c.message}`);
          expect(r.codes, c.file).toContain(c.code);
        } else {
          const at = r.stderr.split('\n').filter((l) => l.startsWith(`${rel}:${c.line}: `));
          expect(at.length, `${c.file}: ${r.stderr}`).toBeGreaterThan(0);
          if (c.mentions) expect(at.join('\n'), c.file).toContain(c.mentions);
        }
      }
    });
  }
});

describe('legitimate input imports correctly', () => {
  it("SQL-looking and formula-looking names are kept as text; '= reads as the export wrote it; CSV out protects them again", async () => {
    await importInto('members', 'fixtures/hostile/members/sql-text.csv');
    const list = (await runCli(['--db', work.db, 'member', 'list', '--format', 'json'])).json();
    const name = (id: string) => list.members.find((m: { id: string }) => m.id === id)?.name;
    expect(name('Y001')).toBe("'); DROP TABLE members;--");
    expect(count(work.db, 'members')).toBe(23 + 2); // the demo's 23 and the two of the file

    await importInto('members', 'fixtures/hostile/members/formula-protected.csv');
    const j = (await runCli(['--db', work.db, 'member', 'list', '--format', 'json'])).json();
    expect(j.members.find((m: { id: string }) => m.id === 'Y001').name).toBe('=HYPERLINK("http://x")');
    const csv = (await runCli(['--db', work.db, 'member', 'list', '--format', 'csv'])).stdout;
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);

    await importInto('members', 'fixtures/hostile/members/formula-text.csv');
    const f = (await runCli(['--db', work.db, 'member', 'list', '--format', 'json'])).json();
    expect(f.members.filter((m: { id: string }) => m.id.startsWith('Y')).map((m: { name: string }) => m.name)).toEqual(['=1+1', '@SUM(A1:A9)']);
  });

  it('full-width digits, GBK, a BOM and mixed line ends', async () => {
    await importInto('vouchers', 'fixtures/hostile/vouchers/amount-fullwidth.csv');
    const j = (await runCli(['--db', work.db, 'report', 'journal', '--from', '2024-03', '--to', '2024-03', '--format', 'json'])).json();
    expect(j.vouchers[0].lines.map((l: { debit: string; credit: string }) => [l.debit, l.credit])).toEqual([
      ['1200.00', '0.00'], // １，２００．００
      ['0.00', '1200.00'],
    ]);
    for (const f of ['gbk', 'bom-utf8', 'mixed-eol']) {
      await importInto('members', `fixtures/hostile/members/${f}.csv`);
      const m = (await runCli(['--db', work.db, 'member', 'list', '--format', 'json'])).json();
      expect(m.members.filter((x: { id: string }) => x.id.startsWith('Y')).map((x: { id: string; name: string }) => `${x.id} ${x.name}`), f).toEqual([
        'Y001 黄志明',
        'Y002 黄丽华',
      ]);
    }
  });
});

describe('large hostile input, generated', () => {
  it('a 10 MB cell in every kind is refused at its line, at once', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024, 'x');
    for (const kind of KINDS) {
      const base = fs.readFileSync(path.join(FIXTURES, 'hostile', kind, 'base.csv'), 'utf8').split('\n');
      const cells = base[2].split(',');
      // line 3, second column: 10 MB of x
      const before = [base[0], base[1], cells[0]].join('\n') + ',';
      const after = ',' + cells.slice(2).join(',') + '\n';
      const file = work.file(`${kind}-10mb.csv`, Buffer.concat([Buffer.from(before), big, Buffer.from(after)]));
      const t0 = Date.now();
      const r = await importInto(kind, file);
      expectRefused(r, 'CSV_FIELD_TOO_LONG');
      expect(r.stderr).toContain(`${file}:3: 第 2 列的内容超过 10,000 个字符`);
      expect(Date.now() - t0).toBeLessThan(5000);
      fs.rmSync(file);
    }
  });

  it('a quote opened before 10 MB of text stops at the quote’s line', async () => {
    const file = work.file('open-quote-10mb.csv', '成员编号,姓名,户号\nY001,"黄志明,H21\n' + 'Y002,黄丽华,H21\n'.repeat(700_000));
    const r = await importInto('members', file);
    expectRefused(r, 'CSV_FIELD_TOO_LONG');
    expect(r.stderr).toContain(`${file}:2: 第 2 列的内容超过 10,000 个字符（常见原因：引号没有闭合`);
    fs.rmSync(file);
  });

  it('a file that turns from UTF-8 to GBK after the first 64 KB: the line where it changes', async () => {
    const head = '成员编号,姓名,户号\n';
    let body = '';
    let n = 0;
    while (Buffer.byteLength(head + body) < 80 * 1024) body += `Z${String(++n).padStart(5, '0')},黄志明,H21\n`;
    const gbkLine = iconv.encode(`Z${String(++n).padStart(5, '0')},黄丽华,H21\n`, 'gbk');
    const file = work.file('mixed-encoding.csv', Buffer.concat([Buffer.from(head + body), gbkLine]));
    const r = await importInto('members', file);
    expectRefused(r, 'CSV_MIXED_ENCODING');
    expect(r.stderr).toContain(`${file}:${n + 1}: 「姓名」列含有无法识别的字符（�）：文件的编码不一致`);
  });
});
