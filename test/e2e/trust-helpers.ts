// Shared by the trust tests: a digest of everything a ledger holds, read behind sanzi's back, and
// spawning the built CLI as a separate process.
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = path.join(ROOT, 'bin', 'sanzi.js');

/** SHA-256 over the schema and every row of every table (each table as one JSON text built by SQLite). */
export function ledgerDigest(file: string): string {
  const db = new Database(file, { fileMustExist: true });
  try {
    const h = crypto.createHash('sha256');
    const schema = db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").raw(true).all();
    h.update(JSON.stringify(schema));
    for (const [type, name] of schema as [string, string][]) {
      if (type !== 'table') continue;
      const cols = (db.pragma(`table_info("${name}")`) as { name: string }[]).map((c) => `"${c.name}"`).join(', ');
      h.update(`\n== ${name}\n`);
      h.update((db.prepare(`SELECT json_group_array(json_array(${cols})) FROM "${name}"`).pluck().get() as string) ?? '');
    }
    return h.digest('hex');
  } finally {
    db.close();
  }
}

/** Count rows of one table (read behind sanzi's back). */
export function count(file: string, table: string, where = '1'): number {
  const db = new Database(file, { fileMustExist: true });
  try {
    return db.prepare(`SELECT COUNT(*) FROM "${table}" WHERE ${where}`).pluck().get() as number;
  } finally {
    db.close();
  }
}

/** Run the built CLI in its own process and wait for it. */
export function sanziSync(args: string[], opts: { env?: Record<string, string>; cwd?: string; umask?: string } = {}): SpawnSyncReturns<string> & { ms: number } {
  const t0 = Date.now();
  const env = { ...process.env, SANZI_LANG: 'zh', ...(opts.env ?? {}) };
  const r = opts.umask
    ? spawnSync('sh', ['-c', `umask ${opts.umask} && exec "$0" "$@"`, process.execPath, BIN, ...args], { encoding: 'utf8', env, cwd: opts.cwd })
    : spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env, cwd: opts.cwd });
  return Object.assign(r, { ms: Date.now() - t0 });
}

/** Start the built CLI in its own process (to be watched or killed). */
export function sanziSpawn(args: string[], opts: { env?: Record<string, string>; umask?: string } = {}) {
  const env = { ...process.env, SANZI_LANG: 'zh', ...(opts.env ?? {}) };
  return opts.umask
    ? spawn('sh', ['-c', `umask ${opts.umask} && exec "$0" "$@"`, process.execPath, BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The permission bits of a file. */
export function mode(file: string): number {
  return fs.statSync(file).mode & 0o777;
}

/** Copy a ledger file (a closed one: no -wal). */
export function copyLedger(from: string, to: string): void {
  for (const s of ['', '-wal', '-shm']) fs.rmSync(to + s, { force: true });
  fs.copyFileSync(from, to);
}

/** No stack trace and no internal error in a CLI's stderr. */
export function clean(stderr: string): boolean {
  return !/\n\s+at |内部错误|internal error/.test(stderr);
}

/** The demo ledger (`npm run demo`) written to `db`, for tests that edit or read a realistic ledger. */
export function buildDemoLedger(db: string, cwd: string): void {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'tools', 'demo.js')], {
    env: { ...process.env, SANZI_DEMO_DB: db },
    cwd,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`npm run demo failed:\n${r.stderr}`);
}

/**
 * Edit an index's entries and not its table's rows, as a hex editor would: the index is made, for a
 * moment, a WITHOUT ROWID table over its own b-tree (same record format), edited, and put back.
 * `extra`: the table has a column `x` more after the index's, so that an entry can be given a field
 * past its key.
 */
export function tamperIndex(file: string, index: string, sql: (alias: string) => string, extra = false): void {
  let db = new Database(file);
  const def = db.prepare("SELECT tbl_name, sql FROM sqlite_schema WHERE type = 'index' AND name = ?").get(index) as { tbl_name: string; sql: string };
  const cols = (db.prepare('SELECT cid, name FROM pragma_index_xinfo(?) ORDER BY seqno').raw(true).all(index) as [number, string | null][]).map(([cid, n]) => (cid === -1 ? 'rid' : n!));
  const alias = 'index_as_table';
  db.unsafeMode(true);
  db.pragma('writable_schema = ON');
  db.prepare("UPDATE sqlite_schema SET type = 'table', name = ?, tbl_name = ?, sql = ? WHERE name = ?").run(
    alias,
    alias,
    `CREATE TABLE ${alias}(${cols.join(', ')}${extra ? ', x' : ''}, PRIMARY KEY (${cols.join(', ')})) WITHOUT ROWID`,
    index,
  );
  db.close();
  db = new Database(file);
  db.exec(sql(alias));
  db.close();
  db = new Database(file);
  db.unsafeMode(true);
  db.pragma('writable_schema = ON');
  db.prepare("UPDATE sqlite_schema SET type = 'index', name = ?, tbl_name = ?, sql = ? WHERE name = ?").run(index, def.tbl_name, def.sql, alias);
  db.close();
}

/**
 * Edit a ledger behind sanzi's back (SQL, or code given the connection), with its triggers and
 * foreign keys out of the way; the triggers are put back after, but a dropped table's.
 */
export function tamperFreely(file: string, edit: string | ((db: Database.Database) => void), before?: (db: Database.Database) => void): void {
  const db = new Database(file);
  try {
    before?.(db);
    db.pragma('foreign_keys = OFF');
    const triggers = db.prepare("SELECT name, tbl_name AS tbl, sql FROM sqlite_schema WHERE type = 'trigger'").all() as { name: string; tbl: string; sql: string }[];
    for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
    if (typeof edit === 'string') db.exec(edit);
    else edit(db);
    const tables = new Set(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]);
    for (const t of triggers) if (tables.has(t.tbl)) db.exec(t.sql);
  } finally {
    db.close();
  }
}
