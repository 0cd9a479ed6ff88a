// 收益分配: the plan (plan, declare, show), the payment roll, the bank file and the public notice.
import type { Lang, Text } from '../../domain/errors.js';
import { formatFen, formatFenGrouped, toDaxie, type Decimal, type Fen } from '../../domain/money.js';
import { formatUnits } from '../../domain/shares.js';
import { allocationJson, planToJson, weightText as allocationWeight } from '../../domain/distribution.js';
import { breakdownJson } from '../../domain/dividend-profit.js';
import {
  emptyReasonText,
  MAIN_PROJECT,
  optionsJson,
  optionsText,
  profitSourceJson,
  profitSourceText,
  type DeclaredPlan,
  type DividendPlan,
} from '../../domain/dividend-plan.js';
import type { BankLine, RosterLine } from '../../domain/dividend-payout.js';
import type { Column, Output, Row, Section } from '../output.js';
import { JsonList } from '../render.js';
import { noticePage, type NoticePosting } from './dividend-notice.js';

const BASIS = {
  'record-date': { zh: '按登记日持股', en: 'holdings on the record date' },
  'time-weighted': { zh: '按持股天数加权', en: 'time-weighted by days held' },
} as const;

/** 按登记日持股（2024-12-31）, or 按持股天数加权: the value of the 计算基础 line. */
function basisText(p: DividendPlan): Text {
  const b = BASIS[p.distribution.basis];
  return p.distribution.basis === 'record-date' ? { zh: `${b.zh}（${p.options.recordDate}）`, en: `${b.en} (${p.options.recordDate})` } : b;
}

const pick = (lang: Lang, t: Text) => (lang === 'en' ? t.en : t.zh);

function weightText(w: Decimal): string {
  return w.toDecimalPlaces(6).toFixed();
}

/** 汤泉民宿（tq）2024 年收益分配方案（未记账） */
function planTitle(p: DividendPlan, what: Text): Text {
  return { zh: `${p.project.name}（${p.project.code}）${p.year} 年${what.zh}`, en: `${what.en}: ${p.project.name} (${p.project.code}) ${p.year}` };
}

/** A title as a CSV line of its own above the tables. */
function titleLine(title: Text): Section {
  return { columns: [{ key: 'title', ...title }], rows: [] };
}

/** The year's ceiling: 可分配收益 of the collective, what is declared elsewhere, what remains. */
function ceilingRows(p: DividendPlan): { item: Text; value: string }[] {
  const b = p.breakdown;
  if (!b) return [];
  return [
    { item: { zh: `本集体 ${p.year} 年可分配收益`, en: `Distributable profit of the collective, ${p.year}` }, value: formatFenGrouped(b.distributable) },
    { item: { zh: '减：已宣告的其他分配', en: 'Less: declared elsewhere' }, value: formatFenGrouped(b.declaredByOthers + b.otherDistributions) },
    { item: { zh: '尚可分配（本次上限）', en: 'Remaining (the ceiling of this plan)' }, value: formatFenGrouped(b.remaining) },
  ];
}

/**
 * The plan's figures, item by item: where the profit came from (本年收益, subsidies left out, losses
 * made up, what the other projects declared), reserve, pool, weights, and the year's ceiling.
 */
function figureRows(p: DividendPlan): { item: Text; value: string | Text }[] {
  const rows: { item: Text; value: string | Text }[] = [...profitRows(p)];
  const d = p.distribution;
  rows.push(
    { item: { zh: '减：提取公积公益金', en: 'Less: reserve (公积公益金)' }, value: formatFenGrouped(d.reserve) },
    { item: { zh: '向成员分配总额', en: 'Pool to shareholders' }, value: formatFenGrouped(d.pool) },
    { item: { zh: '总股数（权数）', en: 'Total weight (shares)' }, value: weightText(d.totalWeight) },
    { item: { zh: '每股分红（元）', en: 'Per share (yuan)' }, value: d.perShare.toFixed(6) },
    { item: { zh: '计算基础', en: 'Basis' }, value: basisText(p) },
  );
  rows.push(...ceilingRows(p));
  return rows;
}

const money = (item: Text, v: Fen) => ({ item, value: formatFenGrouped(v) });

