// Tables on a terminal: column widths fitted to its width, CJK-aware wrapping, the box drawing.
import { describe, expect, it } from 'vitest';
import { drawTable, fitWidths, renderTable } from '../src/io/render.js';
import { displayWidth, wrapText } from '../src/io/text-width.js';

// A table's width: Σ column widths + 3 per column (a border and a space each side) + 1.
const width = (w: number[]) => w.reduce((a, b) => a + b, 0) + 3 * w.length + 1;

describe('fitWidths', () => {
  it('leaves a table that fits alone', () => {
    expect(fitWidths([10, 20, 9], [false, true, false], 80)).toEqual([10, 20, 9]);
  });
  it('narrows the shrinkable column by exactly the excess', () => {
    // 10 + 20 + 9 + 3 × 3 + 1 = 49; a 40-column terminal takes 9 off the text column.
    expect(width([10, 20, 9])).toBe(49);
    expect(fitWidths([10, 20, 9], [false, true, false], 40)).toEqual([10, 11, 9]);
  });
  it('takes from the widest first, then from both in turn', () => {
    // 30 + 20 + 7 = 57; to 42: 30 → 20 (10 off), then 5 more alternating from the first: 20/20 → 17/18.
    expect(fitWidths([30, 20], [true, true], 42)).toEqual([17, 18]);
    expect(width([17, 18])).toBe(42);
  });
  it('never below the minimum, nor a column that may not shrink', () => {
    expect(fitWidths([12, 30, 10], [true, true, false], 10)).toEqual([8, 8, 10]);
    expect(fitWidths([12, 30], [true, true], 10, 4)).toEqual([4, 4]);
    expect(fitWidths([6, 30], [true, true], 20)).toEqual([6, 8]); // 6 is already under the minimum
  });
});

describe('wrapText', () => {
  it('breaks Chinese between characters, counting each as two columns', () => {
    expect(wrapText('生产性生物资产累计折旧', 12)).toBe('生产性生物资\n产累计折旧');
  });
  it('keeps a run of ASCII whole and breaks at spaces', () => {
    expect(wrapText('输出格式 table|csv|json（默认表格）', 20)).toBe('输出格式\ntable|csv|json（默认\n表格）');
  });
  it('never starts a line with a closing mark nor ends one with an opening mark', () => {
    const out = wrapText('借方分录，可重复（科目:金额）。再来一句，还有「引号」。', 8).split('\n');
    for (const l of out) {
      expect(l).not.toMatch(/^[，。）」]/);
      expect(l).not.toMatch(/[（「]$/);
    }
    expect(out.join('')).toBe('借方分录，可重复（科目:金额）。再来一句，还有「引号」。');
  });
  it('cuts an over-long run only when told to', () => {
    expect(wrapText('2024-03-15/vouchers', 8)).toBe('2024-03-15/vouchers');
    expect(wrapText('2024-03-15/vouchers', 8, { hard: true })).toBe('2024-03-\n15/vouch\ners');
  });
  it('keeps the line breaks it has', () => {
    expect(wrapText('第一行\n第二行', 40)).toBe('第一行\n第二行');
  });
});

describe('drawTable', () => {
  it('pads by display width, aligns numbers right, stacks the lines of a cell', () => {
    expect(drawTable(['科目', 'Amount'], [['现金\n备用金', '1.00'], ['x', '12,345.00']], [false, true])).toBe(
      [
        '┌────────┬───────────┐',
        '│ 科目   │    Amount │',
        '├────────┼───────────┤',
        '│ 现金   │      1.00 │',
        '│ 备用金 │           │',
        '│ x      │ 12,345.00 │',
        '└────────┴───────────┘',
      ].join('\n'),
    );
  });
  it('an empty table is its header', () => {
    expect(drawTable(['a', 'b'], [], [false, false])).toBe('┌───┬───┐\n│ a │ b │\n└───┴───┘');
  });
});

describe('renderTable on a narrow terminal', () => {
  const section = {
    columns: [
      { key: 'date', zh: '日期', en: 'Date' },
      { key: 'summary', zh: '摘要', en: 'Summary' },
      { key: 'amount', zh: '金额', en: 'Amount', kind: 'money' as const },
    ],
    rows: [
      { date: '2024-03-05', summary: '收到县农业农村局拨付的高标准农田建设补助资金', amount: 12345600 },
      { date: '2024-03-06', summary: '购买办公用品', amount: 12000 },
    ],
  };
  it('wraps the summary, not the date or the amount, and loses nothing', () => {
    const wide = renderTable(section, 'zh');
    expect(Math.max(...wide.split('\n').map(displayWidth))).toBe(74); // 10 + 44 + 10, + 3 × 3 + 1
    const narrow = renderTable(section, 'zh', 50).trimEnd().split('\n');
    expect(Math.max(...narrow.map(displayWidth))).toBe(50);
    // 50 − 10 (borders) − 10 (date) − 10 (amount) = 20 columns for 摘要: ten characters a line.
    expect(narrow[3]).toBe('│ 2024-03-05 │ 收到县农业农村局拨付 │ 123,456.00 │');
    const summary = narrow
      .slice(3, -2)
      .map((l) => l.split('│')[2].trim())
      .join('');
    expect(summary).toBe('收到县农业农村局拨付的高标准农田建设补助资金');
  });
  it('is unchanged when the terminal is wide enough', () => {
    expect(renderTable(section, 'zh', 74)).toBe(renderTable(section, 'zh'));
  });
});
