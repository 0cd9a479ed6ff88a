// The CLI's edges, in the shared path: a closed stdout pipe, --out (format by extension, no
// overwrite without --force, a missing folder, nothing half-written), tables fitted to the terminal.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { generateVoucherCsv } from '../gen-vouchers.js';
import { displayWidth } from '../../src/io/text-width.js';
import { expectRefused, Sandbox } from '../harness.js';

const BIN = fileURLToPath(new URL('../../bin/sanzi.js', import.meta.url));
const ROOT = path.dirname(path.dirname(BIN));

let sb: Sandbox;
afterEach(() => sb?.cleanup());

/** A ledger of 2,000 vouchers (8,000 lines) in 2024: its journal is far larger than a pipe's buffer. */
const big = () =>
  Sandbox.from('edges-big', async (s) => {
    await s.ok('init', '--name', '测试村', '--start', '2024-01');
    for (const [code, name] of [
      ['10201', '基本户'],
      ['10202', '一般户'],
      ['50101', '民宿经营收入'],
      ['50102', '土地发包收入'],
      ['51101', '民宿经营支出'],
      ['51301', '办公费'],
      ['51302', '水电费'],
    ]) {
      await s.ok('account', 'add', code, name);
    }
    const csv = path.join(s.dir, 'v.csv');
    generateVoucherCsv(csv, 8000, 2024, 1);
    await s.ok('import', 'vouchers', csv);
  }).then((s) => (sb = s));

const small = () =>
  Sandbox.from('edges-small', async (s) => {
    await s.ok('init', '--name', '测试村', '--start', '2024-01');
    await s.ok('account', 'add', '10201', '基本户');
    await s.ok('member', 'add', 'X001', '--name', '张三', '--household', 'H01');
    await s.ok('voucher', 'add', '--date', '2024-03-05', '--summary', '购买办公用品', '--debit', '513:120', '--credit', '101:120');
  }).then((s) => (sb = s));

/** `bash -c 'set -o pipefail; …'`: the pipeline's status is sanzi's when head exits 0. */
function pipeline(cmd: string, cwd: string) {
  return spawnSync('bash', ['-c', `set -o pipefail; ${cmd}`], { cwd, encoding: 'utf8', env: { ...process.env, SANZI_LANG: '' } });
}

