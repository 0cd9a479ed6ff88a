// Share registers: 股东名册 by member and by household, and the 股权证 (certificate) as printable text.
import type { Lang } from '../../domain/errors.js';
import { formatFen, formatFenGrouped, toDaxie } from '../../domain/money.js';
import { compareClasses, formatUnits, sharePercent, unitsInClass, type Certificate, type HouseholdLine, type ShareRegister } from '../../domain/shares.js';
import type { Column, Output, Row } from '../output.js';

/** Units by class in JSON: a list (a class's name is Chinese text, and JSON keys are camelCase English). */
export const classesJson = (byClass: Map<string, number>) => [...byClass].sort(([a], [b]) => compareClasses(a, b)).map(([c, u]) => ({ class: c, shares: formatUnits(u) }));

function registerTitle(r: ShareRegister) {
  const p = r.project;
  return {
    zh: `股东名册  ${p.code} ${p.name}  截至 ${r.asOf}  每股 ${formatFenGrouped(p.par)} 元`,
    en: `Register of shareholders  ${p.code} ${p.name}  as of ${r.asOf}  par ${formatFenGrouped(p.par)}`,
  };
}

/** One column per share class held, then shares, value and percentage. */
function classColumns(r: ShareRegister): { columns: Column[]; cells: (byClass: Map<string, number>) => Row } {
  return {
    columns: r.classes.map((c, i) => ({ key: `c${i}`, zh: c, en: c, kind: 'number' })),
    cells: (m) => Object.fromEntries(r.classes.map((c, i) => [`c${i}`, m.has(c) ? formatUnits(m.get(c)!) : ''])),
  };
}

const TAIL: Column[] = [
  { key: 'shares', zh: '合计股数', en: 'Shares', kind: 'number' },
  { key: 'value', zh: '股金', en: 'Value', kind: 'money' },
  { key: 'pct', zh: '占比%', en: '%', kind: 'number' },
];

/** 股东名册: each holder's shares by class, value at par and share of the total. */
export function shareRegisterView(r: ShareRegister, lang: Lang): Output {
  const en = lang === 'en';
  const k = classColumns(r);
  const total = r.totalUnits;
  return {
    title: { zh: '股东名册', en: 'Register of shareholders' },
    period: { zh: `截至 ${r.asOf}`, en: `as of ${r.asOf}` },
    // Built only when asked for (--format json): a Decimal percentage per holder.
    get json() {
      return {
        project: r.project.code,
        asOf: r.asOf,
        par: formatFen(r.project.par),
        holders: r.lines.map((l) => ({
          member: l.member,
          name: l.name,
          shares: formatUnits(l.units),
          value: formatFen(l.value),
          household: l.household,
          percentage: sharePercent(l.units, total),
          classes: classesJson(l.byClass),
        })),
        totalShares: formatUnits(total),
        totalValue: formatFen(r.totalValue),
        classes: classesJson(r.byClass),
      };
    },
    sections: [
      {
        title: registerTitle(r),
        columns: [
          { key: 'member', zh: '成员编号', en: 'Member', id: true },
          { key: 'name', zh: '姓名', en: 'Name' },
          { key: 'household', zh: '户号', en: 'Household', id: true },
          ...k.columns,
          ...TAIL,
        ],
        // Handed over one at a time: a CSV file is written as they come, none of them kept.
        rows: [],
        *each() {
          const classes = r.classes;
          for (const l of r.lines) {
            const row: Row = { member: l.member, name: l.name, household: l.household };
            for (let i = 0; i < classes.length; i++) {
              const u = unitsInClass(l, classes[i]);
              row[`c${i}`] = u === undefined ? '' : formatUnits(u);
            }
            row.shares = formatUnits(l.units);
            row.value = l.value;
            row.pct = sharePercent(l.units, total);
            yield row;
          }
        },
        footer: [
          {
            member: en ? 'Total' : '合计',
            name: en ? `${r.lines.length} holders` : `${r.lines.length} 人`,
            ...k.cells(r.byClass),
            shares: formatUnits(total),
            value: r.totalValue,
            pct: total ? '100.0000' : '',
          },
        ],
      },
    ],
  };
}

