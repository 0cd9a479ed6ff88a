// The vouchers CSV: columns, row parsing, grouping rows into vouchers as the file streams.
import { withSource, type LedgerError, type Text } from '../domain/errors.js';
import { AccountErrors } from '../domain/errors/accounts.js';
import { InputErrors } from '../domain/errors/input.js';
import { VoucherErrors } from '../domain/errors/vouchers.js';

const DEBIT: Text = { zh: '借方', en: 'debit' };
const CREDIT: Text = { zh: '贷方', en: 'credit' };
import { parseAmount } from '../domain/money.js';
import { parseDate } from '../domain/dates.js';
import type { VoucherDraft, VoucherLine } from '../domain/voucher.js';
import type { ColumnSpec, CsvRow } from './csv-read.js';

export const VOUCHER_COLUMNS: ColumnSpec[] = [
  { key: 'voucher', zh: '凭证号', aliases: ['凭证编号', '凭证字号'], required: true, kind: 'code', note: '同一张凭证的各行写同一个凭证号（每月可从 1 编起）' },
  { key: 'date', zh: '日期', aliases: ['凭证日期', '记账日期'], required: true, kind: 'date', note: '同一张凭证的各行日期相同' },
  { key: 'summary', zh: '摘要', required: true, note: '凭证的摘要（第一行的摘要作为凭证摘要）' },
  { key: 'account', zh: '科目编码', aliases: ['科目代码', '科目'], required: true, kind: 'code', note: '末级科目的编码（如 10201），或科目名称路径（如 银行存款—基本户，各级之间用 — - / 分隔）' },
  { key: 'accountName', zh: '科目名称', required: false, note: '填写时须与科目编码一致，用于核对' },
  { key: 'debit', zh: '借方金额', aliases: ['借方'], required: true, kind: 'amount', note: '借方、贷方每行只填一边，另一边留空或填 0' },
  { key: 'credit', zh: '贷方金额', aliases: ['贷方'], required: true, kind: 'amount' },
  { key: 'member', zh: '成员编号', aliases: ['往来户'], required: false, kind: 'code', note: '记到成员往来（如 113 内部往来）时填写' },
  { key: 'project', zh: '项目', aliases: ['项目编码'], required: false, kind: 'code', note: '收入、支出属于某个项目时填写项目编码' },
  { key: 'attachments', zh: '附件数', aliases: ['附件张数', '附件'], required: false, kind: 'int', note: '原始凭证的张数' },
  { key: 'preparer', zh: '制单人', aliases: ['制单'], required: false, note: '填写时记为凭证的制单人（同一张凭证写一次即可）' },
  { key: 'party', zh: '往来单位', aliases: ['对方单位', 'counterparty'], required: false, note: '应收款、应付款的对方单位或个人' },
];

/** A template's example: one voucher of two lines (an account by code, one by its name). */
export const VOUCHER_EXAMPLE: Record<string, string>[] = [
  { voucher: '1', date: '2024-03-05', summary: '收到门票收入', account: '101', accountName: '库存现金', debit: '1200.00', credit: '', attachments: '1', preparer: '李会计' },
  { voucher: '1', date: '2024-03-05', summary: '收到门票收入', account: '经营收入', accountName: '', debit: '', credit: '1200.00' },
];

export interface ParsedGroup {
  key: string;
  draft: VoucherDraft;
  accountNames: (string | null)[];
  /** Row-level errors found while parsing (bad amount, bad date...). */
  errors: LedgerError[];
}

/**
 * Collects contiguous rows sharing a 凭证号 into one voucher. Call push() for every row and
 * end() at the end of the file; each completed voucher is handed to onVoucher.
 */
/**
 * An amount written plainly (digits, then at most two decimals): its fen counted from the characters,
 * exactly as parseAmount would give them; null for anything else (signs, separators, full-width
 * digits, ¥…), which parseAmount reads. Most cells of an export are plain, and a million of them
 * are read without a regular expression or a result object each.
 */
