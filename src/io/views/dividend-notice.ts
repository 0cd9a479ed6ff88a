// 分配公示 as a page a village posts on its notice board: the title, the 公示期, the plan's figures
// in plain words, the roster (name, masked ID card, shares, amounts; names never wrapped, no member
// ids, option names or project codes), the grand total once at the end, then the 落款 (the
// collective's name and the notice's date, with room for the seal) and the 监督电话. Printed through
// the one print stylesheet (src/io/html.ts), page numbers in the margin.
import type { Lang } from '../../domain/errors.js';
import { formatFenGrouped, type Fen } from '../../domain/money.js';
import { formatUnits } from '../../domain/shares.js';
import { Decimal } from '../../domain/money.js';
import { MAIN_PROJECT, type DividendPlan } from '../../domain/dividend-plan.js';
import type { RosterLine } from '../../domain/dividend-payout.js';
import { escapeHtml as e, htmlDocument } from '../html.js';

export { escapeHtml } from '../html.js';

/** When and how the notice is posted: the 公示期 and a 监督电话. */
export interface NoticePosting {
  from: string;
  to: string;
  phone?: string;
}

function chineseDate(d: string): string {
  const [y, m, day] = d.split('-');
  return `${y}年${Number(m)}月${Number(day)}日`;
}

function pct(fraction: string): string {
  return new Decimal(fraction).mul(100).toFixed() + '%';
}

const yuan = (f: Fen) => `${formatFenGrouped(f)} 元`;

/** What is distributed, said as a sentence a member reads (no option names). */
export function noticeWords(p: DividendPlan, holders: number, lang: Lang): string[] {
  const d = p.distribution;
  const o = p.options;
  if (lang === 'en') {
    if (d.emptyReason) return [`There is nothing to distribute for ${p.year}.`];
    const out = [`Profit distributed for ${p.year}: ${formatFenGrouped(d.profit)} yuan.`];
    if (d.lossCovered > 0) out.push(`Earlier losses covered first: ${formatFenGrouped(d.lossCovered)} yuan.`);
    out.push(`Reserve set aside (${pct(o.reserve)}): ${formatFenGrouped(d.reserve)} yuan.`);
    out.push(`Paid to ${holders} shareholders by their shares: ${formatFenGrouped(d.pool)} yuan, ${d.perShare.toFixed(6)} yuan a share.`);
    return out;
  }
  if (d.emptyReason === 'no-profit') return [`${p.year}年没有可分配的收益，本年度不分配。`];
  if (d.emptyReason) return [`${p.year}年没有可以分配的股份，本年度不分配。`];
  const out = [`${p.year}年本次分配的收益 ${yuan(d.profit)}。`];
  if (d.lossCovered > 0) out.push(`先弥补以前年度亏损 ${yuan(d.lossCovered)}。`);
  if (d.reserve > 0) out.push(`按 ${pct(o.reserve)} 提取公积公益金 ${yuan(d.reserve)}。`);
  const when = d.basis === 'record-date' ? `按 ${chineseDate(o.recordDate ?? `${p.year}-12-31`)} 登记的持股` : '按全年持股天数';
  out.push(`${when}向 ${holders} 名股东分配 ${yuan(d.pool)}，每股 ${d.perShare.toFixed(6)} 元。`);
  if (new Decimal(o.withhold).gt(0)) out.push(`按规定代扣个人所得税（${pct(o.withhold)}），合计 ${yuan(d.totals.tax)}。`);
  if (o.offsetDebts && d.totals.offset > 0) out.push(`经成员（代表）大会同意，以分红抵扣成员欠集体的款项，合计 ${yuan(d.totals.offset)}。`);
  out.push(`实发合计 ${yuan(d.totals.net)}。`);
  return out;
}

const CSS = `
.notice h1 { font-size: 20pt; letter-spacing: 0.1em; }
.notice .period { font-size: 11pt; margin-top: 2mm; }
.notice p.words { text-indent: 2em; line-height: 1.8; font-size: 11.5pt; margin: 1mm 0; }
.notice table { margin-top: 3mm; font-size: 11pt; }
.notice td.name { white-space: nowrap; }
.notice p.source { text-indent: 2em; line-height: 1.6; font-size: 10pt; margin: 1mm 0 2mm; }
.notice .closing { margin-top: 8mm; font-size: 11.5pt; line-height: 2; }
.notice .signoff { margin: 10mm 0 0 auto; width: 75mm; min-height: 40mm; padding-top: 6mm; text-align: center; line-height: 2.2; font-size: 12pt; break-inside: avoid; }
`;

