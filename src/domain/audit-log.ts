// One record of the audit trail as a list shows it: who did what, when, and which vouchers it posted;
// and a record written down outside the ledger (an anchor), to check the trail against.
import type { LedgerError } from './errors.js';
import { VerifyErrors } from './errors/verify.js';

/** An audit record as read back for `audit log`. */
export interface AuditLogRecord {
  id: number;
  at: string;
  by: string;
  action: string;
  entity: string;
  summary: string;
  detail: unknown;
  /** Fen: Σ debit of the vouchers the write posted. */
  amount: number | null;
  /** The first and last voucher it posted (period and number), and how many. */
  vouchers: { first: { period: string; number: number }; last: { period: string; number: number }; count: number } | null;
}

/**
 * A record of the audit trail as someone outside the ledger wrote it down (the 监督委员会, a
 * township's 农经站, a printed notice): its number and the start of its hash. The hash of each record
 * takes in the one before it, so a trail that still holds that record, with that hash, holds every
 * record up to it as it was: a ledger rewritten and sealed again with its hashes recomputed, cut
 * back, or swapped for another fails it, which no check inside the file alone can tell.
 */
export interface AuditAnchor {
  id: number;
  /** 8 to 64 hex digits, lower case. */
  hash: string;
}

/** `N:HEX` (the record's number, a colon, at least 8 hex digits of its hash), or null. */
export function parseAnchor(text: string): AuditAnchor | null {
  const m = /^\s*#?(\d{1,15})\s*[:：]\s*([0-9a-fA-F]{8,64})\s*$/.exec(text);
  return m ? { id: Number(m[1]), hash: m[2].toLowerCase() } : null;
}

/** The anchor against the trail's record of that number (`found`: its hash, undefined when there is none). */
export function checkAnchor(a: AuditAnchor, found: string | undefined): LedgerError[] {
  if (found !== undefined && found.startsWith(a.hash)) return [];
  return [VerifyErrors.AUDIT_ANCHOR(a.id, a.hash, found === undefined ? null : found.slice(0, Math.max(a.hash.length, 16)))];
}

/** How the newest record is shown to be written down: its number and the first 16 digits of its hash. */
export function anchorText(head: { id: number; hash: string }): string {
  return `${head.id}:${head.hash.slice(0, 16)}`;
}
