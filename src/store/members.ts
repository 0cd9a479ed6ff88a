// Members: lookups and writes. Writes run inside the caller's transaction.
import { Refusal, ledgerError } from '../domain/errors.js';
import { HEAD, statusAsOf, type ExistingMembers, type MemberDraft, type MemberStatus, type StatusEvent } from '../domain/members.js';
import type { IsoDate } from '../domain/dates.js';
import type { Ledger } from './ledger.js';
import { sqlOf } from './internal.js';

export interface MemberRow {
  id: string;
  name: string;
  idCard: string | null;
  household: string | null;
  relation: string | null;
  joined: string | null;
  status: MemberStatus;
  statusDate: string | null;
  bank: string | null;
  bankAccount: string | null;
}

const COLS = `id, name, id_card AS idCard, household, relation, joined, status, status_date AS statusDate,
  bank, bank_account AS bankAccount`;

export function getMember(ledger: Ledger, id: string): MemberRow | undefined {
  return sqlOf(ledger).prepare(`SELECT ${COLS} FROM members WHERE id = ?`).get(id) as MemberRow | undefined;
}

/** The member, or a refusal naming the unknown id. */
export function requireMember(ledger: Ledger, id: string): MemberRow {
  const m = getMember(ledger, id);
  if (!m) throw new Refusal(ledgerError('MEMBER_UNKNOWN', `成员「${id}」不存在`, `unknown member "${id}"`));
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
  const byId = db.prepare('SELECT 1 FROM members WHERE id = ?').pluck();
  const byCard = db.prepare('SELECT id FROM members WHERE id_card = ?').pluck();
  const head = db.prepare("SELECT id FROM members WHERE household = ? AND relation = ? AND status = '正常' ORDER BY id LIMIT 1").pluck();
  return {
    hasId: (id) => byId.get(id) !== undefined,
    idCardOwner: (c) => byCard.get(c) as string | undefined,
    activeHead: (h) => head.get(h, HEAD) as string | undefined,
  };
}

export function insertMembers(ledger: Ledger, drafts: readonly MemberDraft[], now: string): void {
  const ins = sqlOf(ledger).prepare(
    `INSERT INTO members(id, name, id_card, household, relation, joined, status, status_date, bank, bank_account, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const ev = sqlOf(ledger).prepare(
    "INSERT INTO member_events(member, date, status, previous, note, created_at) VALUES (?, ?, ?, '正常', ?, ?)",
  );
  for (const d of drafts) {
    ins.run(d.id, d.name, d.idCard, d.household, d.relation, d.joined, d.status, d.statusDate, d.bank, d.bankAccount, now);
    // A status other than 正常 with a date is history: the member was active until then.
    if (d.status !== '正常' && d.statusDate) ev.run(d.id, d.statusDate, d.status, null, now);
  }
  ledger.invalidate();
}

export interface MemberEventRow extends StatusEvent {
  id: number;
  note: string | null;
}

export function memberEvents(ledger: Ledger, id: string): MemberEventRow[] {
  return sqlOf(ledger)
    .prepare('SELECT id, date, status, previous, note FROM member_events WHERE member = ? ORDER BY date, id')
    .all(id) as MemberEventRow[];
}

/** Status of every member on a date, for checks over many rows. */
export class StatusLookup {
  private readonly cache = new Map<string, { current: MemberStatus; events: StatusEvent[] } | null>();
  constructor(private readonly ledger: Ledger) {}

  member(id: string): MemberRow | undefined {
    return getMember(this.ledger, id);
  }

  /** null when the member does not exist. */
  statusOn(id: string, date: IsoDate): MemberStatus | null {
    let c = this.cache.get(id);
    if (c === undefined) {
      const m = getMember(this.ledger, id);
      c = m ? { current: m.status, events: memberEvents(this.ledger, id) } : null;
      this.cache.set(id, c);
    }
    return c ? statusAsOf(c.current, c.events, date) : null;
  }
}

export function recordStatus(ledger: Ledger, id: string, status: MemberStatus, previous: MemberStatus, date: IsoDate, note: string | null, now: string): void {
  sqlOf(ledger)
    .prepare('INSERT INTO member_events(member, date, status, previous, note, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(id, date, status, previous, note, now);
  sqlOf(ledger).prepare('UPDATE members SET status = ?, status_date = ? WHERE id = ?').run(status, date, id);
}

/** Household heads by household number. */
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
