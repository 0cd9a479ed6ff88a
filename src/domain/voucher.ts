// A voucher (记账凭证) and its checks. Every check returns errors; none throws.
import { withSource, type LedgerError, type Source } from './errors.js';
import { AccountErrors } from './errors/accounts.js';
import { MemberErrors } from './errors/members.js';
import { ShareErrors } from './errors/shares.js';
import { formatFenGrouped, parseAmount, type Fen } from './money.js';
import { VoucherErrors } from './errors/vouchers.js';
import { CancelErrors } from './errors/cancellations.js';
import { registerKind } from './voucher-kinds.js';
import type { IsoDate } from './dates.js';

export interface VoucherLine {
  account: string;
  /** Fen; a red-ink reversal carries negative amounts on the same side as the original. */
  debit: Fen;
  credit: Fen;
  member?: string | null;
  project?: string | null;
  /** The counterparty (往来单位), e.g. the contract a rent entry belongs to; free text. */
  party?: string | null;
  summary?: string | null;
  source?: Source;
}

export interface VoucherDraft {
  date: IsoDate;
  summary: string;
  lines: VoucherLine[];
  attachments?: number;
  preparer?: string | null;
  /** A reversal may carry negative amounts. */
  reversal?: boolean;
  /** What made this voucher: manual, import, contribution, year-close… */
  kind?: string;
  source?: Source;
}

/** What the checks need to know about the ledger, without I/O. */
export interface LedgerLookup {
  account(code: string): { name: string; isLeaf: boolean } | undefined;
  hasMember(id: string): boolean;
  hasProject(code: string): boolean;
}

export interface VoucherTotals {
  debit: Fen;
  credit: Fen;
}

export function totals(lines: VoucherLine[]): VoucherTotals {
  let debit = 0;
  let credit = 0;
  for (const l of lines) {
    debit += l.debit;
    credit += l.credit;
  }
  return { debit, credit };
}

/** A red-ink voucher (红字凭证): every line negative, on one side. */
export function isRedInk(lines: readonly VoucherLine[]): boolean {
  return lines.length > 0 && lines.every((l) => (l.debit < 0 && l.credit === 0) || (l.credit < 0 && l.debit === 0));
}

/**
 * An imported voucher that is a red-ink correction: every line negative and its summary says so
 * (冲销, 红字), as the reversals sanzi itself posts do (冲销 3月 记字第2号, 撤销出资第1号…：冲销 …), so
 * that a journal exported with them imports into another ledger and gives the same balances.
 */
export function isImportedRedInk(v: Pick<VoucherDraft, 'kind' | 'summary' | 'lines'>): boolean {
  return v.kind === 'import' && /冲销|红字/.test(v.summary) && isRedInk(v.lines);
}

/** All the checks of DOMAIN.md on one voucher; errors carry the line's source when known. */
export function checkVoucher(v: VoucherDraft, ledger: LedgerLookup, accountNames?: (string | null)[]): LedgerError[] {
  const errors: LedgerError[] = [];
  if (v.lines.length === 0) {
    errors.push(withSource(VoucherErrors.VOUCHER_EMPTY(), v.source));
    return errors;
  }
  if (v.summary.trim() === '') {
    errors.push(withSource(VoucherErrors.VOUCHER_SUMMARY(), v.source));
  }
  // Whether negative amounts are allowed is asked only of a voucher that has one (most have none).
  let negativeAllowed: boolean | null = null;
  const lines = v.lines;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const acc = ledger.account(l.account);
    if (!acc) {
      errors.push(withSource(AccountErrors.ACCOUNT_UNKNOWN(l.account), l.source ?? v.source));
    } else {
      if (!acc.isLeaf) {
        errors.push(withSource(AccountErrors.ACCOUNT_NOT_LEAF(l.account, acc.name, { line: true }), l.source ?? v.source));
      }
      const given = accountNames?.[i];
      if (given && given.trim() !== '' && given.trim() !== acc.name) {
        errors.push(withSource(AccountErrors.ACCOUNT_NAME_MISMATCH(given.trim(), l.account, acc.name), l.source ?? v.source));
      }
    }
    if (l.debit !== 0 && l.credit !== 0) {
      errors.push(withSource(VoucherErrors.LINE_BOTH_SIDES(), l.source ?? v.source));
    } else if (l.debit === 0 && l.credit === 0) {
      errors.push(withSource(VoucherErrors.LINE_ZERO(), l.source ?? v.source));
    }
    if ((l.debit < 0 || l.credit < 0) && !(negativeAllowed ??= v.reversal === true || isImportedRedInk(v))) {
      errors.push(withSource(VoucherErrors.LINE_NEGATIVE(), l.source ?? v.source));
    }
    if (l.member && !ledger.hasMember(l.member)) {
      errors.push(withSource(MemberErrors.MEMBER_UNKNOWN(l.member), l.source ?? v.source));
    }
    if (l.project && !ledger.hasProject(l.project)) {
      errors.push(withSource(ShareErrors.PROJECT_UNKNOWN(l.project), l.source ?? v.source));
    }
  }
  const t = totals(v.lines);
  if (t.debit !== t.credit) {
    errors.push(withSource(VoucherErrors.VOUCHER_UNBALANCED(formatFenGrouped(t.debit), formatFenGrouped(t.credit), formatFenGrouped(t.debit - t.credit)), v.source));
  } else if (t.debit === 0 && v.lines.every((l) => l.debit === 0 && l.credit === 0)) {
    errors.push(withSource(VoucherErrors.VOUCHER_ZERO(), v.source));
  }
  return errors;
}

