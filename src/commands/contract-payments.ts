// sanzi contract pay|refund|cancel-payment|dues|alerts|accrue: money against the contracts (a payment or a
// refund entered by mistake cancelled by red ink), what they owe, and the
// accrual of each calendar year's rent (contract-dues.ts has the entries).
// The settlement account (112/113 or 211/113) carries the contract between accrual and payment:
// `contract accrue --year` books each calendar year's share of the rent (spread by days, so rent
// paid for several years at once is income of the years it covers), `contract pay` only moves
// money against it. Run `contract accrue --year YYYY` before `year close YYYY`.
import { Command } from 'commander';
import { Refusal, refuseAll, type LedgerError } from '../domain/errors.js';
import { formatFenGrouped, type Fen } from '../domain/money.js';
import { paidBeyondRent, settledBy, scheduleOf } from '../domain/contracts.js';
import { ContractErrors } from '../domain/errors/contracts.js';
import { checkPayment, checkRefund, paymentCashAccount } from '../domain/contract-checks.js';
import { accrualVoucher, contractAlerts, contractDues, inContract, paymentVoucher, refundVoucher } from '../domain/contract-dues.js';
import type { Context } from '../cli/context.js';
import { emit, examples, fence, outputOptions, say, withLedger, type OutputOpts } from '../cli/run.js';
import { optAmount, optDate, optInt, optReason, optYear } from '../cli/options.js';
import { contractAlertsView, contractDuesView } from '../io/views/contracts.js';
import { contractFiles, findContract, insertAccrual, insertPayment, insertPaymentCancellation, insertRefund, paymentForCancel } from '../store/contracts.js';
import { postedOriginal } from '../store/cancellations.js';
import { checkPaymentCancel, paymentCancelVoucher } from '../domain/cancellation.js';
import { listResources, parcelCodes } from '../store/resources.js';

