// main(): assemble the program, run one command, turn the outcome into an exit code.
// Only bin/sanzi.js exits the process.
import os from 'node:os';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { formatError, Refusal, type Lang, type LedgerError } from '../domain/errors.js';
import { StoreErrors } from '../domain/errors/store.js';
import { OutputErrors } from '../domain/errors/output.js';
import { UsageErrors } from '../domain/errors/usage.js';
import type { Context, MainIO } from './context.js';
import { helpConfig, translateUsageError } from './help.js';
import { COMMAND_GROUPS, groupOf, registerCommands, type CommandGroup } from '../commands/index.js';
import { VERSION } from './version.js';
// Nothing else is loaded before the command's own group: the output writer (io/emit.js) and the
// store (store/db.js) are loaded by that group, or here on an error that needs them.

/** An option's value as commander takes it: the last one given (before a `--`). */
function argValue(argv: string[], name: string): string | undefined {
  let v: string | undefined;
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (a === name) v = argv[++i];
    else if (a.startsWith(name + '=')) v = a.slice(name.length + 1);
  }
  return v;
}

/** The language a --lang value (or SANZI_LANG) names: zh or en, with a region or not (en-US, zh_CN); null for any other. */
export function langOf(value: string): Lang | null {
  const m = /^(zh|en)([-_].*)?$/i.exec(value.trim());
  return m ? (m[1].toLowerCase() as Lang) : null;
}

function langFrom(argv: string[], env: Record<string, string | undefined>): Lang {
  // --lang of a language sanzi does not speak is refused (a usage error, in Chinese); SANZI_LANG's is Chinese.
  return langOf(argValue(argv, '--lang') ?? env.SANZI_LANG ?? '') ?? 'zh';
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

/** A top-level command as the program's help lists it: what `sanzi --help` needs of a group without loading it. */
export interface CommandStub {
  name: string;
  description: string;
  /** Its arguments as help shows them: `<kind>`, `[file]`, `<ref...>`. */
  args: string[];
  /** Whether it has options of its own (help then shows `[options]`). */
  options: boolean;
}

// The bundle (src/tools/bundle.ts) defines the listing of every top-level command, taken from the
// whole program when it is built; run from the modules, there is none and help builds every group.
declare const __SANZI_COMMANDS__: readonly CommandStub[] | undefined;
const LISTING: readonly CommandStub[] | null = typeof __SANZI_COMMANDS__ === 'undefined' ? null : __SANZI_COMMANDS__;

/** Every top-level command of a built program as help lists it. */
export function commandListing(program: Command): CommandStub[] {
  return program.commands
    .filter((c) => c.name() !== 'help')
    .map((c) => ({
      name: c.name(),
      description: c.summary() || c.description(),
      args: c.registeredArguments.map((a) => {
        const n = a.name() + (a.variadic ? '...' : '');
        return a.required ? `<${n}>` : `[${n}]`;
      }),
      options: c.options.length > 0,
    }));
}

/** Global options that take a value (`--db FILE`), skipped when looking for the command's name. */
const GLOBAL_VALUE_OPTIONS = new Set(['--db', '--lang', '--by']);

/**
 * The command groups argv needs built: the one its first word names (`report …`, `help report`),
 * none for `--help`, `--version` or no command at all (the listing says what help needs), or null
 * when that cannot be told for sure (every group is built, so that commander answers as always).
 */
export function groupsFor(argv: readonly string[]): CommandGroup[] | null {
  const words: string[] = [];
  for (let i = 2; i < argv.length && words.length < 2; i++) {
    const a = argv[i];
    if (a === '--') return null;
    if (a.startsWith('-')) {
      if (GLOBAL_VALUE_OPTIONS.has(a)) i++;
      continue;
    }
    words.push(a);
  }
  if (words.length === 0) return [];
  const name = words[0] === 'help' ? words[1] : words[0];
  if (name === undefined) return [];
  const group = groupOf(name);
  return group ? [group] : null;
}

function baseProgram(ctx: Context): Command {
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
      // Help wraps to the terminal (CJK counted as two columns); 80 when not a terminal.
      getOutHelpWidth: () => ctx.columns ?? 80,
      getErrHelpWidth: () => ctx.columns ?? 80,
      // sanzi writes no colours. Left to commander, these ask process.stdout and process.stderr,
      // which loads Node's stream modules (and a socket's, for a pipe) for every help it prints.
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    });
  program.configureHelp(help);
  program.hook('preAction', async (_program, action) => {
    const o = program.opts<{ db?: string; by?: string; lang?: string }>();
    if (o.lang !== undefined && langOf(o.lang) === null)
      throw new Refusal(UsageErrors.OPTION_VALUE('--lang', `「${o.lang}」不是可用的语言（zh 或 en）`, `"${o.lang}" is not a language sanzi speaks (zh or en)`), 2);
    ctx.dbPath = o.db ?? (ctx.env.SANZI_DB || 'sanzi.db');
    if (o.by && o.by.trim() !== '') ctx.by = ctx.byGiven = o.by.trim();
    refuseLongText(action);
    // What --out and --format say is checked before the command runs (checkOutputOptions).
    if (action.getOptionValue('out') !== undefined || action.getOptionValue('format') === 'xlsx') {
      const { checkOutputOptions } = await import('./run.js');
      checkOutputOptions(ctx, action);
    }
  });
  return program;
}

/** The longest text a command-line value may hold, as a field of an import file (MAX_FIELD). */
const MAX_TEXT = 10_000;

