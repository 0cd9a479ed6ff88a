// sanzi init, sanzi account add|list
import { Command } from 'commander';
import { checkNewAccountCode } from '../domain/accounts.js';
import { Refusal, ledgerError } from '../domain/errors.js';
import { parsePeriod } from '../domain/dates.js';
import type { Context } from '../cli/context.js';
import { timestamp } from '../cli/context.js';
import { createLedger, emit, examples, outputOptions, say, withLedger, writeTx, type OutputOpts } from '../cli/helpers.js';

export function registerSetup(program: Command, ctx: Context): void {
  examples(
    program
      .command('init')
      .description('新建账套：写入 2023 年《农村集体经济组织会计制度》的 42 个一级科目')
      .requiredOption('--name <name>', '集体经济组织名称')
      .option('--code <code>', '统一社会信用代码')
      .option('--start <YYYY-MM>', '建账月份（此前日期的凭证不能记入）'),
    ['sanzi init --name 下迳村股份经济合作社 --code N2441803MF0000000X --start 2024-01', 'sanzi --db 下迳.db init --name 下迳乡村旅游经济合作社'],
  ).action((opts: { name: string; code?: string; start?: string }) => {
    if (opts.name.trim() === '') throw new Refusal(ledgerError('INIT_NAME', '名称不能为空', 'the name is empty'));
    let start: string | undefined;
    if (opts.start !== undefined) {
      const r = parsePeriod(opts.start);
      if (!r.ok) throw new Refusal(ledgerError('OPTION_VALUE', `--start：${r.reason}`, `--start: ${r.reasonEn}`));
      start = r.value;
    }
    const ledger = createLedger(ctx);
    try {
      const now = timestamp(ctx.now());
      ledger.db.transaction(() => {
        ledger.setMeta('app', 'sanzi');
        ledger.setMeta('name', opts.name.trim());
        if (opts.code) ledger.setMeta('creditCode', opts.code.trim());
        if (start) ledger.setMeta('start', start);
        ledger.setMeta('chart', '财会〔2023〕14号');
        ledger.setMeta('createdAt', now);
        ledger.seedChart(now);
        ledger.db
          .prepare("INSERT INTO projects(code, name, par, created_at) VALUES ('main', ?, 100, ?)")
          .run('本集体股份', now);
      })();
    } finally {
      ledger.db.close();
    }
    say(ctx, `已建账：${opts.name.trim()}（${ctx.dbPath}），42 个一级科目`, `ledger created: ${opts.name.trim()} (${ctx.dbPath}), 42 first-level accounts`);
  });

  const account = program.command('account').description('会计科目：增设明细科目、查看科目表');
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
    const errors = checkNewAccountCode(code, name);
    if (errors.length) throw new Refusal(errors);
    await withLedger(ctx, (ledger) => {
      const existing = ledger.account(code);
      if (existing) {
        if (existing.name === name) {
          say(ctx, `科目 ${code} ${name} 已存在`, `account ${code} ${name} already exists`);
          return;
        }
        throw new Refusal(
          ledgerError('ACCOUNT_EXISTS', `科目编码 ${code} 已被「${existing.name}」使用`, `account code ${code} is already "${existing.name}"`),
        );
      }
      writeTx(ledger, ctx, () => ledger.addAccount(code, name, timestamp(ctx.now())));
      say(ctx, `已增设科目 ${code} ${name}`, `account ${code} ${name} added`);
    });
  });

  examples(outputOptions(account.command('list').description('科目表')), ['sanzi account list', 'sanzi account list --format csv --out 科目表.csv']).action(
    async (opts: OutputOpts) => {
      await withLedger(ctx, (ledger) => {
        const rows = ledger.allAccounts();
        emit(
          ctx,
          {
            json: { accounts: rows.map((a) => ({ code: a.code, name: a.name, class: a.class, side: a.side, level: a.level, parent: a.parent, leaf: a.isLeaf })) },
            table: {
              columns: [
                { key: 'code', zh: '科目编码', en: 'Code' },
                { key: 'name', zh: '科目名称', en: 'Name' },
                { key: 'class', zh: '类别', en: 'Class' },
                { key: 'side', zh: '余额方向', en: 'Side', kind: 'side' as const },
                { key: 'level', zh: '级次', en: 'Level', kind: 'int' },
              ],
              rows: rows.map((a) => ({ code: a.code, name: '  '.repeat(a.level - 1) + a.name, class: a.class, side: a.side, level: a.level })),
            },
            csv: {
              columns: [
                { key: 'code', zh: '科目编码', en: 'code' },
                { key: 'name', zh: '科目名称', en: 'name' },
                { key: 'class', zh: '类别', en: 'class' },
                { key: 'side', zh: '余额方向', en: 'side', kind: 'side' as const },
                { key: 'level', zh: '级次', en: 'level', kind: 'int' },
              ],
              rows: rows.map((a) => ({ code: a.code, name: a.name, class: a.class, side: a.side, level: a.level })),
            },
          },
          opts,
        );
      });
    },
  );
}
