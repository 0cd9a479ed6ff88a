// Year-end figures: the net of every leaf account at the end of a year, for the closing entries.
import { addMonths } from '../domain/dates.js';
import type { Ledger } from './ledger.js';
import { leafNetBefore } from './queries.js';

export function netAtYearEnd(ledger: Ledger, year: number): Map<string, number> {
  return leafNetBefore(ledger, addMonths(`${year}-12`, 1));
}
