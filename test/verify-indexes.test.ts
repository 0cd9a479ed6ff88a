// What quick_check and integrity_check say of an index, as sqlite3.c (3.53) writes it, read back as the index it names.
import { describe, expect, it } from 'vitest';
import { indexOfIntegrityMessage } from '../src/store/verify-indexes.js';

describe('indexOfIntegrityMessage', () => {
  it('names the index of each message SQLite writes about one', () => {
    for (const [message, index] of [
      ['wrong # of entries in index share_movements_holdings', 'share_movements_holdings'],
      ['row 82 missing from index voucher_lines_account', 'voucher_lines_account'],
      ['non-unique entry in index sqlite_autoindex_members_1', 'sqlite_autoindex_members_1'],
      ['rowid not at end-of-record for row 3 of index share_movements_member', 'share_movements_member'],
      ['index members_not_active stores an imprecise floating-point value for row 7', 'members_not_active'],
      ['row 12 values differ from index contracts_subject', 'contracts_subject'],
    ]) {
      expect(indexOfIntegrityMessage(message), message).toBe(index);
    }
  });

  it('leaves any other damage to be said as it is', () => {
    for (const message of [
      '*** in database main ***\nTree 15 page 15 cell 0: invalid page number 4294967295',
      'NULL value in voucher_lines.account',
      'Page 42: never used',
      'row 82 missing from index', // no name
      'wrong # of entries in index a b', // not one name
    ]) {
      expect(indexOfIntegrityMessage(message), message).toBeNull();
    }
  });
});
