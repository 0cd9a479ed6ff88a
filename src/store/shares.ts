// Share registers: the movements of shares (grants, contributions, transfers) and the transfers'
// records. Write functions take the WriteTx of the command's fence.
import { holdingsAsOf, type GrantDraft, type GrantLookup, type Holding, type NettedHolding, type ShareMovement } from '../domain/shares.js';
import type { TransferPlan } from '../domain/transfers.js';
import { weighingDays, weighSums, type DistributionOptions, type PlanMovement, type SummedHolding, type SummedWeighing, type WeighingDays } from '../domain/distribution.js';
import type { IsoDate } from '../domain/dates.js';
import type { Ledger, WriteTx } from './ledger.js';
import { sqlOf } from './internal.js';
import { rowBatches } from './row-batches.js';
import { memberLookup } from './members.js';
import { getProject } from './projects.js';

// Projects live in ./projects.js; these names stay here for the modules that import them from here.
export { getProject, listProjects, requireProject, type ProjectRow } from './projects.js';

export type ShareMovementKind = 'grant' | 'contribution' | 'transfer';

/** A stored share movement (a row of a project's register). */
export interface ShareMovementRow extends ShareMovement {
  id: number;
  project: string;
  kind: ShareMovementKind;
  reason: string | null;
  note: string | null;
  contributionId: number | null;
  transferId: number | null;
}

const MV_COLS = `id, project, member, date, share_class AS shareClass, units, kind, reason, note,
  contribution_id AS contributionId, transfer_id AS transferId`;

/** A cancelled contribution's shares count nowhere: as if never granted (contribution cancel). */
export const IN_FORCE = 'AND (contribution_id IS NULL OR contribution_id NOT IN (SELECT contribution_id FROM contribution_cancellations))';

/**
 * The condition that picks one project's movements (with `?` for the project), as the query that
 * reads them all should use it. Read through its index (project, date), each movement is a look-up
 * in the table; when the project holds a large part of all the movements, reading the table
 * straight through is faster (a register of 100,000 of 200,000 movements: 0.35 → 0.26 s), so the
 * index is left out (`+project`). The part is counted only up to the threshold.
 */
export function projectTerm(ledger: Ledger, project: string): string {
  const db = sqlOf(ledger);
  const all = (db.prepare('SELECT MAX(rowid) FROM share_movements').pluck().get() as number | null) ?? 0;
  if (all < SCAN_MIN) return 'project = ?';
  const enough = Math.ceil(all / SCAN_SHARE);
  const have = db.prepare('SELECT COUNT(*) FROM (SELECT 1 FROM share_movements WHERE project = ? LIMIT ?)').pluck().get(project, enough) as number;
  return have >= enough ? '+project = ?' : 'project = ?';
}

/** A project with at least 1/SCAN_SHARE of all movements has its movements read by a scan of the table. */
const SCAN_SHARE = 4;
/** Below this many movements in all, either way is quick: the index is used. */
const SCAN_MIN = 5_000;

/** Every movement of a project's register, by date then entry order. */
export function shareMovementsOf(ledger: Ledger, project: string): ShareMovementRow[] {
  return sqlOf(ledger).prepare(`SELECT ${MV_COLS} FROM share_movements WHERE project = ? ${IN_FORCE} ORDER BY date, id`).all(project) as ShareMovementRow[];
}

/** The movements of a project's register with their classes, by date then entry order. */
export function registerMovements(ledger: Ledger, project: string): ShareMovement[] {
  return sqlOf(ledger)
    .prepare(`SELECT member, date, units, share_class AS shareClass FROM share_movements WHERE project = ? ${IN_FORCE} ORDER BY date, id`)
    .all(project) as ShareMovement[];
}

/** The movements of a project's register as the planner reads them (no class), by date then entry order. */
export function planMovements(ledger: Ledger, project: string): PlanMovement[] {
  // All at once: better-sqlite3 makes 100,000 rows in one call faster than it hands them over one
  // at a time (0.22 s against 0.36 s on the bench ledger), though they take some 20 MB more.
  return sqlOf(ledger).prepare(`SELECT member, date, units FROM share_movements WHERE ${projectTerm(ledger, project)} ${IN_FORCE} ORDER BY date, id`).all(project) as PlanMovement[];
}

/** Members a page of summedRegister reads at once. */
const SUMMED_PAGE = 4096;

