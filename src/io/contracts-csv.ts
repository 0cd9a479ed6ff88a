// The contracts CSV (发包/出租/流转/入股 contracts and land transfers) and `contract add`.
import { RegisterErrors } from '../domain/errors/registers.js';
import { ContractErrors } from '../domain/errors/contracts.js';
import { Decimal } from '../domain/money.js';
import { CONTRACT_KINDS, type ContractEntry } from '../domain/contracts.js';
import { checkTerm } from '../domain/contract-checks.js';
import type { ColumnSpec } from './csv-read.js';
import type { FieldReader } from './register-fields.js';

export const CONTRACT_COLUMNS: ColumnSpec[] = [
  { key: 'code', zh: '合同编号', aliases: ['合同编码', '编号'], required: true, kind: 'code' },
  { key: 'kind', zh: '类型', aliases: ['合同类型', '流转方式'], required: true, kind: 'choice', values: ['发包', '出租', '流转', '入股'] },
  { key: 'counterparty', zh: '对方', aliases: ['对方单位', '承包方', '承租方'], required: true },
  { key: 'subject', zh: '标的', aliases: ['资源编码', '标的编码'], required: true, kind: 'code', note: '资源编码或资产编码' },
  { key: 'area', zh: '面积', aliases: ['面积（亩）'], required: false, kind: 'number', note: '按亩计租时的面积（不填取资源的面积）' },
  { key: 'start', zh: '开始', aliases: ['开始日期', '起始日期'], required: true, kind: 'date' },
  { key: 'end', zh: '结束', aliases: ['结束日期', '终止日期', '到期日期'], required: true, kind: 'date' },
  { key: 'rentPerMu', zh: '每亩租金', aliases: ['亩租金'], required: false, kind: 'amount', note: '每亩租金、年租金、每亩实物三者填一个' },
  { key: 'annualRent', zh: '年租金', required: false, kind: 'amount' },
  { key: 'escalation', zh: '递增率', aliases: ['递增比例'], required: false, kind: 'percent', note: '如 5 或 5%；不填为不递增' },
  { key: 'escalateEveryYears', zh: '递增周期', aliases: ['递增周期（年）'], required: false, kind: 'int', note: '每几年递增一次（不填为 1）' },
  { key: 'dueMonthDay', zh: '收款日', aliases: ['付款日', '缴款日'], required: false, kind: 'monthDay', note: '每年的收（付）款日，如 03-01（不填为合同开始的月日）' },
  { key: 'direction', zh: '方向', aliases: ['收付方向'], required: false, kind: 'choice', values: ['收', '付'], note: '收：集体收租（默认）；付：集体付租' },
  { key: 'counterpartyId', zh: '证件号码', aliases: ['身份证号', '统一社会信用代码', '信用代码'], required: false, kind: 'id', note: '身份证号或统一社会信用代码；整列请设置为文本格式' },
  { key: 'member', zh: '成员编号', required: false, kind: 'code' },
  { key: 'deposit', zh: '风险保障金', aliases: ['保证金', '押金'], required: false, kind: 'amount' },
  { key: 'inKindQuantity', zh: '每亩实物', aliases: ['实物数量'], required: false, kind: 'number', note: '实物地租：每亩每年的数量' },
  { key: 'inKindItem', zh: '实物品种', aliases: ['实物'], required: false },
  { key: 'inKindUnit', zh: '实物单位', required: false, note: '不填为 斤' },
  { key: 'account', zh: '结算科目', aliases: ['往来科目'], required: false, kind: 'code' },
  { key: 'pnlAccount', zh: '收支科目', aliases: ['收入科目', '费用科目'], required: false, kind: 'code' },
  { key: 'project', zh: '项目', aliases: ['项目编码'], required: false, kind: 'code' },
  { key: 'purpose', zh: '用途', required: false },
  { key: 'note', zh: '备注', required: false },
];

