// Version 4: 收益分配 — declared distributions (one per project and year, the plan stored exactly as
// declared, with its options) and the payments of the members' net dividends. Append-only.
export const sql = `
CREATE TABLE dividends (
  project TEXT NOT NULL REFERENCES projects(code),
  year INTEGER NOT NULL,
  options TEXT NOT NULL,                  -- JSON: the distribution options in force
  plan TEXT NOT NULL,                     -- JSON: the plan as declared (money in fen)
  declared_at TEXT NOT NULL,
  reserve_voucher_id INTEGER REFERENCES vouchers(id),  -- Dr 322 各项分配-提取公积公益金 / Cr 311
  members_voucher_id INTEGER REFERENCES vouchers(id),  -- Dr 322 各项分配-向成员分配 / Cr 211, 214, 113
  UNIQUE (project, year)
) STRICT;

CREATE TABLE dividend_payments (
  id INTEGER PRIMARY KEY,
  project TEXT NOT NULL,
  year INTEGER NOT NULL,
  member TEXT NOT NULL REFERENCES members(id),
  amount INTEGER NOT NULL CHECK (amount > 0),          -- fen, the member's net dividend
  date TEXT NOT NULL,
  account TEXT NOT NULL,                               -- the cash or bank account credited
  voucher_id INTEGER NOT NULL REFERENCES vouchers(id),
  created_at TEXT NOT NULL,
  UNIQUE (project, year, member),
  FOREIGN KEY (project, year) REFERENCES dividends(project, year)
) STRICT;

CREATE TRIGGER dividends_no_update BEFORE UPDATE ON dividends
BEGIN SELECT RAISE(ABORT, 'declared distributions are append-only'); END;
CREATE TRIGGER dividends_no_delete BEFORE DELETE ON dividends
BEGIN SELECT RAISE(ABORT, 'declared distributions are append-only'); END;
CREATE TRIGGER dividend_payments_no_update BEFORE UPDATE ON dividend_payments
BEGIN SELECT RAISE(ABORT, 'dividend payments are append-only'); END;
CREATE TRIGGER dividend_payments_no_delete BEFORE DELETE ON dividend_payments
BEGIN SELECT RAISE(ABORT, 'dividend payments are append-only'); END;
`;
