// A contribution (出资、出物料、出工、土地入股): its kind and value, checked against the ledger,
// turned into shares and voucher lines. Pure: the ledger is read through ContributionLookup.
import { foldWidth, formatFenGrouped, roundToFen, type Decimal, type Fen, type ParseResult } from './money.js';
import { formatUnits, sharesForValue } from './shares.js';
import type { VoucherDraft, VoucherLine } from './voucher.js';
import type { IsoDate } from './dates.js';
import { withSource, type LedgerError, type Source } from './errors.js';
import { ContributionErrors } from './errors/contributions.js';
import { ShareErrors } from './errors/shares.js';
import { checkActiveMember, type MemberLookup } from './members.js';
import type { Project } from './projects.js';

export type ContributionKind = 'cash' | 'material' | 'labor' | 'land';

export const CONTRIBUTION_KIND_LABELS: Record<ContributionKind, { zh: string; en: string }> = {
  cash: { zh: '现金', en: 'cash' },
  material: { zh: '实物', en: 'material' },
  labor: { zh: '劳务', en: 'labor' },
  land: { zh: '土地', en: 'land' },
};

const KIND_NAMES: Record<string, ContributionKind> = {
  现金: 'cash',
  cash: 'cash',
  实物: 'material',
  物料: 'material',
  material: 'material',
  劳务: 'labor',
  投劳: 'labor',
  labor: 'labor',
  labour: 'labor',
  土地: 'land',
  land: 'land',
};

/** 现金|cash, 实物|物料|material, 劳务|投劳|labor, 土地|land (English case-insensitive); else null. */
export function parseKind(s: string): ContributionKind | null {
  const k = foldWidth(s).trim().toLowerCase();
  return Object.prototype.hasOwnProperty.call(KIND_NAMES, k) ? KIND_NAMES[k] : null;
}

export interface ContributionInput {
  kind: ContributionKind;
  /** 金额 in fen. cash: required. Other kinds: optional, must agree with quantity × unit price. */
  amount?: Fen | null;
  /** 数量: material quantity, 工日 for labor, 亩 for land. */
  quantity?: Decimal | null;
  /** 单价 in 元 (up to 4 decimals): unit price, 日工价 for labor, value per 亩 for land. */
  unitPrice?: Decimal | null;
}

const NEEDS: Record<Exclude<ContributionKind, 'cash'>, { zh: string; en: string }> = {
  material: { zh: '实物出资需要数量和单价', en: 'a material contribution needs a quantity and a unit price' },
  labor: {
    zh: '劳务出资需要数量（工日）和单价（日工价）',
    en: 'a labor contribution needs a quantity (workdays) and a unit price (daily wage)',
  },
  land: {
    zh: '土地出资需要数量（亩）和单价（每亩价值）',
    en: 'a land contribution needs a quantity (mu) and a unit price (value per mu)',
  },
};

/**
 * The value of a contribution in fen.
 * - cash: the amount, which must be given and > 0.
 * - material: round(quantity × unitPrice × 100) fen; labor: 工日 × 日工价; land: 亩 × value per 亩,
 *   each rounded once to the fen, half away from zero. quantity and unitPrice must be given and > 0.
 *   An amount, if given, must be > 0 and equal that value exactly (the error shows both).
 */
export function valueContribution(c: ContributionInput): ParseResult<Fen> {
  const amount = c.amount ?? null;
  if (amount !== null && (!Number.isSafeInteger(amount) || amount <= 0)) {
    return { ok: false, reason: '金额必须大于 0', reasonEn: 'the amount must be greater than 0' };
  }
  if (c.kind === 'cash') {
    if (amount === null) return { ok: false, reason: '现金出资需要金额', reasonEn: 'a cash contribution needs an amount' };
    return { ok: true, value: amount };
  }
  const q = c.quantity ?? null;
  const p = c.unitPrice ?? null;
  if (q === null || p === null) {
    const n = NEEDS[c.kind];
    return { ok: false, reason: n.zh, reasonEn: n.en };
  }
  if (!q.gt(0)) return { ok: false, reason: '数量必须大于 0', reasonEn: 'the quantity must be greater than 0' };
  if (!p.gt(0)) return { ok: false, reason: '单价必须大于 0', reasonEn: 'the unit price must be greater than 0' };
  let value: Fen;
  try {
    value = roundToFen(q.mul(p).mul(100));
  } catch {
    return { ok: false, reason: '数量 × 单价 过大', reasonEn: 'quantity × unit price is too large' };
  }
  if (value <= 0) {
    return {
      ok: false,
      reason: '数量 × 单价 不足 1 分',
      reasonEn: 'quantity × unit price is less than one fen',
    };
  }
  if (amount !== null && amount !== value) {
    return {
      ok: false,
      reason: `金额 ${formatFenGrouped(amount)} 与 数量 × 单价 = ${formatFenGrouped(value)} 不符`,
      reasonEn: `amount ${formatFenGrouped(amount)} does not match quantity × unit price = ${formatFenGrouped(value)}`,
    };
  }
  return { ok: true, value };
}

