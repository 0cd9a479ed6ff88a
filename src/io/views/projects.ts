// Projects: the list, each with its register's holders and shares today.
import { formatFen } from '../../domain/money.js';
import { formatUnits } from '../../domain/shares.js';
import type { Project } from '../../domain/projects.js';
import type { Output } from '../output.js';

export interface ProjectListItem extends Project {
  holders: number;
  totalUnits: number;
}

export function projectListView(projects: readonly ProjectListItem[]): Output {
  return {
    title: { zh: '项目列表', en: 'Projects' },
    json: {
      projects: projects.map((p) => ({
        code: p.code,
        name: p.name,
        par: formatFen(p.par),
        capitalAccount: p.capitalAccount,
        holders: p.holders,
        totalShares: formatUnits(p.totalUnits),
      })),
    },
    sections: [
      {
        columns: [
          { key: 'code', zh: '项目编码', en: 'Code', id: true },
          { key: 'name', zh: '项目名称', en: 'Name' },
          { key: 'par', zh: '每股金额', en: 'Par', kind: 'money' },
          { key: 'capitalAccount', zh: '资本科目', en: 'Capital acct' },
          { key: 'holders', zh: '股东人数', en: 'Holders', kind: 'int' },
          { key: 'totalShares', zh: '总股数', en: 'Total shares', kind: 'number' },
        ],
        rows: projects.map((p) => ({ ...p, totalShares: formatUnits(p.totalUnits) })),
      },
    ],
  };
}