/**
 * The movements of a project's register summed per member over a plan's days, with the member's
 * name and household, by member id (SummedHolding: what weighSums() reads, the sums
 * weighMovements() makes of the movements), a page of `pageSize` members at a time. One query:
 * 100,000 holders' sums cost less than their 100,000 movements and names handed over one by one.
 */
export function summedRegister(ledger: Ledger, project: string, days: WeighingDays, pageSize = SUMMED_PAGE): Iterable<SummedHolding> {
  // Every movement is read, the later ones too: the largest |units| is of all of them, as
  // weighMovements() refuses units that are not whole on any date. The sums count those up to the
  // share date, null for a member with none (weighMovements() has no entry for them).
  const counted = (x: string) => `SUM(CASE WHEN s.date <= :until THEN ${x} END)`;
  const unitDays = days.timeWeighted ? counted('s.units * (CAST(julianday(:last) - julianday(max(s.date, :first)) AS INTEGER) + 1)') : '0';
  // Time-weighted, a date that is not a day as date() writes it ('2024-06-01 12:00', '2024-02-30',
  // '2024-6-1') leaves the largest null, and weighSums() the sums alone: weighMovements() then
  // counts its days as it always did.
  const largest = days.timeWeighted ? 'CASE WHEN SUM(s.date IS NOT date(s.date)) = 0 THEN MAX(ABS(s.units)) END' : 'MAX(ABS(s.units))';
  // Grouped as share_movements_holdings orders them, the members looked up in the same order; read
  // a page of members at a time (those after the last member of the page before), each page all at
  // once: better-sqlite3 makes an iterator result for each row it hands over one by one.
  const pageAfter = (keyset: string) =>
    sqlOf(ledger)
      .prepare(
        `SELECT s.member, m.name, m.household, ${counted('s.units')} AS held, ${unitDays} AS unit_days, ${largest} AS largest
           FROM share_movements s LEFT JOIN members m ON m.id = s.member
          WHERE s.project = :project ${keyset} ${IN_FORCE} GROUP BY s.member ORDER BY s.member LIMIT :page`,
      )
      .raw(true);
  const first = pageAfter('');
  const next = pageAfter('AND s.member > :after');
  const params = { project, until: days.shareDate, page: pageSize, ...(days.timeWeighted ? { first: days.first, last: days.last } : {}) };
  const db = sqlOf(ledger);
  return {
    *[Symbol.iterator]() {
      // The pages read one snapshot of the register, as one statement would: inside the command's
      // transaction, or a read transaction of their own (a write committed meanwhile by another
      // process is not seen halfway).
      const own = !db.inTransaction;
      if (own) db.exec('BEGIN');
      try {
        let rows = first.all(params) as SummedHolding[];
        for (;;) {
          yield* rows;
          if (rows.length < pageSize) return;
          rows = next.all({ ...params, after: rows[rows.length - 1][0] }) as SummedHolding[];
        }
      } finally {
        if (own) db.exec('COMMIT');
      }
    },
  };
}

/**
 * A project's register weighed for a plan from SQLite's sums (weighSums of summedRegister); null
 * when they cannot be exact: a figure past 2^53, a malformed date, or a sum past 2^63, which SQLite
 * refuses as it is made (then the movements are weighed one by one).
 */
export function summedWeighing(ledger: Ledger, project: string, opts: Pick<DistributionOptions, 'basis' | 'recordDate' | 'year'>): SummedWeighing | null {
  try {
    return weighSums(summedRegister(ledger, project, weighingDays(opts)), opts);
  } catch (e) {
    if (e instanceof Error && /integer overflow/.test(e.message)) return null;
    throw e;
  }
}

/** A member's movements, in one project or in all (by project, date, entry order). */
export function memberMovements(ledger: Ledger, member: string, project?: string): ShareMovementRow[] {
  if (project !== undefined) {
    return sqlOf(ledger)
      .prepare(`SELECT ${MV_COLS} FROM share_movements WHERE member = ? AND project = ? ${IN_FORCE} ORDER BY date, id`)
      .all(member, project) as ShareMovementRow[];
  }
  return sqlOf(ledger).prepare(`SELECT ${MV_COLS} FROM share_movements WHERE member = ? ${IN_FORCE} ORDER BY project, date, id`).all(member) as ShareMovementRow[];
}

