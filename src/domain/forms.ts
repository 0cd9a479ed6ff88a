// The official forms as data: one table per form and version. Each line has its 行次 (row), its
// label, the side of the form it stands on, and a formula over account codes, so that a province's
// variant or a later revision of the form is a change of this table, not of code.
//
// Formula language (evaluated by src/domain/form-eval.ts):
//   term ('+' | '-') term …
//   151                    the balance (or the year's movement) of 151 and every account under it,
//                          on the line's normal side: a debit line reads debit − credit, a credit
//                          line credit − debit
//   113(debit per member)  Σ of the members' debit balances on 113 (each member netted first), ≥ 0
//   112(debit per party)   the same per counterparty (往来单位) on 112: rent received ahead is a credit
//                          balance of its contract and shows under 应付款项, never as a negative 应收款项
//   113(credit per member) Σ of the members' credit balances on 113, ≥ 0
//   opening(32202)         the balance at the start of the year (income statement), normal side
//   [5]                    the amount of the line with 行次 5 of the same form
//
// The 2023 system (财会〔2023〕14号) forms, laid out in the style of the 2021 合作社 forms (DOMAIN.md):
// 资产负债表 with 期末余额 | 年初余额, 收益及收益分配表 with 本年金额 | 上年金额.

export type FormSide = 'left' | 'right';

export interface FormLine {
  /** 行次: unique within the form, ascending down the left side, then down the right. */
  row: number;
  label: string;
  /** 加： / 减： printed before the label. */
  prefix?: '加：' | '减：';
  side: FormSide;
  /** The side whose balance counts as positive for plain account codes. */
  normal: 'debit' | 'credit';
  formula: string;
  /** Subtotal or total. */
  total?: boolean;
  /** A heading printed above this line (流动资产：…), which has no 行次 of its own. */
  heading?: string;
}

export interface FormDef {
  id: 'balance-sheet' | 'income';
  version: string;
  title: string;
  titleEn: string;
  /** The form's number printed at its top right (会农01表…). */
  code: string;
  /** The two amount columns. */
  columns: [string, string];
  columnsEn: [string, string];
  lines: FormLine[];
}

const L = (row: number, label: string, formula: string, more: Partial<FormLine> = {}): FormLine => ({
  row,
  label,
  side: 'left',
  normal: 'debit',
  formula,
  ...more,
});
const R = (row: number, label: string, formula: string, more: Partial<FormLine> = {}): FormLine => ({
  row,
  label,
  side: 'right',
  normal: 'credit',
  formula,
  ...more,
});

/** 资产负债表, 2023 system. */
export const BALANCE_SHEET_2023: FormDef = {
  id: 'balance-sheet',
  version: '2023',
  title: '资产负债表',
  titleEn: 'Balance sheet',
  code: '会农01表',
  columns: ['期末余额', '年初余额'],
  columnsEn: ['End of period', 'Start of year'],
  lines: [
    L(1, '货币资金', '101+102', { heading: '流动资产' }),
    L(2, '短期投资', '111'),
    L(3, '应收款项', '112(debit per party)+211(debit per party)+113(debit per member)'),
    L(4, '存货', '121+401'),
    L(5, '消耗性生物资产', '131'),
    L(10, '流动资产合计', '[1]+[2]+[3]+[4]+[5]', { total: true }),
    L(11, '长期投资', '141', { heading: '非流动资产' }),
    L(12, '生产性生物资产原值', '132'),
    L(13, '生产性生物资产累计折旧', '-133', { prefix: '减：' }),
    L(14, '生产性生物资产净值', '[12]-[13]'),
    L(15, '固定资产原值', '151'),
    L(16, '累计折旧', '-152', { prefix: '减：' }),
    L(17, '固定资产净值', '[15]-[16]'),
    L(18, '固定资产清理', '154'),
    L(19, '在建工程', '153'),
    L(20, '无形资产原值', '161'),
    L(21, '累计摊销', '-162', { prefix: '减：' }),
    L(22, '无形资产净值', '[20]-[21]'),
    L(23, '公益性生物资产', '134'),
    L(24, '长期待摊费用', '171'),
    L(25, '待处理财产损溢', '181'),
    L(30, '非流动资产合计', '[11]+[14]+[17]+[18]+[19]+[22]+[23]+[24]+[25]', { total: true }),
    L(35, '资产总计', '[10]+[30]', { total: true }),
    R(36, '短期借款', '201', { heading: '流动负债' }),
    R(37, '应付款项', '112(credit per party)+211(credit per party)+113(credit per member)'),
    R(38, '应付工资', '212'),
    R(39, '应付劳务费', '213'),
    R(40, '应交税费', '214'),
    R(41, '流动负债合计', '[36]+[37]+[38]+[39]+[40]', { total: true }),
    R(42, '长期借款及应付款', '221', { heading: '非流动负债' }),
    R(43, '一事一议资金', '231'),
    R(44, '专项应付款', '241'),
    R(46, '非流动负债合计', '[42]+[43]+[44]', { total: true }),
    R(47, '负债合计', '[41]+[46]', { total: true }),
    R(48, '资本', '301', { heading: '所有者权益' }),
    R(49, '公积公益金', '311'),
    // Before the year is closed the year's income and expense are still in 5xx: they are the
    // undistributed result too.
    R(50, '未分配收益', '321+322+5'),
    R(51, '所有者权益合计', '[48]+[49]+[50]', { total: true }),
    R(52, '负债和所有者权益总计', '[47]+[51]', { total: true }),
  ],
};

