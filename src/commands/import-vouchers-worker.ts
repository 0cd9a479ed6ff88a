// The worker thread of `import vouchers`: feedVouchers (import-vouchers-feed.ts) over the file and
// what the write read (the first message: the thread may be started before the write has read it),
// its batches hashed here with SQLite of the thread's own (store/batch-hasher.ts: the inserting
// thread is the busier one) and posted to the inserting thread with their arrays
// transferred, not copied. At most IN_FLIGHT batches wait there at once (each is acknowledged when
// inserted, its arrays given back to be filled again), so a fast reader does not pile the file up
// in memory. A refusal is posted as its errors; anything else as an error message (a failed system
// call with its code, for the CLI to word).
import { parentPort } from 'node:worker_threads';
import { Refusal } from '../domain/errors.js';
import { BatchHasher } from '../store/batch-hasher.js';
import type { VoucherBatch } from '../store/voucher-writer.js';
import { feedVouchers, type BatchArrays, type FeedStart } from './import-vouchers-feed.js';
import { IN_FLIGHT, type FromReader, type ToReader } from './import-vouchers-thread.js';

const port = parentPort!;
let credit = IN_FLIGHT;
let wake: (() => void) | null = null;
const spares: BatchArrays[] = [];
port.on('message', (m: ToReader) => {
  if (m.type === 'start') return read(m.start);
  if (m.type !== 'inserted') return;
  spares.push(m.arrays);
  credit++;
  const w = wake;
  wake = null;
  w?.();
});

const post = (m: FromReader, transfer?: ArrayBuffer[]) => port.postMessage(m, transfer);

async function batch(b: VoucherBatch): Promise<void> {
  while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
  credit--;
  const buffers = [b.vNum, b.vText, b.lNum, b.lText, b.textEnds].map((a) => a.buffer as ArrayBuffer);
  post({ type: 'batch', batch: b }, buffers);
}

/** Read what the start message names: it comes first, alone (see import-vouchers-thread.ts startReader). */
function read(start: FeedStart & { progress: boolean }): void {
  void feedVouchers(start, { batch, spare: () => spares.pop(), hasher: () => BatchHasher.open(), progress: start.progress ? (bytes, total) => post({ type: 'progress', bytes, total }) : undefined })
    .then((end) => post({ type: 'end', end }))
    .catch((e: unknown) => {
      if (e instanceof Refusal) post({ type: 'refusal', errors: e.errors, exitCode: e.exitCode });
      else {
        const err = e as Error & { code?: unknown; errno?: number; syscall?: string; path?: string };
        const system = typeof err?.code === 'string' ? { code: err.code, errno: err.errno, syscall: err.syscall, path: err.path } : undefined;
        post({ type: 'error', message: err instanceof Error ? err.message : String(e), stack: err instanceof Error ? err.stack : undefined, system });
      }
    })
    .finally(() => port.close());
}
