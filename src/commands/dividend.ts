// sanzi dividend plan|declare|show|pay|roll|notice — 收益分配.
import { Command, Option } from 'commander';
import { Refusal, refuseAll, type LedgerError } from '../domain/errors.js';
import { UsageErrors } from '../domain/errors/usage.js';
import { formatFen } from '../domain/money.js';
import { parseShares } from '../domain/shares.js';
import {
  assemblePlan,
  checkDeclaration,
  checkPrintOptions,
  declarationVouchers,
  storePlan,
  type DeclaredPlan,
  type DividendPlan,
  type PlanOptions,
} from '../domain/dividend-plan.js';
import { bankFile, rosterLines, rosterOf } from '../domain/dividend-payout.js';
import type { Context } from '../cli/context.js';
import { t, today } from '../cli/context.js';
import { addDays } from '../domain/dates.js';
import { emit, examples, fence, withLedger, type OutputOpts } from '../cli/run.js';
import { optAmount, optDate, optPercent, optYear } from '../cli/options.js';
import type { Ledger, WriteTx } from '../store/ledger.js';
import { requireProject } from '../store/shares.js';
import { distributionAccounts, getDividend, insertDividend, listPayments, memberCards, idCardWalker, planFacts, requireDeclared, requireDeclaredStream } from '../store/dividends.js';
import { bankFileView, declaredView, noticeView, planView, rollView, shownView } from '../io/views/dividends.js';
import { FORMATS } from '../io/output.js';
import { registerDividendPay } from './dividend-pay.js';
import { registerDividendCancel } from './dividend-cancel.js';

interface DistOpts extends OutputOpts {
  project: string;
  year: string;
  profit?: string;
  reserve?: string;
  payout?: string;
  basis?: string;
  recordDate?: string;
  offsetDebts?: boolean;
  withhold?: string;
  capPerHousehold?: string;
  includeSubsidies?: boolean;
}

const DISTRIBUTION_OPTIONS = ['profit', 'reserve', 'payout', 'recordDate', 'offsetDebts', 'withhold', 'capPerHousehold', 'includeSubsidies'] as const;

function target(cmd: Command): Command {
  return cmd.requiredOption('--project <code>', '项目编码（main 为本集体）').requiredOption('--year <YYYY>', '分配年度');
}

function distributionOptions(cmd: Command): Command {
  return target(cmd)
    .option('--profit <amount>', '本次分配的收益（默认取账：项目本年收入 − 支出，先弥补本项目以前年度亏损；main 为全账套本年收益，先弥补年初未分配亏损，减去其他项目已宣告的分配）')
    .option('--include-subsidies', '补助收入（503）也参与分配（默认不参与）')
    .option('--reserve <pct>', '提取公积公益金比例，占收益的百分比（默认 0）')
    .option('--payout <pct>', '向股东分配的比例，占（收益 − 公积公益金）的百分比（默认 100）')
    .addOption(new Option('--basis <basis>', '计算基础 record-date（登记日持股）| time-weighted（按持股天数加权）').choices(['record-date', 'time-weighted']).default('record-date'))
    .option('--record-date <date>', '股权登记日（默认 YYYY-12-31；仅 record-date）')
    .option('--offset-debts', '以分红抵扣成员在 113 内部往来的欠款')
    .option('--withhold <pct>', '代扣税比例（默认 0）')
    .option('--cap-per-household <shares>', '每户计分红的股数上限（超出部分不分红）');
}

/** --format (with the extra formats of this command), --out, --force, --encoding. */
function formatOptions(cmd: Command, extra: string[] = []): Command {
  const formats = [...new Set([...FORMATS, ...extra])];
  return cmd
    .addOption(new Option('--format <format>', `输出格式 ${formats.join('|')}（默认表格）`).choices(formats))
    .option('--out <file>', '写入文件（格式按扩展名；已存在时须加 --force）')
    .option('--force', '覆盖已存在的 --out 文件')
    .addOption(new Option('--encoding <encoding>', 'CSV 编码 utf8|gbk（默认带 BOM 的 UTF-8；utf8 不带 BOM）').choices(['utf8', 'gbk']));
}

function parseOptions(o: DistOpts): PlanOptions {
  const basis = (o.basis ?? 'record-date') as PlanOptions['basis'];
  if (basis === 'time-weighted' && o.recordDate !== undefined) {
    throw new Refusal(UsageErrors.USAGE('--record-date 只适用于 --basis record-date', '--record-date applies to --basis record-date only'), 2);
  }
  let cap: number | null = null;
  if (o.capPerHousehold !== undefined) {
    const r = parseShares(o.capPerHousehold);
    if (!r.ok) throw new Refusal(UsageErrors.OPTION_VALUE('--cap-per-household', r.reason, r.reasonEn), 2);
    cap = r.value;
  }
  return {
    profit: o.profit === undefined ? null : optAmount(o.profit, '--profit', true),
    reserve: optPercent(o.reserve ?? '0', '--reserve'),
    payout: optPercent(o.payout ?? '100', '--payout'),
    withhold: optPercent(o.withhold ?? '0', '--withhold'),
    basis,
    recordDate: o.recordDate !== undefined ? optDate(o.recordDate, '--record-date') : null,
    offsetDebts: Boolean(o.offsetDebts),
    capPerHousehold: cap,
    includeSubsidies: Boolean(o.includeSubsidies),
  };
}

