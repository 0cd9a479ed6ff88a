// Version 1: the ledger core — chart, members and projects (the dimensions), vouchers, balances, periods.
export const sql = `
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE accounts (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  side TEXT NOT NULL CHECK (side IN ('借', '贷')),
  class TEXT NOT NULL,
  level INTEGER NOT NULL,
  parent TEXT REFERENCES accounts(code),
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE projects (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  par INTEGER NOT NULL CHECK (par > 0),
  capital_account TEXT NOT NULL DEFAULT '301' REFERENCES accounts(code),
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE members (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  id_card TEXT UNIQUE,
  household TEXT,
  relation TEXT,
  joined TEXT,
  status TEXT NOT NULL DEFAULT '正常',
  status_date TEXT,
  bank TEXT,
  bank_account TEXT,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE vouchers (
  id INTEGER PRIMARY KEY,
  period TEXT NOT NULL,
  number INTEGER NOT NULL,
  date TEXT NOT NULL,
  summary TEXT NOT NULL,
  attachments INTEGER NOT NULL DEFAULT 0,
  preparer TEXT,
  kind TEXT NOT NULL DEFAULT 'manual',
  reverses INTEGER REFERENCES vouchers(id),
  created_at TEXT NOT NULL,
  hash TEXT NOT NULL,
  UNIQUE (period, number)
) STRICT;
CREATE INDEX vouchers_kind ON vouchers(kind, period);

CREATE TABLE voucher_lines (
  -- voucher, account, member and project are checked when the voucher is written (and by verify);
  -- no foreign keys here, so that a million-line import is not slowed by four look-ups a line.
  voucher_id INTEGER NOT NULL,
  line_no INTEGER NOT NULL,
  account TEXT NOT NULL,
  debit INTEGER NOT NULL,
  credit INTEGER NOT NULL,
  member TEXT,
  project TEXT,
  PRIMARY KEY (voucher_id, line_no)
) STRICT, WITHOUT ROWID;
CREATE INDEX voucher_lines_account ON voucher_lines(account, voucher_id);

CREATE TABLE voucher_reviews (
  voucher_id INTEGER PRIMARY KEY REFERENCES vouchers(id),
  reviewer TEXT NOT NULL,
  reviewed_at TEXT NOT NULL
) STRICT;

-- Movements per leaf account and month, kept as vouchers are written. closing = 1 for year-end entries.
CREATE TABLE balances (
  account TEXT NOT NULL,
  period TEXT NOT NULL,
  closing INTEGER NOT NULL DEFAULT 0,
  debit INTEGER NOT NULL,
  credit INTEGER NOT NULL,
  PRIMARY KEY (account, period, closing)
) STRICT, WITHOUT ROWID;

CREATE TABLE member_balances (
  account TEXT NOT NULL,
  member TEXT NOT NULL,
  period TEXT NOT NULL,
  debit INTEGER NOT NULL,
  credit INTEGER NOT NULL,
  PRIMARY KEY (account, member, period)
) STRICT, WITHOUT ROWID;

CREATE TABLE project_balances (
  account TEXT NOT NULL,
  project TEXT NOT NULL,
  period TEXT NOT NULL,
  debit INTEGER NOT NULL,
  credit INTEGER NOT NULL,
  PRIMARY KEY (account, project, period)
) STRICT, WITHOUT ROWID;

CREATE TABLE closed_periods (
  period TEXT PRIMARY KEY,
  closed_at TEXT NOT NULL
) STRICT;

CREATE TABLE period_events (
  id INTEGER PRIMARY KEY,
  period TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('close', 'reopen')),
  reason TEXT,
  at TEXT NOT NULL
) STRICT;

CREATE TRIGGER vouchers_no_update BEFORE UPDATE ON vouchers
BEGIN SELECT RAISE(ABORT, 'posted vouchers are append-only'); END;
CREATE TRIGGER vouchers_no_delete BEFORE DELETE ON vouchers
BEGIN SELECT RAISE(ABORT, 'posted vouchers are append-only'); END;
CREATE TRIGGER voucher_lines_no_update BEFORE UPDATE ON voucher_lines
BEGIN SELECT RAISE(ABORT, 'posted vouchers are append-only'); END;
CREATE TRIGGER voucher_lines_no_delete BEFORE DELETE ON voucher_lines
BEGIN SELECT RAISE(ABORT, 'posted vouchers are append-only'); END;
CREATE TRIGGER period_events_no_update BEFORE UPDATE ON period_events
BEGIN SELECT RAISE(ABORT, 'the period log is append-only'); END;
CREATE TRIGGER period_events_no_delete BEFORE DELETE ON period_events
BEGIN SELECT RAISE(ABORT, 'the period log is append-only'); END;
`;
