// 财务公开 (村务公开栏): a board-ready page of the months' income and spending item by item, money
// received and paid on contracts, and assets bought or disposed of, with cash at both ends.
import type { Lang, Text } from '../../domain/errors.js';
import { formatFen } from '../../domain/money.js';
import type { Disclosure } from '../../domain/statements.js';
import type { Column, Output, Section } from '../output.js';
import { docHeader, escapeHtml as e, htmlDocument, sectionTable } from '../html.js';

export interface DisclosureData {
  from: string;
  to: string;
  figures: Disclosure;
  payments: { contract: string; counterparty: string; direction: string; kind: string; date: string; amount: number }[];
  assets: { code: string; name: string; category: string; acquired: string; cost: number; disposedOn: string | null; proceeds: number | null }[];
}

const ITEM_COLUMNS: Column[] = [
  { key: 'label', zh: '项目', en: 'Item' },
  { key: 'amount', zh: '金额', en: 'Amount', kind: 'money' },
];

const PAYMENT_COLUMNS: Column[] = [
  { key: 'date', zh: '日期', en: 'Date' },
  { key: 'counterparty', zh: '对方', en: 'Counterparty' },
  { key: 'kind', zh: '合同类型', en: 'Kind' },
  { key: 'direction', zh: '收/付', en: 'In/out' },
  { key: 'amount', zh: '金额', en: 'Amount', kind: 'money' },
];

const ASSET_COLUMNS: Column[] = [
  { key: 'name', zh: '资产名称', en: 'Asset' },
  { key: 'category', zh: '类别', en: 'Category' },
  { key: 'change', zh: '变动', en: 'Change' },
  { key: 'date', zh: '日期', en: 'Date' },
  { key: 'amount', zh: '金额', en: 'Amount', kind: 'money' },
];

export function disclosureView(d: DisclosureData, print: { lang: Lang; entity?: string }): Output {
  const f = d.figures;
  const title: Text = { zh: '财务公开', en: 'Financial disclosure' };
  const period: Text = d.from === d.to ? { zh: `${d.from.replace('-', ' 年 ')} 月`, en: d.from } : { zh: `${d.from} 至 ${d.to}`, en: `${d.from} to ${d.to}` };
  const none = (t: Text) => ({ zh: `（本期无${t.zh}）`, en: `(no ${t.en} in the period)` });
  const income: Section = {
    title: { zh: '一、收入', en: '1. Income' },
    columns: ITEM_COLUMNS,
    rows: f.income.map((x) => ({ label: x.label, amount: x.amount })),
    footer: [{ label: '收入合计', amount: f.totalIncome }],
  };
  const spending: Section = {
    title: { zh: '二、支出', en: '2. Spending' },
    columns: ITEM_COLUMNS,
    rows: f.spending.map((x) => ({ label: x.label, amount: x.amount })),
    footer: [{ label: '支出合计', amount: f.totalSpending }],
  };
  const payments: Section = {
    title: { zh: '三、合同收付款', en: '3. Contract payments' },
    columns: PAYMENT_COLUMNS,
    rows: d.payments.map((p) => ({ ...p })),
    notes: d.payments.length ? [] : [none({ zh: '合同收付款', en: 'contract payments' })],
  };
  const assets: Section = {
    title: { zh: '四、资产变动', en: '4. Asset changes' },
    columns: ASSET_COLUMNS,
    rows: d.assets.flatMap((a) => [
      ...(a.acquired >= d.from && a.acquired.slice(0, 7) <= d.to ? [{ name: a.name, category: a.category, change: '购建', date: a.acquired, amount: a.cost }] : []),
      ...(a.disposedOn && a.disposedOn.slice(0, 7) >= d.from && a.disposedOn.slice(0, 7) <= d.to ? [{ name: a.name, category: a.category, change: '处置', date: a.disposedOn, amount: a.proceeds ?? 0 }] : []),
    ]),
    notes: d.assets.length ? [] : [none({ zh: '资产变动', en: 'asset changes' })],
  };
  const cash: Section = {
    title: { zh: '五、货币资金', en: '5. Cash' },
    columns: ITEM_COLUMNS,
    rows: [
      { label: '期初货币资金', amount: f.cashOpening },
      { label: '加：本期收入', amount: f.totalIncome },
      { label: '减：本期支出', amount: f.totalSpending },
      { label: '期末货币资金', amount: f.cashClosing },
    ],
    notes: [{ zh: '期初、期末货币资金为库存现金与银行存款余额；其差额还包括往来款项、借款等收付。', en: 'Cash is 库存现金 and 银行存款; its change also includes receivables, payables and loans.' }],
  };
  const sections = [income, spending, payments, assets, cash];
  const pick = (t: Text) => (print.lang === 'en' ? t.en : t.zh);
  const sign = print.lang === 'en'
    ? `<p class="note">Questions about these figures may be raised with the financial supervision group.</p><div class="signoff"><div>${e(print.entity ?? '')}</div><div>Supervision group (signatures): ______________</div></div>`
    : `<p class="note">对公开内容如有疑问，请向本社民主理财小组或监事会反映。</p><div class="signoff"><div>${e(print.entity ?? '')}</div><div>民主理财小组（签字）：______________</div></div>`;
  const css = '.signoff { margin-top: 10mm; text-align: right; line-height: 2.2; }';
  const html = htmlDocument(`${docHeader(print.entity, pick(title), pick(period))}\n${sections.map((s) => sectionTable(s, print.lang)).join('\n')}\n${sign}`, {
    lang: print.lang,
    title: [print.entity, pick(title), pick(period)].filter(Boolean).join(' '),
    css,
  });
  return {
    title,
    period,
    entity: print.entity,
    json: {
      from: d.from,
      to: d.to,
      income: f.income.map((x) => ({ account: x.account, label: x.label, amount: formatFen(x.amount) })),
      spending: f.spending.map((x) => ({ account: x.account, label: x.label, amount: formatFen(x.amount) })),
      totalIncome: formatFen(f.totalIncome),
      totalSpending: formatFen(f.totalSpending),
      cashOpening: formatFen(f.cashOpening),
      cashClosing: formatFen(f.cashClosing),
      contractPayments: d.payments.map((p) => ({ ...p, amount: formatFen(p.amount) })),
      assetChanges: sections[3].rows.map((r) => ({ ...r, amount: formatFen(r.amount as number) })),
    },
    sections,
    html,
  };
}
