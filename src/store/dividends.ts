// 收益分配: what the planner reads from the ledger, declared distributions and dividend payments.
// Writes take the WriteTx of the command's fence.
import { OPENING_PERIOD } from '../domain/opening.js';
import { makeDate, type IsoDate } from '../domain/dates.js';
import { Refusal, type LedgerError } from '../domain/errors.js';
import { DividendErrors } from '../domain/errors/dividends.js';
import type { Allocation, Shareholder } from '../domain/distribution.js';
import { declaredPlan, storedAllocation, type DeclaredPlan, type DistributionAccounts, type OptionsRecord, type PlanFacts, type StoredPlan } from '../domain/dividend-plan.js';
import type { DeclaredAmount, StatusHistory } from '../domain/dividend-profit.js';
import type { MemberStatus, StatusEvent } from '../domain/members.js';
import type { MemberCard, MemberNow, PaymentRecord } from '../domain/dividend-payout.js';
import type { Movement } from '../domain/movement.js';
import type { Fen } from '../domain/money.js';
import { voucherRef } from '../domain/voucher.js';
import type { Ledger, WriteTx } from './ledger.js';
import { sqlOf } from './internal.js';
import { planFromBytes } from './plan-bytes.js';
import { NOT_CANCELLED, uncarriedYears, yearFacts } from './declared-years.js';
import { planMovements, requireProject, summedWeighing } from './shares.js';

// ---- what the planner reads --------------------------------------------------------------------

function movementMap(rows: ({ account: string } & Movement)[]): Map<string, Movement> {
  return new Map(rows.map((r) => [r.account, { debit: r.debit, credit: r.credit }]));
}

/** Movements of every account on lines carrying the project, in the year or (`before`) in every year before. */
function projectMovements(ledger: Ledger, project: string, year: number, before = false): Map<string, Movement> {
  // The opening balances (the months before the books start) belong to the year the books start
  // within, as on the income statement (yearMovements), not to the years before it.
  const first = ledger.firstPeriod();
  const startYear = first === null ? null : Number(first.slice(0, 4));
  const opening = startYear === year ? (before ? ` AND period <> '${OPENING_PERIOD}'` : ` OR period = '${OPENING_PERIOD}'`) : '';
  const rows = sqlOf(ledger)
    .prepare(
      `SELECT account, SUM(debit) AS debit, SUM(credit) AS credit FROM project_balances
        WHERE project = ? AND (${before ? 'period < ?' : 'period BETWEEN ? AND ?'}${opening}) GROUP BY account`,
    )
    .all(project, `${year}-01`, ...(before ? [] : [`${year}-12`])) as ({ account: string } & Movement)[];
  return movementMap(rows);
}

/** Net (debit − credit) per member on the accounts under `prefix` at the end of `date` (the year's end). */
function memberNetAtYearEnd(ledger: Ledger, prefix: string, date: IsoDate): Map<string, Fen> {
  const period = date.slice(0, 7);
  const rows = sqlOf(ledger)
    .prepare(
      `SELECT member, SUM(net) AS net FROM (
         SELECT member, debit - credit AS net FROM member_balances WHERE account LIKE ? AND period < ?
         UNION ALL
         SELECT l.member, l.debit - l.credit FROM vouchers v JOIN voucher_lines l ON l.voucher_id = v.id
          WHERE v.period = ? AND v.date <= ? AND l.account LIKE ? AND l.member IS NOT NULL)
       GROUP BY member`,
    )
    .all(prefix + '%', period, period, date, prefix + '%') as { member: string; net: Fen }[];
  return new Map(rows.map((r) => [r.member, r.net]));
}

/**
 * The status histories that can make a holder inactive: members not active now or with a recorded
 * change (a member left out is active, and always was).
 */
