// Version 2: members' status history, share registers (movements), contributions and transfers.
// Shares are INTEGER units of 1/10,000 share; money INTEGER fen. Everything here is append-only:
// a register is read back on any past date by summing the movements dated on or before it.
export const sql = `
CREATE TABLE member_events (
  id INTEGER PRIMARY KEY,
  member TEXT NOT NULL REFERENCES members(id),
  date TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('正常', '已故', '迁出', '退出')),
  previous TEXT NOT NULL,
  note TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX member_events_member ON member_events(member, date);

CREATE TABLE transfers (
  id INTEGER PRIMARY KEY,
  project TEXT NOT NULL REFERENCES projects(code),
  from_member TEXT NOT NULL REFERENCES members(id),
  to_member TEXT NOT NULL REFERENCES members(id),
  date TEXT NOT NULL,
  units INTEGER NOT NULL CHECK (units > 0),
  reason TEXT NOT NULL CHECK (reason IN ('继承', '转让', '赠与', '退出')),
  note TEXT,
  created_at TEXT NOT NULL,
  CHECK (from_member <> to_member)
) STRICT;

-- 出资: one row per contribution, pointing at the voucher that booked it
-- (whose summary names the contribution number in turn).
CREATE TABLE contributions (
  id INTEGER PRIMARY KEY,
  project TEXT NOT NULL REFERENCES projects(code),
  member TEXT NOT NULL REFERENCES members(id),
  date TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('cash', 'material', 'labor', 'land')),
  item TEXT,
  quantity TEXT,
  unit TEXT,
  unit_price TEXT,
  amount INTEGER NOT NULL CHECK (amount > 0),
  units INTEGER NOT NULL CHECK (units >= 0),
  capital INTEGER NOT NULL CHECK (capital >= 0),
  remainder INTEGER NOT NULL CHECK (remainder >= 0),
  debit_account TEXT NOT NULL REFERENCES accounts(code),
  voucher_id INTEGER NOT NULL REFERENCES vouchers(id),
  note TEXT,
  created_at TEXT NOT NULL,
  CHECK (capital + remainder = amount)
) STRICT;
CREATE INDEX contributions_project ON contributions(project, date);
CREATE INDEX contributions_member ON contributions(member);

CREATE TABLE share_movements (
  id INTEGER PRIMARY KEY,
  project TEXT NOT NULL REFERENCES projects(code),
  member TEXT NOT NULL REFERENCES members(id),
  date TEXT NOT NULL,
  share_class TEXT NOT NULL,
  units INTEGER NOT NULL CHECK (units <> 0), -- 1/10000 share; negative = out
  kind TEXT NOT NULL CHECK (kind IN ('grant', 'contribution', 'transfer')),
  reason TEXT,
  note TEXT,
  contribution_id INTEGER REFERENCES contributions(id),
  transfer_id INTEGER REFERENCES transfers(id),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX share_movements_project ON share_movements(project, date);
CREATE INDEX share_movements_member ON share_movements(member, project);

CREATE TRIGGER member_events_no_update BEFORE UPDATE ON member_events
BEGIN SELECT RAISE(ABORT, 'member history is append-only'); END;
CREATE TRIGGER member_events_no_delete BEFORE DELETE ON member_events
BEGIN SELECT RAISE(ABORT, 'member history is append-only'); END;
CREATE TRIGGER transfers_no_update BEFORE UPDATE ON transfers
BEGIN SELECT RAISE(ABORT, 'share transfers are append-only'); END;
CREATE TRIGGER transfers_no_delete BEFORE DELETE ON transfers
BEGIN SELECT RAISE(ABORT, 'share transfers are append-only'); END;
CREATE TRIGGER contributions_no_update BEFORE UPDATE ON contributions
BEGIN SELECT RAISE(ABORT, 'contributions are append-only'); END;
CREATE TRIGGER contributions_no_delete BEFORE DELETE ON contributions
BEGIN SELECT RAISE(ABORT, 'contributions are append-only'); END;
CREATE TRIGGER share_movements_no_update BEFORE UPDATE ON share_movements
BEGIN SELECT RAISE(ABORT, 'share registers are append-only'); END;
CREATE TRIGGER share_movements_no_delete BEFORE DELETE ON share_movements
BEGIN SELECT RAISE(ABORT, 'share registers are append-only'); END;
`;
