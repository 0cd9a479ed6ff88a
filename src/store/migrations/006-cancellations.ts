// Version 6: a declaration or a contribution can be undone by its own cancel command (dividend
// cancel, contribution cancel). A cancellation is a row of its own, pointing at the red-ink
// reversals it posted; the declaration or contribution stays as it was (append-only). A project and
// year may then be declared again, so declarations get an id of their own (no longer unique by
// project and year: the one not cancelled is the declaration in force), and payments point at the
// declaration they pay. The two tables are rebuilt with their rows and row ids kept, and their rows
// digested anew in the audit trail.
import type { DB } from '../db.js';
import { appendBaseline } from '../audit.js';

export const sql = `
CREATE TEMP TABLE v6_dividends AS SELECT rowid AS rid, * FROM main.dividends;
CREATE TEMP TABLE v6_payments AS SELECT * FROM main.dividend_payments;
DROP TABLE main.dividend_payments;
DROP TABLE main.dividends;

CREATE TABLE dividends (
  id INTEGER PRIMARY KEY,
  project TEXT NOT NULL REFERENCES projects(code),
  year INTEGER NOT NULL,
  options TEXT NOT NULL,                  -- JSON: the distribution options in force
  plan TEXT NOT NULL,                     -- JSON: the plan as declared (money in fen)
  declared_at TEXT NOT NULL,
  reserve_voucher_id INTEGER REFERENCES vouchers(id),  -- Dr 322 各项分配-提取公积公益金 / Cr 311
  members_voucher_id INTEGER REFERENCES vouchers(id)   -- Dr 322 各项分配-向成员分配 / Cr 211, 214, 113
) STRICT;
CREATE INDEX dividends_project_year ON dividends(project, year);

-- dividend cancel: the red-ink reversals (dated YYYY-12-31) of the declaration's vouchers.
CREATE TABLE dividend_cancellations (
  dividend_id INTEGER PRIMARY KEY REFERENCES dividends(id),
  reason TEXT NOT NULL,
  cancelled_at TEXT NOT NULL,
  reserve_reversal_id INTEGER REFERENCES vouchers(id),
  members_reversal_id INTEGER REFERENCES vouchers(id)
) STRICT;

CREATE TABLE dividend_payments (
  id INTEGER PRIMARY KEY,
  dividend_id INTEGER NOT NULL REFERENCES dividends(id),
  project TEXT NOT NULL,
  year INTEGER NOT NULL,
  member TEXT NOT NULL REFERENCES members(id),
  amount INTEGER NOT NULL CHECK (amount > 0),          -- fen, the member's net dividend
  date TEXT NOT NULL,
  account TEXT NOT NULL,                               -- the cash or bank account credited
  voucher_id INTEGER NOT NULL REFERENCES vouchers(id),
  created_at TEXT NOT NULL,
  UNIQUE (dividend_id, member)
) STRICT;

-- contribution cancel: the red-ink reversal (dated the contribution's date) of its voucher; the
-- contribution's share movements count nowhere from then on.
CREATE TABLE contribution_cancellations (
  contribution_id INTEGER PRIMARY KEY REFERENCES contributions(id),
  reason TEXT NOT NULL,
  cancelled_at TEXT NOT NULL,
  voucher_id INTEGER REFERENCES vouchers(id)
) STRICT;

INSERT INTO dividends(id, project, year, options, plan, declared_at, reserve_voucher_id, members_voucher_id)
  SELECT rid, project, year, options, plan, declared_at, reserve_voucher_id, members_voucher_id FROM temp.v6_dividends;
INSERT INTO dividend_payments(id, dividend_id, project, year, member, amount, date, account, voucher_id, created_at)
  SELECT p.id, d.rid, p.project, p.year, p.member, p.amount, p.date, p.account, p.voucher_id, p.created_at
    FROM temp.v6_payments p JOIN temp.v6_dividends d ON d.project = p.project AND d.year = p.year;
DROP TABLE temp.v6_dividends;
DROP TABLE temp.v6_payments;

CREATE TRIGGER dividends_no_update BEFORE UPDATE ON dividends
BEGIN SELECT RAISE(ABORT, 'declared distributions are append-only'); END;
CREATE TRIGGER dividends_no_delete BEFORE DELETE ON dividends
BEGIN SELECT RAISE(ABORT, 'declared distributions are append-only'); END;
CREATE TRIGGER dividend_payments_no_update BEFORE UPDATE ON dividend_payments
BEGIN SELECT RAISE(ABORT, 'dividend payments are append-only'); END;
CREATE TRIGGER dividend_payments_no_delete BEFORE DELETE ON dividend_payments
BEGIN SELECT RAISE(ABORT, 'dividend payments are append-only'); END;
CREATE TRIGGER dividend_cancellations_no_update BEFORE UPDATE ON dividend_cancellations
BEGIN SELECT RAISE(ABORT, 'cancellations are append-only'); END;
CREATE TRIGGER dividend_cancellations_no_delete BEFORE DELETE ON dividend_cancellations
BEGIN SELECT RAISE(ABORT, 'cancellations are append-only'); END;
CREATE TRIGGER contribution_cancellations_no_update BEFORE UPDATE ON contribution_cancellations
BEGIN SELECT RAISE(ABORT, 'cancellations are append-only'); END;
CREATE TRIGGER contribution_cancellations_no_delete BEFORE DELETE ON contribution_cancellations
BEGIN SELECT RAISE(ABORT, 'cancellations are append-only'); END;
`;

/** The rebuilt tables' rows, digested anew (their columns changed). */
export function up(db: DB): void {
  appendBaseline(db, ['dividends', 'dividend_payments'], '升级账套格式：收益分配可撤销（宣告与发放记录重新建立审计基线）');
}
