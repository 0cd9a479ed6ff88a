// Version 12: a change of a resource's use status entered by mistake, cancelled (resource
// status-cancel): the change stays, marked cancelled with why, and counts nowhere.
export const sql = `
CREATE TABLE resource_status_cancellations (
  change_id INTEGER PRIMARY KEY REFERENCES resource_status_changes(id),
  reason TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TRIGGER resource_status_cancellations_no_update BEFORE UPDATE ON resource_status_cancellations
BEGIN SELECT RAISE(ABORT, 'resource status cancellations are append-only'); END;
CREATE TRIGGER resource_status_cancellations_no_delete BEFORE DELETE ON resource_status_cancellations
BEGIN SELECT RAISE(ABORT, 'resource status cancellations are append-only'); END;
`;
