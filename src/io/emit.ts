// The one way a report or list leaves the program: --format (or the --out file's extension),
// --out with --force, --encoding. Writes to a file go through a temporary file and a rename, so a
// failed write never leaves half a report behind.
import fs from 'node:fs';
import path from 'node:path';
import { Refusal, type Lang } from '../domain/errors.js';
import { OutputErrors } from '../domain/errors/output.js';
import { FORMATS, normalizeOutput, type Format, type LegacyOutput, type Output, type OutputOpts, type Section } from './output.js';
import { encodeCsv, renderCsvText, renderJson, renderTable } from './render.js';

/** What emit() needs of the command's context (the CLI context satisfies it). */
export interface EmitEnv {
  lang: Lang;
  cwd: string;
  stdout: (chunk: string | Buffer) => void;
  stderr: (chunk: string) => void;
  /** The terminal's width, when stdout is a terminal: tables are fitted to it. */
  columns?: number;
}

/** The formats an Output can be written in: FORMATS, and html when it carries a page. */
function formatsOf(o: Output): readonly Format[] {
  return o.html === undefined ? FORMATS : [...FORMATS, 'html'];
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
export function render(o: Output, format: Format, env: Pick<EmitEnv, 'lang'> & { columns?: number }, encoding: 'utf8' | 'gbk' = 'utf8'): Buffer {
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
      if (o.html === undefined) throw new Refusal(OutputErrors.OUT_FORMAT('', '', format));
      return Buffer.from(o.html, 'utf8');
  }
}

/** Refuse an --out that exists (without --force) or whose folder is missing; the absolute path. */
export function checkOutFile(env: Pick<EmitEnv, 'cwd'>, out: string, force: boolean | undefined): string {
  const file = path.resolve(env.cwd, out);
  const dir = path.dirname(file);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new Refusal(OutputErrors.OUT_DIR(out, path.dirname(out) || '.'));
  if (fs.existsSync(file)) {
    if (!force) throw new Refusal(OutputErrors.OUT_EXISTS(out));
    if (fs.statSync(file).isDirectory()) throw new Refusal(OutputErrors.OUT_FILE(out, 'is a directory'));
  }
  return file;
}

/** Write bytes to a file through a temporary file in the same folder. */
export function writeFileAtomic(file: string, shown: string, bytes: Buffer | string, mode?: number): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, bytes, mode === undefined ? undefined : { mode });
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new Refusal(OutputErrors.OUT_FILE(shown, (e as Error).message));
  }
}

export async function emit(env: EmitEnv, given: Output | LegacyOutput, opts: OutputOpts): Promise<void> {
  const o = normalizeOutput(given);
  const formats = formatsOf(o);
  const format = resolveFormat(opts, formats);
  if (!formats.includes(format)) throw new Refusal(OutputErrors.OUT_FORMAT(opts.out ?? '', '', format));
  const encoding = (opts.encoding ?? 'utf8') as 'utf8' | 'gbk';
  if (opts.out) {
    const file = checkOutFile(env, opts.out, opts.force);
    writeFileAtomic(file, opts.out, render(o, format, { lang: env.lang }, encoding));
    env.stderr(env.lang === 'en' ? `written to ${opts.out}\n` : `已写入 ${opts.out}\n`);
  } else {
    env.stdout(render(o, format, env, encoding));
  }
}
