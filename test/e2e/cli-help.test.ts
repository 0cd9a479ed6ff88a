// Help in Chinese: every command's --help walked, no English boilerplate left, the description
// column aligned with CJK counted as two columns; usage errors translated; --version.
import fs from 'node:fs';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';
import type { Context } from '../../src/cli/context.js';
import { displayWidth } from '../../src/io/text-width.js';
import { runCli } from '../harness.js';

const VERSION = (JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Every command path of the program: [], ['report'], ['report', 'trial-balance'], … */
async function commandPaths(): Promise<string[][]> {
  const ctx = { lang: 'zh', dbPath: 'x.db', cwd: '.', env: {}, stdout: () => {}, stderr: () => {}, now: () => new Date(), by: 't', stderrIsTTY: false } as Context;
  const out: string[][] = [];
  const walk = (cmd: Command, path: string[]) => {
    out.push(path);
    for (const sub of cmd.commands) if (sub.name() !== 'help') walk(sub, [...path, sub.name()]);
  };
  walk(await buildProgram(ctx), []);
  return out;
}

const PATHS = await commandPaths();

// What commander prints in English when nothing translates it.
const BOILERPLATE = [
  /\bUsage:/,
  /\bOptions:/,
  /\bCommands:/,
  /\bArguments:/,
  /\bGlobal Options:/,
  /\bExamples?:/i,
  /\(default:/,
  /\bdefault:/,
  /\bchoices:/,
  /\bpreset:/,
  /\benv:/,
  /Did you mean/,
  /display help/,
  /\[options\]/,
  /\[command\]/,
  /\(examples\)/,
  /默认：）/, // an empty default said out loud
];

/** A placeholder that still holds an English word (`<file>`, `[command]`); `<YYYY-MM>` and `<收|付>` are fine. */
const ENGLISH_PLACEHOLDER = /<[^>]*[a-z][^>]*>|\[[^\]]*[a-z][^\]]*\]/;

const HEADINGS = ['参数：', '选项：', '全局选项：', '命令：'];

interface Page {
  usage: string;
  /** Term and description-column of every item line (continuation lines have an empty term). */
  items: { line: string; term: string; column: number }[];
}

function parse(text: string): Page {
  const lines = text.split('\n');
  const usage = lines[0];
  const items: Page['items'] = [];
  let inItems = false;
  for (const line of lines.slice(1)) {
    if (/^\S/.test(line)) {
      inItems = HEADINGS.includes(line);
      continue;
    }
    if (!inItems || line.trim() === '') continue;
    const m = /^( {2})(\S(?:\S| (?! ))*)( {2,})(.*)$/.exec(line);
    if (m) items.push({ line, term: m[2], column: displayWidth(m[1] + m[2] + m[3]) });
    else if (/^ {3,}\S/.test(line)) items.push({ line, term: '', column: line.length - line.trimStart().length });
    else items.push({ line, term: line.trim(), column: -1 }); // a term without a description
  }
  return { usage, items };
}