const I = (row: number, label: string, normal: 'debit' | 'credit', formula: string, more: Partial<FormLine> = {}): FormLine => ({
  row,
  label,
  side: 'left',
  normal,
  formula,
  ...more,
});

/** 收益及收益分配表, 2023 system. Movements of the year, the year-end closing entries left out. */
export const INCOME_2023: FormDef = {
  id: 'income',
  version: '2023',
  title: '收益及收益分配表',
  titleEn: 'Income and distribution',
  code: '会农02表',
  columns: ['本年金额', '上年金额'],
  columnsEn: ['This year', 'Last year'],
  lines: [
    I(1, '经营收入', 'credit', '501', { heading: '一、收益' }),
    I(2, '经营支出', 'debit', '511', { prefix: '减：' }),
    I(3, '税金及附加', 'debit', '512', { prefix: '减：' }),
    I(4, '管理费用', 'debit', '513', { prefix: '减：' }),
    I(5, '投资收益', 'credit', '502', { prefix: '加：' }),
    I(6, '经营收益', 'credit', '[1]-[2]-[3]-[4]+[5]', { total: true }),
    I(7, '补助收入', 'credit', '503', { prefix: '加：' }),
    I(8, '其他收入', 'credit', '504', { prefix: '加：' }),
    I(9, '公益支出', 'debit', '514', { prefix: '减：' }),
    I(10, '其他支出', 'debit', '515', { prefix: '减：' }),
    I(11, '收益总额', 'credit', '[6]+[7]+[8]-[9]-[10]', { total: true }),
    I(12, '所得税费用', 'debit', '521', { prefix: '减：' }),
    I(13, '本年收益', 'credit', '[11]-[12]', { total: true }),
    I(14, '年初未分配收益', 'credit', 'opening(32202)', { prefix: '加：', heading: '二、收益分配' }),
    I(15, '其他转入', 'credit', '32202'),
    I(16, '可分配收益', 'credit', '[13]+[14]+[15]', { total: true }),
    I(17, '提取公积公益金', 'debit', '3220101', { prefix: '减：' }),
    I(18, '向成员分配', 'debit', '3220102', { prefix: '减：' }),
    I(19, '向投资者分配', 'debit', '3220103', { prefix: '减：' }),
    I(20, '其他', 'debit', '3220104', { prefix: '减：' }),
    I(21, '年末未分配收益', 'credit', '[16]-[17]-[18]-[19]-[20]', { total: true }),
  ],
};

/** Every form, by id and version; the newest version of a form is the default. */
export const FORMS: readonly FormDef[] = [BALANCE_SHEET_2023, INCOME_2023];
