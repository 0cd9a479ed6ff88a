// sanzi shares transfer: 继承、转让、赠与、退出 between members of the collective.
import type { Command } from 'commander';
import { refuseAll, Refusal } from '../domain/errors.js';
import { ShareErrors } from '../domain/errors/shares.js';
import { formatUnits, parseShares } from '../domain/shares.js';
import { planTransfer, TRANSFER_REASONS, type TransferRequest } from '../domain/transfers.js';
import type { Context } from '../cli/context.js';
import { tr } from '../cli/context.js';
import { examples, fence, say, withLedger } from '../cli/run.js';
import { optDate } from '../cli/options.js';
import { memberLookup } from '../store/members.js';
import { requireProject } from '../store/projects.js';
import { insertTransfer, memberMovements } from '../store/shares.js';

interface TransferOpts {
  project: string;
  from: string;
  to: string;
  shares: string;
  date: string;
  reason: string;
  class?: string;
  note?: string;
}

/** --shares: a number of shares, or all (全部). */
function sharesOption(s: string): number | 'all' {
  if (['all', '全部'].includes(s.trim().toLowerCase())) return 'all';
  const r = parseShares(s);
  if (!r.ok) throw new Refusal(ShareErrors.SHARES(r.reason, r.reasonEn, '--shares'), 2);
  return r.value;
}

export function registerTransfer(shares: Command, ctx: Context): void {
  examples(
    shares
      .command('transfer')
      .description('股份转让（仅限本集体成员之间）：继承、转让、赠与、退出；记入历史，不改写')
      .requiredOption('--project <code>', '项目编码')
      .requiredOption('--from <id>', '转出成员')
      .requiredOption('--to <id>', '受让成员（须为正常状态）')
      .requiredOption('--shares <n>', '股数，或 all 表示全部')
      .requiredOption('--date <date>', '转让日期')
      .requiredOption('--reason <reason>', `原因：${TRANSFER_REASONS.join('|')}`)
      .option('--class <class>', '只转该股种（持有多个股种且非全部转出时必填）')
      .option('--note <text>', '说明'),
    [
      'sanzi shares transfer --project tq --from X007 --to X008 --shares all --date 2017-05-02 --reason 继承',
      'sanzi shares transfer --project tq --from X003 --to X004 --shares 2.5 --class 现金股 --date 2017-09-01 --reason 转让',
    ],
  ).action(async (opts: TransferOpts) => {
    const req: Omit<TransferRequest, 'project'> = {
      from: opts.from.trim(),
      to: opts.to.trim(),
      date: optDate(opts.date, '--date'),
      units: sharesOption(opts.shares),
      shareClass: opts.class?.trim() || null,
      reason: opts.reason.trim(),
    };
    const done = await withLedger(ctx, (ledger) =>
      ledger.write(fence(ctx, 'shares.transfer'), (tx) => {
        const p = requireProject(tx.ledger, opts.project.trim());
        const members = memberLookup(tx.ledger);
        const r = planTransfer({ ...req, project: p.code }, { members, movementsOf: (m) => memberMovements(tx.ledger, m, p.code) });
        refuseAll(r.errors);
        const plan = r.plan!;
        insertTransfer(tx, plan, opts.note?.trim() || null);
        tx.describe(`股份${plan.reason} ${p.code} ${plan.from} → ${plan.to} ${formatUnits(plan.units)} 股（${plan.date}）`);
        return { plan, giver: members.member(plan.from)!.name, receiver: members.member(plan.to)!.name };
      }),
    );
    const { plan, giver, receiver } = done;
    for (const n of plan.notes) ctx.stderr(tr(ctx, n) + '\n');
    const classes = plan.moves.map((m) => `${m.shareClass} ${formatUnits(m.units)}`).join('、');
    say(
      ctx,
      `已登记股份${plan.reason}：${plan.project} ${giver}（${plan.from}）→ ${receiver}（${plan.to}）${formatUnits(plan.units)} 股（${classes}），${plan.date}`,
      `recorded ${plan.reason}: ${plan.project} ${plan.from} → ${plan.to} ${formatUnits(plan.units)} shares on ${plan.date}`,
    );
  });
}