describe('help under zh', () => {
  it('walks more than forty commands', () => {
    expect(PATHS.length).toBeGreaterThan(40);
  });

  for (const path of PATHS) {
    it(`sanzi ${path.join(' ')} --help`, async () => {
      const r = await runCli([...path, '--help']);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      const text = r.stdout;
      expect(text.startsWith('用法：sanzi')).toBe(true);
      for (const re of BOILERPLATE) expect(text, `${re} in the help of ${path.join(' ')}`).not.toMatch(re);
      const page = parse(text.split('\n示例：\n')[0]);
      expect(page.usage).not.toMatch(ENGLISH_PLACEHOLDER);
      for (const item of page.items) expect(item.term, item.line).not.toMatch(ENGLISH_PLACEHOLDER);
      // One description column for the whole page, continuation lines included.
      const columns = new Set(page.items.filter((i) => i.column >= 0).map((i) => i.column));
      expect([...columns], text).toHaveLength(1);
      // Lines fit 80 columns unless they hold a single run of ASCII too long to break.
      for (const item of page.items) {
        if (displayWidth(item.line) > 80) expect(item.line, 'an over-long help line').toMatch(/[\x21-\x7e]{30,}/);
      }
      if (path.length > 0 && !text.includes('命令：')) expect(text).toMatch(/\n示例：\n {2}sanzi /);
    });
  }

  it('a placeholder is translated in the usage, the option list and the argument list', async () => {
    const r = await runCli(['import', '--help']);
    expect(r.stdout).toContain('用法：sanzi import [选项] <类型> <文件>');
    expect(r.stdout).toMatch(/\n {2}类型 +导入什么/);
    const a = await runCli(['asset', 'add', '--help']);
    expect(a.stdout).toMatch(/--operating <是\|否> +是否经营性/);
    const g = await runCli(['--help']);
    expect(g.stdout).toMatch(/--db <文件> +账套文件/);
    expect(g.stdout).toContain('help [命令]');
  });

  it('choices and defaults already written in a description are not repeated', async () => {
    const r = await runCli(['report', 'income', '--help']);
    expect(r.stdout).toMatch(/--format <格式> +输出格式 table\|csv\|json\|html\|xlsx（默认表格）\n/);
    expect(r.stdout).toMatch(/--encoding <编码> +CSV 编码 utf8\|gbk（默认带 BOM 的 UTF-8；utf8 不带 BOM）\n/);
  });

  it('--lang en keeps commander’s English and says Examples', async () => {
    const r = await runCli(['--lang', 'en', 'report', 'income', '--help']);
    expect(r.stdout).toMatch(/^Usage: sanzi report income \[options\]/);
    expect(r.stdout).toContain('\nExamples:\n  sanzi report income --year 2024\n');
  });
});

describe('usage errors under zh', () => {
  const ENGLISH = /error:|Did you mean|Expected|argument|unknown|Allowed|not specified|invalid/;
  it('a missing required option names it with its placeholder in Chinese', async () => {
    const r = await runCli(['report', 'ledger']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('用法错误：缺少必需的选项「--account <编码>」\n');
  });
  it('a missing argument, too many arguments, a bad choice', async () => {
    const a = await runCli(['voucher', 'show']);
    expect([a.code, a.stderr]).toEqual([2, '用法错误：缺少参数「凭证号」\n']);
    const b = await runCli(['voucher', 'show', '2024-01/1', '2024-01/2']);
    expect([b.code, b.stderr]).toEqual([2, '用法错误：参数过多：「show」需要 1 个，给了 2 个\n']);
    const c = await runCli(['report', 'income', '--format', 'pdf']);
    expect([c.code, c.stderr]).toEqual([2, '用法错误：选项「--format <格式>」的取值「pdf」无效，可选：table、csv、json、html、xlsx\n']);
  });
  it('a misspelt command or option gets a suggestion in Chinese', async () => {
    const a = await runCli(['repot']);
    expect([a.code, a.stderr]).toEqual([2, '用法错误：不认识的命令「repot」\n（是不是要用 report？）\n']);
    const b = await runCli(['report', 'trial-balance', '--fro', '2024-01']);
    expect([b.code, b.stderr]).toEqual([2, '用法错误：不认识的选项「--fro」\n（是不是要用 --from？）\n']);
    for (const r of [a, b]) expect(r.stderr).not.toMatch(ENGLISH);
  });
  it('a command group without its subcommand shows its help as a usage error', async () => {
    const r = await runCli(['report']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^用法：sanzi report \[选项\] \[命令\]/);
    expect(r.stderr).toContain('trial-balance [选项]');
  });
  it('no arguments at all prints the help and exits 0', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^用法：sanzi \[选项\] \[命令\]/);
  });
});

describe('--version', () => {
  it('prints the package version', async () => {
    for (const flag of ['--version', '-V']) {
      const r = await runCli([flag]);
      expect([r.code, r.stdout, r.stderr]).toEqual([0, `${VERSION}\n`, '']);
    }
  });
});
