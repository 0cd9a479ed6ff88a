// sanzi template KIND — an import's template: its header row and an example, as CSV or a workbook
// with a sheet 说明 describing every column. Drawn from the import's own column table.
import { Command } from 'commander';
import { Refusal } from '../domain/errors.js';
import { UsageErrors } from '../domain/errors/usage.js';
import type { Context } from '../cli/context.js';
import { emit, examples, outputOptions, type OutputOpts } from '../cli/run.js';
import { OPENING_COLUMNS, OPENING_EXAMPLE } from '../io/opening-csv.js';
import { templateView, type TemplateKind } from '../io/views/templates.js';
import { IMPORT_KINDS } from './import.js';

/** Every kind a template is written for: the imports, and the opening balances (`opening import`). */
export const TEMPLATE_KINDS: Readonly<Record<string, TemplateKind>> = {
  ...Object.fromEntries(Object.entries(IMPORT_KINDS).map(([kind, k]) => [kind, { kind, describe: k.describe, columns: k.columns, example: k.example }])),
  opening: { kind: 'opening', describe: '期初余额', columns: OPENING_COLUMNS, example: OPENING_EXAMPLE },
};

export function registerTemplate(program: Command, ctx: Context): void {
  examples(
    outputOptions(
      program
        .command('template')
        .description(`导入模板：表头和示例行（.xlsx 另有“说明”工作表：每列是否必填、格式、可选值）：${Object.keys(TEMPLATE_KINDS).join('|')}`)
        .argument('<kind>', '哪一种导入'),
    ),
    ['sanzi template vouchers --out 凭证导入模板.xlsx', 'sanzi template members --out 成员名册.csv', 'sanzi template opening'],
  ).action(async (kind: string, opts: OutputOpts) => {
    const t = TEMPLATE_KINDS[kind];
    if (!t) throw new Refusal(UsageErrors.IMPORT_KIND(kind, Object.keys(TEMPLATE_KINDS).join(', ')), 2);
    await emit(ctx, templateView(t), opts);
  });
}