/** How the profit was found, down to the profit the reserve and the pool are taken from. */
function profitRows(p: DividendPlan): { item: Text; value: string }[] {
  const d = p.distribution;
  const b = p.breakdown;
  const src = profitSourceText(p.profitSource, p.project.name, p.year);
  const main = p.project.code === MAIN_PROJECT;
  if (p.profitSource.kind === 'option') return [money({ zh: `本次分配的收益（${src.zh}）`, en: `Profit (${src.en})` }, d.profit)];
  if (!b) {
    // Declared before the breakdown was kept: the profit before the loss, as it was then.
    const rows = [money({ zh: `本年收益（${src.zh}）`, en: `Profit (${src.en})` }, d.profit)];
    if (main || d.lossCovered > 0) rows.push(money({ zh: '减：弥补以前年度亏损', en: 'Less: loss of earlier years covered' }, d.lossCovered));
    return rows;
  }
  const rows = [money({ zh: `本年收益（${src.zh}）`, en: `Profit of the year (${src.en})` }, b.yearProfit)];
  if (b.subsidiesExcluded !== 0) rows.push(money({ zh: '减：补助收入（不参与分配）', en: 'Less: subsidies (503), not distributed' }, b.subsidiesExcluded));
  if (main || d.lossCovered > 0) rows.push(money({ zh: '减：弥补以前年度亏损', en: 'Less: loss of earlier years made up' }, d.lossCovered));
  if (main && b.declaredByOthers !== 0) rows.push(money({ zh: '减：其他项目已宣告的分配', en: 'Less: declared by the other projects' }, b.declaredByOthers));
  if (rows.length > 1 || d.profit !== b.yearProfit) rows.push(money({ zh: '本次分配的收益', en: 'Profit distributed from' }, d.profit));
  return rows;
}

const FIGURE_COLUMNS: Column[] = [
  { key: 'item', zh: '项目', en: 'Item' },
  { key: 'value', zh: '金额/数值', en: 'Value', kind: 'number' },
];

function figuresSection(p: DividendPlan, title: Text, lang: Lang): Section {
  return { title, columns: FIGURE_COLUMNS, rows: figureRows(p).map((r) => ({ item: pick(lang, r.item), value: typeof r.value === 'string' ? r.value : pick(lang, r.value) })) };
}

/** Options in force, and why nothing is distributed when nothing is. */
function planNotes(p: DividendPlan): Text[] {
  const empty = emptyReasonText(p.distribution.emptyReason);
  return [optionsText(p.options), ...(empty ? [empty] : [])];
}

const MONEY_COLUMNS: Column[] = [
  { key: 'gross', zh: '应分金额', en: 'Gross', kind: 'money' },
  { key: 'tax', zh: '代扣税款', en: 'Tax', kind: 'money' },
  { key: 'offset', zh: '抵扣欠款', en: 'Offset', kind: 'money' },
  { key: 'net', zh: '实发金额', en: 'Net', kind: 'money' },
];

function planOutput(p: DividendPlan, what: Text, lang: Lang, extraJson: Record<string, unknown>): Output {
  const d = p.distribution;
  const title = planTitle(p, what);
  let rows: Row[] | undefined;
  const allocations: Section = {
    columns: [
      { key: 'member', zh: '成员编号', en: 'Member', id: true },
      { key: 'name', zh: '姓名', en: 'Name' },
      { key: 'household', zh: '户号', en: 'Household', id: true },
      { key: 'shares', zh: '股数', en: 'Shares', kind: 'number' },
      { key: 'weight', zh: '权数', en: 'Weight', kind: 'number' },
      ...MONEY_COLUMNS,
    ],
    // Built only when asked for (not for --format json), once.
    get rows() {
      return (rows ??= d.allocations.map((a) => ({
        member: a.member,
        name: a.name,
        household: a.household,
        shares: formatUnits(a.shares),
        weight: allocationWeight(a),
        gross: a.gross,
        tax: a.tax,
        offset: a.offset,
        net: a.net,
      })));
    },
    footer: [{ member: lang === 'en' ? 'Total' : '合计', weight: weightText(d.totalWeight), ...d.totals }],
    notes: planNotes(p),
  };
  const sections = [figuresSection(p, title, lang), allocations];
  return {
    title: { zh: '收益分配方案', en: 'Distribution plan' },
    // Built only when asked for (--format json).
    get json() {
      return {
        // The allocations made as they are written (a plan may hold 100,000 members).
        ...planToJson(d, p.project.code, (as) => new JsonList(() => mapped(as, allocationJson))),
        options: optionsJson(p.options),
        profitSource: profitSourceJson(p.profitSource),
        emptyReason: d.emptyReason,
        ...breakdownJson(p.breakdown),
        ...extraJson,
      };
    },
    sections,
    csv: [titleLine(title), ...sections],
  };
}

