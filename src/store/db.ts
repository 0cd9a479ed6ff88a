// Opening a ledger file: pragmas, identity, migrations.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { Refusal, ledgerError } from '../domain/errors.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations/index.js';

export type DB = Database.Database;

/** The application id stamped into every sanzi ledger ("SANZ"). */
export const APPLICATION_ID = 0x53414e5a;

function pragmas(db: DB): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 10000');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
}

function notALedger(path: string): Refusal {
  return new Refusal(
    ledgerError('NOT_A_LEDGER', `「${path}」不是 sanzi 账套文件`, `"${path}" is not a sanzi ledger`),
  );
}

export function migrate(db: DB): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

/** Create a new ledger file; refuses an existing one. */
export function createLedgerFile(path: string): DB {
  if (fs.existsSync(path)) {
    throw new Refusal(
      ledgerError('LEDGER_EXISTS', `账套文件「${path}」已存在，不会覆盖`, `ledger "${path}" already exists; it will not be overwritten`),
    );
  }
  let db: DB;
  try {
    db = new Database(path);
  } catch (e) {
    throw new Refusal(
      ledgerError('LEDGER_CREATE', `无法创建账套文件「${path}」：${(e as Error).message}`, `cannot create "${path}": ${(e as Error).message}`),
    );
  }
  pragmas(db);
  db.pragma(`application_id = ${APPLICATION_ID}`);
  migrate(db);
  return db;
}

/** Open an existing ledger; refuses a missing file, a file that is not a ledger, or a newer one. */
export function openLedgerFile(path: string, opts: { readonly?: boolean } = {}): DB {
  if (!fs.existsSync(path)) {
    throw new Refusal(
      ledgerError(
        'LEDGER_MISSING',
        `账套文件「${path}」不存在（先用 sanzi init 建账，或用 --db 指定账套）`,
        `ledger "${path}" does not exist (create it with sanzi init, or name it with --db)`,
      ),
    );
  }
  let db: DB;
  try {
    db = new Database(path, { fileMustExist: true });
    const appId = db.pragma('application_id', { simple: true }) as number;
    if (appId !== APPLICATION_ID) {
      db.close();
      throw notALedger(path);
    }
  } catch (e) {
    if (e instanceof Refusal) throw e;
    throw notALedger(path);
  }
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    db.close();
    throw new Refusal(
      ledgerError(
        'LEDGER_TOO_NEW',
        `账套「${path}」由更新版本的 sanzi 建立（格式版本 ${version}，本程序支持到 ${SCHEMA_VERSION}），请升级 sanzi`,
        `ledger "${path}" was written by a newer sanzi (schema ${version}, this program knows up to ${SCHEMA_VERSION}); upgrade sanzi`,
      ),
    );
  }
  pragmas(db);
  if (!opts.readonly) migrate(db);
  return db;
}
