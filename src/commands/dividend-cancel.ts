// sanzi dividend cancel — 撤销收益分配: red-ink reversals of a declaration with no payment yet.
import type { Command } from 'commander';
import { refuseAll } from '../domain/errors.js';
import { checkDividendCancel, dividendCancelVouchers } from '../domain/cancellation.js';
import type { Context } from '../cli/context.js';
import { examples, fence, say, withLedger } from '../cli/run.js';
import { optReason, optYear } from '../cli/options.js';
import { postedOriginal } from '../store/cancellations.js';
import { getDividend, insertDividendCancellation, listPayments, requireDeclared } from '../store/dividends.js';

export function registerDividendCancel(dividend: Command, ctx: Context): void {
  examples(
    dividend
      .command('cancel')
      .description('撤销收益分配宣告（尚未发放的）：红字冲销其凭证（YYYY-12-31），之后可重新宣告')
      .requiredOption('--project <code>', '项目编码（main 为本集体）')
      .requiredOption('--year <YYYY>', '分配年度')
      .requiredOption('--reason <text>', '撤销原因（记入审计留痕）'),
    ['sanzi dividend cancel --project tq --year 2024 --reason 成员大会调整分配比例'],
  ).action(async (opts: { project: string; year: string; reason: string }) => {
    const year = optYear(opts.year, '--year');
    const reason = optReason(opts.reason);
    const r = await withLedger(ctx, (ledger) =>
      ledger.write(fence(ctx, 'dividend.cancel'), (tx) => {
        const p = requireDeclared(tx.ledger, opts.project, year);
        const row = getDividend(tx.ledger, p.project.code, year)!;
        const drafts = dividendCancelVouchers(p, { reserve: postedOriginal(tx.ledger, row.reserveVoucherId), members: postedOriginal(tx.ledger, row.membersVoucherId) });
        const toPost = [drafts.reserve, drafts.members].filter((v) => v !== null);
        const errors = [...checkDividendCancel(p.project.code, year, listPayments(tx.ledger, p.id)), ...toPost.flatMap((v) => tx.checkVoucher(v))];
        refuseAll([...new Map(errors.map((e) => [e.code + e.zh, e])).values()]);
        const reserve = drafts.reserve && tx.postChecked(drafts.reserve, row.reserveVoucherId);
        const members = drafts.members && tx.postChecked(drafts.members, row.membersVoucherId);
        insertDividendCancellation(tx, { dividendId: p.id, reason, reserveReversalId: reserve?.id ?? null, membersReversalId: members?.id ?? null });
        const refs = [reserve, members].flatMap((v) => (v ? [v.ref] : []));
        tx.describe(`撤销 ${year} 年${p.project.name}收益分配（${reason}），冲销凭证 ${refs.join('、') || '无'}`, { project: p.project.code, year, reason });
        return { name: p.project.name, refs };
      }),
    );
    say(
      ctx,
      `已撤销 ${year} 年${r.name}收益分配，红字冲销凭证 ${r.refs.join('、') || '无'}；可重新宣告`,
      `cancelled the ${year} distribution of ${r.name}; reversals ${r.refs.join(', ') || 'none'}; it may be declared again`,
    );
  });
}