/** A template's example row (its subject is the resources template's example). */
export const CONTRACT_EXAMPLE: Record<string, string>[] = [
  { code: 'HT-2024-01', kind: '发包', counterparty: '李四', subject: 'ZY-001', area: '35.5', start: '2024-01-01', end: '2028-12-31', rentPerMu: '800.00', escalation: '5%', escalateEveryYears: '3', dueMonthDay: '01-01', direction: '收', counterpartyId: '11010519491231002X' },
];

export const CONTRACT_OPTIONS: Record<string, string> = {
  code: 'CODE',
  kind: '--kind',
  counterparty: '--counterparty',
  subject: '--subject',
  area: '--area',
  start: '--start',
  end: '--end',
  rentPerMu: '--rent-per-mu',
  annualRent: '--annual-rent',
  escalation: '--escalation',
  escalateEveryYears: '--escalate-every',
  dueMonthDay: '--due',
  direction: '--direction',
  counterpartyId: '--counterparty-id',
  member: '--member',
  deposit: '--deposit',
  inKindQuantity: '--in-kind',
  inKindItem: '--in-kind-item',
  inKindUnit: '--in-kind-unit',
  account: '--account',
  pnlAccount: '--pnl-account',
  project: '--project',
  purpose: '--purpose',
  note: '--note',
};

/**
 * One contract. Rent is exactly one of: 每亩租金 (with an area, from the row or the resource),
 * 年租金, or rent in kind (每亩实物 + 实物品种, priced per year with `contract price`).
 * The subject, member, accounts, project and overlaps are checked against the ledger by the caller.
 */
export function readContract(r: FieldReader): ContractEntry | null {
  const before = r.errors.length;
  const code = r.text('code', true);
  const kind = r.oneOf('kind', CONTRACT_KINDS, null);
  if (kind === null && r.raw('kind') === '') r.fail('kind', RegisterErrors.REGISTER_REQUIRED('empty', CONTRACT_KINDS));
  const direction = r.oneOf('direction', ['收', '付'] as const, '收');
  const counterparty = r.text('counterparty', true);
  const subject = r.text('subject', true);
  const area = r.area('area');
  const start = r.date('start', true);
  const end = r.date('end', true);
  const term = start && end ? checkTerm(start, end) : null;
  if (term) r.fail(null, term);
  const rentPerMu = r.amount('rentPerMu');
  const annualRent = r.amount('annualRent');
  const qty = r.decimal('inKindQuantity', 4);
  const item = r.text('inKindItem');
  const ways = [rentPerMu !== null, annualRent !== null, qty !== null].filter(Boolean).length;
  const rentGiven = r.raw('rentPerMu') !== '' || r.raw('annualRent') !== '' || r.raw('inKindQuantity') !== '';
  if (ways > 1) {
    r.fail(null, ContractErrors.CONTRACT_RENT('several'));
  } else if (ways === 0 && !rentGiven) {
    r.fail(null, ContractErrors.CONTRACT_RENT('none'));
  }
  if (qty !== null && item === null) r.fail('inKindItem', RegisterErrors.REGISTER_REQUIRED('inKindItem'));
  const escalation = r.percent('escalation', 100);
  const every = r.positiveInt('escalateEveryYears');
  const due = r.monthDay('dueMonthDay');
  const deposit = r.amount('deposit');
  if (r.errors.length > before) return null;
  return {
    code,
    kind: kind!,
    direction: direction!,
    counterparty,
    counterpartyId: r.text('counterpartyId'),
    member: r.text('member'),
    subject,
    area,
    start: start!,
    end: end!,
    rentPerMu,
    annualRent,
    escalation: escalation ?? new Decimal(0),
    escalateEveryYears: every ?? 1,
    dueMonthDay: due,
    deposit: deposit ?? 0,
    inKind: qty !== null ? { quantityPerMu: qty, item: item!, unit: r.text('inKindUnit') ?? '斤' } : null,
    account: r.text('account'),
    pnlAccount: r.text('pnlAccount'),
    project: r.text('project'),
    purpose: r.text('purpose'),
    note: r.text('note'),
  };
}
