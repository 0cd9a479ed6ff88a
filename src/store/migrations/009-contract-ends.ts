// Version 9: contracts ended before their agreed end (提前终止: 协商解除, 违约解除, 征收…). One row a
// contract, never changed: from the day after `date` the contract holds its subject no more and no
// rent falls due; the contract's own row keeps the agreed end.
export const sql = `
CREATE TABLE contract_ends (
  contract TEXT PRIMARY KEY REFERENCES contracts(code),
  date TEXT NOT NULL,                     -- the contract's last day
  reason TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TRIGGER contract_ends_no_update BEFORE UPDATE ON contract_ends
BEGIN SELECT RAISE(ABORT, 'contract ends are append-only'); END;
CREATE TRIGGER contract_ends_no_delete BEFORE DELETE ON contract_ends
BEGIN SELECT RAISE(ABORT, 'contract ends are append-only'); END;
`;
