// The resource register (资源台账): each resource with the contracts using it, totals by category and status.
import type { IsoDate } from '../../domain/dates.js';
import { formatArea } from '../../domain/registers.js';
import { resourceTotals, type ResourceEntry, type ResourceTotal } from '../../domain/resources.js';
import type { Output } from '../output.js';

export interface ResourceContract {
  code: string;
  kind: string;
  direction: string;
  counterparty: string;
  start: IsoDate;
  end: IsoDate;
}

export interface ResourceListData {
  asOf: IsoDate;
  resources: readonly ResourceEntry[];
  /** Contracts in force on asOf, by subject. */
  inForce: ReadonlyMap<string, readonly ResourceContract[]>;
}

/** What the JSON and the table both show of a resource, in their order. */
const fields = (r: ResourceEntry) => ({
  code: r.code,
  name: r.name,
  category: r.category,
  area: formatArea(r.area),
  unit: r.unit,
  location: r.location,
  boundaries: r.boundaries,
  parcelCode: r.parcelCode,
});

export function resourceListView(d: ResourceListData): Output {
  const using = (code: string) => d.inForce.get(code) ?? [];
  const byCategory = resourceTotals(d.resources, (r) => r.category);
  const byStatus = resourceTotals(d.resources, (r) => r.status);
  const totalRow = (t: ResourceTotal, label: string) => ({ code: label, name: t.key, area: formatArea(t.area), unit: t.unit, status: `${t.count} 项` });
  return {
    title: { zh: '资源台账', en: 'Resource register' },
    period: { zh: `使用状态和合同截至 ${d.asOf}`, en: `status and contracts as of ${d.asOf}` },
    json: {
      asOf: d.asOf,
      resources: d.resources.map((r) => ({
        ...fields(r),
        ownership: r.ownership,
        status: r.status,
        contracts: using(r.code).map((c) => ({ code: c.code, kind: c.kind, direction: c.direction, counterparty: c.counterparty, start: c.start, end: c.end })),
      })),
      totals: {
        byCategory: byCategory.map((t) => ({ category: t.key, unit: t.unit, count: t.count, area: formatArea(t.area) })),
        byStatus: byStatus.map((t) => ({ status: t.key, unit: t.unit, count: t.count, area: formatArea(t.area) })),
      },
    },
    sections: [
      {
        title: { zh: `资源台账（截至 ${d.asOf}）`, en: `Resource register as of ${d.asOf}` },
        columns: [
          { key: 'code', zh: '资源编码', en: 'Code', id: true },
          { key: 'name', zh: '名称', en: 'Name' },
          { key: 'category', zh: '类别', en: 'Category' },
          { key: 'area', zh: '面积', en: 'Area', kind: 'number' },
          { key: 'unit', zh: '单位', en: 'Unit' },
          { key: 'location', zh: '坐落', en: 'Location' },
          { key: 'boundaries', zh: '四至', en: 'Boundaries' },
          { key: 'parcelCode', zh: '地块代码', en: 'Parcel', id: true },
          { key: 'status', zh: '使用状态', en: 'Status' },
          { key: 'contract', zh: '合同', en: 'Contract', id: true },
        ],
        rows: d.resources.map((r) => ({
          ...fields(r),
          status: r.status,
          contract: using(r.code)
            .map((c) => `${c.code}（${c.kind}，${c.counterparty}，至 ${c.end}）`)
            .join('；'),
        })),
        footer: [...byCategory.map((t) => totalRow(t, '按类别')), ...byStatus.map((t) => totalRow(t, '按状态'))],
      },
    ],
  };
}
