// What a command may touch: the ledger path, the language, who is working, the output streams and
// the clock.
import type { Lang, Refusal, Text } from '../domain/errors.js';

export interface Context {
  lang: Lang;
  dbPath: string;
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: (chunk: string | Buffer) => void;
  stderr: (chunk: string) => void;
  /** The clock: only here, so that tests can fix it. */
  now: () => Date;
  /** Who is working, for the audit trail: --by, else the OS user. */
  by: string;
  /** The name given with --by, when it was (a reviewer must name themselves). */
  byGiven?: string;
  /** True when stderr is a terminal (progress bars). */
  stderrIsTTY: boolean;
  /** The terminal's width when stdout is a terminal (tables are fitted to it). */
  columns?: number;
}

export interface MainIO {
  stdout?: (chunk: string | Buffer) => void;
  stderr?: (chunk: string) => void;
  env?: Record<string, string | undefined>;
  cwd?: string;
  now?: () => Date;
  stderrIsTTY?: boolean;
  columns?: number;
  /** The OS user (default: os.userInfo()). */
  user?: string;
  /** Called with a refusal before it is printed (tests assert the error codes). */
  onRefusal?: (r: Refusal) => void;
}

/** Local wall-clock time as 'YYYY-MM-DD HH:MM:SS'. */
export function timestamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export function today(d: Date): string {
  return timestamp(d).slice(0, 10);
}

/** Pick the message of the context's language. */
export function t(ctx: { lang: Lang }, zh: string, en: string): string {
  return ctx.lang === 'en' ? en : zh;
}

export function tr(ctx: { lang: Lang }, text: Text): string {
  return ctx.lang === 'en' ? text.en : text.zh;
}
