// sanzi verify — recompute what the ledger keeps and report any damage (exit 3).
import { Command } from 'commander';
import { Refusal } from '../domain/errors.js';
import { UsageErrors } from '../domain/errors/usage.js';
import { anchorText, parseAnchor } from '../domain/audit-log.js';
import type { Context } from '../cli/context.js';
import { examples, native, resolveDbPath, say } from '../cli/run.js';
import { busySeconds } from '../store/db.js';
import { verifyLedgerFileAsync } from '../store/verify-parallel.js';

export function registerVerify(program: Command, ctx: Context): void {
  examples(
    program
      .command('verify')
      .description('校验账套：数据库完整性、索引与表一致、审计留痕、凭证校验链、借贷平衡、凭证号连续、余额与分录一致、台账与凭证一致（发现问题时退出码 3）')
      .option('--full', '逐条核对每个索引与其表（含凭证、分录与审计留痕的索引；百万行分录约多用 0.7 秒）')
      .option('--expect <记录号:校验码>', '核对审计留痕中这条记录的校验码与账套之外留存的一致（上次 verify 所报的，至少 8 位），查出改写后重算校验码、截去记录或调换账套'),
    ['sanzi verify', 'sanzi verify --full', 'sanzi verify --expect 76:3f5a9c0e12b4d678'],
  ).action(async (o: { full?: boolean; expect?: string }) => {
    const expect = o.expect === undefined ? undefined : parseAnchor(o.expect);
    if (expect === null)
      throw new Refusal(
        [UsageErrors.USAGE(`--expect：「${o.expect}」应写作 记录号:校验码（校验码至少 8 位十六进制），如 76:3f5a9c0e12b4d678`, `--expect: "${o.expect}" should be RECORD:HASH (at least 8 hex digits), e.g. 76:3f5a9c0e12b4d678`)],
        2,
      );
    let r;
    try {
      r = await verifyLedgerFileAsync(resolveDbPath(ctx), {
        busySeconds: busySeconds(ctx.env.SANZI_BUSY_TIMEOUT),
        native: native(ctx.env.SANZI_NATIVE),
        threads: threads(ctx.env.SANZI_VERIFY_THREADS),
        full: o.full === true,
        expect,
      });
    } catch (e) {
      // A file that is not a readable ledger is damage too.
      // A copy of an older ledger that could not be made is not (OLDER_COPY_FAILED, exit 1).
      if (e instanceof Refusal && e.exitCode === 1 && !e.errors.some((x) => x.code === 'OLDER_COPY_FAILED')) throw new Refusal(e.errors, 3);
      throw e;
    }
    if (r.findings.length) throw new Refusal(r.findings, 3);
    say(
      ctx,
      `账套完好：${r.vouchers} 张凭证；审计留痕、校验链、借贷平衡、编号、余额与台账均一致，${o.full ? '全部索引' : '台账索引'}与表逐条相符`,
      `ledger intact: ${r.vouchers} vouchers; audit trail, hash chain, balance, numbering, balances and registers agree; ${o.full ? 'every index matches its table' : "the registers' indexes match their tables"}`,
    );
    // The newest record, to be written down away from the ledger: a later verify --expect checks that
    // the trail still holds it, which a rewrite with its hashes recomputed cannot fake.
    if (r.head)
      say(
        ctx,
        `审计留痕最新记录：${anchorText(r.head)}${expect ? `；留存的 ${expect.id}:${expect.hash} 相符` : '（请抄录留存于账套之外，日后用 sanzi verify --expect ' + anchorText(r.head) + ' 核对）'}`,
        `newest audit record: ${anchorText(r.head)}${expect ? `; the ${expect.id}:${expect.hash} written down matches` : ` (write it down away from the ledger; check later with sanzi verify --expect ${anchorText(r.head)})`}`,
      );
  });
}

/** SANZI_VERIFY_THREADS: 1 checks side by side on several threads, 0 on one; unset, by the ledger's size. */
function threads(raw: string | undefined): boolean | undefined {
  return raw === '1' ? true : raw === '0' ? false : undefined;
}
