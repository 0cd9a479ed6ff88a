// An account's code as a range of codes: the account and its sub-accounts.

/**
 * The accounts under a code as a range of the (account, …) keys: `account >= lo AND account < hi`
 * reads them off an index, where `account LIKE '113%'` (LIKE ignores case) has to read every row.
 * Account codes are digits, so the two select the same rows.
 */
export function codeRange(prefix: string): [string, string] {
  return [prefix, prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)];
}