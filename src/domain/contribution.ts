// A contribution (出资、出物料、出工、土地入股) turned into value, shares and voucher lines. Pure.
import { formatFenGrouped, type Decimal, type Fen, type ParseResult } from './money.js';
import { formatUnits, sharesForValue, valueContribution, type ContributionKind } from './shares.js';
import type { VoucherLine } from './voucher.js';
import type { IsoDate } from './dates.js';
import type { Source } from './errors.js';

/** Debit account by kind (CONTRACT "Projects and shares"): each overridable. */
export const DEFAULT_DEBIT: Record<ContributionKind, string> = {
  cash: '102', // 银行存款
  material: '121', // 库存物资
  labor: '153', // 在建工程
  land: '161', // 无形资产: the land 经营权 put in as equity
};

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
  source?: Source;
}
