// sanzi archive YYYY --out DIR and archive verify DIR: the year's 会计档案 with its manifest; a
// changed, missing or extra file makes verify exit 3 naming it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { expectRefused, Sandbox } from '../harness.js';

const MEMBERS = ['成员编号,姓名,身份证号,户号,与户主关系,加入日期', 'X001,邓志强,441827196503121239,H01,户主,2016-01-01', 'X002,李秀英,441827196807052340,H01,配偶,2016-01-01'].join('\n');

/** 2024 of a small collective: tq earns 3,000, its distribution declared, the year closed. */
async function build(s: Sandbox): Promise<void> {
  await s.ok('init', '--name', '下迳乡村旅游经济合作社', '--start', '2024-01');
  await s.ok('account', 'add', '10201', '基本户');
  await s.ok('project', 'add', 'tq', '--name', '汤泉民宿', '--par', '100');
  await s.ok('import', 'members', s.file('members.csv', MEMBERS));
  await s.ok('import', 'shares', s.file('shares.csv', '日期,成员编号,项目,股种,股数,说明\n2024-01-01,X001,tq,募集股,3,\n2024-01-01,X002,tq,募集股,1,\n'));
  await s.ok('voucher', 'add', '--date', '2024-03-08', '--summary', '汤泉门票', '--debit', '10201:5000', '--credit', '501:5000:p=tq');
  await s.ok('voucher', 'add', '--date', '2024-04-08', '--summary', '汤泉水电', '--debit', '511:2000:p=tq', '--credit', '10201:2000');
  await s.ok('voucher', 'add', '--date', '2024-05-08', '--summary', '备用金', '--debit', '101:500', '--credit', '10201:500');
  for (let m = 1; m <= 11; m++) await s.ok('period', 'close', `2024-${String(m).padStart(2, '0')}`);
  await s.ok('dividend', 'declare', '--project', 'tq', '--year', '2024', '--reserve', '10');
  await s.ok('year', 'close', '2024');
}

let sb: Sandbox;
afterEach(() => sb?.cleanup());
const open = () => Sandbox.from('archive', build).then((s) => (sb = s));
const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');

