// Option values: parsed by the domain's parsers, refused with the option's name. A value that is
// not what its option takes (not a date, a month of 13, a rate over its limit) is bad command-line
// usage: exit 2, as an unknown option or a --format outside its choices is. A reason left blank is
// a refusal of the request (exit 1), as the other preconditions of a recorded correction are.
import { Refusal } from '../domain/errors.js';
import { UsageErrors } from '../domain/errors/usage.js';
import { parseAmount, parseDecimal, parsePercent, type Decimal, type Fen } from '../domain/money.js';
import { parseDate, parsePeriod, parseYear, type IsoDate, type Period } from '../domain/dates.js';

/** An argument named in each language (年度 / year), or an option (--year) named the same in both. */
export type ArgName = string | { zh: string; en: string };

function bad(opt: ArgName, reason: string, reasonEn: string): never {
  const name = typeof opt === 'string' ? { zh: opt, en: opt } : opt;
  throw new Refusal(UsageErrors.OPTION_VALUE(name.zh, reason, reasonEn, name.en), 2);
}

/** The names of the year and month arguments of the period and year commands. */
export const YEAR_ARG = { zh: '年度', en: 'year' };
export const MONTH_ARG = { zh: '月份', en: 'month' };

export function optDate(value: string, opt: string): IsoDate {
  const r = parseDate(value);
  if (!r.ok) bad(opt, r.reason, r.reasonEn);
  return r.value;
}

export function optPeriod(value: string, opt: ArgName): Period {
  const r = parsePeriod(value);
  if (!r.ok) bad(opt, r.reason, r.reasonEn);
  return r.value;
}

export function optYear(value: string, opt: ArgName): number {
  const r = parseYear(value);
  if (!r.ok) bad(opt, r.reason, r.reasonEn);
  return r.value;
}

export function optAmount(value: string, opt: string, allowNegative = false): Fen {
  const r = parseAmount(value, { allowNegative });
  if (!r.ok) bad(opt, r.reason, r.reasonEn);
  return r.value;
}

export function optPercent(value: string, opt: string, max = 100): Decimal {
  const r = parsePercent(value);
  if (!r.ok) bad(opt, r.reason, r.reasonEn);
  if (r.value.gt(max / 100)) throw new Refusal(UsageErrors.RATE_TOO_HIGH(opt, max), 2);
  return r.value;
}

export function optDecimal(value: string, opt: string, maxDecimals = 4): Decimal {
  const r = parseDecimal(value, maxDecimals);
  if (!r.ok) bad(opt, r.reason, r.reasonEn);
  return r.value;
}

export function optInt(value: string, opt: string): number {
  if (!/^\d+$/.test(value.trim())) throw new Refusal(UsageErrors.NOT_A_WHOLE_NUMBER(opt, value), 2);
  return Number(value.trim());
}

/** A --reason that is recorded: required and not blank. */
export function optReason(value: string | undefined, opt = '--reason'): string {
  const r = (value ?? '').trim();
  if (r === '') throw new Refusal(UsageErrors.REASON_REQUIRED(opt));
  return r;
}

/** Collect a repeatable option's values. */
export function collect(v: string, prev: string[] = []): string[] {
  return [...prev, v];
}
