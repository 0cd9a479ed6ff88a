// Printed books (三栏式 账页): 总账, 明细账, 现金日记账, 银行存款日记账. sanzi cuts a book into pages
// itself: each page is one block of at most R table rows, 承前页 and 过次页 included, each block
// repeats the headers and prints 第 k 页 共 M 页, and every block after the first starts a new page,
// so the printed document has exactly M pages. Rows are of fixed height and never wrap (a long 摘要
// is cut short).
import type { Lang } from '../../domain/errors.js';
import { formatFenGrouped, type Fen } from '../../domain/money.js';
import { sideAndAmount, type BookEntry } from '../../domain/statements.js';
import { displayWidth } from '../text-width.js';
import { docHeader, escapeHtml as e, htmlDocument, PAGE } from '../html.js';

/**
 * Rows a printed book page holds by default, 承前页 and 过次页 included: an A4 portrait page
 * (271 mm inside the margins) less the heading (≈ 27 mm), the header row and the page number
 * (≈ 13 mm), at 6 mm a row, with room to spare for browsers that round up.
 */
export const DEFAULT_ROWS_PER_PAGE = 34;
/** A page needs room for 承前页, one entry and 过次页. */
export const MIN_ROWS_PER_PAGE = 3;

/** What 过次页 and 承前页 carry: the month-to-date movement and the balance as of a page's last row. */
export interface Carry {
  debit: Fen;
  credit: Fen;
  balance: Fen;
}

export interface BookPage<T> {
  /** 承前页 at the top (every page but the first). */
  broughtForward: Carry | null;
  rows: T[];
  /** 过次页 at the foot (every page but the last). */
  carriedForward: Carry | null;
}

/**
 * Cut rows into pages of at most `perPage` rows, counting 承前页 and 过次页: the first page holds
 * perPage − 1 rows and 过次页, a middle page 承前页, perPage − 2 rows and 过次页, the last 承前页 and
 * what is left. A book that fits on one page has neither line.
 */
export function paginate<T>(rows: readonly T[], perPage: number, carry: (row: T) => Carry): BookPage<T>[] {
  if (perPage < MIN_ROWS_PER_PAGE) throw new RangeError(`perPage must be at least ${MIN_ROWS_PER_PAGE}`);
  if (rows.length <= perPage) return [{ broughtForward: null, rows: [...rows], carriedForward: null }];
  const pages: BookPage<T>[] = [];
  let i = 0;
  let forward: Carry | null = null;
  while (i < rows.length) {
    const room = perPage - (forward ? 1 : 0);
    // The rest fits with no 过次页: the last page.
    if (rows.length - i <= room) {
      pages.push({ broughtForward: forward, rows: rows.slice(i), carriedForward: null });
      break;
    }
    const take = room - 1;
    const part = rows.slice(i, i + take);
    const c = carry(part[part.length - 1]);
    pages.push({ broughtForward: forward, rows: part, carriedForward: c });
    forward = c;
    i += take;
  }
  return pages;
}

export function entryCarry(r: BookEntry): Carry {
  return { debit: r.mtdDebit, credit: r.mtdCredit, balance: r.balance };
}

/** A text cut to a display width, with … where it was cut. */
export function clip(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  let out = '';
  for (const ch of s) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return out + '…';
}

/** One book of a printed document: its heading and its rows. */
export interface PrintedBook {
  title: string;
  /** 科目：102 银行存款 */
  account: string;
  period: string;
  entries: BookEntry[];
  /** Day books add 对方科目. */
  dayBook: boolean;
}

const LABELS = {
  zh: { date: '日期', ref: '凭证号', summary: '摘要', counter: '对方科目', debit: '借方', credit: '贷方', side: '借或贷', balance: '余额', unit: '单位：元', bf: '承前页', cf: '过次页' },
  en: { date: 'Date', ref: 'Voucher', summary: 'Summary', counter: 'Contra', debit: 'Debit', credit: 'Credit', side: 'Dr/Cr', balance: 'Balance', unit: 'Unit: yuan', bf: 'Brought forward', cf: 'Carried forward' },
};
const SIDE_EN: Record<string, string> = { 借: 'Dr', 贷: 'Cr', 平: 'Even' };
const SUMMARY_EN: Record<string, string> = { 上年结转: 'Brought from last year', 期初余额: 'Opening balance', 本日合计: 'Day total', 本月合计: 'Month total', 本年累计: 'Year to date' };

