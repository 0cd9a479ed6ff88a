// sanzi import KIND FILE — the typed table of every import kind: what it reads (its columns, as the
// reader, the templates and the help take them) and what runs it.
import crypto from 'node:crypto';
import { Command } from 'commander';
import { Refusal } from '../domain/errors.js';
import { UsageErrors } from '../domain/errors/usage.js';
import type { Context } from '../cli/context.js';
import { examples, withLedger } from '../cli/run.js';
import type { Ledger } from '../store/ledger.js';
import type { ColumnSpec } from '../io/csv-read.js';
import { VOUCHER_COLUMNS, VOUCHER_EXAMPLE } from '../io/voucher-csv.js';
import { MEMBER_COLUMNS, MEMBER_EXAMPLE } from '../io/members-csv.js';
import { SHARE_COLUMNS, SHARE_EXAMPLE } from '../io/shares-csv.js';
import { CONTRIBUTION_COLUMNS, CONTRIBUTION_EXAMPLE } from '../io/contributions-csv.js';
import { ASSET_COLUMNS, ASSET_EXAMPLE } from '../io/assets-csv.js';
import { RESOURCE_COLUMNS, RESOURCE_EXAMPLE } from '../io/resources-csv.js';
import { CONTRACT_COLUMNS, CONTRACT_EXAMPLE } from '../io/contracts-csv.js';
import { importVouchers, prestartVouchers } from './import-vouchers.js';
import { importMembers } from './members.js';
import { importShares } from './shares.js';
import { importContributions } from './contributions.js';
import { importAssets } from './assets.js';
import { importResources } from './resources.js';
import { importContracts } from './contracts.js';
import { fileDigest } from '../io/file-digest.js';

export interface ImportKind {
  /** What the file holds, in Chinese. */
  describe: string;
  /** Its columns: what the reader maps the header to, and what a template lists. */
  columns: ColumnSpec[];
  /** A template's example rows, keyed by column. */
  example: Record<string, string>[];
  run: (ctx: Context, ledger: Ledger, file: string, sheet?: string) => Promise<void>;
  /** Work started before the import's write (its digest, the ledger opened); gives what ends it after the import. */
  prestart?: (file: string) => () => void;
}

export const IMPORT_KINDS: Readonly<Record<string, ImportKind>> = {
  vouchers: { describe: '记账凭证', columns: VOUCHER_COLUMNS, example: VOUCHER_EXAMPLE, run: importVouchers, prestart: prestartVouchers },
  members: { describe: '成员名册', columns: MEMBER_COLUMNS, example: MEMBER_EXAMPLE, run: importMembers },
  shares: { describe: '配股（折股量化，如人口股）', columns: SHARE_COLUMNS, example: SHARE_EXAMPLE, run: importShares },
  contributions: { describe: '出资明细（现金、实物、劳务、土地）', columns: CONTRIBUTION_COLUMNS, example: CONTRIBUTION_EXAMPLE, run: importContributions },
  assets: { describe: '资产卡片', columns: ASSET_COLUMNS, example: ASSET_EXAMPLE, run: importAssets },
  resources: { describe: '资源台账', columns: RESOURCE_COLUMNS, example: RESOURCE_EXAMPLE, run: importResources },
  contracts: { describe: '合同', columns: CONTRACT_COLUMNS, example: CONTRACT_EXAMPLE, run: importContracts },
};

/**
 * Run an import with the file's digest attached to its write: the same bytes imported before are
 * refused inside that write (unless `again`), and the digest is recorded with it; a workbook's sheet
 * named by --sheet counts as a file of its own. Every import kind (and `opening import`) goes
 * through here.
 */
export async function runImport(ctx: Context, kind: string, file: string, again: boolean, run: (ledger: Ledger) => Promise<void>, sheet?: string): Promise<void> {
  const found = await fileDigest(file);
  // --sheet names a sheet of a workbook; a CSV has none (and must not pass for another file by it).
  if (found && !found.workbook && sheet !== undefined) throw new Refusal(UsageErrors.SHEET_NOT_WORKBOOK(file), 2);
  const digest = found && { sha256: found.sha256, bytes: found.bytes };
  // One sheet of a workbook is what was imported: another sheet of the same file is not the same
  // import; --sheet naming the first sheet (the one read without it) is the same import as none.
  if (found?.workbook && sheet !== undefined) {
    const { workbookSheetNames } = await import('../io/xlsx-read.js');
    if (workbookSheetNames(file)?.[0] === sheet) sheet = undefined;
  }
  if (digest && sheet !== undefined) digest.sha256 = crypto.createHash('sha256').update(`${digest.sha256}\nsheet:${sheet}`).digest('hex');
  const name = sheet === undefined ? file : `${file}（${sheet}）`;
  await withLedger(ctx, (ledger) => {
    if (digest) ledger.importFile({ kind, name, ...digest, again });
    return run(ledger);
  });
}

export function registerImport(program: Command, ctx: Context): void {
  examples(
    program
      .command('import')
      .description(`导入 CSV 或 Excel（.xlsx）：${Object.keys(IMPORT_KINDS).join('|')}（全部成功才写入；同一文件再次导入会被拒绝；sanzi template 生成模板）`)
      .argument('<kind>', '导入什么')
      .argument('<file>', 'CSV 文件（UTF-8 或 GBK）或 Excel 工作簿（.xlsx），表头中英文均可')
      .option('--sheet <name>', '读取 .xlsx 中的这个工作表（默认第一个）')
      .option('--again', '内容完全相同的文件以前导入过，仍要再导入一次'),
    ['sanzi import vouchers 2024年凭证.csv', 'sanzi import members 成员名册.xlsx', 'sanzi import contributions 出资明细.xlsx --sheet 2024年'],
  ).action(async (kind: string, file: string, opts: { again?: boolean; sheet?: string }) => {
    const imp = IMPORT_KINDS[kind];
    if (!imp) throw new Refusal(UsageErrors.IMPORT_KIND(kind, Object.keys(IMPORT_KINDS).join(', ')), 2);
    const end = imp.prestart?.(file);
    try {
      await runImport(ctx, kind, file, opts.again === true, (ledger) => imp.run(ctx, ledger, file, opts.sheet), opts.sheet);
    } finally {
      end?.();
    }
  });
}
