// sanzi period close|reopen|list, sanzi year close
import { Command } from 'commander';
import { refuseAll } from '../domain/errors.js';
import { periodLabel } from '../domain/dates.js';
import { checkMonthClose, checkMonthReopen, checkYearClose } from '../domain/closing.js';
import { closingEntries } from '../domain/statements.js';
import type { Context } from '../cli/context.js';
import { emit, examples, fence, outputOptions, say, withLedger, type OutputOpts } from '../cli/run.js';
import { optPeriod, optReason, optYear } from '../cli/options.js';
import { netAtYearEnd } from '../store/closing.js';
import { periodListView } from '../io/views/periods.js';

export function registerPeriod(program: Command, ctx: Context): void {
  const period = program.command('period').description('会计期间：按月结账、反结账');

  examples(period.command('close').description('结账：按月顺序；已结账的月份不能再记账（12 月用 sanzi year close）').argument('<month>', 'YYYY-MM'), [
    'sanzi period close 2024-03',
  ]).action(async (month: string) => {
    const p = optPeriod(month, 'month');
    await withLedger(ctx, (ledger) =>
      ledger.write(fence(ctx, 'period.close'), (tx) => {
        refuseAll(checkMonthClose(p, tx.ledger));
        tx.closePeriod(p);
        tx.describe(`结账 ${p}`);
      }),
    );
    say(ctx, `${periodLabel(p)}已结账`, `${p} closed`);
  });

  examples(
    period
      .command('reopen')
      .description('反结账（留有记录）：重新打开已结账的月份及其后各月')
      .argument('<month>', 'YYYY-MM')
      .requiredOption('--reason <text>', '反结账原因（记录在案）'),
    ['sanzi period reopen 2024-03 --reason "补记漏记的电费凭证"'],
  ).action(async (month: string, opts: { reason: string }) => {
    const p = optPeriod(month, 'month');
    const reason = optReason(opts.reason);
    const later = await withLedger(ctx, (ledger) =>
      ledger.write(fence(ctx, 'period.reopen'), (tx) => {
        refuseAll(checkMonthReopen(p, tx.ledger));
        const after = tx.ledger.closedPeriods().filter((x) => x > p);
        for (const q of [...after].reverse()) tx.reopenPeriod(q, reason);
        tx.reopenPeriod(p, reason);
        tx.describe(`反结账 ${p}${after.length ? ` 及其后 ${after.length} 个月` : ''}`, { reason, months: [p, ...after] });
        return after.length;
      }),
    );
    say(
      ctx,
      `${periodLabel(p)}已反结账${later ? `（其后已结账的 ${later} 个月一并打开）` : ''}；原因：${reason}`,
      `${p} reopened${later ? ` (and ${later} later months)` : ''}; reason: ${reason}`,
    );
  });

  examples(outputOptions(period.command('list').description('结账记录')), ['sanzi period list']).action(async (opts: OutputOpts) => {
    const view = await withLedger(ctx, (ledger) => periodListView(ledger.firstPeriod(), ledger.closedPeriods(), ledger.periodEvents()));
    await emit(ctx, view, opts);
  });

  const year = program.command('year').description('年度：年终结转并结账');
  examples(
    year
      .command('close')
      .description('年终结转：收入、支出转入本年收益，本年收益与各项分配转入未分配收益，日期为 12-31；然后结账 12 月')
      .argument('<year>', 'YYYY'),
    ['sanzi year close 2024'],
  ).action(async (y: string) => {
    const yr = optYear(y, 'year');
    const posted = await withLedger(ctx, (ledger) =>
      ledger.write(fence(ctx, 'year.close'), (tx) => {
        refuseAll(checkYearClose(yr, tx.ledger));
        const e = closingEntries(netAtYearEnd(tx.ledger, yr));
        const date = `${yr}-12-31`;
        const out = [];
        if (e.profitToCurrent.length) out.push(tx.post({ date, summary: `结转${yr}年收入、支出至本年收益`, lines: e.profitToCurrent, kind: 'year-close' }));
        if (e.currentToUndistributed.length) out.push(tx.post({ date, summary: `结转${yr}年本年收益至收益分配-未分配收益`, lines: e.currentToUndistributed, kind: 'year-close' }));
        if (e.itemsToUndistributed.length) out.push(tx.post({ date, summary: `结转${yr}年收益分配-各项分配至未分配收益`, lines: e.itemsToUndistributed, kind: 'year-close' }));
        tx.closePeriod(`${yr}-12`);
        tx.describe(`${yr} 年年终结转并结账`);
        return out;
      }),
    );
    say(
      ctx,
      `${yr} 年已结转（${posted.map((p) => p.ref).join('、') || '无需结转'}），12 月已结账`,
      `${yr} closed (${posted.map((p) => p.ref).join(', ') || 'nothing to carry'}); December closed`,
    );
  });
}
