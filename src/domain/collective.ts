// Whose books a ledger holds: the collective's name and 统一社会信用代码 (init --name, --code).
import type { LedgerError } from './errors.js';
import { TrustErrors } from './errors/trust.js';

export interface Collective {
  name: string;
  code: string | null;
}

/**
 * A backup put in place of a collective's books must be the same collective's: the same name, and
 * the same credit code where both have one (the usual slip where a township keeps many villages'
 * books). `other` says it is meant. Null when it may go ahead.
 */
export function checkSameCollective(label: string, now: Collective, then: Collective, other: boolean): LedgerError | null {
  if (other) return null;
  const differs = now.name !== then.name || (now.code !== null && then.code !== null && now.code !== then.code);
  return differs ? TrustErrors.RESTORE_OTHER_COLLECTIVE(label, now, then) : null;
}
