// sanzi contract add|list|show|schedule|price|end (pay|dues|alerts|accrue: contract-payments.ts), and
// `import contracts`. A contract's subject is a registered resource or asset; no two contracts of the
// same direction hold a subject on the same day — checked inside the write, under the ledger's lock.
import { Command } from 'commander';
import { refuseAll } from '../domain/errors.js';
import { formatFen, formatFenGrouped } from '../domain/money.js';
import { inKindRent, lifetimeOutstanding, priceYearOf, scheduleOf } from '../domain/contracts.js';
import { accrualChanges, contractListItems } from '../domain/contract-dues.js';
import { checkContract, checkContractEnd, checkContractRows, checkPriceChange } from '../domain/contract-checks.js';
import { areaDecimal, formatArea, refuseRows } from '../domain/registers.js';
import { addDays } from '../domain/dates.js';
import { freeDuringLetting, inForceBySubject, lettingOut, statusLeftAfterEnd, statusOfLetting } from '../domain/resources.js';
import { getResource, statusChanges } from '../store/resources.js';
import type { Context } from '../cli/context.js';
import { today } from '../cli/context.js';
import { emit, examples, fence, outputOptions, say, withLedger, type OutputOpts } from '../cli/run.js';
import { optDate, optDecimal, optYear } from '../cli/options.js';
import { CONTRACT_COLUMNS, CONTRACT_OPTIONS, readContract } from '../io/contracts-csv.js';
import { readOptions, readRegisterFile } from '../io/register-fields.js';
import { contractListView, contractScheduleView } from '../io/views/contracts.js';
import type { Ledger } from '../store/ledger.js';
import { contractFiles, contractHeads, contractLookup, findContract, insertContract, insertContractEnd, setPrice } from '../store/contracts.js';
import { registerContractPayments } from './contract-payments.js';

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
    const values = { ...opts, code, escalateEveryYears: opts.escalateEvery, dueMonthDay: opts.due, inKindQuantity: opts.inKind };
    const entry = readOptions(CONTRACT_COLUMNS, CONTRACT_OPTIONS, values, readContract);
    const c = await withLedger(ctx, (ledger) =>
      ledger.write(fence(ctx, 'contract.add'), (tx) => {
        const { record, errors } = checkContract(entry, contractLookup(tx.ledger));
        refuseAll(errors);
        insertContract(tx, record!);
        tx.describe(`登记合同 ${record!.code}（${record!.kind}，${record!.direction}，标的 ${record!.subject}，${record!.start} 至 ${record!.end}）`);
        // A resource it lets out, recorded idle or in own use on a day of its term: its status to record.
        const subject = record!.direction === '收' ? getResource(tx.ledger, record!.subject) : undefined;
        const free = subject
          ? freeDuringLetting(subject, statusChanges(tx.ledger, subject.code).get(subject.code) ?? [], record!.start, record!.end, tx.ledger.lastClosedPeriod(), today(ctx.now()))
          : null;
        return { ...record!, free };
      }),
    );
    const sched = scheduleOf({ contract: c, prices: new Map() });
    const total = formatFenGrouped(sched.reduce((s, x) => s + x.amount, 0));
    say(
      ctx,
      `已登记合同 ${c.code}（${c.kind}，${c.direction}），${c.start} 至 ${c.end}，${sched.length} 个合同年，租金合计 ${total}${c.inKind ? '（实物租金按年定价后计入）' : ''}`,
      `contract ${c.code} registered, ${c.start} … ${c.end}, ${sched.length} contract years, rent ${total}`,
    );
    const free = c.free;
    if (free) {
      const cmd = `sanzi resource status ${c.subject} --status ${statusOfLetting(c.kind)} --date ${free.from}`;
      say(
        ctx,
        `资源 ${c.subject} 在合同期内自 ${free.from} 起记为「${free.status}」；` +
          (free.ready
            ? `请登记：${cmd}`
            : free.ahead
              ? `到 ${free.from} 时请登记：${cmd}`
              : '请按日期登记它的使用状态（与已登记的变动冲突的先用 sanzi resource status-cancel 撤销；已结账的月份不再改变），sanzi contract alerts 会列出不符的日子'),
        `resource ${c.subject} is recorded "${free.status}" from ${free.from}, within the contract's term; ` +
          (free.ready ? `record: ${cmd}` : free.ahead ? `on ${free.from}, record: ${cmd}` : 'record its status by date (sanzi resource status; sanzi contract alerts shows the days that disagree)'),
      );
    }
  });

  examples(
    outputOptions(contract.command('list').description('合同列表（状态与欠款以 --as-of 为准）').option('--as-of <date>', '截至日期（默认今天）')),
    ['sanzi contract list', 'sanzi contract list --as-of 2024-12-31 --format csv --out 合同台账.csv'],
  ).action(async (opts: OutputOpts & { asOf?: string }) => {
    const asOf = opts.asOf ? optDate(opts.asOf, '--as-of') : today(ctx.now());
    const view = await withLedger(ctx, (ledger) => contractListView(asOf, contractListItems(contractFiles(ledger), asOf)));
    await emit(ctx, view, opts);
  });

  const scheduleAction = (card: boolean) => async (code: string, opts: OutputOpts) => {
    const view = await withLedger(ctx, (ledger) => contractScheduleView(findContract(ledger, code), card));
    await emit(ctx, view, opts);
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
    const { c, r } = await withLedger(ctx, (ledger) =>
      ledger.write(fence(ctx, 'contract.price'), (tx) => {
        const f = findContract(tx.ledger, code);
        refuseAll(checkPriceChange(f, year, price, (p) => tx.ledger.isClosed(p)));
        setPrice(tx, code, year, price);
        tx.describe(`合同 ${code} ${year} 年实物单价 ${price.toString()} 元`);
        const r = scheduleOf({ contract: f.contract, prices: new Map([...f.prices, [year, price]]) }).find((x) => priceYearOf(x) === year)!;
        return { c: f.contract, r };
      }),
    );
    const k = c.inKind!;
    say(
      ctx,
      `合同 ${code} ${year} 年实物单价 ${price.toString()} 元/${k.unit}：${k.quantityPerMu.toString()} ${k.unit} × ${formatArea(c.area)} 亩 × ${price.toString()} = 租金 ${formatFenGrouped(r.amount)}${r.parts ? `（合同提前终止，该合同年按实际天数折算后；全年 ${formatFenGrouped(inKindRent(k.quantityPerMu, areaDecimal(c.area ?? 0), price))}）` : ''}（应付日 ${r.dueDate}）`,
      `contract ${code} ${year} unit price ${price.toString()}: rent ${formatFenGrouped(r.amount)} due ${r.dueDate}`,
    );
  });

  examples(
    contract
      .command('end')
      .description('提前终止合同（协商解除、违约解除、征收等）：终止日之后不再产生租金，标的自次日起可另行发包/出租')
      .argument('<code>', '合同编号')
      .requiredOption('--date <date>', '终止日期（合同的最后一天）')
      .requiredOption('--reason <text>', '终止原因'),
    ['sanzi contract end HT-LD01 --date 2026-06-30 --reason 协商解除'],
  ).action(async (code: string, opts: { date: string; reason: string }) => {
    const date = optDate(opts.date, '--date');
    const r = await withLedger(ctx, (ledger) =>
      ledger.write(fence(ctx, 'contract.end'), (tx) => {
        const f = findContract(tx.ledger, code);
        const { ended, errors } = checkContractEnd(f, date, opts.reason, { isClosed: (p) => tx.ledger.isClosed(p), firstPeriod: tx.ledger.firstPeriod() });
        refuseAll(errors);
        insertContractEnd(tx, code, date, ended!.endedEarly!.reason);
        tx.describe(`提前终止合同 ${code}：${date}（原定至 ${f.contract.end}），原因：${ended!.endedEarly!.reason}`);
        const g = { ...f, contract: ended! };
        const sched = scheduleOf(g);
        // The resource it let out, still recorded as let from the next day: its status to look at.
        const subject = f.contract.direction === '收' ? getResource(tx.ledger, f.contract.subject) : undefined;
        const next = addDays(date, 1);
        const left = subject
          ? statusLeftAfterEnd(subject, statusChanges(tx.ledger, subject.code).get(subject.code) ?? [], inForceBySubject(lettingOut(contractHeads(tx.ledger)), next).get(subject.code) ?? [], next)
          : null;
        return { statusLeft: left === null ? null : { code: subject!.code, status: left, from: next }, agreed: f.contract.end, start: f.contract.start, neverRan: date < f.contract.start, direction: f.contract.direction, lifetime: lifetimeOutstanding(sched, f.payments), changes: accrualChanges(g) };
      }),
    );
    const receive = r.direction === '收';
    const owed =
      r.lifetime > 0
        ? `，租金尚${receive ? '欠收' : '欠付'} ${formatFenGrouped(r.lifetime)}`
        : r.lifetime < 0
          ? `，${receive ? '多收' : '多付'} ${formatFenGrouped(-r.lifetime)}，应${receive ? '退还对方' : '向对方收回'}（sanzi contract refund ${code} --amount ${formatFen(-r.lifetime)} --date 日期 --reason 原因）`
          : '，租金已结清';
    say(
      ctx,
      r.neverRan
        ? `合同 ${code} 未履行即解除（${date}，原定 ${r.start} 至 ${r.agreed}），不产生租金${owed}`
        : `合同 ${code} 已提前终止于 ${date}（原定至 ${r.agreed}），终止所在合同年按实际天数计租，此后不再产生租金${owed}`,
      `contract ${code} ended on ${date} (agreed end ${r.agreed}); the year it cuts short owes the days used, no rent after it${r.lifetime > 0 ? `; ${formatFenGrouped(r.lifetime)} outstanding` : r.lifetime < 0 ? `; ${formatFenGrouped(-r.lifetime)} paid beyond the rent (sanzi contract refund)` : ''}`,
    );
    for (const y of r.changes)
      say(
        ctx,
        `${y.year} 年已确认的租金${y.amount < 0 ? `多了 ${formatFenGrouped(-y.amount)}` : `少了 ${formatFenGrouped(y.amount)}`}：请运行 sanzi contract accrue --year ${y.year} --contract ${code}${y.amount < 0 ? '（红字冲销）' : ''}，年终结账前须完成`,
        `${y.year}: ${formatFenGrouped(Math.abs(y.amount))} ${y.amount < 0 ? 'accrued too much' : 'still to accrue'} (sanzi contract accrue --year ${y.year} --contract ${code}, before year close)`,
      );
    const st = r.statusLeft;
    // A change of status is recorded once it has happened: for an end still to come, on that day.
    const when = st && st.from > today(ctx.now()) ? { zh: `到 ${st.from} 收回后`, en: `from ${st.from} on, once it is` } : { zh: '收回后', en: 'if it is' };
    if (st)
      say(
        ctx,
        `资源 ${st.code} 自 ${st.from} 起的使用状态仍为「${st.status}」；${when.zh}闲置或自营的，请登记：sanzi resource status ${st.code} --status 闲置 --date ${st.from} --reason 原因`,
        `resource ${st.code} is still "${st.status}" from ${st.from}; ${when.en} idle or farmed by the collective: sanzi resource status ${st.code} --status 闲置 --date ${st.from} --reason TEXT`,
      );
  });

  registerContractPayments(contract, ctx);
}

export async function importContracts(ctx: Context, ledger: Ledger, file: string, sheet?: string): Promise<void> {
  const { rows, errors } = await readRegisterFile(file, CONTRACT_COLUMNS, readContract, sheet);
  const records = ledger.write(fence(ctx, 'contract.import'), (tx) => {
    const entries = rows.flatMap((r) => (r.entry ? [{ entry: r.entry, source: r.source }] : []));
    const checked = checkContractRows(entries, contractLookup(tx.ledger));
    refuseRows([...errors, ...checked.errors]);
    checked.records.forEach((c) => insertContract(tx, c));
    tx.describe(`导入合同 ${checked.records.length} 份（${file}）`);
    return checked.records;
  });
  const onResources = records.filter((c) => c.subjectKind === 'resource').length;
  say(ctx, `已导入合同 ${records.length} 份（其中以资源为标的 ${onResources} 份）`, `imported ${records.length} contracts (${onResources} on resources)`);
}
