// What the contracts owe and are owed: dues as of a day, alerts (overdue, expiring, let twice,
// unpriced), and the entries the tool makes for them — a payment settling the oldest dues first,
// and the accrual of each calendar year's rent. Pure: no I/O, no clock.
//   收 (the collective is paid)   pay:    Dr cash / Cr 112 应收款, or 113 内部往来 + member
//                                 accrue: Dr 112 / 113 + member / Cr 501 经营收入 (+ project)
//   付 (the collective pays)      pay:    Dr 211 应付款, or 113 + member / Cr cash
//                                 accrue: Dr 511 经营支出 (+ project) / Cr 211 / 113 + member
// The settlement line carries the contract as its counterparty (party), so that a contract's
// balance nets on its own on the balance sheet: rent received ahead is a liability (预收), not a
// negative receivable.
import type { LedgerError } from './errors.js';
import type { Fen } from './money.js';
import { addDays, daysBetween, yearOf, type IsoDate } from './dates.js';
import type { VoucherDraft, VoucherLine } from './voucher.js';
import {
  accrualByYear,
  contractAsOf,
  duesFromSchedule,
  overlaps,
  priceYearOf,
  scheduleOf,
  settle,
  type ContractDirection,
  type ContractFile,
  type ContractRecord,
  type DuesAsOf,
} from './contracts.js';
import type { SubjectTerm } from './contract-checks.js';
import { inForceBySubject, lettingOut, statusMismatches, type ResourceEntry, type StatusMismatch } from './resources.js';

export interface ContractDues extends DuesAsOf {
  contract: ContractRecord;
  /** The oldest due date (≤ asOf) not fully settled. */
  oldestDue: IsoDate | null;
  /** Calendar years of in-kind rent fallen due but not priced (not counted as due). */
  unpriced: number[];
}

/** Each contract of the register as of a day (contractAsOf), its dues then and its rent over the whole term. */
export function contractListItems(files: readonly ContractFile[], asOf: IsoDate): { contract: ContractRecord; dues: DuesAsOf; total: Fen }[] {
  return files.map((file) => {
    const f = contractAsOf(file, asOf);
    const sched = scheduleOf(f);
    return { contract: f.contract, dues: duesFromSchedule(sched, f.payments, asOf), total: sched.reduce((s, x) => s + x.amount, 0) };
  });
}

/** The dues of every contract that has started, fallen due or been paid by asOf (payments after it ignored; an end after it not yet made). */
export function contractDues(files: readonly ContractFile[], asOf: IsoDate): ContractDues[] {
  const out: ContractDues[] = [];
  for (const file of files) {
    const f = contractAsOf(file, asOf);
    const c = f.contract;
    const sched = scheduleOf(f);
    const relevant = c.start <= asOf || sched.some((r) => r.dueDate <= asOf) || f.payments.some((p) => p.date <= asOf);
    if (!relevant) continue;
    const { dues } = settle(sched, f.payments.filter((p) => p.date <= asOf));
    out.push({
      contract: c,
      ...duesFromSchedule(sched, f.payments, asOf),
      oldestDue: dues.find((x) => x.dueDate <= asOf && x.outstanding > 0)?.dueDate ?? null,
      unpriced: sched.filter((r) => !r.priced && r.dueDate <= asOf).map((r) => priceYearOf(r)),
    });
  }
  return out;
}

export interface DuesTotal {
  due: Fen;
  paid: Fen;
  outstanding: Fen;
}

/** Totals of the receivable (收) and payable (付) contracts. */
export function duesTotals(rows: readonly ContractDues[]): { receivable: DuesTotal; payable: DuesTotal } {
  const sum = (dir: ContractDirection) => {
    const r = rows.filter((x) => x.contract.direction === dir);
    return { due: r.reduce((s, x) => s + x.due, 0), paid: r.reduce((s, x) => s + x.paid, 0), outstanding: r.reduce((s, x) => s + x.outstanding, 0) };
  };
  return { receivable: sum('收'), payable: sum('付') };
}

export interface DoubleLet {
  a: string;
  b: string;
  subject: string;
  /** The subjects differ but share a 地块代码. */
  parcel: string | null;
  from: IsoDate;
  to: IsoDate;
}

/**
 * Pairs of contracts of the same direction whose subjects are the same, or are resources with the
 * same 地块代码 (the same parcel registered twice), on overlapping days.
 */
