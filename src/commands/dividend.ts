// sanzi dividend plan|declare|show|pay|roll|notice — 收益分配.
import fs from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { Refusal, ledgerError } from '../domain/errors.js';
import { formatFen, formatFenGrouped, toDaxie, type Decimal, type Fen } from '../domain/money.js';
import { makeDate } from '../domain/dates.js';
import { maskIdCard } from '../domain/idcard.js';
import { formatUnits, parseShares } from '../domain/shares.js';
import { planDistribution, planToJson, type DistributionPlan } from '../domain/distribution.js';
import {
  declarationEntries,
  emptyReasonText,
  loadPlan,
  optionsJson,
  optionsText,
  payeesWithoutAccount,
  profitFromMovements,
  profitSourceJson,
  profitSourceText,
  storePlan,
  unpaid,
  type OptionsRecord,
  type Payee,
  type ProfitSource,
} from '../domain/dividend-plan.js';
import { voucherRef } from '../domain/voucher.js';
import type { Context } from '../cli/context.js';
import { t, timestamp, today } from '../cli/context.js';
import { examples, withLedger, type OutputOpts, fence } from '../cli/run.js';
import { optAmount, optDate, optPercent, optYear } from '../cli/options.js';
import type { Ledger } from '../store/ledger.js';

/** 311, 211, 214 and 113, or each one's single leaf when the collective keeps sub-accounts. */
function dividendAccounts(ledger: Ledger): { reserve: string; payable: string; tax: string; internal: string } {
  return {
    reserve: ledger.leafFor('311', null),
    payable: ledger.leafFor('211', null),
    tax: ledger.leafFor('214', null),
    internal: ledger.leafFor('113', null),
  };
}
import { leafMovements, leafNetBefore, memberNetAsOf, projectPnlMovements as projectPnl } from '../store/queries.js';
import { shareMovementsOf as shareMovements, requireProject, type ProjectRow } from '../store/shares.js';
import { listMembers, type MemberRow } from '../store/members.js';
import { getDividend, insertDividend, insertPayment, listPayments } from '../store/dividends.js';
import { encodeCsv, renderCsvText, renderJson, renderTable, type TableView } from '../io/render.js';
import { noticeHtml } from '../io/notice-html.js';

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
}

const BASIS_ZH = { 'record-date': '按登记日持股', 'time-weighted': '按持股天数加权' } as const;

function refuse(code: string, zh: string, en: string, exit: 1 | 2 = 1): never {
  throw new Refusal(ledgerError(code, zh, en), exit);
}

function target(cmd: Command): Command {
  return cmd.requiredOption('--project <code>', '项目编码（main 为本集体）').requiredOption('--year <YYYY>', '分配年度');
}

function distributionOptions(cmd: Command): Command {
  return target(cmd)
    .option('--profit <amount>', '可分配收益（默认：账上该项目本年收入 − 支出；main 为全账套本年收益）')
    .option('--reserve <pct>', '提取公积公益金比例，占收益的百分比（默认 0）')
    .option('--payout <pct>', '向股东分配的比例，占（收益 − 公积公益金）的百分比（默认 100）')
    .addOption(new Option('--basis <basis>', '计算基础 record-date（登记日持股）| time-weighted（按持股天数加权）').choices(['record-date', 'time-weighted']).default('record-date'))
    .option('--record-date <date>', '股权登记日（默认 YYYY-12-31；仅 record-date）')
    .option('--offset-debts', '以分红抵扣成员在 113 内部往来的欠款')
    .option('--withhold <pct>', '代扣税比例（默认 0）')
    .option('--cap-per-household <shares>', '每户计分红的股数上限（超出部分不分红）');
}

function formatOptions(cmd: Command, extra: string[] = []): Command {
  return cmd
    .addOption(new Option('--format <format>', `输出格式 table|csv|json${extra.map((e) => '|' + e).join('')}`).choices(['table', 'csv', 'json', ...extra]).default('table'))
    .option('--out <file>', '写入文件而不是屏幕')
    .addOption(new Option('--encoding <encoding>', 'CSV 编码 utf8|gbk（默认 utf8 带 BOM）').choices(['utf8', 'gbk']).default('utf8'));
}

