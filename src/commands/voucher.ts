// sanzi voucher add|list|show|review|reverse
import { Command } from 'commander';
import { Refusal, refuseAll, type LedgerError } from '../domain/errors.js';
import { VoucherErrors } from '../domain/errors/vouchers.js';
import { formatFen as fmt } from '../domain/money.js';
import { checkReversal, checkReview, parseLineSpec, parseVoucherRef, reversalOf, voucherRef, type VoucherLine } from '../domain/voucher.js';
import type { Context } from '../cli/context.js';
import { emit, examples, fence, outputOptions, say, withLedger, type OutputOpts } from '../cli/run.js';
import { collect, optDate, optInt, optPeriod } from '../cli/options.js';
import type { Ledger, VoucherHead } from '../store/ledger.js';
import { voucherList } from '../store/queries.js';
import { voucherListView, voucherView } from '../io/views/vouchers.js';
import { UsageErrors } from '../domain/errors/usage.js';
import { ReportErrors } from '../domain/errors/reports.js';
import { voucherSlipsDoc } from './documents.js';
import { printOpts } from './report.js';
import { reversalDate } from '../domain/entries.js';

function lineSpecs(specs: string[], side: 'debit' | 'credit', opt: string): VoucherLine[] {
  const errors: LedgerError[] = [];
  const lines: VoucherLine[] = [];
  for (const s of specs) {
    const r = parseLineSpec(s, side, opt);
    if ('error' in r) errors.push(r.error);
    else lines.push(r.line);
  }
  // A --debit or --credit not of the form 科目:金额[:m=成员][:p=项目] is bad command-line usage.
  refuseAll(errors, 2);
  return lines;
}

/** The voucher a reference such as 2024-03/5 names, or a refusal. */
export function findVoucher(ledger: Ledger, ref: string): VoucherHead {
  const r = parseVoucherRef(ref);
  if (!r) throw new Refusal(VoucherErrors.VOUCHER_REF(ref));
  const v = ledger.voucherByRef(r.period, r.number);
  if (!v) throw new Refusal(VoucherErrors.VOUCHER_UNKNOWN(r.period, r.number));
  return v;
}

function facts(ledger: Ledger, v: VoucherHead) {
  const rev = ledger.reversalOf(v.id);
  return { kind: v.kind, preparer: v.preparer, reviewer: ledger.reviewerOf(v.id) ?? null, reversedBy: rev ? voucherRef(rev.period, rev.number) : null };
}