function memberStatuses(ledger: Ledger): Map<string, StatusHistory> {
  const db = sqlOf(ledger);
  const out = new Map<string, { status: MemberStatus; events: StatusEvent[] }>();
  const members = db
    // Two parts, so that the first is read off members_not_active (named: left to itself, SQLite
    // reads the whole roll in id order to merge the two) and only the few rows found are sorted.
    .prepare(
      `SELECT id, status FROM members INDEXED BY members_not_active WHERE status <> '正常'
       UNION SELECT id, status FROM members WHERE id IN (SELECT member FROM member_events) ORDER BY id`,
    )
    .all() as { id: string; status: MemberStatus }[];
  for (const m of members) out.set(m.id, { status: m.status, events: [] });
  const rows = db.prepare('SELECT member, date, status, previous FROM member_events ORDER BY member, date, id').all() as (StatusEvent & { member: string })[];
  for (const r of rows) out.get(r.member)?.events.push({ date: r.date, status: r.status, previous: r.previous });
  return out;
}

/**
 * Every member as a holder: id, name and household, by id; read afresh each time it is iterated, a
 * row at a time (the planner keeps only the holders it pays).
 */
function shareholders(ledger: Ledger): Iterable<Shareholder> {
  const rows = sqlOf(ledger).prepare('SELECT id, name, household FROM members ORDER BY id').raw(true);
  return {
    *[Symbol.iterator]() {
      for (const [member, name, household] of rows.iterate() as Iterable<[string, string, string | null]>) yield { member, name, household };
    },
  };
}

/**
 * SQL for a top-level figure (`key`) of the stored plan in column `plan`. A plan is stored with its
 * allocations last (JSON.stringify keeps the order the plan was made in), so the figure is read
 * from the text before them, not by parsing 100,000 allocations for it (a tenth of a second).
 * `,"allocations":` cannot occur inside a JSON string (its quotes would be escaped), so the text
 * before its first occurrence, closed with `}`, is valid JSON only when that is the plan's own key;
 * when it is not valid, or lacks the figure, the whole plan is read.
 */
export function planFigureSql(key: 'reserve' | 'pool', plan = 'plan'): string {
  const head = `(substr(${plan}, 1, instr(${plan}, ',"allocations":') - 1) || '}')`;
  return `CASE WHEN json_valid(${head}) AND json_type(${head}, '$.${key}') IS NOT NULL THEN json_extract(${head}, '$.${key}') ELSE json_extract(${plan}, '$.${key}') END`;
}

/** What the declarations in force took out of their years: the stored plan's reserve and pool. */
function declaredAmounts(ledger: Ledger): DeclaredAmount[] {
  return sqlOf(ledger)
    .prepare(
      `SELECT project, year, ${planFigureSql('reserve')} AS reserve, ${planFigureSql('pool')} AS pool
         FROM dividends d WHERE ${NOT_CANCELLED} ORDER BY year, id`,
    )
    .all() as DeclaredAmount[];
}

/**
 * Everything assemblePlan() reads for a project and year. Without `offsetDebts` the 113 balances
 * and the offsets of a declaration are not read (a plan without --offset-debts never uses them).
 */
export function planFacts(ledger: Ledger, project: { code: string; name: string }, year: number, offsetDebts = true): PlanFacts {
  return {
    project: { code: project.code, name: project.name },
    ...yearFacts(ledger, year),
    projectPnl: projectMovements(ledger, project.code, year),
    projectEarlierPnl: projectMovements(ledger, project.code, year, true),
    declarations: declaredAmounts(ledger).filter((d) => d.year <= year),
    holders: shareholders(ledger),
    statuses: memberStatuses(ledger),
    // Read only when the register cannot be summed by SQLite (summedWeighing), then once or twice.
    movements: { [Symbol.iterator]: () => planMovements(ledger, project.code)[Symbol.iterator]() },
    summed: (opts) => summedWeighing(ledger, project.code, opts),
    internalBalances: offsetDebts ? memberNetAtYearEnd(ledger, '113', makeDate(year, 12, 31)) : new Map(),
    ownOffsets: offsetDebts ? ownDeclaredOffsets(ledger, project.code, year) : new Map(),
    uncarriedYears: uncarriedYears(ledger, year),
  };
}

/**
 * Per member, the debts the project's declaration of the year in force offset (none when not
 * declared, or declared without --offset-debts: then its allocations are not read at all).
 */
