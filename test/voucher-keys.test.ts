// The 凭证号 a file's months have had (SeenKeys in src/io/voucher-csv.ts), against a plain Map of
// (month, key) → first line.
import { describe, expect, it } from 'vitest';
import { SeenKeys } from '../src/io/voucher-csv.js';

describe('SeenKeys', () => {
  it('answers the line a key of the month began at, numbers and other keys alike, across months and back', () => {
    const seen = new SeenKeys();
    const plain = new Map<string, number>();
    let seed = 7;
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const keys = ['1', '2', '10', '99', '1000', '9999999', '12345678', '01', '记-3', 'A7', ' 5', '0'];
    for (let line = 2; line < 20_000; line++) {
      const month = `2024-${String(1 + rand(12)).padStart(2, '0')}`;
      const key = rand(3) === 0 ? keys[rand(keys.length)] : String(1 + rand(5000));
      const k = `${month} ${key}`;
      expect(seen.check(month, key, line), k).toBe(plain.get(k) ?? null);
      if (!plain.has(k)) plain.set(k, line);
    }
  });
});
