// verify's findings name where the damage is in words a reader can act on.
import { describe, expect, it } from 'vitest';
import { VerifyErrors } from '../src/domain/errors/verify.js';

describe('FOREIGN_KEY', () => {
  it('names the row by its id, and never as "row null" in a table without row ids', () => {
    expect(VerifyErrors.FOREIGN_KEY('contributions', 3, 'projects').zh).toBe('表 contributions 第 3 行引用的 projects 记录不存在');
    expect(VerifyErrors.FOREIGN_KEY('audit_rows', null, 'audit_records').zh).toBe('表 audit_rows 中有一行引用的 audit_records 记录不存在');
    expect(VerifyErrors.FOREIGN_KEY('audit_rows', null, 'audit_records').en).toBe('audit_rows has a row that refers to a missing audit_records row');
  });
});