function readOptions(o: DistOpts, year: number): { rec: OptionsRecord; profit: Fen | null; reserve: Decimal; payout: Decimal; withhold: Decimal; cap: number | undefined } {
  const basis = (o.basis ?? 'record-date') as OptionsRecord['basis'];
  if (basis === 'time-weighted' && o.recordDate !== undefined) {
    refuse('USAGE', '--record-date 只适用于 --basis record-date', '--record-date applies to --basis record-date only', 2);
  }
  const profit = o.profit === undefined ? null : optAmount(o.profit, '--profit', true);
  const reserve = optPercent(o.reserve ?? '0', '--reserve');
  const payout = optPercent(o.payout ?? '100', '--payout');
  const withhold = optPercent(o.withhold ?? '0', '--withhold');
  let cap: number | undefined;
  if (o.capPerHousehold !== undefined) {
    const r = parseShares(o.capPerHousehold);
    if (!r.ok) refuse('OPTION_VALUE', `--cap-per-household：${r.reason}`, `--cap-per-household: ${r.reasonEn}`);
    cap = r.value;
  }
  const recordDate = basis === 'record-date' ? (o.recordDate !== undefined ? optDate(o.recordDate, '--record-date') : makeDate(year, 12, 31)) : null;
  return {
    rec: {
      profit: profit === null ? null : formatFen(profit),
      reserve: reserve.toFixed(),
      payout: payout.toFixed(),
      basis,
      recordDate,
      offsetDebts: Boolean(o.offsetDebts),
      withhold: withhold.toFixed(),
      capPerHousehold: cap ?? null,
    },
    profit,
    reserve,
    payout,
    withhold,
    cap,
  };
}

interface Computed {
  project: ProjectRow;
  year: number;
  rec: OptionsRecord;
  plan: DistributionPlan;
  profitSource: ProfitSource;
}

/** The plan from the ledger and the options: reads only. */
function computePlan(ledger: Ledger, o: DistOpts): Computed {
  const year = optYear(o.year, '--year');
  const project = requireProject(ledger, o.project);
  const opt = readOptions(o, year);
  const from = `${year}-01`;
  const to = `${year}-12`;
  let profit: Fen;
  let profitSource: ProfitSource;
  if (opt.profit !== null) {
    profit = opt.profit;
    profitSource = { kind: 'option' };
  } else if (project.code === 'main') {
    const p = profitFromMovements(leafMovements(ledger, from, to, { excludeClosing: true }));
    profit = p.profit;
    profitSource = { kind: 'ledger', income: p.income, expense: p.expense };
  } else {
    const p = profitFromMovements(projectPnl(ledger, project.code, from, to));
    profit = p.profit;
    profitSource = { kind: 'project', income: p.income, expense: p.expense };
  }
  // 弥补以前年度亏损: the collective's own register only, when 322 未分配收益 opens the year in debit.
  const openingLoss = project.code === 'main' ? Math.max(leafNetBefore(ledger, from).get('32202') ?? 0, 0) : 0;
  const holders = listMembers(ledger).map((m) => ({ member: m.id, name: m.name, household: m.household }));
  const movements = shareMovements(ledger, project.code).map((m) => ({ member: m.member, date: m.date, units: m.units }));
  let debts: Map<string, Fen> | undefined;
  if (opt.rec.offsetDebts) {
    debts = new Map([...memberNetAsOf(ledger, '113', makeDate(year, 12, 31))].filter(([m, v]) => m !== '' && v > 0));
  }
  let plan: DistributionPlan;
  try {
    plan = planDistribution(holders, movements, {
      year,
      profit,
      openingLoss,
      reserveRate: opt.reserve,
      payoutRate: opt.payout,
      basis: opt.rec.basis,
      recordDate: opt.rec.recordDate ?? makeDate(year, 12, 31),
      withholdRate: opt.withhold,
      debts,
      capPerHousehold: opt.cap,
    });
  } catch (e) {
    if (e instanceof RangeError) refuse('DIVIDEND_PLAN', `无法计算分配方案：${e.message}`, `cannot compute the plan: ${e.message}`);
    throw e;
  }
  return { project, year, rec: opt.rec, plan, profitSource };
}

