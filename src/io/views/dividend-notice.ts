// 分配公示 as a printable page: one self-contained HTML page (no scripts, no outside files; A4 print
// CSS), built by the dividend notice view and written by emit for --format html. Every value is
// HTML-escaped.

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface NoticeColumn {
  label: string;
  numeric?: boolean;
}

export interface NoticePage {
  title: string;
  /** Label → value lines above the roster (the plan's figures). */
  figures: [string, string][];
  columns: NoticeColumn[];
  rows: string[][];
  footer?: string[];
  /** Paragraphs under the roster (options, objection period, signatures). */
  notes: string[];
  lang: 'zh' | 'en';
}

const CSS = `
@page { size: A4; margin: 15mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; font-size: 11pt; color: #000; margin: 0 auto; max-width: 190mm; padding: 8mm 0; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 6mm; letter-spacing: 0.1em; }
table { border-collapse: collapse; width: 100%; }
table.figures { margin-bottom: 5mm; }
table.figures th { text-align: left; font-weight: normal; width: 40%; }
th, td { border: 1px solid #000; padding: 1.2mm 2mm; }
table.roster thead { display: table-header-group; }
table.roster th { background: #eee; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr { page-break-inside: avoid; }
tfoot td { font-weight: bold; }
p.note { margin: 3mm 0 0; }
@media print { body { padding: 0; max-width: none; } table.roster th { background: none; } }
`;

export function noticeHtml(p: NoticePage): string {
  const e = escapeHtml;
  const cell = (tag: 'td' | 'th', v: string, c?: NoticeColumn) => `<${tag}${c?.numeric ? ' class="num"' : ''}>${e(v)}</${tag}>`;
  const figures = p.figures.map(([k, v]) => `<tr><th>${e(k)}</th><td class="num">${e(v)}</td></tr>`).join('\n');
  const head = p.columns.map((c) => cell('th', c.label, c)).join('');
  const rows = p.rows.map((r) => '<tr>' + r.map((v, i) => cell('td', v, p.columns[i])).join('') + '</tr>').join('\n');
  const foot = p.footer ? `<tfoot><tr>${p.footer.map((v, i) => cell('td', v, p.columns[i])).join('')}</tr></tfoot>` : '';
  const notes = p.notes.map((n) => `<p class="note">${e(n)}</p>`).join('\n');
  return `<!DOCTYPE html>
<html lang="${p.lang === 'en' ? 'en' : 'zh-CN'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(p.title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${e(p.title)}</h1>
<table class="figures">
${figures}
</table>
<table class="roster">
<thead><tr>${head}</tr></thead>
<tbody>
${rows}
</tbody>
${foot}
</table>
${notes}
</body>
</html>
`;
}