describe('archive', () => {
  it('writes the year’s documents as HTML and CSV, a verified backup, and a manifest of every file but itself', async () => {
    await open();
    const r = await sb.ok('archive', '2024', '--out', '档案');
    const dir = path.join(sb.dir, '档案');
    const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    expect(m.year).toBe(2024);
    expect(m.createdAt).toBe('2026-01-15 10:00:00');
    const paths = m.files.map((f: { path: string }) => f.path);
    expect(paths).not.toContain('manifest.json');
    for (const p of [
      '01-凭证/记账凭证-2024.html',
      '01-凭证/序时账-2024.csv',
      '02-账簿/总账-2024.html',
      '02-账簿/现金日记账-2024.html',
      '02-账簿/银行存款日记账-2024.csv',
      '02-账簿/明细账/10201-基本户.html',
      '03-月报/科目余额表-2024-01.html',
      '03-月报/科目余额表-2024-12.csv',
      '04-年报/资产负债表-2024.html',
      '04-年报/收益及收益分配表-2024.csv',
      '05-收益分配/tq-汤泉民宿/分配方案-2024.html',
      '05-收益分配/tq-汤泉民宿/分红发放表-2024.csv',
      '05-收益分配/tq-汤泉民宿/分配公示-2024.html',
      '06-台账/资产台账-2024.html',
      '06-台账/资源台账-2024.csv',
      '06-台账/合同台账-2024.html',
      '06-台账/股东名册-tq-汤泉民宿-2024.csv',
      '07-账套备份/2024-账套备份.sanzi',
    ])
      expect(paths, p).toContain(p);
    // Every file on disk is listed, with its size and digest; retention by kind.
    const onDisk: string[] = [];
    const walk = (d: string) => fs.readdirSync(d, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : onDisk.push(path.relative(dir, path.join(d, e.name)).split(path.sep).join('/'))));
    walk(dir);
    expect(onDisk.sort()).toEqual([...paths, 'manifest.json'].sort());
    const retention: Record<string, string> = { voucher: '30年', book: '30年', 'monthly-report': '10年', 'annual-report': '永久', distribution: '永久', register: '30年', backup: '30年' };
    for (const f of m.files) {
      expect(Object.keys(f).sort()).toEqual(['bytes', 'kind', 'path', 'retention', 'sha256', 'title', 'year']);
      expect(f.retention, f.path).toBe(retention[f.kind]);
      expect(f.year).toBe(2024);
      expect(f.bytes, f.path).toBe(fs.statSync(path.join(dir, f.path)).size);
      expect(f.sha256, f.path).toBe(sha(path.join(dir, f.path)));
    }
    expect(m.files.find((f: { path: string }) => f.path.startsWith('03-月报')).kind).toBe('monthly-report');
    expect(m.files.find((f: { path: string }) => f.path.startsWith('04-年报')).kind).toBe('annual-report');
    // The backup is a ledger: verify passes on it and it shows the same balance sheet (on a copy:
    // opening a ledger file turns on its write-ahead log, which changes the archived bytes).
    const copy = path.join(sb.dir, 'restored.sanzi');
    fs.copyFileSync(path.join(dir, '07-账套备份/2024-账套备份.sanzi'), copy);
    await sb.ok('--db', copy, 'verify');
    const a = (await sb.ok('report', 'balance-sheet', '--as-of', '2024-12-31', '--format', 'json')).stdout;
    expect((await sb.ok('--db', copy, 'report', 'balance-sheet', '--as-of', '2024-12-31', '--format', 'json')).stdout).toBe(a);
    expect(r.stdout).toContain('2024 年会计档案');
    // archive verify: intact
    const v = await sb.ok('archive', 'verify', '档案');
    expect(v.stdout).toContain(`${m.files.length} 个文件与清单一致`);
  });

  it('a distribution cancelled and declared again is archived once, as in force', async () => {
    sb = await Sandbox.from('archive-redeclared', async (s) => {
      await build(s);
      await s.ok('year', 'reopen', '2024', '--reason', '重算分配');
      await s.ok('dividend', 'cancel', '--project', 'tq', '--year', '2024', '--reason', '公积公益金比例改为 20%');
      await s.ok('dividend', 'declare', '--project', 'tq', '--year', '2024', '--reserve', '20');
      await s.ok('year', 'close', '2024');
    });
    await sb.ok('archive', '2024', '--out', '档案');
    const dir = path.join(sb.dir, '档案');
    const paths: string[] = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')).files.map((f: { path: string }) => f.path);
    expect(paths.length).toBe(new Set(paths).size);
    expect(paths.filter((p) => p.startsWith('05-收益分配/tq-汤泉民宿/分配方案-2024'))).toEqual(['05-收益分配/tq-汤泉民宿/分配方案-2024.html', '05-收益分配/tq-汤泉民宿/分配方案-2024.csv']);
    // The plan archived is the one in force: reserve 20% of 3,000.00.
    expect(fs.readFileSync(path.join(dir, '05-收益分配/tq-汤泉民宿/分配方案-2024.csv'), 'utf8')).toContain('600.00');
    expect((await sb.ok('archive', 'verify', '档案')).stdout).toContain(`${paths.length} 个文件与清单一致`);
  });

  it('verify exits 3 naming a changed file, a missing file and an extra file', async () => {
    await open();
    await sb.ok('archive', '2024', '--out', '档案');
    const dir = path.join(sb.dir, '档案');
    fs.appendFileSync(path.join(dir, '04-年报/资产负债表-2024.csv'), '货币资金,1,999999.00\r\n');
    let r = await sb.run('archive', 'verify', '档案');
    expect(r.code).toBe(3);
    expect(r.codes).toEqual(['ARCHIVE_FILE_CHANGED']);
    expect(r.stderr).toContain('04-年报/资产负债表-2024.csv');
    // Same size, one byte different: the digest catches it.
    const html = path.join(dir, '01-凭证/记账凭证-2024.html');
    const bytes = fs.readFileSync(html);
    bytes[bytes.length - 2] ^= 1;
    fs.writeFileSync(html, bytes);
    fs.rmSync(path.join(dir, '06-台账/合同台账-2024.csv'));
    fs.writeFileSync(path.join(dir, '02-账簿/说明.txt'), 'added later');
    r = await sb.run('archive', 'verify', '档案');
    expect(r.code).toBe(3);
    expect(r.codes.sort()).toEqual(['ARCHIVE_FILE_CHANGED', 'ARCHIVE_FILE_CHANGED', 'ARCHIVE_FILE_EXTRA', 'ARCHIVE_FILE_MISSING']);
    for (const p of ['01-凭证/记账凭证-2024.html', '06-台账/合同台账-2024.csv', '02-账簿/说明.txt', '04-年报/资产负债表-2024.csv']) expect(r.stderr).toContain(p);
    // A folder without its manifest is damage too, and so is a folder that is not there (every file missing).
    fs.rmSync(path.join(dir, 'manifest.json'));
    r = await sb.run('archive', 'verify', '档案');
    expect([r.code, r.codes]).toEqual([3, ['ARCHIVE_MANIFEST']]);
    r = await sb.run('archive', 'verify', '没有这个');
    expect([r.code, r.codes]).toEqual([3, ['ARCHIVE_DIR_MISSING']]);
  });

  it('refuses a year not closed, and a folder that is not empty, writing nothing', async () => {
    await open();
    const r = await sb.run('archive', '2025', '--out', '新档案');
    expectRefused(r, 'ARCHIVE_YEAR_OPEN');
    expect(r.stderr).toContain('sanzi year close 2025');
    expect(fs.existsSync(path.join(sb.dir, '新档案'))).toBe(false);
    fs.mkdirSync(path.join(sb.dir, '旧'));
    fs.writeFileSync(path.join(sb.dir, '旧', 'a.txt'), 'x');
    expectRefused(await sb.run('archive', '2024', '--out', '旧'), 'ARCHIVE_DIR_NOT_EMPTY');
    expect(fs.readdirSync(path.join(sb.dir, '旧'))).toEqual(['a.txt']);
    // An empty folder is fine.
    fs.mkdirSync(path.join(sb.dir, '空'));
    await sb.ok('archive', '2024', '--out', '空');
    expect((await sb.run('archive', '2024')).code).toBe(2);
  });

  it('a folder that cannot be made is said in Chinese, at once: under a file, under /proc', async () => {
    await open();
    fs.writeFileSync(path.join(sb.dir, '文件'), 'x');
    const under = await sb.run('archive', '2024', '--out', '文件/档案');
    expectRefused(under, 'OUT_FILE');
    expect(under.stderr).toContain('无法写入文件「文件/档案」：路径中有一段不是文件夹');
    // Node's own recursive mkdir never returned here.
    const proc = await sb.run('archive', '2024', '--out', '/proc/sanzi-archive');
    expectRefused(proc, 'OUT_FILE');
    expect(proc.stderr).toContain('无法写入文件「/proc/sanzi-archive」：文件或文件夹不存在');
    // Missing folders above it are made.
    await sb.ok('archive', '2024', '--out', '甲/乙/丙');
    expect(fs.existsSync(path.join(sb.dir, '甲', '乙', '丙', 'manifest.json'))).toBe(true);
  });
});