/** 分户股份: the register summed by household, with the head of each. */
export function householdRegisterView(r: ShareRegister, households: readonly HouseholdLine[], lang: Lang): Output {
  const en = lang === 'en';
  const k = classColumns(r);
  const total = r.totalUnits;
  return {
    title: { zh: '分户股份', en: 'Shares by household' },
    period: { zh: `截至 ${r.asOf}`, en: `as of ${r.asOf}` },
    json: {
      project: r.project.code,
      asOf: r.asOf,
      par: formatFen(r.project.par),
      households: households.map((h) => ({
        household: h.household || null,
        head: h.head?.id ?? null,
        headName: h.head?.name ?? null,
        members: h.members.map((l) => l.member),
        shares: formatUnits(h.units),
        value: formatFen(h.value),
        percentage: sharePercent(h.units, total),
        classes: classesJson(h.byClass),
      })),
      totalShares: formatUnits(total),
      totalValue: formatFen(r.totalValue),
    },
    sections: [
      {
        title: registerTitle(r),
        columns: [
          { key: 'household', zh: '户号', en: 'Household', id: true },
          { key: 'head', zh: '户主', en: 'Head' },
          { key: 'count', zh: '持股人数', en: 'Holders', kind: 'int' },
          ...k.columns,
          ...TAIL,
        ],
        rows: households.map((h) => ({
          household: h.household || (en ? '(none)' : '（无户号）'),
          head: h.head?.name ?? '',
          count: h.members.length,
          ...k.cells(h.byClass),
          shares: formatUnits(h.units),
          value: h.value,
          pct: sharePercent(h.units, total),
        })),
        footer: [
          {
            household: en ? 'Total' : '合计',
            count: r.lines.length,
            ...k.cells(r.byClass),
            shares: formatUnits(total),
            value: r.totalValue,
            pct: total ? '100.0000' : '',
          },
        ],
      },
    ],
  };
}

/** The certificate as JSON (`shares certificate --format json`). */
export function certificateJson(c: Certificate): string {
  const json = {
    number: c.number,
    organization: c.organization,
    project: c.project.code,
    projectName: c.project.name,
    member: c.member.id,
    name: c.member.name,
    idCard: c.member.maskedIdCard,
    household: c.member.household,
    par: formatFen(c.project.par),
    classes: c.classes.map((x) => ({ class: x.shareClass, shares: formatUnits(x.units) })),
    shares: formatUnits(c.units),
    value: formatFen(c.value),
    asOf: c.asOf,
    date: c.issued,
  };
  return JSON.stringify(json, null, 2) + '\n';
}

/** The certificate as text to print (股 权 证). */
export function certificateText(c: Certificate): string {
  const m = c.member;
  const lines = [
    '股 权 证',
    '',
    `证号：${c.number}`,
    `发证单位：${c.organization}`,
    `项目：${c.project.name}（${c.project.code}）`,
    `股东：${m.name}（成员编号 ${m.id}${m.household ? `，户号 ${m.household}` : ''}）`,
    `身份证号：${m.maskedIdCard ?? ''}`,
    `每股金额：${formatFenGrouped(c.project.par)} 元`,
    `持股（截至 ${c.asOf}）：`,
    ...c.classes.map((x) => `  ${x.shareClass}  ${formatUnits(x.units)} 股  ${formatFenGrouped(x.value)} 元`),
    `  合计  ${formatUnits(c.units)} 股  股金 ${formatFenGrouped(c.value)} 元（大写：${toDaxie(c.value)}）`,
    '',
    '股份只在本集体经济组织成员之间转让、继承、赠与，转让须办理登记。',
    '',
    `发证日期：${c.issued}`,
    '（盖章）',
    '',
  ];
  return lines.join('\n');
}