/** Column widths in mm across the usable width of an A4 portrait page. */
function widths(dayBook: boolean): number[] {
  const usable = PAGE.portrait.width - PAGE.margin.left - PAGE.margin.right - 2;
  const fixed = dayBook ? [19, 13, 0, 21, 24, 24, 12, 26] : [19, 13, 0, 25, 25, 12, 27];
  fixed[2] = usable - fixed.reduce((a, b) => a + b, 0);
  return fixed;
}

/** How many display columns of 摘要 fit in its width at 9 pt (a Chinese character ≈ 3.4 mm). */
function summaryWidth(mm: number): number {
  return Math.floor((mm - 2.5) / 1.7);
}

function rowHtml(cells: string[], numeric: boolean[], cls = ''): string {
  return `<tr${cls}>` + cells.map((c, i) => `<td${numeric[i] ? ' class="num"' : ''}>${e(c)}</td>`).join('') + '</tr>';
}

function money(v: Fen | null, zero = false): string {
  return v === null || (v === 0 && !zero) ? '' : formatFenGrouped(v);
}

/** The sheets of one or more books, numbered across the whole document. */
export function bookSheets(books: readonly PrintedBook[], opts: { entity?: string; lang: Lang; rowsPerPage: number; docTitle: string }): string {
  const L = LABELS[opts.lang === 'en' ? 'en' : 'zh'];
  const side = (s: string) => (opts.lang === 'en' ? SIDE_EN[s] ?? s : s);
  const sum = (s: string) => (opts.lang === 'en' ? SUMMARY_EN[s] ?? s : s);
  const all = books.map((b) => ({ b, pages: paginate(b.entries, opts.rowsPerPage, entryCarry) }));
  const total = all.reduce((a, x) => a + x.pages.length, 0);
  let k = 0;
  const blocks: string[] = [];
  for (const { b, pages } of all) {
    const w = widths(b.dayBook);
    const numeric = b.dayBook ? [false, false, false, false, true, true, false, true] : [false, false, false, true, true, false, true];
    const sw = summaryWidth(w[2]);
    const cw = summaryWidth(w[3]);
    const head = [L.date, L.ref, L.summary, ...(b.dayBook ? [L.counter] : []), L.debit, L.credit, L.side, L.balance];
    const cells = (date: string, ref: string, summary: string, counter: string, debit: Fen | null, credit: Fen | null, balance: Fen, total: boolean) => {
      const s = sideAndAmount(balance);
      return [date, ref, clip(summary, sw), ...(b.dayBook ? [clip(counter, cw)] : []), money(debit, total), money(credit, total), side(s.side), formatFenGrouped(s.amount)];
    };
    const carryRow = (label: string, c: Carry) => rowHtml(cells('', '', label, '', c.debit, c.credit, c.balance, true), numeric, ' class="sub"');
    for (const p of pages) {
      k += 1;
      const rows: string[] = [];
      if (p.broughtForward) rows.push(carryRow(L.bf, p.broughtForward));
      for (const r of p.rows) {
        const cls = r.kind === 'line' || r.kind === 'opening' ? '' : ' class="sub"';
        const total = r.kind === 'day' || r.kind === 'month' || r.kind === 'year';
        rows.push(rowHtml(cells(r.date ?? '', r.number === null ? '' : `记-${r.number}`, sum(r.summary), r.counter ?? '', r.debit, r.credit, r.balance, total), numeric, cls));
      }
      if (p.carriedForward) rows.push(carryRow(L.cf, p.carriedForward));
      const pageNo = opts.lang === 'en' ? `Page ${k} of ${total}` : `第 ${k} 页 共 ${total} 页`;
      blocks.push(
        `<section class="sheet">
${docHeader(opts.entity, b.title, b.period)}
<div class="meta"><span>${e(b.account)}</span><span>${e(L.unit)}</span></div>
<table>
<colgroup>${w.map((x) => `<col style="width:${x}mm">`).join('')}</colgroup>
<thead><tr>${head.map((h, i) => `<th${numeric[i] ? ' class="num"' : ''}>${e(h)}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
<div class="pageno">${e(pageNo)}</div>
</section>`,
      );
    }
  }
  const css = `.sheet { font-size: 9pt; } .sheet header.doc h1 { font-size: 15pt; }`;
  return htmlDocument(blocks.join('\n'), { lang: opts.lang, title: [opts.entity, opts.docTitle].filter(Boolean).join(' '), selfNumbered: true, css });
}
