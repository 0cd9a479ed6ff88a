// Running feedVouchers in a worker thread (import-vouchers-worker.ts): the file is read, checked and
// chained on one core while this thread inserts on another. The worker's script sits beside this
// module: dist/commands/import-vouchers-worker.js, or dist/bundle/import-vouchers-worker.cjs beside
// the bundle (src/tools/bundle.ts makes it). Where there is none, the same reader runs in this thread.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Refusal, type ExitCode, type LedgerError } from '../domain/errors.js';
import { packIds } from '../domain/id-set.js';
import type { VoucherBatch } from '../store/voucher-writer.js';
import { feedVouchers, type BatchArrays, type FeedEnd, type FeedSink, type FeedStart } from './import-vouchers-feed.js';

/** Batches posted by the worker and not yet inserted, at most. */
export const IN_FLIGHT = 4;

export type FromReader =
  | { type: 'batch'; batch: VoucherBatch }
  | { type: 'progress'; bytes: number; total: number }
  | { type: 'end'; end: FeedEnd }
  | { type: 'refusal'; errors: LedgerError[]; exitCode: ExitCode }
  | { type: 'error'; message: string; stack?: string; system?: SystemError };

/** What the CLI reads of a failed system call (main.ts fileError): kept when an error crosses threads. */
export interface SystemError {
  code: string;
  errno?: number;
  syscall?: string;
  path?: string;
}

/**
 * The reader's heap. It holds little at a time (a batch, the voucher being read, the chart, the
 * member ids and the balance sums), but V8 lets an unbounded heap grow to several times that before
 * collecting: bounded, the import stays within its memory. A reader that needs more than this (a
 * huge voucher, millions of member balances) fails with ERR_WORKER_OUT_OF_MEMORY, and the import
 * is run again in one thread (ReaderOutOfMemory). The young generation stays at 16 MB: at 8 the
 * batch being filled is copied by many more scavenges (twice the reader's GC time, measured).
 */
export const READER_LIMITS = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 48 };

/**
 * Files smaller than this are read in the main thread: starting a worker costs some 0.1 s and
 * 10 MB, more than reading a file of a few thousand lines beside the inserts saves.
 */
export const READER_THREAD_BYTES = 2 << 20;

/** The reader thread ran out of its heap: nothing of the write is kept; run the import again without it. */
export class ReaderOutOfMemory extends Error {}

/** What the reader is to read (a reader started early waits for it), or a batch inserted: its arrays go back to the reader. */
export type ToReader = { type: 'start'; start: FeedStart & { progress: boolean } } | { type: 'inserted'; arrays: BatchArrays };

/** Whether a file is large enough to be read beside the write (and its write flushed beside it: Ledger WriteOptions). */
export function isLargeFile(file: string): boolean {
  try {
    return fs.statSync(file).size >= READER_THREAD_BYTES;
  } catch {
    return false; // the reader says what is wrong with it
  }
}

/** The worker's script for reading this file: null when it is small (or cannot be seen), or when there is none. */
export function readerScriptFor(file: string): string | null {
  return isLargeFile(file) ? readerScript() : null;
}

/** The worker's script, or null when there is none to run. */
export function readerScript(): string | null {
  const here = fileURLToPath(import.meta.url);
  let file: string;
  if (here.endsWith('.cjs')) file = path.join(path.dirname(here), 'import-vouchers-worker.cjs');
  else if (here.endsWith('.ts')) {
    // Run from source (the tests): the compiled worker of the same tree, when it has been built.
    file = path.join(path.dirname(here), '..', '..', 'dist', 'commands', 'import-vouchers-worker.js');
  } else file = path.join(path.dirname(here), 'import-vouchers-worker.js');
  return fs.existsSync(file) ? file : null;
}

type ReaderEvent = { kind: 'message'; m: FromReader } | { kind: 'error'; e: Error } | { kind: 'exit'; code: number };

