// Migrations, one file per version; applied in order, each in its own transaction.
import type { DB } from '../db.js';
import { sql as v1 } from './001-ledger.js';
import { sql as v2 } from './002-shares.js';
import { sql as v3 } from './003-registers.js';
import { sql as v4 } from './004-dividends.js';
import { sql as v5, up as up5 } from './005-audit.js';
import { sql as v6, up as up6 } from './006-cancellations.js';
import { sql as v7, up as up7 } from './007-controls.js';
import { sql as v8 } from './008-holdings.js';
import { sql as v9 } from './009-contract-ends.js';
import { sql as v10 } from './010-refund-cancellations.js';
import { sql as v11 } from './011-resource-status.js';
import { sql as v12 } from './012-resource-status-cancellations.js';
import { sql as v13 } from './013-voucher-kind-indexes.js';

export interface Migration {
  version: number;
  sql?: string;
  /** A step that needs more than SQL (e.g. a baseline audit record over rows written before). */
  up?: (db: DB) => void;
}

export const MIGRATIONS: Migration[] = [
  { version: 1, sql: v1 },
  { version: 2, sql: v2 },
  { version: 3, sql: v3 },
  { version: 4, sql: v4 },
  { version: 5, sql: v5, up: up5 },
  { version: 6, sql: v6, up: up6 },
  { version: 7, sql: v7, up: up7 },
  { version: 8, sql: v8 },
  { version: 9, sql: v9 },
  { version: 10, sql: v10 },
  { version: 11, sql: v11 },
  { version: 12, sql: v12 },
  { version: 13, sql: v13 },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
