// Projects (项目): lookups and the write of a new one.
import { Refusal } from '../domain/errors.js';
import { ShareErrors } from '../domain/errors/shares.js';
import type { Project, ProjectLookup } from '../domain/projects.js';
import { parentOf } from '../domain/accounts.js';
import type { Ledger, WriteTx } from './ledger.js';
import { sqlOf, stmt } from './internal.js';

/** A project row as stored (the domain's Project). */
export type ProjectRow = Project;

const COLS = 'code, name, par, capital_account AS capitalAccount';

export function getProject(ledger: Ledger, code: string): ProjectRow | undefined {
  return stmt(ledger, `SELECT ${COLS} FROM projects WHERE code = ?`).get(code) as ProjectRow | undefined;
}

/** The project, or a refusal naming the unknown code. */
export function requireProject(ledger: Ledger, code: string): ProjectRow {
  const p = getProject(ledger, code);
  if (!p) throw new Refusal(ShareErrors.PROJECT_UNKNOWN(code));
  return p;
}

/** Every project, `main` first, then by code. */
export function listProjects(ledger: Ledger): ProjectRow[] {
  return sqlOf(ledger).prepare(`SELECT ${COLS} FROM projects ORDER BY code = 'main' DESC, code`).all() as ProjectRow[];
}

/** What checkProjectAdd needs: the projects and the chart. */
export function projectLookup(ledger: Ledger): ProjectLookup {
  return { project: (code) => getProject(ledger, code), chart: ledger };
}

/** A new project; its capital sub-account, when it does not exist yet, under 301 with the project's name. */
export function insertProject(tx: WriteTx, p: ProjectRow, createAccount: boolean): void {
  if (createAccount) {
    const parent = tx.ledger.account(parentOf(p.capitalAccount)!)!;
    tx.insertAccount(p.capitalAccount, p.name, parent);
  }
  sqlOf(tx)
    .prepare('INSERT INTO projects(code, name, par, capital_account, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(p.code, p.name, p.par, p.capitalAccount, tx.now);
  tx.ledger.invalidate();
}
