// The file stream handed to exceljs's streaming WorkbookReader, with a guard on the zip parser it
// pipes into. That parser (unzipper's Parse) emits 'end' itself as soon as the file has been read
// in, while entries may still be on their way: the reader, busy setting aside a worksheet until the
// shared strings arrive, then stopped before the entries after it (sharedStrings.xml, styles.xml,
// workbook.xml), and a good workbook was refused now and then (or read without its shared strings).
// The guard holds back that early 'end'. The parser's stream ends for real after the zip's last
// record (end of central directory) once every entry has been read, and a file cut short fails it
// with an error (FILE_ENDED), so the reader always ends.
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

/** A read stream of the workbook file whose pipe guards the zip parser it feeds. */
export function zipInput(file: string): fs.ReadStream {
  const input = fs.createReadStream(file);
  const pipe = input.pipe;
  input.pipe = function <T extends Writable>(this: fs.ReadStream, dest: T, options?: { end?: boolean }): T {
    holdEarlyEnd(dest as unknown as Readable);
    // A file that cannot be read fails the parser, and so the reader, instead of going unheard.
    this.once('error', (e) => (dest as unknown as Readable).destroy(e));
    return pipe.call(this, dest, options) as T;
  } as typeof input.pipe;
  return input;
}
