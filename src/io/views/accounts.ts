// The chart of accounts as a list.
import type { Output } from '../output.js';

export interface AccountItem {
  code: string;
  name: string;
  class: string;
  side: string;
  level: number;
  parent: string | null;
  isLeaf: boolean;
}

export function accountListView(accounts: readonly AccountItem[]): Output {
  const columns = [
    { key: 'code', zh: '科目编码', en: 'Code', id: true },
    { key: 'name', zh: '科目名称', en: 'Name' },
    { key: 'class', zh: '类别', en: 'Class' },
    { key: 'side', zh: '余额方向', en: 'Side', kind: 'side' as const },
    { key: 'level', zh: '级次', en: 'Level', kind: 'int' as const },
  ];
  return {
    title: { zh: '会计科目表', en: 'Chart of accounts' },
    json: {
      accounts: accounts.map((a) => ({ code: a.code, name: a.name, class: a.class, side: a.side, level: a.level, parent: a.parent, leaf: a.isLeaf })),
    },
    sections: [{ columns, rows: accounts.map((a) => ({ code: a.code, name: '  '.repeat(a.level - 1) + a.name, class: a.class, side: a.side, level: a.level })) }],
    csv: [
      {
        columns: columns.map((c) => ({ ...c, en: c.key })),
        rows: accounts.map((a) => ({ code: a.code, name: a.name, class: a.class, side: a.side, level: a.level })),
      },
    ],
  };
}
