// Version 3: the 三资 registers — asset cards (资产卡片) and their monthly depreciation, the resource
// register (资源台账), contracts and land transfers (合同/土地流转) with payments, in-kind prices and
// accruals. Money in INTEGER fen; areas in INTEGER 1/10,000 of the unit (亩); rates as decimal text.
export const sql = `
CREATE TABLE assets (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  category TEXT NOT NULL,                 -- 类别 (土地 is never depreciated)
  spec TEXT,                              -- 规格型号
  location TEXT,                          -- 坐落位置
  keeper TEXT,                            -- 保管人
  acquired TEXT NOT NULL,                 -- 取得日期 YYYY-MM-DD
  cost INTEGER NOT NULL CHECK (cost >= 0),            -- 原值, fen
  residual_rate TEXT NOT NULL,            -- 残值率 as a fraction, e.g. '0.05'
  life_years TEXT NOT NULL,               -- 使用年限, decimal text
  method TEXT NOT NULL DEFAULT '年限平均法' CHECK (method IN ('年限平均法', '工作量法')),
  expense_account TEXT,                   -- 费用科目 (401/511/513/514 leaf); NULL when never depreciated
  status TEXT NOT NULL DEFAULT '在用' CHECK (status IN ('在用', '出租', '闲置', '处置')),
  operating INTEGER NOT NULL DEFAULT 0 CHECK (operating IN (0, 1)),   -- 是否经营性
  poverty_relief INTEGER NOT NULL DEFAULT 0 CHECK (poverty_relief IN (0, 1)), -- 是否扶贫资产
  lessee TEXT,                            -- 承租方
  annual_rent INTEGER CHECK (annual_rent >= 0),       -- 年租金, fen
  depreciable INTEGER NOT NULL DEFAULT 1 CHECK (depreciable IN (0, 1)),
  project TEXT REFERENCES projects(code), -- 项目 the depreciation is charged to
  note TEXT,
  disposed_on TEXT,
  disposal_proceeds INTEGER,
  disposal_voucher_id INTEGER REFERENCES vouchers(id),
  created_at TEXT NOT NULL
) STRICT;

-- One row per asset and month charged; running the depreciation twice adds nothing.
CREATE TABLE depreciation_postings (
  asset TEXT NOT NULL REFERENCES assets(code),
  period TEXT NOT NULL,
  amount INTEGER NOT NULL,
  voucher_id INTEGER NOT NULL REFERENCES vouchers(id),
  UNIQUE (asset, period)
) STRICT;
CREATE INDEX depreciation_postings_period ON depreciation_postings(period);

CREATE TABLE resources (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  category TEXT NOT NULL,                 -- 耕地, 林地, 园地, 草地, 养殖水面, 四荒地…
  area INTEGER NOT NULL CHECK (area >= 0), -- 1/10,000 of the unit
  unit TEXT NOT NULL DEFAULT '亩',
  location TEXT,                          -- 坐落
  boundaries TEXT,                        -- 四至
  parcel_code TEXT,                       -- 地块代码
  ownership TEXT,                         -- 权属
  status TEXT NOT NULL DEFAULT '闲置' CHECK (status IN ('自营', '发包', '出租', '入股', '闲置')),
  note TEXT,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE contracts (
  code TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('发包', '出租', '流转', '入股')),
  direction TEXT NOT NULL CHECK (direction IN ('收', '付')),
  counterparty TEXT NOT NULL,
  counterparty_id TEXT,                   -- 身份证号 or 统一社会信用代码
  member TEXT REFERENCES members(id),     -- when the counterparty is a member: settled through 113
  subject TEXT NOT NULL,                  -- resource or asset code
  subject_kind TEXT NOT NULL CHECK (subject_kind IN ('resource', 'asset')),
  area INTEGER CHECK (area >= 0),         -- 1/10,000 亩
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  rent_per_mu INTEGER CHECK (rent_per_mu >= 0),   -- fen per 亩 per year
  annual_rent INTEGER CHECK (annual_rent >= 0),   -- fen per year
  escalation TEXT NOT NULL DEFAULT '0',   -- 递增率 as a fraction
  escalate_every INTEGER NOT NULL DEFAULT 1 CHECK (escalate_every > 0),
  due_month_day TEXT,                     -- MM-DD; NULL = the start's month-day
  deposit INTEGER NOT NULL DEFAULT 0 CHECK (deposit >= 0),    -- 风险保障金, fen
  in_kind_quantity TEXT,                  -- rent in kind per 亩 per year, e.g. '500'
  in_kind_item TEXT,                      -- e.g. 稻谷
  in_kind_unit TEXT,                      -- e.g. 斤
  account TEXT NOT NULL,                  -- settlement: 112/113 (收) or 211/113 (付), a leaf
  pnl_account TEXT NOT NULL,              -- the other side of the accrual: income (收, 501) or cost (付, 511)
  project TEXT REFERENCES projects(code),
  purpose TEXT,
  note TEXT,
  created_at TEXT NOT NULL,
  CHECK (end_date >= start_date)
) STRICT;
CREATE INDEX contracts_subject ON contracts(subject, direction);

-- Unit price of in-kind rent for the contract year starting in calendar year \`year\`, in 元 (decimal text).
CREATE TABLE contract_prices (
  contract TEXT NOT NULL REFERENCES contracts(code),
  year INTEGER NOT NULL,
  unit_price TEXT NOT NULL,
  set_at TEXT NOT NULL,
  PRIMARY KEY (contract, year)
) STRICT;

CREATE TABLE contract_payments (
  id INTEGER PRIMARY KEY,
  contract TEXT NOT NULL REFERENCES contracts(code),
  date TEXT NOT NULL,
  amount INTEGER NOT NULL,
  cash_account TEXT NOT NULL,
  voucher_id INTEGER NOT NULL REFERENCES vouchers(id),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX contract_payments_contract ON contract_payments(contract, date);

-- Rent accrued into 经营收入 (收) or the cost account (付) for a calendar year; one row per voucher.
CREATE TABLE contract_accruals (
  id INTEGER PRIMARY KEY,
  contract TEXT NOT NULL REFERENCES contracts(code),
  year INTEGER NOT NULL,
  amount INTEGER NOT NULL,
  voucher_id INTEGER NOT NULL REFERENCES vouchers(id),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX contract_accruals_contract ON contract_accruals(contract, year);

CREATE TRIGGER depreciation_postings_no_update BEFORE UPDATE ON depreciation_postings
BEGIN SELECT RAISE(ABORT, 'depreciation postings are append-only'); END;
CREATE TRIGGER depreciation_postings_no_delete BEFORE DELETE ON depreciation_postings
BEGIN SELECT RAISE(ABORT, 'depreciation postings are append-only'); END;
CREATE TRIGGER contract_payments_no_update BEFORE UPDATE ON contract_payments
BEGIN SELECT RAISE(ABORT, 'contract payments are append-only'); END;
CREATE TRIGGER contract_payments_no_delete BEFORE DELETE ON contract_payments
BEGIN SELECT RAISE(ABORT, 'contract payments are append-only'); END;
CREATE TRIGGER contract_accruals_no_update BEFORE UPDATE ON contract_accruals
BEGIN SELECT RAISE(ABORT, 'contract accruals are append-only'); END;
CREATE TRIGGER contract_accruals_no_delete BEFORE DELETE ON contract_accruals
BEGIN SELECT RAISE(ABORT, 'contract accruals are append-only'); END;
`;
