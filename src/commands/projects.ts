// sanzi project add|list
import { Command } from 'commander';
import { refuseAll } from '../domain/errors.js';
import { checkProjectAdd, DEFAULT_CAPITAL_ACCOUNT } from '../domain/projects.js';
import { formatFenGrouped } from '../domain/money.js';
import type { Context } from '../cli/context.js';
import { today } from '../cli/context.js';
import { emit, examples, fence, outputOptions, say, withLedger, type OutputOpts } from '../cli/run.js';
import { optAmount } from '../cli/options.js';
import { projectListView } from '../io/views/projects.js';
import { insertProject, listProjects, projectLookup } from '../store/projects.js';
import { registerAsOf } from '../store/shares.js';

export function registerProjects(program: Command, ctx: Context): void {
  const project = program.command('project').description('项目：各有一本股东名册和每股金额（main 为本集体股份）');
  examples(
    project
      .command('add')
      .description('新增项目（如汤泉民宿），定每股金额')
      .argument('<code>', '项目编码（字母、数字、-、_）')
      .requiredOption('--name <name>', '项目名称')
      .requiredOption('--par <amount>', '每股金额（元）')
      .option('--capital-account <code>', '资本科目（默认 301；可用 301 的明细科目，如 30101，不存在时以项目名称新建）'),
    ['sanzi project add tq --name 汤泉民宿 --par 1000', 'sanzi project add tq --name 汤泉民宿 --par 1,000.00 --capital-account 30101'],
  ).action(async (code: string, opts: { name: string; par: string; capitalAccount?: string }) => {
    const p = { code: code.trim(), name: opts.name.trim(), par: optAmount(opts.par, '--par'), capitalAccount: (opts.capitalAccount ?? DEFAULT_CAPITAL_ACCOUNT).trim() };
    await withLedger(ctx, (ledger) =>
      ledger.write(fence(ctx, 'project.add'), (tx) => {
        const check = checkProjectAdd(p, projectLookup(tx.ledger));
        refuseAll(check.errors);
        insertProject(tx, p, check.createAccount);
        tx.describe(`新增项目 ${p.code} ${p.name}，每股 ${formatFenGrouped(p.par)} 元`);
      }),
    );
    say(
      ctx,
      `已新增项目 ${p.code} ${p.name}，每股 ${formatFenGrouped(p.par)} 元，资本科目 ${p.capitalAccount}`,
      `project ${p.code} ${p.name} added, par ${formatFenGrouped(p.par)}, capital account ${p.capitalAccount}`,
    );
  });

  examples(outputOptions(project.command('list').description('项目列表（含当前总股数）')), ['sanzi project list']).action(async (opts: OutputOpts) => {
    const asOf = today(ctx.now());
    const rows = await withLedger(ctx, (ledger) =>
      listProjects(ledger).map((p) => {
        const reg = registerAsOf(ledger, p.code, asOf);
        return { ...p, holders: reg.size, totalUnits: [...reg.values()].reduce((a, h) => a + h.total, 0) };
      }),
    );
    await emit(ctx, projectListView(rows), opts);
  });
}
