// Whole-voucher errors that may follow from a dropped row are left out only near one (io/dropped-rows).
import { describe, expect, it } from 'vitest';
import type { LedgerError } from '../src/domain/errors.js';
import { FollowingErrors } from '../src/io/dropped-rows.js';

const at = (line: number) => ({ file: 'v.csv', line });
const voucher = (...lines: number[]) => ({ source: at(lines[0]), lines: lines.map((l) => ({ source: at(l) })) });
const err = (code: string, line: number): LedgerError => ({ code, zh: code, en: code, source: at(line) });

describe('FollowingErrors', () => {
  it('an imbalance is left out when a dropped row lies between the voucher before and the voucher after; kept otherwise', () => {
    const f = new FollowingErrors();
    const errors: LedgerError[] = [];
    f.voucher(voucher(2, 3)); // voucher 1
    f.voucher(voucher(5, 6)); // voucher 2: row 4 (dropped) may have been its own
    errors.push(...f.said([err('VOUCHER_UNBALANCED', 5)]));
    f.voucher(voucher(7, 8)); // voucher 3
    errors.push(...f.said([err('VOUCHER_UNBALANCED', 7), err('AMOUNT', 8)]));
    f.voucher(voucher(10, 11)); // voucher 4: row 9 dropped sits between 3 and 4
    errors.push(...f.said([err('VOUCHER_EMPTY', 10)]));
    expect(f.keep(errors, [4]).map((e) => `${e.code}@${e.source?.line}`)).toEqual(['VOUCHER_UNBALANCED@7', 'AMOUNT@8', 'VOUCHER_EMPTY@10']);
    expect(f.keep(errors, [9]).map((e) => `${e.code}@${e.source?.line}`)).toEqual(['VOUCHER_UNBALANCED@5', 'AMOUNT@8']);
    expect(f.keep(errors, [12]).map((e) => `${e.code}@${e.source?.line}`)).toEqual(['VOUCHER_UNBALANCED@5', 'VOUCHER_UNBALANCED@7', 'AMOUNT@8']);
    expect(f.keep(errors, [])).toEqual(errors);
  });
});
