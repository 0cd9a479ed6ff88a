// sanzi contract add|list|show|schedule|price|pay|dues|alerts|accrue, and `import contracts`.
//
// Entries the tool makes (DOMAIN.md, "Entries the tool makes itself"):
//   收 (the collective is paid)         pay:    Dr 102 (--account)          / Cr 112 应收款, or 113 内部往来 + member
//                                       accrue: Dr 112 / 113 + member        / Cr 501 经营收入 (+ project)
//   付 (the collective pays, e.g. land  pay:    Dr 211 应付款, or 113 + member / Cr 102 (--account)
//      rented from households)          accrue: Dr 511 经营支出 (+ project)   / Cr 211 / 113 + member
// The settlement account (112/113 or 211/113) carries the contract between accrual and payment:
// `contract accrue --year` books each calendar year's share of the rent (spread by days, so rent
// paid for several years at once is income of the years it covers), `contract pay` only moves
// money against it. Its balance is accrued − paid: a debit is rent owed to the collective, a credit
// money received ahead. Run `contract accrue --year YYYY` before `year close YYYY`.
import { Command } from 'commander';
import { Refusal, ledgerError, type LedgerError } from '../domain/errors.js';
import { formatFen as fmt, formatFenGrouped, type Fen } from '../domain/money.js';
import { addDays, daysBetween, yearOf, type IsoDate } from '../domain/dates.js';
import { accrualByYear, duesFromSchedule, settle } from '../domain/contracts.js';
import {
  accrualLines,
  checkPayment,
  paymentLines,
  doubleLets,
  formatArea,
  lifetimeOutstanding,
  priceYearOf,
  settledBy,
  type ContractEntry,
} from '../domain/registers.js';
import type { Context } from '../cli/context.js';
import { timestamp, today } from '../cli/context.js';
import { emit, examples, outputOptions, say, withLedger, type OutputOpts, fence } from '../cli/run.js';
import { optAmount, optDate, optDecimal, optInt, optYear } from '../cli/options.js';
import { readCsv } from '../io/csv-read.js';
import { CONTRACT_COLUMNS, CONTRACT_OPTIONS, readContract } from '../io/contracts-csv.js';
import { FieldReader } from '../io/register-fields.js';
import type { Ledger } from '../store/ledger.js';
import {
  checkAccountUnder,
  checkContract,
  contractAccruals,
  contractPayments,
  contractPrices,
  getContract,
  getResource,
  insertAccrual,
  insertContract,
  insertPayment,
  listContracts,
  listResources,
  scheduleOf,
  setPrice,
  type ContractRecord,
} from '../store/registers.js';
import { MAX_REPORTED_ERRORS, importRefusal } from '../domain/errors/imports.js';

function findContract(ledger: Ledger, code: string): ContractRecord {
  const c = getContract(ledger, code);
  if (!c) throw new Refusal(ledgerError('CONTRACT_UNKNOWN', `合同「${code}」不存在`, `unknown contract "${code}"`));
  return c;
}

function rentText(c: ContractEntry): string {
  if (c.inKind) return `每亩 ${c.inKind.quantityPerMu.toString()} ${c.inKind.unit} ${c.inKind.item}`;
  if (c.rentPerMu !== null) return `每亩 ${formatFenGrouped(c.rentPerMu)} 元/年`;
  return `${formatFenGrouped(c.annualRent ?? 0)} 元/年`;
}

function escalationText(c: ContractEntry): string {
  if (c.escalation.isZero()) return '';
  return `每 ${c.escalateEveryYears} 年递增 ${c.escalation.mul(100).toString()}%`;
}

function statusAt(c: ContractEntry, asOf: IsoDate): string {
  return asOf < c.start ? '未开始' : asOf > c.end ? '已到期' : '履行中';
}

function cashAccount(ledger: Ledger, given: string | undefined): string {
  if (given) {
    const e = checkAccountUnder(ledger, given, ['101', '102'], { zh: '收付款科目', en: 'cash account' });
    if (e) throw new Refusal(e);
    return given;
  }
  return ledger.leafFor('102', '--account');
}

interface DuesRow {
  c: ContractRecord;
  due: Fen;
  paid: Fen;
  outstanding: Fen;
  credit: Fen;
  overdueDays: number;
  oldestDue: IsoDate | null;
  unpriced: number[];
}

