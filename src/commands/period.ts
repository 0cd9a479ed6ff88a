// sanzi period close|check|reopen|list, sanzi year close|reopen
import { Command } from 'commander';
import { Refusal, refuseAll, type LedgerError } from '../domain/errors.js';
import { UsageErrors } from '../domain/errors/usage.js';
import { ClosingErrors } from '../domain/errors/periods.js';
import { addMonths, periodLabel, type Period } from '../domain/dates.js';
import { checkClose, checkMonthReopen, checkYearReopen, closeControls, monthsToClose, monthsToReopen, type CloseTarget } from '../domain/closing.js';
import { closingEntries } from '../domain/statements.js';
import { reversalOf } from '../domain/voucher.js';
import type { Context } from '../cli/context.js';
import { emit, examples, fence, outputOptions, say, withLedger, type OutputOpts } from '../cli/run.js';
import { MONTH_ARG, optPeriod, optReason, optYear, YEAR_ARG } from '../cli/options.js';
import type { Ledger } from '../store/ledger.js';
import { closeLookup, closingVouchersOf, netAtYearEnd, unreviewedVouchers } from '../store/closing.js';
import { periodCheckView, periodListView } from '../io/views/periods.js';

/** Close one month in its own write: every control checked under the lock, then the close. */
function closeMonth(ctx: Context, ledger: Ledger, p: Period): void {
  ledger.write(fence(ctx, 'period.close'), (tx) => {
    refuseAll(checkClose({ month: p }, closeLookup(tx.ledger)));
    tx.closePeriod(p);
    tx.describe(`结账 ${p}`);
  });
}

/** The months a range close covers, the ones already closed left out. */
function rangeOf(ledger: Ledger, from: Period | null, to: Period): Period[] {
  const r = monthsToClose(from, to, ledger);
  // Its only refusal: a range that runs backwards, bad command-line usage.
  refuseAll(r.errors, 2);
  return r.months.filter((p) => !ledger.isClosed(p));
}

/**
 * Close a range of months in one write, all or none: each month is checked as if the months before
 * it were closed, so a refusal lists the reasons of every month at once and closes nothing.
 */
function closeRange(ctx: Context, ledger: Ledger, from: Period | null, to: Period): Period[] {
  if (rangeOf(ledger, from, to).length === 0) return []; // nothing to close: nothing written
  return ledger.write(fence(ctx, 'period.close'), (tx) => {
    const months = rangeOf(tx.ledger, from, to);
    const errors: LedgerError[] = [];
    let firstRefused: Period | null = null;
    for (const p of months) {
      const e = checkClose({ month: p }, closeLookup(tx.ledger));
      if (e.length) {
        errors.push(...e);
        firstRefused ??= p;
      }
      tx.closePeriod(p);
    }
    if (firstRefused) {
      const before = firstRefused > months[0] ? addMonths(firstRefused, -1) : null;
      refuseAll([ClosingErrors.CLOSE_RANGE_REFUSED(months[0], months[months.length - 1], before), ...errors]);
    }
    if (months.length) tx.describe(`结账 ${months[0]} 至 ${months[months.length - 1]}`, { months });
    return months;
  });
}

function saidClosed(ctx: Context, done: Period[]): void {
  if (done.length === 0) say(ctx, '所选月份都已结账，无需再结', 'every month of the range is already closed');
  else say(ctx, `已结账 ${done[0]} 至 ${done[done.length - 1]}（${done.length} 个月）`, `closed ${done[0]} … ${done[done.length - 1]} (${done.length} months)`);
}

