// Shared plumbing for commands: the ledger open for one command, the write fence's meta, output
// options, and a confirmation line.
import path from 'node:path';
import { Command, Option } from 'commander';
import { Ledger, type WriteMeta } from '../store/ledger.js';
import { busySeconds, damagedLedger } from '../store/db.js';
import { checkOutFile, emit as emitTo, probeOutFile, resolveFormat, type EmitEnv } from '../io/emit.js';
import { Refusal } from '../domain/errors.js';
import { ExcelErrors } from '../domain/errors/excel.js';
import { FORMATS, type Output, type OutputOpts } from '../io/output.js';
import { timestamp, type Context } from './context.js';
import { addExamples } from './help.js';

export type { OutputOpts } from '../io/output.js';

export function resolveDbPath(ctx: Context): string {
  return path.resolve(ctx.cwd, ctx.dbPath);
}

/** SANZI_NATIVE=0: without sanzi's SQLite extension (verify hashes in JavaScript, imports bind their rows), as where it is not built. */
export function native(value: string | undefined): boolean {
  return value?.trim() !== '0';
}

function openOptions(ctx: Context) {
  return { busySeconds: busySeconds(ctx.env.SANZI_BUSY_TIMEOUT), native: native(ctx.env.SANZI_NATIVE) };
}

/** The collective's name of the ledger a command opened, for the head of its printed pages. */
const ENTITY = new WeakMap<Context, string>();

/** Run fn with the ledger open; always closes it. A ledger SQLite cannot read is refused as damaged. */
export async function withLedger<T>(ctx: Context, fn: (ledger: Ledger) => T | Promise<T>): Promise<T> {
  const file = resolveDbPath(ctx);
  try {
    const ledger = Ledger.open(file, openOptions(ctx));
    ENTITY.set(ctx, ledger.orgName());
    try {
      return await fn(ledger);
    } finally {
      ledger.close();
    }
  } catch (e) {
    throw damagedLedger(e, file) ?? e;
  }
}

/** Create a new ledger file and run fn on it; always closes it. */
export async function withNewLedger<T>(ctx: Context, fn: (ledger: Ledger) => T | Promise<T>): Promise<T> {
  const ledger = Ledger.create(resolveDbPath(ctx), openOptions(ctx));
  try {
    return await fn(ledger);
  } finally {
    ledger.close();
  }
}

/** The audit meta of a write: the action, who, when. */
export function fence(ctx: Context, action: string): WriteMeta {
  return { action, by: ctx.by, at: timestamp(ctx.now()) };
}

/** --format, --out, --encoding, --force on every report and list. */
export function outputOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--format <format>', `输出格式 ${FORMATS.join('|')}（默认表格）`).choices([...FORMATS]))
    .option('--out <file>', '写入文件（格式按扩展名；已存在时须加 --force）')
    .option('--force', '覆盖已存在的 --out 文件')
    .addOption(new Option('--encoding <encoding>', 'CSV 编码 utf8|gbk（默认带 BOM 的 UTF-8；utf8 不带 BOM）').choices(['utf8', 'gbk']));
}

/**
 * What a command's --out and --format say, checked before it runs, as emit() will check them again
 * when it writes: a command that posts must not post and then refuse its output. An --out file (of
 * a command with --force) that exists without --force, whose folder is missing or may not be
 * written to, whose name the file system refuses, or that is the ledger; and, for a report's
 * formats, an extension that contradicts --format (OUT_FORMAT) or a workbook for a terminal
 * (XLSX_TO_TERMINAL).
 */
export function checkOutputOptions(ctx: Context, cmd: Command): void {
  const o = cmd.opts<{ out?: unknown; force?: boolean; format?: unknown; html?: unknown }>();
  if (o.html !== undefined) return; // dividend notice --html FILE writes that file, not --out
  const has = (option: string) => cmd.options.some((x) => x.long === option);
  const report = has('--encoding') && (o.format === undefined || (typeof o.format === 'string' && (FORMATS as readonly string[]).includes(o.format)));
  // An empty --out is no file (emit() writes to standard output).
  if (typeof o.out === 'string' && o.out !== '' && has('--force')) {
    probeOutFile(checkOutFile(ctx, o.out, o.force), o.out);
    if (report) resolveFormat({ out: o.out, format: o.format as (typeof FORMATS)[number] });
  }
  if (report && !o.out && o.format === 'xlsx' && ctx.columns) throw new Refusal(ExcelErrors.XLSX_TO_TERMINAL(), 2);
}

/** The output of a command, as --format/--out say; a refusal (OUT_EXISTS…) is thrown at once. */
export function emit(ctx: Context, output: Output, opts: OutputOpts): Promise<void> {
  // What emit() reads, named: a copy of the whole context would ask stderrIsTTY, and so make
  // process.stderr (Node's stream modules, some 5 ms) for a command that writes nothing there.
  const env: EmitEnv = { lang: ctx.lang, cwd: ctx.cwd, stdout: ctx.stdout, stderr: ctx.stderr, columns: ctx.columns, entity: ENTITY.get(ctx), dbPath: ctx.dbPath };
  return emitTo(env, output, opts);
}

/** A line of confirmation on stdout. */
export function say(ctx: Context, zh: string, en: string): void {
  ctx.stdout((ctx.lang === 'en' ? en : zh) + '\n');
}

/** Examples shown under a command's help (示例：, or Examples: under --lang en). */
export function examples(cmd: Command, lines: string[]): Command {
  return addExamples(cmd, lines);
}
