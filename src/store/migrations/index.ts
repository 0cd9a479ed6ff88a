// Migrations, one file per version; applied in order, each in its own transaction.
import { sql as v1 } from './001-ledger.js';

export const MIGRATIONS: { version: number; sql: string }[] = [{ version: 1, sql: v1 }];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