function declaredPlan(ledger: Ledger, projectCode: string, yearText: string): Computed & { declaredAt: string; vouchers: string[] } {
  const year = optYear(yearText, '--year');
  const project = requireProject(ledger, projectCode);
  const d = getDividend(ledger, project.code, year);
  if (!d) {
    refuse(
      'DIVIDEND_NOT_DECLARED',
      `项目「${project.code}」${year} 年尚未宣告分配（先 sanzi dividend plan 查看方案，再 sanzi dividend declare）`,
      `no distribution declared for project "${project.code}" in ${year} (see sanzi dividend plan, then sanzi dividend declare)`,
    );
  }
  const { plan, profitSource } = loadPlan(d.plan);
  const vouchers = [d.reserveVoucherId, d.membersVoucherId]
    .filter((v): v is number => v !== null)
    .map((id) => {
      const v = ledger.voucherById(id)!;
      return voucherRef(v.period, v.number);
    });
  return { project, year, rec: d.options, plan, profitSource, declaredAt: d.declaredAt, vouchers };
}

// ---- rendering ---------------------------------------------------------------------------------

interface Sections {
  json: unknown;
  sections: TableView[];
}

function writeBytes(ctx: Context, bytes: Buffer | string, out: string | undefined): void {
  if (!out) {
    ctx.stdout(bytes);
    return;
  }
  try {
    fs.writeFileSync(path.resolve(ctx.cwd, out), bytes);
  } catch (e) {
    refuse('OUT_FILE', `无法写入文件「${out}」：${(e as Error).message}`, `cannot write "${out}": ${(e as Error).message}`);
  }
  ctx.stderr(t(ctx, `已写入 ${out}\n`, `written to ${out}\n`));
}

function emitSections(ctx: Context, s: Sections, opts: OutputOpts): void {
  const format = opts.format ?? 'table';
  if (format === 'json') return writeBytes(ctx, renderJson(s.json), opts.out);
  if (format === 'csv') {
    const text = s.sections
      .map((v) => (v.title ? renderCsvText([{ columns: [{ key: 't', ...v.title }], rows: [] }], ctx.lang) : '') + renderCsvText([v], ctx.lang))
      .join('\r\n');
    return writeBytes(ctx, encodeCsv(text, (opts.encoding ?? 'utf8') as 'utf8' | 'gbk'), opts.out);
  }
  writeBytes(ctx, s.sections.map((v) => renderTable(v, ctx.lang)).join('\n'), opts.out);
}

const money = 'money' as const;

function figureRows(c: Computed): { item: string; itemEn: string; value: string }[] {
  const p = c.plan;
  const src = profitSourceText(c.profitSource, c.project.code, c.year);
  const rows = [
    { item: `本年收益（${src.zh}）`, itemEn: `Profit (${src.en})`, value: formatFenGrouped(p.profit) },
  ];
  if (c.project.code === 'main' || p.lossCovered > 0) rows.push({ item: '减：弥补以前年度亏损', itemEn: 'Less: loss of earlier years covered', value: formatFenGrouped(p.lossCovered) });
  rows.push(
    { item: '减：提取公积公益金', itemEn: 'Less: reserve (公积公益金)', value: formatFenGrouped(p.reserve) },
    { item: '向成员分配总额', itemEn: 'Pool to shareholders', value: formatFenGrouped(p.pool) },
    { item: '总股数（权数）', itemEn: 'Total weight (shares)', value: weightText(p.totalWeight) },
    { item: '每股分红（元）', itemEn: 'Per share (yuan)', value: p.perShare.toFixed(6) },
    { item: '计算基础', itemEn: 'Basis', value: c.plan.basis === 'record-date' ? `${BASIS_ZH['record-date']}（${c.rec.recordDate}）` : BASIS_ZH['time-weighted'] },
  );
  return rows;
}

function weightText(w: Decimal): string {
  return w.toDecimalPlaces(6).toFixed();
}

