// main(): assemble the program, run one command, turn the outcome into an exit code.
// Only bin/sanzi.js exits the process.
import { Command, CommanderError, Help } from 'commander';
import { formatError, Refusal, type Lang } from '../domain/errors.js';
import type { Context, MainIO } from './context.js';
import { registerCommands } from '../commands/index.js';

const HELP_WORDS: [RegExp, string][] = [
  [/^Usage:/gm, '用法：'],
  [/^Options:/gm, '选项：'],
  [/^Commands:/gm, '命令：'],
  [/^Arguments:/gm, '参数：'],
  [/^Global Options:/gm, '全局选项：'],
  [/display help for command/g, '显示帮助'],
  [/\(default: /g, '（默认：'],
  [/\(choices: /g, '（可选：'],
  [/\[options\]/g, '[选项]'],
  [/\[command\]/g, '[命令]'],
];

const ERROR_WORDS: [RegExp, string][] = [
  [/^error: unknown option '([^']+)'.*$/m, '用法错误：不认识的选项「$1」'],
  [/^error: unknown command '([^']+)'.*$/m, '用法错误：不认识的命令「$1」'],
  [/^error: missing required argument '([^']+)'.*$/m, '用法错误：缺少参数「$1」'],
  [/^error: required option '([^']+)' not specified.*$/m, '用法错误：缺少必需的选项「$1」'],
  [/^error: option '([^']+)' argument missing.*$/m, '用法错误：选项「$1」缺少取值'],
  [/^error: option '([^']+)' argument '([^']*)' is invalid\. Allowed choices are (.*)\.$/m, '用法错误：选项「$1」的取值「$2」无效，可选：$3'],
  [/^error: too many arguments.*$/m, '用法错误：参数过多'],
];

function translate(s: string, rules: [RegExp, string][]): string {
  return rules.reduce((acc, [re, to]) => acc.replace(re, to), s);
}

function langFrom(argv: string[], env: Record<string, string | undefined>): Lang {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const v = i < 0 ? env.SANZI_LANG : argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
  return v && v.toLowerCase().startsWith('en') ? 'en' : 'zh';
}

export function buildProgram(ctx: Context): Command {
  const program = new Command('sanzi');
  program
    .description('三资：农村集体经济组织的账本（凭证、三资台账、股份与收益分配）')
    .option('--db <file>', '账套文件（默认 $SANZI_DB，否则 ./sanzi.db）')
    .option('--lang <lang>', '界面语言 zh|en（默认 zh，或 $SANZI_LANG）')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [command]', '显示某个命令的帮助')
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.stdout(ctx.lang === 'en' ? s : translate(s, HELP_WORDS)),
      writeErr: (s) => ctx.stderr(ctx.lang === 'en' ? s : translate(translate(s, ERROR_WORDS), HELP_WORDS)),
      outputError: (s, write) => write(s),
    });
  program.configureHelp({ showGlobalOptions: true, sortSubcommands: false } as Partial<Help>);
  program.hook('preAction', () => {
    const o = program.opts<{ db?: string; lang?: string }>();
    ctx.dbPath = o.db ?? ctx.env.SANZI_DB ?? 'sanzi.db';
  });
  registerCommands(program, ctx);
  // Every subcommand inherits exitOverride, output and help settings.
  const inherit = (cmd: Command) => {
    for (const sub of cmd.commands) {
      sub.exitOverride();
      sub.helpOption('-h, --help', '显示帮助');
      sub.configureOutput(program.configureOutput());
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
    stderrIsTTY: io.stderrIsTTY ?? Boolean(process.stderr.isTTY),
  };
  const program = buildProgram(ctx);
  try {
    if (argv.length <= 2) {
      program.outputHelp();
      return 0;
    }
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof Refusal) {
      for (const err of e.errors) ctx.stderr(formatError(err, ctx.lang) + '\n');
      return e.exitCode;
    }
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.help' || e.code === 'commander.version') return 0;
      if (e.exitCode === 0) return 0;
      return 2;
    }
    const err = e as Error & { code?: string };
    if (err.code === 'SQLITE_BUSY') {
      ctx.stderr(ctx.lang === 'en' ? 'the ledger is busy (another sanzi is writing); try again\n' : '账套正被另一个 sanzi 进程写入，请稍后再试\n');
      return 1;
    }
    ctx.stderr((ctx.lang === 'en' ? 'sanzi internal error: ' : 'sanzi 内部错误：') + (err.message ?? String(e)) + '\n');
    if (env.SANZI_DEBUG) ctx.stderr(String(err.stack) + '\n');
    return 1;
  }
}
