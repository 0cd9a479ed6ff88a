// sanzi resource add|status|status-cancel|list, and `import resources` (资源台账: land and other natural resources).
import { Command, Option } from 'commander';
import { Refusal, refuseAll } from '../domain/errors.js';
import { ResourceErrors } from '../domain/errors/resources.js';
import { formatArea, refuseRows } from '../domain/registers.js';
import {
  checkResource,
  checkResourceRows,
  checkStatusCancel,
  checkStatusChange,
  inForceBySubject,
  lettingOut,
  lettingsAfter,
  RESOURCE_STATUSES,
  statusAsOf,
  statusOfLetting,
  type ResourceStatus,
} from '../domain/resources.js';
import type { Context } from '../cli/context.js';
import { today } from '../cli/context.js';
import { emit, examples, fence, outputOptions, say, withLedger, type OutputOpts } from '../cli/run.js';
import { optDate, optReason } from '../cli/options.js';
import { RESOURCE_COLUMNS, RESOURCE_OPTIONS, readResource } from '../io/resources-csv.js';
import { readOptions, readRegisterFile } from '../io/register-fields.js';
import { resourceListView } from '../io/views/resources.js';
import type { Ledger } from '../store/ledger.js';
import { getResource, insertResource, insertStatusCancellation, insertStatusChange, lastStatusChange, listResources, resourceLookup, statusChanges } from '../store/resources.js';
import { contractHeads } from '../store/contracts.js';