/** Holdings of a project's register on a date. */
export function registerAsOf(ledger: Ledger, project: string, asOf: IsoDate): Map<string, Holding> {
  return holdingsAsOf(registerMovements(ledger, project), asOf);
}

/**
 * Each holder's units per class on a date (the movements dated on or before it, summed), with the
 * holder's name and household (null when not on the roll), by member then class: what
 * registerOfHoldings() reads. Rows as arrays, read one at a time.
 */
export function registerHoldings(ledger: Ledger, project: string, asOf: IsoDate): Iterable<NettedHolding> {
  // Grouped as share_movements_holdings orders them, the members looked up in the same order.
  return sqlOf(ledger)
    .prepare(
      `SELECT s.member, s.share_class, SUM(s.units) AS units, m.name, m.household
         FROM share_movements s LEFT JOIN members m ON m.id = s.member
        WHERE s.project = ? AND s.date <= ? ${IN_FORCE} GROUP BY s.member, s.share_class ORDER BY s.member, s.share_class`,
    )
    .raw(true)
    .iterate(project, asOf) as Iterable<NettedHolding>;
}

export interface NewShareMovement {
  project: string;
  member: string;
  date: IsoDate;
  shareClass: string;
  units: number;
  kind: ShareMovementKind;
  reason?: string | null;
  note?: string | null;
  contributionId?: number | null;
  transferId?: number | null;
}

/** A writer of share movements for one command (one prepared statement for many rows). */
export function movementWriter(tx: WriteTx): (m: NewShareMovement) => number {
  const ins = sqlOf(tx).prepare(
    `INSERT INTO share_movements(project, member, date, share_class, units, kind, reason, note, contribution_id, transfer_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return (m) =>
    Number(
      ins.run(m.project, m.member, m.date, m.shareClass, m.units, m.kind, m.reason ?? null, m.note ?? null, m.contributionId ?? null, m.transferId ?? null, tx.now)
        .lastInsertRowid,
    );
}

/** What checkGrants reads of the ledger. */
export function grantLookup(ledger: Ledger): GrantLookup {
  const projects = new Map<string, boolean>();
  const hasProject = (code: string) => {
    let known = projects.get(code);
    if (known === undefined) projects.set(code, (known = getProject(ledger, code) !== undefined));
    return known;
  };
  return { hasProject, members: memberLookup(ledger) };
}

/** Checked grants (checkGrants), one movement each. */
export function insertGrants(tx: WriteTx, grants: readonly GrantDraft[]): void {
  const rows = rowBatches(sqlOf(tx), 'share_movements', ['project', 'member', 'date', 'share_class', 'units', 'kind', 'reason', 'note', 'contribution_id', 'transfer_id', 'created_at']);
  for (const g of grants) rows.add(g.project, g.member, g.date, g.shareClass, g.units, 'grant', null, g.note ?? null, null, null, tx.now);
  rows.flush();
}

/** A planned transfer (planTransfer): its record, and two movements per class moved. */
export function insertTransfer(tx: WriteTx, plan: TransferPlan, note: string | null): number {
  const id = Number(
    sqlOf(tx)
      .prepare('INSERT INTO transfers(project, from_member, to_member, date, units, reason, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(plan.project, plan.from, plan.to, plan.date, plan.units, plan.reason, note, tx.now).lastInsertRowid,
  );
  const move = movementWriter(tx);
  const common = { project: plan.project, date: plan.date, kind: 'transfer' as const, reason: plan.reason, note, transferId: id };
  for (const m of plan.moves) {
    move({ ...common, member: plan.from, shareClass: m.shareClass, units: -m.units });
    move({ ...common, member: plan.to, shareClass: m.shareClass, units: m.units });
  }
  return id;
}

export interface TransferRow {
  id: number;
  project: string;
  from: string;
  to: string;
  date: string;
  units: number;
  reason: string;
  note: string | null;
}

/** The transfers a member gave or received, by date. */
export function memberTransfers(ledger: Ledger, member: string): TransferRow[] {
  return sqlOf(ledger)
    .prepare(
      `SELECT id, project, from_member AS "from", to_member AS "to", date, units, reason, note FROM transfers
        WHERE from_member = ? OR to_member = ? ORDER BY date, id`,
    )
    .all(member, member) as TransferRow[];
}
