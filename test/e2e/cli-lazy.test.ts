// The lazy command table: each group adds exactly the commands the table says, a command built on
// its own answers exactly as in the whole program, and argv is read right to choose the group.
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram, commandListing, groupsFor, main } from '../../src/cli/main.js';
import type { Context } from '../../src/cli/context.js';
import { COMMAND_GROUPS } from '../../src/commands/index.js';

const ctx = (): Context => ({ lang: 'zh', dbPath: 'x.db', cwd: '.', env: {}, stdout: () => {}, stderr: () => {}, now: () => new Date(), by: 't', stderrIsTTY: false });

async function say(argv: string[]): Promise<string> {
  let out = '';
  const code = await main(['node', 'sanzi', ...argv], { stdout: (s) => (out += String(s)), stderr: (s) => (out += s), env: {}, columns: 100 });
  return `${out}\nexit ${code}`;
}

describe('the lazy command table', () => {
  it('names every top-level command its group adds, in the order of the whole program', async () => {
    const whole = await buildProgram(ctx());
    const listed: string[] = [];
    for (const g of COMMAND_GROUPS) {
      const p = new Command('sanzi');
      (await g.load())(p, ctx());
      expect(p.commands.map((c) => c.name())).toEqual(g.names);
      listed.push(...g.names);
    }
    expect(commandListing(whole).map((c) => c.name)).toEqual(listed);
  });

  it('builds one group for a command that names it, none for help and version alone, all when unsure', () => {
    const names = (argv: string[]) => groupsFor(['node', 'sanzi', ...argv])?.map((g) => g.names[0]) ?? null;
    expect(names(['report', 'trial-balance'])).toEqual(['report']);
    expect(names(['--db', 'x.db', '--lang', 'en', 'member', 'list'])).toEqual(['member']);
    expect(names(['--by', '张三', 'restore', 'f.db'])).toEqual(['backup']);
    expect(names(['help', 'year'])).toEqual(['period']);
    expect(names(['--db=x.db', 'contribute', '--project', 'tq'])).toEqual(['contribute']);
    expect(names(['--help'])).toEqual([]);
    expect(names(['-V'])).toEqual([]);
    expect(names([])).toEqual([]);
    expect(names(['help'])).toEqual([]);
    expect(names(['repot'])).toBeNull(); // a typo: the whole program, so commander suggests `report`
    expect(names(['--format', 'json', 'report'])).toBeNull(); // an option of no known arity before the command
    expect(names(['--', 'report'])).toBeNull();
  });

  it('answers every command’s --help as the whole program does', async () => {
    for (const g of COMMAND_GROUPS) {
      for (const name of g.names) {
        let out = '';
        const c = { ...ctx(), stdout: (s: string | Buffer) => (out += String(s)), stderr: (s: string) => (out += s), columns: 100 };
        const whole = await buildProgram(c); // every group
        await whole.parseAsync(['node', 'sanzi', name, '--help']).catch(() => undefined);
        expect(out).toContain(`sanzi ${name}`);
        expect(await say([name, '--help'])).toBe(`${out}\nexit 0`);
      }
    }
  });
});
