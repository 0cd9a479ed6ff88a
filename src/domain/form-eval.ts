// Evaluating a form (src/domain/forms.ts) over balances: each line's formula, term by term.
import type { Fen } from './money.js';
import type { FormDef, FormLine } from './forms.js';

/** What a form reads: balances (or movements) per leaf account, signed debit-positive. */
export interface FormSource {
  /** Every leaf's signed net (debit − credit): balances at a date, or a year's movements. */
  net: ReadonlyMap<string, Fen>;
  /**
   * Per account code named with "(… per member)" or "(… per party)": each member's or counterparty's
   * signed net on it. A code missing here nets as one (its whole balance).
   */
  perMember?: ReadonlyMap<string, ReadonlyMap<string, Fen>>;
  /** Every leaf's signed balance at the start of the year, for opening(…). */
  opening?: ReadonlyMap<string, Fen>;
}

export type Term =
  | { sign: 1 | -1; kind: 'account'; code: string }
  | { sign: 1 | -1; kind: 'perMember'; code: string; side: 'debit' | 'credit' }
  | { sign: 1 | -1; kind: 'opening'; code: string }
  | { sign: 1 | -1; kind: 'row'; row: number };

const TERM = /\s*([+-]?)\s*(?:\[(\d+)\]|opening\((\d+)\)|(\d+)(?:\((debit|credit) per (?:member|party)\))?)\s*/y;

/** The terms of a formula; throws on text that is not one (the forms are data checked by tests). */
export function parseFormula(formula: string): Term[] {
  const terms: Term[] = [];
  TERM.lastIndex = 0;
  let first = true;
  while (TERM.lastIndex < formula.length) {
    const at = TERM.lastIndex;
    const m = TERM.exec(formula);
    if (!m || m[0].trim() === '' || (!first && m[1] === '')) throw new Error(`bad formula "${formula}" at ${at}`);
    first = false;
    const sign = m[1] === '-' ? -1 : 1;
    if (m[2] !== undefined) terms.push({ sign, kind: 'row', row: Number(m[2]) });
    else if (m[3] !== undefined) terms.push({ sign, kind: 'opening', code: m[3] });
    else if (m[5] !== undefined) terms.push({ sign, kind: 'perMember', code: m[4], side: m[5] as 'debit' | 'credit' });
    else terms.push({ sign, kind: 'account', code: m[4] });
  }
  return terms;
}

/** The account codes a form reads per member (they must be handed in as perMember). */
export function perMemberCodes(form: FormDef): string[] {
  const codes = new Set<string>();
  for (const l of form.lines) for (const t of parseFormula(l.formula)) if (t.kind === 'perMember') codes.add(t.code);
  return [...codes];
}

function sumUnder(net: ReadonlyMap<string, Fen> | undefined, code: string): Fen {
  let s = 0;
  if (net) for (const [c, v] of net) if (c.startsWith(code)) s += v;
  return s;
}

export interface FormFigure {
  line: FormLine;
  amount: Fen;
}

/** Every line of the form with its amount. A row reference reads a line computed above it. */
export function evaluateForm(form: FormDef, src: FormSource): FormFigure[] {
  const byRow = new Map<number, Fen>();
  return form.lines.map((line) => {
    const normal = line.normal === 'debit' ? 1 : -1;
    let amount = 0;
    for (const t of parseFormula(line.formula)) {
      switch (t.kind) {
        case 'account':
          amount += t.sign * normal * sumUnder(src.net, t.code);
          break;
        case 'opening':
          amount += t.sign * normal * sumUnder(src.opening, t.code);
          break;
        case 'perMember': {
          let s = 0;
          const per = src.perMember?.get(t.code) ?? new Map([[t.code, sumUnder(src.net, t.code)]]);
          for (const v of per.values()) {
            if (t.side === 'debit' && v > 0) s += v;
            if (t.side === 'credit' && v < 0) s -= v;
          }
          amount += t.sign * s;
          break;
        }
        case 'row': {
          const v = byRow.get(t.row);
          if (v === undefined) throw new Error(`form ${form.id}: line ${line.row} reads line ${t.row} before it is computed`);
          amount += t.sign * v;
          break;
        }
      }
    }
    byRow.set(line.row, amount);
    return { line, amount };
  });
}

/** The rules a form's table must keep: unique 行次, ascending down each side, right after left, formulas that parse. */
export function checkForm(form: FormDef): string[] {
  const problems: string[] = [];
  const seen = new Set<number>();
  let last = { left: 0, right: 0 };
  const maxLeft = Math.max(0, ...form.lines.filter((l) => l.side === 'left').map((l) => l.row));
  for (const l of form.lines) {
    if (!Number.isInteger(l.row) || l.row <= 0) problems.push(`${l.label}: 行次 ${l.row} is not a positive integer`);
    if (seen.has(l.row)) problems.push(`${l.label}: 行次 ${l.row} used twice`);
    seen.add(l.row);
    if (l.row <= last[l.side]) problems.push(`${l.label}: 行次 ${l.row} does not ascend on the ${l.side} side`);
    last[l.side] = l.row;
    if (l.side === 'right' && l.row <= maxLeft) problems.push(`${l.label}: 行次 ${l.row} of the right side is not after the left side`);
    try {
      for (const t of parseFormula(l.formula)) if (t.kind === 'row' && !form.lines.some((x) => x.row === t.row && x !== l)) problems.push(`${l.label}: reads a missing line ${t.row}`);
    } catch (e) {
      problems.push(`${l.label}: ${(e as Error).message}`);
    }
  }
  return problems;
}
