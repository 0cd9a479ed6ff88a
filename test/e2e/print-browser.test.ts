// Printed pages in a real browser: headless Chromium prints the HTML to PDF, pdfinfo counts the
// pages and pdftotext reads them. Skipped only when Chromium is absent and this is not CI (in CI a
// missing browser fails the run: .ci/run installs it).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../harness.js';

const run = promisify(execFile);

function which(cmd: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, cmd);
    if (fs.existsSync(p)) return p;
  }
  return null;
}

const CHROMIUM = which('chromium') ?? which('chromium-browser') ?? which('google-chrome');
const POPPLER = which('pdftotext') && which('pdfinfo');
const HAVE = Boolean(CHROMIUM && POPPLER);
if (!HAVE && process.env.CI) throw new Error('the browser tests need chromium, pdftotext and pdfinfo (.ci/run installs them)');

/** Print an HTML file to PDF with headless Chromium; its page count and text. */
async function printPdf(html: string): Promise<{ pages: number; text: string; pageTexts: string[]; ms: number }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sanzi-chromium-'));
  const pdf = html.replace(/\.html$/, '.pdf');
  const t0 = Date.now();
  try {
    await run(
      CHROMIUM!,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-pdf-header-footer',
        // Our pages are self-contained: the browser resolves no host name at all.
        '--host-resolver-rules=MAP * ~NOTFOUND',
        `--user-data-dir=${profile}`,
        `--print-to-pdf=${pdf}`,
        'file://' + html,
      ],
      { timeout: 120_000 },
    );
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
  const ms = Date.now() - t0;
  const info = (await run('pdfinfo', [pdf])).stdout;
  const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
  // pdftotext lays the glyphs out with spacing of its own: compare without whitespace.
  const raw = (await run('pdftotext', ['-layout', pdf, '-'])).stdout;
  const squeeze = (s: string) => s.replace(/\s+/g, '');
  return { pages, text: squeeze(raw), pageTexts: raw.split('\f').map(squeeze), ms };
}

const MEMBERS = (n: number) =>
  ['成员编号,姓名,身份证号,户号,与户主关系,加入日期'].concat(
    Array.from({ length: n }, (_, i) => `M${String(i + 1).padStart(3, '0')},${['欧阳','司马','邓'][i % 3]}${'志强秀英伟福来'.slice(i % 6, (i % 6) + 2)},${i === 0 ? '441827196503121239' : ''},H${i},户主,2016-01-01`),
  ).join('\n');

let sb: Sandbox;
const out: Record<string, Awaited<ReturnType<typeof printPdf>>> = {};

beforeAll(async () => {
  if (!HAVE) return;
  sb = new Sandbox('print');
  await sb.ok('init', '--name', '下迳乡村旅游经济合作社', '--start', '2024-01');
  await sb.ok('account', 'add', '10201', '基本户');
  await sb.ok('project', 'add', 'tq', '--name', '汤泉民宿', '--par', '100');
  await sb.ok('import', 'members', sb.file('members.csv', MEMBERS(50)));
  const shares = ['日期,成员编号,项目,股种,股数,说明', ...Array.from({ length: 50 }, (_, i) => `2024-01-01,M${String(i + 1).padStart(3, '0')},tq,募集股,${(i % 4) + 1},`)];
  await sb.ok('import', 'shares', sb.file('shares.csv', shares.join('\n') + '\n'));
  // January: twelve receipts of i × 100.00 (Σ 7,800.00); February: eight payments of j × 10.00.
  for (let i = 1; i <= 12; i++) {
    await sb.ok('voucher', 'add', '--date', `2024-01-${String(i).padStart(2, '0')}`, '--summary', `汤泉门票第${i}批（周末团体客人，含温泉与餐饮）`, '--debit', `10201:${i * 100}`, '--credit', `501:${i * 100}:p=tq`, '--preparer', '李会计');
  }
  for (let j = 1; j <= 8; j++) {
    await sb.ok('voucher', 'add', '--date', `2024-02-${String(j).padStart(2, '0')}`, '--summary', `付水电费第${j}次`, '--debit', `511:${j * 10}:p=tq`, '--credit', `10201:${j * 10}`, '--preparer', '李会计', '--attachments', '1');
  }
  await sb.ok('voucher', 'review', '2024-01/1', '--by', '王主任');
  await sb.ok('dividend', 'declare', '--project', 'tq', '--year', '2024', '--reserve', '10');
  const file = (n: string) => path.join(sb.dir, n);
  await sb.ok('report', 'bank-book', '--from', '2024-01', '--to', '2024-02', '--rows-per-page', '10', '--out', 'bank.html');
  await sb.ok('report', 'bank-book', '--from', '2024-01', '--to', '2024-02', '--out', 'bank-default.html');
  await sb.ok('dividend', 'notice', '--project', 'tq', '--year', '2024', '--from', '2025-01-10', '--phone', '0763-5551234', '--html', 'notice.html');
  await sb.ok('voucher', 'print', '2024-01/1', '2024-01/2', '2024-02/8', '--out', 'slips.html');
  await sb.ok('report', 'balance-sheet', '--as-of', '2024-12-31', '--out', 'bs.html');
  const names = ['bank', 'bank-default', 'notice', 'slips', 'bs'];
  const pdfs = await Promise.all(names.map((n) => printPdf(file(`${n}.html`))));
  names.forEach((n, i) => (out[n] = pdfs[i]));
  process.stderr.write(`browser print times (ms): ${names.map((n) => `${n} ${out[n].ms} (${out[n].pages} p.)`).join(', ')}\n`);
}, 300_000);