function ownDeclaredOffsets(ledger: Ledger, project: string, year: number): Map<string, Fen> {
  const db = sqlOf(ledger);
  const d = db
    .prepare(`SELECT id, json_extract(options, '$.offsetDebts') AS offsetDebts FROM dividends d WHERE project = ? AND year = ? AND ${NOT_CANCELLED} ORDER BY id DESC LIMIT 1`)
    .get(project, year) as { id: number; offsetDebts: number | null } | undefined;
  if (!d?.offsetDebts) return new Map();
  const rows = db
    .prepare(
      `SELECT json_extract(a.value, '$.member') AS member, json_extract(a.value, '$.offset') AS offset
         FROM dividends d, json_each(d.plan, '$.allocations') a WHERE d.id = ? AND json_extract(a.value, '$.offset') <> 0`,
    )
    .all(d.id) as { member: string; offset: Fen }[];
  return new Map(rows.map((r) => [r.member, r.offset]));
}

/** ID numbers, names, households and bank accounts of every member, for the roll and the bank file. */
export function memberCards(ledger: Ledger): Map<string, MemberCard> {
  const rows = sqlOf(ledger).prepare('SELECT id, id_card, bank, bank_account, name, household FROM members').raw().all() as [string, string | null, string | null, string | null, string, string | null][];
  const out = new Map<string, MemberCard>();
  for (const [id, idCard, bank, bankAccount, name, household] of rows) out.set(id, { idCard, bank, bankAccount, name, household });
  return out;
}

/**
 * The members (ID number, null when not known; name; household) asked for one after another, for the roll. While
 * they come in id order (code-unit order, as a plan's allocations do) the members are read by id
 * and walked alongside, no Map of them kept; once one comes out of order every member is read into
 * a Map and looked up. SQLite orders ids by their UTF-8 bytes, JavaScript by UTF-16 code units: the
 * two differ only between characters from U+E000 on, so when an id holds one the Map is used from
 * the start (a walk could pass a member before it meets it).
 */
export function idCardWalker(ledger: Ledger): IdCards {
  const db = sqlOf(ledger);
  if (db.prepare('SELECT EXISTS (SELECT 1 FROM members WHERE id GLOB ?)').pluck().get(`*[${ORDER_MAY_DIFFER}]*`)) {
    const all = memberIdCards(ledger);
    return { of: (member) => all.get(member) ?? null, close: () => undefined };
  }
  const rows = db.prepare('SELECT id, id_card, name, household FROM members ORDER BY id').raw(true).iterate() as IterableIterator<[string, string | null, string, string | null]>;
  let map: Map<string, MemberNow> | undefined;
  let asked: string | undefined;
  let row: [string, string | null, string, string | null] | undefined;
  let done = false;
  const close = () => {
    if (!done) rows.return?.();
    done = true;
  };
  const byMap = (member: string) => {
    if (!map) {
      close();
      map = memberIdCards(ledger);
    }
    return map.get(member) ?? null;
  };
  const of = (member: string) => {
    if (map || (asked !== undefined && !(asked < member))) return byMap(member);
    asked = member;
    while (!done && (row === undefined || row[0] < member)) {
      const next = rows.next();
      if (next.done) {
        done = true;
        row = undefined;
        break;
      }
      if (row !== undefined && !(row[0] < next.value[0])) return byMap(member);
      row = next.value;
    }
    return row !== undefined && row[0] === member ? { idCard: row[1], name: row[2], household: row[3] } : null;
  };
  return { of, close };
}

/** A GLOB class of the characters past which UTF-8 order and UTF-16 order of texts may differ (U+E000 and above). */
const ORDER_MAY_DIFFER = '\uE000-\u{10FFFF}';

/** Members (their ID number, name and household) asked for one by one; close() ends the reading of the members (before the ledger is closed). */
export interface IdCards {
  of(member: string): MemberNow | null;
  close(): void;
}

/** Every member's ID number (null when not known), name and household, by id. */
function memberIdCards(ledger: Ledger): Map<string, MemberNow> {
  const out = new Map<string, MemberNow>();
  const rows = sqlOf(ledger).prepare('SELECT id, id_card, name, household FROM members').raw(true).iterate() as Iterable<[string, string | null, string, string | null]>;
  for (const [id, idCard, name, household] of rows) out.set(id, { idCard, name, household });
  return out;
}

