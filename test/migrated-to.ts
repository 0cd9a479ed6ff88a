// A database in memory as the migrations up to `version` leave it (the migration tests' start).
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../src/store/migrations/index.js';

export function migratedTo(version: number, foreignKeys: boolean): Database.Database {
  const db = new Database(':memory:');
  db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  for (const m of MIGRATIONS.filter((x) => x.version <= version)) {
    if (m.sql) db.exec(m.sql);
    m.up?.(db);
    db.pragma(`user_version = ${m.version}`);
  }
  return db;
}
