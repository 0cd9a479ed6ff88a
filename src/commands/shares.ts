// sanzi shares (股东名册), shares grant|certificate, sanzi import shares; transfers in ./transfers.ts
import { Command, Option } from 'commander';
import { Refusal, type LedgerError } from '../domain/errors.js';
import { importRefusal } from '../domain/errors/imports.js';
import { maskIdCard } from '../domain/idcard.js';
import { certificate, checkGrants, formatUnits, holdingsAsOf, householdLines, registerOfHoldings, type GrantDraft } from '../domain/shares.js';
import type { Context } from '../cli/context.js';
import { today } from '../cli/context.js';
import { emit, examples, fence, outputOptions, say, withLedger, type OutputOpts } from '../cli/run.js';
import { optDate } from '../cli/options.js';
import { checkOutFile, writeFileAtomic } from '../io/emit.js';
import { readCsv } from '../io/csv-read.js';
import { SHARE_COLUMNS, grantDraft, grantRow } from '../io/shares-csv.js';
import { certificateJson, certificateText, householdRegisterView, shareRegisterView } from '../io/views/shares.js';
import { LARGE_WRITE_ROWS, type Ledger, type WriteTx } from '../store/ledger.js';
import { householdHeads, requireMember } from '../store/members.js';
import { requireProject } from '../store/projects.js';
import { grantLookup, insertGrants, memberMovements, registerHoldings } from '../store/shares.js';
import { registerTransfer } from './transfers.js';

/** Check grants under the lock, with the file's own errors, and write them; refuses with every error. */
function grant(tx: WriteTx, grants: readonly GrantDraft[], parseErrors: readonly LedgerError[] = []): void {
  const errors = [...parseErrors, ...checkGrants(grants, grantLookup(tx.ledger))];
  if (errors.length) throw importRefusal([...errors].sort((a, b) => (a.source?.line ?? 0) - (b.source?.line ?? 0)), errors.length);
  insertGrants(tx, grants);
}

export async function importShares(ctx: Context, ledger: Ledger, file: string, sheet?: string): Promise<void> {
  const drafts: GrantDraft[] = [];
  const parseErrors: LedgerError[] = [];
  await readCsv(file, {
    sheet,
    columns: SHARE_COLUMNS,
    collect: parseErrors,
    onRow: (row) => {
      const r = grantRow(row, file);
      parseErrors.push(...r.errors);
      if (r.draft) drafts.push(r.draft);
    },
  });
  const total = drafts.reduce((a, g) => a + g.units, 0);
  ledger.write(fence(ctx, 'shares.import'), (tx) => {
    grant(tx, drafts, parseErrors);
    tx.describe(`导入配股 ${drafts.length} 行，共 ${formatUnits(total)} 股（${file}）`);
  }, { large: drafts.length >= LARGE_WRITE_ROWS });
  say(ctx, `已导入配股 ${drafts.length} 行，共 ${formatUnits(total)} 股`, `imported ${drafts.length} grants, ${formatUnits(total)} shares`);
}

/** 股东名册 of a project on a date, by member or by household. */
function registerOutput(ledger: Ledger, project: string, asOf: string, group: string | undefined, lang: Context['lang']) {
  const p = requireProject(ledger, project);
  const reg = registerOfHoldings(p, asOf, registerHoldings(ledger, p.code, asOf));
  return group === 'household' ? householdRegisterView(reg, householdLines(reg, householdHeads(ledger)), lang) : shareRegisterView(reg, lang);
}

