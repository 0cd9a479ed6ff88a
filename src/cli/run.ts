// Shared plumbing for commands: the ledger open for one command, the write fence's meta, output
// options, and a confirmation line.
import path from 'node:path';
import { Command, Option } from 'commander';
import { Ledger, type WriteMeta } from '../store/ledger.js';
import { busySeconds, damagedLedger } from '../store/db.js';
import { emit as emitTo } from '../io/emit.js';
import { FORMATS, type Output, type OutputOpts } from '../io/output.js';
import { timestamp, type Context } from './context.js';
import { addExamples } from './help.js';

export type { OutputOpts } from '../io/output.js';

export function resolveDbPath(ctx: Context): string {
  return path.resolve(ctx.cwd, ctx.dbPath);
}

function openOptions(ctx: Context) {
  return { busySeconds: busySeconds(ctx.env.SANZI_BUSY_TIMEOUT) };
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
    .addOption(new Option('--encoding <encoding>', 'CSV 编码 utf8|gbk（默认 utf8 带 BOM）').choices(['utf8', 'gbk']).default('utf8'));
}

/** The output of a command, as --format/--out say; a refusal (OUT_EXISTS…) is thrown at once. */
export function emit(ctx: Context, output: Output, opts: OutputOpts): Promise<void> {
  return emitTo({ ...ctx, entity: ENTITY.get(ctx) }, output, opts);
}

/** A line of confirmation on stdout. */
export function say(ctx: Context, zh: string, en: string): void {
  ctx.stdout((ctx.lang === 'en' ? en : zh) + '\n');
}

/** Examples shown under a command's help (示例：, or Examples: under --lang en). */
export function examples(cmd: Command, lines: string[]): Command {
  return addExamples(cmd, lines);
}