export function plainFen(s: string): number | null {
  const n = s.length;
  let int = 0;
  let i = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) break;
    if (c < 48 || c > 57) return null;
    int = int * 10 + (c - 48);
  }
  if (i === 0 || i > 13) return null;
  if (i === n) return int * 100;
  const decimals = n - i - 1;
  if (decimals < 1 || decimals > 2) return null;
  const d1 = s.charCodeAt(i + 1) - 48;
  const d2 = decimals === 2 ? s.charCodeAt(i + 2) - 48 : 0;
  if (d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return null;
  return int * 100 + d1 * 10 + d2;
}

/** Whether two dates are of one month: their first 7 characters alike (compared without slicing them). */
export function sameMonth(a: string, b: string): boolean {
  for (let i = 0; i < 7; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return a.slice(0, 7) === b.slice(0, 7);
  return true;
}

// What a voucher being read holds until its end (finish() gives it its lines and their names).
const NO_LINES: VoucherLine[] = [];
const NO_NAMES: (string | null)[] = [];

/**
 * The 凭证号 each month has had, with the line each began at: a number (the usual 1, 2, 3…) kept as
 * its line in an array indexed by it (4 bytes a voucher, a million-line file holds a few MB), any
 * other key in a Map. check() answers the line where the key began, if it was seen, and notes it.
 */
export class SeenKeys {
  private month = '';
  private numbers: Int32Array = new Int32Array(0);
  private others = new Map<string, number>();
  private readonly months = new Map<string, { numbers: Int32Array; others: Map<string, number> }>();

  check(month: string, key: string, line: number): number | null {
    if (month !== this.month) this.switchTo(month);
    const n = plainNumber(key);
    if (n > 0) {
      if (n < this.numbers.length && this.numbers[n] !== 0) return this.numbers[n];
      if (n >= this.numbers.length) {
        const grown = new Int32Array(Math.max(n + 1, this.numbers.length * 2, 64));
        grown.set(this.numbers);
        this.numbers = grown;
      }
      this.numbers[n] = line;
      return null;
    }
    const was = this.others.get(key);
    if (was !== undefined) return was;
    this.others.set(key, line);
    return null;
  }

  private switchTo(month: string): void {
    if (this.month !== '') this.months.set(this.month, { numbers: this.numbers, others: this.others });
    const kept = this.months.get(month);
    this.numbers = kept?.numbers ?? new Int32Array(0);
    this.others = kept?.others ?? new Map();
    this.month = month;
  }
}

/** A 凭证号 written as a plain number of at most 7 digits (1, 2, 3…, no leading zero): its value; else −1. */
export function plainNumber(key: string): number {
  const n = key.length;
  if (n === 0 || n > 7) return -1;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = key.charCodeAt(i);
    if (c < 48 || c > 57 || (i === 0 && c === 48)) return -1;
    v = v * 10 + (c - 48);
  }
  return v;
}

export class VoucherGrouper {
  private current: ParsedGroup | null = null;
  private currentDate: string | null = null;
  /** The last date cell and what it parsed to: the rows of a day repeat it. */
  private lastDateCell: string | null = null;
  private lastDate: ReturnType<typeof parseDate> | null = null;
  /** A row's own errors, gathered in one array reused from row to row (most rows have none). */
  private readonly rowErrors: LedgerError[] = [];
  /**
   * The lines of the voucher being read, in an array of its own, handed over whole at its end. (An
   * array kept from voucher to voucher lives in V8's old generation, and every young line stored in
   * it costs a write barrier and a remembered entry: more than a new small array a voucher.) Their
   * account names, which most files leave empty, get an array only when one is given.
   */
  private lines: VoucherLine[] = [];
  private names: (string | null)[] | null = null;
  private readonly seen = new SeenKeys();
  constructor(
    private readonly file: string,
    private readonly onVoucher: (g: ParsedGroup) => void,
  ) {}