/**
 * A reader thread started before what it is to read is known: its start-up (a new isolate, the
 * bundle compiled, some 0.15 s) runs beside the write's own (the file's digest, the ledger opened,
 * what the write reads under its lock). What it says before anyone listens is kept.
 */
export class ReaderThread {
  private early: ReaderEvent[] = [];
  private listener: ((e: ReaderEvent) => void) | null = null;

  constructor(readonly worker: import('node:worker_threads').Worker) {
    const hear = (e: ReaderEvent) => (this.listener ? this.listener(e) : this.early.push(e));
    worker.on('message', (m: FromReader) => hear({ kind: 'message', m }));
    worker.on('error', (e: Error) => hear({ kind: 'error', e }));
    worker.on('exit', (code: number) => hear({ kind: 'exit', code }));
  }

  listen(listener: (e: ReaderEvent) => void): void {
    this.listener = listener;
    for (const e of this.early.splice(0)) listener(e);
  }

  /** Ends the thread (once its work is done, or when it is not needed after all). */
  stop(): void {
    void this.worker.terminate();
  }
}

/** A reader thread of the worker's script, waiting for its start. */
export async function startReader(script: string): Promise<ReaderThread> {
  const { Worker } = await import('node:worker_threads');
  return new ReaderThread(new Worker(script, { workerData: null, resourceLimits: READER_LIMITS }));
}

/**
 * feedVouchers in a worker thread when there is one (script: its file, or a reader already
 * started), else in this one.
 */
export async function feedVouchersBeside(start: FeedStart, sink: FeedSink, script: string | ReaderThread | null = readerScript()): Promise<FeedEnd> {
  if (script === null) return feedVouchers(start, sink);
  const reader = typeof script === 'string' ? await startReader(script) : script;
  const worker = reader.worker;
  // The member ids go packed into one text (domain/id-set.ts says why).
  const begin: ToReader = { type: 'start', start: { ...start, members: [], memberIds: packIds(start.members), progress: sink.progress !== undefined } };
  worker.postMessage(begin);
  return new Promise<FeedEnd>((resolve, reject) => {
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      f();
    };
    const fail = (e: unknown) =>
      settle(() => {
        void worker.terminate();
        reject(e);
      });
    const message = (m: FromReader) => {
      if (settled) return;
      switch (m.type) {
        case 'batch':
          try {
            const r = sink.batch(m.batch);
            if (r) throw new Error('feedVouchersBeside: the batch sink must insert synchronously');
            const { vNum, vText, lNum, lText } = m.batch;
            const back: ToReader = { type: 'inserted', arrays: { vNum, vText, lNum, lText } };
            worker.postMessage(back, [vNum.buffer as ArrayBuffer, vText.buffer as ArrayBuffer, lNum.buffer as ArrayBuffer, lText.buffer as ArrayBuffer]);
          } catch (e) {
            fail(e);
          }
          return;
        case 'progress':
          sink.progress?.(m.bytes, m.total);
          return;
        case 'end':
          return settle(() => resolve(m.end));
        case 'refusal':
          return fail(new Refusal(m.errors, m.exitCode));
        case 'error':
          // A failed system call (a file that cannot be read…) is thrown as it was, for the CLI to word.
          if (m.system) return fail(Object.assign(new Error(m.message), m.system));
          return fail(new Error(`导入凭证的读取线程出错 (the import's reader thread failed): ${m.message}`));
      }
    };
    reader.listen((ev) => {
      if (ev.kind === 'message') return message(ev.m);
      if (ev.kind === 'exit') return fail(new Error(`导入凭证的读取线程意外退出 (the import's reader thread exited with code ${ev.code} before it finished)`));
      const e = ev.e;
      if ((e as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') fail(new ReaderOutOfMemory(e.message));
      else fail(new Error(`导入凭证的读取线程出错 (the import's reader thread failed): ${e.message}`));
    });
  });
}
