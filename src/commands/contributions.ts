// sanzi contribute, sanzi contribution list, sanzi import contributions
import { Command } from 'commander';
import { Refusal, ledgerError, type LedgerError } from '../domain/errors.js';
import { formatFen } from '../domain/money.js';
import { CONTRIBUTION_KIND_LABELS, formatUnits } from '../domain/shares.js';
import { voucherRef } from '../domain/voucher.js';
import type { Context } from '../cli/context.js';
import { timestamp } from '../cli/context.js';
import { emit, examples, outputOptions, say, withLedger, type OutputOpts, fence } from '../cli/run.js';
import { readCsv } from '../io/csv-read.js';
import { CONTRIBUTION_COLUMNS, contributionDraft, contributionRow } from '../io/contributions-csv.js';
import { MAX_REPORTED_ERRORS, importRefusal } from '../domain/errors/imports.js';
import type { Ledger } from '../store/ledger.js';
import { ContributionChecker, postContributions, type ContributionDraft, type ReadyContribution } from '../store/contributions.js';
import { listContributions, requireProject } from '../store/shares.js';

export async function importContributions(ctx: Context, ledger: Ledger, file: string): Promise<void> {
  const result = await ledger.writeAsync(fence(ctx, 'contribution.import'), async (w) => {
    const drafts: ContributionDraft[] = [];
    const errors: LedgerError[] = [];
    await readCsv(file, {
      columns: CONTRIBUTION_COLUMNS,
      onRow: (row) => {
        const r = contributionRow(row, file);
        errors.push(...r.errors);
        if (r.draft) drafts.push(r.draft);
      },
    });
    const checker = new ContributionChecker(ledger, w);
    const ready: ReadyContribution[] = [];
    for (const d of drafts) {
      const r = checker.check(d);
      errors.push(...r.errors);
      if (r.ready) ready.push(r.ready);
    }
    if (errors.length) {
      errors.sort((a, b) => (a.source?.line ?? 0) - (b.source?.line ?? 0));
      throw importRefusal(errors.slice(0, MAX_REPORTED_ERRORS), errors.length);
    }
    // Post in date order (stable), so voucher numbers follow the dates within each month.
    ready.sort((a, b) => (a.draft.date < b.draft.date ? -1 : a.draft.date > b.draft.date ? 1 : 0));
    return postContributions(ledger, w, ready, timestamp(ctx.now()));
  });
  const value = result.reduce((a, c) => a + c.plan.value, 0);
  const units = result.reduce((a, c) => a + c.plan.units, 0);
  say(
    ctx,
    `已导入出资 ${result.length} 笔，价值 ${formatFen(value)} 元，折 ${formatUnits(units)} 股，凭证 ${result.length} 张`,
    `imported ${result.length} contributions worth ${formatFen(value)}, ${formatUnits(units)} shares, ${result.length} vouchers`,
  );
}


interface ContributeOpts {
  member: string;
  project: string;
  date: string;
  cash?: string;
  material?: string;
  quantity?: string;
  unit?: string;
  unitPrice?: string;
  amount?: string;
  labor?: string;
  wage?: string;
  land?: string;
  valuePerMu?: string;
  account?: string;
  note?: string;
}

