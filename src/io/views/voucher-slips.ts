// 记账凭证 as printed slips: 记字第 N 号, the date, 附件 N 张, each line's 摘要, 总账科目, 明细科目,
// 借方金额 and 贷方金额, the 合计 with its 大写, and the signature row 会计主管 记账 审核 出纳 制单
// filled with the names the ledger recorded. Two slips to an A4 page; a voucher of more lines than a
// slip holds continues on the next slip (记字第 N 号 1/2, 2/2), its 合计 on the last.
import type { Lang } from '../../domain/errors.js';
import { formatFen, formatFenGrouped, toDaxie, type Fen } from '../../domain/money.js';
import { voucherRef } from '../../domain/voucher.js';
import type { JournalVoucher } from '../../domain/statements.js';
import type { Column, Output } from '../output.js';
import { escapeHtml as e, htmlDocument } from '../html.js';
import { clip } from './books.js';

/** Lines on one slip. */
export const SLIP_LINES = 6;

export interface SlipVoucher extends JournalVoucher {
  lines: (JournalVoucher['lines'][number] & { topName: string; detailName: string })[];
  preparer: string | null;
  reviewer: string | null;
  /** 记账: who posted it. */
  poster: string | null;
}

const COLUMNS: Column[] = [
  { key: 'ref', zh: '凭证号', en: 'Voucher' },
  { key: 'date', zh: '日期', en: 'Date' },
  { key: 'summary', zh: '摘要', en: 'Summary' },
  { key: 'account', zh: '科目编码', en: 'Account', id: true },
  { key: 'topName', zh: '总账科目', en: 'General ledger account' },
  { key: 'detailName', zh: '明细科目', en: 'Sub-account' },
  { key: 'debit', zh: '借方金额', en: 'Debit', kind: 'money' },
  { key: 'credit', zh: '贷方金额', en: 'Credit', kind: 'money' },
];

const CSS = `
.pair + .pair { break-before: page; page-break-before: always; }
.slip { height: 128mm; padding-top: 4mm; overflow: hidden; }
.slip + .slip { border-top: 0.6pt dashed #999; padding-top: 8mm; }
.slip h1 { text-align: center; font-size: 17pt; letter-spacing: 0.5em; margin: 0 0 1mm; text-decoration: underline double; text-underline-offset: 2mm; }
.slip .entity { text-align: center; font-size: 9.5pt; margin-bottom: 1mm; }
.slip table { table-layout: fixed; }
.slip td, .slip th { height: 8.5mm; overflow: hidden; }
.slip td.words { text-align: left; }
.slip .signs { display: flex; justify-content: space-between; margin-top: 2.5mm; white-space: nowrap; }
.slip .signs span { min-width: 28mm; }
.slip .att { writing-mode: vertical-rl; text-align: center; border: none; width: 6mm; }
`;

function amount(v: Fen): string {
  return v === 0 ? '' : formatFenGrouped(v);
}

