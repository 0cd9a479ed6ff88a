// The file stream handed to exceljs's streaming WorkbookReader, with two guards on the zip parser it
// pipes into (unzipper's Parse):
// - The parser emits 'end' itself as soon as the file has been read in, while entries may still be
//   on their way: the reader, busy setting aside a worksheet until the shared strings arrive, then
//   stopped before the entries after it (sharedStrings.xml, styles.xml, workbook.xml), and a good
//   workbook was refused now and then (or read without its shared strings). That early 'end' is
//   held back; the parser's stream ends for real after the zip's last record (end of central
//   directory) once every entry has been read, and a file cut short fails it (FILE_ENDED).
// - An error of the parser (an entry whose compressed data is damaged) or of the file reaches the
//   reader only through the parser's own stream, while the reader waits on the entry, which never
//   ends: the import stopped with nothing to wait for, nothing said, and exit 0. `failed` rejects
//   with that error, for the reader's every step to be raced against.
import fs from 'node:fs';
import type { Readable, Writable } from 'node:stream';

interface ReadableState {
  endEmitted: boolean;
}

/** Hold back every 'end' but the stream's own (Node marks endEmitted before it emits that one). */
export function holdEarlyEnd(stream: Readable): void {
  const state = (stream as unknown as { _readableState?: ReadableState })._readableState;
  if (!state) return;
  const emit = stream.emit;
  stream.emit = function (this: Readable, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'end' && !state.endEmitted) return false;
    return emit.call(this, event, ...args);
  } as typeof stream.emit;
}

/** The workbook file as the reader's input, and the failure of the file or of the zip parser. */
export interface ZipInput {
  stream: fs.ReadStream;
  /** Rejects with the first error of the file or of the zip parser; never resolves. */
  failed: Promise<never>;
}

/** A read stream of the workbook file whose pipe guards the zip parser it feeds (see the file's head). */
export function zipInput(file: string): ZipInput {
  const input = fs.createReadStream(file);
  let fail!: (e: unknown) => void;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => undefined); // handled where it is raced; not an unhandled rejection meanwhile
  let parser: Readable | null = null;
  input.once('error', (e) => {
    fail(e);
    // A file that cannot be read fails the parser, and so the reader, too.
    parser?.destroy(e);
  });
  const pipe = input.pipe;
  input.pipe = function <T extends Writable>(this: fs.ReadStream, dest: T, options?: { end?: boolean }): T {
    parser = dest as unknown as Readable;
    holdEarlyEnd(parser);
    parser.once('error', fail);
    return pipe.call(this, dest, options) as T;
  } as typeof input.pipe;
  return { stream: input, failed };
}
