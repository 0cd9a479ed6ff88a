// sanzi init, sanzi account add|rename|list
import { Command } from 'commander';
import { checkAccountAdd, checkAccountRename, parentOf } from '../domain/accounts.js';
import { Refusal, refuseAll } from '../domain/errors.js';
import { SetupErrors } from '../domain/errors/setup.js';
import type { Context } from '../cli/context.js';
import { emit, examples, fence, outputOptions, say, withLedger, withNewLedger, type OutputOpts } from '../cli/run.js';
import { optPeriod } from '../cli/options.js';
import { initLedger, renameAccount } from '../store/setup.js';
import { accountListView } from '../io/views/accounts.js';

export function registerSetup(program: Command, ctx: Context): void {
  examples(
    program
      .command('init')
      .description('新建账套：写入 2023 年《农村集体经济组织会计制度》的 42 个一级科目')
      .requiredOption('--name <name>', '集体经济组织名称')
      .option('--code <code>', '统一社会信用代码')
      .option('--start <YYYY-MM>', '建账月份（此前日期的凭证不能记入）'),
    ['sanzi init --name 下迳村股份经济合作社 --code N2441803MF0000000X --start 2024-01', 'sanzi --db 下迳.db init --name 下迳乡村旅游经济合作社'],
  ).action(async (opts: { name: string; code?: string; start?: string }) => {
    const name = opts.name.trim();
    if (name === '') throw new Refusal(SetupErrors.INIT_NAME());
    const start = opts.start !== undefined ? optPeriod(opts.start, '--start') : null;
    await withNewLedger(ctx, (ledger) =>
      ledger.write(fence(ctx, 'ledger.init'), (tx) => {
        initLedger(tx, { name, creditCode: opts.code?.trim() || null, start });
        tx.describe(`建账：${name}`);
      }),
    );
    say(ctx, `已建账：${name}（${ctx.dbPath}），42 个一级科目`, `ledger created: ${name} (${ctx.dbPath}), 42 first-level accounts`);
  });

  const account = program.command('account').description('会计科目：增设明细科目、明细科目更名、查看科目表');
  examples(
    account
      .command('add')
      .description('增设明细科目（上级编码加两位，如 10201 银行存款-基本户）')
      .argument('<code>', '科目编码')
      .argument('<name>', '科目名称'),
    ['sanzi account add 10201 基本户', 'sanzi account add 50101 民宿经营收入'],
  ).action(async (code: string, name: string) => {
    code = code.trim();
    name = name.trim();
    const added = await withLedger(ctx, (ledger) =>
      ledger.write(fence(ctx, 'account.add'), (tx) => {
        const check = checkAccountAdd(code, name, tx.ledger);
        refuseAll(check.errors);
        if (check.existing) return false;
        tx.insertAccount(code, name, tx.ledger.account(parentOf(code)!)!);
        tx.describe(`增设科目 ${code} ${name}`);
        return true;
      }),
    );
    if (added) say(ctx, `已增设科目 ${code} ${name}`, `account ${code} ${name} added`);
    else say(ctx, `科目 ${code} ${name} 已存在`, `account ${code} ${name} already exists`);
  });

  examples(
    account
      .command('rename')
      .description('明细科目更名（42 个一级科目的名称由会计制度规定，不能更改）；已记的凭证不受影响')
      .argument('<code>', '科目编码')
      .argument('<name>', '新的科目名称'),
    ['sanzi account rename 10201 农商银行基本户'],
  ).action(async (code: string, name: string) => {
    code = code.trim();
    name = name.trim();
    const before = await withLedger(ctx, (ledger) =>
      ledger.write(fence(ctx, 'account.rename'), (tx) => {
        refuseAll(checkAccountRename(code, name, tx.ledger));
        const before = tx.ledger.account(code)!.name;
        renameAccount(tx, code, name);
        tx.describe(`科目 ${code} 更名：${before} → ${name}`, { code, before, after: name });
        return before;
      }),
    );
    say(ctx, `科目 ${code} 已更名：${before} → ${name}`, `account ${code} renamed: ${before} → ${name}`);
  });

  examples(outputOptions(account.command('list').description('科目表')), ['sanzi account list', 'sanzi account list --format csv --out 科目表.csv']).action(
    async (opts: OutputOpts) => {
      const accounts = await withLedger(ctx, (ledger) => ledger.allAccounts());
      await emit(ctx, accountListView(accounts), opts);
    },
  );
}
