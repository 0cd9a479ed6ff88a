// sanzi resource add|list, and `import resources` (资源台账: land and other natural resources).
import { Command } from 'commander';
import { Refusal, ledgerError, type LedgerError } from '../domain/errors.js';
import { formatArea, type ResourceEntry } from '../domain/registers.js';
import type { Context } from '../cli/context.js';
import { timestamp, today } from '../cli/context.js';
import { emit, examples, outputOptions, say, withLedger, type OutputOpts, fence } from '../cli/run.js';
import { optDate } from '../cli/options.js';
import { readCsv } from '../io/csv-read.js';
import { RESOURCE_COLUMNS, RESOURCE_OPTIONS, readResource } from '../io/resources-csv.js';
import { FieldReader } from '../io/register-fields.js';
import type { Ledger } from '../store/ledger.js';
import { checkResource, insertResource, listContracts, listResources } from '../store/registers.js';
import { MAX_REPORTED_ERRORS, importRefusal } from '../domain/errors/imports.js';

interface Total {
  key: string;
  unit: string;
  count: number;
  area: number;
}

/** Totals by a key and unit (亩 and 株 are never added together). */
function totalsBy(list: ResourceEntry[], key: (r: ResourceEntry) => string): Total[] {
  const m = new Map<string, Total>();
  for (const r of list) {
    const k = `${key(r)}\u0000${r.unit}`;
    const t = m.get(k) ?? { key: key(r), unit: r.unit, count: 0, area: 0 };
    t.count++;
    t.area += r.area;
    m.set(k, t);
  }
  return [...m.values()];
}

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
      .option('--status <status>', '使用状态 自营|发包|出租|入股|闲置（默认 闲置）')
      .option('--parcel <code>', '地块代码')
      .option('--ownership <text>', '权属')
      .option('--note <text>', '备注'),
    ['sanzi resource add LD-01 --name 后山林地 --category 林地 --area 320 --location 下迳村后山 --boundaries "东至山脊，南至水渠，西至村道，北至林场" --status 出租'],
  ).action(async (code: string, opts: Record<string, string | undefined>) => {
    const values: Record<string, string | undefined> = { ...opts, code, parcelCode: opts.parcel };
    const r = new FieldReader((k) => values[k], RESOURCE_COLUMNS, undefined, RESOURCE_OPTIONS);
    const entry = readResource(r);
    if (r.errors.length) throw new Refusal(r.errors);
    await withLedger(ctx, async (ledger) => {
      const e = checkResource(ledger, entry!, undefined);
      if (e.length) throw new Refusal(e);
      ledger.write(fence(ctx, 'resource.add'), () => insertResource(ledger, entry!, timestamp(ctx.now())));
      say(ctx, `已登记资源 ${entry!.code} ${entry!.name}，${formatArea(entry!.area)} ${entry!.unit}`, `resource ${entry!.code} registered, ${formatArea(entry!.area)} ${entry!.unit}`);
    });
  });

  examples(
    outputOptions(resource.command('list').description('资源台账，附使用该资源的合同，按类别、按状态合计').option('--as-of <date>', '合同以该日为准（默认今天）')),
    ['sanzi resource list', 'sanzi resource list --as-of 2024-12-31 --format csv --out 资源台账.csv'],
  ).action(async (opts: OutputOpts & { asOf?: string }) => {
    const asOf = opts.asOf ? optDate(opts.asOf, '--as-of') : today(ctx.now());
    await withLedger(ctx, async (ledger) => {
      const list = listResources(ledger);
      const contracts = listContracts(ledger);
      const using = (code: string) => contracts.filter((c) => c.subject === code && c.start <= asOf && asOf <= c.end);
      const byCategory = totalsBy(list, (r) => r.category);
      const byStatus = totalsBy(list, (r) => r.status);
      const totalRow = (t: Total, label: string) => ({ code: label, name: t.key, area: formatArea(t.area), unit: t.unit, status: `${t.count} 项` });
      await emit(
        ctx,
        {
          json: {
            asOf,
            resources: list.map((r) => ({
              code: r.code,
              name: r.name,
              category: r.category,
              area: formatArea(r.area),
              unit: r.unit,
              location: r.location,
              boundaries: r.boundaries,
              parcelCode: r.parcelCode,
              ownership: r.ownership,
              status: r.status,
              contracts: using(r.code).map((c) => ({ code: c.code, kind: c.kind, direction: c.direction, counterparty: c.counterparty, start: c.start, end: c.end })),
            })),
            totals: {
              byCategory: byCategory.map((t) => ({ category: t.key, unit: t.unit, count: t.count, area: formatArea(t.area) })),
              byStatus: byStatus.map((t) => ({ status: t.key, unit: t.unit, count: t.count, area: formatArea(t.area) })),
            },
          },
          table: {
            title: { zh: `资源台账（合同截至 ${asOf}）`, en: `Resource register (contracts as of ${asOf})` },
            columns: [
              { key: 'code', zh: '资源编码', en: 'Code' },
              { key: 'name', zh: '名称', en: 'Name' },
              { key: 'category', zh: '类别', en: 'Category' },
              { key: 'area', zh: '面积', en: 'Area', kind: 'number' },
              { key: 'unit', zh: '单位', en: 'Unit' },
              { key: 'location', zh: '坐落', en: 'Location' },
              { key: 'boundaries', zh: '四至', en: 'Boundaries' },
              { key: 'parcelCode', zh: '地块代码', en: 'Parcel' },
              { key: 'status', zh: '使用状态', en: 'Status' },
              { key: 'contract', zh: '合同', en: 'Contract' },
            ],
            rows: list.map((r) => ({
              ...r,
              area: formatArea(r.area),
              contract: using(r.code)
                .map((c) => `${c.code}（${c.kind}，${c.counterparty}，至 ${c.end}）`)
                .join('；'),
            })),
            footer: [...byCategory.map((t) => totalRow(t, '按类别')), ...byStatus.map((t) => totalRow(t, '按状态'))],
          },
        },
        opts,
      );
    });
  });
}

export async function importResources(ctx: Context, ledger: Ledger, file: string): Promise<void> {
  const entries: ResourceEntry[] = [];
  const errors: LedgerError[] = [];
  const seen = new Set<string>();
  await readCsv(file, {
    columns: RESOURCE_COLUMNS,
    onRow: (row) => {
      const at = { file, line: row.line };
      const r = new FieldReader((k) => row.get(k), RESOURCE_COLUMNS, at);
      const entry = readResource(r);
      errors.push(...r.errors);
      if (!entry && r.raw('code') !== '') {
        if (seen.has(r.raw('code'))) errors.push(ledgerError('RESOURCE_DUPLICATE', `资源编码「${r.raw('code')}」在本文件中重复`, `resource code "${r.raw('code')}" appears twice in the file`, at));
        seen.add(r.raw('code'));
      }
      if (entry) {
        const e = checkResource(ledger, entry, at, seen);
        errors.push(...e);
        if (!e.length) entries.push(entry);
      }
    },
  });
  if (errors.length) throw importRefusal(errors.slice(0, MAX_REPORTED_ERRORS), errors.length);
  const now = timestamp(ctx.now());
  ledger.write(fence(ctx, 'resource.import'), () => entries.forEach((e) => insertResource(ledger, e, now)));
  say(ctx, `已导入资源 ${entries.length} 项`, `imported ${entries.length} resources`);
}

