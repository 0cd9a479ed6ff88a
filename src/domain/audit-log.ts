// One record of the audit trail as a list shows it: who did what, when, and which vouchers it posted.

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
