// The hashed texts an import writes into a reused byte buffer (store/utf8-writer.ts), each against
// the string it stands in for: a voucher's chain text (voucherHeadText + voucherLineText, hashed by
// sha256Hex) and the digest of its rows (voucherRowJson lines, hashed as one text).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ChainText } from '../src/store/chain-text.js';
import { Utf8Writer } from '../src/store/utf8-writer.js';
import { VoucherRowsHash } from '../src/store/voucher-rows-hash.js';
import { voucherHeadText, voucherLineText } from '../src/store/voucher-writer.js';
import { voucherRowJson } from '../src/store/audit.js';
import { sha256Hex } from '../src/store/digest.js';

const hex = (s: string) => createHash('sha256').update(s).digest('hex');

// Texts a cell may hold: empty, ASCII, Chinese, a surrogate pair (𠀀, U+20000), a lone surrogate
// (written as U+FFFD by both), ASCII then Chinese, a quote and a backslash.
const TEXTS = ['', 'a', '10201', '收农产品销售款', '𠀀田', 'x\ud800y', '\udc00', 'ab收入', 'say "hi" \\'];
const NUMBERS = [0, -0, 1, 9, 10, 99, 100, 879681, -879681, 123456789012, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 53, 1e21, 0.5, -1.25, NaN, Infinity];

describe('Utf8Writer', () => {
  it('writes a number as a template literal does and a text as Buffer.from does', () => {
    const w = new Utf8Writer(4);
    for (const n of NUMBERS) {
      w.reset();
      w.num(n);
      expect(w.bytes().toString('latin1')).toBe(`${n}`);
    }
    for (const s of TEXTS) {
      w.reset();
      w.str(s);
      expect(w.bytes().equals(Buffer.from(s, 'utf8'))).toBe(true);
    }
  });

  it('grows past its first size, keeping what it holds', () => {
    const w = new Utf8Writer(2);
    const long = '收'.repeat(1000);
    w.str('ab');
    w.str(long);
    w.num(-42);
    expect(w.bytes().toString('utf8')).toBe(`ab${long}-42`);
  });
});

describe('ChainText', () => {
  it('hashes the same text as voucherHeadText and voucherLineText, for every kind of cell', () => {
    const c = new ChainText();
    let cases = 0;
    for (const summary of TEXTS)
      for (const n of NUMBERS) {
        const prev = hex(summary + n);
        const reverses = n === 0 ? null : Math.trunc(Math.abs(n)) || null;
        c.head(prev, '2024-03', 7, '2024-03-05', summary, 'import', reverses);
        let text = voucherHeadText(prev, '2024-03', 7, '2024-03-05', summary, 'import', reverses);
        for (const member of [null, TEXTS[(cases + 3) % TEXTS.length]])
          for (const party of [null, '', TEXTS[cases % TEXTS.length]]) {
            c.line('10201', n, -n, member, summary === '' ? null : summary, party);
            text += voucherLineText('10201', n, -n, member, summary === '' ? null : summary, party);
          }
        expect(c.text()).toBe(Buffer.from(text, 'utf8').toString('utf8'));
        expect(c.hash()).toBe(sha256Hex(text));
        cases++;
      }
    expect(cases).toBe(TEXTS.length * NUMBERS.length);
  });

  it('starts each voucher afresh', () => {
    const c = new ChainText();
    c.head('0'.repeat(64), '2024-01', 1, '2024-01-01', '一', 'import', null);
    c.line('101', 100, 0, null, null);
    c.head('1'.repeat(64), '2024-02', 2, '2024-02-01', '二', 'import', null);
    c.line('102', 0, 100, null, null, 'p');
    // `${'1'.repeat(64)}\n2024-02|2|2024-02-01|二|import|` then `\n102|0|100|||p`
    expect(c.text()).toBe(`${'1'.repeat(64)}\n2024-02|2|2024-02-01|二|import|\n102|0|100|||p`);
  });
});

describe('VoucherRowsHash', () => {
  it('gives the digest of the voucherRowJson lines, across its buffer flushes', () => {
    const now = '2026-12-02 06:40:25';
    const rows = new VoucherRowsHash(now);
    let text = '';
    // 3,000 rows of some 110 bytes: several 64 KiB flushes.
    for (let id = 1; id <= 3000; id++) {
      const preparer = id % 3 === 0 ? null : TEXTS[id % TEXTS.length].replace(/[\ud800-\udfff"\\]/g, '') || '李会计';
      const hash = hex(String(id));
      rows.add(id, id % 5, preparer, hash);
      text += voucherRowJson(id, id % 5, preparer, now, hash) + '\n';
    }
    expect(rows.end()).toBe(hex(text));
  });

  it('gives no digest when a row is one voucherRowJson would not write', () => {
    for (const [attachments, preparer] of [
      [1.5, null],
      [1, 'a"b'],
      [1, 'x\ud800'],
    ] as const) {
      expect(voucherRowJson(1, attachments, preparer, 'now', '0'.repeat(64))).toBeNull();
      const rows = new VoucherRowsHash('now');
      rows.add(1, 0, null, '0'.repeat(64));
      rows.add(2, attachments, preparer, '0'.repeat(64));
      rows.add(3, 0, null, '0'.repeat(64));
      expect(rows.end()).toBeNull();
    }
  });
});