export function registerShares(program: Command, ctx: Context): void {
  const shares = program.command('shares').description('股份：股东名册、配股、转让、股权证');

  examples(
    outputOptions(
      shares
        .command('register', { isDefault: true })
        .description('股东名册（sanzi shares --project CODE 即此命令）')
        .requiredOption('--project <code>', '项目编码')
        .option('--as-of <date>', '截至日期（默认今天）')
        .addOption(new Option('--group <group>', '按户汇总（也可写 --by household）').choices(['household'])),
    ),
    ['sanzi shares --project tq', 'sanzi shares --project tq --as-of 2017-06-30 --format json', 'sanzi shares --project main --group household --format csv --out 分户股份.csv'],
  ).action(async (opts: OutputOpts & { project: string; asOf?: string; group?: string }) => {
    const asOf = opts.asOf ? optDate(opts.asOf, '--as-of') : today(ctx.now());
    const view = await withLedger(ctx, (ledger) => registerOutput(ledger, opts.project.trim(), asOf, opts.group, ctx.lang));
    await emit(ctx, view, opts);
  });

  examples(
    shares
      .command('grant')
      .description('配股：不经出资的股份（折股量化，如人口股、农龄股）；批量请用 sanzi import shares')
      .requiredOption('--project <code>', '项目编码')
      .requiredOption('--member <id>', '成员编号')
      .requiredOption('--class <class>', '股种（人口股、农龄股……）')
      .requiredOption('--shares <n>', '股数（最多 4 位小数）')
      .requiredOption('--date <date>', '日期')
      .option('--note <text>', '说明'),
    ['sanzi shares grant --project main --member X001 --class 人口股 --shares 1 --date 2016-01-01'],
  ).action(async (opts: { project: string; member: string; class: string; shares: string; date: string; note?: string }) => {
    const r = grantDraft({ date: opts.date, member: opts.member, project: opts.project, class: opts.class, shares: opts.shares, note: opts.note });
    if (!r.draft) throw new Refusal(r.errors);
    const g = r.draft;
    await withLedger(ctx, (ledger) =>
      ledger.write(fence(ctx, 'shares.grant'), (tx) => {
        grant(tx, [g]);
        tx.describe(`配股 ${g.project} ${g.member} ${g.shareClass} ${formatUnits(g.units)} 股（${g.date}）`);
      }),
    );
    say(ctx, `已配股：${g.project} ${g.member} ${g.shareClass} ${formatUnits(g.units)} 股（${g.date}）`, `granted ${formatUnits(g.units)} ${g.shareClass} shares to ${g.member} in ${g.project}`);
  });

  registerTransfer(shares, ctx);

  examples(
    shares
      .command('certificate')
      .description('股权证：打印用文本（证号、股东、脱敏身份证号、各股种股数、每股金额、日期）')
      .argument('<member>', '成员编号')
      .requiredOption('--project <code>', '项目编码')
      .option('--as-of <date>', '持股截至日期（默认今天）')
      .option('--date <date>', '发证日期（默认今天）')
      .addOption(new Option('--format <format>', '输出格式 text|json').choices(['text', 'json']).default('text'))
      .option('--out <file>', '写入文件（已存在时须加 --force）')
      .option('--force', '覆盖已存在的 --out 文件'),
    ['sanzi shares certificate X001 --project tq', 'sanzi shares certificate X001 --project tq --as-of 2017-12-31 --out 股权证-X001.txt'],
  ).action(async (memberId: string, opts: { project: string; asOf?: string; date?: string; format: string; out?: string; force?: boolean }) => {
    const asOf = opts.asOf ? optDate(opts.asOf, '--as-of') : today(ctx.now());
    const issued = opts.date ? optDate(opts.date, '--date') : today(ctx.now());
    const c = await withLedger(ctx, (ledger) => {
      const p = requireProject(ledger, opts.project.trim());
      const m = requireMember(ledger, memberId.trim());
      const holding = holdingsAsOf(memberMovements(ledger, m.id, p.code), asOf).get(m.id);
      const r = certificate(ledger.orgName(), p, { ...m, maskedIdCard: maskIdCard(m.idCard) }, holding, asOf, issued);
      if ('error' in r) throw new Refusal(r.error);
      return r.certificate;
    });
    const text = opts.format === 'json' ? certificateJson(c) : certificateText(c);
    if (!opts.out) return ctx.stdout(text);
    writeFileAtomic(checkOutFile(ctx, opts.out, opts.force), opts.out, text);
    ctx.stderr(ctx.lang === 'en' ? `written to ${opts.out}\n` : `已写入 ${opts.out}\n`);
  });
}
