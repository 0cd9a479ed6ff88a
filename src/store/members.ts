// Members: lookups and writes. Write functions take the WriteTx of the command's fence.
import { Refusal } from '../domain/errors.js';
import { MemberErrors } from '../domain/errors/members.js';
import { HEAD, statusAsOf, type ExistingMembers, type Member, type MemberDraft, type MemberEditLookup, type MemberLookup, type MemberStatus, type StatusEvent } from '../domain/members.js';
import type { IsoDate } from '../domain/dates.js';
import type { Ledger, WriteTx } from './ledger.js';
import { sqlOf, stmt } from './internal.js';
import { rowBatches } from './row-batches.js';

/** A member row as stored (the domain's Member). */
export type MemberRow = Member;

const COLS = `id, name, id_card AS idCard, household, relation, joined, status, status_date AS statusDate,
  bank, bank_account AS bankAccount`;

export function getMember(ledger: Ledger, id: string): MemberRow | undefined {
  return stmt(ledger, `SELECT ${COLS} FROM members WHERE id = ?`).get(id) as MemberRow | undefined;
}

/** The member, or a refusal naming the unknown id. */
export function requireMember(ledger: Ledger, id: string): MemberRow {
  const m = getMember(ledger, id);
  if (!m) throw new Refusal(MemberErrors.MEMBER_UNKNOWN(id));
  return m;
}

export function listMembers(ledger: Ledger, filter: { household?: string; status?: string } = {}): MemberRow[] {
  const where: string[] = [];
  const args: string[] = [];
  if (filter.household !== undefined) {
    where.push('household = ?');
    args.push(filter.household);
  }
  if (filter.status !== undefined) {
    where.push('status = ?');
    args.push(filter.status);
  }
  return sqlOf(ledger)
    .prepare(`SELECT ${COLS} FROM members ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id`)
    .all(...args) as MemberRow[];
}

/** What checkNewMembers needs to know about the members already in the ledger. */
export function existingMembers(ledger: Ledger): ExistingMembers {
  const db = sqlOf(ledger);
  // A roll's first import: no member to find, and no look-up a row (three for each of 100,000 rows).
  if (db.prepare('SELECT NOT EXISTS (SELECT 1 FROM members)').pluck().get() === 1) return NO_MEMBERS;
  const byId = db.prepare('SELECT 1 FROM members WHERE id = ?').pluck();
  const byCard = db.prepare('SELECT id FROM members WHERE id_card = ?').pluck();
  const head = db.prepare("SELECT id FROM members WHERE household = ? AND relation = ? AND status = '正常' ORDER BY id LIMIT 1").pluck();
  return {
    hasId: (id) => byId.get(id) !== undefined,
    idCardOwner: (c) => byCard.get(c) as string | undefined,
    activeHead: (h) => head.get(h, HEAD) as string | undefined,
  };
}

const NO_MEMBERS: ExistingMembers = { hasId: () => false, idCardOwner: () => undefined, activeHead: () => undefined };

export function insertMembers(tx: WriteTx, drafts: readonly MemberDraft[]): void {
  const db = sqlOf(tx);
  const members = rowBatches(db, 'members', ['id', 'name', 'id_card', 'household', 'relation', 'joined', 'status', 'status_date', 'bank', 'bank_account', 'created_at']);
  for (const d of drafts) members.add(d.id, d.name, d.idCard, d.household, d.relation, d.joined, d.status, d.statusDate, d.bank, d.bankAccount, tx.now);
  members.flush();
  // A status other than 正常 with a date is history: the member was active until then (after the
  // members themselves: an event refers to its member).
  const events = rowBatches(db, 'member_events', ['member', 'date', 'status', 'previous', 'note', 'created_at']);
  for (const d of drafts) if (d.status !== '正常' && d.statusDate) events.add(d.id, d.statusDate, d.status, '正常', null, tx.now);
  events.flush();
  tx.ledger.invalidate();
}

/** A recorded status change (the member's status history). */
export interface MemberEventRow extends StatusEvent {
  id: number;
  note: string | null;
}

export function memberEvents(ledger: Ledger, id: string): MemberEventRow[] {
  return stmt(ledger, 'SELECT id, date, status, previous, note FROM member_events WHERE member = ? ORDER BY date, id').all(id) as MemberEventRow[];
}

