// Version 7: closing and entry controls.
// - voucher_lines.party: the counterparty (往来单位) of a line, e.g. the contract a rent entry
//   belongs to, with its running balances per account and month (party_balances), so that 112 应收款
//   and 211 应付款 net per counterparty on the balance sheet (rent received ahead is a liability).
// - opening_balances: the balances of books started mid-life (期初余额), entered once before any
//   voucher. They are balances, not movements: they also go into the balance tables under the
//   period '0000-00', before every month (closing = 2 in `balances`), so every report reads them as
//   opening balances and none as a movement of any month.
// - imported_files: the SHA-256 of every file imported, so the same file is not imported twice.
// - contributions.term_years and amortisation_postings: land 经营权 taken in as shares for a term is
//   amortised monthly (Dr 511 / Cr 162), one row per contribution and month.
// - resources.status also takes 流转 (land whose 经营权 has been transferred out).
import type { DB } from '../db.js';
import { appendBaseline } from '../audit.js';

export const sql = `
ALTER TABLE voucher_lines ADD COLUMN party TEXT;

CREATE TABLE party_balances (
  account TEXT NOT NULL,
  party TEXT NOT NULL,
  period TEXT NOT NULL,
  debit INTEGER NOT NULL,
  credit INTEGER NOT NULL,
  PRIMARY KEY (account, party, period)
) STRICT, WITHOUT ROWID;

CREATE TABLE opening_balances (
  id INTEGER PRIMARY KEY,
  period TEXT NOT NULL,                   -- the books' first month: the balances open it
  account TEXT NOT NULL REFERENCES accounts(code),
  debit INTEGER NOT NULL CHECK (debit >= 0),
  credit INTEGER NOT NULL CHECK (credit >= 0),
  member TEXT REFERENCES members(id),
  project TEXT REFERENCES projects(code),
  party TEXT,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE imported_files (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  name TEXT NOT NULL,                     -- the file name as given
  kind TEXT NOT NULL,                     -- vouchers, members, … opening
  action TEXT NOT NULL,                   -- the command that imported it
  imported_at TEXT NOT NULL
) STRICT;
CREATE INDEX imported_files_sha256 ON imported_files(sha256);

ALTER TABLE contributions ADD COLUMN term_years INTEGER CHECK (term_years IS NULL OR term_years > 0);

CREATE TABLE amortisation_postings (
  contribution INTEGER NOT NULL REFERENCES contributions(id),
  period TEXT NOT NULL,
  amount INTEGER NOT NULL,
  voucher_id INTEGER NOT NULL REFERENCES vouchers(id),
  UNIQUE (contribution, period)
) STRICT;
CREATE INDEX amortisation_postings_period ON amortisation_postings(period);

CREATE TABLE resources_v6 (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  category TEXT NOT NULL,
  area INTEGER NOT NULL CHECK (area >= 0),
  unit TEXT NOT NULL DEFAULT '亩',
  location TEXT,
  boundaries TEXT,
  parcel_code TEXT,
  ownership TEXT,
  status TEXT NOT NULL DEFAULT '闲置' CHECK (status IN ('自营', '发包', '出租', '入股', '流转', '闲置')),
  note TEXT,
  created_at TEXT NOT NULL
) STRICT;
INSERT INTO resources_v6(rowid, code, name, category, area, unit, location, boundaries, parcel_code, ownership, status, note, created_at)
  SELECT rowid, code, name, category, area, unit, location, boundaries, parcel_code, ownership, status, note, created_at FROM resources;
DROP TABLE resources;
ALTER TABLE resources_v6 RENAME TO resources;

CREATE TRIGGER opening_balances_no_update BEFORE UPDATE ON opening_balances
BEGIN SELECT RAISE(ABORT, 'opening balances are append-only'); END;
CREATE TRIGGER opening_balances_no_delete BEFORE DELETE ON opening_balances
BEGIN SELECT RAISE(ABORT, 'opening balances are append-only'); END;
CREATE TRIGGER imported_files_no_update BEFORE UPDATE ON imported_files
BEGIN SELECT RAISE(ABORT, 'the import log is append-only'); END;
CREATE TRIGGER imported_files_no_delete BEFORE DELETE ON imported_files
BEGIN SELECT RAISE(ABORT, 'the import log is append-only'); END;
CREATE TRIGGER amortisation_postings_no_update BEFORE UPDATE ON amortisation_postings
BEGIN SELECT RAISE(ABORT, 'amortisation postings are append-only'); END;
CREATE TRIGGER amortisation_postings_no_delete BEFORE DELETE ON amortisation_postings
BEGIN SELECT RAISE(ABORT, 'amortisation postings are append-only'); END;
`;

/** Contributions have a new column: their rows are digested anew (the trail's baseline for them). */
export function up(db: DB): void {
  appendBaseline(db, ['contributions'], '升级账套格式：出资记录增加「期限」列，重新建立其审计基线');
}
