// Version 11: a resource's use status (使用状态) as it changes — a lease ended, the land idle, let
// again, farmed by the collective itself — each change dated, never edited; the resource's own row
// keeps the status it was registered with.
export const sql = `
CREATE TABLE resource_status_changes (
  id INTEGER PRIMARY KEY,
  resource TEXT NOT NULL REFERENCES resources(code),
  date TEXT NOT NULL,                     -- the first day of the new status
  status TEXT NOT NULL CHECK (status IN ('自营', '发包', '出租', '入股', '流转', '闲置')),
  reason TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX resource_status_changes_resource ON resource_status_changes(resource, date);

CREATE TRIGGER resource_status_changes_no_update BEFORE UPDATE ON resource_status_changes
BEGIN SELECT RAISE(ABORT, 'resource status changes are append-only'); END;
CREATE TRIGGER resource_status_changes_no_delete BEFORE DELETE ON resource_status_changes
BEGIN SELECT RAISE(ABORT, 'resource status changes are append-only'); END;
`;
