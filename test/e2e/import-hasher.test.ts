// An import's reader hashing its batches with SQLite of its own (store/batch-hasher.ts, the
// extension's sanzi_batch_hashes): the hashes and the rows digest are those the writer's SQLite
// makes when it is handed the batches unhashed, byte for byte; a batch the reader cannot hash is
// left to the writer, which chains on from the reader's last hash.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import type { Sandbox } from '../harness.js';
import { generateVoucherCsv } from '../gen-vouchers.js';
import { benchSandboxes } from '../bench-sandboxes.js';
import { feedVouchers, type FeedStart } from '../../src/commands/import-vouchers-feed.js';
import { BatchHasher } from '../../src/store/batch-hasher.js';
import { Ledger } from '../../src/store/ledger.js';
import { WriteTx } from '../../src/store/write-tx.js';
import { READER_THREAD_BYTES, feedVouchersBeside } from '../../src/commands/import-vouchers-thread.js';
import { nativeSqlite } from '../../src/store/native-sqlite.js';
import { sqlOf } from '../../src/store/internal.js';
import { verifyDb } from '../../src/store/verify.js';
import { ChainText } from '../../src/store/chain-text.js';
import { VoucherRowsHash } from '../../src/store/voucher-rows-hash.js';
import type { VoucherBatch } from '../../src/store/voucher-writer.js';

const ledger = benchSandboxes('import-hasher', '导入测试村');

/** The stored vouchers (hashes and all), their lines, and the audit record of the import (its rows digest and head). */
function stored(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const all = (sql: string) => db.prepare(sql).raw(true).all();
    return {
      vouchers: all('SELECT id, period, number, date, summary, attachments, preparer, kind, hash, created_at FROM vouchers ORDER BY id'),
      lines: all('SELECT * FROM voucher_lines ORDER BY voucher_id, line_no'),
      record: all("SELECT voucher_from, voucher_to, voucher_head, rows_digest, row_count FROM audit_records WHERE action = 'voucher.import'"),
    };
  } finally {
    db.close();
  }
}

const meta = { action: 'voucher.import', by: 'test', at: '2026-01-15 10:00:00' };

/** Import `file` as the command does, the reader given `hasher` (none: the writer's SQLite hashes); the batches' hashes as sent. */
async function importWith(sb: Sandbox, file: string, hasher?: () => BatchHasher | null): Promise<string[]> {
  const sent: string[] = [];
  const l = Ledger.open(sb.db);
  try {
    expect(nativeSqlite(sqlOf(l))).toBe(true);
    await l.writeAsync(meta, async (tx) => {
      const start = tx.importStart();
      expect(start.hash).toBe(false);
      const end = await feedVouchers({ ...start, file } as FeedStart, {
        batch: (b) => {
          sent.push(b.hashes);
          tx.insertBatch(b);
        },
        hasher,
      });
      expect(end.errors.map((e) => e.zh)).toEqual([]);
      tx.endBatches(end);
      tx.describe('导入凭证', { file });
    });
    expect(verifyDb(sqlOf(l))).toEqual([]);
    expect(verifyDb(sqlOf(l), { native: false })).toEqual([]);
  } finally {
    l.close();
  }
  return sent;
}

describe("the import's reader hashing its batches", () => {
  it('in the reader thread of a large file (SQLite of the worker thread), every batch comes hashed', async () => {
    const sb = await ledger();
    const file = sb.file('big.csv', '');
    generateVoucherCsv(file, 60_000);
    expect(fs.statSync(file).size).toBeGreaterThanOrEqual(READER_THREAD_BYTES);
    const insert = vi.spyOn(WriteTx.prototype, 'insertBatch');
    try {
      await sb.ok('import', 'vouchers', file);
      const sent = insert.mock.calls.map(([b]) => b.hashes);
      expect(sent.length).toBeGreaterThan(5);
      expect(sent.every((h) => /^([0-9a-f]{64})+$/.test(h))).toBe(true);
    } finally {
      insert.mockRestore();
    }
    expect((await sb.run('verify')).code).toBe(0);
  });

  it('in the bundled reader thread (the one bin/sanzi.js starts), too', async () => {
    const sb = await ledger();
    const file = sb.file('v.csv', '');
    generateVoucherCsv(file, 4_000);
    const script = fileURLToPath(new URL('../../dist/bundle/import-vouchers-worker.cjs', import.meta.url));
    const sent: string[] = [];
    const l = Ledger.open(sb.db);
    try {
      await l.writeAsync(meta, async (tx) => {
        const end = await feedVouchersBeside({ ...tx.importStart(), file }, {
          batch: (b) => {
            sent.push(b.hashes);
            tx.insertBatch(b);
          },
        }, script);
        tx.endBatches(end);
        tx.describe('导入凭证', { file });
      });
      expect(verifyDb(sqlOf(l))).toEqual([]);
    } finally {
      l.close();
    }
    expect(sent.length).toBe(5);
    expect(sent.every((h) => /^([0-9a-f]{64})+$/.test(h))).toBe(true);
  });

  it('stores the hashes and the rows digest the writer makes itself', async () => {
    const a = await ledger();
    const b = await ledger();
    const file = a.file('v.csv', '');
    generateVoucherCsv(file, 4_000); // a thousand vouchers: batches of 64, 128, 256, 512 and the rest
    const hashed = await importWith(a, file, () => BatchHasher.open());
    const left = await importWith(b, file);
    expect(hashed.length).toBe(5);
    expect(hashed.every((h) => /^([0-9a-f]{64})+$/.test(h))).toBe(true);
    expect(left.every((h) => h === '')).toBe(true);
    const x = stored(a.db);
    const y = stored(b.db);
    expect(x.vouchers.length).toBe(1000);
    expect(x).toEqual(y);
    // The hashes sent are the stored ones, in order.
    expect(hashed.join('')).toBe(x.vouchers.map((v) => v[8]).join(''));
  });

  it('leaves a batch it cannot hash to the writer, which chains on from its last hash', async () => {
    const a = await ledger();
    const b = await ledger();
    const file = a.file('v.csv', '');
    generateVoucherCsv(file, 4_000);
    let calls = 0;
    // The second batch cannot be hashed here (as a batch whose texts pair two halves of a character: below).
    const failing = () => {
      const h = BatchHasher.open()!;
      const hashes = h.hashes.bind(h);
      h.hashes = (...args) => (++calls === 2 ? null : hashes(...args));
      return h;
    };
    const sent = await importWith(a, file, failing);
    expect(calls).toBe(2);
    expect(sent[0]).toMatch(/^([0-9a-f]{64}){64}$/);
    expect(sent.slice(1).every((h) => h === '')).toBe(true);
    await importWith(b, file);
    expect(stored(a.db)).toEqual(stored(b.db));
  });
});