function planSections(c: Computed, lang: 'zh' | 'en', title: { zh: string; en: string }, extraJson: Record<string, unknown> = {}): Sections {
  const p = c.plan;
  const empty = emptyReasonText(p.emptyReason);
  const opts = optionsText(c.rec);
  const figures: TableView = {
    title,
    columns: [
      { key: 'item', zh: '项目', en: 'Item' },
      { key: 'value', zh: '金额/数值', en: 'Value', kind: 'number' },
    ],
    rows: figureRows(c).map((r) => ({ item: lang === 'en' ? r.itemEn : r.item, value: r.value })),
  };
  const allocations: TableView = {
    columns: [
      { key: 'member', zh: '成员编号', en: 'Member' },
      { key: 'name', zh: '姓名', en: 'Name' },
      { key: 'household', zh: '户号', en: 'Household' },
      { key: 'shares', zh: '股数', en: 'Shares', kind: 'number' },
      { key: 'weight', zh: '权数', en: 'Weight', kind: 'number' },
      { key: 'gross', zh: '应分金额', en: 'Gross', kind: money },
      { key: 'tax', zh: '代扣税款', en: 'Tax', kind: money },
      { key: 'offset', zh: '抵扣欠款', en: 'Offset', kind: money },
      { key: 'net', zh: '实发金额', en: 'Net', kind: money },
    ],
    rows: p.allocations.map((a) => ({
      member: a.member,
      name: a.name,
      household: a.household,
      shares: formatUnits(a.shares),
      weight: weightText(a.weight),
      gross: a.gross,
      tax: a.tax,
      offset: a.offset,
      net: a.net,
    })),
    footer: [{ member: '合计', weight: weightText(p.totalWeight), gross: p.totals.gross, tax: p.totals.tax, offset: p.totals.offset, net: p.totals.net }],
    notes: [opts, ...(empty ? [empty] : [])],
  };
  const json = {
    ...planToJson(p, c.project.code),
    options: optionsJson(c.rec),
    profitSource: profitSourceJson(c.profitSource),
    emptyReason: p.emptyReason,
    ...extraJson,
  };
  return { json, sections: [figures, allocations] };
}

function planTitle(c: Computed, what: { zh: string; en: string }): { zh: string; en: string } {
  return { zh: `${c.project.name}（${c.project.code}）${c.year} 年${what.zh}`, en: `${what.en}: ${c.project.name} (${c.project.code}) ${c.year}` };
}

// ---- roll, bank file and notice --------------------------------------------------------------

function membersById(ledger: Ledger): Map<string, MemberRow> {
  return new Map(listMembers(ledger).map((m) => [m.id, m]));
}

/** The declared plan, or (before declaring) the plan from the options, marked as a draft. */
function planForPrint(ledger: Ledger, o: DistOpts): Computed & { declared: boolean } {
  const year = optYear(o.year, '--year');
  const project = requireProject(ledger, o.project);
  if (getDividend(ledger, project.code, year)) {
    const given = ['profit', 'reserve', 'payout', 'recordDate', 'offsetDebts', 'withhold', 'capPerHousehold'].filter((k) => o[k as keyof DistOpts] !== undefined);
    if (given.length || (o.basis && o.basis !== 'record-date')) {
      refuse('USAGE', `${year} 年已宣告分配，按宣告的方案打印，不能再给分配选项`, `the ${year} distribution is declared; it is printed as declared, without distribution options`, 2);
    }
    return { ...declaredPlan(ledger, o.project, o.year), declared: true };
  }
  return { ...computePlan(ledger, o), declared: false };
}

function draftMark(declared: boolean): { zh: string; en: string } {
  return declared ? { zh: '', en: '' } : { zh: '（草案，尚未宣告）', en: ' (draft, not declared)' };
}

function rollView(ledger: Ledger, c: Computed & { declared: boolean }): { json: unknown; table: TableView } {
  const members = membersById(ledger);
  const mark = draftMark(c.declared);
  const rows = c.plan.allocations.map((a) => {
    const m = members.get(a.member);
    return {
      member: a.member,
      name: a.name,
      household: a.household ?? '',
      idCard: maskIdCard(m?.idCard ?? null) ?? '',
      shares: formatUnits(a.shares),
      gross: a.gross,
      tax: a.tax,
      offset: a.offset,
      net: a.net,
      netInWords: toDaxie(a.net),
      signature: '',
    };
  });
  const T = c.plan.totals;
  return {
    json: {
      project: c.project.code,
      year: c.year,
      declared: c.declared,
      perShare: c.plan.perShare.toFixed(6),
      rows: rows.map((r) => ({ ...r, gross: formatFen(r.gross), tax: formatFen(r.tax), offset: formatFen(r.offset), net: formatFen(r.net), signature: undefined })),
      totals: { gross: formatFen(T.gross), tax: formatFen(T.tax), offset: formatFen(T.offset), net: formatFen(T.net), netInWords: toDaxie(T.net) },
    },
    table: {
      title: planTitle(c, { zh: `分红发放表${mark.zh}`, en: `Dividend payment roll${mark.en}` }),
      columns: [
        { key: 'member', zh: '成员编号', en: 'Member' },
        { key: 'name', zh: '姓名', en: 'Name' },
        { key: 'household', zh: '户号', en: 'Household' },
        { key: 'idCard', zh: '身份证号', en: 'ID card' },
        { key: 'shares', zh: '股数', en: 'Shares', kind: 'number' },
        { key: 'gross', zh: '应分金额', en: 'Gross', kind: money },
        { key: 'tax', zh: '代扣税款', en: 'Tax', kind: money },
        { key: 'offset', zh: '抵扣欠款', en: 'Offset', kind: money },
        { key: 'net', zh: '实发金额', en: 'Net', kind: money },
        { key: 'netInWords', zh: '实发金额（大写）', en: 'Net in words' },
        { key: 'signature', zh: '领款人签字', en: 'Signature' },
      ],
      rows,
      footer: [{ member: '合计', gross: T.gross, tax: T.tax, offset: T.offset, net: T.net, netInWords: toDaxie(T.net) }],
      notes: [{ zh: `每股分红 ${c.plan.perShare.toFixed(6)} 元`, en: `Per share ${c.plan.perShare.toFixed(6)} yuan` }],
    },
  };
}

