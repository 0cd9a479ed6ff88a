// fileChunks: a file's bytes in order, a chunk at most `size` long, from one reused buffer.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileChunks } from '../src/io/file-chunks.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanzi-chunks-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('fileChunks', () => {
  const bytes = Buffer.from(Array.from({ length: 10_007 }, (_, i) => (i * 31 + 7) & 0xff));
  const file = path.join(dir, 'data.bin');
  fs.writeFileSync(file, bytes);

  for (const size of [1, 64, 4096, 10_007, 1 << 16]) {
    it(`gives the file's bytes in order, ${size} at a time`, async () => {
      const copies: Buffer[] = [];
      for await (const chunk of fileChunks(file, size)) {
        expect(chunk.length).toBeGreaterThan(0);
        expect(chunk.length).toBeLessThanOrEqual(size);
        copies.push(Buffer.from(chunk));
      }
      expect(Buffer.concat(copies).equals(bytes)).toBe(true);
      expect(copies.length).toBe(Math.ceil(bytes.length / size));
    });
  }

  it('an empty file gives no chunk', async () => {
    const empty = path.join(dir, 'empty.bin');
    fs.writeFileSync(empty, '');
    const got: Buffer[] = [];
    for await (const c of fileChunks(empty, 16)) got.push(c);
    expect(got).toEqual([]);
  });

  it('a missing file is an error (ENOENT)', async () => {
    await expect(fileChunks(path.join(dir, 'none.bin'), 16).next()).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