function* mapped<A, B>(items: Iterable<A>, f: (a: A) => B): Generator<B> {
  for (const a of items) yield f(a);
}

/** `dividend plan`: the plan from the options, nothing posted. */
export function planView(p: DividendPlan, lang: Lang): Output {
  return planOutput(p, { zh: '收益分配方案（未记账）', en: 'Distribution plan (not posted)' }, lang, {});
}

/** `dividend declare`: the plan just posted. */
export function declaredView(p: DeclaredPlan, lang: Lang): Output {
  return planOutput(p, { zh: '收益分配方案（已宣告）', en: 'Distribution (declared)' }, lang, { declaredAt: p.declaredAt, vouchers: p.vouchers });
}

/** `dividend show`: the plan as declared, and how much of it is paid. */
export function shownView(p: DeclaredPlan, paid: Fen, lang: Lang): Output {
  const day = p.declaredAt.slice(0, 10);
  const what = { zh: `收益分配方案（${day} 宣告，凭证 ${p.vouchers.join('、')}）`, en: `Distribution declared ${day}` };
  return planOutput(p, what, lang, { declaredAt: p.declaredAt, vouchers: p.vouchers, paid: formatFen(paid) });
}

function draftMark(declared: boolean): Text {
  return declared ? { zh: '', en: '' } : { zh: '（草案，尚未宣告）', en: ' (draft, not declared)' };
}

const ROSTER_COLUMNS: Column[] = [
  { key: 'member', zh: '成员编号', en: 'Member', id: true },
  { key: 'name', zh: '姓名', en: 'Name' },
  { key: 'household', zh: '户号', en: 'Household', id: true },
  { key: 'idCard', zh: '身份证号', en: 'ID card', id: true },
  { key: 'shares', zh: '股数', en: 'Shares', kind: 'number' },
  ...MONEY_COLUMNS,
];

function rosterRow(r: RosterLine) {
  return { member: r.member, name: r.name, household: r.household, idCard: r.idCard, shares: formatUnits(r.shares), gross: r.gross, tax: r.tax, offset: r.offset, net: r.net };
}

const moneyJson = <T extends { gross: Fen; tax: Fen; offset: Fen; net: Fen }>(r: T) => ({
  ...r,
  gross: formatFen(r.gross),
  tax: formatFen(r.tax),
  offset: formatFen(r.offset),
  net: formatFen(r.net),
});

/** 分红发放表: the roster with the net in 大写 and a column to sign for the money. */
export function rollView(p: DividendPlan, declared: boolean, roster: Iterable<RosterLine>): Output {
  const d = p.distribution;
  const T = d.totals;
  const mark = draftMark(declared);
  const perShare = d.perShare.toFixed(6);
  return {
    title: { zh: '分红发放表', en: 'Dividend payment roll' },
    // Built only when asked for (--format json).
    get json() {
      return {
        project: p.project.code,
        year: p.year,
        declared,
        perShare,
        rows: new JsonList(() => mapped(roster, (r) => ({ ...moneyJson(rosterRow(r)), netInWords: r.netInWords }))),
        totals: { ...moneyJson(T), netInWords: toDaxie(T.net) },
      };
    },
    sections: [
      {
        title: planTitle(p, { zh: `分红发放表${mark.zh}`, en: `Dividend payment roll${mark.en}` }),
        columns: [
          ...ROSTER_COLUMNS,
          { key: 'netInWords', zh: '实发金额（大写）', en: 'Net in words' },
          { key: 'signature', zh: '领款人签字', en: 'Signature', width: 16 },
        ],
        // Handed over one at a time: a CSV file is written as they come, none of them kept.
        rows: [],
        *each() {
          for (const r of roster) {
            yield {
              member: r.member,
              name: r.name,
              household: r.household,
              idCard: r.idCard,
              shares: formatUnits(r.shares),
              gross: r.gross,
              tax: r.tax,
              offset: r.offset,
              net: r.net,
              netInWords: r.netInWords,
              signature: '',
            };
          }
        },
        footer: [{ member: '合计', ...T, netInWords: toDaxie(T.net) }],
        notes: [{ zh: `每股分红 ${perShare} 元`, en: `Per share ${perShare} yuan` }],
      },
    ],
  };
}

