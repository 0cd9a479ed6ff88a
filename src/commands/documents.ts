// The documents that `report`, `voucher print` and `archive` print: each one read from the ledger,
// computed by the domain and laid out by its view. One function a document, so that the archive
// holds exactly what the report commands print.
import { Refusal } from '../domain/errors.js';
import { AccountErrors } from '../domain/errors/accounts.js';
import { addMonths, lastDayOfPeriod, type IsoDate, type Period } from '../domain/dates.js';
import {
  balanceSheet,
  disclosure,
  counterAccounts,
  generalLedgerBook,
  incomeStatement,
  trialBalance,
  type Movement,
} from '../domain/statements.js';
import type { Ledger } from '../store/ledger.js';
import {
  assetChangesBetween,
  contractPaymentsBetween,
  eachAccountLine,
  eachJournalVoucher,
  journalVouchers,
  leafMovements,
  leafMovementsByMonth,
  leafNetAsOf,
  leafNetBefore,
  memberNetSidesAsOfEach,
  netBeforeYear,
  voucherSigners,
  yearMovements,
} from '../store/queries.js';
import { accountBookView, balanceSheetView, generalLedgerView, incomeView, journalView, trialBalanceView, type BookKind, type BookWants, type PrintOpts } from '../io/views/reports.js';
import { voucherSlipsView, type SlipVoucher } from '../io/views/voucher-slips.js';
import type { Output } from '../io/output.js';
import { disclosureView } from '../io/views/disclosure.js';
import { counterpartyNetAsOf } from '../store/counterparties.js';

export type Range = { from: Period; to: Period };

/** The movement of every leaf from January of `from`'s year up to `from` (本年累计 before the range). */
function yearBefore(ledger: Ledger, from: Period): Map<string, Movement> {
  return from.endsWith('-01') ? new Map() : leafMovements(ledger, `${from.slice(0, 4)}-01`, addMonths(from, -1));
}

function sumUnder(m: Map<string, Movement>, code: string): Movement {
  let debit = 0;
  let credit = 0;
  for (const [c, x] of m) if (c.startsWith(code)) (debit += x.debit), (credit += x.credit);
  return { debit, credit };
}

export function trialBalanceDoc(ledger: Ledger, r: Range, print: PrintOpts): Output {
  const year = leafMovements(ledger, `${r.to.slice(0, 4)}-01`, r.to);
  const tb = trialBalance(ledger.allAccounts(), leafNetBefore(ledger, r.from), leafMovements(ledger, r.from, r.to), year);
  return trialBalanceView(tb, r, print.entity);
}

/**
 * 明细账 of an account, or a day book (对方科目 and 本日合计). Its lines are read from the ledger as
 * the book is written out (the ledger must stay open until then).
 */
export function bookDoc(ledger: Ledger, code: string, kind: BookKind, r: Range, print: PrintOpts): Output {
  const account = ledger.account(code);
  if (!account) throw new Refusal(AccountErrors.ACCOUNT_UNKNOWN(code));
  let opening = 0;
  for (const [c, net] of leafNetBefore(ledger, r.from)) if (c.startsWith(code)) opening += net;
  const head = { account: code, name: account.name, side: account.side, from: r.from, to: r.to, opening, yearBefore: sumUnder(yearBefore(ledger, r.from), code) };
  const nameOf = (c: string) => ledger.account(c)?.name ?? c;
  const lines =
    kind === 'ledger'
      ? (want: BookWants) => eachAccountLine(ledger, code, r.from, r.to, want)
      : function* (want: BookWants) {
          for (const l of eachAccountLine(ledger, code, r.from, r.to, { ...want, voucherLines: true })) {
            yield { ...l, counter: counterAccounts(code, l, l.voucherLines ?? [], nameOf) };
          }
        };
  return accountBookView(head, lines, kind, print);
}