/** Debit account by kind (CONTRACT "Projects and shares"): each overridable. */
export const DEFAULT_DEBIT: Record<ContributionKind, string> = {
  cash: '102', // 银行存款
  material: '121', // 库存物资
  labor: '153', // 在建工程
  land: '161', // 无形资产: the land 经营权 put in as equity
};

/**
 * Where an account chosen instead of the default may be (its leaves included): cash into money (101
 * 库存现金, 102 银行存款); materials, work and land into what they become (库存物资, 生物资产, 固定资产,
 * 在建工程, 无形资产). Never money for what is not money, nor a receivable (capital put in cancels no
 * debt), an investment or a contra account (累计折旧, 累计摊销).
 */
const THINGS = ['121', '131', '132', '134', '151', '153', '161'] as const;
export const DEBIT_UNDER: Record<ContributionKind, readonly string[]> = {
  cash: ['101', '102'],
  material: THINGS,
  labor: THINGS,
  land: THINGS,
};

/** Land 经营权 with a term is an intangible (161 无形资产), amortised against 162 累计摊销. */
export const AMORTISED_ACCOUNT = '161';

/** Where the value above the par of the shares goes. */
export const SURPLUS_ACCOUNT = '311'; // 公积公益金

/** The share class a contribution of each kind buys. */
export const SHARE_CLASS: Record<ContributionKind, string> = {
  cash: '现金股',
  material: '实物股',
  labor: '劳务股',
  land: '土地股',
};

export interface ContributionTerms {
  kind: ContributionKind;
  member: string;
  memberName: string;
  project: string;
  projectName: string;
  /** 每股金额 in fen. */
  par: Fen;
  capitalAccount: string;
  debitAccount: string;
  amount: Fen | null;
  quantity: Decimal | null;
  unitPrice: Decimal | null;
  item: string | null;
  unit: string | null;
}

export interface ContributionPlan {
  value: Fen;
  units: number;
  capital: Fen;
  remainder: Fen;
  shareClass: string;
  lines: VoucherLine[];
  /** What the voucher's 摘要 says after the contribution number. */
  description: string;
}

/** Value → shares → voucher lines (Dr asset, Cr capital for shares × par, Cr 311 for the rest). */
export function planContribution(t: ContributionTerms): ParseResult<ContributionPlan> {
  const v = valueContribution({ kind: t.kind, amount: t.amount, quantity: t.quantity, unitPrice: t.unitPrice });
  if (!v.ok) return v;
  const value = v.value;
  const { units, capital, remainder } = sharesForValue(value, t.par);
  const dims = { member: t.member, project: t.project };
  const lines: VoucherLine[] = [{ account: t.debitAccount, debit: value, credit: 0, ...dims }];
  if (capital > 0) lines.push({ account: t.capitalAccount, debit: 0, credit: capital, ...dims });
  if (remainder > 0) lines.push({ account: SURPLUS_ACCOUNT, debit: 0, credit: remainder, ...dims });
  return {
    ok: true,
    value: { value, units, capital, remainder, shareClass: SHARE_CLASS[t.kind], lines, description: describe(t, value, units) },
  };
}

function describe(t: ContributionTerms, value: Fen, units: number): string {
  const who = `${t.memberName}`;
  const q = t.quantity?.toString() ?? '';
  const p = t.unitPrice?.toString() ?? '';
  let what: string;
  switch (t.kind) {
    case 'cash':
      what = `现金出资 ${formatFenGrouped(value)}`;
      break;
    case 'material':
      what = `实物出资 ${t.item ?? ''} ${q}${t.unit ?? ''}×${p}`.replace(/\s+/g, ' ');
      break;
    case 'labor':
      what = `投劳 ${q}${t.unit ?? '工日'}×${p}`;
      break;
    case 'land':
      what = `土地入股 ${q}${t.unit ?? '亩'}×${p}`;
      break;
  }
  return `${t.projectName} ${who} ${what}，折 ${formatUnits(units)} 股`;
}

/** A contribution as entered (CLI or CSV row), before it is checked against the ledger. */
export interface ContributionDraft {
  member: string;
  project: string;
  date: IsoDate;
  kind: ContributionKind;
  item: string | null;
  quantity: Decimal | null;
  unit: string | null;
  unitPrice: Decimal | null;
  amount: Fen | null;
  /** Debit account chosen instead of the default of the kind. */
  account: string | null;
  note: string | null;
  /** 期限: land 经营权 put in for this many years is amortised monthly over them (land only). */
  termYears?: number | null;
  source?: Source;
}

/** What checking a contribution needs to know of the ledger (read under the write lock). */
export interface ContributionLookup {
  project(code: string): Project | undefined;
  members: MemberLookup;
  /** The leaf a default debit account resolves to, or why there is no single one. */
  defaultDebit(code: string): { code: string } | { error: LedgerError };
  /** Every check of a voucher against the ledger (accounts, members, projects, open month). */
  checkVoucher(v: VoucherDraft): LedgerError[];
}

