// The resources CSV (资源台账) and `resource add`.
import { RESOURCE_STATUSES, type ResourceEntry } from '../domain/resources.js';
import type { ColumnSpec } from './csv-read.js';
import type { FieldReader } from './register-fields.js';

export const RESOURCE_COLUMNS: ColumnSpec[] = [
  { key: 'code', zh: '资源编码', aliases: ['资源编号', '编码'], required: true, kind: 'code' },
  { key: 'name', zh: '名称', aliases: ['资源名称'], required: true },
  { key: 'category', zh: '类别', aliases: ['资源类别', '资源类型'], required: true, note: '如 耕地、林地、园地、水面' },
  { key: 'area', zh: '面积', aliases: ['数量'], required: true, kind: 'number', note: '最多 4 位小数' },
  { key: 'unit', zh: '单位', aliases: ['计量单位'], required: false, note: '不填为 亩' },
  { key: 'location', zh: '坐落', aliases: ['坐落位置'], required: false },
  { key: 'boundaries', zh: '四至', required: false },
  { key: 'status', zh: '状态', aliases: ['使用状态', '经营方式'], required: false, kind: 'choice', values: ['自营', '发包', '出租', '入股', '流转', '闲置'], note: '不填为 闲置' },
  { key: 'parcelCode', zh: '地块代码', aliases: ['地块编码'], required: false, kind: 'code' },
  { key: 'ownership', zh: '权属', required: false },
  { key: 'note', zh: '备注', required: false },
];

/** A template's example row. */
export const RESOURCE_EXAMPLE: Record<string, string>[] = [
  { code: 'ZY-001', name: '东坑耕地', category: '耕地', area: '35.5', unit: '亩', location: '东坑', boundaries: '东至河 南至村道 西至山脚 北至水渠', status: '发包', parcelCode: '4418030020101' },
];

export const RESOURCE_OPTIONS: Record<string, string> = {
  code: 'CODE',
  name: '--name',
  category: '--category',
  area: '--area',
  unit: '--unit',
  location: '--location',
  boundaries: '--boundaries',
  status: '--status',
  parcelCode: '--parcel',
  ownership: '--ownership',
  note: '--note',
};

export function readResource(r: FieldReader): ResourceEntry | null {
  const before = r.errors.length;
  const code = r.text('code', true);
  const name = r.text('name', true);
  const category = r.text('category', true);
  const area = r.area('area', true);
  const status = r.oneOf('status', RESOURCE_STATUSES, '闲置');
  if (r.errors.length > before) return null;
  return {
    code,
    name,
    category,
    area: area!,
    unit: r.text('unit') ?? '亩',
    location: r.text('location'),
    boundaries: r.text('boundaries'),
    parcelCode: r.text('parcelCode'),
    ownership: r.text('ownership'),
    status: status!,
    note: r.text('note'),
  };
}