export function registerVoucher(program: Command, ctx: Context): void {
  const voucher = program.command('voucher').description('记账凭证：录入、查看、审核、红字冲销');

  examples(
    voucher
      .command('add')
      .description('录入一张记账凭证（借贷必须相等）')
      .requiredOption('--date <date>', '凭证日期 2024-03-05')
      .requiredOption('--summary <text>', '摘要')
      .option('--debit <spec>', '借方分录 科目:金额[:m=成员][:p=项目]，可重复', collect, [])
      .option('--credit <spec>', '贷方分录 科目:金额[:m=成员][:p=项目]，可重复', collect, [])
      .option('--attachments <n>', '附件张数', '0')
      .option('--preparer <name>', '制单人'),
    [
      'sanzi voucher add --date 2024-03-05 --summary 购买办公用品 --debit 513:120.00 --credit 101:120.00',
      'sanzi voucher add --date 2024-03-08 --summary 收汤泉门票 --debit 102:3000 --credit 501:3000:p=tq --attachments 2 --preparer 李会计',
    ],
  ).action(async (opts: { date: string; summary: string; debit: string[]; credit: string[]; attachments: string; preparer?: string }) => {
    const date = optDate(opts.date, '--date');
    const lines = [...lineSpecs(opts.debit, 'debit', '--debit'), ...lineSpecs(opts.credit, 'credit', '--credit')];
    const attachments = optInt(opts.attachments, '--attachments');
    const draft = { date, summary: opts.summary.trim(), lines, attachments, preparer: opts.preparer ?? null, kind: 'manual' };
    const posted = await withLedger(ctx, (ledger) =>
      ledger.write(fence(ctx, 'voucher.add'), (tx) => {
        const p = tx.post(draft);
        tx.describe(`记账 ${p.ref}「${draft.summary}」`);
        return p;
      }),
    );
    const total = lines.reduce((a, l) => a + l.debit, 0);
    say(ctx, `已记账：${posted.period} 记字第${posted.number}号（${posted.ref}），金额 ${fmt(total)}`, `posted ${posted.ref}, amount ${fmt(total)}`);
  });

  examples(
    outputOptions(voucher.command('list').description('凭证列表').option('--from <YYYY-MM>', '起始月份').option('--to <YYYY-MM>', '截止月份')),
    ['sanzi voucher list --from 2024-03 --to 2024-03', 'sanzi voucher list --format csv --out 凭证.csv'],
  ).action(async (opts: OutputOpts & { from?: string; to?: string }) => {
    const from = opts.from ? optPeriod(opts.from, '--from') : '0000-01';
    const to = opts.to ? optPeriod(opts.to, '--to') : '9999-12';
    if (from > to) throw new Refusal(ReportErrors.RANGE(from, to), 2);
    const rows = await withLedger(ctx, (ledger) => voucherList(ledger, from, to));
    await emit(ctx, voucherListView(rows), opts);
  });

  examples(outputOptions(voucher.command('show').description('查看一张凭证').argument('<ref>', '凭证号 YYYY-MM/N')), [
    'sanzi voucher show 2024-03/5',
  ]).action(async (ref: string, opts: OutputOpts) => {
    const view = await withLedger(ctx, (ledger) => {
      const v = findVoucher(ledger, ref);
      const lines = ledger.linesOf(v.id).map((l) => ({ ...l, name: ledger.account(l.account)?.name ?? '' }));
      return voucherView({ ...v, reviewer: ledger.reviewerOf(v.id) ?? null, lines });
    });
    await emit(ctx, view, opts);
  });

  examples(
    voucher.command('review').description('审核凭证：审核人用全局选项 --by 写明（不能是制单人）').argument('<ref>', '凭证号 YYYY-MM/N'),
    ['sanzi voucher review 2024-03/5 --by 王主任'],
  ).action(async (ref: string) => {
    const by = ctx.byGiven ?? '';
    const done = await withLedger(ctx, (ledger) =>
      ledger.write(fence(ctx, 'voucher.review'), (tx) => {
        const v = findVoucher(tx.ledger, ref);
        refuseAll(checkReview(facts(tx.ledger, v), by));
        tx.reviewVoucher(v.id, by);
        tx.describe(`审核 ${voucherRef(v.period, v.number)}（审核：${by}）`);
        return voucherRef(v.period, v.number);
      }),
    );
    say(ctx, `已审核 ${done}（审核：${by}）`, `reviewed ${done} by ${by}`);
  });

  examples(
    voucher
      .command('reverse')
      .description('红字冲销：新凭证以负数重复原凭证各行；原凭证不改不删')
      .argument('<ref>', '凭证号 YYYY-MM/N')
      .option('--date <date>', '冲销凭证日期（默认原凭证的日期；原凭证所在月份已结账时必须指定）'),
    ['sanzi voucher reverse 2024-03/5', 'sanzi voucher reverse 2024-03/5 --date 2024-04-02'],
  ).action(async (ref: string, opts: { date?: string }) => {
    const given = opts.date ? optDate(opts.date, '--date') : null;
    const r = await withLedger(ctx, (ledger) =>
      ledger.write(fence(ctx, 'voucher.reverse'), (tx) => {
        const v = findVoucher(tx.ledger, ref);
        refuseAll(checkReversal(facts(tx.ledger, v)));
        const d = reversalDate(v, given, (p) => tx.ledger.isClosed(p));
        if ('error' in d) throw new Refusal(d.error);
        const draft = reversalOf({ date: v.date, number: v.number, lines: tx.ledger.linesOf(v.id), summary: v.summary }, d.date);
        const posted = tx.post(draft, { reverses: v.id });
        const orig = voucherRef(v.period, v.number);
        tx.describe(`红字冲销 ${orig}：${posted.ref}`);
        return { orig, posted, summary: draft.summary };
      }),
    );
    say(ctx, `已红字冲销 ${r.orig}：${r.posted.ref}「${r.summary}」`, `reversed ${r.orig} with ${r.posted.ref}`);
  });

  examples(
    outputOptions(
      voucher
        .command('print')
        .description('打印记账凭证（A4 每页两张；默认输出可打印的 HTML）')
        .argument('[ref...]', '凭证号 YYYY-MM/N，可多个')
        .option('--from <YYYY-MM>', '起始月份（打印这几个月的全部凭证）')
        .option('--to <YYYY-MM>', '截止月份'),
    ),
    ['sanzi voucher print 2024-03/5 --out 凭证.html', 'sanzi voucher print --from 2024-03 --to 2024-03 --out 2024年3月凭证.html'],
  ).action(async (refs: string[], opts: OutputOpts & { from?: string; to?: string }) => {
    const byRange = opts.from !== undefined || opts.to !== undefined;
    if (refs.length > 0 === byRange) {
      throw new Refusal(UsageErrors.USAGE('请给出凭证号，或用 --from/--to 指定月份（二者选一）', 'name vouchers, or months with --from/--to (one or the other)'), 2);
    }
    const from = opts.from ? optPeriod(opts.from, '--from') : undefined;
    const to = opts.to ? optPeriod(opts.to, '--to') : undefined;
    if (from && to && from > to) throw new Refusal(ReportErrors.RANGE(from, to), 2);
    const view = await withLedger(ctx, (ledger) => {
      const sel = byRange ? { from: from ?? to, to: to ?? from } : { ids: refs.map((r) => findVoucher(ledger, r).id) };
      return voucherSlipsDoc(ledger, sel, printOpts(ctx, ledger));
    });
    await emit(ctx, view, opts.format || opts.out ? opts : { ...opts, format: 'html' });
  });
}
