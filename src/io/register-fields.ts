// Reading the fields of a register row (asset, resource, contract) from strings, whether they come
// from a CSV row or from command-line options: each problem becomes an error naming the field.
import { refuseAll, type LedgerError, type Source, type Text } from '../domain/errors.js';
import { InputErrors } from '../domain/errors/input.js';
import { RegisterErrors } from '../domain/errors/registers.js';
import { Decimal, foldWidth, parseAmount, parseDecimal, parsePercent, type Fen } from '../domain/money.js';
import { parseDate, type IsoDate } from '../domain/dates.js';
import type { RegisterRow } from '../domain/registers.js';
import { readCsv, type ColumnSpec } from './csv-read.js';

/** A register row read by `read`: the entry, or null when a field was bad (its errors are on the reader). */
export type ReadEntry<T> = (r: FieldReader) => T | null;

/**
 * Every row of a register file, read without the ledger: each with its line, the code it names
 * (so a duplicate is found even on a bad row) and its entry; and every field error, by line.
 */
export async function readRegisterFile<T>(file: string, columns: ColumnSpec[], read: ReadEntry<T>, sheet?: string): Promise<{ rows: RegisterRow<T>[]; errors: LedgerError[] }> {
  const rows: RegisterRow<T>[] = [];
  const errors: LedgerError[] = [];
  await readCsv(file, {
    sheet,
    columns,
    collect: errors,
    onRow: (row) => {
      const source = { file, line: row.line };
      const r = new FieldReader((k) => row.get(k), columns, source);
      const entry = read(r);
      errors.push(...r.errors);
      rows.push({ source, code: r.raw('code'), entry });
    },
  });
  return { rows, errors };
}

/** One entry from command-line options (`values` keyed by column), refused with every bad option. */
export function readOptions<T>(columns: ColumnSpec[], options: Record<string, string>, values: Record<string, string | undefined>, read: ReadEntry<T>): T {
  const r = new FieldReader((k) => values[k], columns, undefined, options);
  const entry = read(r);
  refuseAll(r.errors);
  return entry!;
}

export class FieldReader {
  readonly errors: LedgerError[] = [];
  constructor(
    private readonly getRaw: (key: string) => string | undefined,
    private readonly columns: ColumnSpec[],
    readonly at: Source | undefined,
    /** Command-line option names, to name the field the way the user wrote it. */
    private readonly options?: Record<string, string>,
  ) {}

  label(key: string): string {
    const c = this.columns.find((x) => x.key === key);
    const zh = c?.zh ?? key;
    const opt = this.options?.[key];
    return opt ? `${zh}（${opt}）` : zh;
  }

  labelEn(key: string): string {
    return this.options?.[key] ?? key;
  }

  /** An error of a field (named before the message), or of the row (key null), at this row. */
  fail(key: string | null, e: LedgerError): void {
    const pz = key ? `${this.label(key)}：` : '';
    const pe = key ? `${this.labelEn(key)}: ` : '';
    this.errors.push({ code: e.code, zh: pz + e.zh, en: pe + e.en, source: this.at });
  }

  // AMOUNT, DATE and NUMBER are the codes every importer gives a value its parser refused.
  private parseFailed(key: string, code: 'AMOUNT' | 'DATE' | 'NUMBER', t: Text): void {
    this.fail(key, InputErrors[code](t.zh, t.en));
  }

  raw(key: string): string {
    return (this.getRaw(key) ?? '').trim();
  }

  text(key: string, required: true): string;
  text(key: string, required?: false): string | null;
  text(key: string, required = false): string | null {
    const v = this.raw(key);
    if (v === '') {
      if (required) this.fail(key, RegisterErrors.REGISTER_REQUIRED());
      return required ? '' : null;
    }
    return v;
  }

  amount(key: string, required = false): Fen | null {
    const v = this.raw(key);
    if (v === '') {
      if (required) this.fail(key, RegisterErrors.REGISTER_REQUIRED());
      return null;
    }
    const r = parseAmount(v);
    if (!r.ok) {
      this.parseFailed(key, 'AMOUNT', { zh: r.reason, en: r.reasonEn });
      return null;
    }
    return r.value;
  }

