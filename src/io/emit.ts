// The one way a report or list leaves the program: --format (or the --out file's extension),
// --out with --force, --encoding. Writes to a file go through a temporary file and a rename, so a
// failed write never leaves half a report behind.
import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { createRequire } from 'node:module';
import { Refusal, type Lang, type Text } from '../domain/errors.js';
import { FILE_REASONS, fileReason, OutputErrors } from '../domain/errors/output.js';
import { ExcelErrors } from '../domain/errors/excel.js';
import { FORMATS, materialize, materializeSection, type Format, type Output, type OutputOpts, type Section } from './output.js';
import { csvEncoding, encodeCsv, holdsJsonList, jsonPieces, renderCsvText, renderJson, renderTable, type CsvEncoding } from './render.js';
import { BytePieces, csvPieces } from './csv-pieces.js';
import { outputHtml } from './html.js';
import { writeXlsx, type XlsxOptions } from './xlsx-write.js';

const require = createRequire(import.meta.url);

/** A Writable of `write`. Node's stream module is loaded only when one is made (some 5 ms of every command otherwise). */
function writable(write: (chunk: Buffer) => void): Writable {
  const { Writable: W } = require('node:stream') as typeof import('node:stream');
  return new W({
    write(chunk: Buffer, _enc, done) {
      write(chunk);
      done();
    },
  });
}

/** What emit() needs of the command's context (the CLI context satisfies it). */
export interface EmitEnv {
  lang: Lang;
  cwd: string;
  stdout: (chunk: string | Buffer) => void;
  stderr: (chunk: string) => void;
  /** The terminal's width, when stdout is a terminal: tables are fitted to it. */
  columns?: number;
  /** The collective's name, printed at the head of an HTML page. */
  entity?: string;
  /** The ledger file (relative to cwd): never overwritten by an --out, --force or not. */
  dbPath?: string;
}

/** The formats an Output can be written in. */
function formatsOf(_o: Output): readonly Format[] {
  return FORMATS;
}

const EXTENSIONS: Record<string, Format> = { '.csv': 'csv', '.json': 'json', '.html': 'html', '.xlsx': 'xlsx' };

/** Extensions of formats sanzi does not write, and what to write instead (.html to print, or .xlsx). */
const UNSUPPORTED: Record<string, 'print' | 'xlsx'> = { '.pdf': 'print', '.doc': 'print', '.docx': 'print', '.wps': 'print', '.xls': 'xlsx', '.et': 'xlsx' };

/** An --out of a format sanzi does not write (OUT_UNSUPPORTED), whatever writes it; blanks after the name do not hide it. */
function refuseUnsupported(out: string | undefined): void {
  const ext = out ? path.extname(out.trimEnd()).toLowerCase() : '';
  if (Object.hasOwn(UNSUPPORTED, ext)) throw new Refusal(OutputErrors.OUT_UNSUPPORTED(out!, ext, UNSUPPORTED[ext] === 'print'));
}

/** --format when given, else the --out file's extension (among `formats`), else a table. */
export function resolveFormat(opts: OutputOpts, formats: readonly Format[] = FORMATS): Format {
  // The extension as it is read: a blank typed after the name does not hide it.
  const ext = opts.out ? path.extname(opts.out.trimEnd()).toLowerCase() : '';
  refuseUnsupported(opts.out);
  const byExt = formats.includes(EXTENSIONS[ext]) ? EXTENSIONS[ext] : undefined;
  if (opts.format) {
    const f = opts.format as Format;
    if (byExt && byExt !== f) {
      throw new Refusal(OutputErrors.OUT_FORMAT(opts.out!, ext, f));
    }
    return f;
  }
  return byExt ?? 'table';
}

function sectionsFor(o: Output, format: Format): Section[] {
  return format === 'csv' && o.csv ? o.csv : o.sections;
}

/** The bytes of an output in a text format (a workbook is written by renderXlsx or emit). */
export function render(o: Output, format: Exclude<Format, 'xlsx'>, env: Pick<EmitEnv, 'lang' | 'entity'> & { columns?: number }, encoding: CsvEncoding = 'utf8-bom'): Buffer {
  switch (format) {
    case 'json':
      return Buffer.from(renderJson(o.json), 'utf8');
    case 'csv':
      return encodeCsv(renderCsvText(sectionsFor(o, 'csv').map(materializeSection), env.lang), encoding);
    case 'table': {
      const text = materialize(o).sections.map((s) => renderTable(s, env.lang, env.columns)).join('\n');
      return Buffer.from(text, 'utf8');
    }
    case 'html':
      return Buffer.from(outputHtml(materialize(o), env.lang, o.entity ?? env.entity), 'utf8');
  }
}

