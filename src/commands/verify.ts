// sanzi verify — recompute what the ledger keeps and report any damage (exit 3).
import { Command } from 'commander';
import { Refusal } from '../domain/errors.js';
import type { Context } from '../cli/context.js';
import { examples, say, withLedger } from '../cli/run.js';
import { verifyLedger } from '../store/verify.js';

export function registerVerify(program: Command, ctx: Context): void {
  examples(
    program
      .command('verify')
      .description('校验账套：数据库完整性、审计留痕、凭证校验链、借贷平衡、凭证号连续、余额与分录一致（发现问题时退出码 3）'),
    ['sanzi verify'],
  ).action(async () => {
    let n = 0;
    try {
      await withLedger(ctx, (ledger) => {
        const errors = verifyLedger(ledger);
        if (errors.length) throw new Refusal(errors, 3);
        n = ledger.voucherCount();
      });
    } catch (e) {
      // A file that is not a readable ledger is damage too.
      if (e instanceof Refusal && e.exitCode === 1) throw new Refusal(e.errors, 3);
      throw e;
    }
    say(ctx, `账套完好：${n} 张凭证；审计留痕、校验链、借贷平衡、编号与余额均一致`, `ledger intact: ${n} vouchers; audit trail, hash chain, balance, numbering and balances agree`);
  });
}
