// The per-row shortcuts of the CSV reader agree with the plain definitions they replace, over
// generated cells: plainNumber with /^[1-9]\d*$/ (at most 7 digits), looksExcelNumber with its
// regular expression alone.
import { describe, expect, it } from 'vitest';
import { plainNumber } from '../src/io/voucher-csv.js';
import { looksExcelNumber } from '../src/io/csv-read.js';

const ALPHABET = ['0', '1', '5', '9', 'E', 'e', '+', '-', '.', ' ', 'a', '凭', '０'];
function cells(): string[] {
  const out: string[] = [''];
  let seed = 7;
  const r = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  for (let i = 0; i < 20_000; i++) {
    const n = 1 + Math.floor(r() * 10);
    let s = '';
    for (let k = 0; k < n; k++) s += ALPHABET[Math.floor(r() * ALPHABET.length)];
    out.push(s);
  }
  out.push('1', '01', '1234567', '12345678', '4.41827E+17', '-1.5e+3', '+2E5', '1E+5', 'E001', '10E');
  return out;
}

describe('the reader’s per-row shortcuts', () => {
  it('plainNumber is the number /^[1-9]\\d*$/ matches, up to 7 digits, else −1', () => {
    for (const c of cells()) expect(plainNumber(c), c).toBe(c.length <= 7 && /^[1-9]\d*$/.test(c) ? Number(c) : -1);
  });
  it('looksExcelNumber is what its regular expression says of cells longer than 3', () => {
    const SCIENTIFIC = /^[+-]?\d+(\.\d+)?[eE]\+?\d+$/;
    for (const c of cells()) expect(looksExcelNumber(c), c).toBe(c.length > 3 && SCIENTIFIC.test(c));
  });
});