/**
 * 银行代发文件: one transfer a line, the columns banks ask for; written as CSV, or as a workbook
 * whose first sheet holds only the transfers (account numbers as text) and whose sheet 未列入
 * lists the members left out for want of an account (`skipped`).
 */
export function bankFileView(lines: readonly BankLine[], skipped: readonly { member: string; name: string; net: Fen }[] = []): Output {
  const section: Section = {
    columns: [
      { key: 'name', zh: '户名', en: 'Name' },
      { key: 'bankAccount', zh: '银行账号', en: 'Account number', id: true },
      { key: 'bank', zh: '开户银行', en: 'Bank' },
      { key: 'amount', zh: '金额', en: 'Amount', kind: 'money' },
      { key: 'member', zh: '成员编号', en: 'Member', id: true },
      { key: 'purpose', zh: '用途', en: 'Purpose' },
    ],
    rows: lines.map((l) => ({ ...l })),
  };
  const left = skipped.map((a) => ({ member: a.member, name: a.name, net: a.net, reason: '没有银行账号' }));
  const leftColumns: Column[] = [
    { key: 'member', zh: '成员编号', en: 'Member', id: true },
    { key: 'name', zh: '姓名', en: 'Name' },
    { key: 'net', zh: '实发金额', en: 'Net', kind: 'money' },
    { key: 'reason', zh: '未列入原因', en: 'Why left out' },
  ];
  const note: Text[] = skipped.length
    ? [{ zh: `未列入（没有银行账号，须另行发放）：${skipped.map((a) => `${a.member} ${a.name}`).join('、')}`, en: `left out (no bank account; pay them otherwise): ${skipped.map((a) => `${a.member} ${a.name}`).join(', ')}` }]
    : [];
  return {
    title: { zh: '银行代发文件', en: 'Bank batch-payment file' },
    json: {
      payments: lines.map((l) => ({ ...l, amount: formatFen(l.amount) })),
      skipped: skipped.map((a) => ({ member: a.member, name: a.name, net: formatFen(a.net) })),
    },
    plain: true,
    sheet: { zh: '代发', en: 'Payments' },
    sections: [{ ...section, notes: note }],
    // The file itself holds the transfers only, as the bank reads it.
    csv: [section],
    sheets: skipped.length ? [{ name: { zh: '未列入', en: 'Left out' }, sections: [{ columns: leftColumns, rows: left }] }] : undefined,
  };
}

const OBJECTIONS: Text = {
  zh: '公示期内如有异议，请向本社理事会或监事会书面提出。',
  en: 'Objections may be made in writing to the council or the supervisory board during the notice period.',
};

/** 分配公示: the figures and the roster (ID numbers masked), as a table, CSV, JSON or a printable page. */
export function noticeView(p: DividendPlan, declared: boolean, org: string, roster: readonly RosterLine[], lang: Lang, posting: NoticePosting): Output {
  const d = p.distribution;
  const mark = draftMark(declared);
  const title = {
    zh: `${org}${p.project.name}${p.year}年度收益分配公示${mark.zh}`,
    en: `Public notice of the ${p.year} distribution: ${p.project.name}${org ? ', ' + org : ''}${mark.en}`,
  };
  const rows = roster.map(rosterRow);
  const footer = { member: lang === 'en' ? 'Total' : '合计', ...d.totals };
  const notes = planNotes(p);
  const figures = figuresSection(p, title, lang);
  const sections: Section[] = [figures, { columns: ROSTER_COLUMNS, rows, footer: [footer], notes }];
  const source = [...profitRows(p), ...ceilingRows(p)];
  const html = noticePage(p, declared, org, roster, posting, lang, source.map((r) => ({ item: pick(lang, r.item), value: r.value })));
  return {
    title: { zh: '收益分配公示', en: 'Distribution notice' },
    json: {
      title: pick(lang, title),
      declared,
      ...planToJson(d, p.project.code),
      options: optionsJson(p.options),
      ...breakdownJson(p.breakdown),
      allocations: rows.map(moneyJson),
      noticeFrom: posting.from,
      noticeTo: posting.to,
      phone: posting.phone ?? null,
    },
    sections,
    csv: [titleLine(title), ...sections],
    html,
  };
}
