// The resource register (资源台账) in SQLite. Reads take a Ledger; writes take the WriteTx of the
// command's fence.
import type { ResourceEntry, ResourceLookup } from '../domain/resources.js';
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

export function listResources(ledger: Ledger): ResourceEntry[] {
  return (sqlOf(ledger).prepare('SELECT * FROM resources ORDER BY code').all() as ResourceRow[]).map(resourceFromRow);
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
