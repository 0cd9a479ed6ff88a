// Projects (项目): ventures with their own share register and par (每股金额); `main` is the
// collective's own register. Pure: no clock, no I/O.
import type { LedgerError } from './errors.js';
import { ShareErrors } from './errors/shares.js';
import { checkAccountAdd, type ChartLookup } from './accounts.js';
import type { Fen } from './money.js';

/** The collective's own register of member shares (本集体股份), there from `init`. */
export const MAIN_PROJECT = 'main';

/** Where a project's capital goes unless it names a sub-account of 301. */
export const DEFAULT_CAPITAL_ACCOUNT = '301'; // 资本

export interface Project {
  code: string;
  name: string;
  /** 每股金额 in fen. */
  par: Fen;
  /** 301 资本 or one of its sub-accounts. */
  capitalAccount: string;
}

export interface ProjectLookup {
  project(code: string): Pick<Project, 'code' | 'name'> | undefined;
  chart: ChartLookup;
}

/**
 * `project add`: a code of letters, digits, - and _ (at most 20) not taken, a name, a par above
 * zero, and a capital account that is 301 or a sub-account of it; a sub-account that does not
 * exist yet is created under the project's name (`createAccount`), so it must be addable.
 * Returns every error found.
 */
export function checkProjectAdd(p: Project, lookup: ProjectLookup): { errors: LedgerError[]; createAccount: boolean } {
  const errors: LedgerError[] = [];
  if (!/^[A-Za-z0-9_-]{1,20}$/.test(p.code)) errors.push(ShareErrors.PROJECT_CODE(p.code));
  if (p.name === '') errors.push(ShareErrors.PROJECT_NAME());
  if (p.par <= 0) errors.push(ShareErrors.PROJECT_PAR());
  const existing = lookup.project(p.code);
  if (existing) errors.push(ShareErrors.PROJECT_EXISTS(p.code, existing.name));
  if (!/^301(\d\d)*$/.test(p.capitalAccount)) {
    errors.push(ShareErrors.PROJECT_CAPITAL_ACCOUNT(p.capitalAccount));
    return { errors, createAccount: false };
  }
  const createAccount = !lookup.chart.account(p.capitalAccount);
  if (createAccount && p.name !== '') errors.push(...checkAccountAdd(p.capitalAccount, p.name, lookup.chart).errors);
  return { errors, createAccount };
}
