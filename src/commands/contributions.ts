// sanzi contribute, sanzi contribution list, sanzi import contributions
import { Command } from 'commander';
import { Refusal, refuseAll, type LedgerError } from '../domain/errors.js';
import { importRefusal } from '../domain/errors/imports.js';
import { checkContribution, checkContributions, type ContributionDraft } from '../domain/contribution.js';
import { formatFen } from '../domain/money.js';
import { formatUnits } from '../domain/shares.js';
import type { Context } from '../cli/context.js';
import { emit, examples, fence, outputOptions, say, withLedger, type OutputOpts } from '../cli/run.js';
import { readCsv } from '../io/csv-read.js';
import { CONTRIBUTION_COLUMNS, contributeFields, contributionDraft, contributionRow, type ContributeOptions } from '../io/contributions-csv.js';
import { contributionListView } from '../io/views/contributions.js';
import type { Ledger } from '../store/ledger.js';
import { contributionLookup, listContributions, postContributions } from '../store/contributions.js';
import { requireProject } from '../store/projects.js';
import { registerContributionCancel } from './contribution-cancel.js';

export async function importContributions(ctx: Context, ledger: Ledger, file: string, sheet?: string): Promise<void> {
  const drafts: ContributionDraft[] = [];
  const parseErrors: LedgerError[] = [];
  await readCsv(file, {
    sheet,
    columns: CONTRIBUTION_COLUMNS,
    collect: parseErrors,
    onRow: (row) => {
      const r = contributionRow(row, file);
      parseErrors.push(...r.errors);
      if (r.draft) drafts.push(r.draft);
    },
  });
  const posted = ledger.write(fence(ctx, 'contribution.import'), (tx) => {
    const c = checkContributions(drafts, contributionLookup(tx));
    const errors = [...parseErrors, ...c.errors].sort((a, b) => (a.source?.line ?? 0) - (b.source?.line ?? 0));
    if (errors.length) throw importRefusal(errors, errors.length);
    const posted = postContributions(tx, c.ready);
    tx.describe(`导入出资 ${posted.length} 笔（${file}）`);
    return posted;
  });
  const value = posted.reduce((a, c) => a + c.plan.value, 0);
  const units = posted.reduce((a, c) => a + c.plan.units, 0);
  say(
    ctx,
    `已导入出资 ${posted.length} 笔，价值 ${formatFen(value)} 元，折 ${formatUnits(units)} 股，凭证 ${posted.length} 张`,
    `imported ${posted.length} contributions worth ${formatFen(value)}, ${formatUnits(units)} shares, ${posted.length} vouchers`,
  );
}

export function registerContributions(program: Command, ctx: Context): void {
  examples(
    program
      .command('contribute')
      .description('出资入股：现金、实物（数量×单价）、劳务（工日×日工价）、土地（亩×每亩价值）；折股并记账')
      .requiredOption('--member <id>', '成员编号')
      .requiredOption('--project <code>', '项目编码')
      .requiredOption('--date <date>', '出资日期（凭证记入该月）')
      .option('--cash <amount>', '现金出资金额')
      .option('--material <item>', '实物名称（青砖、木料、水泥……）')
      .option('--quantity <q>', '实物数量')
      .option('--unit <unit>', '计量单位（块、立方米、吨、包……）')
      .option('--unit-price <price>', '实物单价（元）')
      .option('--amount <amount>', '实物金额（可选，须等于 数量×单价）')
      .option('--labor <days>', '投劳工日')
      .option('--wage <rate>', '日工价（元/工日）')
      .option('--land <mu>', '入股土地面积（亩）')
      .option('--value-per-mu <v>', '每亩作价（元）')
      .option('--term-years <n>', '土地经营权入股期限（年）：按月摊销（sanzi asset amortize）')
      .option('--account <code>', '借方科目（默认 现金 102、实物 121、劳务 153、土地 161）')
      .option('--note <text>', '说明'),
    [
      'sanzi contribute --member X001 --project tq --date 2016-03-02 --cash 20000',
      'sanzi contribute --member X002 --project tq --date 2016-04-10 --material 青砖 --quantity 8000 --unit 块 --unit-price 0.45',
      'sanzi contribute --member X003 --project tq --date 2016-05-31 --labor 45 --wage 120',
      'sanzi contribute --member X004 --project tq --date 2016-06-01 --land 2.5 --value-per-mu 6000',
      'sanzi contribute --member X012 --project tq --date 2016-03-15 --land 2.35 --value-per-mu 8000 --term-years 20',
      'sanzi contribute --member X005 --project tq --date 2016-04-12 --material 水泥 --quantity 20 --unit 吨 --unit-price 380 --account 153',
    ],
  ).action(async (opts: ContributeOptions) => {
    const fields = contributeFields(opts);
    if ('error' in fields) throw new Refusal(fields.error, 2);
    const r = contributionDraft(fields.raw);
    if (!r.draft) throw new Refusal(r.errors);
    const draft = r.draft;
    const [c] = await withLedger(ctx, (ledger) =>
      ledger.write(fence(ctx, 'contribution.add'), (tx) => {
        const checked = checkContribution(draft, contributionLookup(tx));
        refuseAll(checked.errors);
        const posted = postContributions(tx, [checked.ready!]);
        tx.describe(`出资第${posted[0].id}号 ${draft.member} ${draft.project}，凭证 ${posted[0].posted.ref}`);
        return posted;
      }),
    );
    const p = c.plan;
    say(
      ctx,
      `已登记出资第${c.id}号：价值 ${formatFen(p.value)} 元，折${p.shareClass} ${formatUnits(p.units)} 股（资本 ${formatFen(p.capital)}，公积公益金 ${formatFen(p.remainder)}），凭证 ${c.posted.ref}`,
      `contribution #${c.id}: value ${formatFen(p.value)}, ${formatUnits(p.units)} ${p.shareClass} shares (capital ${formatFen(p.capital)}, to 311 ${formatFen(p.remainder)}), voucher ${c.posted.ref}`,
    );
  });

  const contribution = program.command('contribution').description('出资记录');
  examples(
    outputOptions(
      contribution
        .command('list')
        .description('出资作价清单（数量、单位、单价、价值、股数、凭证号），供成员大会审核')
        .option('--project <code>', '项目编码')
        .option('--member <id>', '成员编号'),
    ),
    ['sanzi contribution list --project tq', 'sanzi contribution list --project tq --format csv --out 出资作价清单.csv'],
  ).action(async (opts: OutputOpts & { project?: string; member?: string }) => {
    const project = opts.project?.trim();
    const rows = await withLedger(ctx, (ledger) => {
      if (project) requireProject(ledger, project);
      return listContributions(ledger, { project, member: opts.member?.trim(), withCancelled: true });
    });
    await emit(ctx, contributionListView(rows, project ?? null, ctx.lang), opts);
  });
  registerContributionCancel(contribution, ctx);
}
