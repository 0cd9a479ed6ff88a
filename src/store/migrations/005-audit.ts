// Version 5: the audit trail (审计留痕). Every write of every command appends one audit record —
// what, when, who — chained by SHA-256 to the one before, and one audit row per register row it
// wrote (the row's digest, or NULL when it was deleted), so that verify can account for every
// stored row. Vouchers are pinned by range and the hash of the last one (they have a chain of their
// own, which covers their lines). Both tables are append-only.
import type { DB } from '../db.js';
import { appendBaseline } from '../audit.js';

export const sql = `
CREATE TABLE audit_records (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,                 -- local time YYYY-MM-DD HH:MM:SS
  by TEXT NOT NULL,                 -- --by, else the OS user
  action TEXT NOT NULL,             -- the command, e.g. member.add, voucher.import, dividend.declare
  entity TEXT NOT NULL,             -- what it concerns: member, voucher, contract, dividend, period…
  summary TEXT NOT NULL,            -- what was done, in words
  detail TEXT,                      -- JSON: reason, before/after of an edit, file digest…
  amount INTEGER,                   -- fen: Σ debit of the vouchers posted, when any
  voucher_from INTEGER,             -- the vouchers this write posted: ids voucher_from…voucher_to
  voucher_to INTEGER,
  voucher_head TEXT,                -- the hash of voucher voucher_to
  row_count INTEGER NOT NULL,       -- audit_rows of this record
  rows_digest TEXT NOT NULL,        -- SHA-256 over this record's audit_rows
  prev TEXT NOT NULL,               -- the hash of the record before
  hash TEXT NOT NULL
) STRICT;
CREATE INDEX audit_records_at ON audit_records(at);

CREATE TABLE audit_rows (
  audit_id INTEGER NOT NULL REFERENCES audit_records(id),
  tbl TEXT NOT NULL,
  rid INTEGER NOT NULL,
  digest TEXT,                      -- SHA-256 of the row as written; NULL = deleted
  PRIMARY KEY (audit_id, tbl, rid)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER audit_records_no_update BEFORE UPDATE ON audit_records
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_records_no_delete BEFORE DELETE ON audit_records
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_rows_no_update BEFORE UPDATE ON audit_rows
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_rows_no_delete BEFORE DELETE ON audit_rows
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
`;

/** A ledger written before the trail existed gets one baseline record covering what it holds. */
export function up(db: DB): void {
  appendBaseline(db);
}
