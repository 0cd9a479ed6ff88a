// What an import's reader asks of the ledger while it checks the vouchers of a file, answered from
// what the write read under its lock (ImportStart), in whichever thread the reader runs.
import type { LedgerLookup } from '../domain/voucher.js';
import type { PeriodLookup } from '../domain/periods.js';
import { IdSet, packIds, type PackedIds } from '../domain/id-set.js';
import type { ImportStart } from '../store/write-tx.js';

/**
 * The ledger's accounts, members, projects and closed months as the posting checks ask for them;
 * the sets are made when first asked. A month and a project are asked of voucher after voucher:
 * the last answer is kept (a comparison of the text instead of its hash and a look-up).
 */
export function startLookups(start: ImportStart & { memberIds?: PackedIds }): LedgerLookup & PeriodLookup {
  const accounts = new Map(start.accounts.map((a) => [a.code, a]));
  let members: IdSet | null = null;
  let projects: Set<string> | null = null;
  let closed: Set<string> | null = null;
  let lastProject = '';
  let lastProjectKnown = false;
  let lastMonth = '';
  let lastMonthClosed = false;
  return {
    account: (code: string) => accounts.get(code),
    hasMember: (id: string) => (members ??= new IdSet(start.memberIds ?? packIds(start.members))).has(id),
    hasProject: (code: string) => {
      if (code !== lastProject || lastProject === '') {
        lastProjectKnown = (projects ??= new Set(start.projects)).has(code);
        lastProject = code;
      }
      return lastProjectKnown;
    },
    isClosed: (p: string) => {
      if (p !== lastMonth || lastMonth === '') {
        lastMonthClosed = (closed ??= new Set(start.closed)).has(p);
        lastMonth = p;
      }
      return lastMonthClosed;
    },
    startPeriod: () => start.start,
  };
}