/** A contribution that passed every check, with its plan and its voucher (summary without the number). */
export interface ReadyContribution {
  draft: ContributionDraft;
  plan: ContributionPlan;
  debitAccount: string;
  voucher: VoucherDraft;
}

/**
 * One contribution: the project known; the member known, joined and active on the date; a debit
 * account chosen instead of the default must be one its kind may go to (DEBIT_UNDER); the value rule of its
 * kind; and the voucher it posts. Returns every error found, or the contribution ready to post.
 */
export function checkContribution(d: ContributionDraft, lookup: ContributionLookup): { errors: LedgerError[]; ready?: ReadyContribution } {
  const at = d.source;
  const errors: LedgerError[] = [];
  const project = lookup.project(d.project);
  if (!project) errors.push(withSource(ShareErrors.PROJECT_UNKNOWN(d.project), at));
  errors.push(...checkActiveMember(lookup.members, d.member, d.date, 'contribute', at));
  if (d.account !== null && !DEBIT_UNDER[d.kind].some((p) => d.account!.startsWith(p)))
    errors.push(withSource(ContributionErrors.CONTRIBUTION_ACCOUNT(d.account, CONTRIBUTION_KIND_LABELS[d.kind], DEBIT_UNDER[d.kind]), at));
  if (d.termYears && d.kind !== 'land') errors.push(withSource(ContributionErrors.CONTRIBUTION_TERM(String(d.termYears), CONTRIBUTION_KIND_LABELS[d.kind]), at));
  const member = lookup.members.member(d.member);
  if (!project || !member || errors.length) return { errors };
  let debitAccount = d.account ?? DEFAULT_DEBIT[d.kind];
  // The default named is the default (its only leaf), as when no account is given.
  if (d.account === null || d.account === DEFAULT_DEBIT[d.kind]) {
    const r = lookup.defaultDebit(debitAccount);
    if ('error' in r) return { errors: [withSource(r.error, at)] };
    debitAccount = r.code;
  }
  if (d.termYears && !debitAccount.startsWith(AMORTISED_ACCOUNT)) return { errors: [withSource(ContributionErrors.CONTRIBUTION_TERM_ACCOUNT(debitAccount), at)] };
  const plan = planContribution({
    kind: d.kind,
    member: d.member,
    memberName: member.name,
    project: d.project,
    projectName: project.name,
    par: project.par,
    capitalAccount: project.capitalAccount,
    debitAccount,
    amount: d.amount,
    quantity: d.quantity,
    unitPrice: d.unitPrice,
    item: d.item ?? (d.kind === 'material' ? d.note : null),
    unit: d.unit,
  });
  if (!plan.ok) return { errors: [withSource(ContributionErrors.CONTRIBUTION_VALUE(CONTRIBUTION_KIND_LABELS[d.kind], plan.reason, plan.reasonEn), at)] };
  const voucher: VoucherDraft = {
    date: d.date,
    summary: plan.value.description,
    lines: plan.value.lines.map((l) => ({ ...l, source: at })),
    kind: 'contribution',
    source: at,
  };
  const vErrors = lookup.checkVoucher(voucher);
  if (vErrors.length) return { errors: vErrors };
  return { errors: [], ready: { draft: d, plan: plan.value, debitAccount, voucher } };
}

/**
 * A batch of contributions (an import): every error of every row; when there is none, the
 * contributions in date order (stable), so voucher numbers follow the dates within each month.
 */
export function checkContributions(drafts: readonly ContributionDraft[], lookup: ContributionLookup): { errors: LedgerError[]; ready: ReadyContribution[] } {
  const errors: LedgerError[] = [];
  const ready: ReadyContribution[] = [];
  for (const d of drafts) {
    const r = checkContribution(d, lookup);
    errors.push(...r.errors);
    if (r.ready) ready.push(r.ready);
  }
  ready.sort((a, b) => (a.draft.date < b.draft.date ? -1 : a.draft.date > b.draft.date ? 1 : 0));
  return { errors, ready };
}

/** The voucher's 摘要 once the contribution has its number: 出资第N号 …. */
export function contributionSummary(id: number, description: string): string {
  return `出资第${id}号 ${description}`;
}

/** A stored contribution with the member's name and its voucher's number, for lists. */
export interface ContributionRecord {
  id: number;
  project: string;
  member: string;
  name: string;
  date: IsoDate;
  kind: ContributionKind;
  item: string | null;
  quantity: string | null;
  unit: string | null;
  unitPrice: string | null;
  amount: Fen;
  units: number;
  capital: Fen;
  remainder: Fen;
  debitAccount: string;
  voucherId: number;
  voucherPeriod: string;
  voucherNumber: number;
  note: string | null;
  /** contribution cancel: when and why; null while in force. */
  cancelledAt: string | null;
  cancelReason: string | null;
}