/** The bytes of renderJson(json) in pieces, a list's items encoded as they are made (see JsonList). */
export function* jsonBytes(json: unknown): Generator<Buffer> {
  const out = new BytePieces(null);
  let piece: Buffer | null;
  for (const s of jsonPieces(json)) if ((piece = out.add(s))) yield piece;
  const last = out.flush();
  if (last) yield last;
}

/** A workbook of an output, as bytes (for tests and callers that keep files in memory). */
export async function renderXlsx(o: Output, env: Pick<EmitEnv, 'lang' | 'entity'>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = writable((chunk) => chunks.push(chunk));
  await writeXlsx(o, { lang: env.lang, entity: env.entity, stream });
  return Buffer.concat(chunks);
}

/** Is `file` the ledger or one of its -wal, -shm, -journal files (by name, or the same file under another name)? */
function isLedgerFile(file: string, env: Pick<EmitEnv, 'cwd' | 'dbPath'>): boolean {
  if (!env.dbPath) return false;
  const db = path.resolve(env.cwd, env.dbPath);
  const target = fs.existsSync(file) ? fs.statSync(file) : null;
  for (const f of [db, db + '-wal', db + '-shm', db + '-journal']) {
    if (f === file) return true;
    try {
      const s = fs.statSync(f);
      if (target && s.dev === target.dev && s.ino === target.ino) return true;
    } catch {
      // not there: not this one
    }
  }
  return false;
}

/**
 * An --out written in place rather than replaced through a temporary file: a device (/dev/null), a
 * pipe, or a link (/dev/stdout, a shortcut to a file elsewhere) — replacing it would put a plain
 * file where the device or the link was.
 */
export function writtenInPlace(file: string): boolean {
  try {
    const l = fs.lstatSync(file);
    return l.isSymbolicLink() || (!l.isFile() && !l.isDirectory());
  } catch {
    return false;
  }
}

/** System paths whose files are streams, not documents (/dev/stdout, /proc/self/fd/1): no --force needed. */
const STREAM_PATHS = /^\/(dev|proc)\//;

/**
 * Refuse an --out that is the ledger, that exists (without --force; an empty file, as mktemp makes,
 * holds nothing to lose) or whose folder is missing; the absolute path.
 */
export function checkOutFile(env: Pick<EmitEnv, 'cwd' | 'dbPath'>, out: string, force: boolean | undefined): string {
  refuseUnsupported(out);
  const file = path.resolve(env.cwd, out);
  const dir = path.dirname(file);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new Refusal(OutputErrors.OUT_DIR(out, path.dirname(out) || '.'));
  if (isLedgerFile(file, env)) throw new Refusal(OutputErrors.OUT_IS_LEDGER(out));
  if (fs.existsSync(file)) {
    const st = fs.statSync(file);
    if (st.isDirectory()) throw new Refusal(OutputErrors.OUT_FILE(out, FILE_REASONS.EISDIR.zh, FILE_REASONS.EISDIR.en));
    if (!force && st.isFile() && st.size > 0 && !STREAM_PATHS.test(file)) throw new Refusal(OutputErrors.OUT_EXISTS(out));
  }
  return file;
}

/**
 * Write bytes to a file through a temporary file in the same folder, so that a failed write leaves
 * nothing behind. Without `overwrite`, a file that appeared meanwhile is not replaced (OUT_EXISTS).
 */
export function writeFileAtomic(file: string, shown: string, bytes: Buffer | string, mode?: number, overwrite = true): void {
  if (writtenInPlace(file)) {
    try {
      fs.writeFileSync(file, bytes);
    } catch (e) {
      const why = fileReason(e);
      throw new Refusal(OutputErrors.OUT_FILE(shown, why.zh, why.en));
    }
    return;
  }
  const tmp = tempFileOf(file);
  try {
    freshTemp(tmp);
    fs.writeFileSync(tmp, bytes, mode === undefined ? { flag: 'wx' } : { mode, flag: 'wx' });
    putInPlace(tmp, file, shown, overwrite);
  } catch (e) {
    throw asOutFileError(e, shown);
  } finally {
    removeQuietly(tmp);
  }
}

