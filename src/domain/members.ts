// Members (成员), households (户) and member status. Pure: no clock, no I/O.
import type { LedgerError, Source } from './errors.js';
import { withSource } from './errors.js';
import { MemberErrors, type MemberPurpose } from './errors/members.js';
import { checkIdCard } from './idcard.js';
import type { IsoDate } from './dates.js';

/** 正常 active, 已故 deceased, 迁出 moved away, 退出 left the collective. */
export const MEMBER_STATUSES = ['正常', '已故', '迁出', '退出'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

const STATUS_NAMES: Record<string, MemberStatus> = {
  正常: '正常',
  active: '正常',
  已故: '已故',
  死亡: '已故',
  deceased: '已故',
  迁出: '迁出',
  'moved-out': '迁出',
  moved: '迁出',
  退出: '退出',
  exited: '退出',
  left: '退出',
};

export const STATUS_EN: Record<MemberStatus, string> = { 正常: 'active', 已故: 'deceased', 迁出: 'moved out', 退出: 'exited' };

export function parseStatus(s: string): MemberStatus | null {
  const k = s.trim().toLowerCase();
  return Object.prototype.hasOwnProperty.call(STATUS_NAMES, k) ? STATUS_NAMES[k] : null;
}

/** The relation that marks the head of a household. */
export const HEAD = '户主';

/** A member as the roster keeps them. */
export interface Member {
  id: string;
  name: string;
  idCard: string | null;
  household: string | null;
  relation: string | null;
  joined: IsoDate | null;
  status: MemberStatus;
  statusDate: IsoDate | null;
  bank: string | null;
  bankAccount: string | null;
}

/** A recorded change of status (the member's status history). */
export interface StatusEvent {
  date: IsoDate;
  status: MemberStatus;
  previous: MemberStatus;
}

/**
 * A member's status on `date`: the status set by the last change dated on or before it; before
 * the first recorded change, the status that change replaced; with no changes, `current`.
 * `events` must be in the order they were recorded (dates never go backwards).
 */
export function statusAsOf(current: MemberStatus, events: readonly StatusEvent[], date: IsoDate): MemberStatus {
  if (events.length === 0) return current;
  let s: MemberStatus = events[0].previous;
  for (const e of events) {
    if (e.date <= date) s = e.status;
    else break;
  }
  return s;
}

/**
 * `member status`: a change to another status, dated on or after the last recorded change and on
 * or after the day the member joined; a change away from 正常 not dated before a later contribution
 * of the member's own (`lastIncoming`, not cancelled), which only an active member may make.
 * Returns every reason it is refused.
 */
export function checkStatusChange(
  member: Pick<Member, 'id' | 'name' | 'status' | 'joined'>,
  history: readonly StatusEvent[],
  change: { status: MemberStatus; date: IsoDate },
  lastIncoming: IsoDate | null = null,
): LedgerError[] {
  const errors: LedgerError[] = [];
  if (member.status === change.status) errors.push(MemberErrors.MEMBER_STATUS_SAME(member.id, member.name, change.status));
  const last = history.at(-1);
  if (last && change.date < last.date) errors.push(MemberErrors.MEMBER_STATUS_DATE(change.date, { lastChange: last.date }));
  if (member.joined && change.date < member.joined) errors.push(MemberErrors.MEMBER_STATUS_DATE(change.date, { joined: member.joined }));
  if (change.status !== '正常' && lastIncoming !== null && change.date < lastIncoming)
    errors.push(MemberErrors.MEMBER_STATUS_BEFORE_SHARES(member.id, change.status, change.date, lastIncoming));
  return errors;
}

/** What checks of grants, contributions and transfers need to know about members. */
export interface MemberLookup {
  member(id: string): Pick<Member, 'id' | 'name' | 'joined'> | undefined;
  /** The member's status on a date; null when there is no such member. */
  statusOn(id: string, date: IsoDate): MemberStatus | null;
}

/**
 * A member who may take shares on `date` (by grant, contribution or transfer): known, joined on or
 * before the date, and active (正常) on it. Returns every reason they may not.
 */
export function checkActiveMember(members: MemberLookup, id: string, date: IsoDate, purpose: MemberPurpose, source?: Source): LedgerError[] {
  const m = members.member(id);
  if (!m) return [withSource(MemberErrors.MEMBER_UNKNOWN(id, purpose === 'receive' ? 'to' : undefined), source)];
  const errors: LedgerError[] = [];
  if (m.joined && date < m.joined) errors.push(withSource(MemberErrors.MEMBER_NOT_JOINED(m.id, m.name, date, m.joined, purpose), source));
  const s = members.statusOn(id, date);
  if (s !== '正常') errors.push(withSource(MemberErrors.MEMBER_INACTIVE(m.id, m.name, date, s ?? '', purpose), source));
  return errors;
}

/** A member id: 1–32 characters, no spaces, no commas. */
export function checkMemberId(id: string, source?: Source): LedgerError | null {
  // '|' separates the fields of a voucher line in the chain's text: a member id holding one would let a
  // line's member and project be split otherwise under the same hash.
  // Nor a character no one sees (a control, a zero-width or a direction mark): two ids that look the same.
  if (id === '' || id.length > 32 || /[\s,，|\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/.test(id))
    return withSource(MemberErrors.MEMBER_ID(id), source);
  return null;
}

/** A member as entered (roster row or `member add`), before it is checked against the ledger. */
export interface MemberDraft extends Member {
  source?: Source;
}

export interface ExistingMembers {
  /** Member ids already in the ledger. */
  hasId(id: string): boolean;
  /** The member holding this (normalized) ID card number, if any. */
  idCardOwner(idCard: string): string | undefined;
  /** The active 户主 of a household, if any. */
  activeHead(household: string): string | undefined;
}

/**
 * Check a batch of new members against the ledger and against each other: ids unique, ID
 * cards valid and unique, at most one active 户主 per household. Returns every error found.
 * Drafts are expected to carry normalized ID cards (see normalizeIdCard).
 */
export function checkNewMembers(drafts: readonly MemberDraft[], existing: ExistingMembers): LedgerError[] {
  const errors: LedgerError[] = [];
  const ids = new Map<string, MemberDraft>();
  const cards = new Map<string, MemberDraft>();
  const heads = new Map<string, MemberDraft>();
  for (const d of drafts) {
    const at = d.source;
    const err = (e: LedgerError) => errors.push(withSource(e, at));
    const idErr = checkMemberId(d.id, at);
    if (idErr) errors.push(idErr);
    if (d.name.trim() === '') err(MemberErrors.MEMBER_NAME());
    if (d.id !== '') {
      const prev = ids.get(d.id);
      if (existing.hasId(d.id)) err(MemberErrors.MEMBER_DUPLICATE(d.id, 'ledger'));
      else if (prev) err(MemberErrors.MEMBER_DUPLICATE(d.id, { line: prev.source?.line }));
      else ids.set(d.id, d);
    }
    if (d.idCard !== null) {
      const owner = existing.idCardOwner(d.idCard);
      const prev = cards.get(d.idCard);
      if (owner !== undefined) err(MemberErrors.IDCARD_DUPLICATE(owner, 'ledger'));
      else if (prev) err(MemberErrors.IDCARD_DUPLICATE(prev.id, { line: prev.source?.line }));
      else cards.set(d.idCard, d);
    }
    if (d.relation === HEAD && d.status === '正常') {
      if (!d.household) err(MemberErrors.HOUSEHOLD_HEAD(null));
      else {
        const head = existing.activeHead(d.household) ?? heads.get(d.household)?.id;
        if (head !== undefined) err(MemberErrors.HOUSEHOLD_HEAD(d.household, head));
        else heads.set(d.household, d);
      }
    }
    if (d.joined && d.statusDate && d.statusDate < d.joined) err(MemberErrors.MEMBER_DATES(d.statusDate, d.joined));
    if (d.statusDate && d.status === '正常') err(MemberErrors.MEMBER_DATES(d.statusDate, null));
  }
  return errors;
}

/** Check an ID card text; returns the normalized number or the error. */
export function normalizeIdCard(raw: string, source?: Source): { value: string } | { error: LedgerError } {
  const r = checkIdCard(raw);
  if (!r.ok) return { error: withSource(MemberErrors.IDCARD(r.reason, r.reasonEn), source) };
  return { value: r.value };
}

// ---------------------------------------------------------------- corrections (member edit)

/** The fields `member edit` may correct; a field left out keeps its value, null clears it. */
export interface MemberEdit {
  name?: string;
  idCard?: string | null;
  household?: string | null;
  relation?: string | null;
  joined?: IsoDate | null;
  bank?: string | null;
  bankAccount?: string | null;
}

export const EDITABLE_FIELDS = ['name', 'idCard', 'household', 'relation', 'joined', 'bank', 'bankAccount'] as const;

export interface MemberEditLookup {
  /** The member holding this (normalized) ID card number, if any. */
  idCardOwner(idCard: string): string | undefined;
  /** The active 户主 of a household, if any. */
  activeHead(household: string): string | undefined;
  /** The earliest date of the member's shares or contributions, if any. */
  firstHoldingDate(id: string): IsoDate | null;
}

/**
 * `member edit`: the member as corrected, and every reason the correction is refused — a name left
 * empty, an ID card held by another member, a second active 户主 in the household, a joining date
 * after the member's first shares or after their status change. `changed` lists the fields that
 * really change (before and after), for the audit record.
 */
export function checkMemberEdit(
  m: Member,
  edit: MemberEdit,
  l: MemberEditLookup,
): { errors: LedgerError[]; after: Member; changed: { field: string; before: unknown; after: unknown }[] } {
  const after: Member = { ...m };
  for (const f of EDITABLE_FIELDS) if (edit[f] !== undefined) (after as unknown as Record<string, unknown>)[f] = f === 'name' ? (edit.name ?? '').trim() : edit[f];
  const changed = EDITABLE_FIELDS.filter((f) => after[f] !== m[f]).map((f) => ({ field: f, before: m[f], after: after[f] }));
  const errors: LedgerError[] = [];
  if (after.name === '') errors.push(MemberErrors.MEMBER_NAME());
  if (after.idCard !== null && after.idCard !== m.idCard) {
    const owner = l.idCardOwner(after.idCard);
    if (owner !== undefined && owner !== m.id) errors.push(MemberErrors.IDCARD_DUPLICATE(owner, 'ledger'));
  }
  const headChanged = after.relation !== m.relation || after.household !== m.household;
  if (headChanged && after.relation === HEAD && after.status === '正常') {
    if (!after.household) errors.push(MemberErrors.HOUSEHOLD_HEAD(null));
    else {
      const head = l.activeHead(after.household);
      if (head !== undefined && head !== m.id) errors.push(MemberErrors.HOUSEHOLD_HEAD(after.household, head));
    }
  }
  if (after.joined && after.joined !== m.joined) {
    const first = l.firstHoldingDate(m.id);
    if (first && after.joined > first) errors.push(MemberErrors.MEMBER_JOINED_AFTER_SHARES(m.id, after.joined, first));
    if (after.statusDate && after.statusDate < after.joined) errors.push(MemberErrors.MEMBER_DATES(after.statusDate, after.joined));
  }
  return { errors, after, changed };
}
