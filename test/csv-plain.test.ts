// Lines without quotes handed on unsplit (CsvParser's onPlain) and split as they are read
// (splitPlain), against the straightforward split of each line and the parser without onPlain.
import { describe, expect, it } from 'vitest';
import { CsvParser, isTrimmed, splitPlain } from '../src/io/csv-parser.js';

/** Every record as the parser gives it without onPlain: [cells, line]. */
function records(chunks: string[]): [string[], number][] {
  const out: [string[], number][] = [];
  const p = new CsvParser((c, l) => out.push([c, l]));
  for (const c of chunks) p.push(c);
  p.end();
  return out;
}

/** The same with onPlain: plain lines split by splitPlain into one reused array, blank ones dropped. */
function recordsPlain(chunks: string[]): [string[], number][] {
  const out: [string[], number][] = [];
  const reused: string[] = ['left', 'over'];
  const p = new CsvParser(
    (c, l) => out.push([c, l]),
    (text, from, to, line) => {
      if (splitPlain(text, from, to, reused) === 1 && reused[0] === '') return;
      out.push([reused.slice(), line]);
    },
  );
  for (const c of chunks) p.push(c);
  p.end();
  return out;
}

describe('isTrimmed', () => {
  it('is true exactly for the characters String.prototype.trim removes', () => {
    for (let c = 0; c <= 0xffff; c++) expect(isTrimmed(c), `U+${c.toString(16)}`).toBe(String.fromCharCode(c).trim() === '');
  });
});

describe('splitPlain', () => {
  it("gives split(',') with each cell trimmed, for any part of a text", () => {
    const texts = ['', ',', ',,', 'a', ' a ', 'a,b', '1,2019-01-01,收农产品销售款,10201,8796.81,,,', '\u3000甲\u3000, b ,\tc\t', ' , ', 'x,\ufeffy\ufeff,z', '长长长长长长长长长长长长长长长长,1'];
    const out: string[] = [];
    for (const t of texts)
      for (let from = 0; from <= t.length; from++)
        for (let to = from; to <= t.length; to++) {
          const want = t.slice(from, to).split(',').map((c) => c.trim());
          expect(splitPlain(t, from, to, out)).toBe(want.length);
          expect(out).toEqual(want);
        }
  });
});

describe('CsvParser with onPlain', () => {
  it('gives the records and lines it gives without, whatever the chunks', () => {
    const file = 'a,b,c\r\n1, 2 ,3\n\n  \n"q,1",x\r4,5,6\r\n7,"line\nbreak",8\n9\n,,\n' + 'x'.repeat(6_000) + ',' + 'y'.repeat(6_000) + '\nlast,row';
    const want = records([file]);
    // Lines 3 and 4 are blank (no record); line 5 ends with a lone CR; the record of line 7 takes
    // line 8 too; line 11 (12,001 characters) is longer than a field may be, split by the parser.
    expect(want.map(([, l]) => l)).toEqual([1, 2, 5, 6, 7, 9, 10, 11, 12]);
    for (const size of [1, 2, 3, 7, 64, file.length]) {
      const chunks: string[] = [];
      for (let i = 0; i < file.length; i += size) chunks.push(file.slice(i, i + size));
      expect(recordsPlain(chunks)).toEqual(want);
    }
  });
});
