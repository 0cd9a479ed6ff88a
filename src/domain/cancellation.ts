// Undoing a declaration (dividend cancel), a contribution (contribution cancel) or a contract payment
// (contract cancel-payment): what refuses it,
// and the red-ink reversals it posts. The original rows and vouchers stay; a cancellation is a
// record of its own, and what it cancels counts nowhere afterwards. Pure.
import { formatFenGrouped, type Fen } from './money.js';
import { makeDate, type IsoDate } from './dates.js';
import type { LedgerError } from './errors.js';
import { CancelErrors } from './errors/cancellations.js';
import { DividendErrors } from './errors/dividends.js';
import { formatUnits, holdingsAsOf, type ShareMovement } from './shares.js';
import { reversalOf, type VoucherDraft, type VoucherLine } from './voucher.js';
import { CANCEL_KINDS } from './voucher-kinds.js';
import { ContractErrors } from './errors/contracts.js';
import { paidBeyondRent, scheduleOf, type ContractFile } from './contracts.js';

/** A posted voucher a cancellation reverses. */
export interface PostedOriginal {
  id: number;
  date: IsoDate;
  number: number;
  lines: VoucherLine[];
  /** Already reversed (by hand, before such reversals were refused): nothing more to reverse. */
  reversed: boolean;
}

/** The red-ink reversal a cancel command posts: 撤销…：冲销 M月 记字第N号, dated `date`. */
export function cancellationVoucher(original: PostedOriginal, date: IsoDate, kind: (typeof CANCEL_KINDS)[keyof typeof CANCEL_KINDS], title: string): VoucherDraft {
  const r = reversalOf({ date: original.date, number: original.number, lines: original.lines, summary: '' }, date);
  return { ...r, kind, summary: `${title}：${r.summary}` };
}

// ---- dividend cancel -------------------------------------------------------------------------

/** A declaration with no payment may be cancelled; one with any payment may not. */
export function checkDividendCancel(project: string, year: number, payments: readonly { amount: Fen }[]): LedgerError[] {
  if (payments.length === 0) return [];
  const total = payments.reduce((a, p) => a + p.amount, 0);
  return [DividendErrors.DIVIDEND_CANCEL_PAID(project, year, payments.length, formatFenGrouped(total))];
}

/** The reversals of a declaration's vouchers, dated YYYY-12-31 (vouchers reversed already are left). */
export function dividendCancelVouchers(
  p: { project: { name: string }; year: number },
  originals: { reserve: PostedOriginal | null; members: PostedOriginal | null },
): { reserve: VoucherDraft | null; members: VoucherDraft | null } {
  const date = makeDate(p.year, 12, 31);
  const title = `撤销${p.year}年${p.project.name}收益分配`;
  const draft = (o: PostedOriginal | null) => (o && !o.reversed ? cancellationVoucher(o, date, CANCEL_KINDS.dividend, title) : null);
  return { reserve: draft(originals.reserve), members: draft(originals.members) };
}

// ---- contribution cancel ---------------------------------------------------------------------

/** What contribution cancel needs to know of the contribution and of the ledger. */
export interface ContributionCancelFacts {
  id: number;
  project: string;
  member: { id: string; name: string };
  date: IsoDate;
  /** The share movement the contribution made (none when its value was below one unit). */
  shares: { units: number; shareClass: string } | null;
  cancelled: { at: string; reason: string } | null;
  /** The member's other movements in the project (the contribution's own left out). */
  otherMovements: readonly ShareMovement[];
  /** Declarations in force of the project: the day they counted shares, and whom they paid. */
  declarations: readonly { year: number; shareDate: IsoDate; members: readonly string[] }[];
  /** Months of land 经营权 amortisation already posted for it (asset amortize), oldest first. */
  amortised?: readonly string[];
}

/**
 * A contribution may be cancelled once, and only when its shares were not used since: no later
 * transfer left the member with fewer shares than it takes away (on any later day, in its class),
 * and no declaration in force counted them (dividend cancel first).
 */
export function checkContributionCancel(f: ContributionCancelFacts): LedgerError[] {
  if (f.cancelled) return [CancelErrors.CONTRIBUTION_CANCELLED(f.id, f.cancelled.at, f.cancelled.reason)];
  const errors: LedgerError[] = [];
  if (f.amortised && f.amortised.length) {
    errors.push(CancelErrors.CONTRIBUTION_AMORTISED({ id: f.id, months: f.amortised.length, last: f.amortised[f.amortised.length - 1] }));
  }
  if (f.shares) {
    const { shareClass } = f.shares;
    const later = [...new Set(f.otherMovements.filter((m) => m.date >= f.date && m.shareClass === shareClass).map((m) => m.date))].sort();
    for (const d of later) {
      const held = holdingsAsOf(f.otherMovements, d).get(f.member.id)?.byClass.get(shareClass) ?? 0;
      if (held < 0) {
        errors.push(CancelErrors.CONTRIBUTION_SHARES_USED({ id: f.id, member: f.member.id, name: f.member.name, date: d, shareClass, left: formatUnits(held) }));
        break;
      }
    }
    for (const d of f.declarations) {
      if (d.shareDate >= f.date && d.members.includes(f.member.id)) {
        errors.push(CancelErrors.CONTRIBUTION_DECLARED({ id: f.id, member: f.member.id, project: f.project, year: d.year }));
      }
    }
  }
  return errors;
}

/** The reversal of a contribution's voucher, dated the contribution's date. */
export function contributionCancelVoucher(id: number, original: PostedOriginal): VoucherDraft {
  return cancellationVoucher(original, original.date, CANCEL_KINDS.contribution, `撤销出资第${id}号`);
}

// ---- contract payment cancel ----------------------------------------------------------------

/**
 * A contract payment or refund entered by mistake, cancelled: once; a payment not while money given
 * back on the contract (contract refund) came out of it — without it, the refunds would be more than
 * was ever paid beyond the rent.
 */
export function checkPaymentCancel(
  f: Pick<ContractFile, 'contract' | 'prices' | 'payments'>,
  payment: { ref: string; amount: Fen; refund?: boolean; cancelled: { at: string; reason: string } | null },
): LedgerError[] {
  if (payment.cancelled) return [ContractErrors.CONTRACT_PAYMENT_CANCELLED(f.contract.code, payment.ref, payment.cancelled.at, payment.cancelled.reason)];
  // Without a refund the counterparty holds more of its money with the collective, never less: no
  // later refund or payment can come to be of money never received.
  if (payment.refund) return [];
  const refunds = f.payments.filter((p) => p.refund);
  if (!refunds.length) return [];
  // Each refund as contract refund took it: by its own day and over everything, no more than was paid
  // beyond all the rent — now without this payment.
  const sched = scheduleOf(f);
  const rest = f.payments.filter((p) => p.refund || p.ref !== payment.ref);
  const short = [null, ...refunds.map((r) => r.date)].some((d) => paidBeyondRent(sched, rest, d) < 0);
  const refunded = refunds.reduce((s, p) => s - p.amount, 0);
  return short ? [ContractErrors.CONTRACT_PAYMENT_REFUNDED(f.contract.code, payment.ref, formatFenGrouped(refunded))] : [];
}

/** The reversal of a contract payment's voucher, dated the payment's date. */
export function paymentCancelVoucher(code: string, original: PostedOriginal, refund = false): VoucherDraft {
  return refund
    ? cancellationVoucher(original, original.date, CANCEL_KINDS.contractRefund, `撤销合同 ${code} 退款`)
    : cancellationVoucher(original, original.date, CANCEL_KINDS.contractPayment, `撤销合同 ${code} 收付款`);
}