/** The red-ink reversal (红字冲销) of a posted voucher: same lines, same sides, negated amounts. */
export function reversalOf(
  original: { date: IsoDate; number: number; lines: VoucherLine[]; summary: string },
  date: IsoDate,
): VoucherDraft {
  const month = Number(original.date.slice(5, 7));
  return {
    date,
    summary: `冲销 ${month}月 记字第${original.number}号`,
    reversal: true,
    kind: 'reversal',
    lines: original.lines.map((l) => ({
      account: l.account,
      debit: l.debit === 0 ? 0 : -l.debit,
      credit: l.credit === 0 ? 0 : -l.credit,
      member: l.member ?? null,
      project: l.project ?? null,
      party: l.party ?? null,
    })),
  };
}

/** 2024-03/5 */
export function voucherRef(period: string, number: number): string {
  return `${period}/${number}`;
}

/** Parse `2024-03/5`, `2024-03-5`, `2024年3月5号`… into period and number. */
export function parseVoucherRef(s: string): { period: string; number: number } | null {
  const m = /^(\d{4})[-/年](\d{1,2})月?[/\-#第](\d+)号?$/.exec(s.trim());
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return null;
  return { period: `${m[1]}-${m[2].padStart(2, '0')}`, number: Number(m[3]) };
}

/** What review and reversal need to know of a posted voucher. */
export interface PostedVoucherFacts {
  kind: string;
  preparer: string | null;
  /** Who reviewed it, if anyone. */
  reviewer: string | null;
  /** The reference of the voucher that reversed it, if any. */
  reversedBy: string | null;
}

/** 审核: by someone, not the preparer, once. */
export function checkReview(v: PostedVoucherFacts, by: string): LedgerError[] {
  if (by === '') return [VoucherErrors.REVIEWER()];
  if (v.preparer && v.preparer.trim() === by) return [VoucherErrors.REVIEWER_IS_PREPARER(by)];
  if (v.reviewer) return [VoucherErrors.ALREADY_REVIEWED(v.reviewer)];
  return [];
}

/**
 * 红字冲销 of a posted voucher: never a year-end closing voucher, never one a register command
 * posted (undone only by its own cancel command, named in the refusal), never twice.
 */
export function checkReversal(v: PostedVoucherFacts): LedgerError[] {
  const errors: LedgerError[] = [];
  if (v.kind === 'year-close') errors.push(VoucherErrors.REVERSE_CLOSING());
  const register = registerKind(v.kind);
  if (register) errors.push(CancelErrors.REVERSE_REGISTER(register.what, register.undo));
  if (v.reversedBy) errors.push(VoucherErrors.ALREADY_REVERSED(v.reversedBy));
  return errors;
}

/** `513:120.00`, `113:500:m=M001`, `501:3000:p=tq` — a line given on the command line. */
export function parseLineSpec(spec: string, side: 'debit' | 'credit', opt: string): { line: VoucherLine } | { error: LedgerError } {
  const parts = spec.split(/[:：]/);
  const account = (parts[0] ?? '').trim();
  const amount = parseAmount(parts[1] ?? '');
  if (account === '' || !amount.ok) {
    return { error: VoucherErrors.LINE_SPEC(opt, spec, amount.ok ? '' : amount.reason, amount.ok ? '' : amount.reasonEn) };
  }
  const line: VoucherLine = { account, debit: side === 'debit' ? amount.value : 0, credit: side === 'credit' ? amount.value : 0 };
  for (const p of parts.slice(2)) {
    const [k, ...rest] = p.split('=');
    const v = rest.join('=').trim();
    if (k.trim() === 'm') line.member = v;
    else if (k.trim() === 'p') line.project = v;
    else return { error: VoucherErrors.LINE_SPEC_PART(opt, spec, p) };
  }
  return { line };
}
