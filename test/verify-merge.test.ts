// verify's checks report what they found as plain data (the first 20 of each code, and how many of
// each); merged in the checks' order they list and count exactly what one list, added to finding by
// finding, lists and counts. This is what lets checks run on other threads.
import { describe, expect, it } from 'vitest';
import type { LedgerError } from '../src/domain/errors.js';
import { mergeOutcomes, type CheckOutcome } from '../src/store/verify.js';

const e = (code: string, n: number): LedgerError => ({ code, zh: `${code} ${n}`, en: `${code} ${n}` });

/** What a check that found `finds` reports: 20 of each code listed, all counted. */
function outcome(finds: LedgerError[]): CheckOutcome {
  const counts = new Map<string, number>();
  const list: LedgerError[] = [];
  for (const f of finds) {
    const n = (counts.get(f.code) ?? 0) + 1;
    counts.set(f.code, n);
    if (n <= 20) list.push(f);
  }
  return { list, counts: [...counts] };
}

describe('merging what the checks found', () => {
  it('a code found by two checks: 20 listed in the checks’ order, the rest counted once at the end', () => {
    const a = [...Array.from({ length: 15 }, (_, i) => e('HASH_CHAIN', i)), e('UNBALANCED', 0)];
    const b = [...Array.from({ length: 30 }, (_, i) => e('HASH_CHAIN', 100 + i)), e('BALANCES', 0)];
    const merged = mergeOutcomes({ vouchers: outcome(a), audit: outcome(b) });
    const codes = merged.map((x) => x.code);
    // 15 from the first check, 5 more from the second (20 in all), then each other code once, then
    // the 45 − 20 = 25 HASH_CHAIN not listed.
    expect(codes.filter((c) => c === 'HASH_CHAIN')).toHaveLength(20);
    expect(merged.slice(0, 16).map((x) => x.zh)).toEqual([...Array.from({ length: 15 }, (_, i) => `HASH_CHAIN ${i}`), 'UNBALANCED 0']);
    expect(merged.slice(16, 21).map((x) => x.zh)).toEqual(['HASH_CHAIN 100', 'HASH_CHAIN 101', 'HASH_CHAIN 102', 'HASH_CHAIN 103', 'HASH_CHAIN 104']);
    expect(merged[21].code).toBe('BALANCES');
    expect(merged.slice(22).map((x) => x.code)).toEqual(['MORE_FINDINGS']);
    expect(merged[22].zh).toContain('25');
  });

  it('checks merge in their fixed order, whatever order their outcomes arrive in', () => {
    const audit = outcome([e('AUDIT_CHAIN', 1)]);
    const sqlite = outcome([e('FOREIGN_KEY', 1)]);
    expect(mergeOutcomes({ audit, sqlite }).map((x) => x.code)).toEqual(['FOREIGN_KEY', 'AUDIT_CHAIN']);
    expect(mergeOutcomes({})).toEqual([]);
  });
});