function bankFile(ledger: Ledger, c: Computed & { declared: boolean }, ctx: Context, opts: OutputOpts): void {
  const members = membersById(ledger);
  const paid = c.declared ? new Set(listPayments(ledger, c.project.code, c.year).map((p) => p.member)) : new Set<string>();
  const payees: Payee[] = unpaid(c.plan, paid).map((a) => {
    const m = members.get(a.member);
    return { member: a.member, name: a.name, bank: m?.bank ?? null, bankAccount: m?.bankAccount ?? null, net: a.net };
  });
  if (payees.length === 0) refuse('DIVIDEND_NOTHING_TO_PAY', `项目「${c.project.code}」${c.year} 年没有待发放的分红`, `nothing left to pay for project "${c.project.code}" in ${c.year}`);
  const missing = payeesWithoutAccount(payees);
  if (missing.length) {
    const list = missing.map((p) => `${p.member} ${p.name}`);
    refuse(
      'BANK_ACCOUNT_MISSING',
      `以下 ${missing.length} 名领款人没有银行账号，不能生成银行代发文件（用 sanzi member 补登 开户银行/银行账号）：${list.join('、')}`,
      `${missing.length} payee(s) have no bank account number; no bank file written: ${list.join(', ')}`,
    );
  }
  const view: TableView = {
    columns: [
      { key: 'name', zh: '户名', en: 'Name' },
      { key: 'bankAccount', zh: '银行账号', en: 'Account number' },
      { key: 'bank', zh: '开户银行', en: 'Bank' },
      { key: 'amount', zh: '金额', en: 'Amount', kind: money },
      { key: 'member', zh: '成员编号', en: 'Member' },
      { key: 'purpose', zh: '用途', en: 'Purpose' },
    ],
    rows: payees.map((p) => ({
      name: p.name,
      bankAccount: p.bankAccount!.trim(),
      bank: p.bank ?? '',
      amount: p.net,
      member: p.member,
      purpose: `${c.year}年${c.project.name}分红`,
    })),
  };
  writeBytes(ctx, encodeCsv(renderCsvText([view], ctx.lang), (opts.encoding ?? 'utf8') as 'utf8' | 'gbk'), opts.out);
}

