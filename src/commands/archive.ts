// sanzi archive YYYY --out DIR, sanzi archive verify DIR — the year's 会计档案 and its check.
import path from 'node:path';
import { Command } from 'commander';
import { Refusal, refuseAll, type LedgerError } from '../domain/errors.js';
import { ArchiveErrors } from '../domain/errors/archive.js';
import { checkArchiveYear, compareArchive, entry, MANIFEST_FILE, readManifest, type ManifestEntry } from '../domain/archive.js';
import type { Context } from '../cli/context.js';
import { timestamp, tr } from '../cli/context.js';
import { emit, examples, say, withLedger } from '../cli/run.js';
import { UsageErrors } from '../domain/errors/usage.js';
import { optYear, YEAR_ARG } from '../cli/options.js';
import { backupIntoArchive, isDirectory, prepareArchiveDir, readArchiveDir, readManifestFile, writeArchiveFile } from '../store/archive.js';
import { render } from '../io/emit.js';
import { renderJson } from '../io/render.js';
import { ARCHIVE_OK, archiveView } from '../io/views/archive.js';
import { archiveDocuments } from './archive-docs.js';
import { printOpts } from './report.js';

export function registerArchive(program: Command, ctx: Context): void {
  const archive = examples(
    program
      .command('archive')
      .description('会计档案：年终结账后把全年凭证、账簿、月报、年报、收益分配和年末台账（HTML + CSV）连同账套备份存入一个新文件夹，附清单 manifest.json')
      .argument('[year]', '年度 YYYY（须已年终结账）')
      .option('--out <dir>', '归档文件夹（须不存在或为空）'),
    ['sanzi archive 2024 --out 会计档案-2024', 'sanzi archive verify 会计档案-2024'],
  );

  archive.action(async (yearArg: string | undefined, opts: { out?: string }) => {
    if (yearArg === undefined || !opts.out) {
      throw new Refusal(UsageErrors.USAGE('请给出年度和归档文件夹：sanzi archive YYYY --out 文件夹', 'give the year and the folder: sanzi archive YYYY --out DIR'), 2);
    }
    const year = optYear(yearArg, YEAR_ARG);
    const dir = path.resolve(ctx.cwd, opts.out);
    const files = await withLedger(ctx, async (ledger) => {
      refuseAll(checkArchiveYear(year, ledger));
      prepareArchiveDir(dir, opts.out!);
      const print = printOpts(ctx, ledger);
      const out: ManifestEntry[] = [];
      for (const doc of archiveDocuments(ledger, year, print)) {
        const o = doc.build();
        out.push(entry(`${doc.path}.html`, doc.title, doc.kind, year, writeArchiveFile(dir, `${doc.path}.html`, render(o, 'html', print))));
        if (!doc.htmlOnly) out.push(entry(`${doc.path}.csv`, doc.title, doc.kind, year, writeArchiveFile(dir, `${doc.path}.csv`, render(o, 'csv', print))));
      }
      const backup = `07-账套备份/${year}-账套备份.sanzi`;
      const b = await backupIntoArchive(ledger, dir, backup);
      out.push(entry(backup, `${year} 年末账套备份（sanzi restore 可恢复）`, 'backup', year, b));
      const manifest = { year, createdAt: timestamp(ctx.now()), files: out };
      writeArchiveFile(dir, MANIFEST_FILE, Buffer.from(renderJson(manifest), 'utf8'));
      return out;
    });
    // What was written goes to the screen (the files themselves are in the folder).
    await emit(ctx, archiveView(opts.out, year, files), {});
  });

  examples(archive.command('verify').description('检查归档文件夹：每个文件与清单的大小和 SHA-256 一致（有差异时退出码 3，逐个列出）').argument('<dir>', '归档文件夹'), [
    'sanzi archive verify 会计档案-2024',
  ]).action(async (given: string) => {
    const dir = path.resolve(ctx.cwd, given);
    if (!isDirectory(dir)) throw new Refusal(ArchiveErrors.ARCHIVE_DIR_MISSING(given), 3);
    const read = readManifestFile(dir, MANIFEST_FILE);
    const parsed = 'json' in read ? readManifest(read.json) : read;
    if ('why' in parsed) throw new Refusal(ArchiveErrors.ARCHIVE_MANIFEST(given, parsed.why), 3);
    const errors: LedgerError[] = compareArchive(parsed.manifest, readArchiveDir(dir));
    if (errors.length) throw new Refusal(errors, 3);
    say(ctx, tr(ctx, ARCHIVE_OK(parsed.manifest.files.length)), tr({ lang: 'en' }, ARCHIVE_OK(parsed.manifest.files.length)));
  });
}
