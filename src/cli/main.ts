// main(): assemble the program, run one command, turn the outcome into an exit code.
// Only bin/sanzi.js exits the process.
import os from 'node:os';
import { Command, CommanderError } from 'commander';
import { formatError, Refusal, type Lang, type LedgerError } from '../domain/errors.js';
import { StoreErrors } from '../domain/errors/store.js';
import type { Context, MainIO } from './context.js';
import { helpConfig, translateUsageError } from './help.js';
import { registerCommands } from '../commands/index.js';
import { VERSION } from './version.js';
import { busySeconds } from '../store/db.js';

function argValue(argv: string[], name: string): string | undefined {
  const i = argv.findIndex((a) => a === name || a.startsWith(name + '='));
  if (i < 0) return undefined;
  return argv[i].includes('=') ? argv[i].slice(argv[i].indexOf('=') + 1) : argv[i + 1];
}

function langFrom(argv: string[], env: Record<string, string | undefined>): Lang {
  const v = argValue(argv, '--lang') ?? env.SANZI_LANG;
  return v && v.toLowerCase().startsWith('en') ? 'en' : 'zh';
}

function osUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** An error line for stderr: where it came from and the message (`FILE:LINE: message`). */
export function errorLine(e: LedgerError, lang: Lang): string {
  return formatError(e, lang);
}

/** Under --format json a refusal is JSON on stderr, with each error's code, for scripts. */
export function errorJson(errors: readonly LedgerError[], lang: Lang, exitCode: number): string {
  return (
    JSON.stringify({
      exitCode,
      errors: errors.map((e) => ({ code: e.code, message: lang === 'en' ? e.en : e.zh, ...(e.source ?? {}) })),
    }) + '\n'
  );
}

/** Older spellings still accepted: `shares --by household` (now --group, since --by names who works). */
function compatArgs(argv: string[]): string[] {
  const out = [...argv];
  for (let i = 0; i < out.length; i++) {
    if (out[i] === '--by' && out[i + 1] === 'household') out[i] = '--group';
    else if (out[i] === '--by=household') out[i] = '--group=household';
  }
  return out;
}

export function buildProgram(ctx: Context): Command {
  const program = new Command('sanzi');
  const help = helpConfig(ctx.lang);
  program
    .description('三资：农村集体经济组织的账本（凭证、三资台账、股份与收益分配）')
    .option('--db <file>', '账套文件（默认 $SANZI_DB，否则 ./sanzi.db）')
    .option('--lang <lang>', '界面语言 zh|en（默认 zh，或 $SANZI_LANG）')
    .option('--by <name>', '经办人，记入审计留痕（默认当前系统用户）')
    .version(VERSION, '-V, --version', '显示版本号')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [command]', '显示某个命令的帮助')
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.stdout(s),
      writeErr: (s) => ctx.stderr(translateUsageError(s, ctx.lang)),
      outputError: (s, write) => write(s),
    });
  program.configureHelp(help);
  program.hook('preAction', () => {
    const o = program.opts<{ db?: string; by?: string }>();
    ctx.dbPath = o.db ?? ctx.env.SANZI_DB ?? 'sanzi.db';
    if (o.by && o.by.trim() !== '') ctx.by = ctx.byGiven = o.by.trim();
  });
  registerCommands(program, ctx);
  // Every subcommand inherits exitOverride, output and help settings.
  const inherit = (cmd: Command) => {
    for (const sub of cmd.commands) {
      sub.exitOverride();
      sub.helpOption('-h, --help', '显示帮助');
      sub.configureOutput(program.configureOutput());
      sub.configureHelp(help);
      if (sub.commands.length) sub.helpCommand('help [command]', '显示某个命令的帮助');
      inherit(sub);
    }
  };
  inherit(program);
  return program;
}

export async function main(argv: string[], io: MainIO = {}): Promise<number> {
  const env = io.env ?? process.env;
  const ctx: Context = {
    lang: langFrom(argv, env),
    dbPath: env.SANZI_DB ?? 'sanzi.db',
    cwd: io.cwd ?? process.cwd(),
    env,
    stdout: io.stdout ?? ((c) => process.stdout.write(c)),
    stderr: io.stderr ?? ((c) => process.stderr.write(c)),
    now: io.now ?? (() => new Date()),
    by: io.user ?? env.SANZI_USER ?? osUser(),
    stderrIsTTY: io.stderrIsTTY ?? Boolean(process.stderr.isTTY),
    columns: io.columns ?? (io.stdout ? undefined : process.stdout.isTTY ? process.stdout.columns : undefined),
  };
  const program = buildProgram(ctx);
  argv = compatArgs(argv);
  try {
    if (argv.length <= 2) {
      program.outputHelp();
      return 0;
    }
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof Refusal) {
      io.onRefusal?.(e);
      if (argValue(argv, '--format') === 'json') ctx.stderr(errorJson(e.errors, ctx.lang, e.exitCode));
      else for (const err of e.errors) ctx.stderr(errorLine(err, ctx.lang) + '\n');
      return e.exitCode;
    }
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.help' || e.code === 'commander.version') return 0;
      if (e.exitCode === 0) return 0;
      return 2;
    }
    const err = e as Error & { code?: string };
    if (err.code === 'SQLITE_BUSY') {
      ctx.stderr(errorLine(StoreErrors.LEDGER_BUSY(busySeconds(env.SANZI_BUSY_TIMEOUT)), ctx.lang) + '\n');
      return 1;
    }
    if (err.code === 'EPIPE') return 0;
    ctx.stderr((ctx.lang === 'en' ? 'sanzi internal error: ' : 'sanzi 内部错误：') + (err.message ?? String(e)) + '\n');
    if (env.SANZI_DEBUG) ctx.stderr(String(err.stack) + '\n');
    return 1;
  }
}