/** The accounts a declaration posts to, or every reason one cannot be chosen. */
export function distributionAccounts(ledger: Ledger): { accounts: DistributionAccounts; errors: LedgerError[] } {
  const errors: LedgerError[] = [];
  const leaf = (code: string) => {
    const r = ledger.resolveLeaf(code, null);
    if ('error' in r) {
      errors.push(r.error);
      return code;
    }
    return r.code;
  };
  const accounts = { reserve: leaf('311'), payable: leaf('211'), tax: leaf('214'), internal: leaf('113') };
  return { accounts, errors };
}

// ---- declarations ------------------------------------------------------------------------------

/** A declaration's row; a declaration is in force unless a cancellation points at it. */
export interface DividendRow {
  project: string;
  year: number;
  options: OptionsRecord;
  plan: StoredPlan;
  declaredAt: string;
  reserveVoucherId: number | null;
  membersVoucherId: number | null;
}


/** The declaration in force of a project and year, with the references of the vouchers it posted (2024-12/1). */
export function getDividend(ledger: Ledger, project: string, year: number): (DividendRow & { id: number; vouchers: string[] }) | undefined {
  const r = dividendRow(ledger, project, year, false);
  return r && { ...r, plan: JSON.parse(r.plan) as StoredPlan };
}

/**
 * The row of the declaration in force, its plan as text or (`bytes`) as the bytes of its UTF-8 text.
 * Casting the text to a blob spares the 13 MB of a 100,000-member plan its decoding into a string.
 */
function dividendRow<B extends boolean>(
  ledger: Ledger,
  project: string,
  year: number,
  bytes: B,
): (Omit<DividendRow, 'plan'> & { id: number; vouchers: string[]; plan: B extends true ? Buffer : string }) | undefined {
  const r = sqlOf(ledger)
    .prepare(
      `SELECT d.id, d.project, d.year, d.options, ${bytes ? 'CAST(d.plan AS BLOB)' : 'd.plan'} AS plan, d.declared_at AS declaredAt, d.reserve_voucher_id AS reserveVoucherId,
              d.members_voucher_id AS membersVoucherId, r.period AS rPeriod, r.number AS rNumber, m.period AS mPeriod, m.number AS mNumber
         FROM dividends d LEFT JOIN vouchers r ON r.id = d.reserve_voucher_id LEFT JOIN vouchers m ON m.id = d.members_voucher_id
        WHERE d.project = ? AND d.year = ? AND ${NOT_CANCELLED} ORDER BY d.id DESC LIMIT 1`,
    )
    .get(project, year) as
    | (Omit<DividendRow, 'options' | 'plan'> & { id: number; options: string; plan: B extends true ? Buffer : string; rPeriod: string | null; rNumber: number | null; mPeriod: string | null; mNumber: number | null })
    | undefined;
  if (!r) return undefined;
  const vouchers: string[] = [];
  if (r.rPeriod !== null && r.rNumber !== null) vouchers.push(voucherRef(r.rPeriod, r.rNumber));
  if (r.mPeriod !== null && r.mNumber !== null) vouchers.push(voucherRef(r.mPeriod, r.mNumber));
  return {
    id: r.id,
    project: r.project,
    year: r.year,
    options: JSON.parse(r.options) as OptionsRecord,
    plan: r.plan,
    declaredAt: r.declaredAt,
    reserveVoucherId: r.reserveVoucherId,
    membersVoucherId: r.membersVoucherId,
    vouchers,
  };
}

/** The declared plan in force of a project and year, or a refusal: unknown project, or not declared (or cancelled). */
export function requireDeclared(ledger: Ledger, projectCode: string, year: number): DeclaredPlan & { id: number } {
  const project = requireProject(ledger, projectCode);
  const d = getDividend(ledger, project.code, year);
  if (!d) throw new Refusal(DividendErrors.DIVIDEND_NOT_DECLARED(project.code, year));
  return { ...declaredPlan(project, year, d), id: d.id };
}