interface PlanRequest {
  project: string;
  year: number;
  options: PlanOptions;
}

function request(o: DistOpts): PlanRequest {
  return { project: o.project, year: optYear(o.year, '--year'), options: parseOptions(o) };
}

/**
 * Roll and notice print a declaration in force (else exit 1, like show and pay); distribution
 * options given with them are refused (exit 2): it is printed as declared.
 */
function declaredForPrint(ledger: Ledger, o: DistOpts): DeclaredPlan & { id: number } {
  const p = requireDeclared(ledger, o.project, optYear(o.year, '--year'));
  checkRollOptions(p, o);
  return p;
}

/** A declared plan is printed as declared: distribution options are refused. */
function checkRollOptions(p: DeclaredPlan, o: DistOpts): void {
  const given: string[] = DISTRIBUTION_OPTIONS.filter((k) => o[k] !== undefined);
  if (o.basis !== undefined && o.basis !== 'record-date') given.push('basis');
  refuseAll(checkPrintOptions(p.year, true, given), 2);
}

/** The plan from the ledger (read through `ledger`: inside a write, the locked one) and the options. */
function plan(ledger: Ledger, r: PlanRequest): DividendPlan {
  const planned = assemblePlan(planFacts(ledger, requireProject(ledger, r.project), r.year, r.options.offsetDebts), r.options);
  if (!planned.ok) throw new Refusal(planned.errors);
  return planned.plan;
}


/** Check and post a declaration inside the fence; every reason it is refused comes out at once. */
function postDeclaration(tx: WriteTx, p: DividendPlan): DeclaredPlan & { id: number } {
  const { accounts, errors: accountErrors } = distributionAccounts(tx.ledger);
  const drafts = declarationVouchers(p, accounts);
  const toPost = [drafts.reserve, drafts.members].filter((v) => v !== null);
  const errors = [...checkDeclaration(p, getDividend(tx.ledger, p.project.code, p.year)), ...accountErrors, ...toPost.flatMap((v) => tx.checkVoucher(v))];
  refuseAll(once(errors));
  const reserve = drafts.reserve && tx.postChecked(drafts.reserve);
  const members = drafts.members && tx.postChecked(drafts.members);
  const id = insertDividend(tx, {
    project: p.project.code,
    year: p.year,
    options: p.options,
    plan: storePlan(p.distribution, p.profitSource, p.breakdown),
    declaredAt: tx.now,
    reserveVoucherId: reserve?.id ?? null,
    membersVoucherId: members?.id ?? null,
  });
  const vouchers = [reserve, members].flatMap((v) => (v ? [v.ref] : []));
  tx.describe(`宣告 ${p.year} 年${p.project.name}收益分配，凭证 ${vouchers.join('、')}`, { project: p.project.code, year: p.year });
  return { ...p, id, declaredAt: tx.now, vouchers };
}

/** The same error found twice (two vouchers in one closed month) is said once. */
function once(errors: LedgerError[]): LedgerError[] {
  const seen = new Set<string>();
  return errors.filter((e) => !seen.has(e.code + e.zh) && seen.add(e.code + e.zh));
}

