// A movement on an account (发生额): debits and credits over some span, in fen.
import type { Fen } from './money.js';

export interface Movement {
  debit: Fen;
  credit: Fen;
}
