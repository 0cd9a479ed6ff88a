// sanzi audit log — the audit trail: who did what, when, and which vouchers it posted.
import { Command } from 'commander';
import { Refusal } from '../domain/errors.js';
import { TrustErrors } from '../domain/errors/trust.js';
import type { Context } from '../cli/context.js';
import { emit, examples, outputOptions, withLedger, type OutputOpts } from '../cli/run.js';
import { optDate } from '../cli/options.js';
import { auditLog } from '../store/audit.js';
import { auditLogView } from '../io/views/audit.js';

interface LogOpts extends OutputOpts {
  from?: string;
  to?: string;
  entity?: string;
  action?: string;
}

export function registerAudit(program: Command, ctx: Context): void {
  const audit = program.command('audit').description('审计留痕：每一次写入都有记录（谁、何时、做了什么），只追加、不可改');
  examples(
    outputOptions(
      audit
        .command('log')
        .description('列出审计记录：编号、时间、经办人、操作、对象、内容、金额、凭证')
        .option('--from <date>', '从这一天起（含）')
        .option('--to <date>', '到这一天止（含）')
        .option('--entity <kind>', '只看某类对象：voucher、member、contract、dividend、period…')
        .option('--action <name>', '只看某种操作：voucher.import，或整组如 voucher'),
    ),
    ['sanzi audit log', 'sanzi audit log --from 2024-01-01 --to 2024-12-31 --entity voucher', 'sanzi audit log --action dividend --format csv --out 审计.csv'],
  ).action(async (opts: LogOpts) => {
    const from = opts.from !== undefined ? optDate(opts.from, '--from') : undefined;
    const to = opts.to !== undefined ? optDate(opts.to, '--to') : undefined;
    if (from && to && from > to) throw new Refusal(TrustErrors.AUDIT_DATE_RANGE(from, to), 2);
    const filter = { from, to, entity: opts.entity?.trim() || undefined, action: opts.action?.trim() || undefined };
    await withLedger(ctx, (ledger) => emit(ctx, auditLogView(auditLog(ledger, filter), filter), opts));
  });
}
