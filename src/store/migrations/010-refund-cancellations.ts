// Version 10: a contract refund entered by mistake (撤销退款), with the red-ink reversal of its
// voucher; it then counts nowhere, as a cancelled payment does (contract_payment_cancellations).
export const sql = `
CREATE TABLE contract_refund_cancellations (
  refund_id INTEGER PRIMARY KEY REFERENCES contract_refunds(id),
  reason TEXT NOT NULL,
  voucher_id INTEGER NOT NULL REFERENCES vouchers(id),
  created_at TEXT NOT NULL
) STRICT;

CREATE TRIGGER contract_refund_cancellations_no_update BEFORE UPDATE ON contract_refund_cancellations
BEGIN SELECT RAISE(ABORT, 'contract refund cancellations are append-only'); END;
CREATE TRIGGER contract_refund_cancellations_no_delete BEFORE DELETE ON contract_refund_cancellations
BEGIN SELECT RAISE(ABORT, 'contract refund cancellations are append-only'); END;
`;