afterAll(() => {
  if (process.env.SANZI_KEEP_PRINTS) process.stderr.write(`printed pages kept in ${sb?.dir}\n`);
  else sb?.cleanup();
});

describe.skipIf(!HAVE)('printed pages in Chromium', () => {
  it('a bank book of three pages: exactly 3 PDF pages, 承前页 and 过次页 carry the month-to-date and the balance', () => {
    const b = out.bank;
    // 25 rows (期初, 12 + 2 in January, 8 + 2 in February) at 10 a page: 9 + 8 + 8
    expect(b.pages).toBe(3);
    const [p1, p2, p3] = b.pageTexts;
    for (const [i, p] of [p1, p2, p3].entries()) {
      expect(p).toContain(`第${i + 1}页共3页`);
      expect(p).toContain('日期凭证号摘要对方科目借方贷方借或贷余额');
    }
    // Page 1 ends after the 8th January receipt: month-to-date 100 × (1 + … + 8) = 3,600.00, balance 3,600.00.
    expect(p1).toContain('过次页3,600.000.00借3,600.00');
    expect(p1).not.toContain('承前页');
    expect(p2).toMatch(/^.*?承前页3,600\.000\.00借3,600\.00/);
    // January closes at 7,800.00; page 2 ends after February's 2nd payment: 10 + 20 = 30.00 credit, balance 7,770.00.
    expect(p2).toContain('本月合计7,800.000.00借7,800.00');
    expect(p2).toContain('过次页0.0030.00借7,770.00');
    expect(p3).toContain('承前页0.0030.00借7,770.00');
    expect(p3).not.toContain('过次页');
    // February: 10 × (1 + … + 8) = 360.00; the year: 7,800.00 debit, 360.00 credit; balance 7,440.00.
    expect(p3).toContain('本月合计0.00360.00借7,440.00');
    expect(p3).toContain('本年累计7,800.00360.00借7,440.00');
    // Rows never wrap: a long 摘要 is cut with …
    expect(b.text).toContain('…');
    expect(b.text).not.toContain('含温泉与餐饮');
  });

  it('the same book at the default rows per page fits on one page', () => {
    expect(out['bank-default'].pages).toBe(1);
    expect(out['bank-default'].text).toContain('第1页共1页');
  });

  it('the notice: title, 公示期, words, the roster without ids, the total once, 落款, 监督电话, page numbers', () => {
    const n = out.notice;
    expect(n.pages).toBe(2); // 50 names: 28 on the first page, the rest, the total and the 落款 on the second
    expect(n.text).toContain('下迳乡村旅游经济合作社汤泉民宿2024年度收益分配公示');
    expect(n.text).toContain('公示期：2025年1月10日至2025年1月16日');
    expect(n.text).toContain('向50名股东分配');
    expect(n.text).toContain('441827********1239');
    expect(n.text).toContain('监督电话：0763-5551234');
    expect(n.pageTexts[1]).toMatch(/下迳乡村旅游经济合作社2025年1月10日/);
    expect(n.text.match(/合计50人/g)).toHaveLength(1);
    expect(n.pageTexts[0]).not.toContain('合计50人');
    expect(n.pageTexts[0]).toContain('第1页共2页');
    expect(n.pageTexts[1]).toContain('第2页共2页');
    // Headers repeat on the second page; no member ids, project codes or option names.
    expect(n.pageTexts[1]).toContain('姓名身份证号股数');
    expect(n.text).not.toMatch(/M0\d\d|--|tq|reserve/);
  });

  it('voucher slips: two to a page, 记字第 N 号, 大写, signers', () => {
    const s = out.slips;
    expect(s.pages).toBe(2);
    expect(s.pageTexts[0]).toContain('记字第1号');
    expect(s.pageTexts[0]).toContain('记字第2号');
    expect(s.pageTexts[1]).toContain('记字第8号');
    expect(s.text).toContain('合计：壹佰元整');
    expect(s.text).toContain('合计：捌拾元整');
    expect(s.text).toContain('审核：王主任');
    expect(s.text).toContain('制单：李会计');
    expect(s.pageTexts[1]).toContain('附件1张');
  });

  it('the balance sheet: one page with 行次 and both columns', () => {
    const b = out.bs;
    expect(b.pages).toBe(1);
    expect(b.text).toContain('资产负债表');
    expect(b.text).toContain('编制单位：下迳乡村旅游经济合作社');
    expect(b.text).toContain('资产行次期末余额年初余额负债和所有者权益行次期末余额年初余额');
    expect(b.text).toContain('第1页共1页');
  });
});
