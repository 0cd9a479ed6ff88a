// The one way a report or list leaves the program: --format (or the --out file's extension),
// --out with --force, --encoding. Writes to a file go through a temporary file and a rename, so a
// failed write never leaves half a report behind.
import fs from 'node:fs';
import path from 'node:path';
import { Refusal, type Lang, type Text } from '../domain/errors.js';
import { OutputErrors } from '../domain/errors/output.js';
import { FORMATS, normalizeOutput, type Format, type LegacyOutput, type Output, type OutputOpts, type Section } from './output.js';
import { encodeCsv, renderCsvText, renderJson, renderTable } from './render.js';
import { outputHtml } from './html.js';

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
}

/** The formats an Output can be written in. */
function formatsOf(_o: Output): readonly Format[] {
  return FORMATS;
}

const EXTENSIONS: Record<string, Format> = { '.csv': 'csv', '.json': 'json', '.html': 'html' };

/** --format when given, else the --out file's extension (among `formats`), else a table. */
export function resolveFormat(opts: OutputOpts, formats: readonly Format[] = FORMATS): Format {
  const ext = opts.out ? path.extname(opts.out).toLowerCase() : '';
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

/** The bytes of an output in a format. */
export function render(o: Output, format: Format, env: Pick<EmitEnv, 'lang' | 'entity'> & { columns?: number }, encoding: 'utf8' | 'gbk' = 'utf8'): Buffer {
  switch (format) {
    case 'json':
      return Buffer.from(renderJson(o.json), 'utf8');
    case 'csv':
      return encodeCsv(renderCsvText(sectionsFor(o, 'csv'), env.lang), encoding);
    case 'table': {
      const text = o.sections.map((s) => renderTable(s, env.lang, env.columns)).join('\n');
      return Buffer.from(text, 'utf8');
    }
    case 'html':
      return Buffer.from(outputHtml(o, env.lang, o.entity ?? env.entity), 'utf8');
  }
}

const FILE_REASONS: Record<string, Text> = {
  ENOENT: { zh: '文件或文件夹不存在', en: 'no such file or folder' },
  ENOTDIR: { zh: '路径中有一段不是文件夹', en: 'a part of the path is not a folder' },
  EISDIR: { zh: '这是一个文件夹', en: 'it is a folder' },
  EACCES: { zh: '没有权限', en: 'permission denied' },
  EPERM: { zh: '没有权限', en: 'operation not permitted' },
  EROFS: { zh: '所在磁盘只读', en: 'read-only file system' },
  ENOSPC: { zh: '磁盘已满', en: 'no space left on the disk' },
  EEXIST: { zh: '文件已存在', en: 'it already exists' },
  ENAMETOOLONG: { zh: '文件名太长', en: 'the file name is too long' },
};

/** Why a file operation failed, in words (the system's message when the code is not a common one). */
export function fileReason(e: unknown): Text {
  const err = e as NodeJS.ErrnoException;
  return FILE_REASONS[err?.code ?? ''] ?? { zh: err?.message ?? String(e), en: err?.message ?? String(e) };
}

/** Refuse an --out that exists (without --force) or whose folder is missing; the absolute path. */
export function checkOutFile(env: Pick<EmitEnv, 'cwd'>, out: string, force: boolean | undefined): string {
  const file = path.resolve(env.cwd, out);
  const dir = path.dirname(file);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new Refusal(OutputErrors.OUT_DIR(out, path.dirname(out) || '.'));
  if (fs.existsSync(file)) {
    if (fs.statSync(file).isDirectory()) throw new Refusal(OutputErrors.OUT_FILE(out, FILE_REASONS.EISDIR.zh, FILE_REASONS.EISDIR.en));
    if (!force) throw new Refusal(OutputErrors.OUT_EXISTS(out));
  }
  return file;
}

/**
 * Write bytes to a file through a temporary file in the same folder, so that a failed write leaves
 * nothing behind. Without `overwrite`, a file that appeared meanwhile is not replaced (OUT_EXISTS).
 */
export function writeFileAtomic(file: string, shown: string, bytes: Buffer | string, mode?: number, overwrite = true): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, bytes, mode === undefined ? undefined : { mode });
    if (overwrite) fs.renameSync(tmp, file);
    else placeNew(tmp, file, shown);
  } catch (e) {
    if (e instanceof Refusal) throw e;
    const why = fileReason(e);
    throw new Refusal(OutputErrors.OUT_FILE(shown, why.zh, why.en));
  } finally {
    fs.rmSync(tmp, { force: true });
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

/** Render and write an output (awaited by every caller: its refusals are rejections). */
export async function emit(env: EmitEnv, given: Output | LegacyOutput, opts: OutputOpts): Promise<void> {
  const o = normalizeOutput(given);
  const formats = formatsOf(o);
  const format = resolveFormat(opts, formats);
  if (!formats.includes(format)) throw new Refusal(OutputErrors.OUT_FORMAT(opts.out ?? '', '', format));
  const encoding = (opts.encoding ?? 'utf8') as 'utf8' | 'gbk';
  if (opts.out) {
    const file = checkOutFile(env, opts.out, opts.force);
    writeFileAtomic(file, opts.out, render(o, format, { lang: env.lang, entity: env.entity }, encoding), undefined, Boolean(opts.force));
    env.stderr(env.lang === 'en' ? `written to ${opts.out}\n` : `已写入 ${opts.out}\n`);
  } else {
    env.stdout(render(o, format, env, encoding));
  }
}
