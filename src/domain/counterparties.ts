// 应收款项 and 应付款项 on the balance sheet: 112 应收款, 211 应付款 and 113 内部往来 net per counterparty
// (or member), never per account total, so that rent received ahead (a credit on 112) shows as a
// liability (预收) and an overpaid supplier (a debit on 211) as a receivable: no line is negative
// because of a prepayment. Pure.
import type { Fen } from './money.js';

/**
 * The signed (debit-positive) nets of one account, by counterparty. Lines without a counterparty
 * are gathered per account (their own key), so they net only with each other.
 */
export type CounterpartyNets = ReadonlyMap<string, Fen>;

/** Debit balances (owed to the collective) and credit balances (owed by it), each ≥ 0. */
export function splitBySide(nets: CounterpartyNets): { debit: Fen; credit: Fen } {
  let debit = 0;
  let credit = 0;
  for (const v of nets.values()) {
    if (v > 0) debit += v;
    else credit -= v;
  }
  return { debit, credit };
}

/**
 * 应收款项 = the debit balances of every counterparty on 112, 211 and of every member on 113;
 * 应付款项 = their credit balances.
 */
export function receivablesAndPayables(nets: { receivable: CounterpartyNets; payable: CounterpartyNets; internal: CounterpartyNets }): {
  receivables: Fen;
  payables: Fen;
} {
  const parts = [splitBySide(nets.receivable), splitBySide(nets.payable), splitBySide(nets.internal)];
  return { receivables: parts.reduce((s, p) => s + p.debit, 0), payables: parts.reduce((s, p) => s + p.credit, 0) };
}