export function registerContractPayments(contract: Command, ctx: Context): void {
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
    const { c, v, s } = await withLedger(ctx, (ledger) =>
      ledger.write(fence(ctx, 'contract.pay'), (tx) => {
        const f = findContract(tx.ledger, code);
        const cash = paymentCashAccount(tx.ledger, opts.account ?? null);
        refuseAll([...checkPayment(f, date, amount), ...cash.errors]);
        const v = tx.post(paymentVoucher(f.contract, { date, amount, cash: cash.code!, summary: opts.summary }));
        insertPayment(tx, code, { date, amount, cashAccount: cash.code!, voucherId: v.id });
        tx.describe(`合同 ${code} ${f.contract.direction === '收' ? '收款' : '付款'} ${formatFenGrouped(amount)}，凭证 ${v.ref}`);
        return { c: f.contract, v, s: settledBy(scheduleOf(f), f.payments, { date, amount }) };
      }),
    );
    const [verb, verbEn] = c.direction === '收' ? ['收', 'received from'] : ['付', 'paid to'];
    const parts = s.parts.map((p) => `第${p.year + 1}年（${p.dueDate}）${formatFenGrouped(p.amount)}`).join('、');
    const partsEn = s.parts.map((p) => `year ${p.year + 1} (${p.dueDate}) ${formatFenGrouped(p.amount)}`).join(', ');
    const added = s.credit - s.creditBefore;
    say(
      ctx,
      `已${verb} ${c.counterparty} ${formatFenGrouped(amount)}（凭证 ${v.ref}）` +
        (parts ? `；冲抵 ${parts}` : '') +
        (added > 0 ? `；超出全部应付租金 ${formatFenGrouped(added)}，作为预付余额挂账（余额 ${formatFenGrouped(s.credit)}）` : ''),
      `${verbEn} ${c.counterparty} ${formatFenGrouped(amount)} (voucher ${v.ref})` +
        (partsEn ? `; settles ${partsEn}` : '') +
        (added > 0 ? `; ${formatFenGrouped(added)} beyond all dues held as credit (balance ${formatFenGrouped(s.credit)})` : ''),
    );
  });

  examples(
    contract
      .command('refund')
      .description('退还多收的租金（收方向 借 112/113 贷 102）或收回多付的租金（付方向 借 102 贷 211/113）：只限超出合同全部租金的部分，如提前终止后')
      .argument('<code>', '合同编号')
      .requiredOption('--amount <amount>', '金额（元）')
      .requiredOption('--date <date>', '日期')
      .requiredOption('--reason <text>', '原因（如 提前终止退还预收租金）')
      .option('--account <code>', '收付款科目（默认 102 银行存款）'),
    ['sanzi contract refund HT-LD01 --amount 6000 --date 2025-07-10 --reason 提前终止退还预收租金'],
  ).action(async (code: string, opts: { amount: string; date: string; reason: string; account?: string }) => {
    const amount = optAmount(opts.amount, '--amount');
    const date = optDate(opts.date, '--date');
    const reason = opts.reason.trim();
    const { c, v, left } = await withLedger(ctx, (ledger) =>
      ledger.write(fence(ctx, 'contract.refund'), (tx) => {
        const f = findContract(tx.ledger, code);
        const cash = paymentCashAccount(tx.ledger, opts.account ?? null);
        refuseAll([...checkRefund(f, date, amount, reason), ...cash.errors]);
        const v = tx.post(refundVoucher(f.contract, { date, amount, cash: cash.code!, reason }));
        insertRefund(tx, code, { date, amount, cashAccount: cash.code!, reason, voucherId: v.id });
        tx.describe(`合同 ${code} ${f.contract.direction === '收' ? '退还' : '收回'} ${formatFenGrouped(amount)}（${reason}），凭证 ${v.ref}`);
        return { c: f.contract, v, left: paidBeyondRent(scheduleOf(f), f.payments) - amount };
      }),
    );
    say(
      ctx,
      `已${c.direction === '收' ? '退还' : '收回'} ${c.counterparty} ${formatFenGrouped(amount)}（凭证 ${v.ref}）${left > 0 ? `；尚余多${c.direction === '收' ? '收' : '付'} ${formatFenGrouped(left)}` : ''}`,
      `${c.direction === '收' ? 'refunded to' : 'recovered from'} ${c.counterparty} ${formatFenGrouped(amount)} (voucher ${v.ref})${left > 0 ? `; ${formatFenGrouped(left)} still held` : ''}`,
    );
  });

  examples(
    contract
      .command('cancel-payment')
      .description('撤销一笔录错的收付款或退款：红字冲销其凭证（记在原日期，该月须未结账），这笔收付款或退款不再计入')
      .argument('<code>', '合同编号')
      .requiredOption('--voucher <ref>', '这笔收付款或退款的凭证号，如 2024-01/3（见 sanzi contract show）')
      .requiredOption('--reason <text>', '撤销原因（记入审计留痕）'),
    ['sanzi contract cancel-payment HT-LD01 --voucher 2024-01/3 --reason 金额录错', 'sanzi contract cancel-payment HT-LD01 --voucher 2025-07/2 --reason 退款录错合同'],
  ).action(async (code: string, opts: { voucher: string; reason: string }) => {
    const reason = optReason(opts.reason);
    const refText = opts.voucher;
    const m = /^(\d{4}-\d{2})\/(\d{1,9})$/.exec(refText.trim());
    const r = await withLedger(ctx, (ledger) =>
      ledger.write(fence(ctx, 'contract.cancel-payment'), (tx) => {
        const f = findContract(tx.ledger, code);
        const p = m ? paymentForCancel(tx.ledger, code, m[1], Number(m[2])) : undefined;
        if (!p) throw new Refusal(ContractErrors.CONTRACT_PAYMENT_UNKNOWN(code, refText));
        // Its voucher, unless already reversed with the cancellation (then checkPaymentCancel says so).
        const original = p.cancelled ? null : postedOriginal(tx.ledger, p.voucherId);
        if (!p.cancelled && (!original || original.reversed)) throw new Refusal(ContractErrors.CONTRACT_PAYMENT_UNKNOWN(code, refText));
        const draft = original ? paymentCancelVoucher(code, original, p.refund) : null;
        refuseAll([...checkPaymentCancel(f, p), ...(draft ? tx.checkVoucher(draft) : [])]);
        const posted = tx.postChecked(draft!, original!.id);
        insertPaymentCancellation(tx, { refund: p.refund, id: p.id, reason, voucherId: posted.id });
        const what = p.refund ? '退款' : '收付款';
        tx.describe(`撤销合同 ${code} ${what} ${p.ref}（${formatFenGrouped(p.amount)}，${reason}），冲销凭证 ${posted.ref}`, { contract: code, [p.refund ? 'refund' : 'payment']: p.ref, reason });
        return { ref: p.ref, amount: p.amount, refund: p.refund, reversal: posted.ref };
      }),
    );
    say(
      ctx,
      `已撤销合同 ${code} 的${r.refund ? '退款' : '收付款'} ${r.ref}（${formatFenGrouped(r.amount)}），红字冲销凭证 ${r.reversal}`,
      `${r.refund ? 'refund' : 'payment'} ${r.ref} of contract ${code} (${formatFenGrouped(r.amount)}) cancelled, reversal ${r.reversal}`,
    );
  });

  examples(
    outputOptions(contract.command('dues').description('应收应付租金：截至某日已到期、已收付、未结清、逾期天数').requiredOption('--as-of <date>', '截至日期')),
    ['sanzi contract dues --as-of 2024-12-31', 'sanzi contract dues --as-of 2024-12-31 --format json'],
  ).action(async (opts: OutputOpts & { asOf: string }) => {
    const asOf = optDate(opts.asOf, '--as-of');
    const view = await withLedger(ctx, (ledger) => contractDuesView(asOf, contractDues(contractFiles(ledger), asOf)));
    await emit(ctx, view, opts);
  });

  examples(
    outputOptions(
      contract
        .command('alerts')
        .description('合同预警：逾期租金、即将到期的合同、同一标的（或同一地块代码）重复出租、实物租金未定价、资源使用状态与在用合同不符')
        .requiredOption('--as-of <date>', '截至日期')
        .option('--days <n>', '到期预警天数', '90'),
    ),
    ['sanzi contract alerts --as-of 2024-12-31', 'sanzi contract alerts --as-of 2024-12-31 --days 180 --format json'],
  ).action(async (opts: OutputOpts & { asOf: string; days: string }) => {
    const asOf = optDate(opts.asOf, '--as-of');
    const days = optInt(opts.days, '--days');
    const view = await withLedger(ctx, (ledger) => contractAlertsView(contractAlerts(contractFiles(ledger), parcelCodes(ledger), asOf, days, listResources(ledger, asOf))));
    await emit(ctx, view, opts);
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
    const posted = await withLedger(ctx, (ledger) =>
      ledger.write(fence(ctx, 'contract.accrue'), (tx) => {
        const files = opts.contract ? [findContract(tx.ledger, opts.contract)] : contractFiles(tx.ledger);
        const due = files.flatMap((f) => {
          const a = accrualVoucher(f, year);
          return a ? [{ code: f.contract.code, ...a }] : [];
        });
        const errors: LedgerError[] = due.flatMap((a) => tx.checkVoucher(a.draft).map((e) => inContract(a.code, e)));
        refuseAll(errors);
        const out: { code: string; amount: Fen; ref: string }[] = due.map((a) => {
          const v = tx.postChecked(a.draft);
          insertAccrual(tx, a.code, year, a.amount, v.id);
          return { code: a.code, amount: a.amount, ref: v.ref };
        });
        tx.describe(`确认 ${year} 年租金：${out.length} 份合同，合计 ${formatFenGrouped(out.reduce((s, p) => s + p.amount, 0))}`);
        return out;
      }),
    );
    if (!posted.length) say(ctx, `${year} 年没有需要确认的租金（已确认的不再重复）`, `nothing to accrue for ${year}`);
    for (const p of posted)
      if (p.amount > 0) say(ctx, `合同 ${p.code}：确认 ${year} 年租金 ${formatFenGrouped(p.amount)}（凭证 ${p.ref}）`, `contract ${p.code}: ${year} rent ${formatFenGrouped(p.amount)} accrued (${p.ref})`);
      else say(ctx, `合同 ${p.code}：冲销 ${year} 年多确认的租金 ${formatFenGrouped(-p.amount)}（红字凭证 ${p.ref}）`, `contract ${p.code}: ${formatFenGrouped(-p.amount)} of ${year} rent accrued too much reversed (${p.ref})`);
  });
}
