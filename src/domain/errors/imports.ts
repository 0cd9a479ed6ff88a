// Imports: all or nothing, every bad row listed (up to a limit).
import { catalogue, Refusal, type LedgerError } from '../errors.js';

export const ImportErrors = catalogue({
  TOO_MANY_ERRORS: (more: number) => ({
    zh: `……另有 ${more} 处错误未列出；没有写入任何数据`,
    en: `… and ${more} more errors; nothing was written`,
  }),
});

/** The most errors listed for one file; the rest are counted. */
export const MAX_REPORTED_ERRORS = 500;

/** The refusal of a whole import: the first MAX_REPORTED_ERRORS errors, and how many more there were. */
export function importRefusal(errors: readonly LedgerError[], total: number): Refusal {
  const list = errors.slice(0, MAX_REPORTED_ERRORS);
  if (total > list.length) list.push(ImportErrors.TOO_MANY_ERRORS(total - list.length));
  return new Refusal(list);
}
