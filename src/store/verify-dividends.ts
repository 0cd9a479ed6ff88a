// verify, for declarations and cancellations: every declaration's stored plan agrees with its
// vouchers (the reserve on 311, each member's net on 211, tax on 214 and offset on 113); a
// declaration in force has vouchers nobody reversed; a cancelled declaration or contribution counts
// nowhere (its vouchers are reversed line for line, and nothing was paid on it). Reads only.
import type { LedgerError, Text } from '../domain/errors.js';
import { CancelErrors } from '../domain/errors/cancellations.js';
import { DividendErrors } from '../domain/errors/dividends.js';
import { DISTRIBUTION_ACCOUNTS } from '../domain/accounts.js';
import { formatFen, type Fen } from '../domain/money.js';
import type { StoredPlan } from '../domain/dividend-plan.js';
import { voucherRef } from '../domain/voucher.js';
import type { DB } from './db.js';
import { planFromBytes } from './plan-bytes.js';

interface Line {
  account: string;
  debit: Fen;
  credit: Fen;
  member: string | null;
  project: string | null;
}

interface DeclarationRow {
  id: number;
  project: string;
  year: number;
  /** The stored plan's text as bytes: read by plan-bytes.ts, the allocations as they are compared. */
  plan: Buffer;
  reserveVoucherId: number | null;
  membersVoucherId: number | null;
  cancelled: number;
  reserveReversalId: number | null;
  membersReversalId: number | null;
}