/** The dues of every contract that has started, fallen due or been paid by asOf. */
function duesRows(ledger: Ledger, asOf: IsoDate): DuesRow[] {
  const out: DuesRow[] = [];
  for (const c of listContracts(ledger)) {
    const sched = scheduleOf(ledger, c);
    const pays = contractPayments(ledger, c.code);
    const relevant = c.start <= asOf || sched.some((r) => r.dueDate <= asOf) || pays.some((p) => p.date <= asOf);
    if (!relevant) continue;
    const d = duesFromSchedule(sched, pays, asOf);
    const { dues } = settle(sched, pays.filter((p) => p.date <= asOf));
    const oldest = dues.find((x) => x.dueDate <= asOf && x.outstanding > 0);
    out.push({
      c,
      ...d,
      oldestDue: oldest?.dueDate ?? null,
      unpriced: sched.filter((r) => !r.priced && r.dueDate <= asOf).map((r) => priceYearOf(r)),
    });
  }
  return out;
}

export function registerContracts(program: Command, ctx: Context): void {
  const contract = program
    .command('contract')
    .description('合同与土地流转：发包、出租、流转、入股；租金计划、收付款、应收应付、预警、按年确认收入');

  examples(
    contract
      .command('add')
      .description('登记合同（标的须为已登记的资源或资产；同一标的同一方向的合同期不能重叠）')
      .argument('<code>', '合同编号')
      .requiredOption('--kind <kind>', '类型 发包|出租|流转|入股')
      .requiredOption('--counterparty <name>', '对方（承包方/承租方/出租农户）')
      .requiredOption('--subject <code>', '标的：资源编码或资产编码')
      .requiredOption('--start <date>', '开始日期')
      .requiredOption('--end <date>', '结束日期（含）')
      .option('--direction <收|付>', '收：集体收租（默认）；付：集体付租（如向农户租地）')
      .option('--area <亩>', '面积（亩；按亩计租时默认取资源台账面积）')
      .option('--rent-per-mu <amount>', '每亩年租金（元）')
      .option('--annual-rent <amount>', '年租金（元）')
      .option('--in-kind <qty>', '实物租金：每亩每年数量（如 500）')
      .option('--in-kind-item <item>', '实物品种（如 稻谷）')
      .option('--in-kind-unit <unit>', '实物单位（默认 斤）')
      .option('--escalation <rate>', '递增率：5 或 5%')
      .option('--escalate-every <years>', '递增周期（年，默认 1）')
      .option('--due <MM-DD>', '每年收款日（默认开始日期的月日）')
      .option('--deposit <amount>', '风险保障金（元）')
      .option('--counterparty-id <id>', '对方身份证号或统一社会信用代码')
      .option('--member <id>', '对方是本集体成员时的成员编号（往来记 113 内部往来）')
      .option('--account <code>', '结算科目（收：112/113；付：211/113 的末级科目）')
      .option('--pnl-account <code>', '收支科目（收：默认 501 经营收入；付：默认 511 经营支出）')
      .option('--project <code>', '项目')
      .option('--purpose <text>', '用途')
      .option('--note <text>', '备注'),
    [
      'sanzi contract add HT-LD01 --kind 出租 --counterparty 清远某林业公司 --subject LD-01 --start 2020-01-01 --end 2034-12-31 --annual-rent 48000 --escalation 5 --escalate-every 3 --due 01-15',
      'sanzi contract add LZ-001 --kind 流转 --direction 付 --counterparty 李四 --subject TQ-D01 --start 2017-03-01 --end 2037-02-28 --rent-per-mu 800 --project tq',
      'sanzi contract add HT-GD02 --kind 发包 --counterparty 王五 --subject GD-02 --start 2024-01-01 --end 2028-12-31 --in-kind 500 --in-kind-item 稻谷',
    ],
  ).action(async (code: string, opts: Record<string, string | undefined>) => {
    const values: Record<string, string | undefined> = {
      ...opts,
      code,
      escalateEveryYears: opts.escalateEvery,
      dueMonthDay: opts.due,
      inKindQuantity: opts.inKind,
    };
    const r = new FieldReader((k) => values[k], CONTRACT_COLUMNS, undefined, CONTRACT_OPTIONS);
    const entry = readContract(r);
    if (r.errors.length) throw new Refusal(r.errors);
    await withLedger(ctx, async (ledger) => {
      const { record, errors } = checkContract(ledger, entry!, undefined);
      if (errors.length) throw new Refusal(errors);
      ledger.write(fence(ctx, 'contract.add'), () => insertContract(ledger, record!, timestamp(ctx.now())));
      const sched = scheduleOf(ledger, record!);
      const total = sched.reduce((s, x) => s + x.amount, 0);
      say(
        ctx,
        `已登记合同 ${record!.code}（${record!.kind}，${record!.direction}），${record!.start} 至 ${record!.end}，${sched.length} 个合同年，租金合计 ${formatFenGrouped(total)}${record!.inKind ? '（实物租金按年定价后计入）' : ''}`,
        `contract ${record!.code} registered, ${record!.start} … ${record!.end}, ${sched.length} contract years, rent ${formatFenGrouped(total)}`,
      );
    });
  });

  examples(
    outputOptions(contract.command('list').description('合同列表（状态与欠款以 --as-of 为准）').option('--as-of <date>', '截至日期（默认今天）')),
    ['sanzi contract list', 'sanzi contract list --as-of 2024-12-31 --format csv --out 合同台账.csv'],
  ).action(async (opts: OutputOpts & { asOf?: string }) => {
    const asOf = opts.asOf ? optDate(opts.asOf, '--as-of') : today(ctx.now());
    await withLedger(ctx, async (ledger) => {
      const rows = listContracts(ledger).map((c) => {
        const sched = scheduleOf(ledger, c);
        const d = duesFromSchedule(sched, contractPayments(ledger, c.code), asOf);
        return { c, d, total: sched.reduce((s, x) => s + x.amount, 0) };
      });
      await emit(
        ctx,
        {
          json: {
            asOf,
            contracts: rows.map(({ c, d, total }) => ({
              code: c.code,
              kind: c.kind,
              direction: c.direction,
              counterparty: c.counterparty,
              subject: c.subject,
              area: c.area === null ? null : formatArea(c.area),
              start: c.start,
              end: c.end,
              status: statusAt(c, asOf),
              totalRent: fmt(total),
              due: fmt(d.due),
              paid: fmt(d.paid),
              outstanding: fmt(d.outstanding),
              credit: fmt(d.credit),
            })),
          },
          table: {
            title: { zh: `合同台账（截至 ${asOf}）`, en: `Contracts as of ${asOf}` },
            columns: [
              { key: 'code', zh: '合同编号', en: 'Contract' },
              { key: 'kind', zh: '类型', en: 'Kind' },
              { key: 'direction', zh: '方向', en: 'Dir.' },
              { key: 'counterparty', zh: '对方', en: 'Counterparty' },
              { key: 'subject', zh: '标的', en: 'Subject' },
              { key: 'area', zh: '面积', en: 'Area', kind: 'number' },
              { key: 'term', zh: '期限', en: 'Term' },
              { key: 'rent', zh: '租金', en: 'Rent' },
              { key: 'status', zh: '状态', en: 'Status' },
              { key: 'outstanding', zh: '欠款', en: 'Outstanding', kind: 'money' },
              { key: 'credit', zh: '预付', en: 'Credit', kind: 'money' },
            ],
            rows: rows.map(({ c, d }) => ({
              code: c.code,
              kind: c.kind,
              direction: c.direction,
              counterparty: c.counterparty,
              subject: c.subject,
              area: c.area === null ? '' : formatArea(c.area),
              term: `${c.start} 至 ${c.end}`,
              rent: [rentText(c), escalationText(c)].filter(Boolean).join('，'),
              status: statusAt(c, asOf),
              outstanding: d.outstanding,
              credit: d.credit || null,
            })),
          },
        },
        opts,
      );
    });
  });

  const scheduleAction = (showCard: boolean) => async (code: string, opts: OutputOpts) => {
    await withLedger(ctx, async (ledger) => {
      const c = findContract(ledger, code);
      const sched = scheduleOf(ledger, c);
      const pays = contractPayments(ledger, c.code);
      const st = settle(sched, pays);
      const byYear = new Map(st.dues.map((d) => [d.year, d]));
      const rows = sched.map((r) => ({ r, s: byYear.get(r.year)! }));
      const total = sched.reduce((s, r) => s + r.amount, 0);
      const paid = pays.reduce((s, p) => s + p.amount, 0);
      const accruals = contractAccruals(ledger, c.code);
      const card = {
        code: c.code,
        kind: c.kind,
        direction: c.direction,
        counterparty: c.counterparty,
        counterpartyId: c.counterpartyId,
        member: c.member,
        subject: c.subject,
        subjectKind: c.subjectKind,
        area: c.area === null ? null : formatArea(c.area),
        start: c.start,
        end: c.end,
        rentPerMu: c.rentPerMu === null ? null : fmt(c.rentPerMu),
        annualRent: c.annualRent === null ? null : fmt(c.annualRent),
        inKind: c.inKind ? { quantityPerMu: c.inKind.quantityPerMu.toString(), item: c.inKind.item, unit: c.inKind.unit } : null,
        escalation: c.escalation.toString(),
        escalateEveryYears: c.escalateEveryYears,
        dueMonthDay: c.dueMonthDay ?? c.start.slice(5),
        deposit: fmt(c.deposit),
        account: c.account,
        pnlAccount: c.pnlAccount,
        project: c.project,
        purpose: c.purpose,
        note: c.note,
      };
      const json = {
        ...(showCard ? card : { contract: c.code, direction: c.direction }),
        schedule: rows.map(({ r, s }) => ({
          year: r.year,
          periodStart: r.periodStart,
          periodEnd: r.periodEnd,
          dueDate: r.dueDate,
          amount: fmt(r.amount),
          priced: r.priced,
          unitPrice: r.unitPrice?.toString() ?? null,
          paid: fmt(s.paid),
          outstanding: fmt(s.outstanding),
        })),
        total: fmt(total),
        paid: fmt(paid),
        outstanding: fmt(Math.max(lifetimeOutstanding(sched, pays), 0)),
        credit: fmt(st.credit),
        ...(showCard
          ? {
              payments: pays.map((p) => ({ date: p.date, amount: fmt(p.amount), voucher: p.ref })),
              accruals: [...accruals.entries()].map(([year, amount]) => ({ year, amount: fmt(amount) })),
            }
          : {}),
      };
      const head = showCard
        ? [
            `合同 ${c.code}：${c.kind}（${c.direction === '收' ? '集体收租' : '集体付租'}），对方 ${c.counterparty}${c.counterpartyId ? '（' + c.counterpartyId + '）' : ''}${c.member ? '，成员 ' + c.member : ''}`,
            `标的 ${c.subject}${c.area !== null ? '，面积 ' + formatArea(c.area) + ' 亩' : ''}，期限 ${c.start} 至 ${c.end}，租金 ${[rentText(c), escalationText(c)].filter(Boolean).join('，')}，收款日 ${card.dueMonthDay}` +
              (c.deposit ? `，风险保障金 ${formatFenGrouped(c.deposit)}` : ''),
            `结算科目 ${c.account}，收支科目 ${c.pnlAccount}${c.project ? '，项目 ' + c.project : ''}`,
          ].join('\n')
        : `合同 ${c.code} 租金计划（${c.counterparty}，${[rentText(c), escalationText(c)].filter(Boolean).join('，')}）`;
      const notes = [
        {
          zh: `租金合计 ${formatFenGrouped(total)}，已${c.direction === '收' ? '收' : '付'} ${formatFenGrouped(paid)}${st.credit ? `，其中超出全部租金的 ${formatFenGrouped(st.credit)} 作为预付余额挂账` : ''}`,
          en: `total rent ${formatFenGrouped(total)}, paid ${formatFenGrouped(paid)}${st.credit ? `, credit held ${formatFenGrouped(st.credit)}` : ''}`,
        },
      ];
      if (showCard && pays.length) {
        notes.push({
          zh: '收付款记录：' + pays.map((p) => `${p.date} ${formatFenGrouped(p.amount)}（${p.ref}）`).join('；'),
          en: 'payments: ' + pays.map((p) => `${p.date} ${formatFenGrouped(p.amount)} (${p.ref})`).join('; '),
        });
      }
      await emit(
        ctx,
        {
          json,
          table: {
            title: { zh: head, en: `Contract ${c.code} (${c.kind}, ${c.direction}) ${c.counterparty}, ${c.start} … ${c.end}` },
            columns: [
              { key: 'year', zh: '合同年', en: 'Year' },
              { key: 'period', zh: '租期', en: 'Period' },
              { key: 'dueDate', zh: '应付日', en: 'Due' },
              { key: 'amount', zh: '租金', en: 'Rent', kind: 'money' },
              { key: 'paid', zh: '已结清', en: 'Settled', kind: 'money' },
              { key: 'outstanding', zh: '未结清', en: 'Outstanding', kind: 'money' },
              { key: 'note', zh: '说明', en: 'Note' },
            ],
            rows: rows.map(({ r, s }) => ({
              year: `第${r.year + 1}年`,
              period: `${r.periodStart} 至 ${r.periodEnd}`,
              dueDate: r.dueDate,
              amount: r.amount,
              paid: s.paid,
              outstanding: s.outstanding,
              note: !r.priced ? `${priceYearOf(r)} 年实物单价未定（sanzi contract price ${c.code} --year ${priceYearOf(r)} --unit-price …）` : r.unitPrice ? `单价 ${r.unitPrice.toString()} 元/${c.inKind?.unit ?? ''}` : '',
            })),
            footer: [{ year: '合计', amount: total, paid: rows.reduce((s, x) => s + x.s.paid, 0), outstanding: rows.reduce((s, x) => s + x.s.outstanding, 0), note: st.credit ? `预付余额 ${formatFenGrouped(st.credit)}` : '' }],
            notes,
          },
        },
        opts,
      );
    });
  };

  examples(outputOptions(contract.command('show').description('查看合同：条款、租金计划、收付款').argument('<code>', '合同编号')), ['sanzi contract show HT-LD01']).action(
    scheduleAction(true),
  );
  examples(
    outputOptions(contract.command('schedule').description('租金计划：每个合同年的应付日与租金（按合同公式，含递增），及结清情况').argument('<code>', '合同编号')),
    ['sanzi contract schedule HT-LD01', 'sanzi contract schedule HT-LD01 --format json'],
  ).action(scheduleAction(false));

  examples(
    contract
      .command('price')
      .description('实物租金定价：某年（合同年开始的年份）的单价，租金 = 每亩数量 × 面积 × 单价')
      .argument('<code>', '合同编号')
      .requiredOption('--year <YYYY>', '年份')
      .requiredOption('--unit-price <元>', '单价（元/单位，最多 4 位小数）'),
    ['sanzi contract price HT-GD02 --year 2024 --unit-price 1.35'],
  ).action(async (code: string, opts: { year: string; unitPrice: string }) => {
    const year = optYear(opts.year, '--year');
    const price = optDecimal(opts.unitPrice, '--unit-price', 4);
    if (price.lte(0)) throw new Refusal(ledgerError('OPTION_VALUE', '--unit-price：单价须大于 0', '--unit-price: must be more than 0'));
    await withLedger(ctx, async (ledger) => {
      const c = findContract(ledger, code);
      if (!c.inKind) throw new Refusal(ledgerError('CONTRACT_NOT_IN_KIND', `合同「${code}」不是实物租金，无需定价`, `contract "${code}" has no rent in kind`));
      const year0 = scheduleOf(ledger, c).find((r) => priceYearOf(r) === year);
      if (!year0) {
        throw new Refusal(ledgerError('CONTRACT_PRICE_YEAR', `合同「${code}」没有从 ${year} 年开始的合同年（${c.start} 至 ${c.end}）`, `contract "${code}" has no contract year starting in ${year}`));
      }
      const old = contractPrices(ledger, code).get(year);
      const accrued = contractAccruals(ledger, code);
      const touched = [yearOf(year0.periodStart), yearOf(year0.periodEnd)].filter((y) => accrued.has(y));
      if (old && !old.eq(price) && touched.length) {
        throw new Refusal(
          ledgerError(
            'CONTRACT_PRICE_ACCRUED',
            `${year} 年单价已定为 ${old.toString()} 元，且 ${touched.join('、')} 年的租金已确认入账，不能再改`,
            `the ${year} price is ${old.toString()} and rent of ${touched.join(', ')} has been accrued; it cannot change`,
          ),
        );
      }
      ledger.write(fence(ctx, 'contract.price'), () => setPrice(ledger, code, year, price, timestamp(ctx.now())));
      const r = scheduleOf(ledger, c).find((x) => priceYearOf(x) === year)!;
      say(
        ctx,
        `合同 ${code} ${year} 年实物单价 ${price.toString()} 元/${c.inKind.unit}：${c.inKind.quantityPerMu.toString()} ${c.inKind.unit} × ${formatArea(c.area)} 亩 × ${price.toString()} = 租金 ${formatFenGrouped(r.amount)}（应付日 ${r.dueDate}）`,
        `contract ${code} ${year} unit price ${price.toString()}: rent ${formatFenGrouped(r.amount)} due ${r.dueDate}`,
      );
    });
  });

  examples(
    contract
      .command('pay')
      .description('收付租金：收方向 借 102 贷 112/113，付方向 借 211/113 贷 102；先冲抵最早的应付租金，多付作为预付挂账')
      .argument('<code>', '合同编号')
      .requiredOption('--amount <amount>', '金额（元）')
      .requiredOption('--date <date>', '日期')
      .option('--account <code>', '收付款科目（默认 102 银行存款）')
      .option('--summary <text>', '摘要'),
    ['sanzi contract pay HT-LD01 --amount 48000 --date 2024-01-15', 'sanzi contract pay LZ-001 --amount 9600 --date 2024-03-01 --account 10201'],
  ).action(async (code: string, opts: { amount: string; date: string; account?: string; summary?: string }) => {
    const amount = optAmount(opts.amount, '--amount');
    const date = optDate(opts.date, '--date');
    if (amount <= 0) throw new Refusal(ledgerError('OPTION_VALUE', '--amount：金额须大于 0', '--amount: must be more than 0'));
    await withLedger(ctx, async (ledger) => {
      const c = findContract(ledger, code);
      const sched = scheduleOf(ledger, c);
      const pays = contractPayments(ledger, code);
      const refusal = checkPayment(c, sched, pays, date, amount);
      if (refusal?.kind === 'ended') {
        throw new Refusal(
          ledgerError(
            'CONTRACT_ENDED',
            `合同「${code}」已于 ${refusal.end} 到期且租金已全部结清，不能再${c.direction === '收' ? '收' : '付'}款`,
            `contract "${code}" ended on ${refusal.end} and nothing is outstanding; no payment can be recorded`,
          ),
        );
      }
      if (refusal?.kind === 'exceedsOutstanding') {
        throw new Refusal(
          ledgerError(
            'CONTRACT_ENDED',
            `合同「${code}」已于 ${refusal.end} 到期，只能结清尚欠的 ${formatFenGrouped(refusal.outstanding)}，不能多${c.direction === '收' ? '收' : '付'}（${formatFenGrouped(amount)}）`,
            `contract "${code}" ended on ${refusal.end}; only the outstanding ${formatFenGrouped(refusal.outstanding)} can be paid, not ${formatFenGrouped(amount)}`,
          ),
        );
      }
      const cash = cashAccount(ledger, opts.account);
      const lines = paymentLines(c.direction, cash, c.account, c.member, amount);
      const summary = opts.summary?.trim() || `${c.direction === '收' ? '收' : '付'}${c.counterparty}租金（合同 ${c.code}）`;
      const v = ledger.write(fence(ctx, 'contract.pay'), (w) => {
        const posted = w.post({ date, summary, lines, kind: 'contract-payment' });
        insertPayment(ledger, code, date, amount, cash, posted.id, timestamp(ctx.now()));
        return posted;
      });
      const s = settledBy(sched, pays, { date, amount });
      const parts = s.parts.map((p) => `第${p.year + 1}年（${p.dueDate}）${formatFenGrouped(p.amount)}`).join('、');
      const added = s.credit - s.creditBefore;
      say(
        ctx,
        `已${c.direction === '收' ? '收' : '付'} ${c.counterparty} ${formatFenGrouped(amount)}（凭证 ${v.ref}）` +
          (parts ? `；冲抵 ${parts}` : '') +
          (added > 0 ? `；超出全部应付租金 ${formatFenGrouped(added)}，作为预付余额挂账（余额 ${formatFenGrouped(s.credit)}）` : ''),
        `${c.direction === '收' ? 'received from' : 'paid to'} ${c.counterparty} ${formatFenGrouped(amount)} (voucher ${v.ref})` +
          (s.parts.length ? `; settles ${s.parts.map((p) => `year ${p.year + 1} (${p.dueDate}) ${formatFenGrouped(p.amount)}`).join(', ')}` : '') +
          (added > 0 ? `; ${formatFenGrouped(added)} beyond all dues held as credit (balance ${formatFenGrouped(s.credit)})` : ''),
      );
    });
  });

  examples(
    outputOptions(contract.command('dues').description('应收应付租金：截至某日已到期、已收付、未结清、逾期天数').requiredOption('--as-of <date>', '截至日期')),
    ['sanzi contract dues --as-of 2024-12-31', 'sanzi contract dues --as-of 2024-12-31 --format json'],
  ).action(async (opts: OutputOpts & { asOf: string }) => {
    const asOf = optDate(opts.asOf, '--as-of');
    await withLedger(ctx, async (ledger) => {
      const rows = duesRows(ledger, asOf);
      const sum = (dir: '收' | '付') => {
        const r = rows.filter((x) => x.c.direction === dir);
        return { due: r.reduce((s, x) => s + x.due, 0), paid: r.reduce((s, x) => s + x.paid, 0), outstanding: r.reduce((s, x) => s + x.outstanding, 0) };
      };
      const rec = sum('收');
      const pay = sum('付');
      const money = (t: { due: Fen; paid: Fen; outstanding: Fen }) => ({ due: fmt(t.due), paid: fmt(t.paid), outstanding: fmt(t.outstanding) });
      const unpriced = rows.filter((r) => r.unpriced.length);
      await emit(
        ctx,
        {
          json: {
            asOf,
            rows: rows.map((r) => ({
              contract: r.c.code,
              counterparty: r.c.counterparty,
              direction: r.c.direction,
              due: fmt(r.due),
              paid: fmt(r.paid),
              outstanding: fmt(r.outstanding),
              overdueDays: r.overdueDays,
            })),
            totals: { receivable: money(rec), payable: money(pay) },
          },
          table: {
            title: { zh: `应收应付租金（截至 ${asOf}）`, en: `Rent dues as of ${asOf}` },
            columns: [
              { key: 'contract', zh: '合同编号', en: 'Contract' },
              { key: 'counterparty', zh: '对方', en: 'Counterparty' },
              { key: 'direction', zh: '方向', en: 'Dir.' },
              { key: 'due', zh: '已到期', en: 'Due', kind: 'money' },
              { key: 'paid', zh: '已收付', en: 'Paid', kind: 'money' },
              { key: 'outstanding', zh: '未结清', en: 'Outstanding', kind: 'money' },
              { key: 'credit', zh: '预付', en: 'Paid ahead', kind: 'money' },
              { key: 'overdueDays', zh: '逾期天数', en: 'Days overdue', kind: 'int' },
            ],
            rows: rows.map((r) => ({
              contract: r.c.code,
              counterparty: r.c.counterparty,
              direction: r.c.direction,
              due: r.due,
              paid: r.paid,
              outstanding: r.outstanding,
              credit: r.credit || null,
              overdueDays: r.overdueDays,
            })),
            footer: [
              { contract: '应收合计', direction: '收', due: rec.due, paid: rec.paid, outstanding: rec.outstanding },
              { contract: '应付合计', direction: '付', due: pay.due, paid: pay.paid, outstanding: pay.outstanding },
            ],
            notes: unpriced.map((r) => ({
              zh: `合同 ${r.c.code} 的实物租金 ${r.unpriced.join('、')} 年尚未定价，未计入已到期（sanzi contract price ${r.c.code} --year … --unit-price …）`,
              en: `contract ${r.c.code}: in-kind rent of ${r.unpriced.join(', ')} not priced yet, not counted as due`,
            })),
          },
        },
        opts,
      );
    });
  });

  examples(
    outputOptions(
      contract
        .command('alerts')
        .description('合同预警：逾期租金、即将到期的合同、同一标的（或同一地块代码）重复出租、实物租金未定价')
        .requiredOption('--as-of <date>', '截至日期')
        .option('--days <n>', '到期预警天数', '90'),
    ),
    ['sanzi contract alerts --as-of 2024-12-31', 'sanzi contract alerts --as-of 2024-12-31 --days 180 --format json'],
  ).action(async (opts: OutputOpts & { asOf: string; days: string }) => {
    const asOf = optDate(opts.asOf, '--as-of');
    const days = optInt(opts.days, '--days');
    const until = addDays(asOf, days);
    await withLedger(ctx, async (ledger) => {
      const rows = duesRows(ledger, asOf);
      const overdue = rows.filter((r) => r.outstanding > 0 && r.oldestDue !== null && r.oldestDue < asOf);
      const all = listContracts(ledger);
      const expiring = all.filter((c) => c.end >= asOf && c.end <= until);
      const parcels = new Map(listResources(ledger).map((r) => [r.code, r.parcelCode]));
      const doubles = doubleLets(all.map((c) => ({ code: c.code, subject: c.subject, direction: c.direction, start: c.start, end: c.end, parcel: parcels.get(c.subject) ?? null })));
      const unpriced = rows.filter((r) => r.unpriced.length);
      const byCode = new Map(all.map((c) => [c.code, c]));
      const tableRows = [
        ...overdue.map((r) => ({
          type: '逾期',
          contract: r.c.code,
          counterparty: r.c.counterparty,
          direction: r.c.direction,
          detail: `${r.c.direction === '收' ? '欠收' : '欠付'} ${formatFenGrouped(r.outstanding)}，最早应付日 ${r.oldestDue}，逾期 ${r.overdueDays} 天`,
        })),
        ...expiring.map((c) => ({
          type: '即将到期',
          contract: c.code,
          counterparty: c.counterparty,
          direction: c.direction,
          detail: `${c.end} 到期（还有 ${daysBetween(asOf, c.end)} 天），标的 ${c.subject}`,
        })),
        ...doubles.map((d) => ({
          type: '重复出租',
          contract: `${d.a} / ${d.b}`,
          counterparty: `${byCode.get(d.a)?.counterparty ?? ''} / ${byCode.get(d.b)?.counterparty ?? ''}`,
          direction: byCode.get(d.a)?.direction ?? '',
          detail: `标的 ${d.subject}${d.parcel ? `（同一地块代码 ${d.parcel}）` : ''} 在 ${d.from} 至 ${d.to} 重叠`,
        })),
        ...unpriced.map((r) => ({
          type: '未定价',
          contract: r.c.code,
          counterparty: r.c.counterparty,
          direction: r.c.direction,
          detail: `实物租金 ${r.unpriced.join('、')} 年尚未定价`,
        })),
      ];
      await emit(
        ctx,
        {
          json: {
            asOf,
            days,
            overdue: overdue.map((r) => ({
              contract: r.c.code,
              counterparty: r.c.counterparty,
              direction: r.c.direction,
              outstanding: fmt(r.outstanding),
              oldestDue: r.oldestDue,
              overdueDays: r.overdueDays,
            })),
            expiring: expiring.map((c) => ({ contract: c.code, counterparty: c.counterparty, direction: c.direction, subject: c.subject, end: c.end, daysLeft: daysBetween(asOf, c.end) })),
            doubleLet: doubles.map((d) => ({ contracts: [d.a, d.b], subject: d.subject, parcelCode: d.parcel, from: d.from, to: d.to })),
            unpriced: unpriced.map((r) => ({ contract: r.c.code, years: r.unpriced })),
          },
          table: {
            title: { zh: `合同预警（截至 ${asOf}，到期预警 ${days} 天）`, en: `Contract alerts as of ${asOf} (expiring within ${days} days)` },
            columns: [
              { key: 'type', zh: '类别', en: 'Alert' },
              { key: 'contract', zh: '合同编号', en: 'Contract' },
              { key: 'counterparty', zh: '对方', en: 'Counterparty' },
              { key: 'direction', zh: '方向', en: 'Dir.' },
              { key: 'detail', zh: '说明', en: 'Detail' },
            ],
            rows: tableRows,
            notes: tableRows.length ? [] : [{ zh: '没有预警', en: 'no alerts' }],
          },
        },
        opts,
      );
    });
  });

  examples(
    contract
      .command('accrue')
      .description('按年确认租金：收方向 借 112/113 贷 501，付方向 借 511 贷 211/113；按合同年所跨天数分摊到各自然年，凭证日期 12-31；重复运行只补差额')
      .requiredOption('--year <YYYY>', '年度')
      .option('--contract <code>', '只处理这一份合同'),
    ['sanzi contract accrue --year 2024'],
  ).action(async (opts: { year: string; contract?: string }) => {
    const year = optYear(opts.year, '--year');
    await withLedger(ctx, async (ledger) => {
      const list = opts.contract ? [findContract(ledger, opts.contract)] : listContracts(ledger);
      const posted = ledger.write(fence(ctx, 'contract.accrue'), (w) => {
        const out: { code: string; amount: Fen; ref: string }[] = [];
        const errors: LedgerError[] = [];
        for (const c of list) {
          const target = accrualByYear(scheduleOf(ledger, c)).get(year) ?? 0;
          const done = contractAccruals(ledger, c.code).get(year) ?? 0;
          const diff = target - done;
          if (diff <= 0) continue;
          const lines = accrualLines(c.direction, c, diff);
          const draft = {
            date: `${year}-12-31`,
            summary: `确认${year}年租金${c.direction === '收' ? '收入' : '费用'}（合同 ${c.code} ${c.counterparty}）`,
            lines,
            kind: 'contract-accrual',
          };
          const errs = w.checkVoucher(draft);
          if (errs.length) {
            errors.push(...errs.map((e) => ({ ...e, zh: `合同 ${c.code}：${e.zh}`, en: `contract ${c.code}: ${e.en}` })));
            continue;
          }
          const v = w.postChecked(draft);
          insertAccrual(ledger, c.code, year, diff, v.id, timestamp(ctx.now()));
          out.push({ code: c.code, amount: diff, ref: v.ref });
        }
        if (errors.length) throw new Refusal(errors);
        return out;
      });
      if (!posted.length) {
        say(ctx, `${year} 年没有需要确认的租金（已确认的不再重复）`, `nothing to accrue for ${year}`);
        return;
      }
      for (const p of posted) say(ctx, `合同 ${p.code}：确认 ${year} 年租金 ${formatFenGrouped(p.amount)}（凭证 ${p.ref}）`, `contract ${p.code}: ${year} rent ${formatFenGrouped(p.amount)} accrued (${p.ref})`);
    });
  });
}

export async function importContracts(ctx: Context, ledger: Ledger, file: string): Promise<void> {
  const accepted: ContractRecord[] = [];
  const errors: LedgerError[] = [];
  await readCsv(file, {
    columns: CONTRACT_COLUMNS,
    onRow: (row) => {
      const at = { file, line: row.line };
      const r = new FieldReader((k) => row.get(k), CONTRACT_COLUMNS, at);
      const entry = readContract(r);
      errors.push(...r.errors);
      if (entry) {
        const { record, errors: e } = checkContract(ledger, entry, at, accepted);
        errors.push(...e);
        if (record) accepted.push(record);
      }
    },
  });
  if (errors.length) throw importRefusal(errors.slice(0, MAX_REPORTED_ERRORS), errors.length);
  const now = timestamp(ctx.now());
  ledger.write(fence(ctx, 'contract.import'), () => accepted.forEach((c) => insertContract(ledger, c, now)));
  const resources = accepted.filter((c) => c.subjectKind === 'resource' && getResource(ledger, c.subject)).length;
  say(ctx, `已导入合同 ${accepted.length} 份（其中以资源为标的 ${resources} 份）`, `imported ${accepted.length} contracts (${resources} on resources)`);
}

