// An account named the way accountants write it: by its path of names, 银行存款—农商行基本户 or
// 经营收入-门票收入 or 银行存款/基本户, with any of — – - / (full-width too) between the levels.
// A path names the account whose names, from the first level down, are those given; when no
// account has the whole path, the given names may be the last levels of one (基本户 alone, when
// only one account is called that). It must name exactly one leaf: a parent is refused with its
// leaves, several accounts with the candidates.
import { withSource, type LedgerError, type Source } from './errors.js';
import { AccountPathErrors } from './errors/excel.js';

export interface PathAccount {
  code: string;
  name: string;
  parent: string | null;
  isLeaf: boolean;
}

/** Separators between the levels of a path of names. */
const SEPARATORS = /\s*[—–\-/－／―]+\s*/g;

/** A path as its names, separators and spaces around them folded away. */
function segments(path: string): string[] {
  return path
    .trim()
    .split(SEPARATORS)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** A text that is an account code (digits only) rather than a path of names. */
export function isAccountCode(s: string): boolean {
  if (s === '') return true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Resolves paths of names against a chart of accounts; built once per import, each distinct path
 * looked up once.
 */
export class AccountPaths {
  private readonly paths: { account: PathAccount; names: string[] }[];
  private readonly byCode = new Map<string, PathAccount>();
  private readonly cache = new Map<string, { code: string } | { error: LedgerError }>();

  constructor(accounts: readonly PathAccount[]) {
    for (const a of accounts) this.byCode.set(a.code, a);
    this.paths = accounts.map((a) => ({ account: a, names: this.namesOf(a) }));
  }

  /** The names of an account from its first level down (a name with a separator in it is split the same way as a path). */
  private namesOf(a: PathAccount): string[] {
    const up: string[] = [];
    for (let x: PathAccount | undefined = a; x; x = x.parent ? this.byCode.get(x.parent) : undefined) up.unshift(...segments(x.name));
    return up;
  }

  /** "10201 银行存款—基本户": how an account is shown among candidates. */
  private show(a: PathAccount): string {
    return `${a.code} ${this.namesOf(a).join('—')}`;
  }

  private leavesUnder(code: string): PathAccount[] {
    return this.paths.map((p) => p.account).filter((a) => a.isLeaf && a.code !== code && a.code.startsWith(code));
  }

  /** The leaf a path of names stands for, or why it stands for none. */
  resolve(path: string): { code: string } | { error: LedgerError } {
    const cached = this.cache.get(path);
    if (cached) return cached;
    const r = this.lookup(path);
    this.cache.set(path, r);
    return r;
  }

  private lookup(path: string): { code: string } | { error: LedgerError } {
    const want = segments(path);
    const shown = path.trim();
    if (want.length === 0) return { error: AccountPathErrors.ACCOUNT_PATH_UNKNOWN(shown) };
    const same = (names: string[], from: number) => want.every((w, i) => names[from + i] === w);
    let found = this.paths.filter((p) => p.names.length === want.length && same(p.names, 0));
    if (found.length === 0) found = this.paths.filter((p) => p.names.length > want.length && same(p.names, p.names.length - want.length));
    if (found.length === 0) return { error: AccountPathErrors.ACCOUNT_PATH_UNKNOWN(shown) };
    if (found.length > 1) return { error: AccountPathErrors.ACCOUNT_PATH_AMBIGUOUS(shown, found.map((p) => this.show(p.account)).join('、')) };
    const a = found[0].account;
    if (!a.isLeaf) {
      const leaves = this.leavesUnder(a.code);
      return { error: AccountPathErrors.ACCOUNT_PATH_NOT_LEAF(shown, a.code, leaves.map((l) => this.show(l)).join('、')) };
    }
    return { code: a.code };
  }
}

/**
 * The lines whose account is a path of names (银行存款—基本户) get the leaf's code; the paths that
 * name no single leaf are returned as errors at their lines.
 */
export function resolveLinePaths(lines: { account: string; source?: Source }[], paths: () => AccountPaths): LedgerError[] {
  const errors: LedgerError[] = [];
  for (const l of lines) {
    if (isAccountCode(l.account)) continue;
    const r = paths().resolve(l.account);
    if ('error' in r) errors.push(withSource(r.error, l.source));
    else l.account = r.code;
  }
  return errors;
}