  /** A rate: `5` and `5%` both mean 0.05. */
  percent(key: string, max = 100): Decimal | null {
    const v = this.raw(key);
    if (v === '') return null;
    const r = parsePercent(v);
    if (!r.ok) {
      this.fail(key, RegisterErrors.RATE({ zh: r.reason, en: r.reasonEn }));
      return null;
    }
    if (r.value.gt(max / 100)) {
      this.fail(key, RegisterErrors.RATE({ max }));
      return null;
    }
    return r.value;
  }

  decimal(key: string, maxDecimals: number, required = false): Decimal | null {
    const v = this.raw(key);
    if (v === '') {
      if (required) this.fail(key, RegisterErrors.REGISTER_REQUIRED());
      return null;
    }
    const r = parseDecimal(v, maxDecimals);
    if (!r.ok) {
      this.parseFailed(key, 'NUMBER', { zh: r.reason, en: r.reasonEn });
      return null;
    }
    return r.value;
  }

  /** An area or quantity in 1/10,000 units (4 decimals at most). */
  area(key: string, required = false): number | null {
    const d = this.decimal(key, 4, required);
    if (d === null) return null;
    if (d.lt(0)) {
      this.parseFailed(key, 'NUMBER', { zh: `不能为负数：「${this.raw(key)}」`, en: `cannot be negative: "${this.raw(key)}"` });
      return null;
    }
    const n = d.mul(10000).toNumber();
    if (!Number.isSafeInteger(n)) {
      this.parseFailed(key, 'NUMBER', { zh: `数值过大：「${this.raw(key)}」`, en: `too large: "${this.raw(key)}"` });
      return null;
    }
    return n;
  }

  date(key: string, required = false): IsoDate | null {
    const v = this.raw(key);
    if (v === '') {
      if (required) this.fail(key, RegisterErrors.REGISTER_REQUIRED());
      return null;
    }
    const r = parseDate(v);
    if (!r.ok) {
      this.parseFailed(key, 'DATE', { zh: r.reason, en: r.reasonEn });
      return null;
    }
    return r.value;
  }

  /** 是/否, Y/N, true/false, 1/0, √/×. */
  bool(key: string): boolean | null {
    const v = foldWidth(this.raw(key)).toLowerCase();
    if (v === '') return null;
    if (['是', 'y', 'yes', 'true', '1', '√'].includes(v)) return true;
    if (['否', 'n', 'no', 'false', '0', '×'].includes(v)) return false;
    this.fail(key, RegisterErrors.BOOL(this.raw(key)));
    return null;
  }

  positiveInt(key: string): number | null {
    const v = foldWidth(this.raw(key));
    if (v === '') return null;
    if (!/^\d+$/.test(v) || Number(v) <= 0) {
      this.parseFailed(key, 'NUMBER', { zh: `应为正整数：「${this.raw(key)}」`, en: `expected a positive whole number: "${this.raw(key)}"` });
      return null;
    }
    return Number(v);
  }

  oneOf<T extends string>(key: string, values: readonly T[], dflt: T | null): T | null {
    const v = this.raw(key);
    if (v === '') return dflt;
    if (!(values as readonly string[]).includes(v)) {
      this.fail(key, RegisterErrors.CHOICE(v, values));
      return null;
    }
    return v as T;
  }

  /** A month-day: 03-01, 3-1, 3/1, 3月1日, 0301. */
  monthDay(key: string): string | null {
    const v = foldWidth(this.raw(key));
    if (v === '') return null;
    const m = /^(\d{1,2})[-/.](\d{1,2})$/.exec(v) ?? /^(\d{1,2})月(\d{1,2})日?$/.exec(v) ?? /^(\d{2})(\d{2})$/.exec(v);
    const mo = m ? Number(m[1]) : 0;
    const d = m ? Number(m[2]) : 0;
    const max = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1] ?? 0;
    if (!m || d < 1 || d > max) {
      this.parseFailed(key, 'DATE', { zh: `应为月-日，如 03-01：「${this.raw(key)}」`, en: `expected a month-day such as 03-01: "${this.raw(key)}"` });
      return null;
    }
    return `${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }
}
