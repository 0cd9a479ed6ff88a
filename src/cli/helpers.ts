// Shared plumbing for commands: opening the ledger, one transaction per command, option values,
// and writing a report in the chosen format.
import fs from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { Refusal, ledgerError } from '../domain/errors.js';
import { parseAmount, parseDecimal, parsePercent, type Decimal, type Fen } from '../domain/money.js';
import { parseDate, parsePeriod, parseYear, type IsoDate, type Period } from '../domain/dates.js';
import { createLedgerFile, openLedgerFile } from '../store/db.js';
import { Ledger, type VoucherWriter } from '../store/ledger.js';
import { renderOutput, type Format, type Output } from '../io/render.js';
import { timestamp, type Context } from './context.js';

export function resolveDbPath(ctx: Context): string {
  return path.resolve(ctx.cwd, ctx.dbPath);
}

/** Run fn with the ledger open; always closes it. */
export async function withLedger<T>(ctx: Context, fn: (ledger: Ledger) => T | Promise<T>): Promise<T> {
  const db = openLedgerFile(resolveDbPath(ctx));
  try {
    return await fn(new Ledger(db));
  } finally {
    db.close();
  }
}

export function createLedger(ctx: Context): Ledger {
  return new Ledger(createLedgerFile(resolveDbPath(ctx)));
}

/** One command = one transaction: BEGIN IMMEDIATE … balances flushed … COMMIT, or nothing at all. */
export function writeTx<T>(ledger: Ledger, ctx: Context, fn: (w: VoucherWriter) => T): T {
  const db = ledger.db;
  db.exec('BEGIN IMMEDIATE');
  try {
    const w = ledger.newWriter(timestamp(ctx.now()));
    const r = fn(w);
    w.flush();
    db.exec('COMMIT');
    return r;
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
}

/** The same, for an asynchronous body (streaming imports). */
export async function writeTxAsync<T>(ledger: Ledger, ctx: Context, fn: (w: VoucherWriter) => Promise<T>): Promise<T> {
  const db = ledger.db;
  db.exec('BEGIN IMMEDIATE');
  try {
    const w = ledger.newWriter(timestamp(ctx.now()));
    const r = await fn(w);
    w.flush();
    db.exec('COMMIT');
    return r;
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
}

function badValue(opt: string, reason: string, reasonEn: string): never {
  throw new Refusal(ledgerError('OPTION_VALUE', `${opt}：${reason}`, `${opt}: ${reasonEn}`));
}

export function optDate(value: string, opt: string): IsoDate {
  const r = parseDate(value);
  if (!r.ok) badValue(opt, r.reason, r.reasonEn);
  return r.value;
}

export function optPeriod(value: string, opt: string): Period {
  const r = parsePeriod(value);
  if (!r.ok) badValue(opt, r.reason, r.reasonEn);
  return r.value;
}

export function optYear(value: string, opt: string): number {
  const r = parseYear(value);
  if (!r.ok) badValue(opt, r.reason, r.reasonEn);
  return r.value;
}

export function optAmount(value: string, opt: string, allowNegative = false): Fen {
  const r = parseAmount(value, { allowNegative });
  if (!r.ok) badValue(opt, r.reason, r.reasonEn);
  return r.value;
}

export function optPercent(value: string, opt: string, max = 100): Decimal {
  const r = parsePercent(value);
  if (!r.ok) badValue(opt, r.reason, r.reasonEn);
  if (r.value.gt(max / 100)) badValue(opt, `比率不能超过 ${max}%`, `a rate may not exceed ${max}%`);
  return r.value;
}

export function optDecimal(value: string, opt: string, maxDecimals = 4): Decimal {
  const r = parseDecimal(value, maxDecimals);
  if (!r.ok) badValue(opt, r.reason, r.reasonEn);
  return r.value;
}

export function optInt(value: string, opt: string): number {
  if (!/^\d+$/.test(value.trim())) badValue(opt, `应为非负整数：「${value}」`, `expected a whole number: "${value}"`);
  return Number(value.trim());
}

/** --format, --out, --encoding on every report and list. */
export function outputOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--format <format>', '输出格式 table|csv|json').choices(['table', 'csv', 'json']).default('table'))
    .option('--out <file>', '写入文件而不是屏幕')
    .addOption(new Option('--encoding <encoding>', 'CSV 编码 utf8|gbk（默认 utf8 带 BOM）').choices(['utf8', 'gbk']).default('utf8'));
}

export interface OutputOpts {
  format?: string;
  out?: string;
  encoding?: string;
}

export function emit(ctx: Context, output: Output, opts: OutputOpts): void {
  const bytes = renderOutput(output, (opts.format ?? 'table') as Format, ctx.lang, (opts.encoding ?? 'utf8') as 'utf8' | 'gbk');
  if (opts.out) {
    const file = path.resolve(ctx.cwd, opts.out);
    try {
      fs.writeFileSync(file, bytes);
    } catch (e) {
      throw new Refusal(
        ledgerError('OUT_FILE', `无法写入文件「${opts.out}」：${(e as Error).message}`, `cannot write "${opts.out}": ${(e as Error).message}`),
      );
    }
    ctx.stderr(ctx.lang === 'en' ? `written to ${opts.out}\n` : `已写入 ${opts.out}\n`);
  } else {
    ctx.stdout(bytes);
  }
}

/** A line of confirmation on stdout. */
export function say(ctx: Context, zh: string, en: string): void {
  ctx.stdout((ctx.lang === 'en' ? en : zh) + '\n');
}

/** Examples shown under a command's help. */
export function examples(cmd: Command, lines: string[]): Command {
  return cmd.addHelpText('after', '\n示例 (examples):\n' + lines.map((l) => '  ' + l).join('\n') + '\n');
}
