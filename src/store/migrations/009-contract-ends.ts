// Version 9: contracts ended before their agreed end, and money given back.
// - contract_ends (提前终止: 协商解除, 违约解除, 征收…): one row a contract, never changed: from the
//   day after `date` the contract holds its subject no more and no rent falls due; the contract's
//   own row keeps the agreed end.
// - contract_refunds: money paid beyond all the contract's rent, given back (退还多收的租金, or
//   recovered from a landlord paid too much), each with its voucher.
// - contract_payment_cancellations: a payment entered by mistake (撤销收付款), with the red-ink
//   reversal of its voucher; it then counts nowhere.
export const sql = `
CREATE TABLE contract_ends (
  contract TEXT PRIMARY KEY REFERENCES contracts(code),
  date TEXT NOT NULL,                     -- the contract's last day
  reason TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE contract_refunds (
  id INTEGER PRIMARY KEY,
  contract TEXT NOT NULL REFERENCES contracts(code),
  date TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount > 0),
  cash_account TEXT NOT NULL,
  reason TEXT NOT NULL,
  voucher_id INTEGER NOT NULL REFERENCES vouchers(id),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX contract_refunds_contract ON contract_refunds(contract, date);

CREATE TABLE contract_payment_cancellations (
  payment_id INTEGER PRIMARY KEY REFERENCES contract_payments(id),
  reason TEXT NOT NULL,
  voucher_id INTEGER NOT NULL REFERENCES vouchers(id),
  created_at TEXT NOT NULL
) STRICT;

CREATE TRIGGER contract_ends_no_update BEFORE UPDATE ON contract_ends
BEGIN SELECT RAISE(ABORT, 'contract ends are append-only'); END;
CREATE TRIGGER contract_ends_no_delete BEFORE DELETE ON contract_ends
BEGIN SELECT RAISE(ABORT, 'contract ends are append-only'); END;
CREATE TRIGGER contract_refunds_no_update BEFORE UPDATE ON contract_refunds
BEGIN SELECT RAISE(ABORT, 'contract refunds are append-only'); END;
CREATE TRIGGER contract_refunds_no_delete BEFORE DELETE ON contract_refunds
BEGIN SELECT RAISE(ABORT, 'contract refunds are append-only'); END;
CREATE TRIGGER contract_payment_cancellations_no_update BEFORE UPDATE ON contract_payment_cancellations
BEGIN SELECT RAISE(ABORT, 'contract payment cancellations are append-only'); END;
CREATE TRIGGER contract_payment_cancellations_no_delete BEFORE DELETE ON contract_payment_cancellations
BEGIN SELECT RAISE(ABORT, 'contract payment cancellations are append-only'); END;
`;