/** The first-level accounts with a balance or a movement over the range, and their books. */
export function generalLedgerDoc(ledger: Ledger, r: Range, print: PrintOpts): Output {
  const before = leafNetBefore(ledger, r.from);
  const monthly = leafMovementsByMonth(ledger, r.from, r.to);
  const earlier = yearBefore(ledger, r.from);
  const books = ledger
    .allAccounts()
    .filter((a) => a.level === 1)
    .map((a) => generalLedgerBook(a, r.from, r.to, before, monthly, earlier))
    .filter((b) => b.opening !== 0 || b.months.length > 0);
  return generalLedgerView(books, r, print);
}

/** The accounts with a balance or a movement over the range whose 明细账 the archive keeps: leaves and parents alike. */
export function accountsWithActivity(ledger: Ledger, r: Range): string[] {
  const tb = trialBalance(ledger.allAccounts(), leafNetBefore(ledger, r.from), leafMovements(ledger, r.from, r.to));
  return tb.rows.map((x) => x.account);
}

/** 序时账, its vouchers read from the ledger as it is written out (the ledger must stay open until then). */
export function journalDoc(ledger: Ledger, r: Range, print: PrintOpts): Output {
  return journalView(() => eachJournalVoucher(ledger, r), r, print.entity);
}

export function balanceSheetDoc(ledger: Ledger, asOf: IsoDate, print: PrintOpts): Output {
  const y = Number(asOf.slice(0, 4));
  const parties = (d: IsoDate) => ({ '112': counterpartyNetAsOf(ledger, '112', d), '211': counterpartyNetAsOf(ledger, '211', d) });
  const before = `${y - 1}-12-31`;
  const [members113Before, members113] = memberNetSidesAsOfEach(ledger, '113', [before, asOf]);
  const start = { net: leafNetBefore(ledger, `${y}-01`), members113: members113Before, parties: parties(before) };
  const lines = balanceSheet(leafNetAsOf(ledger, asOf), members113, start, undefined, parties(asOf));
  return balanceSheetView(lines, asOf, print.entity, print.lang);
}

export function incomeDoc(ledger: Ledger, year: number, print: PrintOpts): Output {
  const facts = (y: number) => ({ movements: yearMovements(ledger, y), openingNet: netBeforeYear(ledger, y) });
  const now = facts(year);
  return incomeView(incomeStatement(now.movements, now.openingNet, facts(year - 1)), year, print.entity, print.lang);
}

/** 记账凭证 slips of the vouchers chosen by id, or of a range of months. */
export function voucherSlipsDoc(ledger: Ledger, sel: { ids?: number[]; from?: Period; to?: Period }, print: PrintOpts): Output {
  const vouchers = journalVouchers(ledger, sel);
  const signers = voucherSigners(ledger, vouchers.map((v) => v.id));
  const slips: SlipVoucher[] = vouchers.map((v) => ({
    ...v,
    lines: v.lines.map((l) => {
      const below: string[] = [];
      for (let n = 5; n <= l.account.length; n += 2) below.push(ledger.account(l.account.slice(0, n))?.name ?? l.account.slice(0, n));
      return { ...l, topName: ledger.account(l.account.slice(0, 3))?.name ?? '', detailName: below.join('—') };
    }),
    ...(signers.get(v.id) ?? { preparer: null, reviewer: null, poster: null }),
  }));
  return voucherSlipsView(slips, print);
}

/** 财务公开 of a range of months. */
export function disclosureDoc(ledger: Ledger, r: Range, print: PrintOpts): Output {
  const figures = disclosure(
    leafMovements(ledger, r.from, r.to, { excludeClosing: true }),
    (c) => ledger.account(c)?.name ?? c,
    leafNetBefore(ledger, r.from),
    leafNetBefore(ledger, addMonths(r.to, 1)),
  );
  const [from, to] = [`${r.from}-01`, lastDayOfPeriod(r.to)];
  return disclosureView({ from: r.from, to: r.to, figures, payments: contractPaymentsBetween(ledger, from, to), assets: assetChangesBetween(ledger, from, to) }, print);
}
