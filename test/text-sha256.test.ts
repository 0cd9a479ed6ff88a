// TextSha256 hands its texts to the hash in pieces: the digest must be that of all of them joined.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TextSha256 } from '../src/store/digest.js';

describe('TextSha256', () => {
  it('is the SHA-256 of the texts joined, across many 64 K pieces, in any script', () => {
    let seed = 3;
    const rnd = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const pieces = ['members|12|', 'ab'.repeat(40), '田芳子', '😀', '\n', ''];
    const texts = Array.from({ length: 60_000 }, () => pieces[Math.floor(rnd() * pieces.length)] + String(Math.floor(rnd() * 1e6)));
    const h = new TextSha256();
    for (const t of texts) h.add(t);
    expect(texts.join('').length).toBeGreaterThan(4 * (1 << 16));
    expect(h.hex()).toBe(createHash('sha256').update(texts.join(''), 'utf8').digest('hex'));
  });

  it('of nothing, the SHA-256 of the empty text', () => {
    expect(new TextSha256().hex()).toBe(createHash('sha256').update('').digest('hex'));
  });
});
