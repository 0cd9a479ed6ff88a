// sanzi period close|reopen|list, sanzi year close
import { Command } from 'commander';
import { Refusal, ledgerError } from '../domain/errors.js';
import { addMonths, periodLabel, type Period } from '../domain/dates.js';
import { closingEntries } from '../domain/statements.js';
import type { Context } from '../cli/context.js';
import { timestamp } from '../cli/context.js';
import { emit, examples, optPeriod, optYear, outputOptions, say, withLedger, writeTx, type OutputOpts } from '../cli/helpers.js';
import type { Ledger } from '../store/ledger.js';
import { leafNetBefore } from '../store/queries.js';

function refuseOpenBefore(ledger: Ledger, period: Period): void {
  const open = ledger.openMonthsBefore(period);
  if (open.length) {
    throw new Refusal(
      ledgerError(
        'PERIOD_ORDER',
        `须按月顺序结账：${open.slice(0, 6).map((p) => periodLabel(p)).join('、')}${open.length > 6 ? ' 等' : ''} 尚未结账`,
        `months are closed in order: ${open.slice(0, 6).join(', ')}${open.length > 6 ? ' …' : ''} still open`,
      ),
    );
  }
}

export function registerPeriod(program: Command, ctx: Context): void {
  const period = program.command('period').description('会计期间：按月结账、反结账');

  examples(period.command('close').description('结账：按月顺序；已结账的月份不能再记账（12 月用 sanzi year close）').argument('<month>', 'YYYY-MM'), [
    'sanzi period close 2024-03',
  ]).action(async (month: string) => {
    const p = optPeriod(month, 'month');
    await withLedger(ctx, (ledger) => {
      if (p.endsWith('-12')) {
        throw new Refusal(
          ledgerError(
            'PERIOD_DECEMBER',
            `12 月须做年终结转后结账：请用 sanzi year close ${p.slice(0, 4)}`,
            `December is closed by the year-end closing: use sanzi year close ${p.slice(0, 4)}`,
          ),
        );
      }
      if (ledger.isClosed(p)) throw new Refusal(ledgerError('PERIOD_ALREADY_CLOSED', `${periodLabel(p)}已经结账`, `${p} is already closed`));
      const start = ledger.meta('start');
      if (start && p < start) {
        throw new Refusal(ledgerError('PERIOD_BEFORE_START', `${p} 在建账月份 ${start} 之前`, `${p} is before the first month of the books (${start})`));
      }
      refuseOpenBefore(ledger, p);
      writeTx(ledger, ctx, () => ledger.closePeriod(p, timestamp(ctx.now())));
      say(ctx, `${periodLabel(p)}已结账`, `${p} closed`);
    });
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
    if (opts.reason.trim() === '') throw new Refusal(ledgerError('REASON', '须写明反结账原因', 'a reason is required'));
    await withLedger(ctx, (ledger) => {
      if (!ledger.isClosed(p)) throw new Refusal(ledgerError('PERIOD_NOT_CLOSED', `${periodLabel(p)}尚未结账`, `${p} is not closed`));
      const later = ledger.closedPeriods().filter((x) => x > p);
      writeTx(ledger, ctx, () => {
        for (const q of [...later].reverse()) ledger.reopenPeriod(q, opts.reason.trim(), timestamp(ctx.now()));
        ledger.reopenPeriod(p, opts.reason.trim(), timestamp(ctx.now()));
      });
      say(
        ctx,
        `${periodLabel(p)}已反结账${later.length ? `（其后已结账的 ${later.length} 个月一并打开）` : ''}；原因：${opts.reason.trim()}`,
        `${p} reopened${later.length ? ` (and ${later.length} later months)` : ''}; reason: ${opts.reason.trim()}`,
      );
    });
  });

  examples(outputOptions(period.command('list').description('结账记录')), ['sanzi period list']).action(async (opts: OutputOpts) => {
    await withLedger(ctx, (ledger) => {
      const events = ledger.db.prepare('SELECT period, action, reason, at FROM period_events ORDER BY id').all() as {
        period: string;
        action: string;
        reason: string | null;
        at: string;
      }[];
      const closed = ledger.closedPeriods();
      emit(
        ctx,
        {
          json: { start: ledger.startPeriod(), closed, events },
          table: {
            title: { zh: `已结账：${closed.length ? closed[0] + ' … ' + closed[closed.length - 1] : '无'}`, en: `closed: ${closed.join(', ') || 'none'}` },
            columns: [
              { key: 'at', zh: '时间', en: 'At' },
              { key: 'period', zh: '月份', en: 'Month' },
              { key: 'action', zh: '操作', en: 'Action' },
              { key: 'reason', zh: '原因', en: 'Reason' },
            ],
            rows: events.map((e) => ({ ...e, action: e.action === 'close' ? '结账' : '反结账' })),
          },
        },
        opts,
      );
    });
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
    const dec = `${yr}-12`;
    await withLedger(ctx, (ledger) => {
      if (ledger.isClosed(dec)) throw new Refusal(ledgerError('YEAR_CLOSED', `${yr} 年已经结转结账`, `${yr} is already closed`));
      const start = ledger.meta('start');
      if (start && dec < start) throw new Refusal(ledgerError('PERIOD_BEFORE_START', `${yr} 年在建账月份 ${start} 之前`, `${yr} is before the books start (${start})`));
      refuseOpenBefore(ledger, dec);
      const net = leafNetBefore(ledger, addMonths(dec, 1));
      const e = closingEntries(net);
      const date = `${yr}-12-31`;
      const posted = writeTx(ledger, ctx, (w) => {
        const out = [];
        if (e.profitToCurrent.length) out.push(w.post({ date, summary: `结转${yr}年收入、支出至本年收益`, lines: e.profitToCurrent, kind: 'year-close' }));
        if (e.currentToUndistributed.length) out.push(w.post({ date, summary: `结转${yr}年本年收益至收益分配-未分配收益`, lines: e.currentToUndistributed, kind: 'year-close' }));
        if (e.itemsToUndistributed.length) out.push(w.post({ date, summary: `结转${yr}年收益分配-各项分配至未分配收益`, lines: e.itemsToUndistributed, kind: 'year-close' }));
        ledger.closePeriod(dec, timestamp(ctx.now()));
        return out;
      });
      say(
        ctx,
        `${yr} 年已结转（${posted.map((p) => p.ref).join('、') || '无需结转'}），12 月已结账`,
        `${yr} closed (${posted.map((p) => p.ref).join(', ') || 'nothing to carry'}); December closed`,
      );
    });
  });
}
