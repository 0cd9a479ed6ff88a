// A voucher's canonical text for the hash chain (voucherHeadText + voucherLineText), written as
// UTF-8 into one reused buffer and hashed from there: the same bytes, no string made per voucher.
import { sha256Hex } from './digest.js';
import { Utf8Writer } from './utf8-writer.js';

export class ChainText {
  private readonly out = new Utf8Writer();

  /** Start a voucher's text: `${prev}\n${period}|${number}|${date}|${summary}|${kind}|${reverses ?? ''}`. */
  head(prev: string, period: string, number: number, date: string, summary: string, kind: string, reverses: number | null): void {
    const o = this.out;
    o.reset();
    o.str(prev);
    o.byte(10);
    o.str(period);
    o.byte(124);
    o.num(number);
    o.byte(124);
    o.str(date);
    o.byte(124);
    o.str(summary);
    o.byte(124);
    o.str(kind);
    o.byte(124);
    if (reverses != null) o.num(reverses);
  }

  /** Add a line: `\n${account}|${debit}|${credit}|${member ?? ''}|${project ?? ''}`, then `|${party}` when it has one. */
  line(account: string, debit: number, credit: number, member: string | null | undefined, project: string | null | undefined, party?: string | null): void {
    const o = this.out;
    o.byte(10);
    o.str(account);
    o.byte(124);
    o.num(debit);
    o.byte(124);
    o.num(credit);
    o.byte(124);
    if (member != null) o.str(member);
    o.byte(124);
    if (project != null) o.str(project);
    if (party) {
      o.byte(124);
      o.str(party);
    }
  }

  /** SHA-256 of the voucher's text, as 64 hex digits. */
  hash(): string {
    return sha256Hex(this.out.bytes());
  }

  /** The text written (for tests). */
  text(): string {
    return this.out.bytes().toString('utf8');
  }
}