function usage(zh: string, en: string): never {
  throw new Refusal(ledgerError('USAGE', zh, en), 2);
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
      .option('--account <code>', '借方科目（默认 现金 102、实物 121、劳务 153、土地 161）')
      .option('--note <text>', '说明'),
    [
      'sanzi contribute --member X001 --project tq --date 2016-03-02 --cash 20000',
      'sanzi contribute --member X002 --project tq --date 2016-04-10 --material 青砖 --quantity 8000 --unit 块 --unit-price 0.45',
      'sanzi contribute --member X003 --project tq --date 2016-05-31 --labor 45 --wage 120',
      'sanzi contribute --member X004 --project tq --date 2016-06-01 --land 2.5 --value-per-mu 6000',
      'sanzi contribute --member X005 --project tq --date 2016-04-12 --material 水泥 --quantity 20 --unit 吨 --unit-price 380 --account 153',
    ],
  ).action(async (opts: ContributeOpts) => {
    const kinds = [opts.cash !== undefined && 'cash', opts.material !== undefined && 'material', opts.labor !== undefined && 'labor', opts.land !== undefined && 'land'].filter(
      Boolean,
    ) as string[];
    if (kinds.length !== 1) {
      usage('须且只能选一种出资：--cash、--material、--labor 或 --land', 'give exactly one of --cash, --material, --labor, --land');
    }
    const kind = kinds[0];
    const stray = (names: [string, unknown][]) => {
      const s = names.filter(([, v]) => v !== undefined).map(([n]) => n);
      if (s.length) usage(`${s.join('、')} 不适用于这种出资`, `${s.join(', ')} do not apply to this kind of contribution`);
    };
    let raw: Parameters<typeof contributionDraft>[0];
    const base = { date: opts.date, member: opts.member, project: opts.project, account: opts.account, note: opts.note };
    switch (kind) {
      case 'cash':
        stray([['--quantity', opts.quantity], ['--unit-price', opts.unitPrice], ['--wage', opts.wage], ['--value-per-mu', opts.valuePerMu], ['--amount', opts.amount]]);
        raw = { ...base, kind: 'cash', amount: opts.cash };
        break;
      case 'material':
        stray([['--wage', opts.wage], ['--value-per-mu', opts.valuePerMu]]);
        if (opts.quantity === undefined || opts.unitPrice === undefined) usage('实物出资须有 --quantity 和 --unit-price', 'a material contribution needs --quantity and --unit-price');
        raw = { ...base, kind: 'material', item: opts.material, quantity: opts.quantity, unit: opts.unit, unitPrice: opts.unitPrice, amount: opts.amount };
        break;
      case 'labor':
        stray([['--quantity', opts.quantity], ['--unit-price', opts.unitPrice], ['--value-per-mu', opts.valuePerMu], ['--amount', opts.amount]]);
        if (opts.wage === undefined) usage('劳务出资须有 --wage（日工价）', 'a labor contribution needs --wage');
        raw = { ...base, kind: 'labor', quantity: opts.labor, unit: opts.unit ?? '工日', unitPrice: opts.wage };
        break;
      default:
        stray([['--quantity', opts.quantity], ['--unit-price', opts.unitPrice], ['--wage', opts.wage], ['--amount', opts.amount]]);
        if (opts.valuePerMu === undefined) usage('土地入股须有 --value-per-mu（每亩作价）', 'a land contribution needs --value-per-mu');
        raw = { ...base, kind: 'land', quantity: opts.land, unit: opts.unit ?? '亩', unitPrice: opts.valuePerMu };
    }
    const r = contributionDraft(raw);
    if (!r.draft) throw new Refusal(r.errors);
    const draft = r.draft;
    await withLedger(ctx, async (ledger) => {
      const [posted] = ledger.write(fence(ctx, 'contribution.add'), (w) => {
        const c = new ContributionChecker(ledger, w).check(draft);
        if (!c.ready) throw new Refusal(c.errors);
        return postContributions(ledger, w, [c.ready], timestamp(ctx.now()));
      });
      const p = posted.plan;
      say(
        ctx,
        `已登记出资第${posted.id}号：价值 ${formatFen(p.value)} 元，折${p.shareClass} ${formatUnits(p.units)} 股（资本 ${formatFen(p.capital)}，公积公益金 ${formatFen(p.remainder)}），凭证 ${posted.posted.ref}`,
        `contribution #${posted.id}: value ${formatFen(p.value)}, ${formatUnits(p.units)} ${p.shareClass} shares (capital ${formatFen(p.capital)}, to 311 ${formatFen(p.remainder)}), voucher ${posted.posted.ref}`,
      );
    });
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
    await withLedger(ctx, async (ledger) => {
      if (opts.project) requireProject(ledger, opts.project.trim());
      const rows = listContributions(ledger, { project: opts.project?.trim(), member: opts.member?.trim() });
      const en = ctx.lang === 'en';
      const tot = rows.reduce(
        (a, c) => ({ value: a.value + c.amount, units: a.units + c.units, capital: a.capital + c.capital, remainder: a.remainder + c.remainder }),
        { value: 0, units: 0, capital: 0, remainder: 0 },
      );
      const kindLabel = (k: keyof typeof CONTRIBUTION_KIND_LABELS) => (en ? CONTRIBUTION_KIND_LABELS[k].en : CONTRIBUTION_KIND_LABELS[k].zh);
      await emit(
        ctx,
        {
          json: {
            project: opts.project?.trim() ?? null,
            contributions: rows.map((c) => ({
              id: c.id,
              date: c.date,
              project: c.project,
              member: c.member,
              name: c.name,
              kind: c.kind,
              item: c.item,
              quantity: c.quantity,
              unit: c.unit,
              unitPrice: c.unitPrice,
              value: formatFen(c.amount),
              shares: formatUnits(c.units),
              capital: formatFen(c.capital),
              remainder: formatFen(c.remainder),
              account: c.debitAccount,
              voucher: voucherRef(c.voucherPeriod, c.voucherNumber),
              note: c.note,
            })),
            totals: { value: formatFen(tot.value), shares: formatUnits(tot.units), capital: formatFen(tot.capital), remainder: formatFen(tot.remainder) },
          },
          table: {
            title: opts.project ? { zh: `出资作价清单  项目 ${opts.project.trim()}`, en: `Contributions  project ${opts.project.trim()}` } : undefined,
            columns: [
              { key: 'id', zh: '编号', en: 'No.', kind: 'int' },
              { key: 'date', zh: '日期', en: 'Date' },
              { key: 'member', zh: '成员编号', en: 'Member' },
              { key: 'name', zh: '姓名', en: 'Name' },
              { key: 'kind', zh: '类型', en: 'Kind' },
              { key: 'item', zh: '品名/说明', en: 'Item' },
              { key: 'quantity', zh: '数量', en: 'Qty', kind: 'number' },
              { key: 'unit', zh: '单位', en: 'Unit' },
              { key: 'unitPrice', zh: '单价', en: 'Price', kind: 'number' },
              { key: 'value', zh: '价值', en: 'Value', kind: 'money' },
              { key: 'shares', zh: '股数', en: 'Shares', kind: 'number' },
              { key: 'capital', zh: '入资本', en: 'Capital', kind: 'money' },
              { key: 'remainder', zh: '入公积', en: 'To 311', kind: 'money' },
              { key: 'account', zh: '借方科目', en: 'Dr acct' },
              { key: 'voucher', zh: '凭证号', en: 'Voucher' },
            ],
            rows: rows.map((c) => ({
              id: c.id,
              date: c.date,
              member: c.member,
              name: c.name,
              kind: kindLabel(c.kind),
              item: c.item ?? c.note ?? '',
              quantity: c.quantity,
              unit: c.unit,
              unitPrice: c.unitPrice,
              value: c.amount,
              shares: formatUnits(c.units),
              capital: c.capital,
              remainder: c.remainder,
              account: c.debitAccount,
              voucher: voucherRef(c.voucherPeriod, c.voucherNumber),
            })),
            footer: [{ date: en ? 'Total' : '合计', name: en ? `${rows.length} items` : `${rows.length} 笔`, value: tot.value, shares: formatUnits(tot.units), capital: tot.capital, remainder: tot.remainder }],
          },
        },
        opts,
      );
    });
  });
}
