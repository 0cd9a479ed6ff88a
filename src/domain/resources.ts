// The resource register (资源台账): land, forest, water and other resources of the collective, by
// area; the checks of a new entry, totals by category and status, and the contracts using each.
// Pure: no I/O, no clock.
import { withSource, type LedgerError, type Source } from './errors.js';
import { ResourceErrors } from './errors/resources.js';
import { periodOf, type IsoDate, type Period } from './dates.js';
import { termAsOf, type ContractRecord } from './contracts.js';
import { duplicateRows, type RegisterRow } from './registers.js';

export const RESOURCE_STATUSES = ['自营', '发包', '出租', '入股', '流转', '闲置'] as const;

/** A resource (资源台账) as entered. Area in 1/10,000 of the unit. */
export interface ResourceEntry {
  code: string;
  name: string;
  category: string;
  area: number;
  unit: string;
  location: string | null;
  boundaries: string | null;
  parcelCode: string | null;
  ownership: string | null;
  /** As registered; resource status records its changes (statusAsOf). */
  status: (typeof RESOURCE_STATUSES)[number];
  note: string | null;
}

export interface ResourceLookup {
  resourceExists(code: string): boolean;
}

/** A new resource: its code is not registered yet. */
export function checkResource(r: ResourceEntry, ledger: ResourceLookup, at?: Source): LedgerError[] {
  return ledger.resourceExists(r.code) ? [withSource(ResourceErrors.RESOURCE_EXISTS(r.code), at)] : [];
}

/** The resources of a file: a code seen on an earlier row is a duplicate (even when that row was bad). */
export function checkResourceRows(rows: readonly RegisterRow<ResourceEntry>[], ledger: ResourceLookup): LedgerError[] {
  const dupes = duplicateRows(rows);
  return rows.flatMap((r, i) => {
    if (dupes.has(i)) return [withSource(ResourceErrors.RESOURCE_DUPLICATE(r.code), r.source)];
    return r.entry ? checkResource(r.entry, ledger, r.source) : [];
  });
}

export interface ResourceTotal {
  key: string;
  unit: string;
  count: number;
  area: number;
}

/** Totals by a key and unit, in order of first appearance (亩 and 株 are never added together). */
export function resourceTotals(list: readonly ResourceEntry[], key: (r: ResourceEntry) => string): ResourceTotal[] {
  const m = new Map<string, ResourceTotal>();
  for (const r of list) {
    const k = `${key(r)}\u0000${r.unit}`;
    const t = m.get(k) ?? { key: key(r), unit: r.unit, count: 0, area: 0 };
    t.count++;
    t.area += r.area;
    m.set(k, t);
  }
  return [...m.values()];
}

/** The contracts (any register's, by subject) in force on a day, per subject, each as it stood that day (termAsOf). */
export function inForceBySubject<C extends { subject: string; start: IsoDate } & Pick<ContractRecord, 'end' | 'agreedEnd' | 'endedEarly'>>(
  contracts: readonly C[],
  asOf: IsoDate,
): Map<string, C[]> {
  const m = new Map<string, C[]>();
  for (const signed of contracts) {
    const c = termAsOf(signed, asOf);
    if (c.start > asOf || asOf > c.end) continue;
    m.set(c.subject, [...(m.get(c.subject) ?? []), c]);
  }
  return m;
}

export type ResourceStatus = (typeof RESOURCE_STATUSES)[number];

/** A change of a resource's use status (resource status), from `date` on. */
export interface StatusChange {
  date: IsoDate;
  status: ResourceStatus;
  reason: string | null;
}

/** The status on a day: that of the last change dated on or before it, else the status registered. */
export function statusAsOf(registered: ResourceStatus, changes: readonly StatusChange[], asOf: IsoDate): ResourceStatus {
  let s = registered;
  for (const c of changes) if (c.date <= asOf) s = c.status;
  return s;
}

/**
 * The contracts that let a resource out (收: the collective receives the rent). One that rents land in
 * (付) leaves the collective to use it, idle or itself (自营), as its status says.
 */
export function lettingOut<C extends { direction: string }>(contracts: readonly C[]): C[] {
  return contracts.filter((c) => c.direction === '收');
}

/** The statuses that say no one else holds the resource: not while a contract lets it out. */
const HELD_BY_NOBODY: ReadonlySet<string> = new Set<ResourceStatus>(['自营', '闲置']);

/**
 * A change of `r`'s use status to `status` from `date`: a change, not the status it has that day;
 * dated in order after the changes recorded (each the first day of a status), not after today, not
 * on or before the end of the last closed month (`lastClosed`: a status holds from its day on, and a
 * closed month's registers stay as they were closed, the months before the books included); and not
 * 自营 or 闲置 while a contract in force that day lets the resource out (`usedBy`, lettingOut).
 */
export function checkStatusChange(
  r: Pick<ResourceEntry, 'code' | 'status'>,
  changes: readonly StatusChange[],
  usedBy: readonly { code: string }[],
  status: ResourceStatus,
  date: IsoDate,
  today: IsoDate,
  lastClosed: Period | null = null,
): LedgerError[] {
  const errors: LedgerError[] = [];
  if (date > today) errors.push(ResourceErrors.RESOURCE_STATUS_FUTURE(date, today));
  else if (touchesClosed(date, lastClosed)) errors.push(ResourceErrors.RESOURCE_STATUS_CLOSED(r.code, date, lastClosed!));
  const last = changes[changes.length - 1];
  if (last && date < last.date) errors.push(ResourceErrors.RESOURCE_STATUS_ORDER(r.code, date, last.date, last.status));
  else if (statusAsOf(r.status, changes, date) === status) errors.push(ResourceErrors.RESOURCE_STATUS_SAME(r.code, status, date));
  if (HELD_BY_NOBODY.has(status) && usedBy.length) errors.push(ResourceErrors.RESOURCE_STATUS_UNDER_CONTRACT(r.code, status, date, usedBy.map((c) => c.code).join('、')));
  return errors;
}