/** The temporary file an output is written to before it is renamed into place. */
function tempFileOf(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
}

/**
 * Make and remove the temporary file an output of `file` will be written through (checkOutFile's
 * absolute path): a folder that may not be written to, a name too long for the file system, are
 * refused (OUT_FILE) before a command runs, not after it has posted.
 */
export function probeOutFile(file: string, shown: string): void {
  if (writtenInPlace(file)) return;
  const tmp = tempFileOf(file);
  try {
    fs.closeSync(fs.openSync(tmp, 'wx'));
  } catch (e) {
    const why = fileReason(e);
    throw new Refusal(OutputErrors.OUT_FILE(shown, why.zh, why.en));
  } finally {
    removeQuietly(tmp);
  }
}

/**
 * Clear the way for a temporary file, which is then made new (flag 'wx'): whatever stands at its
 * name (a file left by a crash, a link someone put there) is removed, never written through, and a
 * file that appears meanwhile makes the write fail rather than be followed.
 */
function freshTemp(tmp: string): void {
  removeQuietly(tmp);
}

/** Remove a temporary file if it is there; a folder that may not even be looked into (EACCES) has none. */
function removeQuietly(tmp: string): void {
  try {
    // unlink, not rm: rmSync loads Node's rimraf and, through it, the stream modules (some 5 ms).
    fs.unlinkSync(tmp);
  } catch {
    // nothing was written there, or it was renamed into place
  }
}

function isEmptyFile(file: string): boolean {
  try {
    const st = fs.statSync(file);
    return st.isFile() && st.size === 0;
  } catch {
    return false;
  }
}

