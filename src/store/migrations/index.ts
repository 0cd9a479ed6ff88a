// Migrations, one file per version; applied in order, each in its own transaction.
import { sql as v1 } from './001-ledger.js';
import { sql as v2 } from './002-shares.js';
import { sql as v3 } from './003-registers.js';
import { sql as v4 } from './004-dividends.js';

export const MIGRATIONS: { version: number; sql: string }[] = [
  { version: 1, sql: v1 },
  { version: 2, sql: v2 },
  { version: 3, sql: v3 },
  { version: 4, sql: v4 },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