/** A value over MAX_TEXT characters (a summary, a reason, a name) is refused, as it is in an import file. */
function refuseLongText(action: Command): void {
  const errors: LedgerError[] = [];
  const check = (name: string, v: unknown) => {
    for (const x of Array.isArray(v) ? v : [v]) {
      if (typeof x === 'string' && x.length > MAX_TEXT) errors.push(UsageErrors.OPTION_VALUE(name, `内容超过 ${MAX_TEXT.toLocaleString('en')} 个字符`, `longer than ${MAX_TEXT.toLocaleString('en')} characters`));
    }
  };
  for (const opt of action.options) check(opt.long ?? opt.flags, action.getOptionValue(opt.attributeName()));
  action.args.forEach((a, i) => check(action.registeredArguments[i]?.name() ?? `argument ${i + 1}`, a));
  if (errors.length) throw new Refusal(errors);
}

/** Every subcommand inherits exitOverride, output and help settings. */
function inheritSettings(program: Command, ctx: Context): void {
  const help = helpConfig(ctx.lang);
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
}

/**
 * The program. Without argv, or when argv cannot be told apart for sure, every command group is
 * built; otherwise only the group argv names, and for help alone each top-level command as the
 * listing describes it (nothing of the groups is loaded: `sanzi --help` starts as fast as Node).
 */
export async function buildProgram(ctx: Context, argv?: readonly string[]): Promise<Command> {
  const program = baseProgram(ctx);
  const groups = argv ? groupsFor(argv) : null;
  if (groups === null || (groups.length === 0 && !LISTING)) await registerCommands(program, ctx, COMMAND_GROUPS);
  else if (groups.length > 0) await registerCommands(program, ctx, groups);
  else {
    for (const s of LISTING!) {
      const c = program.command(s.name).description(s.description);
      for (const a of s.args) c.argument(a);
      if (s.options) c.addOption(new Option('--listed-only').hideHelp());
    }
  }
  inheritSettings(program, ctx);
  return program;
}

/**
 * A file the command was given could not be read or written (a missing folder, no permission, a
 * full disk): a refusal naming the file, never an internal error. The --out file gets OUT_DIR or
 * OUT_FILE, as emit() would say; any other file FILE_ACCESS.
 */
export async function fileError(e: unknown, argv: string[], cwd: string): Promise<LedgerError | null> {
  const err = e as NodeJS.ErrnoException;
  if (!err || typeof err !== 'object' || typeof err.syscall !== 'string' || typeof err.path !== 'string') return null;
  const { fileReason } = await import('../domain/errors/output.js');
  const why = fileReason(err);
  const out = argValue(argv, '--out');
  if (out !== undefined && path.resolve(cwd, out) === path.resolve(cwd, err.path)) {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return OutputErrors.OUT_DIR(out, path.dirname(out) || '.');
    return OutputErrors.OUT_FILE(out, why.zh, why.en);
  }
  return OutputErrors.FILE_ACCESS(err.path, why.zh, why.en);
}

export async function main(argv: string[], io: MainIO = {}): Promise<number> {
  const env = io.env ?? process.env;
  const ctx: Context = {
    lang: langFrom(argv, env),
    dbPath: env.SANZI_DB || 'sanzi.db',
    cwd: io.cwd ?? process.cwd(),
    env,
    stdout: io.stdout ?? ((c) => process.stdout.write(c)),
    stderr: io.stderr ?? ((c) => process.stderr.write(c)),
    now: io.now ?? (() => new Date()),
    by: '',
    stderrIsTTY: false,
    columns: io.columns ?? (io.stdout ? undefined : process.stdout.isTTY ? process.stdout.columns : undefined),
  };
  // Asked only by a command that writes (the audit trail): the OS user is looked up then.
  let by: string | undefined = io.user ?? env.SANZI_USER;
  Object.defineProperty(ctx, 'by', { get: () => (by ??= osUser()), set: (v: string) => (by = v), enumerable: true });
  // Asked only by a progress bar: process.stderr is not made before it is needed.
  if (io.stderrIsTTY !== undefined) ctx.stderrIsTTY = io.stderrIsTTY;
  else Object.defineProperty(ctx, 'stderrIsTTY', { get: () => Boolean(process.stderr.isTTY), enumerable: true });
  argv = compatArgs(argv);
  const program = await buildProgram(ctx, argv);
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
      // --help, --version: 0. A command group given without its subcommand prints its help as an error: 2.
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
      return e.exitCode === 0 ? 0 : 2;
    }
    const err = e as Error & { code?: string };
    if (err.code === 'EPIPE') return 0; // the reader went away (sanzi … | head): nothing more to say
    const file = await fileError(e, argv, ctx.cwd);
    if (file) {
      io.onRefusal?.(new Refusal([file]));
      if (argValue(argv, '--format') === 'json') ctx.stderr(errorJson([file], ctx.lang, 1));
      else ctx.stderr(errorLine(file, ctx.lang) + '\n');
      return 1;
    }
    if (err.code === 'SQLITE_BUSY') {
      const { busySeconds } = await import('../store/db.js');
      ctx.stderr(errorLine(StoreErrors.LEDGER_BUSY(busySeconds(env.SANZI_BUSY_TIMEOUT)), ctx.lang) + '\n');
      return 1;
    }
    ctx.stderr((ctx.lang === 'en' ? 'sanzi internal error: ' : 'sanzi 内部错误：') + (err.message ?? String(e)) + '\n');
    if (env.SANZI_DEBUG) ctx.stderr(String(err.stack) + '\n');
    return 1;
  }
}
