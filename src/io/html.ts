// Printable pages: one print stylesheet and one page model for every report, list, book, form,
// voucher slip and notice. A page is one self-contained HTML file (no scripts, no fonts or images
// from outside), A4 with margins for binding, readable in any browser and printed with Ctrl+P.
//
// Two kinds of page:
// - flowing pages (every Output without a layout of its own, forms, notices): the browser breaks
//   pages itself; table headers repeat on every page (thead), and the page margin prints
//   第 N 页 共 M 页 (CSS page counters).
// - sheets (books): the view cuts the document into blocks that each fill one page, prints
//   第 k 页 共 M 页 inside each block, and every block after the first starts a new page; the
//   margin counter is switched off so that the number is not printed twice.
import type { Lang, Text } from '../domain/errors.js';
import { displayWidth } from './text-width.js';
import { cellText } from './render.js';
import type { Column, Output, Row, Section } from './output.js';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const e = escapeHtml;

export const pick = (lang: Lang, t: Text): string => (lang === 'en' ? t.en : t.zh);

/** 宋体-style serif first (Windows, macOS, Linux), then a sans fallback. */
const FONTS = `"SimSun", "宋体", "NSimSun", "Songti SC", "STSong", "Noto Serif CJK SC", "Source Han Serif SC", "Noto Serif CJK", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif`;

/** Page size and margins (the wide left margin is the binding edge, 装订线). */
export const PAGE = {
  portrait: { width: 210, height: 297 },
  landscape: { width: 297, height: 210 },
  margin: { top: 12, right: 10, bottom: 14, left: 20 },
} as const;

/** The one print stylesheet. */
export const PRINT_CSS = `
* { box-sizing: border-box; }
html { font-family: ${FONTS}; font-size: 10pt; color: #000; background: #fff; }
body { margin: 0 auto; padding: 6mm 4mm; max-width: 200mm; }
body.landscape { max-width: 287mm; }
header.doc { text-align: center; margin-bottom: 3mm; }
header.doc .entity { font-size: 10pt; }
header.doc h1 { font-size: 16pt; margin: 1mm 0; letter-spacing: 0.15em; font-weight: bold; }
header.doc .period { font-size: 10pt; }
.meta { display: flex; justify-content: space-between; font-size: 9.5pt; margin: 1mm 0; white-space: nowrap; }
h2 { font-size: 11pt; margin: 4mm 0 1.5mm; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 0.6pt solid #000; padding: 0.8mm 1.5mm; white-space: nowrap; vertical-align: middle; }
th { font-weight: bold; text-align: center; }
thead { display: table-header-group; }
tfoot { display: table-row-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.wrap { white-space: normal; }
td.center { text-align: center; }
tr.total td { font-weight: bold; }
tr.sub td { font-weight: bold; }
p.note { margin: 1.5mm 0 0; }
.pageno { text-align: center; font-size: 9pt; margin-top: 1.5mm; }
.sheet + .sheet { break-before: page; page-break-before: always; }
.sheet table { table-layout: fixed; }
.sheet td, .sheet th { overflow: hidden; text-overflow: clip; height: var(--row-height, 6mm); padding-top: 0; padding-bottom: 0; }
.red { color: #c00; }
@media print {
  body { padding: 0; max-width: none; }
}
`;

export interface PageOptions {
  lang: Lang;
  /** The browser tab's title. */
  title: string;
  landscape?: boolean;
  /** The page carries its own 第 k 页 共 M 页 (sheets): no number in the margin. */
  selfNumbered?: boolean;
  /** A few rules of a layout of its own (slips, notices), after the shared stylesheet. */
  css?: string;
}

function pageRule(o: PageOptions): string {
  const m = PAGE.margin;
  const numbers = o.selfNumbered
    ? ''
    : o.lang === 'en'
      ? `@bottom-center { content: "Page " counter(page) " of " counter(pages); font-size: 9pt; }`
      : `@bottom-center { content: "第 " counter(page) " 页 共 " counter(pages) " 页"; font-size: 9pt; }`;
  return `@page { size: A4 ${o.landscape ? 'landscape' : 'portrait'}; margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm; ${numbers} }`;
}