/**
 * The page. `org` is the collective's name; `source` the lines that show where the profit came from
 * (本年收益, subsidies left out, losses made up, other declarations, what remains distributable).
 */
export function noticePage(
  p: DividendPlan,
  declared: boolean,
  org: string,
  roster: readonly RosterLine[],
  posting: NoticePosting,
  lang: Lang,
  source: readonly { item: string; value: string }[] = [],
): string {
  const en = lang === 'en';
  const d = p.distribution;
  const name = p.project.code === MAIN_PROJECT ? '' : p.project.name;
  const draft = declared ? '' : en ? ' (draft)' : '（草案）';
  const title = en ? `Public notice of the ${p.year} distribution${name ? ` of ${name}` : ''}${draft}` : `${org}${name}${p.year}年度收益分配公示${draft}`;
  const period = en ? `Notice period: ${posting.from} to ${posting.to}` : `公示期：${chineseDate(posting.from)}至${chineseDate(posting.to)}`;
  const showTax = d.totals.tax !== 0;
  const showOffset = d.totals.offset !== 0;
  const cols: [string, boolean][] = [
    [en ? 'No.' : '序号', true],
    [en ? 'Name' : '姓名', false],
    [en ? 'ID card' : '身份证号', false],
    [en ? 'Shares' : '股数', true],
    [en ? 'Dividend' : '应分金额', true],
    ...(showTax ? ([[en ? 'Tax' : '代扣税款', true]] as [string, boolean][]) : []),
    ...(showOffset ? ([[en ? 'Debt offset' : '抵扣欠款', true]] as [string, boolean][]) : []),
    [en ? 'Paid' : '实发金额', true],
  ];
  const money = (f: Fen) => formatFenGrouped(f);
  const row = (cells: string[], cls = '') =>
    `<tr${cls}>` + cells.map((c, i) => `<td class="${cols[i][1] ? 'num' : i === 1 ? 'name' : ''}">${e(c)}</td>`).join('') + '</tr>';
  const rows = roster.map((r, i) =>
    row([String(i + 1), r.name, r.idCard, formatUnits(r.shares), money(r.gross), ...(showTax ? [money(r.tax)] : []), ...(showOffset ? [money(r.offset)] : []), money(r.net)]),
  );
  const totalShares = roster.reduce((a, r) => a + r.shares, 0);
  // The grand total once, as the last row (a tfoot would repeat on every printed page).
  rows.push(
    row(
      ['', en ? 'Total' : '合计', en ? `${roster.length} shareholders` : `${roster.length} 人`, formatUnits(totalShares), money(d.totals.gross), ...(showTax ? [money(d.totals.tax)] : []), ...(showOffset ? [money(d.totals.offset)] : []), money(d.totals.net)],
      ' class="total"',
    ),
  );
  const closing = en
    ? `<p>Objections may be made in writing to the council or the supervisory board during the notice period.${posting.phone ? ` Supervision telephone: ${e(posting.phone)}.` : ''}</p>`
    : `<p>公示期内，成员如有异议，请以书面形式向本社理事会或监事会提出。${posting.phone ? `监督电话：${e(posting.phone)}。` : ''}</p>`;
  const body = `<div class="notice">
<header class="doc"><h1>${e(title)}</h1><div class="period">${e(period)}</div></header>
${noticeWords(p, roster.length, lang)
  .map((w) => `<p class="words">${e(w)}</p>`)
  .join('\n')}
${
  source.length > 1
    ? `<p class="source">${e((en ? 'Where the profit comes from: ' : '收益来源：') + source.map((r) => `${r.item} ${r.value}${en ? '' : ' 元'}`).join(en ? '; ' : '；') + (en ? '.' : '。'))}</p>`
    : ''
}
<table>
<thead><tr>${cols.map(([c, num]) => `<th${num ? ' class="num"' : ''}>${e(c)}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
<div class="closing">${closing}</div>
<div class="signoff"><div>${e(org)}</div><div>${e(en ? posting.from : chineseDate(posting.from))}</div></div>
</div>`;
  return htmlDocument(body, { lang, title, css: CSS });
}