/** Whether the file has a table of that name (a ledger older than it has not). */
export function hasTable(db: DB, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** Findings about declarations and cancellations; none on a ledger older than cancellations. */
export function checkDeclarations(db: DB): LedgerError[] {
  if (!hasTable(db, 'dividend_cancellations') || !hasTable(db, 'contribution_cancellations')) return [];
  const linesOf = db.prepare('SELECT account, debit, credit, member, project FROM voucher_lines WHERE voucher_id = ? ORDER BY line_no');
  const head = db.prepare('SELECT id, period, number FROM vouchers WHERE id = ?');
  // The vouchers that reverse each voucher, by id: one pass over the vouchers (reverses has no
  // index), made when first needed, instead of one a voucher asked about.
  let reversing: Map<number, number[]> | null = null;
  const reversals = (id: number): number[] => {
    if (!reversing) {
      reversing = new Map();
      for (const [rid, of] of db.prepare('SELECT id, reverses FROM vouchers WHERE reverses IS NOT NULL ORDER BY id').raw(true).iterate() as Iterable<[number, number]>) {
        const list = reversing.get(of);
        if (list) list.push(rid);
        else reversing.set(of, [rid]);
      }
    }
    return reversing.get(id) ?? [];
  };
  const lines = (id: number) => linesOf.all(id) as Line[];
  const ref = (id: number) => {
    const v = head.get(id) as { period: string; number: number } | undefined;
    return v ? voucherRef(v.period, v.number) : `#${id}`;
  };
  /** Some voucher reverses `id` line for line (the red-ink repeat of every line). */
  const reversedExactly = (id: number) => {
    const want = key(lines(id).map((l) => ({ ...l, debit: -l.debit, credit: -l.credit })));
    return reversals(id).some((r) => key(lines(r)) === want);
  };
  const errors: LedgerError[] = [];

  const rows = db
    .prepare(
      `SELECT d.id, d.project, d.year, CAST(d.plan AS BLOB) AS plan, d.reserve_voucher_id AS reserveVoucherId, d.members_voucher_id AS membersVoucherId,
              (c.dividend_id IS NOT NULL) AS cancelled, c.reserve_reversal_id AS reserveReversalId, c.members_reversal_id AS membersReversalId
         FROM dividends d LEFT JOIN dividend_cancellations c ON c.dividend_id = d.id ORDER BY d.id`,
    )
    .iterate() as Iterable<DeclarationRow>;
  const inForce = new Map<string, number>();
  const paid = db.prepare('SELECT COUNT(*) FROM dividend_payments WHERE dividend_id = ?').pluck();
  for (const d of rows) {
    const mismatch = (t: Text) => errors.push(DividendErrors.DIVIDEND_LEDGER_MISMATCH(d.project, d.year, t));
    const counts = (t: Text) => errors.push(DividendErrors.DIVIDEND_CANCEL_MISMATCH(d.project, d.year, t));
    let found: Text[];
    try {
      const plan = planFromBytes(d.plan);
      found = planAgainstVouchers(plan.head, bookedInLedger(db, d.reserveVoucherId, d.membersVoucherId), plan.allocations());
    } catch (e) {
      if (!(e instanceof SyntaxError)) throw e;
      mismatch({ zh: '保存的方案无法读取', en: 'the stored plan cannot be read' });
      continue;
    }
    for (const t of found) mismatch(t);
    const vouchers = [d.reserveVoucherId, d.membersVoucherId].filter((v): v is number => v !== null);
    if (d.cancelled) {
      for (const v of vouchers) {
        if (!reversedExactly(v)) counts({ zh: `已撤销，但凭证 ${ref(v)} 没有被逐行红字冲销（仍计入账簿）`, en: `cancelled, but voucher ${ref(v)} is not reversed line for line (it still counts)` });
      }
      for (const [orig, rev] of [[d.reserveVoucherId, d.reserveReversalId], [d.membersVoucherId, d.membersReversalId]] as const) {
        if (rev !== null && (orig === null || !reversals(orig).includes(rev))) {
          counts({ zh: `撤销记录的冲销凭证 ${ref(rev)} 并不冲销该分配的凭证`, en: `the cancellation's reversal ${ref(rev)} does not reverse the declaration's voucher` });
        }
      }
      const n = paid.get(d.id) as number;
      if (n > 0) counts({ zh: `已撤销，但仍有 ${n} 笔发放记录`, en: `cancelled, but ${n} payment(s) are recorded against it` });
    } else {
      const k = `${d.project}\u0000${d.year}`;
      if (inForce.has(k)) counts({ zh: '同一项目同一年度有两个未撤销的宣告', en: 'two declarations in force for the same project and year' });
      inForce.set(k, d.id);
      for (const v of vouchers) {
        const r = reversals(v);
        if (r.length) counts({ zh: `凭证 ${ref(v)} 已被 ${ref(r[0])} 冲销，但分配未撤销（仍在计入可分配收益）`, en: `voucher ${ref(v)} is reversed by ${ref(r[0])}, yet the declaration is in force` });
      }
    }
  }

  const cancelledContributions = db
    .prepare(
      `SELECT x.contribution_id AS id, c.voucher_id AS voucherId, x.voucher_id AS reversalId
         FROM contribution_cancellations x JOIN contributions c ON c.id = x.contribution_id ORDER BY x.contribution_id`,
    )
    .all() as { id: number; voucherId: number; reversalId: number | null }[];
  for (const c of cancelledContributions) {
    if (!reversedExactly(c.voucherId)) {
      errors.push(CancelErrors.CONTRIBUTION_CANCEL_MISMATCH(c.id, { zh: `凭证 ${ref(c.voucherId)} 没有被逐行红字冲销（仍计入账簿）`, en: `voucher ${ref(c.voucherId)} is not reversed line for line (it still counts)` }));
    } else if (c.reversalId !== null && !reversals(c.voucherId).includes(c.reversalId)) {
      errors.push(CancelErrors.CONTRIBUTION_CANCEL_MISMATCH(c.id, { zh: `撤销记录的冲销凭证 ${ref(c.reversalId)} 并不冲销该出资的凭证`, en: `the cancellation's reversal ${ref(c.reversalId)} does not reverse the contribution's voucher` }));
    }
  }
  return errors;
}

/** A multiset of lines, as text. */
function key(ls: readonly Line[]): string {
  return ls
    .map((l) => [l.account, l.debit, l.credit, l.member ?? '', l.project ?? ''].join('|'))
    .sort()
    .join('\n');
}

/** Σ per member (lines without a member under '') of credit − debit on the accounts under `prefix`. */
function creditsByMember(ls: readonly Line[], prefix: string): Map<string, Fen> {
  const m = new Map<string, Fen>();
  for (const l of ls) if (l.account.startsWith(prefix)) m.set(l.member ?? '', (m.get(l.member ?? '') ?? 0) + l.credit - l.debit);
  return m;
}

const sumDebit = (ls: readonly Line[], prefix: string) => ls.filter((l) => l.account.startsWith(prefix)).reduce((a, l) => a + l.debit - l.credit, 0);

/** What a declaration's two vouchers booked, as planAgainstVouchers compares it with the plan. */
export interface Booked {
  /** The reserve voucher: Σ debit − credit on 3220101 提取公积公益金. */
  reserveDebit: Fen;
  /** The reserve voucher: Σ credit − debit on 311 公积公益金. */
  reserveCredit: Fen;
  /** The members' voucher: Σ debit − credit on 3220102 向成员分配. */
  gross: Fen;
  /** The members' voucher: Σ credit − debit per member ('' for lines without one) on 211, 214 and 113, members in the order of their first line. */
  byMember: Record<MemberAccount, Map<string, Fen>>;
}

type MemberAccount = '211' | '214' | '113';

/** Booked from the vouchers' lines (null: no such voucher). */
export function bookedOfLines(reserve: readonly Line[] | null, members: readonly Line[] | null): Booked {
  const D = DISTRIBUTION_ACCOUNTS;
  const rl = reserve ?? [];
  const ml = members ?? [];
  return {
    reserveDebit: sumDebit(rl, D.reserve),
    reserveCredit: [...creditsByMember(rl, '311').values()].reduce((a, v) => a + v, 0),
    gross: sumDebit(ml, D.members),
    byMember: { '211': creditsByMember(ml, '211'), '214': creditsByMember(ml, '214'), '113': creditsByMember(ml, '113') },
  };
}

/**
 * Booked summed by SQLite from the vouchers of ids `reserve` and `members` (null: none): the same
 * figures as bookedOfLines of their lines, without making an object of each of a members' voucher's
 * 100,000 lines.
 */
export function bookedInLedger(db: DB, reserve: number | null, members: number | null): Booked {
  const D = DISTRIBUTION_ACCOUNTS;
  const side = db.prepare('SELECT COALESCE(SUM(debit), 0) - COALESCE(SUM(credit), 0) FROM voucher_lines WHERE voucher_id = ? AND substr(account, 1, length(?)) = ?').pluck();
  const debitNet = (id: number | null, prefix: string) => (id === null ? 0 : (side.get(id, prefix, prefix) as number));
  const byMember: Record<MemberAccount, Map<string, Fen>> = { '211': new Map(), '214': new Map(), '113': new Map() };
  if (members !== null) {
    const rows = db
      .prepare(
        `SELECT substr(account, 1, 3) AS a, ifnull(member, '') AS m, SUM(credit) - SUM(debit) FROM voucher_lines
          WHERE voucher_id = ? AND substr(account, 1, 3) IN ('211', '214', '113') GROUP BY a, m ORDER BY MIN(line_no)`,
      )
      .raw(true)
      .iterate(members) as Iterable<[MemberAccount, string, Fen]>;
    for (const [a, m, net] of rows) byMember[a].set(m, net);
  }
  return { reserveDebit: debitNet(reserve, D.reserve), reserveCredit: -debitNet(reserve, '311') || 0, gross: debitNet(members, D.members), byMember };
}

/**
 * The differences between a stored plan and the vouchers it posted (`booked`): the reserve (Dr
 * 3220101, Cr 311), the members' gross (Dr 3220102) and, per member, net on 211, tax on 214
 * (declared before tax carried the member: the total on one line) and offset on 113. The
 * allocations are read once, in order.
 */
export function planAgainstVouchers(
  plan: Omit<StoredPlan, 'allocations'>,
  booked: Booked,
  allocations: Iterable<StoredPlan['allocations'][number]> = (plan as StoredPlan).allocations,
): Text[] {
  const out: Text[] = [];
  const f = formatFen;
  const { reserveDebit, reserveCredit, gross } = booked;
  if (reserveDebit !== plan.reserve || reserveCredit !== plan.reserve) {
    out.push({ zh: `公积公益金：方案 ${f(plan.reserve)}，凭证借 ${f(reserveDebit)}、贷 311 ${f(reserveCredit)}`, en: `reserve: plan ${f(plan.reserve)}, vouchers Dr ${f(reserveDebit)}, Cr 311 ${f(reserveCredit)}` });
  }
  if (gross !== plan.totals.gross) out.push({ zh: `向成员分配：方案 ${f(plan.totals.gross)}，凭证 ${f(gross)}`, en: `to members: plan ${f(plan.totals.gross)}, voucher ${f(gross)}` });
  // What the plan gives each member, read in one pass over its allocations.
  const wants = { net: new Map<string, Fen>(), tax: new Map<string, Fen>(), offset: new Map<string, Fen>() };
  for (const a of allocations) {
    if (a.net !== 0) wants.net.set(a.member, a.net);
    if (a.tax !== 0) wants.tax.set(a.member, a.tax);
    if (a.offset !== 0) wants.offset.set(a.member, a.offset);
  }
  const per = (prefix: MemberAccount, field: 'net' | 'tax' | 'offset', zh: string) => {
    const onAccount = booked.byMember[prefix];
    const want = wants[field];
    if (field === 'tax' && onAccount.size === 1 && onAccount.has('')) {
      // Declared before each member's tax was posted on a line of its own: the total on one line.
      if (onAccount.get('')! !== plan.totals.tax) out.push({ zh: `${zh}：方案合计 ${f(plan.totals.tax)}，凭证 ${f(onAccount.get('')!)}`, en: `${prefix}: plan ${f(plan.totals.tax)}, voucher ${f(onAccount.get('')!)}` });
      return;
    }
    // Every member of the plan, then those only the voucher names.
    const compare = (m: string) => {
      const a = want.get(m) ?? 0;
      const b = onAccount.get(m) ?? 0;
      if (a !== b) out.push({ zh: `${zh}（成员 ${m || '未注明'}）：方案 ${f(a)}，凭证 ${f(b)}`, en: `${prefix} (member ${m || 'none'}): plan ${f(a)}, voucher ${f(b)}` });
    };
    for (const m of want.keys()) compare(m);
    for (const m of onAccount.keys()) if (!want.has(m)) compare(m);
  };
  per('211', 'net', '应付分红 211');
  per('214', 'tax', '代扣税款 214');
  per('113', 'offset', '抵扣欠款 113');
  return out;
}
