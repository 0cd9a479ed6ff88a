// lineChunks: a text file's bytes in order, each chunk ending after the last line feed read so far
// (the bytes after it begin the next), from one reused buffer; fileChunksSync: the bytes as they come.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileChunksSync, lineChunks } from '../src/io/file-chunks.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanzi-chunks-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function chunksOf(file: string, size: number): Promise<Buffer[]> {
  const got: Buffer[] = [];
  for await (const chunk of lineChunks(file, size)) got.push(Buffer.from(chunk)); // copied: the buffer is read into again
  return got;
}

describe('lineChunks', () => {
  // Lines of every length from 0 to 300 bytes, some with LF, some CRLF, some a lone CR, and Chinese
  // characters (3 bytes in UTF-8) so that a cut inside a line could fall inside a character.
  const lines: string[] = [];
  for (let i = 0; i < 400; i++) {
    const body = '凭证'.repeat(i % 37) + 'x'.repeat((i * 7) % 50);
    lines.push(body + (i % 5 === 0 ? '\r\n' : i % 11 === 0 ? '\r' : '\n'));
  }
  const bytes = Buffer.from(lines.join('') + 'the last line, no line feed', 'utf8');
  const file = path.join(dir, 'lines.csv');
  fs.writeFileSync(file, bytes);

  for (const size of [1, 7, 64, 300, 4096, bytes.length, 1 << 16]) {
    it(`gives the file's bytes in order, each chunk ending after a line feed where one was read (${size} at a time)`, async () => {
      const got = await chunksOf(file, size);
      expect(Buffer.concat(got).equals(bytes)).toBe(true);
      for (const [k, chunk] of got.entries()) {
        expect(chunk.length).toBeGreaterThan(0);
        // Never more than what was kept (less than `size`) and one read.
        expect(chunk.length).toBeLessThan(2 * size);
        const last = k === got.length - 1;
        if (chunk.includes(10)) {
          // It ends after its last line feed, unless it is the end of the file.
          if (!last) expect(chunk[chunk.length - 1]).toBe(10);
        } else if (!last) {
          // No line feed in it: it is everything read, and a whole read's worth or more.
          expect(chunk.length).toBeGreaterThanOrEqual(size);
        }
      }
    });
  }

  it('a file of one line longer than a chunk comes whole, in pieces that hold no line feed', async () => {
    const long = Buffer.from('长'.repeat(1000), 'utf8'); // 3,000 bytes, no line feed
    const f = path.join(dir, 'long.csv');
    fs.writeFileSync(f, long);
    const got = await chunksOf(f, 256);
    expect(Buffer.concat(got).equals(long)).toBe(true);
    expect(got.length).toBeGreaterThan(1);
  });

  it('an empty file gives no chunk', async () => {
    const empty = path.join(dir, 'empty.bin');
    fs.writeFileSync(empty, '');
    expect(await chunksOf(empty, 16)).toEqual([]);
  });

  it('a missing file is an error (ENOENT)', async () => {
    await expect(lineChunks(path.join(dir, 'none.bin'), 16).next()).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('fileChunksSync', () => {
  const bytes = Buffer.from(Array.from({ length: 10_007 }, (_, i) => (i * 31 + 7) & 0xff));
  const file = path.join(dir, 'data.bin');
  fs.writeFileSync(file, bytes);

  for (const size of [1, 64, 4096, 10_007, 1 << 16]) {
    it(`gives the file's bytes in order, ${size} at a time`, () => {
      const copies: Buffer[] = [];
      for (const chunk of fileChunksSync(file, size)) {
        expect(chunk.length).toBeGreaterThan(0);
        expect(chunk.length).toBeLessThanOrEqual(size);
        copies.push(Buffer.from(chunk));
      }
      expect(Buffer.concat(copies).equals(bytes)).toBe(true);
      expect(copies.length).toBe(Math.ceil(bytes.length / size));
    });
  }
});
