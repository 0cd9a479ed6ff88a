// Members (成员), households (户) and member status. Pure: no clock, no I/O.
import { ledgerError, type LedgerError, type Source } from './errors.js';
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

/** A member id: 1–32 characters, no spaces, no commas. */
export function checkMemberId(id: string, source?: Source): LedgerError | null {
  if (id === '') return ledgerError('MEMBER_ID', '成员编号为空', 'the member id is empty', source);
  if (id.length > 32 || /[\s,，]/.test(id)) {
    return ledgerError('MEMBER_ID', `成员编号「${id}」不能含空格或逗号，且不超过 32 个字符`, `member id "${id}" may not contain spaces or commas and has at most 32 characters`, source);
  }
  return null;
}

export interface MemberDraft {
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
    const idErr = checkMemberId(d.id, at);
    if (idErr) errors.push(idErr);
    if (d.name.trim() === '') errors.push(ledgerError('MEMBER_NAME', '姓名为空', 'the name is empty', at));
    if (d.id !== '') {
      const prev = ids.get(d.id);
      if (existing.hasId(d.id)) {
        errors.push(ledgerError('MEMBER_DUPLICATE', `成员编号「${d.id}」已存在`, `member id "${d.id}" already exists`, at));
      } else if (prev) {
        errors.push(
          ledgerError(
            'MEMBER_DUPLICATE',
            `成员编号「${d.id}」重复${prev.source?.line ? `（第 ${prev.source.line} 行已有）` : ''}`,
            `member id "${d.id}" appears twice${prev.source?.line ? ` (also on line ${prev.source.line})` : ''}`,
            at,
          ),
        );
      } else ids.set(d.id, d);
    }
    if (d.idCard !== null) {
      const owner = existing.idCardOwner(d.idCard);
      const prev = cards.get(d.idCard);
      if (owner !== undefined) {
        errors.push(
          ledgerError('IDCARD_DUPLICATE', `身份证号与已有成员「${owner}」相同`, `the ID card number is already that of member "${owner}"`, at),
        );
      } else if (prev) {
        errors.push(
          ledgerError(
            'IDCARD_DUPLICATE',
            `身份证号与成员「${prev.id}」相同${prev.source?.line ? `（第 ${prev.source.line} 行）` : ''}`,
            `the ID card number is the same as member "${prev.id}"${prev.source?.line ? ` (line ${prev.source.line})` : ''}`,
            at,
          ),
        );
      } else cards.set(d.idCard, d);
    }
    if (d.relation === HEAD && d.status === '正常') {
      if (!d.household) {
        errors.push(ledgerError('HOUSEHOLD_HEAD', '户主须填写户号', 'a head of household needs a household number', at));
      } else {
        const head = existing.activeHead(d.household);
        const prev = heads.get(d.household);
        if (head !== undefined || prev) {
          const who = head ?? prev!.id;
          errors.push(
            ledgerError('HOUSEHOLD_HEAD', `户号「${d.household}」已有户主「${who}」`, `household "${d.household}" already has a head, "${who}"`, at),
          );
        } else heads.set(d.household, d);
      }
    }
    if (d.joined && d.statusDate && d.statusDate < d.joined) {
      errors.push(ledgerError('MEMBER_DATES', `状态日期 ${d.statusDate} 早于加入日期 ${d.joined}`, `status date ${d.statusDate} is before the joining date ${d.joined}`, at));
    }
    if (d.statusDate && d.status === '正常') {
      errors.push(ledgerError('MEMBER_DATES', '状态为「正常」时不填状态日期', 'a status date is given only for a status other than active', at));
    }
  }
  return errors;
}

/** Check an ID card text; returns the normalized number or the error. */
export function normalizeIdCard(raw: string, source?: Source): { value: string } | { error: LedgerError } {
  const r = checkIdCard(raw);
  if (!r.ok) return { error: ledgerError('IDCARD', r.reason, r.reasonEn, source) };
  return { value: r.value };
}