export function registerPeriod(program: Command, ctx: Context): void {
  const period = program.command('period').description('会计期间：按月结账、结账检查、反结账');

  examples(
    period
      .command('close')
      .description('结账：按月顺序；月末库存现金不得为贷方余额，折旧、摊销须已计提；已结账的月份不能再记账（12 月用 sanzi year close）')
      .argument('[month]', 'YYYY-MM（给两个月份则逐月结账该区间）')
      .argument('[last]', '区间的截止月份 YYYY-MM')
      .option('--through <YYYY-MM>', '从第一个未结账月份起逐月结账至该月（有不能结账的月份时一个月也不结，并列出全部原因）'),
    ['sanzi period close 2024-03', 'sanzi period close 2024-01 2024-11', 'sanzi period close --through 2024-11'],
  ).action(async (month: string | undefined, to: string | undefined, opts: { through?: string }) => {
    if (to !== undefined && opts.through !== undefined) throw new Refusal(UsageErrors.USAGE('截止月份与 --through 只能给一个', 'give the last month or --through, not both'), 2);
    const last = to ?? opts.through;
    if (month === undefined && last === undefined) throw new Refusal(UsageErrors.USAGE('请给出要结账的月份（YYYY-MM），或 --through YYYY-MM', 'name the month to close (YYYY-MM), or --through YYYY-MM'), 2);
    const from = month === undefined ? null : optPeriod(month, MONTH_ARG);
    if (last === undefined) {
      await withLedger(ctx, (ledger) => closeMonth(ctx, ledger, from!));
      say(ctx, `${periodLabel(from!)}已结账`, `${from} closed`);
      return;
    }
    const through = optPeriod(last, to !== undefined ? { zh: '截止月份', en: 'last month' } : '--through');
    saidClosed(ctx, await withLedger(ctx, (ledger) => closeRange(ctx, ledger, from, through)));
  });

  examples(
    outputOptions(
      period
        .command('check')
        .description('结账检查：列出结账前须处理的事项（现金余额、折旧、摊销、租金确认）和未审核的凭证；有阻止结账的事项时退出码 1')
        .argument('<month>', 'YYYY-MM（12 月按年终结转检查）'),
    ),
    ['sanzi period check 2024-03', 'sanzi period check 2024-12 --format json'],
  ).action(async (month: string, opts: OutputOpts) => {
    const p = optPeriod(month, MONTH_ARG);
    const target: CloseTarget = p.endsWith('-12') ? { year: Number(p.slice(0, 4)) } : { month: p };
    const { controls, unreviewed } = await withLedger(ctx, (ledger) => ({ controls: closeControls(target, closeLookup(ledger)), unreviewed: unreviewedVouchers(ledger, p) }));
    await emit(ctx, periodCheckView(p, controls, unreviewed, ctx.lang), opts);
    refuseAll(controls.flatMap((c) => c.errors));
  });

  examples(
    period
      .command('reopen')
      .description('反结账（留有记录）：重新打开已结账的月份及同一年度其后已结账的月份；已年终结转的年度用 sanzi year reopen')
      .argument('<month>', 'YYYY-MM')
      .requiredOption('--reason <text>', '反结账原因（记录在案）'),
    ['sanzi period reopen 2024-03 --reason "补记漏记的电费凭证"'],
  ).action(async (month: string, opts: { reason: string }) => {
    const p = optPeriod(month, MONTH_ARG);
    const reason = optReason(opts.reason);
    const months = await withLedger(ctx, (ledger) =>
      ledger.write(fence(ctx, 'period.reopen'), (tx) => {
        refuseAll(checkMonthReopen(p, tx.ledger));
        const months = monthsToReopen(p, tx.ledger.closedPeriods());
        for (const q of months) tx.reopenPeriod(q, reason);
        tx.describe(`反结账 ${p}${months.length > 1 ? ` 及其后 ${months.length - 1} 个月` : ''}`, { reason, months: [...months].reverse() });
        return months;
      }),
    );
    const later = months.length - 1;
    say(
      ctx,
      `${periodLabel(p)}已反结账${later ? `（同年其后已结账的 ${later} 个月一并打开）` : ''}；原因：${reason}`,
      `${p} reopened${later ? ` (and ${later} later months of the year)` : ''}; reason: ${reason}`,
    );
  });

  examples(outputOptions(period.command('list').description('结账记录')), ['sanzi period list']).action(async (opts: OutputOpts) => {
    const view = await withLedger(ctx, (ledger) => periodListView(ledger.firstPeriod(), ledger.closedPeriods(), ledger.periodEvents()));
    await emit(ctx, view, opts);
  });

  const year = program.command('year').description('年度：年终结转并结账、反结转');
  examples(
    year
      .command('close')
      .description('年终结转：先检查 12 月（现金、折旧、摊销）和本年应收租金已确认；收入、支出转入本年收益，本年收益与各项分配转入未分配收益，日期为 12-31；然后结账 12 月')
      .argument('<year>', 'YYYY'),
    ['sanzi year close 2024'],
  ).action(async (y: string) => {
    const yr = optYear(y, YEAR_ARG);
    const posted = await withLedger(ctx, (ledger) =>
      ledger.write(fence(ctx, 'year.close'), (tx) => {
        refuseAll(checkClose({ year: yr }, closeLookup(tx.ledger)));
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

  examples(
    year
      .command('reopen')
      .description('反结转（留有记录）：以红字冲销该年的年终结转凭证（日期 12-31）并打开 12 月；下一年度已有月份结账时不允许')
      .argument('<year>', 'YYYY')
      .requiredOption('--reason <text>', '反结转原因（记录在案）'),
    ['sanzi year reopen 2024 --reason "补提 12 月折旧"'],
  ).action(async (y: string, opts: { reason: string }) => {
    const yr = optYear(y, YEAR_ARG);
    const reason = optReason(opts.reason);
    const posted = await withLedger(ctx, (ledger) =>
      ledger.write(fence(ctx, 'year.reopen'), (tx) => {
        refuseAll(checkYearReopen(yr, tx.ledger));
        tx.reopenPeriod(`${yr}-12`, reason);
        const out = closingVouchersOf(tx.ledger, yr).map((id) => {
          const v = tx.ledger.voucherById(id)!;
          const red = reversalOf({ date: v.date, number: v.number, lines: tx.ledger.linesOf(id), summary: v.summary }, `${yr}-12-31`);
          return tx.post({ ...red, summary: `${red.summary}（反结转${yr}年）`, kind: 'year-close' }, { reverses: id });
        });
        tx.describe(`${yr} 年反结转：冲销年终结转凭证 ${out.length} 张，12 月反结账`, { reason, vouchers: out.map((p) => p.ref) });
        return out;
      }),
    );
    say(
      ctx,
      `${yr} 年已反结转：红字冲销 ${posted.map((p) => p.ref).join('、') || '（无结转凭证）'}，12 月已打开；原因：${reason}。更正后再 sanzi year close ${yr}`,
      `${yr} reopened: reversed ${posted.map((p) => p.ref).join(', ') || '(no closing vouchers)'}, December open; reason: ${reason}. Close it again with sanzi year close ${yr}`,
    );
  });
}