/** Put tmp at file unless file exists: a hard link refuses atomically; where links are not allowed, check then rename. */
function placeNew(tmp: string, file: string, shown: string): void {
  try {
    fs.linkSync(tmp, file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new Refusal(OutputErrors.OUT_EXISTS(shown));
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw e;
    if (fs.existsSync(file)) throw new Refusal(OutputErrors.OUT_EXISTS(shown));
    fs.renameSync(tmp, file);
  }
}

/** A written temporary file put in place of `file`: replacing it, or only where there is none (placeNew). */
function putInPlace(tmp: string, file: string, shown: string, overwrite: boolean): void {
  if (overwrite) fs.renameSync(tmp, file);
  else placeNew(tmp, file, shown);
}

/** What a failed write of an --out throws: a file system's refusal (no space, no permission) is the user's to fix (OUT_FILE); anything else is a fault, as it was. */
function asOutFileError(e: unknown, shown: string): unknown {
  const code = (e as NodeJS.ErrnoException)?.code;
  // SQLite's error while the rows were read (SQLITE_BUSY, SQLITE_CORRUPT…) is the ledger's, not the file's.
  if (e instanceof Refusal || typeof code !== 'string' || code.startsWith('SQLITE_')) return e;
  const why = fileReason(e);
  return new Refusal(OutputErrors.OUT_FILE(shown, why.zh, why.en));
}

/**
 * Write a file that is produced a piece at a time (a workbook, a streamed CSV) the way
 * writeFileAtomic writes bytes: into a temporary file in the same folder, renamed into place only
 * once complete; a failure leaves nothing behind.
 */
export async function writeStreamAtomic(file: string, shown: string, produce: (out: Writable) => Promise<void>, overwrite = true): Promise<void> {
  const direct = writtenInPlace(file);
  const tmp = direct ? file : tempFileOf(file);
  try {
    if (!direct) freshTemp(tmp);
    const out = fs.createWriteStream(tmp, { flags: direct ? 'w' : 'wx' });
    const opened = new Promise<void>((resolve, reject) => {
      out.once('open', () => resolve());
      out.once('error', reject);
    });
    await opened;
    const failed = new Promise<never>((_, reject) => out.once('error', reject));
    failed.catch(() => {});
    await Promise.race([produce(out), failed]);
    if (!out.writableFinished) {
      await Promise.race([new Promise<void>((resolve) => out.end(resolve)), failed]);
    }
    if (direct) return;
    putInPlace(tmp, file, shown, overwrite);
  } catch (e) {
    throw asOutFileError(e, shown);
  } finally {
    // Only the temporary file is ever removed (never a device or the file a link points to).
    if (!direct) removeQuietly(tmp);
  }
}

/**
 * Pieces written to a file as they are made, through a temporary file and a rename as
 * writeFileAtomic writes: synchronously, a piece written before the next is made (no stream, no
 * wait for it to drain). A device, a pipe or a link (writtenInPlace) is written through a stream.
 */
async function writePiecesAtomic(file: string, shown: string, pieces: Iterable<Buffer>, overwrite: boolean): Promise<void> {
  if (writtenInPlace(file)) return writeStreamAtomic(file, shown, (stream) => pipePieces(pieces, stream), overwrite);
  const tmp = tempFileOf(file);
  let fd: number | null = null;
  try {
    freshTemp(tmp);
    fd = fs.openSync(tmp, 'wx');
    for (const p of pieces) for (let off = 0; off < p.length; ) off += fs.writeSync(fd, p, off, p.length - off);
    fs.closeSync(fd);
    fd = null;
    putInPlace(tmp, file, shown, overwrite);
  } catch (e) {
    throw asOutFileError(e, shown);
  } finally {
    if (fd !== null) {
      try {
        fs.closeSync(fd);
      } catch {
        // the failure being thrown is the one to tell
      }
    }
    removeQuietly(tmp);
  }
}

/** Pieces written to a stream, waiting whenever it asks to (a streamed CSV to a device or a pipe). */
async function pipePieces(pieces: Iterable<Buffer>, out: Writable): Promise<void> {
  for (const p of pieces) {
    if (!out.write(p)) await new Promise<void>((resolve) => out.once('drain', resolve));
  }
}

/** stdout as a stream, for a workbook written to a pipe. */
function stdoutStream(env: EmitEnv): Writable {
  return writable((chunk) => env.stdout(chunk));
}

/** Render and write an output (awaited by every caller: its refusals are rejections). */
export async function emit(env: EmitEnv, o: Output, opts: OutputOpts): Promise<void> {
  const formats = formatsOf(o);
  const format = resolveFormat(opts, formats);
  if (!formats.includes(format)) throw new Refusal(OutputErrors.OUT_FORMAT(opts.out ?? '', '', format));
  const encoding = csvEncoding(opts.encoding);
  const xlsx: Omit<XlsxOptions, 'stream'> = { lang: env.lang, entity: env.entity };
  const streamedCsv = format === 'csv' && sectionsFor(o, 'csv').some((s) => s.each);
  if (opts.out) {
    const file = checkOutFile(env, opts.out, opts.force);
    // Replaced only with --force, or when it is an empty file (checkOutFile); otherwise a file that
    // appears meanwhile is not replaced.
    const replace = Boolean(opts.force) || isEmptyFile(file);
    if (format === 'xlsx') {
      await writeStreamAtomic(file, opts.out, (stream) => writeXlsx(o, { ...xlsx, stream }), replace);
    } else if (streamedCsv) {
      await writePiecesAtomic(file, opts.out, csvPieces(sectionsFor(o, 'csv'), env.lang, encoding), replace);
    } else if (format === 'json') {
      // A JSON holding a long list (JsonList) is written an item at a time: the same bytes as render().
      const json = o.json;
      if (holdsJsonList(json)) await writePiecesAtomic(file, opts.out, jsonBytes(json), replace);
      else writeFileAtomic(file, opts.out, Buffer.from(renderJson(json), 'utf8'), undefined, replace);
    } else {
      writeFileAtomic(file, opts.out, render(o, format, { lang: env.lang, entity: env.entity }, encoding), undefined, replace);
    }
    env.stderr(env.lang === 'en' ? `written to ${opts.out}\n` : `已写入 ${opts.out}\n`);
  } else if (format === 'xlsx') {
    // A workbook is not for the screen: to a terminal it is refused, to a pipe it is written.
    if (env.columns) throw new Refusal(ExcelErrors.XLSX_TO_TERMINAL(), 2);
    const stream = stdoutStream(env);
    await writeXlsx(o, { ...xlsx, stream });
  } else if (streamedCsv) {
    for (const p of csvPieces(sectionsFor(o, 'csv'), env.lang, encoding)) env.stdout(p);
  } else if (format === 'json') {
    const json = o.json;
    if (holdsJsonList(json)) for (const p of jsonBytes(json)) env.stdout(p);
    else env.stdout(Buffer.from(renderJson(json), 'utf8'));
  } else {
    env.stdout(render(o, format, env, encoding));
  }
}