function noticeParts(ledger: Ledger, c: Computed & { declared: boolean }, ctx: Context) {
  const members = membersById(ledger);
  const org = ledger.meta('name') ?? '';
  const mark = draftMark(c.declared);
  const title = {
    zh: `${org}${c.project.name}${c.year}年度收益分配公示${mark.zh}`,
    en: `Public notice of the ${c.year} distribution: ${c.project.name}${org ? ', ' + org : ''}${mark.en}`,
  };
  const figures = figureRows(c).map((r) => [ctx.lang === 'en' ? r.itemEn : r.item, r.value] as [string, string]);
  const columns = [
    { key: 'member', zh: '成员编号', en: 'Member' },
    { key: 'name', zh: '姓名', en: 'Name' },
    { key: 'household', zh: '户号', en: 'Household' },
    { key: 'idCard', zh: '身份证号', en: 'ID card' },
    { key: 'shares', zh: '股数', en: 'Shares', kind: 'number' as const },
    { key: 'gross', zh: '应分金额', en: 'Gross', kind: money },
    { key: 'tax', zh: '代扣税款', en: 'Tax', kind: money },
    { key: 'offset', zh: '抵扣欠款', en: 'Offset', kind: money },
    { key: 'net', zh: '实发金额', en: 'Net', kind: money },
  ];
  const rows = c.plan.allocations.map((a) => ({
    member: a.member,
    name: a.name,
    household: a.household ?? '',
    idCard: maskIdCard(members.get(a.member)?.idCard ?? null) ?? '',
    shares: formatUnits(a.shares),
    gross: a.gross,
    tax: a.tax,
    offset: a.offset,
    net: a.net,
  }));
  const T = c.plan.totals;
  const footer = { member: '合计', gross: T.gross, tax: T.tax, offset: T.offset, net: T.net };
  const notes = [optionsText(c.rec), ...(emptyReasonText(c.plan.emptyReason) ? [emptyReasonText(c.plan.emptyReason)!] : [])];
  return { title, figures, columns, rows, footer, notes };
}

// ---- commands ------------------------------------------------------------------------------------

