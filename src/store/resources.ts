// The resource register (资源台账) in SQLite. Reads take a Ledger; writes take the WriteTx of the
// command's fence.
import { statusAsOf, type ResourceEntry, type ResourceLookup, type StatusChange } from '../domain/resources.js';
import type { IsoDate } from '../domain/dates.js';
import type { Ledger, WriteTx } from './ledger.js';
import { sqlOf } from './internal.js';

interface ResourceRow {
  code: string;
  name: string;
  category: string;
  area: number;
  unit: string;
  location: string | null;
  boundaries: string | null;
  parcel_code: string | null;
  ownership: string | null;
  status: ResourceEntry['status'];
  note: string | null;
}

function resourceFromRow(r: ResourceRow): ResourceEntry {
  return {
    code: r.code,
    name: r.name,
    category: r.category,
    area: r.area,
    unit: r.unit,
    location: r.location,
    boundaries: r.boundaries,
    parcelCode: r.parcel_code,
    ownership: r.ownership,
    status: r.status,
    note: r.note,
  };
}

export function getResource(ledger: Ledger, code: string): ResourceEntry | undefined {
  const r = sqlOf(ledger).prepare('SELECT * FROM resources WHERE code = ?').get(code) as ResourceRow | undefined;
  return r ? resourceFromRow(r) : undefined;
}

/** Every resource, its status as of `asOf` (resource status) when a day is given, else as registered. */
export function listResources(ledger: Ledger, asOf?: IsoDate): ResourceEntry[] {
  const list = (sqlOf(ledger).prepare('SELECT * FROM resources ORDER BY code').all() as ResourceRow[]).map(resourceFromRow);
  if (asOf === undefined) return list;
  const changes = statusChanges(ledger);
  return list.map((r) => {
    const c = changes.get(r.code);
    return c ? { ...r, status: statusAsOf(r.status, c, asOf) } : r;
  });
}

/** The changes of use status recorded and not cancelled, per resource, in date order. */
export function statusChanges(ledger: Ledger, code?: string): Map<string, StatusChange[]> {
  const rows = sqlOf(ledger)
    .prepare(
      `SELECT resource, date, status, reason FROM resource_status_changes c
        WHERE NOT EXISTS (SELECT 1 FROM resource_status_cancellations x WHERE x.change_id = c.id)${code === undefined ? '' : ' AND resource = ?'}
        ORDER BY resource, date, id`,
    )
    .all(...(code === undefined ? [] : [code])) as (StatusChange & { resource: string })[];
  const m = new Map<string, StatusChange[]>();
  for (const { resource, ...c } of rows) {
    const list = m.get(resource);
    if (list) list.push(c);
    else m.set(resource, [c]);
  }
  return m;
}

export function insertStatusChange(tx: WriteTx, code: string, c: StatusChange): void {
  sqlOf(tx).prepare('INSERT INTO resource_status_changes(resource, date, status, reason, created_at) VALUES (?, ?, ?, ?, ?)').run(code, c.date, c.status, c.reason, tx.now);
}

/** Resource code → 地块代码. */
export function parcelCodes(ledger: Ledger): Map<string, string | null> {
  const rows = sqlOf(ledger).prepare('SELECT code, parcel_code FROM resources').all() as { code: string; parcel_code: string | null }[];
  return new Map(rows.map((r) => [r.code, r.parcel_code]));
}

export function resourceLookup(ledger: Ledger): ResourceLookup {
  const exists = sqlOf(ledger).prepare('SELECT 1 FROM resources WHERE code = ?');
  return { resourceExists: (code) => exists.get(code) !== undefined };
}

export function insertResource(tx: WriteTx, r: ResourceEntry): void {
  sqlOf(tx)
    .prepare(
      `INSERT INTO resources(code, name, category, area, unit, location, boundaries, parcel_code, ownership, status, note, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(r.code, r.name, r.category, r.area, r.unit, r.location, r.boundaries, r.parcelCode, r.ownership, r.status, r.note, tx.now);
}

/** A resource's latest change of status not cancelled, with its id (resource status-cancel). */
export function lastStatusChange(ledger: Ledger, code: string): (StatusChange & { id: number }) | undefined {
  return sqlOf(ledger)
    .prepare(
      `SELECT id, date, status, reason FROM resource_status_changes c
        WHERE resource = ? AND NOT EXISTS (SELECT 1 FROM resource_status_cancellations x WHERE x.change_id = c.id)
        ORDER BY date DESC, id DESC LIMIT 1`,
    )
    .get(code) as (StatusChange & { id: number }) | undefined;
}

export function insertStatusCancellation(tx: WriteTx, changeId: number, reason: string): void {
  sqlOf(tx).prepare('INSERT INTO resource_status_cancellations(change_id, reason, created_at) VALUES (?, ?, ?)').run(changeId, reason, tx.now);
}