export function registerDividend(program: Command, ctx: Context): void {
  const dividend = program.command('dividend').description('收益分配：方案、宣告（记账）、发放、分红发放表、银行代发文件、公示');

  examples(formatOptions(distributionOptions(dividend.command('plan').description('计算分配方案（不记账）'))), [
    'sanzi dividend plan --project tq --year 2024 --reserve 10',
    'sanzi dividend plan --project tq --year 2024 --reserve 10 --payout 60 --withhold 20 --offset-debts',
    'sanzi dividend plan --project tq --year 2024 --basis time-weighted --format json',
    'sanzi dividend plan --project main --year 2024 --cap-per-household 10',
  ]).action(async (opts: DistOpts) => {
    const req = request(opts);
    const p = await withLedger(ctx, (ledger) => plan(ledger, req));
    await emit(ctx, planView(p, ctx.lang), opts);
  });

  examples(formatOptions(distributionOptions(dividend.command('declare').description('宣告分配：按方案记账（YYYY-12-31），保存方案'))), [
    'sanzi dividend declare --project tq --year 2024 --reserve 10 --withhold 20',
  ]).action(async (opts: DistOpts) => {
    const req = request(opts);
    const d = await withLedger(ctx, (ledger) =>
      ledger.write(fence(ctx, 'dividend.declare'), (tx) => postDeclaration(tx, plan(tx.ledger, req))),
    );
    await emit(ctx, declaredView(d, ctx.lang), opts);
    const [reserve, gross] = [formatFen(d.distribution.reserve), formatFen(d.distribution.totals.gross)];
    ctx.stderr(
      t(
        ctx,
        `已宣告 ${d.year} 年分配：公积公益金 ${reserve}，向成员分配 ${gross}，凭证 ${d.vouchers.join('、')}\n`,
        `declared the ${d.year} distribution: reserve ${reserve}, to members ${gross}, vouchers ${d.vouchers.join(', ')}\n`,
      ),
    );
  });

  examples(formatOptions(target(dividend.command('show').description('查看已宣告的分配方案（按宣告时原样）'))), [
    'sanzi dividend show --project tq --year 2024',
  ]).action(async (opts: DistOpts) => {
    const view = await withLedger(ctx, (ledger) => {
      const d = requireDeclared(ledger, opts.project, optYear(opts.year, '--year'));
      const paid = listPayments(ledger, d.id).reduce((a, x) => a + x.amount, 0);
      return shownView(d, paid, ctx.lang);
    });
    await emit(ctx, view, opts);
  });

  registerDividendPay(dividend, ctx);
  registerDividendCancel(dividend, ctx);

  examples(
    formatOptions(distributionOptions(dividend.command('roll').description('已宣告分配的分红发放表（含大写金额、领款人签字栏）；--format bank 生成银行代发文件（--out 代发.xlsx 为 Excel）')), ['bank']).option(
      '--skip-missing',
      '银行代发文件不列入没有银行账号的成员（名单显示在屏幕上和 Excel 文件的“未列入”表中），先为其他人生成',
    ),
    [
      'sanzi dividend roll --project tq --year 2024',
      'sanzi dividend roll --project tq --year 2024 --out 分红发放表.xlsx',
      'sanzi dividend roll --project tq --year 2024 --format bank --out 代发.csv',
      'sanzi dividend roll --project tq --year 2024 --format bank --out 代发.xlsx --skip-missing',
    ],
  ).action(async (opts: DistOpts & { skipMissing?: boolean }) => {
    const bank = opts.format === 'bank';
    if (opts.skipMissing && !bank) throw new Refusal(UsageErrors.USAGE('--skip-missing 只用于 --format bank', '--skip-missing goes with --format bank'), 2);
    if (!bank) {
      // Written while the ledger is open: the allocations are read from the stored plan as the roll
      // is written, the ID numbers beside them.
      await withLedger(ctx, (ledger) => {
        const d = requireDeclaredStream(ledger, opts.project, optYear(opts.year, '--year'));
        checkRollOptions(d.plan, opts);
        return emit(ctx, rollView(d.plan, true, rosterOf(d.allocations, () => idCardWalker(ledger))), opts);
      });
      return;
    }
    let skipped: { member: string; name: string }[] = [];
    const view = await withLedger(ctx, (ledger) => {
      const p = declaredForPrint(ledger, opts);
      const cards = memberCards(ledger);
      const paid = new Set(listPayments(ledger, p.id).map((x) => x.member));
      const file = bankFile(p, paid, cards, { skipMissing: opts.skipMissing });
      refuseAll(file.errors);
      skipped = file.skipped;
      return bankFileView(file.lines, file.skipped);
    });
    if (skipped.length) {
      const who = skipped.map((a) => `${a.member} ${a.name}`);
      ctx.stderr(t(ctx, `未列入银行代发文件（没有银行账号，须另行发放）：${who.join('、')}\n`, `left out of the bank file (no bank account; pay them otherwise): ${who.join(', ')}\n`));
    }
    // The bank file is CSV, or a workbook when --out names one.
    await emit(ctx, view, { ...opts, format: opts.out && /\.xlsx$/i.test(opts.out) ? 'xlsx' : 'csv' });
  });

  examples(
    formatOptions(distributionOptions(dividend.command('notice').description('已宣告分配的公示：方案说明、名册（身份证号遮盖）、公示期、落款；--html 生成可张贴打印的网页')), ['html'])
      .option('--html <file>', '写出可打印的公示（A4 HTML），同 --format html --out FILE')
      .option('--from <date>', '公示期开始（默认今天），也是落款日期')
      .option('--to <date>', '公示期结束（默认开始后第 6 天，共 7 天）')
      .option('--phone <number>', '监督电话'),
    [
      'sanzi dividend notice --project tq --year 2024 --html 公示.html --from 2025-01-10 --phone 0763-5551234',
      'sanzi dividend notice --project tq --year 2024 --format csv --out 公示.csv',
    ],
  ).action(async (opts: DistOpts & { html?: string; from?: string; to?: string; phone?: string }) => {
    const from = opts.from ? optDate(opts.from, '--from') : today(ctx.now());
    const to = opts.to ? optDate(opts.to, '--to') : addDays(from, 6);
    if (to < from) throw new Refusal(UsageErrors.OPTION_VALUE('--to', `公示期结束 ${to} 早于开始 ${from}`, `the notice period ends (${to}) before it starts (${from})`), 2);
    const posting = { from, to, phone: opts.phone?.trim() || undefined };
    const view = await withLedger(ctx, (ledger) => {
      const p = declaredForPrint(ledger, opts);
      return noticeView(p, true, ledger.orgName(), rosterLines(p.distribution, memberCards(ledger)), ctx.lang, posting);
    });
    await emit(ctx, view, opts.html !== undefined ? { ...opts, format: 'html', out: opts.html } : opts);
  });
}
