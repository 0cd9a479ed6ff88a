// neutralizeCell against its definition: a cell that is not '' nor a plain number and starts with
// = + - @ TAB or CR gets a leading apostrophe; every other cell is left as it is.
import { describe, expect, it } from 'vitest';
import { neutralizeCell } from '../src/io/render.js';

function definition(s: string): string {
  if (s === '' || /^-?\d+(\.\d+)?$/.test(s)) return s;
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

describe('neutralizeCell', () => {
  const cells = ['', '0', '12', '-5', '-0.50', '-', '-x', '--1', '+1', '+', '=SUM(A1)', '=', '@x', '@', '\tTAB', '\rCR', '\nLF', "'quoted", '1.', '.5', '-.5', '1e5', '张三', '=张三', ' =x', '5-3', '441827********0003', 'M000001'];
  it('is its definition on every kind of first character', () => {
    for (const s of cells) expect([s, neutralizeCell(s)]).toEqual([s, definition(s)]);
  });
  it('is its definition on every head and tail put together', () => {
    const heads = ['', '=', '+', '-', '@', '\t', '\r', '\n', ' ', '0', '9', '.', "'", 'a', '收', '-0', '--', '-.', '-a', '+1', '=1'];
    const tails = ['', '1', '1.5', '12.00', 'SUM(A1)', '.5', ' ', '1e5', '收入'];
    for (const h of heads) for (const t of tails) expect([h + t, neutralizeCell(h + t)]).toEqual([h + t, definition(h + t)]);
  });
  it('changes a formula and leaves numbers and text', () => {
    expect(['=SUM(A1)', '+1', '-x', '@x', '-5', '12', '张三'].map(neutralizeCell)).toEqual(["'=SUM(A1)", "'+1", "'-x", "'@x", '-5', '12', '张三']);
  });
});