export function registerDividend(program: Command, ctx: Context): void {
  const dividend = program.command('dividend').description('收益分配：方案、宣告（记账）、发放、分红发放表、银行代发文件、公示');

  examples(formatOptions(distributionOptions(dividend.command('plan').description('计算分配方案（不记账）'))), [
    'sanzi dividend plan --project tq --year 2024 --reserve 10',
    'sanzi dividend plan --project tq --year 2024 --reserve 10 --payout 60 --withhold 20 --offset-debts',
    'sanzi dividend plan --project tq --year 2024 --basis time-weighted --format json',
    'sanzi dividend plan --project main --year 2024 --cap-per-household 10',
  ]).action(async (opts: DistOpts) => {
    await withLedger(ctx, async (ledger) => {
      const c = computePlan(ledger, opts);
      emitSections(ctx, planSections(c, ctx.lang, planTitle(c, { zh: '收益分配方案（未记账）', en: 'Distribution plan (not posted)' })), opts);
    });
  });

  examples(formatOptions(distributionOptions(dividend.command('declare').description('宣告分配：按方案记账（YYYY-12-31），保存方案'))), [
    'sanzi dividend declare --project tq --year 2024 --reserve 10 --withhold 20',
  ]).action(async (opts: DistOpts) => {
    await withLedger(ctx, async (ledger) => {
      const c = computePlan(ledger, opts);
      const code = c.project.code;
      const already = () => {
        const d = getDividend(ledger, code, c.year);
        if (d) {
          refuse(
            'DIVIDEND_DECLARED',
            `项目「${code}」${c.year} 年已于 ${d.declaredAt} 宣告分配，不能重复宣告（sanzi dividend show --project ${code} --year ${c.year} 查看）`,
            `the ${c.year} distribution of project "${code}" was declared on ${d.declaredAt}; it cannot be declared again`,
          );
        }
      };
      already();
      const empty = emptyReasonText(c.plan.emptyReason);
      if (empty) refuse('DIVIDEND_EMPTY', `不能宣告：${empty.zh}`, `nothing to declare: ${empty.en}`);
      const date = makeDate(c.year, 12, 31);
      const now = timestamp(ctx.now());
      const posted = ledger.write(fence(ctx, 'dividend.declare'), (w) => {
        already();
        const e = declarationEntries(c.plan, code, dividendAccounts(ledger));
        const reserve = e.reserve.length
          ? w.post({ date, summary: `${c.year}年${c.project.name}提取公积公益金`, lines: e.reserve, kind: 'dividend' })
          : null;
        const members = e.members.length
          ? w.post({ date, summary: `${c.year}年${c.project.name}向成员分配收益`, lines: e.members, kind: 'dividend' })
          : null;
        insertDividend(ledger, {
          project: code,
          year: c.year,
          options: c.rec,
          plan: storePlan(c.plan, c.profitSource),
          declaredAt: now,
          reserveVoucherId: reserve?.id ?? null,
          membersVoucherId: members?.id ?? null,
        });
        return [reserve, members].filter((v) => v !== null).map((v) => v!.ref);
      });
      emitSections(
        ctx,
        planSections(c, ctx.lang, planTitle(c, { zh: '收益分配方案（已宣告）', en: 'Distribution (declared)' }), { declaredAt: now, vouchers: posted }),
        opts,
      );
      ctx.stderr(
        t(
          ctx,
          `已宣告 ${c.year} 年分配：公积公益金 ${formatFen(c.plan.reserve)}，向成员分配 ${formatFen(c.plan.totals.gross)}，凭证 ${posted.join('、')}\n`,
          `declared the ${c.year} distribution: reserve ${formatFen(c.plan.reserve)}, to members ${formatFen(c.plan.totals.gross)}, vouchers ${posted.join(', ')}\n`,
        ),
      );
    });
  });

  examples(formatOptions(target(dividend.command('show').description('查看已宣告的分配方案（按宣告时原样）'))), [
    'sanzi dividend show --project tq --year 2024',
  ]).action(async (opts: DistOpts) => {
    await withLedger(ctx, async (ledger) => {
      const c = declaredPlan(ledger, opts.project, opts.year);
      const paid = listPayments(ledger, c.project.code, c.year);
      emitSections(
        ctx,
        planSections(c, ctx.lang, planTitle(c, { zh: `收益分配方案（${c.declaredAt.slice(0, 10)} 宣告，凭证 ${c.vouchers.join('、')}）`, en: `Distribution declared ${c.declaredAt.slice(0, 10)}` }), {
          declaredAt: c.declaredAt,
          vouchers: c.vouchers,
          paid: formatFen(paid.reduce((a, p) => a + p.amount, 0)),
        }),
        opts,
      );
    });
  });

  examples(
    target(dividend.command('pay').description('发放分红：借 211 应付款 / 贷 102 银行存款（全部未发放的，或 --member 一人）'))
      .option('--date <date>', '发放日期（默认今天）')
      .option('--account <code>', '付款科目（默认 102 银行存款或其唯一的明细科目；现金 101）')
      .option('--member <id>', '只发放该成员'),
    ['sanzi dividend pay --project tq --year 2024 --date 2025-01-20', 'sanzi dividend pay --project tq --year 2024 --member X003 --account 101'],
  ).action(async (opts: { project: string; year: string; date?: string; account?: string; member?: string }) => {
    await withLedger(ctx, async (ledger) => {
      const c = declaredPlan(ledger, opts.project, opts.year);
      const cash = opts.account ?? ledger.leafFor('102', '--account');
      const payable = dividendAccounts(ledger).payable;
      const code = c.project.code;
      const date = opts.date !== undefined ? optDate(opts.date, '--date') : today(ctx.now());
      const declaredOn = makeDate(c.year, 12, 31);
      if (date < declaredOn) refuse('DIVIDEND_PAY_DATE', `发放日期 ${date} 早于宣告日 ${declaredOn}`, `payment date ${date} is before the declaration (${declaredOn})`);
      const now = timestamp(ctx.now());
      const result = ledger.write(fence(ctx, 'dividend.pay'), (w) => {
        const payments = listPayments(ledger, code, c.year);
        const paid = new Map(payments.map((p) => [p.member, p]));
        if (opts.member !== undefined) {
          const a = c.plan.allocations.find((x) => x.member === opts.member);
          if (!a || a.net <= 0) refuse('DIVIDEND_NO_MEMBER', `成员「${opts.member}」在 ${c.year} 年分配中没有应发金额`, `member "${opts.member}" has nothing to be paid in the ${c.year} distribution`);
          const p = paid.get(opts.member);
          if (p) refuse('DIVIDEND_PAID', `成员「${opts.member} ${a.name}」的 ${c.year} 年分红已于 ${p.date} 发放（${formatFen(p.amount)} 元），不能重复发放`, `the ${c.year} dividend of "${opts.member}" was paid on ${p.date}; it cannot be paid twice`);
        }
        const todo = unpaid(c.plan, new Set(paid.keys()), opts.member);
        if (todo.length === 0) refuse('DIVIDEND_PAID', `项目「${code}」${c.year} 年分红已全部发放，不能重复发放`, `the ${c.year} dividends of project "${code}" are all paid; they cannot be paid twice`);
        const total = todo.reduce((s, a) => s + a.net, 0);
        const lines = [
          ...todo.map((a) => ({ account: payable, debit: a.net, credit: 0, member: a.member, project: code })),
          { account: cash, debit: 0, credit: total, project: code },
        ];
        const v = w.post({ date, summary: `发放${c.year}年${c.project.name}分红`, lines, kind: 'dividend' });
        for (const a of todo) insertPayment(ledger, code, c.year, { member: a.member, amount: a.net, date, account: cash, voucherId: v.id }, now);
        return { count: todo.length, total, ref: v.ref };
      });
      ctx.stdout(
        t(
          ctx,
          `已发放 ${result.count} 人分红，合计 ${formatFen(result.total)} 元，凭证 ${result.ref}\n`,
          `paid ${result.count} member(s), total ${formatFen(result.total)}, voucher ${result.ref}\n`,
        ),
      );
    });
  });

  examples(formatOptions(distributionOptions(dividend.command('roll').description('分红发放表（含大写金额、领款人签字栏）；--format bank 生成银行代发文件')), ['bank']), [
    'sanzi dividend roll --project tq --year 2024',
    'sanzi dividend roll --project tq --year 2024 --format csv --out 分红发放表.csv',
    'sanzi dividend roll --project tq --year 2024 --format bank --out 代发.csv',
  ]).action(async (opts: DistOpts) => {
    await withLedger(ctx, async (ledger) => {
      const c = planForPrint(ledger, opts);
      if (opts.format === 'bank') return bankFile(ledger, c, ctx, opts);
      const v = rollView(ledger, c);
      const format = opts.format ?? 'table';
      if (format === 'json') return writeBytes(ctx, renderJson(v.json), opts.out);
      if (format === 'csv') return writeBytes(ctx, encodeCsv(renderCsvText([v.table], ctx.lang), (opts.encoding ?? 'utf8') as 'utf8' | 'gbk'), opts.out);
      writeBytes(ctx, renderTable(v.table, ctx.lang), opts.out);
    });
  });

  examples(
    formatOptions(distributionOptions(dividend.command('notice').description('分配公示：方案数字和名册（身份证号遮盖）；CSV，或 --html 生成可打印网页'))).option(
      '--html <file>',
      '写出一页可打印的 HTML（A4）',
    ),
    ['sanzi dividend notice --project tq --year 2024 --html 公示.html', 'sanzi dividend notice --project tq --year 2024 --format csv --out 公示.csv'],
  ).action(async (opts: DistOpts & { html?: string }) => {
    await withLedger(ctx, async (ledger) => {
      const c = planForPrint(ledger, opts);
      const n = noticeParts(ledger, c, ctx);
      const L = (x: { zh: string; en: string }) => (ctx.lang === 'en' ? x.en : x.zh);
      if (opts.html !== undefined) {
        const cellText = (col: { kind?: string }, v: unknown) => (col.kind === 'money' ? formatFenGrouped(v as Fen) : String(v ?? ''));
        const html = noticeHtml({
          title: L(n.title),
          figures: n.figures,
          columns: n.columns.map((col) => ({ label: L(col), numeric: Boolean(col.kind) })),
          rows: n.rows.map((r) => n.columns.map((col) => cellText(col, r[col.key as keyof typeof r]))),
          footer: n.columns.map((col) => {
            const v = n.footer[col.key as keyof typeof n.footer];
            return v === undefined ? '' : cellText(col, v);
          }),
          notes: [
            ...n.notes.map(L),
            L({ zh: '公示期内如有异议，请向本社理事会或监事会书面提出。', en: 'Objections may be made in writing to the council or the supervisory board during the notice period.' }),
          ],
          lang: ctx.lang,
        });
        return writeBytes(ctx, html, opts.html);
      }
      const figures: TableView = {
        title: n.title,
        columns: [
          { key: 'item', zh: '项目', en: 'Item' },
          { key: 'value', zh: '金额/数值', en: 'Value', kind: 'number' },
        ],
        rows: n.figures.map(([item, value]) => ({ item, value })),
      };
      const roster: TableView = { columns: n.columns, rows: n.rows, footer: [n.footer], notes: n.notes };
      const json = {
        title: L(n.title),
        declared: c.declared,
        ...planToJson(c.plan, c.project.code),
        options: optionsJson(c.rec),
        allocations: n.rows.map((r) => ({ ...r, gross: formatFen(r.gross), tax: formatFen(r.tax), offset: formatFen(r.offset), net: formatFen(r.net) })),
      };
      emitSections(ctx, { json, sections: [figures, roster] }, opts);
    });
  });
}
