// The archive: the year-end share register it keeps, and what `archive` and `archive verify` print.
import type { Text } from '../../domain/errors.js';
import type { ManifestEntry } from '../../domain/archive.js';
import { formatFen } from '../../domain/money.js';
import { formatUnits } from '../../domain/shares.js';
import type { Column, Output } from '../output.js';

export interface ShareHolderLine {
  member: string;
  name: string;
  /** Share units (1/10,000). */
  shares: number;
  /** Fen: shares × par. */
  value: number;
}

const HOLDER_COLUMNS: Column[] = [
  { key: 'member', zh: '成员编号', en: 'Member', id: true },
  { key: 'name', zh: '姓名', en: 'Name' },
  { key: 'shares', zh: '股数', en: 'Shares', kind: 'number' },
  { key: 'value', zh: '股金', en: 'Value', kind: 'money' },
];

/** 股东名册 of a project on a day. */
export function shareRegisterView(project: { code: string; name: string }, asOf: string, lines: readonly ShareHolderLine[], entity?: string): Output {
  const total = lines.reduce((a, l) => a + l.shares, 0);
  const value = lines.reduce((a, l) => a + l.value, 0);
  return {
    title: { zh: `股东名册（${project.name}）`, en: `Register of shareholders (${project.name})` },
    period: { zh: `截至 ${asOf}`, en: `as of ${asOf}` },
    entity,
    json: {
      project: project.code,
      asOf,
      holders: lines.map((l) => ({ member: l.member, name: l.name, shares: formatUnits(l.shares), value: formatFen(l.value) })),
      totalShares: formatUnits(total),
    },
    sections: [
      {
        columns: HOLDER_COLUMNS,
        rows: lines.map((l) => ({ member: l.member, name: l.name, shares: formatUnits(l.shares), value: l.value })),
        footer: [{ member: '合计', name: `${lines.length} 人`, shares: formatUnits(total), value }],
      },
    ],
  };
}

const FILE_COLUMNS: Column[] = [
  { key: 'path', zh: '文件', en: 'File' },
  { key: 'title', zh: '内容', en: 'Title' },
  { key: 'retention', zh: '保管期限', en: 'Retention' },
  { key: 'bytes', zh: '字节', en: 'Bytes', kind: 'int' },
];

/** What `archive` wrote: the manifest's files. */
export function archiveView(dir: string, year: number, files: readonly ManifestEntry[]): Output {
  return {
    title: { zh: `${year} 年会计档案`, en: `Accounting archive ${year}` },
    json: { dir, year, files: files.map((f) => ({ ...f })) },
    sections: [
      {
        title: { zh: `${year} 年会计档案：${dir}（${files.length} 个文件，清单 manifest.json）`, en: `Archive ${year}: ${dir} (${files.length} files, manifest.json)` },
        columns: FILE_COLUMNS,
        rows: files.map((f) => ({ ...f })),
      },
    ],
  };
}

export const ARCHIVE_OK: (n: number) => Text = (n) => ({ zh: `归档完好：${n} 个文件与清单一致`, en: `archive intact: ${n} files match the manifest` });