/** A whole page: the shell, the stylesheet and the body. */
export function htmlDocument(body: string, o: PageOptions): string {
  return `<!DOCTYPE html>
<html lang="${o.lang === 'en' ? 'en' : 'zh-CN'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(o.title)}</title>
<style>${pageRule(o)}${PRINT_CSS}${o.css ?? ''}</style>
</head>
<body${o.landscape ? ' class="landscape"' : ''}>
${body}
</body>
</html>
`;
}

/** The heading of a document: the collective's name, the title, the period. */
export function docHeader(entity: string | undefined, title: string, period?: string): string {
  return `<header class="doc">${entity ? `<div class="entity">${e(entity)}</div>` : ''}<h1>${e(title)}</h1>${period ? `<div class="period">${e(period)}</div>` : ''}</header>`;
}

export function isNumeric(c: Column): boolean {
  return c.kind !== undefined && c.kind !== 'text' && c.kind !== 'side';
}

/** Text columns whose values run long (summaries, notes, boundaries) may wrap; names and codes never. */
function wrapping(s: Section, lang: Lang): boolean[] {
  return s.columns.map((c) => !isNumeric(c) && [...s.rows, ...(s.footer ?? [])].some((r) => displayWidth(cellText(c, r[c.key], true, lang)) > 30));
}

function cellClass(c: Column, wrap: boolean): string {
  if (isNumeric(c)) return ' class="num"';
  if (c.kind === 'side') return ' class="center"';
  return wrap ? ' class="wrap"' : '';
}

/** One section as a table: headers in thead (repeated on every printed page), totals last. */
export function sectionTable(s: Section, lang: Lang): string {
  const wrap = wrapping(s, lang);
  const head = s.columns.map((c) => `<th${isNumeric(c) ? ' class="num"' : ''}>${e(pick(lang, c))}</th>`).join('');
  const row = (r: Row, cls = '') =>
    `<tr${cls}>` + s.columns.map((c, i) => `<td${cellClass(c, wrap[i])}>${e(cellText(c, r[c.key], true, lang))}</td>`).join('') + '</tr>';
  const body = s.rows.map((r) => row(r)).join('\n');
  // Totals are the last rows of the body, printed once at the end (a tfoot would repeat on every page).
  const foot = (s.footer ?? []).map((r) => row(r, ' class="total"')).join('\n');
  const title = s.title ? `<h2>${e(pick(lang, s.title))}</h2>\n` : '';
  const notes = (s.notes ?? []).map((n) => `<p class="note">${e(pick(lang, n))}</p>`).join('\n');
  return `${title}<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n${foot}\n</tbody>\n</table>\n${notes}`;
}

/** Roughly how wide a section prints, in mm (10pt: a Chinese character ≈ 3.6 mm, a digit ≈ 1.9 mm). */
function printWidth(s: Section, lang: Lang): number {
  const w = s.columns.map((c) => Math.min(60, displayWidth(pick(lang, c))));
  for (const r of [...s.rows.slice(0, 500), ...(s.footer ?? [])]) {
    s.columns.forEach((c, i) => {
      w[i] = Math.max(w[i], Math.min(60, displayWidth(cellText(c, r[c.key], true, lang))));
    });
  }
  return w.reduce((a, x) => a + x * 1.85 + 3.2, 0);
}

/** Landscape when a table would not fit across a portrait page. */
export function wantsLandscape(sections: readonly Section[], lang: Lang): boolean {
  const usable = PAGE.portrait.width - PAGE.margin.left - PAGE.margin.right;
  return sections.some((s) => printWidth(s, lang) > usable);
}

/** Any Output as a printable page: the collective's name, the title and period, each section's table. */
export function outputHtml(o: Output, lang: Lang, entity?: string): string {
  if (o.html !== undefined) return o.html;
  const title = o.title ? pick(lang, o.title) : (o.sections.find((s) => s.title)?.title && pick(lang, o.sections.find((s) => s.title)!.title!)) || 'sanzi';
  const period = o.period ? pick(lang, o.period) : undefined;
  // A section's own title repeats the report's name and period on screen; on paper the page heading says it.
  const sections = o.sections.map((s) => (o.title && s.title && pick(lang, s.title).startsWith(pick(lang, o.title)) ? { ...s, title: undefined } : s));
  const body = docHeader(entity ?? o.entity, title, period) + '\n' + sections.map((s) => sectionTable(s, lang)).join('\n');
  return htmlDocument(body, { lang, title: [entity ?? o.entity, title, period].filter(Boolean).join(' '), landscape: wantsLandscape(o.sections, lang) });
}