export function doubleLets(list: readonly (SubjectTerm & { parcel?: string | null })[]): DoubleLet[] {
  const out: DoubleLet[] = [];
  const sorted = [...list].sort((x, y) => (x.code < y.code ? -1 : 1));
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      const a = sorted[i];
      const b = sorted[j];
      if (a.direction !== b.direction || !overlaps(a, b)) continue;
      const sameParcel = a.subject !== b.subject && !!a.parcel && a.parcel === b.parcel;
      if (a.subject !== b.subject && !sameParcel) continue;
      out.push({
        a: a.code,
        b: b.code,
        subject: a.subject === b.subject ? a.subject : `${a.subject}/${b.subject}`,
        parcel: sameParcel ? a.parcel! : null,
        from: a.start > b.start ? a.start : b.start,
        to: a.end < b.end ? a.end : b.end,
      });
    }
  }
  return out;
}

export interface ContractAlerts {
  asOf: IsoDate;
  days: number;
  /** Rent unsettled since a due date before asOf. */
  overdue: ContractDues[];
  /** Contracts ending between asOf and asOf + days. */
  expiring: { contract: ContractRecord; daysLeft: number }[];
  /** With both counterparties, for the reader. */
  doubleLets: (DoubleLet & { counterparties: [string, string]; direction: ContractDirection })[];
  unpriced: ContractDues[];
  /** Resources whose use status that day disagrees with the contracts in force. */
  statusMismatches: StatusMismatch[];
}

/**
 * The alerts of the contract register as of a day (`parcels`: resource code → 地块代码; `resources`:
 * each with its use status of the day).
 */
export function contractAlerts(
  files: readonly ContractFile[],
  parcels: ReadonlyMap<string, string | null>,
  asOf: IsoDate,
  days: number,
  resources: readonly Pick<ResourceEntry, 'code' | 'status'>[] = [],
): ContractAlerts {
  const dues = contractDues(files, asOf);
  const all = files.map((f) => contractAsOf(f, asOf).contract);
  const byCode = new Map(all.map((c) => [c.code, c]));
  const until = addDays(asOf, days);
  return {
    asOf,
    days,
    overdue: dues.filter((r) => r.outstanding > 0 && r.oldestDue !== null && r.oldestDue < asOf),
    // A contract ended before it began never runs, so never expires.
    expiring: all.filter((c) => c.end >= asOf && c.end <= until && c.start <= c.end).map((c) => ({ contract: c, daysLeft: daysBetween(asOf, c.end) })),
    doubleLets: doubleLets(all.map((c) => ({ code: c.code, subject: c.subject, direction: c.direction, start: c.start, end: c.end, parcel: parcels.get(c.subject) ?? null }))).map(
      (d) => ({ ...d, counterparties: [byCode.get(d.a)!.counterparty, byCode.get(d.b)!.counterparty], direction: byCode.get(d.a)!.direction }),
    ),
    unpriced: dues.filter((r) => r.unpriced.length),
    statusMismatches: statusMismatches(resources, inForceBySubject(lettingOut(files.map((f) => f.contract)), asOf)),
  };
}

// ---------------------------------------------------------------- entries

/**
 * The voucher of a rent payment: received (收) Dr cash / Cr the contract's receivable (112, or 113
 * with the member); paid (付) Dr the contract's payable (211, or 113) / Cr cash. The settlement line
 * carries the contract as its counterparty.
 */
export function paymentLines(direction: ContractDirection, cash: string, account: string, member: string | null, amount: Fen, party: string | null = null): VoucherLine[] {
  return direction === '收'
    ? [
        { account: cash, debit: amount, credit: 0 },
        { account, debit: 0, credit: amount, member, party },
      ]
    : [
        { account, debit: amount, credit: 0, member, party },
        { account: cash, debit: 0, credit: amount },
      ];
}

/** What `contract pay` posts. */
export function paymentVoucher(c: ContractRecord, x: { date: IsoDate; amount: Fen; cash: string; summary?: string | null }): VoucherDraft {
  return {
    date: x.date,
    summary: x.summary?.trim() || `${c.direction === '收' ? '收' : '付'}${c.counterparty}租金（合同 ${c.code}）`,
    lines: paymentLines(c.direction, x.cash, c.account, c.member, x.amount, c.code),
    kind: 'contract-payment',
  };
}

