// The assets CSV (资产卡片) and `asset add`: columns and the reading of one card.
import { InputErrors } from '../domain/errors/input.js';
import { RegisterErrors } from '../domain/errors/registers.js';
import { Decimal } from '../domain/money.js';
import { isLand } from '../domain/depreciation.js';
import { ASSET_STATUSES, depreciableChoice, type AssetCard } from '../domain/assets.js';
import type { ColumnSpec } from './csv-read.js';
import type { FieldReader } from './register-fields.js';

export const ASSET_COLUMNS: ColumnSpec[] = [
  { key: 'code', zh: '资产编码', aliases: ['资产编号', '编码'], required: true, kind: 'code' },
  { key: 'name', zh: '名称', aliases: ['资产名称'], required: true },
  { key: 'category', zh: '类别', aliases: ['资产类别'], required: true, note: '如 房屋及建筑物、机器设备、土地；土地不计提折旧' },
  { key: 'acquired', zh: '取得日期', aliases: ['购入日期', '建成日期', '购建日期'], required: true, kind: 'date' },
  { key: 'cost', zh: '原值', aliases: ['原值（元）'], required: true, kind: 'amount' },
  { key: 'residualRate', zh: '残值率', aliases: ['净残值率', '预计净残值率'], required: false, kind: 'percent', note: '如 5 或 5%，都表示百分之五；不填为 0' },
  { key: 'lifeYears', zh: '使用年限', aliases: ['预计使用年限'], required: false, kind: 'number', note: '计提折旧的资产必填' },
  { key: 'method', zh: '折旧方法', required: false, kind: 'choice', values: ['年限平均法', '工作量法'], note: '不填为 年限平均法' },
  { key: 'expenseAccount', zh: '费用科目', aliases: ['折旧费用科目'], required: false, kind: 'code', note: '折旧记入的费用科目，计提折旧的资产必填' },
  { key: 'status', zh: '状态', aliases: ['使用状态'], required: false, kind: 'choice', values: ['在用', '出租', '闲置'], note: '不填为 在用' },
  { key: 'spec', zh: '规格型号', aliases: ['规格'], required: false },
  { key: 'location', zh: '坐落位置', aliases: ['坐落', '存放地点'], required: false },
  { key: 'keeper', zh: '保管人', required: false },
  { key: 'operating', zh: '是否经营性', aliases: ['经营性'], required: false, kind: 'bool', values: ['是', '否'] },
  { key: 'povertyRelief', zh: '是否扶贫资产', aliases: ['扶贫资产'], required: false, kind: 'bool', values: ['是', '否'] },
  { key: 'lessee', zh: '承租方', required: false },
  { key: 'annualRent', zh: '年租金', required: false, kind: 'amount' },
  { key: 'depreciable', zh: '是否计提折旧', aliases: ['计提折旧'], required: false, kind: 'bool', values: ['是', '否'], note: '不填时按类别和状态决定' },
  { key: 'project', zh: '项目', aliases: ['项目编码'], required: false, kind: 'code' },
  { key: 'note', zh: '备注', required: false },
];

/** A template's example row. */
export const ASSET_EXAMPLE: Record<string, string>[] = [
  {
    code: 'GD-001',
    name: '村委办公楼',
    category: '房屋及建筑物',
    acquired: '2020-06-30',
    cost: '500000.00',
    residualRate: '5%',
    lifeYears: '20',
    method: '年限平均法',
    expenseAccount: '513',
    status: '在用',
    location: '村委会',
    keeper: '张三',
    operating: '否',
  },
];

/** The command-line option of each column of `asset add`. */
export const ASSET_OPTIONS: Record<string, string> = {
  code: 'CODE',
  name: '--name',
  category: '--category',
  acquired: '--acquired',
  cost: '--cost',
  residualRate: '--residual-rate',
  lifeYears: '--life-years',
  method: '--method',
  expenseAccount: '--expense-account',
  status: '--status',
  spec: '--spec',
  location: '--location',
  keeper: '--keeper',
  operating: '--operating',
  povertyRelief: '--poverty-relief',
  lessee: '--lessee',
  annualRent: '--annual-rent',
  depreciable: '--depreciable',
  project: '--project',
  note: '--note',
};

/**
 * One asset card. Land (类别 含 土地) needs no life, rate or expense account and is never
 * depreciated; any other depreciated asset needs 使用年限 and 费用科目 (残值率 defaults to 0).
 * The account and project are checked against the ledger by the caller.
 */
export function readAsset(r: FieldReader): AssetCard | null {
  const before = r.errors.length;
  const code = r.text('code', true);
  const name = r.text('name', true);
  const category = r.text('category', true);
  const acquired = r.date('acquired', true);
  const cost = r.amount('cost', true);
  const residualRate = r.percent('residualRate', 100);
  const lifeYears = r.decimal('lifeYears', 2);
  const methodRaw = r.raw('method');
  const method = methodRaw === '' || /直线|年限平均/.test(methodRaw) ? '年限平均法' : methodRaw === '工作量法' ? '工作量法' : null;
  if (method === null) r.fail('method', RegisterErrors.CHOICE(methodRaw, 'method'));
  const status = r.oneOf('status', ASSET_STATUSES, '在用');
  if (status === '处置') r.fail('status', RegisterErrors.CHOICE(status, 'disposed'));
  const land = isLand(category);
  const choice = depreciableChoice(category, status ?? '在用', r.bool('depreciable'));
  if (choice.error) r.fail('depreciable', choice.error);
  const dep = choice.depreciable;
  const expenseAccount = r.text('expenseAccount');
  if (residualRate && residualRate.gte(1)) r.fail('residualRate', RegisterErrors.RATE({ max: 100, below: true }));
  // Land has no life: a 0 written there (as accountants do) is taken as none; a negative one is still wrong.
  if (lifeYears !== null && (lifeYears.lt(0) || (lifeYears.eq(0) && !land))) r.fail('lifeYears', InputErrors.NUMBER('须大于 0', 'must be more than 0 years'));
  // A life shorter than a month would charge more than the cost in a month; one of more than a
  // century is a slip (years typed as months, or days).
  else if (lifeYears !== null && lifeYears.gt(0) && (lifeYears.mul(12).lt(1) || lifeYears.gt(100)))
    r.fail('lifeYears', InputErrors.NUMBER('须在 1 个月（0.09 年）至 100 年之间', 'must be from a month (0.09 years) to 100 years'));
  if (dep && !land) {
    if (lifeYears === null && r.raw('lifeYears') === '') r.fail('lifeYears', RegisterErrors.REGISTER_REQUIRED('life'));
    if (expenseAccount === null) r.fail('expenseAccount', RegisterErrors.REGISTER_REQUIRED('expenseAccount'));
  }
  const operating = r.bool('operating') ?? false;
  const povertyRelief = r.bool('povertyRelief') ?? false;
  const annualRent = r.amount('annualRent');
  if (r.errors.length > before) return null;
  return {
    code,
    name,
    category,
    spec: r.text('spec'),
    location: r.text('location'),
    keeper: r.text('keeper'),
    acquired: acquired!,
    cost: cost!,
    residualRate: residualRate ?? new Decimal(0),
    lifeYears: land ? null : lifeYears,
    method: method!,
    expenseAccount,
    status: status!,
    operating,
    povertyRelief,
    lessee: r.text('lessee'),
    annualRent,
    depreciable: !land && dep,
    project: r.text('project'),
    note: r.text('note'),
  };
}
