// Posting vouchers inside a write: numbering, the hash chain, lines, and the running balances per
// account, member, project and counterparty (accumulated in memory, written by flush() before
// COMMIT). Nothing here looks anything up per line: a million-line import stays one pass.
import { voucherRef, type VoucherDraft } from '../domain/voucher.js';
import { periodOf, type Period } from '../domain/dates.js';
import type { DB } from './db.js';
import { sha256Hex } from './digest.js';

export interface PostedVoucher {
  id: number;
  period: Period;
  number: number;
  date: string;
  ref: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** Canonical text of a voucher for the hash chain. */
export function voucherDigest(
  prev: string,
  v: {
    period: string;
    number: number;
    date: string;
    summary: string;
    kind: string;
    reverses: number | null;
    lines: readonly { account: string; debit: number; credit: number; member: string | null; project: string | null; party?: string | null }[];
  },
): string {
  let text = voucherHeadText(prev, v.period, v.number, v.date, v.summary, v.kind, v.reverses);
  for (const l of v.lines) text += voucherLineText(l.account, l.debit, l.credit, l.member, l.project, l.party);
  return sha256Hex(text);
}

/** The start of a voucher's canonical text: the hash before it and its head. */
export function voucherHeadText(prev: string, period: string, number: number, date: string, summary: string, kind: string, reverses: number | null): string {
  return `${prev}\n${period}|${number}|${date}|${summary}|${kind}|${reverses ?? ''}`;
}

/** One line of a voucher's canonical text. */
export function voucherLineText(account: string, debit: number, credit: number, member: string | null, project: string | null, party?: string | null): string {
  // A line's counterparty is hashed only when it has one, so the chains written before the
  // counterparty existed hash exactly as they did.
  return `\n${account}|${debit}|${credit}|${member ?? ''}|${project ?? ''}${party ? `|${party}` : ''}`;
}

interface Acc {
  debit: number;
  credit: number;
}

function add(m: Map<string, Acc>, k: string, debit: number, credit: number): void {
  const a = m.get(k);
  if (a) {
    a.debit += debit;
    a.credit += credit;
  } else m.set(k, { debit, credit });
}

export class VoucherWriter {
  private readonly db: DB;
  private readonly now: string;
  private readonly insVoucher;
  private readonly insLine;
  private readonly maxNumber;
  private readonly nextNumbers = new Map<string, number>();
  /** Per month and closing ('2024-03\0' + 0 or 1), per account. */
  private readonly bal = new Map<string, Map<string, Acc>>();
  private readonly memberBal = new Map<string, Acc>();
  private readonly projectBal = new Map<string, Acc>();
  private readonly partyBal = new Map<string, Acc>();
  private lastHash: string;
  posted = 0;
  lines = 0;
  /** Σ debit of the vouchers posted (fen), for the audit record. */
  amount = 0;
  firstId: number | null = null;
  lastId: number | null = null;

  constructor(db: DB, now: string) {
    this.db = db;
    this.now = now;
    this.insVoucher = db.prepare(
      `INSERT INTO vouchers(period, number, date, summary, attachments, preparer, kind, reverses, created_at, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insLine = db.prepare(
      'INSERT INTO voucher_lines(voucher_id, line_no, account, debit, credit, member, project, party) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.maxNumber = db.prepare('SELECT COALESCE(MAX(number), 0) FROM vouchers WHERE period = ?').pluck();
    this.lastHash =
      (db.prepare('SELECT hash FROM vouchers ORDER BY id DESC LIMIT 1').pluck().get() as string | undefined) ?? GENESIS_HASH;
  }

  get headHash(): string {
    return this.lastHash;
  }

  /** Post a voucher already checked. */
  post(v: VoucherDraft, reverses: number | null = null): PostedVoucher {
    const period = periodOf(v.date);
    let n = this.nextNumbers.get(period);
    if (n === undefined) n = (this.maxNumber.get(period) as number) + 1;
    this.nextNumbers.set(period, n + 1);
    const kind = v.kind ?? 'manual';
    // The chain's text, then the rows: each line read once, no copy of it made (a million-line
    // import makes a million fewer objects).
    let text = voucherHeadText(this.lastHash, period, n, v.date, v.summary, kind, reverses);
    for (const l of v.lines) text += voucherLineText(l.account, l.debit, l.credit, l.member || null, l.project || null, l.party || null);
    const hash = sha256Hex(text);
    this.lastHash = hash;
    const info = this.insVoucher.run(period, n, v.date, v.summary, v.attachments ?? 0, v.preparer ?? null, kind, reverses, this.now, hash);
    const id = Number(info.lastInsertRowid);
    if (this.firstId === null) this.firstId = id;
    this.lastId = id;
    const month = `${period}\u0000${kind === 'year-close' ? 1 : 0}`;
    let bal = this.bal.get(month);
    if (!bal) this.bal.set(month, (bal = new Map()));
    const lines = v.lines;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i];
      const member = l.member || null;
      const project = l.project || null;
      const party = l.party || null;
      this.insLine.run(id, i + 1, l.account, l.debit, l.credit, member, project, party);
      this.amount += l.debit;
      add(bal, l.account, l.debit, l.credit);
      if (member) add(this.memberBal, `${l.account}\u0000${member}\u0000${period}`, l.debit, l.credit);
      if (project) add(this.projectBal, `${l.account}\u0000${project}\u0000${period}`, l.debit, l.credit);
      if (party) add(this.partyBal, `${l.account}\u0000${party}\u0000${period}`, l.debit, l.credit);
    }
    this.posted++;
    this.lines += lines.length;
    return { id, period, number: n, date: v.date, ref: voucherRef(period, n) };
  }

  /** Write the accumulated balances. Runs inside the same transaction, before COMMIT. */
  flush(): void {
    const db = this.db;
    const up = db.prepare(
      `INSERT INTO balances(account, period, closing, debit, credit) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(account, period, closing) DO UPDATE SET debit = debit + excluded.debit, credit = credit + excluded.credit`,
    );
    for (const [month, accounts] of this.bal) {
      const [period, closing] = month.split('\u0000');
      for (const [account, a] of accounts) up.run(account, period, Number(closing), a.debit, a.credit);
    }
    // The balances by member, project and counterparty: one table each, keyed (account, dimension, period).
    for (const [table, column, sums] of [
      ['member_balances', 'member', this.memberBal],
      ['project_balances', 'project', this.projectBal],
      ['party_balances', 'party', this.partyBal],
    ] as const) {
      const up = db.prepare(
        `INSERT INTO ${table}(account, ${column}, period, debit, credit) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(account, ${column}, period) DO UPDATE SET debit = debit + excluded.debit, credit = credit + excluded.credit`,
      );
      for (const [k, a] of sums) {
        const [account, value, period] = k.split('\u0000');
        up.run(account, value, period, a.debit, a.credit);
      }
      sums.clear();
    }
    this.bal.clear();
  }
}