function slipHtml(v: SlipVoucher, part: number, parts: number, entity: string | undefined, lang: Lang): string {
  const en = lang === 'en';
  const lines = v.lines.slice(part * SLIP_LINES, (part + 1) * SLIP_LINES);
  const last = part === parts - 1;
  const [y, m, d] = v.date.split('-');
  const no = en ? `No. ${v.number}${parts > 1 ? ` (${part + 1}/${parts})` : ''}` : `记字第 ${v.number} 号${parts > 1 ? `（${part + 1}/${parts}）` : ''}`;
  const dateText = en ? v.date : `${y} 年 ${m} 月 ${d} 日`;
  const att = en ? `Attachments: ${v.attachments}` : `附件 ${v.attachments} 张`;
  const red = (x: Fen) => (x < 0 ? ' red' : '');
  const rows = lines.map(
    (l) =>
      `<tr><td>${e(clip(v.summary, 24))}</td><td>${e(l.topName)}</td><td>${e(clip(l.detailName, 20))}</td><td class="num${red(l.debit)}">${e(amount(l.debit))}</td><td class="num${red(l.credit)}">${e(amount(l.credit))}</td></tr>`,
  );
  for (let i = lines.length; i < SLIP_LINES; i++) rows.push('<tr><td></td><td></td><td></td><td></td><td></td></tr>');
  const debit = v.lines.reduce((a, l) => a + l.debit, 0);
  const credit = v.lines.reduce((a, l) => a + l.credit, 0);
  const total = last
    ? `<tr class="total"><td colspan="3" class="words">${e(en ? 'Total' : '合计')}：${e(toDaxie(debit))}</td><td class="num${red(debit)}">${e(formatFenGrouped(debit))}</td><td class="num${red(credit)}">${e(formatFenGrouped(credit))}</td></tr>`
    : `<tr><td colspan="5" class="center">${e(en ? 'continued on the next slip' : '（接下页）')}</td></tr>`;
  const head = en
    ? ['Summary', 'General ledger account', 'Sub-account', 'Debit', 'Credit']
    : ['摘要', '总账科目', '明细科目', '借方金额', '贷方金额'];
  const who = (s: string | null) => e(s ?? '');
  const signs = en
    ? [['Supervisor', null], ['Posted', v.poster], ['Reviewed', v.reviewer], ['Cashier', null], ['Prepared', v.preparer]]
    : [['会计主管', null], ['记账', v.poster], ['审核', v.reviewer], ['出纳', null], ['制单', v.preparer]];
  return `<div class="slip">
<h1>${e(en ? 'Journal voucher' : '记账凭证')}</h1>
${entity ? `<div class="entity">${e(entity)}</div>` : ''}
<div class="meta"><span>${e(att)}</span><span>${e(dateText)}</span><span>${e(no)}</span></div>
<table>
<colgroup><col style="width:30%"><col style="width:17%"><col style="width:19%"><col style="width:17%"><col style="width:17%"></colgroup>
<thead><tr>${head.map((h, i) => `<th${i >= 3 ? ' class="num"' : ''}>${e(h)}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
${total}
</tbody>
</table>
<div class="signs">${signs.map(([k, n]) => `<span>${e(k!)}：${who(n)}</span>`).join('')}</div>
</div>`;
}

/** The slips, two to a page. */
export function voucherSlipsHtml(vouchers: readonly SlipVoucher[], entity: string | undefined, lang: Lang): string {
  const slips = vouchers.flatMap((v) => {
    const parts = Math.max(1, Math.ceil(v.lines.length / SLIP_LINES));
    return Array.from({ length: parts }, (_, i) => slipHtml(v, i, parts, entity, lang));
  });
  const pairs: string[] = [];
  for (let i = 0; i < slips.length; i += 2) pairs.push(`<div class="pair">\n${slips.slice(i, i + 2).join('\n')}\n</div>`);
  const title = lang === 'en' ? 'Journal vouchers' : '记账凭证';
  return htmlDocument(pairs.join('\n'), { lang, title: [entity, title].filter(Boolean).join(' '), css: CSS });
}

export function voucherSlipsView(vouchers: readonly SlipVoucher[], print: { lang: Lang; entity?: string }): Output {
  return {
    title: { zh: '记账凭证', en: 'Journal vouchers' },
    entity: print.entity,
    json: {
      vouchers: vouchers.map((v) => {
        const total = v.lines.reduce((a, l) => a + l.debit, 0);
        return {
          ref: voucherRef(v.period, v.number),
          date: v.date,
          number: v.number,
          summary: v.summary,
          attachments: v.attachments,
          lines: v.lines.map((l) => ({ account: l.account, topName: l.topName, detailName: l.detailName, debit: formatFen(l.debit), credit: formatFen(l.credit) })),
          total: formatFen(total),
          totalInWords: toDaxie(total),
          preparer: v.preparer,
          reviewer: v.reviewer,
          poster: v.poster,
        };
      }),
    },
    sections: [
      {
        columns: COLUMNS,
        rows: vouchers.flatMap((v) =>
          v.lines.map((l, i) => ({
            ref: i === 0 ? voucherRef(v.period, v.number) : null,
            date: i === 0 ? v.date : null,
            summary: v.summary,
            account: l.account,
            topName: l.topName,
            detailName: l.detailName,
            debit: l.debit || null,
            credit: l.credit || null,
          })),
        ),
      },
    ],
    html: voucherSlipsHtml(vouchers, print.entity, print.lang),
  };
}