  push(row: CsvRow): void {
    const file = this.file;
    const at = { file, line: row.line };
    const key = row.get('voucher');
    const errors = this.rowErrors;
    // (Emptied only when it holds something: setting an array's length is a call of its own, a million times a file.)
    if (errors.length !== 0) errors.length = 0;
    if (key === '') errors.push(withSource(VoucherErrors.VOUCHER_KEY(), at));
    const dateCell = row.get('date');
    if (dateCell !== this.lastDateCell || this.lastDate === null) {
      this.lastDate = parseDate(dateCell);
      this.lastDateCell = dateCell;
    }
    const d = this.lastDate;
    // A voucher is the rows of one 凭证号 in one month, kept together in the file. Exports number
    // vouchers anew each month, so the same 凭证号 in another month is another voucher; in the same
    // month after other vouchers, it is refused (seenKeys), never split into two vouchers.
    const newMonth = d.ok && this.currentDate !== null && !sameMonth(d.value, this.currentDate);
    if (!this.current || this.current.key !== key || newMonth) {
      if (this.current) this.finish();
      if (d.ok && key !== '') {
        const first = this.seen.check(d.value.slice(0, 7), key, row.line);
        if (first !== null) errors.push(withSource(VoucherErrors.VOUCHER_KEY_SPLIT(key, first), at));
      }
      this.current = {
        key,
        draft: { date: '', summary: '', lines: NO_LINES, source: at, kind: 'import' },
        accountNames: NO_NAMES,
        errors: [],
      };
      this.currentDate = null;
    }
    const g = this.current;
    if (!d.ok) errors.push(withSource(InputErrors.DATE(d.reason, d.reasonEn), at));
    else if (this.currentDate === null) {
      this.currentDate = d.value;
      g.draft.date = d.value;
    } else if (d.value !== this.currentDate) {
      errors.push(withSource(VoucherErrors.VOUCHER_DATES(key, d.value, this.currentDate), at));
    }
    if (g.draft.preparer == null) {
      const preparer = row.get('preparer');
      if (preparer !== '') g.draft.preparer = preparer;
    }
    const summary = row.get('summary');
    if (g.draft.summary === '' && summary !== '') {
      g.draft.summary = summary;
      if (summary.startsWith('冲销')) g.draft.reversal = true;
    }
    const debitRaw = row.get('debit');
    const creditRaw = row.get('credit');
    let debit = 0;
    let credit = 0;
    const debitFen = debitRaw === '' ? 0 : plainFen(debitRaw);
    const creditFen = creditRaw === '' ? 0 : plainFen(creditRaw);
    if (debitFen !== null) debit = debitFen;
    else {
      const r = parseAmount(debitRaw, { allowNegative: true });
      if (r.ok) debit = r.value;
      else errors.push(withSource(InputErrors.AMOUNT(r.reason, r.reasonEn, DEBIT), at));
    }
    if (creditFen !== null) credit = creditFen;
    else {
      const r = parseAmount(creditRaw, { allowNegative: true });
      if (r.ok) credit = r.value;
      else errors.push(withSource(InputErrors.AMOUNT(r.reason, r.reasonEn, CREDIT), at));
    }
    const account = row.get('account');
    if (account === '') errors.push(withSource(AccountErrors.ACCOUNT_EMPTY(), at));
    const attachments = row.get('attachments');
    if (attachments !== '') {
      if (!/^\d+$/.test(attachments)) {
        errors.push(withSource(VoucherErrors.ATTACHMENTS(attachments), at));
      } else g.draft.attachments = Math.max(g.draft.attachments ?? 0, Number(attachments));
    }
    for (let i = 0; i < errors.length; i++) g.errors.push(errors[i]);
    // A line that failed to parse still joins the voucher (with zero) only if it had no error of its own,
    // so that the balance check is not reported on top of a parse error.
    if (errors.length === 0) {
      const name = row.get('accountName') || null;
      if (name !== null || this.names !== null) (this.names ??= new Array<string | null>(this.lines.length).fill(null)).push(name);
      this.lines.push({
        account,
        debit,
        credit,
        member: row.get('member') || null,
        project: row.get('project') || null,
        party: row.get('party') || null,
        source: at,
      });
    }
  }

  private finish(): void {
    const g = this.current;
    this.current = null;
    if (!g) return;
    g.draft.lines = this.lines;
    g.accountNames = this.names ?? NO_NAMES;
    this.lines = [];
    this.names = null;
    if (g.draft.summary === '' && g.errors.length === 0) {
      g.errors.push(withSource(VoucherErrors.VOUCHER_SUMMARY(), g.draft.source));
    }
    this.onVoucher(g);
  }

  end(): void {
    this.finish();
  }
}