/**
 * What `contract refund` posts: the payment's lines the other way round — 收 Dr 112/113 (the
 * contract as counterparty) / Cr cash; 付 Dr cash / Cr 211/113.
 */
export function refundVoucher(c: ContractRecord, x: { date: IsoDate; amount: Fen; cash: string; reason: string }): VoucherDraft {
  // The payment's two lines, each to the other side, the debit first.
  const lines = paymentLines(c.direction, x.cash, c.account, c.member, x.amount, c.code).map((l) => ({ ...l, debit: l.credit, credit: l.debit }));
  return {
    date: x.date,
    summary: `${c.direction === '收' ? '退还' : '收回'}${c.counterparty}多${c.direction === '收' ? '收' : '付'}的租金（合同 ${c.code}，${x.reason}）`,
    lines: lines.reverse(),
    kind: 'contract-refund',
  };
}

/**
 * The rent a contract year brings into a calendar year (accrual): 收 Dr 112/113 / Cr 501 with the
 * project; 付 Dr the expense (511) with the project / Cr 211/113.
 */
export function accrualLines(
  direction: ContractDirection,
  c: { code?: string; account: string; pnlAccount: string; member: string | null; project: string | null },
  amount: Fen,
): VoucherLine[] {
  const party = c.code ?? null;
  return direction === '收'
    ? [
        { account: c.account, debit: amount, credit: 0, member: c.member, party },
        { account: c.pnlAccount, debit: 0, credit: amount, project: c.project },
      ]
    : [
        { account: c.pnlAccount, debit: amount, credit: 0, project: c.project },
        { account: c.account, debit: 0, credit: amount, member: c.member, party },
      ];
}

/**
 * What is still to accrue for a calendar year: the year's share of the rent (each contract year
 * spread over the calendar years it covers, by days) less what was accrued before. Negative when an
 * early end took rent from a year already accrued: so much accrued too much.
 */
export function accrualDue(f: Pick<ContractFile, 'contract' | 'prices' | 'accruals'>, year: number): Fen {
  return (accrualByYear(scheduleOf(f)).get(year) ?? 0) - (f.accruals.get(year) ?? 0);
}

/** The years accrued whose rent an early end changed: what `contract accrue` has to post (negative: to take back). */
export function accrualChanges(f: Pick<ContractFile, 'contract' | 'prices' | 'accruals'>): { year: number; amount: Fen }[] {
  return [...f.accruals.keys()].map((year) => ({ year, amount: accrualDue(f, year) })).filter((y) => y.amount !== 0);
}

/** The in-kind contract years still without a price whose days fall partly in `year` (their price years). */
export function unpricedIn(f: Pick<ContractFile, 'contract' | 'prices'>, year: number): number[] {
  if (!f.contract.inKind) return [];
  return scheduleOf(f)
    .filter((r) => !r.priced && yearOf(r.periodStart) <= year && year <= yearOf(r.periodEnd))
    .map((r) => priceYearOf(r));
}

/**
 * The accrual voucher of a contract for a year, dated YYYY-12-31; null when nothing is due. What was
 * accrued too much (after an early end) goes back in red ink: the accrual's lines, negative.
 */
export function accrualVoucher(f: Pick<ContractFile, 'contract' | 'prices' | 'accruals'>, year: number): { amount: Fen; draft: VoucherDraft } | null {
  const c = f.contract;
  const amount = accrualDue(f, year);
  if (amount === 0) return null;
  const what = c.direction === '收' ? '收入' : '费用';
  return {
    amount,
    draft: {
      date: `${year}-12-31`,
      summary:
        amount > 0
          ? `确认${year}年租金${what}（合同 ${c.code} ${c.counterparty}）`
          : `冲销${year}年多确认的租金${what}（合同 ${c.code} ${c.counterparty} 提前终止）`,
      lines: accrualLines(c.direction, c, amount),
      kind: 'contract-accrual',
      ...(amount < 0 ? { reversal: true } : {}),
    },
  };
}

/** An error about one contract's entry, named with the contract. */
export function inContract(code: string, e: LedgerError): LedgerError {
  return { ...e, zh: `合同 ${code}：${e.zh}`, en: `contract ${code}: ${e.en}` };
}