/**
 * After a contract on the resource ends early, the day after its last (`nextDay`): the status to look
 * at again, when the resource is still recorded as let (出租, 发包, 流转, 入股) that day and no other
 * contract lets it out then (`usedNextDay`) and no change is recorded after it; null when nothing asks
 * for a change.
 */
export function statusLeftAfterEnd(
  r: Pick<ResourceEntry, 'status'>,
  changes: readonly StatusChange[],
  usedNextDay: readonly unknown[],
  nextDay: IsoDate,
): ResourceStatus | null {
  const s = statusAsOf(r.status, changes, nextDay);
  // A change recorded after that day already says what became of it (and one dated before it would be refused).
  return HELD_BY_NOBODY.has(s) || usedNextDay.length || changes.some((c) => c.date > nextDay) ? null : s;
}

/** The statuses that say a contract holds the resource (入股 is a share in a project, not a contract). */
const LET_BY_CONTRACT: ReadonlySet<string> = new Set<ResourceStatus>(['出租', '发包', '流转']);

/** A resource whose use status on a day says otherwise than the contracts in force that day. */
export interface StatusMismatch {
  resource: string;
  status: ResourceStatus;
  /** The contracts in force (none when the status says let). */
  contracts: string[];
  /** The status to record: 闲置 when none lets it out, else that of the contract's kind (statusOfLetting). */
  expected: ResourceStatus;
}

/**
 * The resources (each with its status of the day) whose status disagrees with the contracts letting
 * them out in force that day (`inForce`, by subject; lettingOut): recorded as let (出租, 发包, 流转)
 * with none, as after a lease ran out; or idle or in own use (闲置, 自营) while one lets them out.
 */
export function statusMismatches(
  resources: readonly Pick<ResourceEntry, 'code' | 'status'>[],
  inForce: ReadonlyMap<string, readonly { code: string; kind: string }[]>,
): StatusMismatch[] {
  const out: StatusMismatch[] = [];
  for (const r of resources) {
    const using = inForce.get(r.code) ?? [];
    const contracts = using.map((c) => c.code);
    if ((LET_BY_CONTRACT.has(r.status) && !contracts.length) || (HELD_BY_NOBODY.has(r.status) && contracts.length))
      out.push({ resource: r.code, status: r.status, contracts, expected: using.length ? statusOfLetting(using[0].kind) : '闲置' });
  }
  return out;
}

/**
 * The contracts letting the resource out that begin after `date` (when it is set to 自营 or 闲置 from
 * that day), by their first day: its status is to be recorded again on each one's first day.
 */
export function lettingsAfter<C extends { code: string; start: IsoDate; end: IsoDate }>(status: ResourceStatus, lettings: readonly C[], date: IsoDate): C[] {
  return HELD_BY_NOBODY.has(status) ? lettings.filter((c) => c.start > date && c.start <= c.end).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0)) : [];
}

/**
 * A contract letting the resource out over [start, end] that finds it recorded idle or in own use on
 * some day of its term: the first such day and that status, and whether recording the contract's
 * status from that day can be done now (`ready`: no later change in the way, no closed month, not
 * after today) or once the day has come (`ahead`); null when the status agrees all along.
 */
export function freeDuringLetting(
  r: Pick<ResourceEntry, 'status'>,
  changes: readonly StatusChange[],
  start: IsoDate,
  end: IsoDate,
  lastClosed: Period | null,
  today: IsoDate,
): { from: IsoDate; status: ResourceStatus; ready: boolean; ahead: boolean } | null {
  const atStart = statusAsOf(r.status, changes, start);
  const first = HELD_BY_NOBODY.has(atStart) ? { date: start, status: atStart } : changes.find((c) => c.date > start && c.date <= end && HELD_BY_NOBODY.has(c.status));
  if (!first) return null;
  const ahead = first.date > today;
  const ready = !ahead && !changes.some((c) => c.date > first.date) && !touchesClosed(first.date, lastClosed);
  return { from: first.date, status: first.status, ready, ahead: ahead && !changes.some((c) => c.date > first.date) };
}

/**
 * Cancelling the latest change of a resource's status (resource status-cancel): there is one, and it
 * reaches into no closed month.
 */
export function checkStatusCancel(code: string, last: StatusChange | undefined, lastClosed: Period | null): LedgerError[] {
  if (!last) return [ResourceErrors.RESOURCE_STATUS_NONE(code)];
  return touchesClosed(last.date, lastClosed) ? [ResourceErrors.RESOURCE_STATUS_CLOSED(code, last.date, lastClosed!)] : [];
}

/** Whether a status from `date` on reaches into a closed month (the last closed is `lastClosed`). */
export function touchesClosed(date: IsoDate, lastClosed: Period | null): boolean {
  return lastClosed !== null && periodOf(date) <= lastClosed;
}

/** The use status a contract letting a resource out gives it: that of its kind (发包, 出租, 流转, 入股). */
export function statusOfLetting(kind: string): ResourceStatus {
  return (RESOURCE_STATUSES as readonly string[]).includes(kind) ? (kind as ResourceStatus) : '出租';
}
