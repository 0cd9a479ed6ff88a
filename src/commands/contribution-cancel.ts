// sanzi contribution cancel — 撤销出资: red-ink reversal of its voucher; its shares count nowhere.
import type { Command } from 'commander';
import { Refusal, refuseAll } from '../domain/errors.js';
import { CancelErrors } from '../domain/errors/cancellations.js';
import { checkContributionCancel, contributionCancelVoucher } from '../domain/cancellation.js';
import { formatUnits } from '../domain/shares.js';
import type { Context } from '../cli/context.js';
import { examples, fence, say, withLedger } from '../cli/run.js';
import { optReason } from '../cli/options.js';
import { contributionForCancel, insertContributionCancellation, postedOriginal } from '../store/cancellations.js';

export function registerContributionCancel(contribution: Command, ctx: Context): void {
  examples(
    contribution
      .command('cancel')
      .description('撤销一笔出资：红字冲销其凭证（记在出资日期，该月须未结账），股份视同未配；仍列在出资清单中并注明撤销')
      .argument('<id>', '出资编号（sanzi contribution list 的「编号」）')
      .requiredOption('--reason <text>', '撤销原因（记入审计留痕）'),
    ['sanzi contribution cancel 12 --reason 重复登记'],
  ).action(async (idText: string, opts: { reason: string }) => {
    const reason = optReason(opts.reason);
    const id = /^\d{1,15}$/.test(idText.trim()) ? Number(idText.trim()) : NaN;
    const r = await withLedger(ctx, (ledger) =>
      ledger.write(fence(ctx, 'contribution.cancel'), (tx) => {
        const c = Number.isSafeInteger(id) ? contributionForCancel(tx.ledger, id) : undefined;
        if (!c) throw new Refusal(CancelErrors.CONTRIBUTION_UNKNOWN(idText));
        const original = postedOriginal(tx.ledger, c.voucherId);
        const draft = original && !original.reversed ? contributionCancelVoucher(c.id, original) : null;
        refuseAll([...checkContributionCancel(c), ...(draft && !c.cancelled ? tx.checkVoucher(draft) : [])]);
        const posted = draft && tx.postChecked(draft, original!.id);
        insertContributionCancellation(tx, { contributionId: c.id, reason, voucherId: posted?.id ?? null });
        tx.describe(`撤销出资第${c.id}号 ${c.member.id} ${c.project}（${reason}），冲销凭证 ${posted?.ref ?? '无'}`, { contribution: c.id, reason });
        return { id: c.id, units: c.shares?.units ?? 0, ref: posted?.ref ?? null };
      }),
    );
    say(
      ctx,
      `已撤销出资第${r.id}号（股份 ${formatUnits(r.units)} 股不再计入），红字冲销凭证 ${r.ref ?? '无'}`,
      `cancelled contribution ${r.id} (${formatUnits(r.units)} shares no longer count), reversal ${r.ref ?? 'none'}`,
    );
  });
}