/**
 * requireDeclared for a reader of every allocation in turn (the roll): the plan with its
 * allocations read from the stored bytes as they are asked for (plan-bytes.ts), none of them kept.
 * `plan.distribution.allocations` still holds them all, parsed on first use.
 */
export function requireDeclaredStream(ledger: Ledger, projectCode: string, year: number): { plan: DeclaredPlan & { id: number }; allocations(): Iterable<Allocation> } {
  const project = requireProject(ledger, projectCode);
  const d = dividendRow(ledger, project.code, year, true);
  if (!d) throw new Refusal(DividendErrors.DIVIDEND_NOT_DECLARED(project.code, year));
  const stored = planFromBytes(d.plan);
  const head = declaredPlan(project, year, { ...d, plan: stored.head });
  let all: Allocation[] | undefined;
  Object.defineProperty(head.distribution, 'allocations', { enumerable: true, configurable: true, get: () => (all ??= stored.all().map(storedAllocation)) });
  return {
    plan: { ...head, id: d.id },
    allocations: () => ({
      *[Symbol.iterator]() {
        for (const row of stored.allocations()) yield storedAllocation(row);
      },
    }),
  };
}

/** Every declaration in force, any project and year: what each took out of its year, and whom it counted. */
export function declarationsInForce(ledger: Ledger, project?: string): (DeclaredAmount & { shareDate: IsoDate; members: string[] })[] {
  const rows = sqlOf(ledger)
    .prepare(`SELECT project, year, options, plan FROM dividends d WHERE ${NOT_CANCELLED} ${project === undefined ? '' : 'AND project = ?'} ORDER BY year, id`)
    .all(...(project === undefined ? [] : [project])) as { project: string; year: number; options: string; plan: string }[];
  return rows.map((r) => {
    const plan = JSON.parse(r.plan) as StoredPlan;
    const options = JSON.parse(r.options) as OptionsRecord;
    return {
      project: r.project,
      year: r.year,
      reserve: plan.reserve,
      pool: plan.pool,
      shareDate: (options.recordDate ?? makeDate(r.year, 12, 31)) as IsoDate,
      members: plan.allocations.map((a) => a.member),
    };
  });
}

export function insertDividend(tx: WriteTx, d: DividendRow): number {
  return Number(
    sqlOf(tx)
      .prepare(
        `INSERT INTO dividends(project, year, options, plan, declared_at, reserve_voucher_id, members_voucher_id)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(d.project, d.year, JSON.stringify(d.options), JSON.stringify(d.plan), d.declaredAt, d.reserveVoucherId, d.membersVoucherId).lastInsertRowid,
  );
}

/** dividend cancel: the cancellation of a declaration and the reversals it posted. */
export function insertDividendCancellation(tx: WriteTx, c: { dividendId: number; reason: string; reserveReversalId: number | null; membersReversalId: number | null }): void {
  sqlOf(tx)
    .prepare('INSERT INTO dividend_cancellations(dividend_id, reason, cancelled_at, reserve_reversal_id, members_reversal_id) VALUES (?, ?, ?, ?, ?)')
    .run(c.dividendId, c.reason, tx.now, c.reserveReversalId, c.membersReversalId);
}

// ---- payments ----------------------------------------------------------------------------------

export interface PaymentRow extends PaymentRecord {
  account: string;
  voucherId: number;
}

/** The payments of a declaration. */
export function listPayments(ledger: Ledger, dividendId: number): PaymentRow[] {
  return sqlOf(ledger)
    .prepare(`SELECT member, amount, date, account, voucher_id AS voucherId FROM dividend_payments WHERE dividend_id = ? ORDER BY member`)
    .all(dividendId) as PaymentRow[];
}

export function insertPayment(tx: WriteTx, d: { id: number; project: { code: string }; year: number }, p: PaymentRow): void {
  sqlOf(tx)
    .prepare(
      `INSERT INTO dividend_payments(dividend_id, project, year, member, amount, date, account, voucher_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(d.id, d.project.code, d.year, p.member, p.amount, p.date, p.account, p.voucherId, tx.now);
}