/** Members looked up by a memberLookup kept at once: enough for a file's rows of one member, which come together. */
const LOOKUP_CACHE = 1000;

/** Members and their status on any date, for checks over many rows (the members read lately kept). */
export function memberLookup(ledger: Ledger): MemberLookup {
  const cache = new Map<string, { member: Pick<MemberRow, 'id' | 'name' | 'joined' | 'status'>; events: StatusEvent[] } | null>();
  const load = (id: string) => {
    let c = cache.get(id);
    if (c === undefined) {
      // Only what the checks read (MemberLookup): a row's ten columns made into strings cost more than
      // the look-up. Whether the member has a status history comes with it: most have none, and
      // then its query is not run (100,000 grants: 100,000 statements fewer).
      const row = stmt(ledger, 'SELECT id, name, joined, status, EXISTS (SELECT 1 FROM member_events e WHERE e.member = m.id) FROM members m WHERE id = ?')
        .raw(true)
        .get(id) as [string, string, string | null, MemberStatus, number] | undefined;
      c = row ? { member: { id: row[0], name: row[1], joined: row[2], status: row[3] }, events: row[4] ? memberEvents(ledger, id) : [] } : null;
      // A file of 100,000 members would otherwise hold every one of them until the write ends.
      if (cache.size >= LOOKUP_CACHE) cache.clear();
      cache.set(id, c);
    }
    return c;
  };
  return {
    member: (id) => load(id)?.member,
    statusOn: (id: string, date: IsoDate) => {
      const c = load(id);
      return c ? statusAsOf(c.member.status, c.events, date) : null;
    },
  };
}

export function recordStatus(tx: WriteTx, id: string, change: { status: MemberStatus; previous: MemberStatus; date: IsoDate; note: string | null }): void {
  const db = sqlOf(tx);
  db.prepare('INSERT INTO member_events(member, date, status, previous, note, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    id,
    change.date,
    change.status,
    change.previous,
    change.note,
    tx.now,
  );
  db.prepare('UPDATE members SET status = ?, status_date = ? WHERE id = ?').run(change.status, change.date, id);
}

/** Household heads by household number (the active head first, else the first head on record). */
export function householdHeads(ledger: Ledger): Map<string, { id: string; name: string }> {
  const rows = sqlOf(ledger)
    .prepare(
      `SELECT household, id, name FROM members WHERE relation = ? AND household IS NOT NULL
        ORDER BY household, CASE status WHEN '正常' THEN 0 ELSE 1 END, id`,
    )
    .all(HEAD) as { household: string; id: string; name: string }[];
  const m = new Map<string, { id: string; name: string }>();
  for (const r of rows) if (!m.has(r.household)) m.set(r.household, { id: r.id, name: r.name });
  return m;
}

/**
 * The last day the member contributed (出资入股, not cancelled), or null. (Grants and transfers to a
 * member are left out: no command takes one back, so a late-reported death could never be recorded.)
 */
export function lastContribution(ledger: Ledger, id: string): IsoDate | null {
  return (
    (sqlOf(ledger)
      .prepare(
        `SELECT MAX(date) FROM contributions WHERE member = ?
            AND id NOT IN (SELECT contribution_id FROM contribution_cancellations)`,
      )
      .pluck()
      .get(id) as string | null) ?? null
  );
}

/** What checkMemberEdit needs to know of the other members and of the member's holdings. */
export function memberEditLookup(ledger: Ledger): MemberEditLookup {
  const e = existingMembers(ledger);
  const first = sqlOf(ledger).prepare(
    `SELECT MIN(date) FROM (SELECT date FROM share_movements WHERE member = ? UNION ALL SELECT date FROM contributions WHERE member = ?)`,
  );
  return {
    idCardOwner: e.idCardOwner,
    activeHead: e.activeHead,
    firstHoldingDate: (id) => (first.pluck().get(id, id) as string | null) ?? null,
  };
}

/** Write a member's corrected fields (the audit trail keeps the row before and after). */
export function updateMember(tx: WriteTx, m: Member): void {
  sqlOf(tx)
    .prepare('UPDATE members SET name = ?, id_card = ?, household = ?, relation = ?, joined = ?, bank = ?, bank_account = ? WHERE id = ?')
    .run(m.name, m.idCard, m.household, m.relation, m.joined, m.bank, m.bankAccount, m.id);
  tx.ledger.invalidate();
}
