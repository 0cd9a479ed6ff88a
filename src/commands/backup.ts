// sanzi backup FILE / sanzi restore FILE — a verified copy of the ledger, and putting one back.
import path from 'node:path';
import { Command } from 'commander';
import { Refusal } from '../domain/errors.js';
import { UsageErrors } from '../domain/errors/usage.js';
import type { Context } from '../cli/context.js';
import { timestamp } from '../cli/context.js';
import { examples, fence, resolveDbPath, say, withLedger } from '../cli/run.js';
import { busySeconds } from '../store/db.js';
import { backupLedger, restoreLedger } from '../store/backup.js';
import { verifyLedgerFile } from '../store/verify.js';

function megabytes(bytes: number): string {
  return bytes < 1 << 20 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / (1 << 20)).toFixed(1)} MB`;
}

/** A backup file named by nothing is a usage error, not a file that "already exists". */
function requireFileName(file: string): void {
  if (file.trim() === '') throw new Refusal(UsageErrors.USAGE('缺少备份文件名', 'the backup file name is missing'), 2);
}

export function registerBackup(program: Command, ctx: Context): void {
  examples(
    program
      .command('backup')
      .description('备份账套：账套正在使用也能得到一致的副本；写好后校验，文件仅本人可读；不覆盖已有文件')
      .argument('<file>', '备份文件（不能已存在）'),
    ['sanzi backup 备份/下迳-2024-12-31.db', 'sanzi backup /media/U盘/sanzi-备份.db'],
  ).action(async (file: string) => {
    requireFileName(file);
    const r = await withLedger(ctx, (ledger) => backupLedger(ledger, path.resolve(ctx.cwd, file), file));
    say(ctx, `已备份到 ${file}（${r.vouchers} 张凭证，${megabytes(r.bytes)}），备份已校验无误`, `backed up to ${file} (${r.vouchers} vouchers, ${megabytes(r.bytes)}); the copy verifies`);
  });

  examples(
    program
      .command('restore')
      .description('从备份恢复账套：先校验备份（损坏、不是账套或版本更新的文件一律拒绝）；当前账套另存为 <账套>.before-restore-日期-时间')
      .argument('<file>', '备份文件（sanzi backup 所写）')
      .option('--other', '备份是另一个集体（名称或统一社会信用代码不同）的账套，确要替换当前账套'),
    ['sanzi restore 备份/下迳-2024-12-31.db'],
  ).action(async (file: string, opts: { other?: boolean }) => {
    requireFileName(file);
    const ledgerPath = resolveDbPath(ctx);
    const stamp = timestamp(ctx.now()).replace(/-/g, '').replace(' ', '-').replace(/:/g, '');
    const r = await restoreLedger(ledgerPath, path.resolve(ctx.cwd, file), { label: file, stamp, busySeconds: busySeconds(ctx.env.SANZI_BUSY_TIMEOUT), other: opts.other === true });
    await withLedger(ctx, (ledger) =>
      ledger.write(fence(ctx, 'ledger.restore'), (tx) =>
        tx.describe(`从备份恢复账套：${file}${r.aside ? `（原账套另存为 ${path.basename(r.aside)}）` : ''}`, { backup: file, aside: r.aside }, 'ledger'),
      ),
    );
    const v = verifyLedgerFile(ledgerPath, { busySeconds: busySeconds(ctx.env.SANZI_BUSY_TIMEOUT) });
    if (v.findings.length) throw new Refusal(v.findings, 3);
    say(
      ctx,
      `已从 ${file} 恢复账套（${v.vouchers} 张凭证，校验无误）${r.aside ? `；原账套另存为 ${r.aside}` : ''}`,
      `restored from ${file} (${v.vouchers} vouchers; verifies)${r.aside ? `; the previous ledger is kept as ${r.aside}` : ''}`,
    );
  });
}
