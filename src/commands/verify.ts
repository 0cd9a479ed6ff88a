// sanzi verify — recompute what the ledger keeps and report any damage (exit 3).
import { Command } from 'commander';
import { Refusal } from '../domain/errors.js';
import type { Context } from '../cli/context.js';
import { examples, resolveDbPath, say } from '../cli/run.js';
import { busySeconds } from '../store/db.js';
import { verifyLedgerFile } from '../store/verify.js';

export function registerVerify(program: Command, ctx: Context): void {
  examples(
    program
      .command('verify')
      .description('校验账套：数据库完整性、审计留痕、凭证校验链、借贷平衡、凭证号连续、余额与分录一致、台账与凭证一致（发现问题时退出码 3）'),
    ['sanzi verify'],
  ).action(async () => {
    let r;
    try {
      r = verifyLedgerFile(resolveDbPath(ctx), { busySeconds: busySeconds(ctx.env.SANZI_BUSY_TIMEOUT) });
    } catch (e) {
      // A file that is not a readable ledger is damage too.
      if (e instanceof Refusal && e.exitCode === 1) throw new Refusal(e.errors, 3);
      throw e;
    }
    if (r.findings.length) throw new Refusal(r.findings, 3);
    say(
      ctx,
      `账套完好：${r.vouchers} 张凭证；审计留痕、校验链、借贷平衡、编号、余额与台账均一致`,
      `ledger intact: ${r.vouchers} vouchers; audit trail, hash chain, balance, numbering, balances and registers agree`,
    );
  });
}
