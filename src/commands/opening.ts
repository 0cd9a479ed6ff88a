// sanzi opening import FILE — the opening balances (期初余额) of books that start mid-life.
import { Command } from 'commander';
import type { LedgerError } from '../domain/errors.js';
import { importRefusal } from '../domain/errors/imports.js';
import { checkOpening, type OpeningRow } from '../domain/opening.js';
import { formatFenGrouped } from '../domain/money.js';
import { periodLabel } from '../domain/dates.js';
import type { Context } from '../cli/context.js';
import { examples, fence, say } from '../cli/run.js';
import { optPeriod } from '../cli/options.js';
import { readCsv } from '../io/csv-read.js';
import { OPENING_COLUMNS, openingRow } from '../io/opening-csv.js';
import { insertOpening, openingLookup } from '../store/opening.js';
import { runImport } from './import.js';

export function registerOpening(program: Command, ctx: Context): void {
  const opening = program.command('opening').description('期初余额：年中或从旧账转入时，录入建账月份月初各科目的余额');
  examples(
    opening
      .command('import')
      .description('导入期初余额（末级科目；借方合计须等于贷方合计；只能在记第一张凭证之前导入一次）')
      .argument('<file>', 'CSV 或 Excel（.xlsx）：科目编码/account、借方余额/debit、贷方余额/credit、成员编号/member（可选）、项目/project（可选）、往来单位/party（可选）')
      .option('--start <YYYY-MM>', '建账月份（账套没有建账月份时必填；余额是该月月初的余额）')
      .option('--sheet <name>', '读取 .xlsx 中的这个工作表（默认第一个）')
      .option('--again', '内容完全相同的文件以前导入过，仍要再导入一次'),
    ['sanzi opening import 期初余额.csv', 'sanzi opening import 期初余额.csv --start 2016-01'],
  ).action(async (file: string, opts: { start?: string; again?: boolean; sheet?: string }) => {
    const start = opts.start === undefined ? null : optPeriod(opts.start, '--start');
    const rows: OpeningRow[] = [];
    const parseErrors: LedgerError[] = [];
    await readCsv(file, {
      sheet: opts.sheet,
      columns: OPENING_COLUMNS,
      collect: parseErrors,
      onRow: (row) => {
        const r = openingRow(row, file);
        parseErrors.push(...r.errors);
        if (r.row) rows.push(r.row);
      },
    });
    let result = { rows: 0, total: 0, start: '' };
    await runImport(ctx, 'opening', file, opts.again === true, async (ledger) => {
      result = ledger.write(fence(ctx, 'opening.import'), (tx) => {
        const c = checkOpening(rows, openingLookup(tx.ledger), start);
        const errors = [...parseErrors, ...c.errors];
        if (errors.length) throw importRefusal(errors, errors.length);
        if (!tx.ledger.startPeriod()) tx.setMeta('start', c.start!);
        insertOpening(tx, c.start!, c.rows);
        const total = c.rows.reduce((s, r) => s + r.debit, 0);
        tx.describe(`录入期初余额 ${c.rows.length} 行，借贷合计各 ${formatFenGrouped(total)}（${file}）`, { file, start: c.start });
        tx.ledger.invalidate();
        return { rows: c.rows.length, total, start: c.start! };
      });
    }, opts.sheet);
    say(
      ctx,
      `已录入期初余额 ${result.rows} 行（${periodLabel(result.start)}月初），借方、贷方合计各 ${formatFenGrouped(result.total)}`,
      `opening balances entered: ${result.rows} rows (as of the start of ${result.start}), debits and credits ${formatFenGrouped(result.total)} each`,
    );
  });
}