/** A batch of two vouchers of two lines each, its texts as given (Batcher's layout). */
function batchOf(texts: string[], summaries: [number, number]): VoucherBatch {
  let end = 0;
  return {
    vouchers: 2,
    lines: 4,
    vNum: Float64Array.from([1, 2, 2, 2, 0, 2]),
    vText: Int32Array.from([0, 1, summaries[0], 3, 0, 1, summaries[1], -1]),
    hashes: '',
    lNum: Float64Array.from([12345, 0, 0, 12345, 700, 0, 0, 700]),
    lText: Int32Array.from([4, 5, -1, -1, 6, -1, 7, 8, 4, -1, -1, -1, 6, 5, -1, -1]),
    texts: texts.join(''),
    textEnds: Int32Array.from(texts, (t) => (end += t.length)),
  };
}

describe('BatchHasher', () => {
  const TEXTS = ['2024-03', '2024-03-05', '收民宿房费𠀀', '李会计', '10201', 'M001', '50101', 'P01', '清远汤泉'];
  const at = '2026-12-04 08:00:00';
  const prev = 'a'.repeat(64);

  it('hashes as ChainText and digests as VoucherRowsHash', () => {
    const h = BatchHasher.open()!;
    try {
      h.startDigest();
      const b = batchOf(TEXTS, [2, 8]);
      const made = h.hashes(b, 41, prev, 'import', at)!;
      // The same two vouchers written out by hand.
      const c = new ChainText();
      c.head(prev, '2024-03', 1, '2024-03-05', '收民宿房费𠀀', 'import', null);
      c.line('10201', 12345, 0, 'M001', null, null);
      c.line('50101', 0, 12345, null, 'P01', '清远汤泉');
      const first = c.hash();
      c.head(first, '2024-03', 2, '2024-03-05', '清远汤泉', 'import', null);
      c.line('10201', 700, 0, null, null, null);
      c.line('50101', 0, 700, 'M001', null, null);
      const second = c.hash();
      expect(made).toBe(first + second);
      const rows = new VoucherRowsHash(at);
      rows.add(41, 2, '李会计', first);
      rows.add(42, 0, null, second);
      expect(h.digest()).toBe(rows.end());
    } finally {
      h.close();
    }
  });

  it('gives no digest without startDigest, and null for a batch whose joined texts pair two halves of a character', () => {
    const h = BatchHasher.open()!;
    try {
      expect(h.hashes(batchOf(TEXTS, [2, 8]), 1, prev, 'import', at)).toMatch(/^[0-9a-f]{128}$/);
      expect(h.digest()).toBeNull();
      const halves = [...TEXTS];
      halves[2] = '收民宿房费\ud83d';
      halves[3] = '\ude00李会计';
      expect(h.hashes(batchOf(halves, [2, 8]), 1, prev, 'import', null)).toBeNull();
    } finally {
      h.close();
    }
  });

  it('refuses an inconsistent batch, and an amount or number that is not whole', () => {
    const h = BatchHasher.open()!;
    try {
      const b = batchOf(TEXTS, [2, 8]);
      b.lText[0] = 99;
      expect(() => h.hashes(b, 1, prev, 'import', null)).toThrow(/sanzi_batch: a text index out of range/);
      const half = batchOf(TEXTS, [2, 8]);
      half.lNum[6] = 0.5;
      expect(() => h.hashes(half, 1, prev, 'import', null)).toThrow(/sanzi_batch: a number of a voucher is not whole/);
      const number = batchOf(TEXTS, [2, 8]);
      number.vNum[3] = 2 ** 53;
      expect(() => h.hashes(number, 1, prev, 'import', null)).toThrow(/sanzi_batch: a number of a voucher is not whole/);
    } finally {
      h.close();
    }
  });

  it('leaves the rows digest to the query when a row would need an escape in JSON (a quote in the preparer)', () => {
    const h = BatchHasher.open()!;
    try {
      h.startDigest();
      const quoted = [...TEXTS];
      quoted[3] = '李"会计';
      expect(h.hashes(batchOf(quoted, [2, 8]), 1, prev, 'import', at)).toMatch(/^[0-9a-f]{128}$/);
      expect(h.hashes(batchOf(TEXTS, [2, 8]), 3, prev, 'import', at)).toMatch(/^[0-9a-f]{128}$/);
      expect(h.digest()).toBeNull();
    } finally {
      h.close();
    }
  });
});