export function registerResources(program: Command, ctx: Context): void {
  const resource = program.command('resource').description('资源台账：耕地、林地、水面等集体资源，面积、坐落、四至、使用状态与合同');

  examples(
    resource
      .command('add')
      .description('登记一项资源')
      .argument('<code>', '资源编码')
      .requiredOption('--name <name>', '名称')
      .requiredOption('--category <category>', '类别（耕地、园地、林地、草地、养殖水面、四荒地、集体经营性建设用地……）')
      .requiredOption('--area <n>', '面积（最多 4 位小数）')
      .option('--unit <unit>', '单位（默认 亩）')
      .option('--location <text>', '坐落')
      .option('--boundaries <text>', '四至（东至…南至…西至…北至…）')
      .option('--status <status>', '使用状态 自营|发包|出租|入股|流转|闲置（默认 闲置；流转：经营权已流转出去）')
      .option('--parcel <code>', '地块代码')
      .option('--ownership <text>', '权属')
      .option('--note <text>', '备注'),
    ['sanzi resource add LD-01 --name 后山林地 --category 林地 --area 320 --location 下迳村后山 --boundaries "东至山脊，南至水渠，西至村道，北至林场" --status 出租'],
  ).action(async (code: string, opts: Record<string, string | undefined>) => {
    const entry = readOptions(RESOURCE_COLUMNS, RESOURCE_OPTIONS, { ...opts, code, parcelCode: opts.parcel }, readResource);
    await withLedger(ctx, (ledger) =>
      ledger.write(fence(ctx, 'resource.add'), (tx) => {
        refuseAll(checkResource(entry, resourceLookup(tx.ledger)));
        insertResource(tx, entry);
        tx.describe(`登记资源 ${entry.code} ${entry.name}，${formatArea(entry.area)} ${entry.unit}`);
      }),
    );
    say(ctx, `已登记资源 ${entry.code} ${entry.name}，${formatArea(entry.area)} ${entry.unit}`, `resource ${entry.code} registered, ${formatArea(entry.area)} ${entry.unit}`);
  });

  examples(
    resource
      .command('status')
      .description('登记资源使用状态的变动（如合同终止后闲置、重新出租、收回自营）：记日期和原因，不改写登记时的状态；资源台账按 --as-of 当日的状态列示')
      .argument('<code>', '资源编码')
      .addOption(new Option('--status <status>', '新的使用状态').choices([...RESOURCE_STATUSES]).makeOptionMandatory())
      .requiredOption('--date <date>', '新状态的第一天')
      .option('--reason <text>', '原因'),
    ['sanzi resource status LD-01 --status 闲置 --date 2024-07-01 --reason 合同HT-1提前终止，收回'],
  ).action(async (code: string, opts: { status: ResourceStatus; date: string; reason?: string }) => {
    const date = optDate(opts.date, '--date');
    const reason = opts.reason?.trim() || null;
    const was = await withLedger(ctx, (ledger) =>
      ledger.write(fence(ctx, 'resource.status'), (tx) => {
        const r = getResource(tx.ledger, code);
        if (!r) throw new Refusal(ResourceErrors.RESOURCE_UNKNOWN(code));
        const changes = statusChanges(tx.ledger, code).get(code) ?? [];
        // The contracts letting it out that day (one renting it in leaves the collective free to use it).
        const usedBy = inForceBySubject(lettingOut(contractHeads(tx.ledger)), date).get(code) ?? [];
        refuseAll(checkStatusChange(r, changes, usedBy, opts.status, date, today(ctx.now()), tx.ledger.lastClosedPeriod()));
        const before = statusAsOf(r.status, changes, date);
        insertStatusChange(tx, code, { date, status: opts.status, reason });
        tx.describe(`资源 ${code} 使用状态 ${before} → ${opts.status}（自 ${date}${reason ? `，${reason}` : ''}）`);
        const later = lettingsAfter(opts.status, lettingOut(contractHeads(tx.ledger)).filter((c) => c.subject === code), date);
        return { before, later };
      }),
    );
    say(ctx, `资源 ${code} 的使用状态自 ${date} 起由「${was.before}」改为「${opts.status}」`, `resource ${code}: status "${was.before}" → "${opts.status}" from ${date}`);
    for (const c of was.later)
      say(
        ctx,
        `合同 ${c.code} 自 ${c.start} 起${c.kind}该资源：${c.start > today(ctx.now()) ? `到 ${c.start} 合同开始后` : ''}请登记 sanzi resource status ${code} --status ${statusOfLetting(c.kind)} --date ${c.start}`,
        `contract ${c.code} lets it out from ${c.start}: record its status again then (sanzi resource status ${code} --status … --date ${c.start})`,
      );
  });

  examples(
    resource
      .command('status-cancel')
      .description('撤销资源最近一次录错的使用状态变动（留有记录和原因，不再计入；该日所在月份须未结账）')
      .argument('<code>', '资源编码')
      .requiredOption('--reason <text>', '撤销原因（记入审计留痕）'),
    ['sanzi resource status-cancel LD-01 --reason 日期录错'],
  ).action(async (code: string, opts: { reason: string }) => {
    const reason = optReason(opts.reason);
    const c = await withLedger(ctx, (ledger) =>
      ledger.write(fence(ctx, 'resource.status-cancel'), (tx) => {
        if (!getResource(tx.ledger, code)) throw new Refusal(ResourceErrors.RESOURCE_UNKNOWN(code));
        const last = lastStatusChange(tx.ledger, code);
        refuseAll(checkStatusCancel(code, last, tx.ledger.lastClosedPeriod()));
        insertStatusCancellation(tx, last!.id, reason);
        tx.describe(`撤销资源 ${code} 自 ${last!.date} 起为「${last!.status}」的使用状态变动（${reason}）`);
        return last!;
      }),
    );
    say(ctx, `已撤销资源 ${code} 自 ${c.date} 起为「${c.status}」的使用状态变动`, `the change of resource ${code} to "${c.status}" from ${c.date} is cancelled`);
  });

  examples(
    outputOptions(resource.command('list').description('资源台账，附使用该资源的合同，按类别、按状态合计').option('--as-of <date>', '使用状态和合同以该日为准（默认今天）')),
    ['sanzi resource list', 'sanzi resource list --as-of 2024-12-31 --format csv --out 资源台账.csv'],
  ).action(async (opts: OutputOpts & { asOf?: string }) => {
    const asOf = opts.asOf ? optDate(opts.asOf, '--as-of') : today(ctx.now());
    const view = await withLedger(ctx, (ledger) =>
      resourceListView({ asOf, resources: listResources(ledger, asOf), inForce: inForceBySubject(contractHeads(ledger), asOf) }),
    );
    await emit(ctx, view, opts);
  });
}

export async function importResources(ctx: Context, ledger: Ledger, file: string, sheet?: string): Promise<void> {
  const { rows, errors } = await readRegisterFile(file, RESOURCE_COLUMNS, readResource, sheet);
  const n = ledger.write(fence(ctx, 'resource.import'), (tx) => {
    refuseRows([...errors, ...checkResourceRows(rows, resourceLookup(tx.ledger))]);
    rows.forEach((r) => insertResource(tx, r.entry!));
    tx.describe(`导入资源 ${rows.length} 项（${file}）`);
    return rows.length;
  });
  say(ctx, `已导入资源 ${n} 项`, `imported ${n} resources`);
}