describe('a closed stdout pipe ends quietly with exit 0', () => {
  it('help piped into head -1', () => {
    const r = pipeline(`node ${JSON.stringify(BIN)} contribute --help | head -1`, ROOT);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('用法：sanzi contribute [选项]\n');
  });

  it('a long report piped into head -1, table and CSV', async () => {
    await big();
    for (const format of ['table', 'csv']) {
      const r = pipeline(`node ${JSON.stringify(BIN)} --db ${JSON.stringify(sb.db)} report journal --from 2024-01 --to 2024-12 --format ${format} | head -1`, sb.dir);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(format === 'table' ? '序时账  2024-01 至 2024-12\n' : '\ufeff凭证号,日期,摘要,科目编码,科目名称,借方金额,贷方金额,成员编号,项目,附件数,制单人,往来单位\r\n');
    }
  });

  it('a reader that closes the pipe after the first chunk', async () => {
    await big();
    const child = spawn(process.execPath, [BIN, '--db', sb.db, 'report', 'journal', '--from', '2024-01', '--to', '2024-12'], { cwd: sb.dir });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('a refusal whose standard error nobody reads still exits with its code: a closed pipe, a full disk', async () => {
    sb = new Sandbox('edges-stderr');
    const args = [BIN, '--db', path.join(sb.dir, 'no-such-ledger.db'), 'account', 'list'];
    const child = spawn(process.execPath, args, { cwd: sb.dir, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.destroy(); // gone before sanzi has started
    expect(await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)))).toBe(1);
    const fd = fs.openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, args, { cwd: sb.dir, stdio: ['ignore', 'pipe', fd] });
      expect(r.status).toBe(1);
      expect(r.stdout.length).toBe(0);
    } finally {
      fs.closeSync(fd);
    }
    // And through a shell pipeline, as a script with pipefail sees it.
    expect(pipeline(`node ${JSON.stringify(BIN)} --db no-such-ledger.db account list 2>&1 >/dev/null | true`, sb.dir).status).toBe(1);
  });

  it('the whole report still arrives when nobody closes the pipe', async () => {
    await big();
    const r = spawnSync(process.execPath, [BIN, '--db', sb.db, 'report', 'journal', '--from', '2024-01', '--to', '2024-12', '--format', 'csv'], {
      cwd: sb.dir,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(r.status).toBe(0);
    // 8,000 voucher lines and the header
    expect(r.stdout.trimEnd().split('\r\n')).toHaveLength(8001);
  });

  it('standard output that is a file gets the same bytes as a pipe, and a TTY-less table is not narrowed', async () => {
    await big();
    const args = [BIN, '--db', sb.db, 'report', 'journal', '--from', '2024-01', '--to', '2024-12'];
    for (const format of ['csv', 'table']) {
      const piped = spawnSync(process.execPath, [...args, '--format', format], { cwd: sb.dir, maxBuffer: 64 * 1024 * 1024 });
      const file = path.join(sb.dir, `stdout-${format}.txt`);
      const fd = fs.openSync(file, 'w');
      try {
        const r = spawnSync(process.execPath, [...args, '--format', format], { cwd: sb.dir, stdio: ['ignore', fd, 'pipe'], env: { ...process.env, COLUMNS: '40' } });
        expect(r.status).toBe(0);
      } finally {
        fs.closeSync(fd);
      }
      expect(piped.status).toBe(0);
      expect(fs.readFileSync(file).equals(piped.stdout), format).toBe(true);
      expect(piped.stdout.length).toBeGreaterThan(400_000);
    }
  });
});

describe('--out', () => {
  it('an empty --out is standard output', async () => {
    sb = await Sandbox.from('out-empty', async (s) => {
      await s.ok('init', '--name', '下迳村股份经济合作社', '--start', '2024-01');
    });
    const r = await sb.ok('account', 'list', '--format', 'csv', '--out', '');
    expect(r.stdout).toContain('101');
  });

  it('takes the format from the extension when --format is absent', async () => {
    await small();
    const csv = await sb.ok('report', 'trial-balance', '--from', '2024-03', '--to', '2024-03', '--out', 'tb.csv');
    expect(csv.stdout).toBe('');
    expect(csv.stderr).toBe('已写入 tb.csv\n');
    const bytes = fs.readFileSync(path.join(sb.dir, 'tb.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('101,库存现金,,,0.00,120.00,0.00,120.00,,120.00\r\n');
    await sb.ok('report', 'trial-balance', '--from', '2024-03', '--to', '2024-03', '--out', 'TB.JSON');
    const json = JSON.parse(fs.readFileSync(path.join(sb.dir, 'TB.JSON'), 'utf8'));
    expect(json).toEqual((await sb.ok('report', 'trial-balance', '--from', '2024-03', '--to', '2024-03', '--format', 'json')).json());
    // Any other extension: the table.
    await sb.ok('report', 'trial-balance', '--from', '2024-03', '--to', '2024-03', '--out', 'tb.txt');
    expect(fs.readFileSync(path.join(sb.dir, 'tb.txt'), 'utf8')).toMatch(/^科目余额表 {2}2024-03 至 2024-03\n┌/);
  });

  it('refuses to overwrite an existing file without --force', async () => {
    await small();
    const file = sb.file('tb.csv', 'keep me');
    const r = await sb.run('report', 'trial-balance', '--out', 'tb.csv');
    expectRefused(r, 'OUT_EXISTS');
    expect(r.stderr).toBe('文件「tb.csv」已存在；要覆盖请加 --force\n');
    expect(fs.readFileSync(file, 'utf8')).toBe('keep me');
    await sb.ok('report', 'trial-balance', '--from', '2024-03', '--to', '2024-03', '--out', 'tb.csv', '--force');
    expect(fs.readFileSync(file, 'utf8')).toContain('科目编码,科目名称');
  });

  it('an empty file (as mktemp makes) holds nothing to lose: written without --force, in every format', async () => {
    await small();
    for (const name of ['e.json', 'e.csv', 'e.xlsx', 'e.txt']) {
      const file = sb.file(name, '');
      await sb.ok('report', 'trial-balance', '--from', '2024-03', '--to', '2024-03', '--out', name);
      expect(fs.statSync(file).size, name).toBeGreaterThan(100);
    }
    expect(JSON.parse(fs.readFileSync(path.join(sb.dir, 'e.json'), 'utf8')).from).toBe('2024-03');
    // Written once it is no longer empty: the second time needs --force.
    expectRefused(await sb.run('report', 'trial-balance', '--from', '2024-03', '--to', '2024-03', '--out', 'e.json'), 'OUT_EXISTS');
  });

  it('a missing folder is a clear refusal, and nothing is written', async () => {
    await small();
    const r = await sb.run('report', 'journal', '--out', path.join('no-such-folder', 'j.csv'));
    expectRefused(r, 'OUT_DIR');
    expect(r.stderr).toBe('无法写入「no-such-folder/j.csv」：文件夹「no-such-folder」不存在\n');
    expect(fs.existsSync(path.join(sb.dir, 'no-such-folder'))).toBe(false);
  });

  it('an --out that is a folder, and an extension that contradicts --format', async () => {
    await small();
    fs.mkdirSync(path.join(sb.dir, 'reports'));
    expectRefused(await sb.run('report', 'journal', '--out', 'reports', '--force'), 'OUT_FILE');
    expectRefused(await sb.run('report', 'journal', '--out', 'j.json', '--format', 'csv'), 'OUT_FORMAT');
    expect(fs.readdirSync(sb.dir).sort()).toEqual(['ledger.db', 'reports']);
  });

  it('member show --out to a bad path refuses cleanly', async () => {
    await small();
    const r = await sb.run('member', 'show', 'X001', '--out', path.join('nowhere', 'x.csv'));
    expectRefused(r, 'OUT_DIR');
    expect(r.stderr).not.toMatch(/内部错误|internal error|ENOENT|\n\s+at /);
    expect(r.stderr).toContain('nowhere');
    const json = await sb.run('member', 'show', 'X001', '--format', 'json', '--out', path.join('nowhere', 'x.json'));
    expectRefused(json, 'OUT_DIR');
    expect(JSON.parse(json.stderr)).toMatchObject({ exitCode: 1, errors: [{ code: 'OUT_DIR' }] });
  });

  it('a failed write leaves no temporary file and the old file untouched', async () => {
    const { writeFileAtomic } = await import('../../src/io/emit.js');
    sb = new Sandbox('atomic');
    // The target is a folder that holds a file: the rename into place fails.
    fs.mkdirSync(path.join(sb.dir, 'out'));
    fs.writeFileSync(path.join(sb.dir, 'out', 'old.txt'), 'old');
    expect(() => writeFileAtomic(path.join(sb.dir, 'out'), 'out', 'new bytes')).toThrow(/无法写入文件「out」/);
    expect(fs.readdirSync(sb.dir).sort()).toEqual(['out']);
    expect(fs.readFileSync(path.join(sb.dir, 'out', 'old.txt'), 'utf8')).toBe('old');
    // Without overwrite, a file that exists by the time of the write is refused, not replaced.
    fs.writeFileSync(path.join(sb.dir, 'a.csv'), 'mine');
    expect(() => writeFileAtomic(path.join(sb.dir, 'a.csv'), 'a.csv', 'theirs', undefined, false)).toThrow(/已存在/);
    expect(fs.readFileSync(path.join(sb.dir, 'a.csv'), 'utf8')).toBe('mine');
    expect(fs.readdirSync(sb.dir).sort()).toEqual(['a.csv', 'out']);
  });

  it('an error of SQLite while the rows are read is not said as the file’s, and leaves no file', async () => {
    const { writeStreamAtomic } = await import('../../src/io/emit.js');
    sb = new Sandbox('atomic-sqlite');
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    const disk = Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    for (const [e, said] of [
      [busy, busy],
      [disk, /无法写入文件「b.csv」/],
    ] as const) {
      const write = writeStreamAtomic(path.join(sb.dir, 'b.csv'), 'b.csv', async (out) => {
        out.write('首行\n');
        throw e;
      });
      if (said instanceof RegExp) await expect(write).rejects.toThrow(said);
      else await expect(write).rejects.toBe(said);
      expect(fs.readdirSync(sb.dir)).toEqual([]);
    }
  });
});

describe('tables fit the terminal', () => {
  async function run(args: string[], columns?: number) {
    let out = '';
    const code = await main(['node', 'sanzi', '--db', sb.db, ...args], {
      stdout: (c) => (out += typeof c === 'string' ? c : c.toString('utf8')),
      stderr: () => {},
      env: {},
      cwd: sb.dir,
      columns,
      now: () => new Date('2026-01-15T10:00:00'),
    });
    return { code, out };
  }

  it('a 60-column terminal narrows the widest text column and wraps it; nothing is lost', async () => {
    await small();
    const wide = await run(['account', 'list']);
    expect(Math.max(...wide.out.split('\n').map(displayWidth))).toBe(70);
    const narrow = await run(['account', 'list'], 60);
    expect(narrow.code).toBe(0);
    const lines = narrow.out.trimEnd().split('\n');
    expect(Math.max(...lines.map(displayWidth))).toBeLessThanOrEqual(60);
    // 133 生产性生物资产累计折旧 (22 columns) wraps inside its cell, 12 columns wide.
    const i = lines.findIndex((l) => l.startsWith('│ 133 '));
    expect(lines[i]).toContain('│ 生产性生物资 │');
    expect(lines[i + 1]).toMatch(/^│ +│ 产累计折旧 +│/);
    // Dates and codes never wrap: every account code is whole on its line.
    expect(lines.filter((l) => /^│ \d{3,7} /.test(l))).toHaveLength(49); // 42 first-level, 6 preset under 322, and 10201
  });

  it('CSV and JSON do not change with the terminal', async () => {
    await small();
    for (const format of ['csv', 'json']) {
      const a = await run(['report', 'journal', '--from', '2024-03', '--to', '2024-03', '--format', format]);
      const b = await run(['report', 'journal', '--from', '2024-03', '--to', '2024-03', '--format', format], 40);
      expect(b.out).toBe(a.out);
    }
  });

  it('a table that fits is left as it is', async () => {
    await small();
    const a = await run(['report', 'income', '--year', '2024']);
    const b = await run(['report', 'income', '--year', '2024'], 120);
    expect(b.out).toBe(a.out);
  });
});

describe('the installed command', () => {
  // Node 20 reads NODE_EXTRA_CA_CERTS's file as it starts (and warns when it cannot); sanzi makes no
  // network connection, and its #! line starts Node without that variable.
  const env = { ...process.env, NODE_EXTRA_CA_CERTS: path.join(ROOT, 'no-such-certificates.pem') };
  it('plain Node reads the certificate file named by NODE_EXTRA_CA_CERTS (the control)', () => {
    const r = spawnSync(process.execPath, ['-e', '0'], { env, encoding: 'utf8' });
    expect(r.stderr).toContain('extra certs');
  });
  it('a command that stops on a promise nothing settles is an internal error (exit 1), not a silent exit 0', () => {
    // The bundle's main() replaced by one that never settles and leaves nothing to wait for.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanzi-stall-'));
    try {
      const preload = path.join(dir, 'stall.cjs');
      fs.writeFileSync(
        preload,
        `const vm = require('node:vm');
         vm.Script.prototype.runInThisContext = function () {
           return function (exports, req, module) { module.exports.main = () => new Promise(() => {}); };
         };`,
      );
      const r = spawnSync(process.execPath, ['-r', preload, BIN, 'account', 'list'], { encoding: 'utf8' });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('sanzi 内部错误：命令没有完成就停止了');
      expect(r.stderr).not.toMatch(/\n\s+at /);
      // The same main() answering normally: exit 0, nothing on stderr.
      fs.writeFileSync(
        preload,
        `const vm = require('node:vm');
         vm.Script.prototype.runInThisContext = function () {
           return function (exports, req, module) { module.exports.main = async () => 0; };
         };`,
      );
      const ok = spawnSync(process.execPath, ['-r', preload, BIN, 'account', 'list'], { encoding: 'utf8' });
      expect([ok.status, ok.stderr]).toEqual([0, '']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a report or the help written to a file, stderr a pipe, loads none of Node’s stream modules (they cost a small command some 5–10 ms)', async () => {
    await small();
    const loaded = path.join(sb.dir, 'loaded.txt');
    const preload = path.join(sb.dir, 'loaded.cjs');
    fs.writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(loaded)}, process.moduleLoadList.join('\\n')));`);
    const modules = (args: string[]) => {
      const out = fs.openSync(path.join(sb.dir, 'out.txt'), 'w');
      const r = spawnSync(process.execPath, ['-r', preload, BIN, '--db', sb.db, ...args], { stdio: ['ignore', out, 'pipe'], encoding: 'utf8', cwd: sb.dir });
      fs.closeSync(out);
      expect(r.status).toBe(0);
      return fs.readFileSync(loaded, 'utf8').split('\n');
    };
    // A file of its own (--out) written as CSV, held or streamed, and said on stderr (a pipe): no stream either.
    for (const args of [
      ['report', 'trial-balance', '--from', '2024-01', '--to', '2024-12'],
      ['account', 'list'],
      ['report', 'balance-sheet', '--as-of', '2024-06-30'],
      ['--help'],
      ['report', '--help'],
      ['report', 'trial-balance', '--from', '2024-01', '--to', '2024-12', '--out', 'tb.csv', '--force'],
      ['report', 'ledger', '--account', '101', '--from', '2024-01', '--to', '2024-12', '--out', 'l.csv', '--force'],
    ]) {
      expect(modules(args).filter((m) => /^NativeModule (stream|net|tty|internal\/streams\/(readable|writable|duplex))$/.test(m)), args.join(' ')).toEqual([]);
    }
    // The control: a workbook is written through a stream (exceljs's), and the check sees it.
    expect(modules(['account', 'list', '--out', 'a.xlsx', '--force']).some((m) => m === 'NativeModule stream')).toBe(true);
  });

  it('bin/sanzi.js run through its #! line starts Node without it', () => {
    const r = spawnSync(BIN, ['--version'], { env, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
    expect(r.stderr).toBe('');
  });

  it('bin/sanzi.js run through its #! line: glibc’s heap grows in 4 MiB steps, may take huge pages, one arena; the line fits 127 characters', () => {
    const first = fs.readFileSync(BIN, 'utf8').split('\n')[0];
    expect(first.length).toBeLessThanOrEqual(127);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanzi-env-'));
    try {
      // What the process sees of its environment and of its heap's mapping ([heap] in /proc/self/smaps).
      const preload = path.join(dir, 'env.cjs');
      const seen = path.join(dir, 'seen.json');
      fs.writeFileSync(
        preload,
        `const fs = require('node:fs');
         const smaps = fs.existsSync('/proc/self/smaps') ? fs.readFileSync('/proc/self/smaps', 'utf8') : '';
         const at = smaps.indexOf('[heap]');
         const flags = at < 0 ? null : smaps.slice(at).match(/^VmFlags:(.*)$/m)[1].trim().split(/\\s+/);
         const e = process.env;
         fs.writeFileSync(${JSON.stringify(seen)}, JSON.stringify({ env: [e.NODE_EXTRA_CA_CERTS, e.GLIBC_TUNABLES, e.MALLOC_TOP_PAD_, e.MALLOC_ARENA_MAX], flags }));`,
      );
      const run = (cmd: string, args: string[], certs: string | undefined) => {
        const given: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: `--require ${preload}`, GLIBC_TUNABLES: '', MALLOC_ARENA_MAX: '' };
        delete given.MALLOC_TOP_PAD_;
        if (certs === undefined) delete given.NODE_EXTRA_CA_CERTS;
        else given.NODE_EXTRA_CA_CERTS = certs;
        const r = spawnSync(cmd, args, { env: given, encoding: 'utf8' });
        expect([r.status, r.stderr]).toEqual([0, '']);
        return JSON.parse(fs.readFileSync(seen, 'utf8')) as { env: (string | null)[]; flags: string[] | null };
      };
      const installed = run(BIN, ['--version'], env.NODE_EXTRA_CA_CERTS);
      expect(installed.env).toEqual(['', 'glibc.malloc.hugetlb=1', '4194304', '1']);
      // hg: madvise(MADV_HUGEPAGE), made by glibc for hugetlb=1 where the kernel has huge pages at all.
      const thp = fs.existsSync('/sys/kernel/mm/transparent_hugepage/enabled');
      if (installed.flags && thp) expect(installed.flags).toContain('hg');
      // The control: the same script run by node itself keeps the environment it was given.
      const plain = run(process.execPath, [BIN, '--version'], undefined);
      expect(plain.env).toEqual([null, '', null, '']);
      if (plain.flags && thp) expect(plain.flags).not.toContain('hg');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('stderr of the installed command', () => {
  it('a workbook written says nothing on stderr (no deprecation warning from the zip writer)', async () => {
    sb = await small();
    const r = spawnSync(process.execPath, [BIN, '--db', sb.db, 'account', 'list', '--out', 'a.xlsx'], { cwd: sb.dir, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect([r.status, r.stderr]).toEqual([0, '已写入 a.xlsx\n']);
    expect(fs.statSync(path.join(sb.dir, 'a.xlsx')).size).toBeGreaterThan(1000);
  });

  it('standard output that cannot be written (/dev/full): one line and exit 1, no stack trace', async () => {
    if (!fs.existsSync('/dev/full')) return;
    sb = await small();
    for (const format of ['json', 'table']) {
      const fd = fs.openSync('/dev/full', 'w');
      try {
        const r = spawnSync(process.execPath, [BIN, '--db', sb.db, 'account', 'list', '--format', format], { cwd: sb.dir, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
        expect([r.status, r.stderr]).toEqual([1, 'sanzi：无法写出结果到标准输出（磁盘已满）\n']);
        const en = spawnSync(process.execPath, [BIN, '--lang', 'en', '--db', sb.db, 'account', 'list', '--format', format], { cwd: sb.dir, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
        expect([en.status, en.stderr]).toEqual([1, 'sanzi: cannot write the output to standard output (no space left on the disk)\n']);
      } finally {
        fs.closeSync(fd);
      }
    }
  });
});
