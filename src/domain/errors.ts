// Errors are values: a code, a message in Chinese and English, and where they came from.
// Each concept keeps its codes in a catalogue (src/domain/errors/*.ts): one constructor per code,
// so every code a user or a script can see is listed in one obvious place.

export interface Source {
  file?: string;
  line?: number;
  /** A voucher reference such as 2024-03/5 (记字第5号 of March 2024). */
  voucher?: string;
}

export interface LedgerError {
  code: string;
  zh: string;
  en: string;
  source?: Source;
}

export type Lang = 'zh' | 'en';

/** A message in both languages. */
export interface Text {
  zh: string;
  en: string;
}

export function ledgerError(code: string, zh: string, en: string, source?: Source): LedgerError {
  return source ? { code, zh, en, source } : { code, zh, en };
}

export function withSource(e: LedgerError, source: Source | undefined): LedgerError {
  if (!source) return e;
  return { ...e, source: { ...source, ...e.source } };
}

/** `FILE:LINE: message`, `凭证 2024-03/5: message`, or the message alone. */
export function formatError(e: LedgerError, lang: Lang): string {
  const msg = lang === 'en' ? e.en : e.zh;
  const s = e.source;
  if (!s) return msg;
  if (s.file !== undefined) return `${s.file}:${s.line ?? 1}: ${msg}`;
  if (s.voucher !== undefined) return `${lang === 'en' ? 'voucher' : '凭证'} ${s.voucher}: ${msg}`;
  return msg;
}

/** Exit codes of the contract: 1 refused input/state, 2 usage, 3 verify found damage. */
export type ExitCode = 1 | 2 | 3;

/** A refusal carrying every error found; thrown by commands, turned into an exit code by the CLI. */
export class Refusal extends Error {
  readonly errors: LedgerError[];
  readonly exitCode: ExitCode;
  constructor(errors: LedgerError[] | LedgerError, exitCode: ExitCode = 1) {
    const list = Array.isArray(errors) ? errors : [errors];
    super(list.map((e) => formatError(e, 'zh')).join('\n'));
    this.errors = list;
    this.exitCode = exitCode;
  }
}

/** Throw when a check found anything; every error goes out at once. */
export function refuseAll(errors: readonly LedgerError[], exitCode: ExitCode = 1): void {
  if (errors.length) throw new Refusal([...errors], exitCode);
}

type Messages = Record<string, (...args: never[]) => Text>;
export type Catalogue<M extends Messages> = { readonly [K in keyof M]: (...args: Parameters<M[K]>) => LedgerError } & {
  readonly codes: readonly string[];
};

/**
 * A catalogue of error codes: `catalogue({ PERIOD_CLOSED: (p: string) => ({ zh, en }) })` gives
 * `E.PERIOD_CLOSED(p)`, a LedgerError whose code is the key. Attach a source with withSource().
 */
export function catalogue<M extends Messages>(messages: M): Catalogue<M> {
  const out: Record<string, unknown> = { codes: Object.keys(messages) };
  for (const [code, msg] of Object.entries(messages)) {
    out[code] = (...args: never[]) => {
      const t = msg(...args);
      return { code, zh: t.zh, en: t.en };
    };
  }
  return out as Catalogue<M>;
}
